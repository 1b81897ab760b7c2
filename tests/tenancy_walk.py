"""The tenancy matrix's tools (tests/test_tenancy.py): records the first case lacks, addresses made
by hand, a walk of the portal from the front page, and a fingerprint of the database."""

from __future__ import annotations

import contextlib
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.apps import apps
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import Resolver404

from organisations import services
from organisations.models import Cooperation, Grant, Organisation, Person
from tests.factories import UserFactory

# Pages anyone may open, signed in or not, and pages about the user themself: not objects of a
# cooperation, so nothing to refuse.
NOT_A_COOPERATIONS = re.compile(
    r"^/(static|media|admin|accounts|i18n|api/docs|api/schema|public|julkinen|offentlig|healthz|"
    r"second-factor|logout|saavutettavuus|tietosuoja|laskuri|calendar|kalenteri)"
)


def add_records_the_case_lacks(a: Cooperation) -> None:
    """Records of kinds the first case has none of, so that their addresses are tried too: a right
    given in A, an attendance, an access-right application, a termination notice sent to the other
    parties, the development day's invoices, and a body's member."""
    import datetime

    from accessrights import services as access_rights
    from agreements.models import Agreement, Notice, NoticeDelivery
    from costs import services as costs
    from costs.models import DevelopmentDay
    from decisions.models import Attendance, BodyMember, Meeting

    jamsa = Organisation.objects.get(name_fi="Jämsän kaupunki")
    viewer = UserFactory(username="a-viewer")
    services.grant(user=viewer, role=Grant.Role.VIEWER, organisation=jamsa, cooperation=a)
    person = Person.objects.filter(organisation=jamsa).first()
    meeting = Meeting.objects.filter(body__area__cooperation=a).first()
    Attendance.objects.create(meeting=meeting, person=person, capacity="other")
    BodyMember.objects.create(body=meeting.body, person=person, starts=datetime.date(2025, 6, 1))
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


def made(a: Cooperation) -> dict[str, str]:
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
        "attendance-checklist": (meeting,),
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


def walk(client, start: str, per_pattern: int = 3) -> tuple[dict[str, str], dict[str, str]]:
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


def patterns_taking_an_object() -> set[str]:
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


def fingerprint() -> dict[str, int]:
    """How many rows each table of the domain apps has, and the newest history row of each: a change
    anywhere shows."""
    found = {}
    for model in apps.get_models():
        if model._meta.app_label in settings.DOMAIN_APPS or model._meta.app_label == "auth":
            manager = model._base_manager
            last = manager.order_by("-pk").values_list("pk", flat=True).first()
            found[model._meta.label] = (manager.count(), last)
    return found
