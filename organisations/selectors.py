"""Read-only questions about who belongs where."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Q, QuerySet

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
    return people_in([cooperation_id])


def people_in(cooperation_ids: Iterable[int]) -> QuerySet[Person]:
    """The people of any of COOPERATION_IDS, as people_of() reads each (the search)."""
    ids = set(cooperation_ids)
    if not ids:
        return Person.objects.none()
    taking_part = Participation.objects.current()
    parties = Q(organisation__kind=Organisation.Kind.KELA) | Q(
        organisation__in=taking_part.filter(cooperation__in=ids).values("organisation")
    )
    only_one = (
        taking_part.exclude(organisation__kind=Organisation.Kind.KELA)
        .values("organisation")
        .annotate(n=Count("cooperation", distinct=True))
        .filter(n=1)
        .values("organisation")
    )
    only_here = taking_part.filter(cooperation__in=ids, organisation__in=only_one).values("organisation")
    belongs = (
        Q(organisation__in=only_here)
        | Q(cooperation_links__cooperation__in=ids)
        | Q(user__grants__cooperation__in=ids, user__grants__withdrawn_at__isnull=True)
        | Q(memberships__group__cooperation__in=ids)
        | Q(leadership__group__cooperation__in=ids)
    )
    found = Person.objects.filter(parties).filter(belongs).values("pk")
    return Person.objects.filter(pk__in=found)


def organisations_of(cooperation: Cooperation | int) -> QuerySet[Organisation]:
    """The organisations a form of COOPERATION may offer: its parties, and municipalities (which may
    supplement the steering group, agreement's topic of the group) that take part in no other
    cooperation (#26)."""
    cooperation_id = cooperation.pk if isinstance(cooperation, Cooperation) else cooperation
    elsewhere = Participation.objects.current().exclude(cooperation_id=cooperation_id).values("organisation")
    return Organisation.objects.filter(
        Q(pk__in=Organisation.objects.participating_in(cooperation_id).values("pk"))
        | (Q(kind=Organisation.Kind.MUNICIPALITY) & ~Q(pk__in=elsewhere))
    )
