"""Named personas, shared by every test: who may do what is the heart of the product.

- secretary: the board secretary, manages everything (admin site, every object)
- editor_a: acts for organisation A (the employment authority of area A)
- editor_b: acts for organisation B (a wellbeing services county of area A)
- member: a steering-group member who may see area A but acts for no organisation
- outsider: logged in, but given access to nothing
- anonymous: not logged in (the plain `client` fixture)
"""

import os
from dataclasses import dataclass

import pytest
from django.test import Client

from organisations import access, services
from organisations.models import Organisation
from tests import pg_flush
from tests.factories import (
    EmploymentAreaFactory,
    OrganisationFactory,
    ParticipationFactory,
    PersonFactory,
    UserFactory,
)

# The transactional tests' cleanup deletes the rows instead of truncating every table (tests/pg_flush.py).
pg_flush.install()


def verified_device(user):
    """A confirmed authenticator for USER (the second factor, #14), with a key the tests know."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _created = TOTPDevice.objects.get_or_create(
        user=user,
        name="test",
        defaults={"confirmed": True, "key": "3132333435363738393031323334353637383930"},
    )
    return device


@pytest.fixture(autouse=True)
def _test_logins_give_the_second_factor(monkeypatch):
    """Client.force_login, the tests' shortcut past the login form, also marks the second factor given
    for users who need it, as a real login followed by a code would. tests/test_second_factor.py walks
    the real flow without this shortcut."""
    from django_otp import DEVICE_ID_SESSION_KEY

    from organisations.second_factor import needs_second_factor

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        if needs_second_factor(user):
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = verified_device(user).persistent_id
            session.save()

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings):
    """pytest-django's (the worker's name on the test database), then on PostgreSQL the test database
    copied from a migrated template instead of migrated again (tests/pg_template.py)."""
    from tests import pg_template

    copied = pg_template.copy_for_this_worker()
    _skipping_migrate(copied)
    return copied


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """pytest-django's, which ran with `migrate` skipped when the database was just copied from the
    template (django_db_modify_db_settings); Django's own call_command is back for the tests."""
    _skipping_migrate(False)
    return django_db_setup


_CALL_COMMAND: list = []


def _skipping_migrate(skip: bool) -> None:
    """A test database just copied from the migrated template is not migrated again: `migrate` with
    nothing to apply still renders the whole model state, about 40 s at the start of each worker (#32).
    The template's fingerprint covers every migration, the settings and the packages, so the copy
    already has every table, content type and permission."""
    from django.core import management

    if skip and not _CALL_COMMAND:
        original = management.call_command
        _CALL_COMMAND.append(original)

        def call_command(name, *args, **kwargs):  # type: ignore[no-untyped-def]
            if name == "migrate":
                return None
            return original(name, *args, **kwargs)

        management.call_command = call_command
    elif not skip and _CALL_COMMAND:
        management.call_command = _CALL_COMMAND.pop()


@pytest.fixture(scope="session")
def django_db_keepdb(django_db_keepdb, django_db_modify_db_settings):
    """Keep (do not recreate) the test database when it was just copied from the template."""
    return django_db_keepdb or bool(django_db_modify_db_settings)


@pytest.fixture(scope="module")
def demo_for_module(django_db_setup, django_db_blocker):
    """The first real case (load_demo) loaded once for a whole test module and rolled back after its
    last test: each test still runs in its own savepoint inside it, so what one test changes the next
    never sees. Only for modules whose every test uses it (the data is there for all of them) and none
    is a browser test (those need their own committed transactions) (#32 item 1)."""
    from django.core.management import call_command
    from django.db import transaction

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_demo", verbosity=0)
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def demo(demo_for_module, db):
    """The first real case, loaded once per module (demo_for_module), for a test with the database."""


@pytest.fixture
def area(db):
    """One employment area and nothing else, for tests that need no people or rights."""
    return EmploymentAreaFactory(code="area-a", name_fi="Alueen A työllisyysalue")


@pytest.fixture
def user(db):
    """One plain user with the factory's password, given no rights."""
    return UserFactory(username="member")


@dataclass
class World:
    area: object
    org_a: object
    org_b: object
    other_area: object
    other_org: object
    secretary: object
    editor_a: object
    editor_b: object
    member: object
    outsider: object


@pytest.fixture
def world(db) -> World:
    area = EmploymentAreaFactory(code="area-a", name_fi="Alueen A työllisyysalue")
    org_a = OrganisationFactory(
        kind=Organisation.Kind.EMPLOYMENT_AUTHORITY, name_fi="Kaupunki A", business_id="0100001-0"
    )
    org_b = OrganisationFactory(name_fi="Hyvinvointialue B", business_id="3221318-2")
    ParticipationFactory(area=area, organisation=org_a)
    ParticipationFactory(area=area, organisation=org_b)
    area.employment_authority = org_a
    area.save()
    other_area = EmploymentAreaFactory(code="area-z", name_fi="Toinen työllisyysalue")
    other_org = OrganisationFactory(name_fi="Muu organisaatio", business_id="3221308-6")
    ParticipationFactory(area=other_area, organisation=other_org)

    secretary = UserFactory(username="secretary")
    access.make_secretary(secretary)
    editor_a = UserFactory(username="editor_a")
    PersonFactory(organisation=org_a, user=editor_a, first_name="Aino", last_name="Editori")
    services.make_editor(editor_a, org_a, area.cooperation)
    editor_b = UserFactory(username="editor_b")
    PersonFactory(organisation=org_b, user=editor_b, first_name="Bertta", last_name="Editori")
    services.make_editor(editor_b, org_b, area.cooperation)
    member = UserFactory(username="member")
    services.grant_area_view(member, area)  # a viewer of area A's cooperation, through its authority
    outsider = UserFactory(username="outsider")
    return World(area, org_a, org_b, other_area, other_org, secretary, editor_a, editor_b, member, outsider)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def as_secretary(world) -> Client:
    return client_for(world.secretary)


@pytest.fixture
def as_editor_a(world) -> Client:
    return client_for(world.editor_a)


@pytest.fixture
def as_editor_b(world) -> Client:
    return client_for(world.editor_b)


@pytest.fixture
def as_member(world) -> Client:
    return client_for(world.member)


@pytest.fixture
def as_outsider(world) -> Client:
    return client_for(world.outsider)


@dataclass
class GroupWorld:
    group: object
    kela: object
    nomination_a: object
    nomination_b: object
    nomination_kela: object
    chair: object
    vice_chair: object
    kela_member: object
    people: dict


@pytest.fixture
def group_world(world) -> GroupWorld:
    """A steering group in area A that meets every rule: a compliant baseline each test breaks once."""
    import datetime

    from governance import services
    from governance.models import Membership, SteeringGroup

    kela = OrganisationFactory(
        kind=Organisation.Kind.KELA, name_fi="Kansaneläkelaitos", business_id="0246246-0"
    )
    group = SteeringGroup.objects.create(
        cooperation=world.area.cooperation,
        set_up_by="Lautakunta",
        set_up_on=datetime.date(2025, 3, 20),
        set_up_reference="§ 16/2025",
        term_start=datetime.date(2025, 4, 1),
        term_end=datetime.date(2030, 3, 31),
    )
    people = {}
    for key, org in [
        ("a1", world.org_a),
        ("a2", world.org_a),
        ("a3", world.org_a),
        ("a4", world.org_a),
        ("b1", world.org_b),
        ("b2", world.org_b),
        ("b3", world.org_b),
        ("b4", world.org_b),
        ("k1", kela),
        ("k2", kela),
        ("k3", kela),
    ]:
        people[key] = PersonFactory(organisation=org, first_name=key.upper(), last_name=f"Henkilö{key}")
    actor = world.secretary
    nomination_a = services.record_nomination(
        group=group,
        organisation=world.org_a,
        actor=actor,
        decided_by_body="Lautakunta",
        decided_on=datetime.date(2025, 3, 20),
        reference="§ 16/2025",
    )
    nomination_b = services.record_nomination(
        group=group,
        organisation=world.org_b,
        actor=actor,
        decided_by=people["b4"],
        decided_on=datetime.date(2025, 1, 3),
        reference="päätös 3.1.2025",
    )
    nomination_kela = services.record_nomination(
        group=group,
        organisation=kela,
        actor=actor,
        decided_by=people["k3"],
        decided_on=datetime.date(2024, 12, 13),
        reference="päätös 13.12.2024",
    )
    chair = services.seat_member(
        nomination=nomination_a,
        person=people["a1"],
        deputy=people["a2"],
        role=Membership.Role.CHAIR,
        actor=actor,
    )
    vice_chair = services.seat_member(
        nomination=nomination_b,
        person=people["b1"],
        deputy=people["b2"],
        role=Membership.Role.VICE_CHAIR,
        actor=actor,
    )
    kela_member = services.seat_member(
        nomination=nomination_kela, person=people["k1"], deputy=people["k2"], actor=actor
    )
    for capacity, person in [("leading", people["a3"]), ("deputy", people["a4"])]:
        services.appoint_leader(
            group=group,
            actor=actor,
            capacity=capacity,
            person=person,
            approved_on=datetime.date(2025, 5, 1),
            named_on=datetime.date(2025, 5, 20),
            term_start=datetime.date(2025, 6, 1),
            term_end=datetime.date(2030, 3, 31),
            administrative_employer=world.org_a,
        )
    return GroupWorld(
        group, kela, nomination_a, nomination_b, nomination_kela, chair, vice_chair, kela_member, people
    )


@pytest.fixture
def published(world):
    """Minutes of a board in area A, published on 4.3.2026: a public section naming a person, and a
    non-public one."""
    import datetime

    from decisions import services
    from decisions.models import Annex, Body

    D = datetime.date
    actor = world.secretary
    body = Body.objects.create(area=world.area, code="lautakunta", name_fi="Lautakunta", kind="municipal")
    meeting = services.create_meeting(body=body, actor=actor, date=D(2026, 3, 2))
    public = services.add_item(
        meeting=meeting,
        actor=actor,
        title="Liisa Virtasen hakemus",
        proposal="Hyväksytään Liisa Virtasen hakemus.",
        personal_data="Liisa Virtasen",
        title_sv="Liisa Virtasens ansökan",
    )
    Annex.objects.create(item=public, number=1, title="Liisa Virtasen liite")
    secret = services.add_item(
        meeting=meeting,
        actor=actor,
        title="Salainen henkilöstöasia",
        proposal="Salassa pidettävä.",
        public=False,
    )
    from organisations.models import Person

    person = Person.objects.create(organisation=world.org_a, first_name="P", last_name="Q")
    services.record_attendance(meeting=meeting, actor=actor, person=person, capacity="member")
    for item in (public, secret):
        services.record_decision(
            item=item,
            outcome="as_proposed",
            decision=item.proposal,
            decision_sv="",
            actor=actor,
            parts=[("rectification", "", "")],
            today=D(2026, 3, 2),
        )
    services.check_minutes(meeting=meeting, checkers=[person], checked_on=D(2026, 3, 3), actor=actor)
    services.publish_minutes(meeting=meeting, published_on=D(2026, 3, 4), actor=actor)
    return body, public, secret


# Browser tests (tests/browser.py): one Chromium for the session, a fresh context for each test.


@pytest.fixture(scope="session")
def browser():
    from tests.browser import CHROMIUM, LAUNCH_ARGS
    from tests.tools import require

    require(os.path.exists(CHROMIUM), "Debian's Chromium (apt-get install chromium)", "REQUIRE_BROWSER")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, transactional_db, world, live_server):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    yield page
    context.close()


# The modules with the longest tests, longest first (#32). pytest-xdist's worksteal gives each worker
# a contiguous share of the tests and, when one runs dry, moves tests from the END of the other's
# queue: a long test late in a queue can run alone while the other worker idles. Run first (within
# pytest-django's order: database tests, then transactional ones, then the rest, which this keeps),
# they overlap with the short tests and the queues' tails stay short. Only the order changes.
LONGEST_FIRST = [
    "test_admin_accessibility.py",
    "test_cooperation.py",
    "test_api_schemathesis.py",
    "test_accessibility_sweep.py",
    "test_phone_layout.py",
    "test_backups.py",
    "test_year_browser.py",
    "test_case_files.py",
    "test_fuzz.py",
    "test_tenancy.py",
    "test_onboarding_browser.py",
    "test_accessibility.py",
    "test_people_browser.py",
    "test_front_page_scale.py",
    "test_admin_scale.py",
    "test_celery_worker.py",
]


def _kind(item) -> int:
    """pytest-django's place for ITEM: 0 database, 1 transactional database, 2 no database."""
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", [])
    kwargs = marker.kwargs if marker else {}
    transactional = bool(kwargs.get("transaction") or kwargs.get("reset_sequences"))
    if transactional or "transactional_db" in fixtures or "live_server" in fixtures:
        return 1
    return 0 if marker or "db" in fixtures else 2


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    # pytest-django has put the tests in its order (tryfirst); a module of LONGEST_FIRST moves to the
    # front of its kind's run, the rest keep their order. Should the kinds here ever disagree with
    # pytest-django's, nothing is moved.
    kinds = [_kind(item) for item in items]
    if kinds != sorted(kinds):
        return
    rank = {name: place for place, name in enumerate(LONGEST_FIRST)}
    keys = {
        id(item): (kind, rank.get(item.path.name, len(rank)), place)
        for place, (item, kind) in enumerate(zip(items, kinds, strict=True))
    }
    items.sort(key=lambda item: keys[id(item)])
