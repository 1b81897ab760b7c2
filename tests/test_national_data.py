"""generate_national_data (#15 item 1): deterministic for a seed, every row within the database's
constraints, and the pages' query counts stay what they were when the rest of the country is loaded
(#15 acceptance: the same counts at demo scale and after --cooperations 5 --years 2)."""

from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from decisions.models import AgendaItem
from devdata.national import Generator, business_id
from governance.models import Membership
from staffing.models import StaffLine


def _fingerprint():
    return (
        list(
            AgendaItem.objects.order_by("body__code", "year", "number").values_list("title", "personal_data")
        ),
        list(
            StaffLine.objects.order_by("review__group__cooperation__code", "pk").values_list(
                "headcount", flat=True
            )
        ),
        Membership.objects.filter(end_date__isnull=False).count(),
    )


def test_the_same_seed_gives_the_same_data(db):
    prints = []
    for _run in range(2):
        with transaction.atomic():
            Generator(cooperations=2, years=2, seed=7, progress=lambda *a: None).run()
            prints.append(_fingerprint())
            transaction.set_rollback(True)
    assert prints[0] == prints[1]
    assert len(prints[0][0]) > 400  # about ten meetings a year of about fifteen sections


def test_business_ids_are_valid():
    from stdnum.fi import ytunnus

    assert all(ytunnus.is_valid(business_id(n)) for n in range(0, 3000, 7))


def _counts(client, urls) -> dict[str, int]:
    counts = {}
    for url in urls:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200, url
        counts[url] = len(captured)
    return counts


def _published_elsewhere(area) -> None:
    import datetime

    from decisions.models import AppealPart, Body, Meeting

    D = datetime.date
    body = Body.objects.create(area=area, code="muu-lautakunta", name_fi="Muu lautakunta", kind="municipal")
    meeting = Meeting.objects.create(
        body=body, date=D(2020, 1, 10), checked_on=D(2020, 1, 11), published_on=D(2020, 1, 12)
    )
    item = AgendaItem.objects.create(
        meeting=meeting,
        body=body,
        year=2020,
        number=1,
        title="Matti Meikäläisen hakemus",
        outcome="as_proposed",
    )
    AppealPart.objects.create(item=item, kind="rectification")


def test_query_counts_do_not_grow_with_the_rest_of_the_country(world, group_world, published):
    from agreements import services

    # every list has rows before, too: an empty page skips its row query
    services.create_agreement(cooperation=world.area.cooperation, title="Sopimus", actor=world.secretary)
    # ... and the public decisions too: one of elsewhere past its appeal period, whose names the API's
    # public output removes (the names are read once per response, #28)
    _published_elsewhere(world.other_area)
    member, secretary = Client(), Client()
    member.force_login(world.member)
    secretary.force_login(world.secretary)
    code = world.area.cooperation.code
    mine = [
        f"/cooperations/{code}/",
        f"/groups/{group_world.group.pk}/",
        "/decisions/",
        "/meetings/",
        "/agreements/",
        "/seats/",
        f"/decisions/{published[1].pk}/",
        "/api/v1/groups/",
        "/api/v1/decisions/",
    ]
    everyone = ["/decisions/", "/meetings/", "/agreements/", "/api/v1/decisions/", "/api/v1/meetings/"]
    for client, urls in ((member, mine), (secretary, everyone)):
        _counts(client, urls)  # warm: sessions, the token-free first write of a session
    before = {"member": _counts(member, mine), "secretary": _counts(secretary, everyone)}
    call_command("generate_national_data", cooperations=5, years=2, verbosity=0)
    after = {"member": _counts(member, mine), "secretary": _counts(secretary, everyone)}
    assert after == before


def _declaration_queries(today) -> dict[str, int]:
    from core import reminders

    counts = {}
    for name in reminders.declaration_names():
        with CaptureQueriesContext(connection) as captured:
            list(reminders.collect(today, only=[name], isolate=False))
        counts[name] = len(captured)
    return counts


def test_every_declaration_reads_the_whole_country_in_as_many_queries_as_one_cooperation(db):
    """The daily sweep reads every declaration over every cooperation (#15 item 3: under 2 s)."""
    from django.utils import timezone

    today = timezone.localdate()
    Generator(cooperations=1, years=2, seed=3, progress=lambda *a: None).run()
    before = _declaration_queries(today)
    Generator(cooperations=4, years=2, seed=4, progress=lambda *a: None).run()
    assert _declaration_queries(today) == before
