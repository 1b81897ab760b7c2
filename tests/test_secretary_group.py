"""The national administrators' group holds every permission of the domain apps after each migrate
(and each flush): post_migrate brings it up to date once, after the last domain app's permissions."""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.management.sql import emit_post_migrate_signal

from organisations import access


def test_post_migrate_gives_the_group_every_domain_permission_once(db, monkeypatch):
    group = access.ensure_secretary_group()
    every = set(Permission.objects.filter(content_type__app_label__in=settings.DOMAIN_APPS))
    first = [p for p in every if p.content_type.app_label == settings.DOMAIN_APPS[0]]
    last = [p for p in every if p.content_type.app_label == access._last_domain_app()]
    assert first
    assert last
    group.permissions.remove(*first, *last)
    calls = []
    original = access.ensure_secretary_group
    monkeypatch.setattr(access, "ensure_secretary_group", lambda: calls.append(1) or original())
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert calls == [1]
    assert set(Group.objects.get(name=access.ADMINISTRATORS).permissions.all()) == every


def test_ensure_gives_back_a_missing_permission_and_asks_once_when_none_is(db, django_assert_num_queries):
    group = access.ensure_secretary_group()
    every = set(Permission.objects.filter(content_type__app_label__in=settings.DOMAIN_APPS))
    group.permissions.remove(next(iter(every)))
    access.ensure_secretary_group()
    assert set(group.permissions.all()) == every
    with django_assert_num_queries(2):  # the group, and which permissions it lacks: none
        access.ensure_secretary_group()
