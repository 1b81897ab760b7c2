"""Consent not recorded: no deemed receipt, no finality, and the decision's page says what to record
and lets the secretary record it (Act 13/2003 § 19; Hallintolaki § 59; #28 item 6)."""

import datetime

from django.urls import reverse

from decisions import appeals, services
from decisions.models import AgendaItem

D = datetime.date


def _emailed(item):
    return services.record_notification(
        item=item, actor=None, recipient="Kela", method="email", consent="unknown", sent_on=D(2026, 3, 5)
    )


def test_the_page_says_what_to_record_and_the_secretary_records_the_consent(published, as_secretary):
    _body, public, _secret = published
    notification = _emailed(public)
    status = appeals.status(AgendaItem.objects.get(pk=public.pk))
    assert status.final_on is None
    page = as_secretary.get(reverse("item-detail", args=[public.pk])).text
    assert "Kirjaa suostumus, jos se on annettu" in page or "suostumus" in page
    url = reverse("notification-receipt", args=[notification.pk])
    assert url in page
    assert as_secretary.get(url).status_code == 200
    response = as_secretary.post(url, {"consent": "yes", "proven_receipt_on": ""})
    assert response.status_code == 302
    status = appeals.status(AgendaItem.objects.get(pk=public.pk))
    [kela] = [p for p in status.periods if p.who == "Kela"]
    assert kela.computation.deemed_receipt == D(2026, 3, 8)  # the 3rd day, never moved
    assert url not in as_secretary.get(reverse("item-detail", args=[public.pk])).text


def test_an_acknowledged_receipt_starts_the_period_without_consent(published, as_secretary):
    _body, public, _secret = published
    notification = _emailed(public)
    url = reverse("notification-receipt", args=[notification.pk])
    assert (
        as_secretary.post(url, {"consent": "unknown", "proven_receipt_on": "2026-03-10"}).status_code == 302
    )
    status = appeals.status(AgendaItem.objects.get(pk=public.pk))
    [kela] = [p for p in status.periods if p.who == "Kela"]
    assert kela.computation.deemed_receipt == D(2026, 3, 10)


def test_a_receipt_before_sending_is_refused_and_saves_nothing(published, as_secretary):
    _body, public, _secret = published
    notification = _emailed(public)
    url = reverse("notification-receipt", args=[notification.pk])
    assert as_secretary.post(url, {"consent": "yes", "proven_receipt_on": "2026-03-01"}).status_code == 400
    notification.refresh_from_db()
    assert (notification.consent, notification.proven_receipt_on) == ("unknown", None)


def test_only_the_secretary_records_it(published, as_editor_a, as_outsider):
    _body, public, _secret = published
    url = reverse("notification-receipt", args=[_emailed(public).pk])
    assert as_editor_a.post(url, {"consent": "yes"}).status_code == 403
    assert as_outsider.post(url, {"consent": "yes"}).status_code == 404
