"""Read-only questions about who belongs where."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from organisations.models import Cooperation, Organisation, Participation, Person


def people_of(cooperation: Cooperation | int | None) -> QuerySet[Person]:
    """The people of COOPERATION, for its pickers and people lists (#26): people of its parties who
    belong to it through a seat or the leading person's appointment in its steering group, a grant in
    force there, or a link the secretary keeps (CooperationPerson). An organisation that takes part in
    this cooperation alone (not Kela) brings all its people: they can belong nowhere else. Kela's
    people, and those of a county in two cooperations, belong only where they are linked."""
    cooperation_id = cooperation.pk if isinstance(cooperation, Cooperation) else cooperation
    if cooperation_id is None:  # an area in no cooperation has no people to pick
        return Person.objects.none()
    parties = Organisation.objects.participating_in(cooperation_id)
    taking_part = Participation.objects.current()
    only_here = (
        taking_part.filter(cooperation_id=cooperation_id)
        .exclude(organisation__in=taking_part.exclude(cooperation_id=cooperation_id).values("organisation"))
        .values("organisation")
    )
    belongs = (
        Q(organisation__in=only_here)
        | Q(cooperation_links__cooperation_id=cooperation_id)
        | Q(user__grants__cooperation_id=cooperation_id, user__grants__withdrawn_at__isnull=True)
        | Q(memberships__group__cooperation_id=cooperation_id)
        | Q(leadership__group__cooperation_id=cooperation_id)
    )
    ids = Person.objects.filter(organisation__in=parties).filter(belongs).values("pk")
    return Person.objects.filter(pk__in=ids)
