"""One installation, many cooperations (#26): people of one cooperation neither see, change nor
disturb another. Cooperation A is the first real case (load_demo); cooperation B is a second one that
shares A's wellbeing services county and Kela, the organisations through which rights used to leak.

The matrix: A's secretary walks every portal page of A from the front page, collecting each link and
each form's address; then every persona of B asks for each of them, GET and POST, and is answered 404
with nothing changed in the database. Every URL pattern that takes an object is either reached by
the walk or named in UNREACHED with the reason. The API is tried the same way, endpoint by endpoint.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import Resolver404

from organisations import access, services
from organisations.models import Cooperation, Grant, Organisation, Participation, Person
from tests.conftest import client_for
from tests.factories import EmploymentAreaFactory, OrganisationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.usefixtures("demo")

# Pages anyone may open, signed in or not, and pages about the user themself: not objects of a
# cooperation, so nothing to refuse.
NOT_A_COOPERATIONS = re.compile(
    r"^/(static|media|admin|accounts|i18n|api/docs|api/schema|public|julkinen|offentlig|healthz|"
    r"second-factor|logout|saavutettavuus|tietosuoja|laskuri|calendar|kalenteri)"
)
# URL patterns that take an object of a cooperation but that the walk cannot reach from A's pages,
# with why; each is tried by hand below or needs no refusal.
UNREACHED = {
    "calendar-feed": "a personal token, not an object of a cooperation",
    "public-index": "the public web page of a body: for everyone by law",
    "public-item": "a published decision on the public web: for everyone by law",
    "public-item-pdf": "a published decision on the public web: for everyone by law",
    "api-token-revoke": "the user's own API token",
    "notification-read": "the user's own notification",
    "password_reset_confirm": "Django's password reset",
    "public-feed": "the public web page's feed of a body: for everyone by law",
    # Kinds of record the first case has none of and that need uploaded files or a decided appeal to
    # exist; their lookups are the same functions as their siblings' and are refused across
    # cooperations in tests/test_archive.py and tests/test_claims.py.
    "archive-download": "no archived document in the first case (tests/test_archive.py)",
    "archive-edit": "no archived document in the first case (tests/test_archive.py)",
    "claim-assess": "no claim in the first case (tests/test_claims.py)",
    "claim-decide": "no claim in the first case (tests/test_claims.py)",
    "signature-evidence": "no signature scan in the first case (agreements.access.get_signature_for_user)",
}


def _add_records_the_case_lacks(a: Cooperation) -> None:
    """Records of kinds the first case has none of, so that their addresses are tried too: a right
    given in A, an attendance, an access-right application, a termination notice sent to the other
    parties, and the development day's invoices."""
    import datetime

    from accessrights import services as access_rights
    from agreements.models import Agreement, Notice, NoticeDelivery
    from costs import services as costs
    from costs.models import DevelopmentDay
    from decisions.models import Attendance, Meeting

    jamsa = Organisation.objects.get(name_fi="Jämsän kaupunki")
    viewer = UserFactory(username="a-viewer")
    services.grant(user=viewer, role=Grant.Role.VIEWER, organisation=jamsa, cooperation=a)
    person = Person.objects.filter(organisation=jamsa).first()
    meeting = Meeting.objects.filter(body__area__cooperation=a).first()
    Attendance.objects.create(meeting=meeting, person=person, capacity="other")
    access_rights.apply(
        actor=None,
        cooperation=a,
        organisation=jamsa,
        person=person,
        role="käsittelijä",
        applied_on=datetime.date(2026, 1, 5),
        applied_by="Esihenkilö",
    )
    agreement = Agreement.objects.filter(cooperation=a).first()
    parties = list(agreement.parties.all())
    notice = Notice.objects.create(
        agreement=agreement, from_party=parties[0], dated_on=datetime.date(2026, 3, 2)
    )
    NoticeDelivery.objects.create(notice=notice, to_party=parties[1])
    for day in DevelopmentDay.objects.filter(group__cooperation=a, status="open"):
        with contextlib.suppress(Exception):  # a day without costs or people has nothing to invoice
            costs.prepare_invoices(day=day, actor=None, today=day.date)


def _made(a: Cooperation) -> dict[str, str]:
    """Addresses of A's objects that the walk does not meet in the first case's state (a draft
    agreement's approval, a claim's decision, forms behind a finished meeting...), made by hand."""
    from accessrights.models import AccessRight
    from agreements.models import Agreement, NoticeDelivery, Signature
    from archive.models import ArchivedDocument
    from costs.models import DevelopmentDay, Invoice, Registration
    from decisions.models import AgendaItem, Attendance, Claim, Meeting
    from staffing.models import Objective

    agreement = Agreement.objects.filter(cooperation=a).first()
    item = AgendaItem.objects.filter(meeting__body__area__cooperation=a).first()
    meeting = Meeting.objects.filter(body__area__cooperation=a).first()
    code = a.code
    grant = Grant.objects.filter(cooperation=a).first()
    made: dict[str, tuple] = {
        "agreement-approve": (agreement,),
        "agreement-back-to-draft": (agreement,),
        "agreement-section-create": (agreement,),
        "agreement-send": (agreement,),
        "amendment-create": (agreement,),
        "notice-create": (agreement,),
        "annex-create": (item,),
        "decision-record": (item,),
        "item-edit": (item,),
        "attendance-create": (meeting,),
        "item-create": (meeting,),
        "meeting-check": (meeting,),
        "meeting-edit": (meeting,),
        "meeting-publish": (meeting,),
        "attendance-remove": (Attendance.objects.filter(meeting__body__area__cooperation=a).first(),),
        "claim-assess": (Claim.objects.filter(item__meeting__body__area__cooperation=a).first(),),
        "claim-decide": (Claim.objects.filter(item__meeting__body__area__cooperation=a).first(),),
        "day-reopen": (DevelopmentDay.objects.filter(group__cooperation=a).first(),),
        # the forms of an open day (the day is invoiced above, which closes them)
        "cost-item-create": (DevelopmentDay.objects.filter(group__cooperation=a).first(),),
        "day-invoices": (DevelopmentDay.objects.filter(group__cooperation=a).first(),),
        "day-register": (DevelopmentDay.objects.filter(group__cooperation=a).first(),),
        "registration-cancel": (Registration.objects.filter(day__group__cooperation=a).first(),),
        "invoice-pdf": (Invoice.objects.filter(day__group__cooperation=a).first(),),
        "invoice-status": (Invoice.objects.filter(day__group__cooperation=a).first(),),
        "delivery-record": (NoticeDelivery.objects.filter(notice__agreement__cooperation=a).first(),),
        "archive-download": (ArchivedDocument.objects.filter(cooperation=a).first(),),
        "archive-edit": (ArchivedDocument.objects.filter(cooperation=a).first(),),
        "objective-decide": (Objective.objects.filter(group__cooperation=a).first(),),
        "signature-evidence": (Signature.objects.filter(version__agreement__cooperation=a).first(),),
        "access-right-step": (AccessRight.objects.filter(cooperation=a).first(), "end"),
        "people-withdraw": (code, grant),
        "people-deactivate": (code, grant.user if grant else None),
        "people-link-person": (code, grant.user if grant else None),
        "public-feed": (None,),
    }
    found = {}
    for name, args in made.items():
        if name == "public-feed" or any(arg is None for arg in args):
            continue
        found[reverse(name, args=[getattr(arg, "pk", arg) for arg in args])] = name
    return found


@dataclass
class B:
    cooperation: Cooperation
    personas: dict[str, object]
    both: object


def _b(demo_cooperation: Cooperation) -> B:
    county = Organisation.objects.get(name_fi="Keski-Suomen hyvinvointialue")
    kela = Organisation.objects.get(kind=Organisation.Kind.KELA)
    area = EmploymentAreaFactory(code="toinen-alue", name_fi="Toinen työllisyysalue")
    authority = OrganisationFactory(
        kind=Organisation.Kind.EMPLOYMENT_AUTHORITY, name_fi="Toinen kaupunki", business_id="3221308-6"
    )
    cooperation = area.cooperation
    Participation.objects.create(cooperation=cooperation, organisation=authority, names_chair=True)
    Participation.objects.create(cooperation=cooperation, organisation=county, names_vice_chair=True)
    area.employment_authority = authority
    area.save()
    personas = {}
    for name, role, organisation in [
        ("b-secretary", Grant.Role.SECRETARY, authority),
        ("b-editor", Grant.Role.EDITOR, authority),
        ("b-county-editor", Grant.Role.EDITOR, county),  # the county takes part in A too
        ("b-kela-editor", Grant.Role.EDITOR, kela),  # so does Kela
        ("b-viewer", Grant.Role.VIEWER, county),
    ]:
        user = UserFactory(username=name)
        PersonFactory(organisation=organisation, user=user, first_name=name.title(), last_name="Bee")
        services.grant(user=user, role=role, organisation=organisation, cooperation=cooperation)
        personas[name] = user
    # One person with rights in both: an editor for Kela in B, a viewer in A.
    both = UserFactory(username="both")
    services.grant(user=both, role=Grant.Role.EDITOR, organisation=kela, cooperation=cooperation)
    services.grant(user=both, role=Grant.Role.VIEWER, organisation=county, cooperation=demo_cooperation)
    return B(cooperation, personas, both)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.get: set[str] = set()
        self.post: set[str] = set()
        self._form: str | None = None

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.get.add(attributes["href"] or "")
        if tag == "form":
            action = attributes.get("action") or ""
            if (attributes.get("method") or "get").lower() == "post":
                self.post.add(action)
            else:
                self.get.add(action)


def _portal(url: str) -> str | None:
    """URL as a path of this portal worth trying, or None."""
    parts = urlsplit(url)
    if parts.scheme not in ("", "http") or (parts.netloc and parts.netloc != "testserver"):
        return None
    path = parts.path
    if not path.startswith("/") or NOT_A_COOPERATIONS.match(path) or path.startswith("/api/"):
        return None
    return path


LEAVES = re.compile(r"\.(pdf|csv|xlsx|ics|zip|json)$|/export/|/download/")


def _walk(client, start: str, per_pattern: int = 3) -> tuple[dict[str, str], dict[str, str]]:
    """Every portal address reachable from START: {path: url name} for links and for POST forms. A
    few pages of each pattern are opened (their links are alike); files are noted, not rendered."""
    seen: dict[str, str] = {}
    posts: dict[str, str] = {}
    opened: dict[str, int] = {}
    queue = [start]
    while queue:
        path = queue.pop(0)
        if path in seen:
            continue
        try:
            name = resolve(path).url_name or ""
        except Resolver404:
            continue
        seen[path] = name
        if LEAVES.search(path) or opened.get(name, 0) >= per_pattern:
            continue
        opened[name] = opened.get(name, 0) + 1
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = _Links()
        parser.feed(response.content.decode())
        for href in parser.get:
            found = _portal(urljoin(path, href))
            if found and found not in seen:
                queue.append(found)
        for action in parser.post:
            found = _portal(urljoin(path, action or path))
            if found:
                with contextlib.suppress(Resolver404):
                    posts.setdefault(found, resolve(found).url_name or "")
    return seen, posts


def _patterns_taking_an_object() -> set[str]:
    names: set[str] = set()

    def walk(patterns, prefix=""):  # type: ignore[no-untyped-def]
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern) and pattern.name:
                route = prefix + str(pattern.pattern)
                if "<" in route and not _skipped(route):
                    names.add(pattern.name)

    walk(get_resolver().url_patterns)
    return names


def _skipped(route: str) -> bool:
    return route.startswith(("admin/", "api/", "static/", "media/", "accounts/", "i18n/"))


def _fingerprint() -> dict[str, int]:
    """How many rows each table of the domain apps has, and the newest history row of each: a change
    anywhere shows."""
    found = {}
    for model in apps.get_models():
        if model._meta.app_label in settings.DOMAIN_APPS or model._meta.app_label == "auth":
            manager = model._base_manager
            last = manager.order_by("-pk").values_list("pk", flat=True).first()
            found[model._meta.label] = (manager.count(), last)
    return found


def _give_the_second_factor(client, user) -> None:
    from django_otp import DEVICE_ID_SESSION_KEY

    from tests.conftest import verified_device

    session = client.session
    session[DEVICE_ID_SESSION_KEY] = verified_device(user).persistent_id
    session.save()


@pytest.fixture(scope="module")
def walked(demo_for_module, django_db_blocker):
    """A's portal as its own secretary walks it (once for the module, inside the loaded case)."""
    with django_db_blocker.unblock():
        _add_records_the_case_lacks(Cooperation.objects.get(code="etela-keski-suomi"))
        # A national administrator sees every form of A (the only cooperation yet), editors' included.
        walker = UserFactory(username="a-walker")
        access.make_secretary(walker)
        client = client_for(walker)
        _give_the_second_factor(client, walker)  # the autouse fixture is per test, this is per module
        pages, posts = _walk(client, reverse("dashboard"))
        made = _made(Cooperation.objects.get(code="etela-keski-suomi"))
        pages.update(made)
        posts.update(made)
        walker.totpdevice_set.all().delete()
        walker.delete()
    return pages, posts


def test_the_walk_reaches_every_pattern_that_takes_an_object(walked):
    pages, posts = walked
    reached = set(pages.values()) | set(posts.values())
    missing = _patterns_taking_an_object() - reached - set(UNREACHED)
    assert not missing, f"not reached from A's pages and not explained in UNREACHED: {sorted(missing)}"


def test_every_persona_of_b_is_refused_every_object_of_a_and_changes_nothing(walked):
    pages, posts = walked
    a = Cooperation.objects.get(code="etela-keski-suomi")
    b = _b(a)
    # Kela and the county take part in B too: their own pages are B's as much as A's.
    shared = {str(o.pk) for o in Organisation.objects.participating_in(b.cooperation)}

    def of_a(path: str, name: str) -> bool:
        if name not in _patterns_taking_an_object():
            return False
        return not (name.startswith("organisation-") and str(resolve(path).kwargs.get("pk")) in shared)

    objects_of_a = {p: n for p, n in pages.items() if of_a(p, n)}
    forms_of_a = {p: n for p, n in posts.items() if of_a(p, n)}
    assert len(objects_of_a) > 40
    assert len(forms_of_a) > 20
    before = _fingerprint()
    answered: dict[tuple[str, str, str], int] = {}
    for name, user in b.personas.items():
        client = client_for(user)
        for path in objects_of_a:
            answered[(name, "GET", path)] = client.get(path).status_code
        for path in forms_of_a:
            answered[(name, "POST", path)] = client.post(path, {"confirm": "1"}).status_code
    # A GET of an address that takes only POST is 405 whether the object exists or not: nothing told.
    wrong = {
        key: status
        for key, status in answered.items()
        if status != 404 and not (key[1] == "GET" and status == 405)
    }
    assert not wrong, f"{len(wrong)} answers were not 404: {sorted(wrong.items())[:20]}"
    assert _fingerprint() == before


def test_lists_and_search_show_b_nothing_of_a(walked):
    pages, _posts = walked
    a = Cooperation.objects.get(code="etela-keski-suomi")
    b = _b(a)
    lists = [p for p, n in pages.items() if n not in _patterns_taking_an_object()]
    lists += [reverse("decision-list") + "?q=Jämsä", reverse("decision-list") + "?q=16/2025"]
    jamsa_people = [p.full_name for p in Person.objects.filter(organisation__name_fi="Jämsän kaupunki")[:20]]
    for name, user in b.personas.items():
        client = client_for(user)
        for path in lists:
            response = client.get(path)
            # 403: a page of a role the persona lacks (the use log), about no cooperation's object
            assert response.status_code in (200, 302, 403, 404), (name, path, response.status_code)
            text = response.content.decode()
            assert a.name_fi not in text, (name, path)
            assert "Jämsän kaupunki" not in text, (name, path)
            for full_name in jamsa_people:
                assert full_name not in text, (name, path, full_name)


API_LISTS = [
    "api-cooperation-list",
    "api-area-list",
    "api-municipality-list",
    "api-group-list",
    "api-meeting-list",
    "api-decision-list",
    "api-agreement-list",
    "api-objective-list",
    "api-staffing-list",
    "api-day-list",
]


def _objects_of_a(a: Cooperation) -> dict[str, list[int]]:
    from agreements.models import Agreement
    from costs.models import DevelopmentDay
    from decisions.models import AgendaItem, Meeting
    from governance.models import SteeringGroup
    from organisations.models import EmploymentArea, Municipality
    from staffing.models import Objective

    return {
        "api-cooperation-detail": [a.pk],
        "api-area-detail": list(EmploymentArea.objects.filter(cooperation=a).values_list("pk", flat=True)),
        "api-municipality-detail": list(
            Municipality.objects.filter(area__cooperation=a).values_list("pk", flat=True)
        ),
        "api-organisation-detail": [Organisation.objects.get(name_fi="Jämsän kaupunki").pk],
        "api-group-detail": list(SteeringGroup.objects.filter(cooperation=a).values_list("pk", flat=True)),
        # Published minutes are for everyone by law: the unpublished ones are A's alone.
        "api-meeting-detail": list(
            Meeting.objects.filter(body__area__cooperation=a, published_on__isnull=True).values_list(
                "pk", flat=True
            )
        ),
        "api-decision-detail": list(
            AgendaItem.objects.filter(
                meeting__body__area__cooperation=a, meeting__published_on__isnull=True
            ).values_list("pk", flat=True)
        ),
        "api-agreement-detail": list(Agreement.objects.filter(cooperation=a).values_list("pk", flat=True)),
        "api-objective-detail": list(
            Objective.objects.filter(group__cooperation=a).values_list("pk", flat=True)
        ),
        "api-day-detail": list(
            DevelopmentDay.objects.filter(group__cooperation=a).values_list("pk", flat=True)
        ),
    }


def test_the_api_refuses_b_every_object_of_a_and_lists_none(walked):
    from governance.models import SteeringGroup

    a = Cooperation.objects.get(code="etela-keski-suomi")
    b = _b(a)
    from decisions.models import Meeting

    # One of A's meetings not yet published, so that its minutes are A's alone.
    Meeting.objects.filter(pk=Meeting.objects.filter(body__area__cooperation=a).first().pk).update(
        published_on=None
    )
    details = _objects_of_a(a)
    assert all(details.values()), {name: pks for name, pks in details.items() if not pks}
    group = SteeringGroup.objects.filter(cooperation=a).first()
    writes = [
        ("post", reverse("api-nomination-create", args=[group.pk]), {}),
        ("put", reverse("api-figures-replace", args=[group.pk, 2025]), {}),
    ]
    from agreements.models import Agreement
    from decisions.models import AgendaItem
    from governance.models import Nomination

    for nomination in Nomination.objects.filter(group=group)[:1]:
        writes.append(("post", reverse("api-seat-create", args=[nomination.pk]), {}))
    for item in AgendaItem.objects.filter(meeting__body__area__cooperation=a)[:1]:
        writes.append(("post", reverse("api-notification-create", args=[item.pk]), {}))
    for agreement in Agreement.objects.filter(cooperation=a)[:1]:
        writes.append(("post", reverse("api-signature-create", args=[agreement.pk]), {}))
    before = _fingerprint()
    for name, user in b.personas.items():
        client = client_for(user)
        for list_name in API_LISTS:
            response = client.get(reverse(list_name))
            assert response.status_code == 200, (name, list_name)
            assert a.code not in response.content.decode(), (name, list_name)
            assert "Jämsä" not in response.content.decode(), (name, list_name)
        for detail_name, pks in details.items():
            for pk in pks[:3]:
                status = client.get(reverse(detail_name, args=[pk])).status_code
                assert status == 404, (name, detail_name, pk, status)
        for method, url, data in writes:
            response = getattr(client, method)(url, data, content_type="application/json")
            assert response.status_code == 404, (name, url, response.status_code)
    assert _fingerprint() == before


def test_an_editor_right_in_b_does_not_act_in_a_for_the_same_organisation(walked):
    from agreements.models import Agreement

    a = Cooperation.objects.get(code="etela-keski-suomi")
    b = _b(a)
    kela = Organisation.objects.get(kind=Organisation.Kind.KELA)
    # "both" sees A (a viewer there) and acts for Kela in B: in A they act for no one.
    assert access.rights_of(b.both).sees(a.pk)
    assert not access.can_act_for(b.both, kela, a)
    assert access.can_act_for(b.both, kela, b.cooperation)
    agreement = Agreement.objects.filter(cooperation=a).first()
    client = client_for(b.both)
    page = client.get(reverse("agreement-detail", args=[agreement.pk]))
    assert page.status_code == 200
    assert "Record a signature of your party" not in page.content.decode()  # no form for Kela in A
    before = _fingerprint()
    party = agreement.parties.get(organisation=kela)
    version = agreement.versions.first()
    response = client.post(
        reverse("signature-create", args=[agreement.pk]),
        {"party": party.pk, "version": version.pk, "signed_on": "2025-05-01", "confirm": "on"},
    )
    assert response.status_code in (400, 403, 404)
    assert _fingerprint() == before


def test_bs_reminders_never_reach_a_user_without_a_right_in_b(walked):
    from core.reminders import Audience
    from notifications.sweep import Recipients

    a = Cooperation.objects.get(code="etela-keski-suomi")
    b = _b(a)
    kela = Organisation.objects.get(kind=Organisation.Kind.KELA)
    county = Organisation.objects.get(name_fi="Keski-Suomen hyvinvointialue")
    a_kela = UserFactory(username="a-kela-editor")
    services.grant(user=a_kela, role=Grant.Role.EDITOR, organisation=kela, cooperation=a)
    audience = Audience(
        secretaries=False, organisations=(kela, county), users=(a_kela, b.personas["b-viewer"])
    )
    reached = {u.username for u in Recipients().of(audience, b.cooperation.pk)}
    assert reached == {"b-kela-editor", "b-county-editor", "both", "b-viewer"}
    reached_in_a = {u.username for u in Recipients().of(audience, a.pk)}
    assert "a-kela-editor" in reached_in_a
    assert not reached_in_a & {"b-kela-editor", "b-county-editor", "b-viewer"}
