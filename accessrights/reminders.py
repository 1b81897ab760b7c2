"""What falls due on access rights (core/reminders.py): a right still open after its holder has left
the steering group (every seat of theirs in the cooperation ended) or lost their login, told weekly to
the people acting for the party until the party ends it (agreement § 10)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accessrights.models import AccessRight
from core.reminders import Audience, Due, Remind, Text, declares, kind
from governance.models import Membership

ACCESS_LEFT_OPEN = kind("access_left_open", _("access right still open"))


@declares("accessrights.left_open")
def left_open(today: datetime.date, cooperations: Any = None) -> Iterator[Due]:
    seats = Membership.objects.filter(person=OuterRef("person"), group__cooperation=OuterRef("cooperation"))
    rights = (
        AccessRight.objects.open()
        .select_related("person__user", "organisation", "cooperation")
        .annotate(
            had_seat=Exists(seats),
            has_seat=Exists(seats.filter(end_date__isnull=True)),
            left_on=Subquery(seats.order_by("-end_date").values("end_date")[:1]),
        )
    )
    if cooperations is not None:
        rights = rights.filter(cooperation__in=cooperations)
    for right in rights:
        user = right.person.user
        left_group = right.had_seat and not right.has_seat  # type: ignore[attr-defined]  # annotated
        lost_login = user is not None and not user.is_active
        if not (left_group or lost_login):
            continue
        values = {"person": right.person.full_name, "system": right.system}
        if left_group:
            text = Text(
                _("%(person)s has left the steering group but still has access to %(system)s."), values
            )
        else:
            text = Text(_("%(person)s's login was closed but they still have access to %(system)s."), values)
        yield Due(
            kind=ACCESS_LEFT_OPEN,
            key=f"accessrights.accessright:{right.pk}",
            on=(getattr(right, "left_on", None) if left_group else None) or today,
            text=text,
            link=reverse("access-right-step", args=[right.pk, "end"]),  # the form that ends it (#29 item 6)
            cooperation_id=right.cooperation_id,
            audience=Audience(secretaries=False, organisations=(right.organisation,)),
            remind=Remind.WEEKLY,
            in_calendar=False,
        )
