"""What the decision's page asks the secretary to record about an e-mailed notification (#28 item 6):
the recipient's consent to electronic service, or the day the recipient acknowledged receipt.

Only a recorded consent gives an ordinary e-mail its deemed receipt on the 3rd day (Act 13/2003
§ 19); without it the period runs from a proven receipt only (a proven date overrides a deemed one,
Hallintolaki § 59: "jollei muuta näytetä"). Either fact starts the party's period and so lets the
decision become final."""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from core.forms import submit
from core.views import form_page
from core.writes import Actor, save_validated
from decisions import access
from decisions.models import Notification

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReceiptForm(forms.ModelForm):
    class Meta:
        model = Notification
        fields = ["consent", "proven_receipt_on"]
        widgets = {"proven_receipt_on": DATE_WIDGET}
        help_texts = {
            "consent": gettext_lazy(
                "Yes only when the recipient's consent to electronic service is on record (Act 13/2003 § 19)."
            ),
            "proven_receipt_on": gettext_lazy(
                "The day the recipient acknowledged receiving the decision, when that is on record."
            ),
        }


def record_receipt(
    *,
    notification: Notification,
    actor: Actor,
    consent: str,
    proven_receipt_on: datetime.date | None,
) -> Notification:
    """NOTIFICATION with the recipient's CONSENT and the PROVEN_RECEIPT_ON day as now on record."""
    notification.consent = consent
    notification.proven_receipt_on = proven_receipt_on
    return save_validated(notification, actor, _("Consent or receipt recorded"))


@login_required
@require_http_methods(["GET", "POST"])
def notification_receipt(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(Notification.objects.select_related("item"), pk=pk)
    item = access.get_item_for_user(request.user, notification.item_id)  # 404 outside the user's reach
    if not access.can_record(request.user, item.body):
        raise PermissionDenied
    form = ReceiptForm(request.POST or None, instance=notification)
    if submit(
        request, form, lambda data: record_receipt(notification=notification, actor=request.user, **data)
    ):
        messages.success(request, _("The consent or the receipt was recorded."))
        return redirect("item-detail", pk=item.pk)
    title = _("Consent or receipt: %(recipient)s") % {"recipient": notification.recipient}
    return form_page(
        request, form, title, reverse("item-detail", args=[item.pk]), f"{item.section} {item.title}"
    )
