from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from core.views import AuthenticatedRequest
from notifications import calendar
from notifications.models import Notification, Preference, new_token
from notifications.services import preference

# The unread first, then the newest: a page of fifty (#15: a national administrator has thousands).
PAGE_SIZE = 50


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = Preference
        fields = ["language", "email_enabled", "weekly_digest"]
        labels = {"language": gettext_lazy("Language of e-mail")}


@login_required
def notification_list(request: AuthenticatedRequest) -> HttpResponse:
    pref = preference(request.user)
    # Unread first on every database: PostgreSQL sorts NULLs last unless told otherwise.
    unread_first = F("read_at").asc(nulls_first=True)
    rows = Notification.objects.filter(recipient=request.user).order_by(unread_first, "-created_at", "-pk")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/list.html",
        {
            "notifications": page.object_list,
            "page": page,
            "form": PreferenceForm(instance=pref),
            "calendar_url": request.build_absolute_uri(reverse("calendar-feed", args=[pref.calendar_token])),
        },
    )


@login_required
@require_http_methods(["POST"])
def mark_read(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    notification.read_at = None if notification.read_at else timezone.now()
    notification.save(update_fields=["read_at"])
    if request.htmx:  # the row alone, in place; without JavaScript the whole list again
        context = {"n": notification, "swapped": True}
        return render(request, "notifications/_notification.html", context)
    return redirect("notification-list")


@login_required
@require_http_methods(["POST"])
def save_preferences(request: AuthenticatedRequest) -> HttpResponse:
    form = PreferenceForm(request.POST, instance=preference(request.user))
    if form.is_valid():
        form.save()
        messages.success(request, _("Your notification settings were saved."))
    return redirect("notification-list")


@login_required
@require_http_methods(["POST"])
def renew_calendar_token(request: AuthenticatedRequest) -> HttpResponse:
    pref = preference(request.user)
    pref.calendar_token = new_token()
    pref.save(update_fields=["calendar_token"])
    messages.success(request, _("A new calendar address was made; the old one no longer works."))
    return redirect("notification-list")


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    pref = Preference.objects.select_related("user").filter(calendar_token=token).first()
    if pref is None or not pref.user.is_active:
        raise Http404
    return HttpResponse(calendar.render(pref.user), content_type="text/calendar; charset=utf-8")
