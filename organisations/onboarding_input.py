"""What the national administrator types when creating a cooperation (#26 item 7), read into specs
for organisations.onboarding: parties as "BUSINESS-ID Name" lines, employment areas as
"Name; BUSINESS-ID of the employment authority; 179, 500, 892" lines. Each mistake is named with its
line, every line's at once; what the lines mean against the records is the service's to check."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from organisations import business_id


@dataclass(frozen=True)
class PartySpec:
    """A party as typed: its business ID (canonical form), and its name for one not yet registered."""

    business_id: str
    name: str
    kind: str
    line: int


@dataclass(frozen=True)
class MunicipalitySpec:
    code: str
    name: str  # blank: a municipality already recorded


@dataclass(frozen=True)
class AreaSpec:
    """An employment area as typed: its name, its employment authority's business ID, and its
    municipalities (the first is the lead municipality)."""

    name: str
    authority_business_id: str
    municipalities: tuple[MunicipalitySpec, ...]
    line: int


@dataclass(frozen=True)
class SecretarySpec:
    """Who runs the cooperation: an existing login (user name or e-mail), or a new one to invite."""

    login: str
    first_name: str
    last_name: str
    organisation_business_id: str


def _lines(text: str) -> list[tuple[int, str]]:
    return [(n, line.strip()) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]


def line_error(line: int, message: str) -> str:
    return _("Line %(line)s: %(message)s") % {"line": line, "message": message}


def _canonical_business_id(value: str, line: int) -> str:
    try:
        business_id.validate_business_id(value)
    except ValidationError as error:
        raise ValidationError(line_error(line, " ".join(error.messages))) from None
    return business_id.normalise(value)


def parse_parties(text: str, kind: str) -> list[PartySpec]:
    """Lines "BUSINESS-ID Name" (the name only for an organisation not yet registered); every line's
    error at once."""
    parties, errors = [], []
    for number, line in _lines(text):
        written, _space, name = line.partition(" ")
        try:
            parties.append(PartySpec(_canonical_business_id(written, number), name.strip(), kind, number))
        except ValidationError as error:
            errors += error.messages
    if errors:
        raise ValidationError(errors)
    return parties


_MUNICIPALITY = re.compile(r"^(?P<code>\d+)\s*(?P<name>[^\d]*)$")


def parse_areas(text: str) -> list[AreaSpec]:
    """Lines "Area name; BUSINESS-ID of its employment authority; 179 Jyväskylä, 500 Muurame" (a
    municipality's name only when it is not recorded yet; the first is the lead municipality)."""
    areas, errors = [], []
    for number, line in _lines(text):
        parts = [part.strip() for part in line.split(";")]
        if len(parts) != 3 or not all(parts):
            errors.append(
                line_error(
                    number,
                    _(
                        "write the area's name, its employment authority's business ID and its "
                        "municipalities, separated by semicolons."
                    ),
                )
            )
            continue
        name, authority, listed = parts
        try:
            authority_id = _canonical_business_id(authority, number)
        except ValidationError as error:
            errors += error.messages
            continue
        municipalities, refused = [], len(errors)
        for item in (piece.strip() for piece in listed.split(",")):
            for token in _split_codes(item):
                match = _MUNICIPALITY.match(token)
                if match is None or len(match["code"]) != 3:
                    errors.append(
                        line_error(
                            number,
                            _("%(value)s is not a municipality: write its three-digit code, e.g. 179.")
                            % {"value": token},
                        )
                    )
                    continue
                municipalities.append(MunicipalitySpec(match["code"], match["name"].strip()))
        if not municipalities and len(errors) == refused:
            errors.append(line_error(number, _("name at least one municipality of the area.")))
        areas.append(AreaSpec(name, authority_id, tuple(municipalities), number))
    if errors:
        raise ValidationError(errors)
    return areas


def _split_codes(item: str) -> list[str]:
    """ "179 500 892" is three municipalities; "179 Jyväskylä" is one with its name."""
    words = item.split()
    if words and all(word.isdigit() for word in words):
        return words
    return [item] if item else []
