"""Scheduled jobs: each sends its reminder once to the right people, on the right local date."""

import datetime
import threading
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.utils import translation

from agreements.tasks import end_due_agreements
from core import jobs, tasks
from notifications import services
from notifications.models import Notification
from notifications.services import preference
from notifications.sweep import send_reminders, weekly_digest
from tests.tools import require

D = datetime.date
UTC = datetime.UTC


@pytest.fixture
def people(world, group_world):
    for user, email in [
        (world.secretary, "sihteeri@example.fi"),
        (world.editor_a, "a@example.fi"),
        (world.editor_b, "b@example.fi"),
    ]:
        user.email = email
        user.save()
    # the chair's person logs in as editor_a
    chair = group_world.chair.person
    chair.user = None
    chair.save()
    return world


def remind(*declarations, on):
    """The reminders of the named declarations only, as the daily sweep sends them ON that day."""
    return send_reminders(on, only=declarations)


def end_and_remind(day):
    """The agreement's own daily status move, then its reminders, in the order the daily run takes."""
    end_due_agreements(day)
    return remind("agreements.endings", on=day)


def kinds(user):
    return sorted(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2029, 10, 1), 0),  # 181 days before 31.3.2030: not yet
        (D(2029, 10, 2), 1),  # 180 days before
        (D(2029, 10, 20), 1),  # still inside the 180-day window: the same reminder, not a new one
        (D(2030, 1, 1), 2),  # 89 days before: the 90-day reminder joins
        (D(2030, 3, 31), 3),  # the last day: the 30-day reminder too
    ],
)
def test_the_group_term_reminders_go_out_at_180_90_and_30_days(people, group_world, today, expected):
    day = D(2029, 10, 2)
    while day <= today:
        remind("governance.group_terms", "governance.leader_terms", on=day)
        day += datetime.timedelta(days=1)
    count = Notification.objects.filter(recipient=people.secretary, kind="group_term_ending").count()
    assert count == expected


def test_the_leading_persons_term_reminder_reaches_the_secretary(people, group_world):
    remind("governance.group_terms", "governance.leader_terms", on=D(2030, 3, 1))
    assert "leader_term_ending" in kinds(people.secretary)


def test_running_a_job_twice_sends_each_email_once(people, group_world):
    jobs.run_daily(D(2029, 10, 2))
    first = len([m for m in mail.outbox if m.to == ["sihteeri@example.fi"]])
    jobs.run_daily(D(2029, 10, 2))
    sent = [m for m in mail.outbox if m.to == ["sihteeri@example.fi"]]
    # the group's term, the leading person's and deputy's terms, and the year's objectives and staffing
    # review not done: one e-mail for each reminder, however often the job runs
    assert first == len(sent) == Notification.objects.filter(recipient=people.secretary).count() == 5


@pytest.mark.django_db(transaction=True)
def test_two_workers_delivering_at_once_send_one_email(user):
    # SQLite serialises writers, so the race only exists on PostgreSQL.
    require(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)", "REQUIRE_POSTGRESQL")
    user.email = "s@example.fi"
    user.save()
    notification = Notification.objects.create(
        recipient=user, kind="invoice_overdue", object_key="x", due_date=D(2025, 1, 1), message="m"
    )
    barrier = threading.Barrier(2)
    results = []

    def worker():
        barrier.wait()
        results.append(services.deliver(notification.pk))
        connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [False, True]
    assert len(mail.outbox) == 1


def test_the_same_notification_cannot_be_created_twice(user):
    first = services.notify(
        recipient=user, kind="invoice_overdue", object_key="k", due_date=D(2025, 1, 1), message="m"
    )
    second = services.notify(
        recipient=user, kind="invoice_overdue", object_key="k", due_date=D(2025, 1, 1), message="m"
    )
    assert first is not None
    assert second is None


def test_the_email_is_in_the_recipients_language(people, group_world):
    pref = preference(people.secretary)
    pref.language = "sv"
    pref.save()
    jobs.run_daily(D(2029, 10, 2))
    message = next(m for m in mail.outbox if m.to == ["sihteeri@example.fi"] and "TYM-johtoryhmä" in m.body)
    assert "upphör" in message.body
    assert message.alternatives[0][1] == "text/html"


def test_pending_signatures_remind_each_party_that_has_not_signed(people, group_world):
    from agreements.models import Agreement, AgreementParty, Signatory, Version

    agreement = Agreement.objects.create(
        cooperation=people.area.cooperation, title="Sopimus", status="out_for_signature"
    )
    for organisation in [people.org_a, people.org_b]:
        party = AgreementParty.objects.create(agreement=agreement, organisation=organisation)
        Signatory.objects.create(party=party, name_as_written="X")
    Version.objects.create(agreement=agreement, number=1, kind="original")
    monday = D(2025, 4, 7)
    remind("agreements.signatures", on=monday)
    remind("agreements.signatures", on=monday + datetime.timedelta(days=2))  # same week: nothing new
    assert kinds(people.editor_a) == ["signatures_pending"]
    assert kinds(people.editor_b) == ["signatures_pending"]
    remind("agreements.signatures", on=monday + datetime.timedelta(days=7))
    assert kinds(people.editor_a) == ["signatures_pending", "signatures_pending"]


def test_an_agreement_ends_on_the_day_after_its_end_date_and_the_parties_are_told(people):
    from agreements.models import Agreement, AgreementParty

    agreement = Agreement.objects.create(
        cooperation=people.area.cooperation,
        title="Sopimus",
        status="notice_given",
        in_force_from=D(2024, 1, 1),
        ends_on=D(2025, 12, 31),
        end_reason="notice",
    )
    AgreementParty.objects.create(agreement=agreement, organisation=people.org_a)
    end_and_remind(D(2025, 12, 1))
    assert kinds(people.editor_a) == ["agreement_ending"]
    end_and_remind(D(2025, 12, 31))
    agreement.refresh_from_db()
    assert agreement.status == "notice_given"
    end_and_remind(D(2026, 1, 1))
    agreement.refresh_from_db()
    assert agreement.status == "ended"
    assert "agreement_ended" in kinds(people.editor_a)


def test_day_60_of_a_dispute_reaches_both_parties(people):
    from agreements.models import Agreement, AgreementParty, Dispute

    agreement = Agreement.objects.create(
        cooperation=people.area.cooperation,
        title="Sopimus",
        status="in_force",
        in_force_from=D(2024, 1, 1),
        forum_civil="Käräjäoikeus",
    )
    a = AgreementParty.objects.create(agreement=agreement, organisation=people.org_a)
    b = AgreementParty.objects.create(agreement=agreement, organisation=people.org_b)
    Dispute.objects.create(
        agreement=agreement, requested_by=a, requested_to=b, requested_on=D(2025, 4, 2), kind="civil"
    )
    remind("agreements.disputes", on=D(2025, 5, 31))
    assert kinds(people.editor_b) == []
    remind("agreements.disputes", on=D(2025, 6, 1))
    assert kinds(people.editor_a) == ["dispute_day_60"]
    assert kinds(people.editor_b) == ["dispute_day_60"]


def test_a_decision_becoming_final_is_reported_once(people, db):
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
    # The party's consent to e-mail service recorded: without it the decision never becomes final (#28).
    from decisions.models import Notification

    Notification.objects.filter(method="email").update(consent="yes")
    remind("decisions.appeals", on=D(2025, 4, 22))
    assert "decision_final" not in kinds(people.secretary)
    remind("decisions.appeals", on=D(2025, 4, 23))
    remind("decisions.appeals", on=D(2025, 4, 24))
    assert kinds(people.secretary).count("decision_final") == 1


def test_an_overdue_invoice_reaches_the_debtor_and_the_payee(people, group_world):
    from costs.models import DevelopmentDay, Invoice

    day = DevelopmentDay.objects.create(group=group_world.group, date=D(2025, 10, 1), title="Päivä")
    Invoice.objects.create(
        day=day,
        number="KP-2025-001",
        debtor=people.org_b,
        creditor=people.org_a,
        registrations=2,
        share=Decimal("200.00"),
        amount=Decimal("200.00"),
        due_date=D(2025, 10, 31),
        status="sent",
        sent_on=D(2025, 10, 10),
    )
    remind("costs.invoices", on=D(2025, 10, 31))
    assert kinds(people.editor_b) == []
    remind("costs.invoices", on=D(2025, 11, 1))
    assert kinds(people.editor_b) == ["invoice_overdue"]
    assert kinds(people.editor_a) == ["invoice_overdue"]


def test_the_weekly_digest_lists_unread_reminders_once_a_week(people, group_world):
    pref = preference(people.secretary)
    pref.weekly_digest = True
    pref.save()
    remind("governance.group_terms", "governance.leader_terms", on=D(2029, 10, 2))
    with translation.override("fi"):
        weekly_digest(D(2029, 10, 8))
        weekly_digest(D(2029, 10, 9))
    digests = Notification.objects.filter(recipient=people.secretary, kind="weekly_digest")
    assert digests.count() == 1


def test_the_daily_task_uses_the_local_date_across_the_autumn_dst_change(people, group_world):
    # 25.10.2025 22:30 UTC is already Sunday 26.10.2025 01:30 in Helsinki (clocks go back at 04:00 that
    # morning). A term ending 180 days after the Helsinki date must be reminded of that night.
    group_world.group.term_end = D(2026, 4, 24)
    group_world.group.save()
    for leader in group_world.group.leadership.all():
        leader.term_end = D(2026, 4, 24)
        leader.save()
    with time_machine.travel(datetime.datetime(2025, 10, 25, 22, 30, tzinfo=UTC), tick=False):
        tasks.run_daily_jobs.delay()
    assert Notification.objects.filter(kind="group_term_ending", due_date=D(2026, 4, 24)).exists()


def test_the_daily_task_after_the_change_still_counts_local_days(people, group_world):
    group_world.group.term_end = D(2026, 4, 25)
    group_world.group.save()
    with time_machine.travel(datetime.datetime(2025, 10, 26, 21, 59, tzinfo=UTC), tick=False):  # 23:59 EET
        tasks.run_daily_jobs.delay()
    assert not Notification.objects.filter(kind="group_term_ending").exists()  # 181 days: not yet
    with time_machine.travel(
        datetime.datetime(2025, 10, 26, 22, 1, tzinfo=UTC), tick=False
    ):  # 00:01 on the 27th
        tasks.run_daily_jobs.delay()
    assert Notification.objects.filter(kind="group_term_ending").exists()


def test_the_command_prints_what_it_did(people, group_world, capsys):
    from django.core.management import call_command

    with time_machine.travel(datetime.datetime(2029, 10, 3, 9, tzinfo=UTC), tick=False):
        call_command("run_daily_jobs", "--date", "2029-10-02")
    out = capsys.readouterr().out
    assert "group_term_ending:" in out
    assert "emails_sent:" in out


def test_objectives_not_set_and_staffing_not_assessed_are_reminded_once_a_year(people, group_world):
    from staffing.models import Objective, StaffingReview

    remind("staffing.yearly", on=D(2026, 3, 30))
    assert kinds(people.secretary) == []
    remind("staffing.yearly", on=D(2026, 3, 31))
    remind("staffing.yearly", on=D(2026, 4, 15))
    assert kinds(people.secretary) == ["objectives_due", "staffing_review_due"]
    Objective.objects.create(group=group_world.group, year=2027, title="Tavoite")
    StaffingReview.objects.create(
        group=group_world.group, year=2026, adequate=True, assessed_on=D(2027, 2, 1)
    )
    remind("staffing.yearly", on=D(2027, 4, 1))
    assert kinds(people.secretary) == ["objectives_due", "staffing_review_due"]


def test_a_failing_declaration_is_reported_and_the_other_reminders_still_go_out(people, monkeypatch):
    from core import reminders

    def broken(today, areas=None):
        raise RuntimeError("one bad row")
        yield  # a generator, like every declaration

    monkeypatch.setitem(reminders._DECLARATIONS, "aaa.broken", broken)
    result = send_reminders(D(2029, 10, 2))
    assert result["failed_declarations"] == 1
    assert result["group_term_ending"] == 1


def test_many_notifications_are_made_at_once_and_existing_ones_are_left_alone(
    user, django_assert_num_queries
):
    from tests.factories import UserFactory

    other = UserFactory(username="toinen", email="toinen@example.fi")
    kept = services.notify(
        recipient=user, kind="invoice_overdue", object_key="k0", due_date=D(2025, 1, 1), message="vanha"
    )
    pending = [
        services.Pending(person, "invoice_overdue", f"k{n}", D(2025, 1, 1), f"uusi {n}")
        for n in range(30)
        for person in (user, other)
    ]
    # the existing ones, the insert, the rows made: 3 queries however many
    with django_assert_num_queries(3):
        made = services.notify_many(pending + pending[:4])  # a repeat in the same call counts once
    assert len(made) == 59
    kept.refresh_from_db()
    assert kept.message == "vanha"
    assert Notification.objects.count() == 60
    assert services.notify_many(pending) == []  # a second run of the day makes nothing


def test_the_command_refuses_a_future_date_and_changes_nothing(people, group_world):
    """#31 item 4: `--date 2031-12-31` pruned the whole use log, `--date 2100-12-31` ended an agreement.
    A future date exits non-zero before any job runs."""
    from django.core.management import CommandError, call_command

    from auditlog import audit
    from auditlog.models import AuditEvent

    audit.record("view", "/x/", username="someone")
    before = (AuditEvent.objects.count(), Notification.objects.count())
    tomorrow = (datetime.datetime.now(UTC) + datetime.timedelta(days=2)).date()
    for day in (tomorrow.isoformat(), "2031-12-31", "2100-12-31"):
        with pytest.raises(CommandError, match="future"):
            call_command("run_daily_jobs", "--date", day)
    assert (AuditEvent.objects.count(), Notification.objects.count()) == before
