"""Registries raise a failing provider's error in development and tests, so a broken section, list or
daily job fails its test instead of leaving part of a page empty; in production it is logged and the
other providers still run (core/registries.py)."""

import datetime
import logging

import pytest
from django.test import RequestFactory

from core import jobs, sections

D = datetime.date


@pytest.fixture
def registries(monkeypatch):
    """Empty registries for this test only, filled by the test's own providers."""
    monkeypatch.setattr(sections, "_PROVIDERS", {})
    monkeypatch.setattr(sections, "_LISTS", {})
    monkeypatch.setattr(jobs, "_JOBS", {})


def broken(*args):
    raise RuntimeError("a broken provider")


def register_pages():
    sections.contributes("page", order=1)(broken)
    sections.contributes("page", order=2)(lambda request, obj: sections.Section("fine.html"))
    sections.adds_rows("page")(broken)
    sections.adds_rows("page")(lambda request, obj: ["fine"])


def test_a_broken_section_or_list_raises_under_tests(registries):
    register_pages()
    request = RequestFactory().get("/")
    with pytest.raises(RuntimeError, match="a broken provider"):
        sections.sections("page", request, None)
    with pytest.raises(RuntimeError, match="a broken provider"):
        sections.rows("page", request, None)


def test_a_broken_daily_job_raises_under_tests(registries):
    jobs.daily("core.broken")(broken)
    with pytest.raises(RuntimeError, match="a broken provider"):
        jobs.run_daily(D(2026, 1, 2))


def test_it_raises_with_debug_on_too(registries, settings):
    settings.REGISTRIES_RAISE = False
    settings.DEBUG = True
    jobs.daily("core.broken")(broken)
    with pytest.raises(RuntimeError):
        jobs.run_daily(D(2026, 1, 2))


def test_in_production_a_broken_provider_is_logged_and_the_others_still_show(registries, settings, caplog):
    settings.REGISTRIES_RAISE = False
    register_pages()
    request = RequestFactory().get("/")
    with caplog.at_level(logging.ERROR):
        assert sections.sections("page", request, None) == [sections.Section("fine.html")]
        assert sections.rows("page", request, None) == ["fine"]
    failures = [r for r in caplog.records if r.exc_info and "a broken provider" in str(r.exc_info[1])]
    assert len(failures) == 2


def test_in_production_a_broken_daily_job_is_logged_and_the_others_still_run(registries, settings, caplog):
    settings.REGISTRIES_RAISE = False
    jobs.daily("core.broken")(broken)
    jobs.daily("core.fine")(lambda today: {"fine": 1})
    with caplog.at_level(logging.ERROR):
        assert jobs.run_daily(D(2026, 1, 2)) == {"fine": 1, "failed_jobs": 1}
    assert any("daily job core.broken failed" in r.getMessage() for r in caplog.records)
