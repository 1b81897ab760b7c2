"""What the rules cite of one cooperation's agreement (#26 items 5 and 6): the section that holds each
topic, and each party's own decision approving the agreement. Imported by agreements/models.py (so its
references to the agreement and its parties are by name)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.citations import Topic


class TopicSection(models.Model):
    """Which of the agreement's sections holds a topic the rules cite (#26 item 5): each cooperation's
    agreement numbers its sections its own way, so the rules cite the topic and this says where."""

    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        related_name="topic_sections",
    )
    topic = models.CharField(_("topic"), max_length=30, choices=Topic.choices)
    section_number = models.PositiveSmallIntegerField(_("section number"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("section of a topic")
        verbose_name_plural = _("sections of topics")
        ordering = ["section_number", "topic"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "topic"],
                name="topic_once_per_agreement",
                violation_error_message=_("The agreement already records the section of this topic."),
            ),
            models.CheckConstraint(condition=Q(topic__in=Topic.values), name="topic_section_topic_known"),
            models.CheckConstraint(condition=Q(section_number__gte=1), name="topic_section_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_topic_display()}: § {self.section_number}"


class PartyApproval(models.Model):
    """The decision by which one party approved the agreement (#26 item 6): its own deciding body (a
    city's board, a county's council, Kela's unit), the day, the section and its reference or diary
    number, as the party records it."""

    party = models.OneToOneField(
        "agreements.AgreementParty",
        verbose_name=_("party"),
        on_delete=models.CASCADE,
        related_name="approval",
    )
    body = models.CharField(_("deciding body"), max_length=300)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    section = models.CharField(_("section (§)"), max_length=50, blank=True)
    reference = models.CharField(_("reference or diary number"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("party's approving decision")
        verbose_name_plural = _("parties' approving decisions")
        constraints = [
            models.CheckConstraint(condition=~Q(body=""), name="approval_names_its_body"),
            models.CheckConstraint(
                condition=~Q(section="") | ~Q(reference=""),
                name="approval_has_section_or_reference",
                violation_error_message=_("Give the section (§) or the reference of the decision."),
            ),
        ]

    def __str__(self) -> str:
        day = self.decided_on
        when = f"{day.day}.{day.month}.{day.year}" if day else ""
        return ", ".join(
            filter(None, [" ".join(filter(None, [self.body, self.section])), when, self.reference])
        )
