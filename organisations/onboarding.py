"""A cooperation from nothing, by its own people (#26 item 7): the national administrator creates the
cooperation with its parties, employment areas and municipalities and names its secretary; the
secretary records the cooperation's people who need no login. Each write validates in full and saves in
one transaction, so a refused cooperation leaves nothing behind.

Shared national records are matched, never changed: an organisation already registered under a business
ID keeps its name and kind, a municipality already recorded keeps its name; a municipality not recorded
yet takes its names from the national register (registers), and only a municipality that belongs to no
employment area yet is placed in the new one. A municipality already in an employment area is refused
(Act 380/2023 § 7: a municipality belongs to one employment area at a time)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model, Q
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from core.writes import Actor, save_validated, update_fields
from organisations import business_id, services
from organisations.models import (
    Cooperation,
    CooperationPerson,
    EmploymentArea,
    Grant,
    Municipality,
    Organisation,
    Participation,
    Person,
)
from organisations.onboarding_input import AreaSpec, MunicipalitySpec, PartySpec, SecretarySpec, line_error
from registers import selectors as register

if TYPE_CHECKING:  # django-stubs is a development dependency
    from django_stubs_ext import StrOrPromise

M = TypeVar("M", bound=Model)

# Kela takes part in every cooperation (Act 381/2023 § 3); recorded once, the first time it is needed,
# from the national register (its fallback: the name and business ID Kela is known by).
KELA_NAME = "Kansaneläkelaitos"
KELA_BUSINESS_ID = "0246246-0"
# Path words a cooperation's code cannot be: /cooperations/new/ is the page that creates one.
RESERVED_CODES = frozenset({"new"})


@dataclass(frozen=True)
class Created:
    cooperation: Cooperation
    secretary: User
    invited: bool  # a new login: the view sends the invitation once the transaction has committed


def _find_organisation(written: str) -> list[Organisation]:
    """The organisations registered under a business ID (as written, or in its canonical form)."""
    return list(Organisation.objects.filter(business_id__in={written, business_id.normalise(written)}))


def _kela(actor: Actor) -> Organisation:
    kela = Organisation.objects.filter(kind=Organisation.Kind.KELA).first()
    if kela is None:
        known = register.kela()
        kela = save_validated(
            Organisation(
                kind=Organisation.Kind.KELA,
                name_fi=known.name_fi if known else KELA_NAME,
                name_sv=known.name_sv if known else "",
                business_id=known.business_id if known else KELA_BUSINESS_ID,
                address=known.address if known else "",
            ),
            actor,
        )
    return kela


class _Errors:
    """Refusals collected by the form field they belong to, raised together: every mistake at once."""

    def __init__(self) -> None:
        self.by_field: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.by_field.setdefault(field, []).append(message)

    def raise_any(self) -> None:
        if self.by_field:
            raise ValidationError(self.by_field)


PARTY_FIELD: dict[str, str] = {
    Organisation.Kind.EMPLOYMENT_AUTHORITY: "employment_authorities",
    Organisation.Kind.WELLBEING_COUNTY: "counties",
}


def _resolve_parties(parties: Sequence[PartySpec], errors: _Errors) -> dict[str, Organisation | PartySpec]:
    """Each typed party by business ID: the registered organisation, or the spec of a new one."""
    found: dict[str, Organisation | PartySpec] = {}
    kinds = dict(Organisation.Kind.choices)
    for party in parties:
        field = PARTY_FIELD[party.kind]
        if party.business_id in found:
            errors.add(
                field, line_error(party.line, _("%(id)s is listed twice.") % {"id": party.business_id})
            )
            continue
        registered = _find_organisation(party.business_id)
        if len(registered) > 1:
            names = ", ".join(o.name_fi for o in registered)
            errors.add(
                field,
                line_error(
                    party.line,
                    _("several organisations have the business ID %(id)s: %(names)s.")
                    % {"id": party.business_id, "names": names},
                ),
            )
        elif registered:
            organisation = registered[0]
            if organisation.kind == Organisation.Kind.KELA:
                continue  # a party of every cooperation already: listing it changes nothing
            if organisation.kind != party.kind:
                errors.add(
                    field,
                    line_error(
                        party.line,
                        _("%(name)s (%(id)s) is registered as %(kind)s.")
                        % {
                            "name": organisation.name_fi,
                            "id": party.business_id,
                            "kind": kinds[organisation.kind],
                        },
                    ),
                )
            found[party.business_id] = organisation
        elif not party.name:
            errors.add(
                field,
                line_error(
                    party.line,
                    _("no organisation has the business ID %(id)s yet: write its name after the ID.")
                    % {"id": party.business_id},
                ),
            )
        elif (same_name := Organisation.objects.filter(name_fi=party.name).first()) is not None:
            errors.add(
                field,
                line_error(
                    party.line,
                    _("%(name)s is already registered with the business ID %(id)s.")
                    % {"name": party.name, "id": same_name.business_id or "-"},
                ),
            )
        else:
            found[party.business_id] = party
    return found


def _check_areas(
    areas: Sequence[AreaSpec],
    parties: dict[str, Organisation | PartySpec],
    names: dict[str, tuple[str, str]],
    errors: _Errors,
) -> dict[str, Municipality]:
    """The municipalities already recorded, by code (and into NAMES, the register's names of those
    not recorded yet); every refusal of the areas collected."""
    if not areas:
        errors.add("areas", _("Name at least one employment area."))
    codes = [m.code for area in areas for m in area.municipalities]
    recorded = {
        m.code: m for m in Municipality.objects.filter(code__in=codes).select_related("area__cooperation")
    }
    seen_codes: set[str] = set()
    seen_areas: set[str] = set()
    for area in areas:
        slug = slugify(area.name)
        if not slug:
            errors.add("areas", line_error(area.line, _("the area needs a name.")))
        elif slug in seen_areas or EmploymentArea.objects.filter(code=slug).exists():
            errors.add(
                "areas",
                line_error(
                    area.line, _("an employment area named %(name)s already exists.") % {"name": area.name}
                ),
            )
        seen_areas.add(slug)
        authority = parties.get(area.authority_business_id)
        authority_kind = authority.kind if authority is not None else None
        if authority_kind != Organisation.Kind.EMPLOYMENT_AUTHORITY:
            errors.add(
                "areas",
                line_error(
                    area.line,
                    _("%(id)s is not among the employment authorities above.")
                    % {"id": area.authority_business_id},
                ),
            )
        for spec in area.municipalities:
            municipality = recorded.get(spec.code)
            if spec.code in seen_codes:
                errors.add(
                    "areas",
                    line_error(area.line, _("municipality %(code)s is listed twice.") % {"code": spec.code}),
                )
            seen_codes.add(spec.code)
            if municipality is None:
                problem = _unregistered(spec, names)
                if problem:
                    errors.add("areas", line_error(area.line, problem))
            elif municipality.area_id is not None:
                other = municipality.area
                errors.add(
                    "areas",
                    line_error(
                        area.line,
                        _(
                            "%(municipality)s (%(code)s) already belongs to the employment area %(area)s of "
                            "the cooperation %(cooperation)s."
                        )
                        % {
                            "municipality": municipality.name_fi,
                            "code": municipality.code,
                            "area": other.name_fi if other else "?",
                            "cooperation": other.cooperation.name_fi if other and other.cooperation else "-",
                        },
                    ),
                )
    return recorded


def _unregistered(spec: MunicipalitySpec, names: dict[str, tuple[str, str]]) -> str:
    """What is wrong with a municipality not recorded yet, or "" with its register names put in NAMES:
    the code must be the national register's, and a name typed after it the register's name."""
    current = register.municipality_on(spec.code)
    check = register.check_municipality(spec.code, spec.name or (current.name_fi if current else ""), "")
    if check.code or check.name_fi:
        return check.code or check.name_fi
    if current is not None:
        names[spec.code] = (current.name_fi, current.name_sv)
    else:  # a code the register had before, not today: its last names
        names[spec.code] = register.names_of(spec.code)[-1]
    return ""


NAMING: dict[str, tuple[str, StrOrPromise, StrOrPromise]] = {
    Organisation.Kind.EMPLOYMENT_AUTHORITY: (
        "chair_named_by",
        _lazy("%(id)s is not among the employment authorities above."),
        _lazy("With two or more employment authorities, give the one that names the chair."),
    ),
    Organisation.Kind.WELLBEING_COUNTY: (
        "vice_chair_named_by",
        _lazy("%(id)s is not among the wellbeing services counties above."),
        _lazy("With two or more wellbeing services counties, give the one that names the vice-chair."),
    ),
}


def _check_naming(
    parties: dict[str, Organisation | PartySpec], kind: str, chosen: str, errors: _Errors
) -> None:
    """The party of KIND that names the chair or vice-chair: one of the parties, and given whenever
    there are two or more of its kind (VNA 388/2024 names the kind, not which of several)."""
    field, not_listed, needed = NAMING[kind]
    of_kind = [key for key, party in parties.items() if party.kind == kind]
    if chosen and chosen not in of_kind:
        errors.add(field, str(not_listed) % {"id": chosen})
    elif not chosen and len(of_kind) > 1:
        errors.add(field, str(needed))


def _secretary_user(secretary: SecretarySpec) -> User | None:
    login = secretary.login.strip()
    return (
        get_user_model()
        .objects.filter(Q(username__iexact=login) | Q(email__iexact=login))
        .order_by("pk")
        .first()
    )


@transaction.atomic
def create_cooperation(
    *,
    code: str,
    name_fi: str,
    name_sv: str,
    parties: Sequence[PartySpec],
    areas: Sequence[AreaSpec],
    secretary: SecretarySpec,
    actor: Actor,
    chair_named_by: str = "",
    vice_chair_named_by: str = "",
) -> Created:
    """The cooperation, its parties (Kela always among them), employment areas and municipalities, and
    its secretary's right: all saved, or, on any refusal, nothing. Errors by form field. With two or
    more employment authorities (counties), CHAIR_NAMED_BY (VICE_CHAIR_NAMED_BY) is the business ID of
    the one that names the chair (vice-chair) of the steering group (VNA 388/2024)."""
    errors = _Errors()
    if code in RESERVED_CODES:
        errors.add("code", _("%(code)s cannot be a cooperation's code.") % {"code": code})
    elif Cooperation.objects.filter(code=code).exists():
        errors.add("code", _("A cooperation with the code %(code)s already exists.") % {"code": code})
    resolved = _resolve_parties(parties, errors)
    kinds = {p.kind for p in resolved.values()}
    if (
        Organisation.Kind.EMPLOYMENT_AUTHORITY not in kinds
        and "employment_authorities" not in errors.by_field
    ):
        errors.add("employment_authorities", _("Name at least one employment authority."))
    if Organisation.Kind.WELLBEING_COUNTY not in kinds and "counties" not in errors.by_field:
        errors.add("counties", _("Name at least one wellbeing services county."))
    _check_naming(resolved, Organisation.Kind.EMPLOYMENT_AUTHORITY, chair_named_by, errors)
    _check_naming(resolved, Organisation.Kind.WELLBEING_COUNTY, vice_chair_named_by, errors)
    names: dict[str, tuple[str, str]] = {}
    recorded = _check_areas(areas, resolved, names, errors)
    user = _secretary_user(secretary)
    if user is None and not (secretary.first_name.strip() and secretary.last_name.strip()):
        errors.add(
            "secretary_login",
            _("No user has this user name or e-mail address: give the new user's name to invite them."),
        )
    secretary_id = secretary.organisation_business_id
    if secretary_id not in resolved and not _is_kela(secretary_id):
        errors.add(
            "secretary_organisation", _("The secretary's organisation must be one of the parties above.")
        )
    errors.raise_any()

    kela = _kela(actor)
    cooperation = save_validated(Cooperation(code=code, name_fi=name_fi, name_sv=name_sv), actor)
    organisations: dict[str, Organisation] = {}
    for key, party in resolved.items():
        if isinstance(party, PartySpec):
            party = _saved(
                Organisation(kind=party.kind, name_fi=party.name, business_id=party.business_id),
                actor,
                PARTY_FIELD[party.kind],
                party.line,
            )
        organisations[key] = party
        save_validated(
            Participation(
                cooperation=cooperation,
                organisation=party,
                names_chair=key == chair_named_by,
                names_vice_chair=key == vice_chair_named_by,
            ),
            actor,
        )
    for area in areas:
        row = _saved(
            EmploymentArea(
                code=slugify(area.name),
                name_fi=area.name,
                cooperation=cooperation,
                employment_authority=organisations[area.authority_business_id],
            ),
            actor,
            "areas",
            area.line,
        )
        for spec in area.municipalities:
            municipality = recorded.get(spec.code)
            if municipality is None:
                name_fi, name_sv = names[spec.code]
                municipality = _saved(
                    Municipality(code=spec.code, name_fi=name_fi, name_sv=name_sv, area=row),
                    actor,
                    "areas",
                    area.line,
                )
            else:
                update_fields(municipality, actor=actor, allowed=("area",), data={"area": row})
            if row.lead_municipality_id is None:
                update_fields(
                    row, actor=actor, allowed=("lead_municipality",), data={"lead_municipality": municipality}
                )
    organisation = organisations.get(secretary_id, kela)
    if user is None:
        user = services.invite(
            email=secretary.login,
            first_name=secretary.first_name.strip(),
            last_name=secretary.last_name.strip(),
            role=Grant.Role.SECRETARY,
            organisation=organisation,
            cooperation=cooperation,
            actor=actor,
        )
        return Created(cooperation, user, invited=True)
    services.grant(
        user=user, role=Grant.Role.SECRETARY, organisation=organisation, cooperation=cooperation, actor=actor
    )
    return Created(cooperation, user, invited=False)


def _saved(obj: M, actor: Actor, field: str, line: int) -> M:
    """save_validated, a refusal told on the form FIELD and the LINE it came from: a record's own field
    names (a municipality's code) are not the form's."""
    try:
        return save_validated(obj, actor)
    except ValidationError as error:
        raise ValidationError({field: [line_error(line, message) for message in error.messages]}) from None


def _is_kela(written: str) -> bool:
    return any(o.kind == Organisation.Kind.KELA for o in _find_organisation(written)) or (
        written == KELA_BUSINESS_ID and not Organisation.objects.filter(kind=Organisation.Kind.KELA).exists()
    )


@transaction.atomic
def add_person(
    *,
    cooperation: Cooperation,
    organisation: Organisation,
    first_name: str,
    last_name: str,
    title: str,
    email: str,
    actor: Actor,
) -> Person:
    """A person of a party who needs no login (e.g. a board member recorded in attendance), linked to
    COOPERATION so its pickers offer them. One already recorded in the organisation under the same name
    is linked, not recorded twice (a person of a shared organisation may serve several cooperations)."""
    if not cooperation.parties().filter(pk=organisation.pk).exists():
        raise ValidationError(
            {"organisation": _("%(name)s does not take part in this cooperation.") % {"name": organisation}}
        )
    person = Person.objects.filter(
        organisation=organisation, first_name=first_name.strip(), last_name=last_name.strip()
    ).first()
    if person is None:
        person = save_validated(
            Person(
                organisation=organisation,
                first_name=first_name.strip(),
                last_name=last_name.strip(),
                title=title.strip(),
                email=email.strip(),
            ),
            actor,
        )
    if not CooperationPerson.objects.filter(cooperation=cooperation, person=person).exists():
        save_validated(CooperationPerson(cooperation=cooperation, person=person), actor)
    return person
