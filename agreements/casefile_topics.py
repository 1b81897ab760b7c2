"""This app's part of a case file for what the rules cite (#26 items 5 and 6): the section of the
agreement holding each topic, and each party's own approving decision. Read after the agreement, its
parties and sections (agreements/casefile.py)."""

from django.db.models import QuerySet

from agreements.models import PartyApproval, TopicSection
from casefiles.exchange import part


@part(TopicSection, identity=("agreement", "topic"))
def topic_sections(cooperation) -> QuerySet[TopicSection]:
    return TopicSection.objects.filter(agreement__cooperation=cooperation)


@part(PartyApproval, identity=("party",))
def party_approvals(cooperation) -> QuerySet[PartyApproval]:
    return PartyApproval.objects.filter(party__agreement__cooperation=cooperation)
