"""{% agreement_section cooperation "topic" %}: a page's citation of the cooperation's own agreement,
by the section its current agreement records for the topic (#26 item 5), never a fixed number."""

from django import template
from django.utils import timezone

from agreements.models import Agreement, TopicSection
from governance.citations import section_citation

register = template.Library()


@register.simple_tag
def agreement_section(cooperation, topic: str) -> str:
    """'agreement § 10' as the cooperation's current agreement numbers TOPIC; without a number when it
    records none (one query)."""
    current = Agreement.objects.current_on(timezone.localdate()).filter(cooperation=cooperation)
    sections = dict(
        TopicSection.objects.filter(agreement__in=current.values("pk")[:1], topic=topic).values_list(
            "topic", "section_number"
        )
    )
    return section_citation(sections, [topic])
