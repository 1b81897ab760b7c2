"""Reads of the national registers for the apps that use them; each fact is read as of a day."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from registers.models import AdministrativeCourt, CourtFee, NationalParty, RegisteredMunicipality


def municipality_on(code: str, day: datetime.date | None = None) -> RegisteredMunicipality | None:
    """The register's facts of municipality CODE on DAY (today when None), or None when it had none."""
    return (
        RegisteredMunicipality.objects.on(day or timezone.localdate())
        .filter(code=code)
        .select_related("county", "region__court")
        .first()
    )


def names_of(code: str) -> list[tuple[str, str]]:
    """Every (Finnish, Swedish) name the register has had for CODE, on any date; [] for an unknown code."""
    return list(RegisteredMunicipality.objects.filter(code=code).values_list("name_fi", "name_sv").distinct())


@dataclass(frozen=True)
class NameCheck:
    code: str = ""  # what is wrong with the code, or ""
    name_fi: str = ""
    name_sv: str = ""


def check_municipality(code: str, name_fi: str, name_sv: str) -> NameCheck:
    """Whether CODE is a municipality of the register (on any date) and the names are its names."""
    names = names_of(code)
    if not names:
        return NameCheck(
            code=_("%(code)s is not a municipality code in the national register.") % {"code": code}
        )
    fi_names = " / ".join(sorted({fi for fi, _sv in names}))
    sv_names = " / ".join(sorted({sv for _fi, sv in names}))
    return NameCheck(
        name_fi=""
        if name_fi in fi_names.split(" / ")
        else _("Municipality %(code)s is %(name)s in the national register.")
        % {"code": code, "name": fi_names},
        name_sv=""
        if not name_sv or name_sv in sv_names.split(" / ")
        else _("Municipality %(code)s is %(name)s in Swedish in the national register.")
        % {"code": code, "name": sv_names},
    )


def refuse_unknown_municipality(code: str, name_fi: str, name_sv: str) -> None:
    """organisations.Municipality.clean(): the code is one the register has had (on any date) and the
    names are its names, or ValidationError by field; a case file is checked the same way (full_clean).
    A code that is not three digits is left to the field's own check."""
    if len(code) == 3 and code.isdigit():
        found = check_municipality(code, name_fi, name_sv)
        errors = {"code": found.code, "name_fi": found.name_fi, "name_sv": found.name_sv}
        if any(errors.values()):
            raise ValidationError({name: message for name, message in errors.items() if message})


def court_of_municipality(code: str, day: datetime.date | None = None) -> AdministrativeCourt | None:
    """The administrative court of the region municipality CODE belongs to on DAY."""
    found = municipality_on(code, day)
    return found.region.court if found else None


def county_fields_on(code_field: str, day: datetime.date) -> dict[str, Subquery]:
    """Annotations for a queryset whose CODE_FIELD holds municipality codes: the register's county of
    each on DAY (code, Finnish name, business ID) and the municipality's own name there, read in the
    same query."""
    row = RegisteredMunicipality.objects.on(day).filter(code=OuterRef(code_field))
    return {
        "register_name": Subquery(row.values("name_fi")[:1]),
        "register_county_code": Subquery(row.values("county__code")[:1]),
        "register_county_name": Subquery(row.values("county__name_fi")[:1]),
        "register_county_business_id": Subquery(row.values("county__business_id")[:1]),
    }


def fee_on(day: datetime.date) -> CourtFee | None:
    return CourtFee.objects.filter(valid_from__lte=day, valid_to__gte=day).first()


def fees_for_years(first_day: datetime.date, last_day: datetime.date) -> list[tuple[int, CourtFee | None]]:
    """The fee of each year an appeal filed between FIRST_DAY and LAST_DAY can fall in: the one in
    force on the first of those days in the year; None where none is recorded (never guessed)."""
    fees: QuerySet[CourtFee] = CourtFee.objects.filter(
        Q(valid_from__lte=last_day) & Q(valid_to__gte=first_day)
    ).order_by("valid_from")
    loaded = list(fees)
    result = []
    for year in range(first_day.year, last_day.year + 1):
        day = max(first_day, datetime.date(year, 1, 1))
        result.append((year, next((f for f in loaded if f.valid_from <= day <= f.valid_to), None)))
    return result


def kela() -> NationalParty | None:
    return NationalParty.objects.order_by("pk").first()
