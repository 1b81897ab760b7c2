"""One installation, many cooperations (#26): people of one cooperation neither see, change nor
disturb another. Cooperation A is the first real case (load_demo); cooperation B is a second one that
shares A's wellbeing services county and Kela, the organisations through which rights used to leak.

The matrix: A's secretary walks every portal page of A from the front page, collecting each link and
each form's address; then every persona of B asks for each of them, GET and POST, and is answered 404
with nothing changed in the database. Every URL pattern that takes an object is either reached by
the walk or named in UNREACHED with the reason. The API is tried the same way, endpoint by endpoint.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.urls import resolve, reverse

from organisations import access, services
from organisations.models import Cooperation, Grant, Organisation, Participation, Person
from tests.conftest import client_for
from tests.factories import EmploymentAreaFactory, OrganisationFactory, PersonFactory, UserFactory
from tests.tenancy_walk import add_records_the_case_lacks, fingerprint, made, patterns_taking_an_object, walk

pytestmark = pytest.mark.usefixtures("demo")

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
    "second-factor-enrol": "the e-mailed link that sets up the user's own second factor",
    "public-feed": "the public web page's feed of a body: for everyone by law",
    "public-minutes-pdf": "the published copy of the minutes on the public web: for everyone by law",
    "sso-start": "an organisation's sign-in provider, named by its key: no object of a cooperation",
    "sso-callback": "an organisation's sign-in provider, named by its key: no object of a cooperation",
    # Kinds of record the first case has none of and that need uploaded files or a decided appeal to
    # exist; their lookups are the same functions as their siblings' and are refused across
    # cooperations in tests/test_archive.py and tests/test_claims.py.
    "archive-download": "no archived document in the first case (tests/test_archive.py)",
    "archive-edit": "no archived document in the first case (tests/test_archive.py)",
    "claim-assess": "no claim in the first case (tests/test_claims.py)",
    "claim-decide": "no claim in the first case (tests/test_claims.py)",
    "signature-evidence": "no signature scan in the first case (agreements.access.get_signature_for_user)",
    "signed-pdf-download": "no validated e-signature in the first case (tests/test_pades.py)",
}


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
        add_records_the_case_lacks(Cooperation.objects.get(code="etela-keski-suomi"))
        # A national administrator sees every form of A (the only cooperation yet), editors' included.
        walker = UserFactory(username="a-walker")
        access.make_secretary(walker)
        client = client_for(walker)
        _give_the_second_factor(client, walker)  # the autouse fixture is per test, this is per module
        pages, posts = walk(client, reverse("dashboard"))
        by_hand = made(Cooperation.objects.get(code="etela-keski-suomi"))
        pages.update(by_hand)
        posts.update(by_hand)
        walker.totpdevice_set.all().delete()
        walker.delete()
    return pages, posts


def test_the_walk_reaches_every_pattern_that_takes_an_object(walked):
    pages, posts = walked
    reached = set(pages.values()) | set(posts.values())
    missing = patterns_taking_an_object() - reached - set(UNREACHED)
    assert not missing, f"not reached from A's pages and not explained in UNREACHED: {sorted(missing)}"


def test_every_persona_of_b_is_refused_every_object_of_a_and_changes_nothing(walked):
    pages, posts = walked
    a = Cooperation.objects.get(code="etela-keski-suomi")
    b = _b(a)
    # Kela and the county take part in B too: their own pages are B's as much as A's.
    shared = {str(o.pk) for o in Organisation.objects.participating_in(b.cooperation)}

    def of_a(path: str, name: str) -> bool:
        if name not in patterns_taking_an_object():
            return False
        return not (name.startswith("organisation-") and str(resolve(path).kwargs.get("pk")) in shared)

    objects_of_a = {p: n for p, n in pages.items() if of_a(p, n)}
    forms_of_a = {p: n for p, n in posts.items() if of_a(p, n)}
    assert len(objects_of_a) > 40
    assert len(forms_of_a) > 20
    before = fingerprint()
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
    assert fingerprint() == before


def test_lists_and_search_show_b_nothing_of_a(walked):
    pages, _posts = walked
    a = Cooperation.objects.get(code="etela-keski-suomi")
    b = _b(a)
    lists = [p for p, n in pages.items() if n not in patterns_taking_an_object()]
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
    before = fingerprint()
    for name, user in b.personas.items():
        client = client_for(user)
        for list_name in API_LISTS:
            response = client.get(reverse(list_name))
            assert response.status_code == 200, (name, list_name)
            assert a.code not in response.content.decode(), (name, list_name)
            assert "Jämsä" not in response.content.decode(), (name, list_name)
        # filtering by A's code confirms nothing, not even through Kela and the county B shares
        shared = client.get(reverse("api-organisation-list"), {"cooperation": a.code}).content.decode()
        assert "Kansaneläkelaitos" not in shared, name
        assert "Keski-Suomen hyvinvointialue" not in shared, name
        for detail_name, pks in details.items():
            for pk in pks[:3]:
                status = client.get(reverse(detail_name, args=[pk])).status_code
                assert status == 404, (name, detail_name, pk, status)
        for method, url, data in writes:
            response = getattr(client, method)(url, data, content_type="application/json")
            assert response.status_code == 404, (name, url, response.status_code)
    assert fingerprint() == before


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
    before = fingerprint()
    party = agreement.parties.get(organisation=kela)
    version = agreement.versions.first()
    response = client.post(
        reverse("signature-create", args=[agreement.pk]),
        {"party": party.pk, "version": version.pk, "signed_on": "2025-05-01", "confirm": "on"},
    )
    assert response.status_code in (400, 403, 404)
    assert fingerprint() == before


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
