"""The API tells a credit note from an invoice (#32 item 4): a reopened development day's invoice
basis and the credit note that takes it back, each with its kind, the invoice credited and the reason."""

import datetime
from decimal import Decimal

from costs import services
from costs.models import CostItem, DevelopmentDay, Registration
from tests.test_api import bearer

D = datetime.date


def test_a_reopened_days_credit_note_names_the_invoice_it_takes_back(world, group_world):
    day = DevelopmentDay.objects.create(group=group_world.group, date=D(2025, 10, 15), title="Päivä")
    CostItem.objects.create(day=day, description="Tila", amount=Decimal("700.00"), paid_by=world.org_a)
    Registration.objects.create(day=day, organisation=world.org_a, count=3)
    Registration.objects.create(day=day, organisation=world.org_b, count=2)
    [invoice] = services.prepare_invoices(day=day, actor=world.secretary, today=D(2025, 10, 20))
    services.mark_invoice(invoice=invoice, status="sent", on=D(2025, 10, 21), actor=world.secretary)
    services.reopen_day(day=day, reason="Väärä osallistujamäärä", actor=world.secretary, today=D(2025, 11, 1))

    [row] = bearer(world.secretary).get("/api/v1/development-days/").json()["results"]

    assert row["status"] == "open"
    by_kind = {entry["kind"]: entry for entry in row["invoices"]}
    assert by_kind["invoice"]["status"] == "credited"
    assert by_kind["invoice"]["credits"] is None
    credit = by_kind["credit_note"]
    assert credit["credits"] == invoice.number
    assert credit["reason"] == "Väärä osallistujamäärä"
    assert Decimal(credit["amount"]) == Decimal(by_kind["invoice"]["amount"]) == Decimal("280.00")
