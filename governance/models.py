"""The steering group (johtoryhmä) of an employment area: its term, the nominations each
organisation decided, who sits in it as member or personal deputy, and the leading person."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import periods
from governance import seat_rules
from governance.choices import Capacity, Role
from organisations.models import Cooperation, Organisation, OrganisationKind, Person


class StatutoryParameters(models.Model):
    """A set of the decree's numbers, in force from a date until the next set."""

    valid_from = models.DateField(_("in force from"), unique=True)
    term_years = models.PositiveSmallIntegerField(_("term of the steering group in years"), default=5)
    chair_named_by = models.CharField(
        _("chair is named by"),
        max_length=30,
        choices=OrganisationKind.choices,
        default=OrganisationKind.EMPLOYMENT_AUTHORITY,
    )
    vice_chair_named_by = models.CharField(
        _("vice-chair is named by"),
        max_length=30,
        choices=OrganisationKind.choices,
        default=OrganisationKind.WELLBEING_COUNTY,
    )
    source = models.CharField(_("source"), max_length=200, default="VNA 388/2024")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("statutory parameters")
        verbose_name_plural = _("statutory parameters")
        constraints = [
            models.CheckConstraint(condition=Q(term_years__gte=1), name="parameters_term_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.source} ({self.valid_from:%d.%m.%Y})"


class SteeringGroup(models.Model):
    cooperation = models.ForeignKey(
        Cooperation,
        verbose_name=_("cooperation"),
        on_delete=models.PROTECT,
        related_name="steering_groups",
    )
    name = models.CharField(_("name"), max_length=200, default="TYM-johtoryhmä")
    # The decision that set the group up; the text fields keep what a source says when no record exists.
    set_up_decision = models.ForeignKey(
        "decisions.AgendaItem",
        verbose_name=_("set-up decision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="steering_groups_set_up",
    )
    set_up_by = models.CharField(_("set up by (body)"), max_length=200, blank=True)
    set_up_on = models.DateField(_("date of the set-up decision"), null=True, blank=True)
    set_up_reference = models.CharField(_("set-up decision (§)"), max_length=100, blank=True)
    # Tasa-arvolaki 609/1986 § 4 a applies to municipal bodies and bodies of intermunicipal cooperation;
    # whether it binds this group is for its organisations to say, so the check is opt-in.
    gender_balance_checked = models.BooleanField(
        _("check the gender balance (Equality Act § 4 a)"), default=False
    )
    term_start = models.DateField(_("term starts"), null=True, blank=True)
    term_end = models.DateField(_("term ends"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("steering group")
        verbose_name_plural = _("steering groups")
        ordering = ["cooperation__name_fi", "-term_start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_start__isnull=True)
                | Q(term_end__isnull=True)
                | Q(term_end__gte=F("term_start")),
                name="group_term_ends_after_it_starts",
                violation_error_message=_("The term cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.cooperation}"

    class Status(models.TextChoices):
        TERM_NOT_RECORDED = "term_not_recorded", _("term not recorded")
        UPCOMING = "upcoming", _("term not yet started")
        ACTIVE = "active", _("in term")
        ENDED = "ended", _("term ended")

    def status_on(self, day: datetime.date) -> str:
        if self.term_start is None:
            return self.Status.TERM_NOT_RECORDED
        if day < self.term_start:
            return self.Status.UPCOMING
        if self.term_end is not None and day > self.term_end:
            return self.Status.ENDED
        return self.Status.ACTIVE

    @property
    def status(self) -> str:
        return self.status_on(timezone.localdate())

    def get_status_display(self) -> str:
        return str(self.Status(self.status).label)


class NominationQuerySet(models.QuerySet["Nomination"]):
    def on(self, day: datetime.date) -> NominationQuerySet:
        """Nominations decided by DAY (core.periods); an undated one counts, as it may be older."""
        return self.filter(periods.covering("decided_on", None, day))


class Nomination(models.Model):
    """An organisation's own decision naming its members (and personal deputies) to the group,
    e.g. Kela, Tommi Hallikainen, 13.12.2024."""

    group = models.ForeignKey(
        SteeringGroup, verbose_name=_("steering group"), on_delete=models.CASCADE, related_name="nominations"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("nominating organisation"),
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    decided_by = models.ForeignKey(
        Person,
        verbose_name=_("official who decided"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nomination_decisions",
    )
    decided_by_body = models.CharField(
        _("body that decided"),
        max_length=200,
        blank=True,
        help_text=_("When a body, not an official, decided (e.g. the employment-area board)."),
    )
    decided_on = models.DateField(_("decision date"), null=True, blank=True)
    reference = models.CharField(_("decision reference"), max_length=200, blank=True)
    history = HistoricalRecords()

    objects = NominationQuerySet.as_manager()

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["decided_on", "pk"]

    def __str__(self) -> str:
        who = self.decided_by or self.decided_by_body or "?"
        day = f" {self.decided_on:%d.%m.%Y}" if self.decided_on else ""
        return f"{self.organisation}: {who}{day}"

    def clean(self) -> None:
        seat_rules.check_nomination(self)

    def in_force_on(self, day: datetime.date) -> bool:
        """NominationQuerySet.on() for a row already loaded."""
        return periods.covers(self.decided_on, None, day)


class MembershipQuerySet(models.QuerySet["Membership"]):
    def on(self, day: datetime.date) -> MembershipQuerySet:
        """Seats held on DAY: started on or before it (or start not recorded) and not ended before it.
        The end date is the seat's last day, so a seat ending on DAY still counts (core.periods); a
        successor's seat starts the day after (services.replace_member)."""
        return self.filter(periods.covering("start_date", "end_date", day))


class Membership(models.Model):
    """One person's seat in a group: as a member (with a role) or as the personal deputy of a member.

    One person a row makes the integrity rules database constraints: a person holds at most one open
    seat in a group (so never member and deputy at once), a member has at most one open personal deputy.
    """

    Capacity = Capacity
    Role = Role

    class EndReason(models.TextChoices):
        SUCCESSOR = "successor", _("successor named")
        RESIGNED = "resigned", _("resigned")
        TERM_ENDED = "term_ended", _("term ended")
        LEFT_ORGANISATION = "left_organisation", _("left the organisation")
        OTHER = "other", _("other reason")

    group = models.ForeignKey(
        SteeringGroup, verbose_name=_("steering group"), on_delete=models.CASCADE, related_name="memberships"
    )
    # Three different things (#13 item 11): who nominated the member (this), whom they represent (e.g. a
    # municipality of the area, when not the nominating organisation) and who employs them.
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("nominated by"), on_delete=models.PROTECT, related_name="memberships"
    )
    represents = models.ForeignKey(
        Organisation,
        verbose_name=_("represents"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="represented_in",
        help_text=_("Only when the member represents another organisation than the one that nominated them."),
    )
    employer = models.ForeignKey(
        Organisation,
        verbose_name=_("employer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="employed_members",
        help_text=_("Only when not the person's own organisation."),
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="memberships"
    )
    capacity = models.CharField(_("capacity"), max_length=10, choices=Capacity.choices)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    deputy_of = models.ForeignKey(
        "self",
        verbose_name=_("personal deputy of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deputies",
    )
    nomination = models.ForeignKey(
        Nomination,
        verbose_name=_("nomination"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
    )
    # Who designated the role (chair, vice-chair): the decree says who may.
    role_named_in = models.ForeignKey(
        Nomination,
        verbose_name=_("role designated in"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="designated_roles",
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    end_reason = models.CharField(
        _("reason for ending"), max_length=20, choices=EndReason.choices, blank=True
    )
    serves_until_successor = models.BooleanField(
        _("serves until a successor is named"),
        default=False,
        help_text=_(
            "The organisation has said the person stays in the seat after the term until a successor is named."  # noqa: E501
        ),
    )
    history = HistoricalRecords()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("seat in the steering group")
        verbose_name_plural = _("seats in the steering group")
        ordering = ["organisation__name_fi", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["group"],
                condition=Q(role="chair", end_date__isnull=True),
                name="one_current_chair",
                violation_error_message=_("The steering group already has a chair."),
            ),
            models.UniqueConstraint(
                fields=["group"],
                condition=Q(role="vice_chair", end_date__isnull=True),
                name="one_current_vice_chair",
                violation_error_message=_("The steering group already has a vice-chair."),
            ),
            models.UniqueConstraint(
                fields=["group", "person"],
                condition=Q(end_date__isnull=True),
                name="one_current_seat_per_person",
                violation_error_message=_(
                    "This person already has a seat in the steering group (as a member or a personal deputy)."
                ),
            ),
            models.UniqueConstraint(
                fields=["deputy_of"],
                condition=Q(end_date__isnull=True),
                name="one_current_deputy_per_member",
                violation_error_message=_("This member already has a personal deputy."),
            ),
            models.CheckConstraint(
                condition=(Q(capacity="member") & Q(deputy_of__isnull=True) & ~Q(role=""))
                | (Q(capacity="deputy") & Q(deputy_of__isnull=False) & Q(role="")),
                name="member_has_role_deputy_has_member",
                violation_error_message=_("A member has a role; a personal deputy has a member and no role."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__in=["member", "deputy"]), name="membership_capacity_known"
            ),
            models.CheckConstraint(
                condition=~Q(deputy_of=F("id")),
                name="deputy_not_own_member",
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="membership_ends_after_it_starts",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=False) | Q(end_reason=""),
                name="end_reason_only_when_ended",
                violation_error_message=_("A reason for ending is given only with an end date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_capacity_display()})"

    def clean(self) -> None:
        seat_rules.check_membership(self)

    def in_force_on(self, day: datetime.date) -> bool:
        """MembershipQuerySet.on() for a row already loaded."""
        return periods.covers(self.start_date, self.end_date, day)

    def ended_before(self, day: datetime.date) -> bool:
        """Whether the seat's last day is past on DAY (an end recorded for later is not an end yet)."""
        return self.end_date is not None and self.end_date < day


class LeadershipQuerySet(models.QuerySet["LeadershipAppointment"]):
    def on(self, day: datetime.date) -> LeadershipQuerySet:
        """Appointments in office on DAY: within the term, and not ended early before DAY. The early end
        is the last day in office, as a seat's end date is (core.periods)."""
        return self.filter(
            periods.covering("term_start", "term_end", day), periods.covering("term_start", "ended_on", day)
        )


class LeadershipAppointment(models.Model):
    """The leading person (johtava henkilö) or their deputy: approved by the steering group first,
    then named by the employment authority's board, for at most the group's term."""

    class Capacity(models.TextChoices):
        LEADING = "leading", _("leading person")
        DEPUTY = "deputy", _("deputy of the leading person")

    group = models.ForeignKey(
        SteeringGroup, verbose_name=_("steering group"), on_delete=models.CASCADE, related_name="leadership"
    )
    capacity = models.CharField(_("capacity"), max_length=10, choices=Capacity.choices)
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="leadership"
    )
    approved_on = models.DateField(_("approved by the steering group on"))
    approval_reference = models.CharField(_("steering group decision"), max_length=200, blank=True)
    named_on = models.DateField(_("named by the board on"))
    naming_reference = models.CharField(_("board decision"), max_length=200, blank=True)
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"))
    ended_on = models.DateField(_("ended early on"), null=True, blank=True)
    administrative_employer = models.ForeignKey(
        Organisation,
        verbose_name=_("administrative employer"),
        on_delete=models.PROTECT,
        related_name="employed_leaders",
    )
    history = HistoricalRecords()

    objects = LeadershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("leading person appointment")
        verbose_name_plural = _("leading person appointments")
        ordering = ["capacity", "-term_start"]
        constraints = [
            # The steering group must approve the person before the naming (VNA 388/2024).
            models.CheckConstraint(
                condition=Q(approved_on__lte=F("named_on")),
                name="leader_approved_before_named",
                violation_error_message=_(
                    "The steering group must approve the person before the board names them."
                ),
            ),
            models.CheckConstraint(
                condition=Q(term_end__gte=F("term_start")),
                name="leader_term_ends_after_it_starts",
                violation_error_message=_("The term cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__in=["leading", "deputy"]), name="leader_capacity_known"
            ),
            models.UniqueConstraint(
                fields=["group", "capacity"],
                condition=Q(ended_on__isnull=True),
                name="one_current_leader_per_capacity",
                violation_error_message=_("This steering group already has a person in this capacity."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_capacity_display()})"

    def clean(self) -> None:
        seat_rules.check_leadership(self)

    def in_force_on(self, day: datetime.date) -> bool:
        """LeadershipQuerySet.on() for a row already loaded."""
        return periods.covers(self.term_start, self.term_end, day) and periods.covers(
            self.term_start, self.ended_on, day
        )
