"""Every admin page opens, and every model of the domain is in the admin and keeps its history.

Smoke tests over the whole registry with the first real case loaded, so a page that breaks on real
data shows here. The board secretary opens the domain apps' pages; a superuser the rest (users,
groups, the lock-out log)."""

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.urls import reverse

from organisations import access
from tests.conftest import client_for
from tests.factories import UserFactory

REGISTERED = sorted(admin.site._registry.items(), key=lambda entry: entry[0]._meta.label)
# Reminders and preferences are not governance records; the invoice counter is a lock and a number,
# whose every use is in the invoices' own history.
WITHOUT_HISTORY = {"notifications.Preference", "notifications.Notification", "costs.InvoiceCounter"}


def _domain_models():
    return [
        model
        for label in settings.DOMAIN_APPS
        for model in apps.get_app_config(label).get_models()
        if not model.__name__.startswith("Historical")
    ]


@pytest.fixture
def demo_admin(demo):
    secretary = UserFactory(username="admin-secretary")
    access.make_secretary(secretary)
    superuser = UserFactory(username="admin-root", is_staff=True, is_superuser=True)
    return {"secretary": client_for(secretary), "superuser": client_for(superuser)}


@pytest.mark.parametrize(("model", "model_admin"), REGISTERED, ids=[m._meta.label for m, _ in REGISTERED])
def test_the_admin_pages_of_each_model_open(demo_admin, model, model_admin):
    meta = model._meta
    persona = "secretary" if meta.app_label in settings.DOMAIN_APPS else "superuser"
    client = demo_admin[persona]
    name = f"admin:{meta.app_label}_{meta.model_name}"
    assert client.get(reverse(f"{name}_changelist")).status_code == 200
    if model_admin.has_add_permission(_request_for(persona)):
        assert client.get(reverse(f"{name}_add")).status_code == 200
    first = model._default_manager.order_by("pk").first()
    if first is not None:
        assert client.get(reverse(f"{name}_change", args=[first.pk])).status_code == 200
        assert client.get(reverse(f"{name}_history", args=[first.pk])).status_code == 200


def _request_for(persona):
    from django.contrib.auth import get_user_model
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = get_user_model().objects.get(
        username=f"admin-{'secretary' if persona == 'secretary' else 'root'}"
    )
    return request


def test_every_domain_model_is_in_the_admin_as_a_page_or_an_inline():
    inline_models = {
        inline.model for model_admin in admin.site._registry.values() for inline in model_admin.inlines
    }
    missing = [
        m._meta.label for m in _domain_models() if m not in admin.site._registry and m not in inline_models
    ]
    assert missing == []


def test_every_domain_record_keeps_its_history():
    without = [m._meta.label for m in _domain_models() if not hasattr(m, "history")]
    assert sorted(without) == sorted(WITHOUT_HISTORY)
