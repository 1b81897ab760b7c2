"""The shared foundations every app builds on: writes, form errors, exports, reminders, daily jobs."""

import datetime

import pytest
from django import forms
from django.core.exceptions import ValidationError

from core import exports, jobs, reminders
from core.forms import add_service_errors
from core.writes import update_fields
from organisations.models import Organisation
from tests.factories import OrganisationFactory

D = datetime.date


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name_fi="Kaupunki A", business_id="0246246-0")


def test_an_update_sets_only_the_fields_that_changed_and_names_them(organisation, user):
    changed = update_fields(
        organisation,
        actor=user,
        allowed=["name_fi", "address"],
        data={"name_fi": "Kaupunki Ä", "address": organisation.address},
    )
    assert changed == ["name_fi"]
    organisation.refresh_from_db()
    assert organisation.name_fi == "Kaupunki Ä"
    assert organisation.history.first().history_user == user


def test_an_update_with_nothing_changed_writes_no_history(organisation, user):
    before = organisation.history.count()
    assert update_fields(organisation, actor=user, allowed=["name_fi"], data={"name_fi": "Kaupunki A"}) == []
    assert organisation.history.count() == before


def test_an_update_refuses_a_field_outside_its_whitelist(organisation, user):
    with pytest.raises(ValueError, match="kind"):
        update_fields(organisation, actor=user, allowed=["name_fi"], data={"kind": "kela"})
    organisation.refresh_from_db()
    assert organisation.kind != Organisation.Kind.KELA


class _Form(forms.Form):
    person = forms.CharField(required=False)


def test_a_services_field_error_is_shown_on_its_field_and_the_rest_at_the_top():
    form = _Form({"person": "x"})
    assert form.is_valid()
    add_service_errors(form, ValidationError({"person": ["Varattu."], "group": ["Toinen ryhmä."]}))
    assert form.errors["person"] == ["Varattu."]
    assert form.non_field_errors() == ["Toinen ryhmä."]


def test_a_services_error_without_a_field_is_shown_at_the_top():
    form = _Form({})
    form.is_valid()
    add_service_errors(form, ValidationError("Ei voi."))
    assert form.non_field_errors() == ["Ei voi."]


@pytest.mark.parametrize("value", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", "=cmd|' /C calc'!A0"])
def test_an_exported_cell_that_looks_like_a_formula_is_written_as_text(value):
    assert exports.safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Jämsä", "", 3, -3, "1-2", "-400,00", "-12.5", "-7"])
def test_other_exported_cells_are_kept_as_they_are(value):
    assert exports.safe_cell(value) == value


def _due(on, remind):
    return reminders.Due(
        kind="k", key="x:1", on=on, text=reminders.Text("t"), link="/", cooperation_id=None, remind=remind
    )


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2029, 10, 1), None),  # 181 days before
        (D(2029, 10, 2), ("x:1:180", D(2030, 3, 31))),
        (D(2030, 1, 1), ("x:1:90", D(2030, 3, 31))),
        (D(2030, 3, 31), ("x:1:30", D(2030, 3, 31))),
        (D(2030, 4, 1), None),  # past: nothing ahead any more
    ],
)
def test_a_deadline_ahead_is_reminded_at_each_lead_time(settings, today, expected):
    settings.REMINDER_LEAD_DAYS = [180, 90, 30]
    reminder = reminders.reminder_for(_due(D(2030, 3, 31), reminders.Remind.AHEAD), today)
    assert (reminder and (reminder.object_key, reminder.due_date)) == expected


def test_reached_reminds_from_the_day_after_reminds_from_the_next_day():
    day = D(2025, 10, 31)
    reached, after = _due(day, reminders.Remind.REACHED), _due(day, reminders.Remind.AFTER)
    assert reminders.reminder_for(reached, day - datetime.timedelta(days=1)) is None
    assert reminders.reminder_for(reached, day) == reminders.Reminder("x:1", day)
    assert reminders.reminder_for(after, day) is None
    assert reminders.reminder_for(after, day + datetime.timedelta(days=1)) == reminders.Reminder("x:1", day)


def test_weekly_reminds_on_mondays_under_that_mondays_date():
    monday = D(2025, 4, 7)
    due = _due(monday, reminders.Remind.WEEKLY)
    assert reminders.reminder_for(due, monday) == reminders.Reminder("x:1", monday)
    assert reminders.reminder_for(due, monday + datetime.timedelta(days=1)) is None


def test_never_is_shown_but_not_sent():
    assert reminders.reminder_for(_due(D(2025, 4, 7), reminders.Remind.NEVER), D(2025, 4, 7)) is None


def test_a_text_is_written_in_the_language_it_is_read_in():
    from django.utils import translation
    from django.utils.translation import gettext_lazy

    text = reminders.Text(gettext_lazy("Finnish"), {})
    with translation.override("sv"):
        assert str(text) == "finska"
    with translation.override("fi"):
        assert str(text) == "suomi"


def test_every_declared_kind_has_a_label_and_every_declaration_is_registered():
    codes = {code for code, _label in reminders.kind_choices()}
    assert {
        "group_term_ending",
        "dispute_day_60",
        "decision_final",
        "invoice_overdue",
        "objectives_due",
    } <= codes
    assert reminders.declaration_names() == [
        "accessrights.left_open",
        "agreements.disputes",
        "agreements.endings",
        "agreements.signatures",
        "costs.invoices",
        "decisions.agendas",
        "decisions.appeals",
        "decisions.claims",
        "decisions.meetings",
        "governance.group_terms",
        "governance.leader_terms",
        "governance.missing_deputies",
        "staffing.yearly",
    ]


def test_the_daily_jobs_run_lowest_layer_first():
    assert [job.name for job in jobs.registered()] == [
        "core.forget_form_tokens",
        "auditlog.export_head",
        "auditlog.prune_audit_log",
        "agreements.end_due",
        "notifications.reminders",
    ]


def test_a_failing_daily_job_is_reported_and_the_others_still_run(monkeypatch, settings):
    settings.REGISTRIES_RAISE = False  # production: tests raise instead (tests/test_registries.py)
    ran = []

    def broken(today):
        raise RuntimeError("one bad row")

    def fine(today):
        ran.append(today)
        return {"fine": 1}

    monkeypatch.setattr(jobs, "_JOBS", {})
    jobs.daily("core.broken")(broken)
    jobs.daily("core.fine")(fine)
    assert jobs.run_daily(D(2025, 1, 2)) == {"fine": 1, "failed_jobs": 1}
    assert ran == [D(2025, 1, 2)]


def test_a_failing_reminder_declaration_does_not_silence_the_others_in_production(monkeypatch, settings):
    settings.REGISTRIES_RAISE = False
    import datetime

    from core import reminders

    def broken(today, cooperations):
        raise OverflowError("a date out of range in one record")
        yield  # a generator, as declarations are

    def working(today, cooperations):
        yield "due"

    monkeypatch.setattr(reminders, "_DECLARATIONS", {"a.broken": broken, "b.working": working})
    assert list(reminders.collect(datetime.date(2026, 1, 1))) == ["due"]


def test_a_failing_reminder_declaration_raises_under_tests(monkeypatch):
    import datetime

    from core import reminders

    def broken(today, cooperations):
        raise OverflowError("a date out of range in one record")
        yield  # a generator, as declarations are

    monkeypatch.setattr(reminders, "_DECLARATIONS", {"a.broken": broken})
    with pytest.raises(OverflowError):
        list(reminders.collect(datetime.date(2026, 1, 1)))
