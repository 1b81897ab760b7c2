"""Every main page's exact queries, each one named (#15 item 5).

For each page the list below says, in order, which table each query reads and why; the test checks
the count and that every query reads the table named, so a new query, a lost prefetch or one moved
into a loop fails here with its name. The same lists hold after the rest of the country is loaded
(#15 acceptance: generate_national_data --cooperations 5 --years 2): no query grows with the data.

The day is fixed (20.3.2026) so that the appeal periods of the fixture's minutes, published on
4.3.2026, are running: a list with no rows makes no prefetch queries, and the counts would change
with the calendar."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from devdata.national import Generator

DAY = "2026-03-20 10:00 +0200"

ADMIN = [
    ("django_session", "the session"),
    ("auth_user", "the user"),
    ("otp_totp_totpdevice", "the administrator's verified second-factor device"),
]
PERMISSIONS = [  # organisations.access: the user's row, the permission in a subquery, the grants joined
    ("auth_permission", "whether they hold every cooperation (or through a group), and their grants"),
]
LOG = [
    ("SAVEPOINT", "the use and disclosure log's entry in a savepoint of its own"),
    ("auditlog_chainhead", "the chain's head taken (UPDATE … RETURNING): the hash the new entry chains to"),
    ('INSERT INTO "core_auditevent"', "the new entry"),
    ("auditlog_chainhead", "the chain's head moved to the new entry"),
    ("RELEASE SAVEPOINT", "the savepoint released"),
]
APPEAL_FACTS = [  # decisions.appeals.with_status_facts: what an appeal period is computed from
    ("decisions_appealpart", "their appeal parts"),
    ("decisions_notification", "their notifications to the parties"),
    ("decisions_claim", "claims decided in them"),
    ("decisions_claim", "claims against them"),
]
SIGNING = [  # agreements.selectors.signing: whether each version is in force (the AG- rules)
    ("agreements_agreement", "the agreement with its cooperation and approving decision"),
    ("agreements_agreementparty", "its parties with their organisations and approving decisions"),
    ("agreements_topicsection", "the section of each topic the rules cite"),
    ("agreements_signatory", "the parties' signatories with their people"),
    ("agreements_version", "its versions"),
    ("agreements_section", "the versions' sections"),
    ("agreements_signature", "the versions' signatures with their signatories"),
]
AGREEMENT = [  # agreements.selectors.loaded: and the rest its page shows
    *SIGNING,
    ("agreements_annex", "its annexes"),
    ("agreements_notice", "its notices with their deliveries and parties"),
    ("agreements_dispute", "its disputes"),
]

FRONT_PAGE = [  # after the session and the user
    ("organisations_person", "the reader's own person record, for the greeting"),
    ("core_auditevent", "their previous login: changes since the last visit"),
    *PERMISSIONS,
    (
        "organisations_cooperation",
        "the cooperations they see, once: how many (over five, they choose), the list",
    ),
    ("organisations_employmentarea", "the listed cooperations' areas"),
    ("decisions_agendaitem", "declaration decisions.appeals: sections published lately"),
    *APPEAL_FACTS,
    ("decisions_claim", "declaration decisions.claims: claims awaiting a decision"),
    ("decisions_meeting", "declaration decisions.meetings: meetings for the calendar (#29 item 6)"),
    ("decisions_meeting", "declaration decisions.agendas: published agendas of meetings ahead"),
    ("governance_steeringgroup", "declaration governance.group_terms: groups whose term runs"),
    ("governance_membership", "their current seats with the people's logins: the audience"),
    ("governance_leadershipappointment", "declaration governance.leader_terms"),
    ("governance_membership", "declaration governance.missing_deputies"),
    ("agreements_agreement", "declaration agreements.signatures: agreements out to sign"),
    ("agreements_agreement", "declaration agreements.endings: agreements given notice"),
    ("agreements_dispute", "declaration agreements.disputes: open disputes"),
    ("governance_steeringgroup", "declaration staffing.yearly: groups whose term runs"),
    ("governance_membership", "their current seats: the chair hears of it"),
    ("staffing_objective", "which groups have set this year's objectives"),
    ("staffing_staffingreview", "which have assessed last year's staffing"),
    ("staffing_staffline", "which parties have reported their figures"),
    ("organisations_organisation", "Kela, a party to every cooperation"),
    ("organisations_participation", "the other parties"),
    ("costs_invoice", "declaration costs.invoices: invoice bases sent, not paid"),
    ("governance_membership", "declaration accessrights.left_open: open access rights"),
    ("agreements_historicalsignature", "changes: signatures since the last visit"),
    ("decisions_historicalmeeting", "changes: minutes published since then"),
    ("governance_historicalmembership", "changes: seats since then"),
    ("organisations_person", "changes: the people of those seats"),
    ("governance_steeringgroup", "changes: the seats' groups with their cooperations"),
    # the rules not met: none for an administrator, who is no cooperation's secretary
    # an administrator acts for every organisation: the page says so, and lists none
]

PAGES = {
    "front page": ("/", ADMIN + FRONT_PAGE),
    "steering group": (
        "/groups/{group}/",
        [
            *ADMIN,
            ("governance_steeringgroup", "the group with its cooperation and set-up decision"),
            *PERMISSIONS,
            ("organisations_organisation", "the organisations the reader may record for"),
            # read first now: the cooperation's secretary records every party's nominations (#26)
            ("organisations_organisation", "the cooperation's parties"),
            ("governance_nomination", "the nominations"),
            ("governance_membership", "compliance facts: every seat with person and organisation"),
            ("governance_leadershipappointment", "the leading person and deputy"),
            ("governance_statutoryparameters", "the decree's parameters in force at the term's start"),
            ("organisations_employmentarea", "coverage: the cooperation's areas"),
            ("organisations_municipality", "their municipalities with their counties"),
            ("organisations_participation", "the counties taking part"),
            ("decisions_body", "the bodies whose instructions send claims elsewhere"),
            *SIGNING,  # every agreement not ended: the first is the current one
            ("staffing_staffingreview", "whether last year's staffing was assessed (ST- rules)"),
            ("staffing_staffingreview", "the group's latest staffing review"),
            *LOG,
        ],
    ),
    "agreement": (
        "/agreements/{agreement}/",
        ADMIN
        + AGREEMENT
        + PERMISSIONS
        + [
            ("governance_steeringgroup", "the cooperation's latest steering group"),
            ("agreements_agreement", "the current agreement's id (the AG- rules read it)"),
            ("governance_membership", "the group's seats (AG-PARTIES)"),
            ("organisations_organisation", "the cooperation's parties (AG-PARTIES)"),
            ("agreements_agreementparty", "the notice form's parties"),
            ("agreements_agreementparty", "the dispute form's parties"),
        ]
        + LOG,
    ),
    "decision": (
        "/decisions/{item}/",
        [
            *ADMIN,
            ("decisions_agendaitem", "the section with meeting, body, area and presenter"),
            *APPEAL_FACTS,
            ("decisions_annex", "its annexes"),
            ("decisions_correction", "its corrections"),
            ("decisions_extract", "its certified extracts"),
            *PERMISSIONS,
            (
                "registers_registeredmunicipality",
                "the court: the register's, by the area's lead municipality (#27)",
            ),
            ("organisations_person", "the people the product knows (#28: to show the names it does not)"),
            ("decisions_agendaitem", "names written as text: preparers, signatories, recipients, claimants"),
            ("organisations_cooperation", "the names of places and organisations, which are no names alone"),
            ("decisions_appealpart", "the claim form's appeal-part choices"),
            ("decisions_notification", "the claim form's notification choices"),
            *LOG,
        ],
    ),
    "meeting": (
        "/meetings/{meeting}/",
        [
            *ADMIN,
            ("decisions_meeting", "the meeting with body, area, chair and secretary"),
            *PERMISSIONS,
            ("decisions_attendance", "who attended, read once for the list, the quorum and the legality"),
            ("decisions_agendaitem", "its sections"),
            ("decisions_appealpart", "their appeal parts"),
            ("decisions_correction", "corrections to the minutes"),
            *LOG,
        ],
    ),
    "year": (
        "/groups/{group}/year/2026/",
        [
            *ADMIN,
            ("governance_steeringgroup", "the group"),
            *PERMISSIONS,
            ("staffing_objective", "the year's objectives with their indicators"),
            ("staffing_staffingreview", "the year's staffing review with its lines"),
            ("organisations_organisation", "the parties that report figures"),
            *LOG,
        ],
    ),
    "costs": (
        "/groups/{group}/costs/",
        [
            *ADMIN,
            ("governance_steeringgroup", "the group"),
            *PERMISSIONS,
            ("costs_developmentday", "the year's development days"),
            ("costs_registration", "their registrations"),
            ("costs_costitem", "their costs"),
            ("costs_costprinciple", "the cooperation's cost principles"),
            ("costs_developmentday", "the years with days, for the year choice"),
        ],
    ),
    "decisions list": (
        "/decisions/",
        ADMIN
        + PERMISSIONS
        + [
            ("decisions_agendaitem", "how many sections the reader may see"),
            ("decisions_agendaitem", "the page's sections, newest first"),
            ("decisions_agendaitem", "those sections with their meetings and bodies"),
            *APPEAL_FACTS,
            ("decisions_body", "the bodies, for the filter"),
        ],
    ),
    "meetings list": (
        "/meetings/",
        ADMIN
        + PERMISSIONS
        + [
            ("decisions_meeting", "how many meetings the reader may see"),
            ("decisions_body", "the bodies, for the filter"),
            ("decisions_meeting", "the page's meetings"),
        ],
    ),
    "agreements list": (
        "/agreements/",
        ADMIN
        + PERMISSIONS
        + [
            ("agreements_agreement", "how many agreements the reader may see"),
            ("organisations_cooperation", "the cooperations, for the filter"),
            ("agreements_agreement", "the page's agreements"),
        ],
    ),
    "seats list": (
        "/seats/",
        ADMIN
        + PERMISSIONS
        + [
            ("governance_membership", "how many seats run on the day"),
            ("governance_steeringgroup", "the groups, for the filter"),
            ("organisations_organisation", "the organisations, for the filter"),
            ("governance_membership", "the page's seats with people and groups"),
        ],
    ),
    "notifications": (
        "/notifications/",
        [
            *ADMIN,
            ("notifications_preference", "the reader's preferences"),
            ("notifications_notification", "how many notifications they have (none here)"),
            # nothing more: the page is not in the use log, so the rights are not described (#32)
        ],
    ),
    "API decisions": (
        "/api/v1/decisions/",
        ADMIN
        + PERMISSIONS
        + [
            ("organisations_employmentarea", "the areas the reader sees"),
            ("decisions_agendaitem", "how many sections"),
            ("decisions_agendaitem", "the page's sections"),
            *APPEAL_FACTS,
        ]
        + LOG,
    ),
    "API groups": (
        "/api/v1/groups/",
        ADMIN
        + PERMISSIONS
        + [
            ("governance_steeringgroup", "how many groups"),
            ("governance_steeringgroup", "the page's groups"),
        ]
        + LOG,
    ),
    "minutes PDF": (
        "/meetings/{meeting}/minutes.pdf",
        [
            *ADMIN,
            ("decisions_meeting", "the meeting with body, area, chair and secretary"),
            *PERMISSIONS,
            ("decisions_attendance", "who attended, by role (#28 item 3)"),
            ("decisions_agendaitem", "its sections"),
            *APPEAL_FACTS,
            ("decisions_annex", "their annexes"),
            ("decisions_correction", "their corrections"),
            ("decisions_extract", "their extracts"),
            (
                "registers_registeredmunicipality",
                "the court, once for the meeting: the register's, by the area's lead municipality (#27)",
            ),
            *LOG,
        ],
    ),
    "agreement PDF": (
        "/agreements/{agreement}/agreement.pdf",
        ADMIN
        + AGREEMENT
        + PERMISSIONS
        + [("decisions_body", "the official languages of its bodies: the PDF's language (#28 item 4)")]
        + LOG,
    ),
}


def _marker(table: str) -> str:
    return table if table.isupper() or table.startswith("INSERT") else f'"{table}"'


def check(client: Client, url: str, expected: list[tuple[str, str]]) -> None:
    client.get(url)  # warm-up: content types and other per-process caches
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    sqls = [query["sql"] for query in captured]
    named = "\n".join(f"{n:2}. {what}" for n, (_table, what) in enumerate(expected, 1))
    ran = "\n".join(f"{n:2}. {sql[:160]}" for n, sql in enumerate(sqls, 1))
    assert len(sqls) == len(expected), f"{url}: expected\n{named}\nran\n{ran}"
    for n, ((table, what), sql) in enumerate(zip(expected, sqls, strict=True), 1):
        assert _marker(table) in sql, f"{url} query {n} should be {what} ({table}):\n{sql[:300]}"


@pytest.fixture
def pages(world, group_world, published):
    from agreements import services
    from costs.models import DevelopmentDay

    agreement = services.create_agreement(
        cooperation=world.area.cooperation, title="Sopimus", actor=world.secretary
    )
    DevelopmentDay.objects.create(group=group_world.group, date=datetime.date(2026, 5, 12), title="Päivä")
    ids = {
        "group": group_world.group.pk,
        "agreement": agreement.pk,
        "item": published[1].pk,
        "meeting": published[1].meeting_id,
    }
    return {name: (url.format(**ids), expected) for name, (url, expected) in PAGES.items()}


@pytest.fixture
def administrator(world) -> Client:
    client = Client()
    client.force_login(world.secretary)
    return client


@time_machine.travel(DAY, tick=False)
@pytest.mark.parametrize("name", list(PAGES))
def test_the_page_makes_exactly_these_queries(name, pages, administrator):
    url, expected = pages[name]
    check(administrator, url, expected)


# A member sees one cooperation: their rights are read from their grants.
MEMBER_FRONT_PAGE = [
    ("django_session", "the session"),
    ("auth_user", "the user"),
    # a viewer gives the second factor too (#31): the middleware reads the verified device
    ("otp_totp_totpdevice", "the viewer's verified second-factor device"),
    *FRONT_PAGE[:2],  # the person, the previous login
    *PERMISSIONS,  # the rights, read when the page first asks for them
    ("organisations_participation", "the participations the grants reach through"),
    # the same cooperations, declarations and changes; not the organisations acted for, as a member
    # acts for none
    *FRONT_PAGE[3:],
]


@time_machine.travel(DAY, tick=False)
def test_a_members_front_page_makes_exactly_these_queries(world, group_world, published):
    client = Client()
    client.force_login(world.member)
    check(client, "/", MEMBER_FRONT_PAGE)


@time_machine.travel(DAY, tick=False)
def test_the_same_queries_after_the_rest_of_the_country_is_loaded(world, group_world, published, pages):
    administrator, member = Client(), Client()
    administrator.force_login(world.secretary)
    member.force_login(world.member)
    Generator(cooperations=5, years=2, seed=15, progress=lambda *a: None).run()
    for name, (url, expected) in pages.items():
        if name != "front page":  # the administrator now sees seven cooperations: below
            check(administrator, url, expected)
    check(member, "/", MEMBER_FRONT_PAGE)


def test_the_year_page_reads_every_years_figures_at_once(world, group_world, administrator):
    """The ratio chart compares every year's staffing: its lines come in one query for all years."""
    from decimal import Decimal

    from staffing.models import ClientLine, StaffingReview, StaffLine
    from tests.factories import MunicipalityFactory

    municipality = MunicipalityFactory(area=world.area)

    def review(year: int) -> None:
        made = StaffingReview.objects.create(group=group_world.group, year=year)
        StaffLine.objects.create(
            review=made,
            organisation=world.org_a,
            municipality=municipality,
            job_title="Työvalmentaja",
            headcount=3,
            fte=Decimal("2.5"),
        )
        ClientLine.objects.create(
            review=made, organisation=world.org_a, municipality=municipality, clients=40
        )

    def queries() -> int:
        url = f"/groups/{group_world.group.pk}/year/2026/"
        administrator.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert administrator.get(url).status_code == 200
        return len(captured)

    review(2026)
    one = queries()
    for year in range(2021, 2026):
        review(year)
    assert queries() == one


@time_machine.travel(DAY, tick=False)
def test_a_cooperation_secretarys_front_page_adds_the_rules_not_met_at_constant_queries(
    world, group_world, published
):
    """The front page of a cooperation's secretary also evaluates their groups' rules (evaluate_many:
    each kind of fact once, for every group at once): more queries than an administrator's, and the
    same number when the country around it grows (50 on this fixture)."""
    from organisations.models import Grant
    from organisations.services import grant
    from tests.factories import UserFactory

    user = UserFactory(username="alueen-sihteeri")
    grant(user=user, role=Grant.Role.SECRETARY, organisation=world.org_a, cooperation=world.area.cooperation)
    client = Client()
    client.force_login(user)

    def queries() -> int:
        client.get("/")
        with CaptureQueriesContext(connection) as captured:
            page = client.get("/").content.decode()
        assert 'id="findings-heading"' in page  # the section is there
        return len(captured)

    before = queries()
    Generator(cooperations=5, years=2, seed=15, progress=lambda *a: None).run()
    assert queries() == before
    assert before > len(MEMBER_FRONT_PAGE)  # the findings' facts come on top
