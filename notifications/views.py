from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from core.forms import submit
from core.views import AuthenticatedRequest, detail_page
from notifications import calendar, services
from notifications.models import Notification, Preference
from notifications.services import preference

# The unread first, then the newest: a page of fifty (#15: a national administrator has thousands).
PAGE_SIZE = 50


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = Preference
        fields = ["language", "email_enabled", "weekly_digest"]
        labels = {"language": gettext_lazy("Language of e-mail")}


def _list_page(request: AuthenticatedRequest, form: PreferenceForm | None = None) -> HttpResponse:
    """The user's notifications and settings; a refused settings form shown again in place."""
    pref = preference(request.user)
    # Unread first on every database: PostgreSQL sorts NULLs last unless told otherwise.
    unread_first = F("read_at").asc(nulls_first=True)
    rows = Notification.objects.filter(recipient=request.user).order_by(unread_first, "-created_at", "-pk")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "notifications": page.object_list,
        "page": page,
        "form": form or PreferenceForm(instance=pref),
        "calendar_url": request.build_absolute_uri(reverse("calendar-feed", args=[pref.calendar_token])),
    }
    return detail_page(request, "notifications/list.html", context)


@login_required
def notification_list(request: AuthenticatedRequest) -> HttpResponse:
    return _list_page(request)


@login_required
@require_http_methods(["POST"])
def mark_read(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.toggle_read(notification=notification, actor=request.user)
    if request.htmx:  # the row alone, in place; without JavaScript the whole list again
        context = {"n": notification, "swapped": True}
        return render(request, "notifications/_notification.html", context)
    return redirect("notification-list")


@login_required
@require_http_methods(["POST"])
def save_preferences(request: AuthenticatedRequest) -> HttpResponse:
    form = PreferenceForm(request.POST, instance=preference(request.user))
    if submit(
        request,
        form,
        lambda data: services.update_preferences(user=request.user, actor=request.user, **data),
    ):
        messages.success(request, _("Your notification settings were saved."))
        return redirect("notification-list")
    return _list_page(request, form)


@login_required
@require_http_methods(["POST"])
def renew_calendar_token(request: AuthenticatedRequest) -> HttpResponse:
    services.renew_calendar_token(user=request.user, actor=request.user)
    messages.success(request, _("A new calendar address was made; the old one no longer works."))
    return redirect("notification-list")


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    pref = Preference.objects.select_related("user").filter(calendar_token=token).first()
    if pref is None or not pref.user.is_active:
        raise Http404
    return HttpResponse(calendar.render(pref.user), content_type="text/calendar; charset=utf-8")
