"""Editions of the national registers: dated JSON files in registers/data/, each naming its sources,
the day they were checked and what could not be verified.

An edition is the whole register as of its `effective_from` day. Applying it to the register in the
database (`apply`) updates courts, regions, counties, Kela and the court fees by code, and dates the
municipalities: a municipality that is no longer listed (a merger) or whose names, county or region
changed ends the day before, and its new facts start on that day, so a fact of an earlier day keeps
reading the earlier edition. An edition is refused whole, changing nothing, when it is malformed,
not newer than the one in effect, leaves a municipality without a county or region, or drops a
municipality that a cooperation still uses (usage.py)."""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.apps import apps as installed_apps
from django.apps.registry import Apps
from django.db import transaction

DATA_DIR = Path(__file__).resolve().parent / "data"
FORMAT = "tym-national-registers"
SECTIONS = ("courts", "regions", "counties", "municipalities", "national_parties", "court_fees")
FIELDS = {
    "courts": (
        "code",
        "name_fi",
        "name_sv",
        "address",
        "email",
        "eservice",
        "hours_fi",
        "hours_sv",
        "source",
    ),
    "regions": ("code", "name_fi", "name_sv", "court"),
    "counties": ("code", "name_fi", "name_sv", "business_id", "is_city", "published_count", "count_source"),
    "municipalities": ("code", "name_fi", "name_sv", "county", "region"),
    "national_parties": ("business_id", "name_fi", "name_sv", "address", "source"),
    "court_fees": ("valid_from", "valid_to", "amount", "exemptions_fi", "exemptions_sv", "source"),
}


class EditionRefused(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class Outcome:
    edition: str
    changes: list[str] = field(default_factory=list)


def shipped() -> list[Path]:
    """The editions shipped with the product, oldest first (their names are their dates)."""
    return sorted(DATA_DIR.glob("*.json"))


def read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise EditionRefused([f"{path}: cannot be read: {error}"]) from None
    errors = check(data)
    if errors:
        raise EditionRefused(errors)
    result: dict[str, Any] = data
    return result


def _date(value: Any) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def check(data: Any) -> list[str]:
    """What is wrong with DATA as an edition, each error at its JSON path; [] when nothing is."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return [f"$.format: not a {FORMAT} file"]
    errors = []
    for name in ("edition", "effective_from", "checked_on"):
        if not isinstance(data.get(name), str) or (name != "edition" and _date(data[name]) is None):
            errors.append(f"$.{name}: required ({'a date' if name != 'edition' else 'a name'})")
    if not isinstance(data.get("sources"), list) or not data["sources"]:
        errors.append("$.sources: an edition names its sources")
    for section in SECTIONS:
        rows = data.get(section)
        if not isinstance(rows, list):
            errors.append(f"$.{section}: required (a list)")
            continue
        for n, row in enumerate(rows):
            if not isinstance(row, dict) or set(row) - set(FIELDS[section]):
                errors.append(f"$.{section}[{n}]: fields are {', '.join(FIELDS[section])}")
    if errors:
        return errors
    errors += _unique(data)
    courts = {c["code"] for c in data["courts"]}
    regions = {r["code"] for r in data["regions"]}
    counties = {c["code"] for c in data["counties"]}
    for n, region in enumerate(data["regions"]):
        if region.get("court") not in courts:
            errors.append(f"$.regions[{n}].court: no court {region.get('court')!r} in this edition")
    for n, m in enumerate(data["municipalities"]):
        where, label = f"$.municipalities[{n}]", f"{m.get('name_fi')} ({m.get('code')})"
        if not (isinstance(m.get("code"), str) and len(m["code"]) == 3 and m["code"].isdigit()):
            errors.append(f"{where}.code: a municipality code has three digits")
        if not m.get("name_fi") or not m.get("name_sv"):
            errors.append(f"{where}: {label} needs its Finnish and Swedish names")
        if m.get("county") not in counties:
            errors.append(f"{where}.county: {label} would be left without a wellbeing services county")
        if m.get("region") not in regions:
            errors.append(f"{where}.region: {label} would be left without a region")
    for n, fee in enumerate(data["court_fees"]):
        start, end = _date(fee.get("valid_from")), _date(fee.get("valid_to"))
        try:
            amount = Decimal(str(fee.get("amount")))
        except InvalidOperation:
            amount = Decimal(0)
        if start is None or end is None or end < start or amount <= 0 or not fee.get("source"):
            errors.append(f"$.court_fees[{n}]: a fee has its period, a positive amount and its source")
    return errors


def _unique(data: dict[str, Any]) -> list[str]:
    errors = []
    for section in SECTIONS:
        key = (
            "valid_from"
            if section == "court_fees"
            else "business_id"
            if section == "national_parties"
            else "code"
        )
        seen: dict[Any, int] = {}
        for n, row in enumerate(data[section]):
            if row.get(key) in seen:
                errors.append(
                    f"$.{section}[{n}].{key}: {row.get(key)!r} is also $.{section}[{seen[row.get(key)]}]"
                )
            seen.setdefault(row.get(key), n)
    return errors


class _Models:
    """The register's models from APPS: the installed ones, or a migration's historical ones."""

    Edition: Any
    AdministrativeCourt: Any
    Region: Any
    WellbeingCounty: Any
    RegisteredMunicipality: Any
    NationalParty: Any
    CourtFee: Any

    def __init__(self, apps: Apps | Any):
        for name in self.__annotations__:
            setattr(self, name, apps.get_model("registers", name))


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _upsert(
    model: Any, key: str, rows: list[dict[str, Any]], values: Any, label: str, out: list[str]
) -> None:
    existing = {getattr(obj, key): obj for obj in model.objects.all()}
    for row in rows:
        wanted = values(row)
        obj = existing.get(wanted[key])
        if obj is None:
            model.objects.create(**wanted)
            out.append(f"{label} added: {wanted.get('name_fi', wanted[key])}")
            continue
        changed = [name for name, value in wanted.items() if getattr(obj, name) != value]
        if changed:
            for name in changed:
                out.append(f"{label} {obj}: {name} {getattr(obj, name)!r} → {wanted[name]!r}")
                setattr(obj, name, wanted[name])
            obj.save()


def apply(
    data: dict[str, Any],
    *,
    apps: Apps | Any = installed_apps,
    in_use: Mapping[str, list[str]] | None = None,
) -> Outcome:
    """Bring the register to edition DATA, all of it or nothing (EditionRefused, with every reason)."""
    errors = check(data)
    if errors:
        raise EditionRefused(errors)
    m = _Models(apps)
    effective = datetime.date.fromisoformat(data["effective_from"])
    day_before = effective - datetime.timedelta(days=1)
    latest = m.Edition.objects.order_by("-effective_from").first()
    if latest is not None and effective <= latest.effective_from:
        raise EditionRefused(
            [
                f"$.effective_from: {effective} is not after the edition in effect, "
                f"{latest} ({latest.effective_from})"
            ]
        )
    wanted = {row["code"]: row for row in data["municipalities"]}
    current = {row.code: row for row in m.RegisteredMunicipality.objects.filter(valid_to__isnull=True)}
    dropped = sorted(set(current) - set(wanted))
    still_used = [
        f"{current[code]} is still used: {'; '.join((in_use or {})[code])}"
        for code in dropped
        if (in_use or {}).get(code)
    ]
    if still_used:
        raise EditionRefused([f"$.municipalities: {line} (nothing was changed)" for line in still_used])
    outcome = Outcome(data["edition"])
    out = outcome.changes
    with transaction.atomic():
        edition = m.Edition.objects.create(
            name=data["edition"],
            effective_from=effective,
            checked_on=datetime.date.fromisoformat(data["checked_on"]),
            sources="\n".join(data["sources"]),
            unverified="\n".join(data.get("unverified", [])),
        )
        _upsert(
            m.AdministrativeCourt,
            "code",
            data["courts"],
            lambda row: {name: _text(row.get(name)) for name in FIELDS["courts"]},
            "court",
            out,
        )
        courts = {c.code: c for c in m.AdministrativeCourt.objects.all()}
        _upsert(
            m.Region,
            "code",
            data["regions"],
            lambda row: {
                "code": row["code"],
                "name_fi": row["name_fi"],
                "name_sv": _text(row.get("name_sv")),
                "court": courts[row["court"]],
            },
            "region",
            out,
        )
        _upsert(
            m.WellbeingCounty,
            "code",
            data["counties"],
            lambda row: {
                **{name: _text(row.get(name)) for name in ("code", "name_fi", "name_sv", "business_id")},
                "is_city": bool(row.get("is_city")),
                "published_count": row.get("published_count"),
                "count_source": _text(row.get("count_source")),
            },
            "county",
            out,
        )
        _upsert(
            m.NationalParty,
            "business_id",
            data["national_parties"],
            lambda row: {name: _text(row.get(name)) for name in FIELDS["national_parties"]},
            "national party",
            out,
        )
        _upsert(
            m.CourtFee,
            "valid_from",
            data["court_fees"],
            lambda row: {
                "valid_from": datetime.date.fromisoformat(row["valid_from"]),
                "valid_to": datetime.date.fromisoformat(row["valid_to"]),
                "amount": Decimal(str(row["amount"])),
                **{name: _text(row.get(name)) for name in ("exemptions_fi", "exemptions_sv", "source")},
            },
            "court fee",
            out,
        )
        _municipalities(m, edition, wanted, current, effective, day_before, out)
    return outcome


def _municipalities(
    m: _Models,
    edition: Any,
    wanted: dict[str, dict[str, Any]],
    current: dict[str, Any],
    effective: datetime.date,
    day_before: datetime.date,
    out: list[str],
) -> None:
    counties = {c.code: c for c in m.WellbeingCounty.objects.all()}
    regions = {r.code: r for r in m.Region.objects.all()}
    new_rows = []
    for code in sorted(set(current) - set(wanted)):
        row = current[code]
        row.valid_to = day_before
        row.save()
        out.append(f"municipality {row} ends on {day_before:%d.%m.%Y}")
    for code, w in sorted(wanted.items()):
        facts = {
            "name_fi": w["name_fi"],
            "name_sv": w["name_sv"],
            "county": counties[w["county"]],
            "region": regions[w["region"]],
        }
        old = current.get(code)
        if old is not None:
            differs = [name for name, value in facts.items() if getattr(old, name) != value]
            if not differs:
                continue
            for name in differs:
                out.append(
                    f"municipality {old}: {name} {getattr(old, name)} → {facts[name]} "
                    f"from {effective:%d.%m.%Y}"
                )
            old.valid_to = day_before
            old.save()
        elif current:
            out.append(f"municipality added: {w['name_fi']} ({code}) from {effective:%d.%m.%Y}")
        new_rows.append(m.RegisteredMunicipality(code=code, valid_from=effective, edition=edition, **facts))
    if not current:  # the first edition: one line, not three hundred
        out.append(f"{len(new_rows)} municipalities loaded")
        m.RegisteredMunicipality.objects.bulk_create(new_rows)
    else:
        for row in new_rows:
            row.save()


def load_shipped(apps: Apps | Any = installed_apps) -> list[Outcome]:
    """Every shipped edition not yet applied, oldest first (the data migration; after a flush)."""
    applied = set(apps.get_model("registers", "Edition").objects.values_list("name", flat=True))
    outcomes = []
    for path in shipped():
        data = read(path)
        if data["edition"] not in applied:
            outcomes.append(apply(data, apps=apps))
    return outcomes


def load_shipped_if_empty(**kwargs: Any) -> None:
    """post_migrate: a flushed database gets the shipped register back (see apps.py)."""
    from django.db import connections

    connection = connections[kwargs.get("using", "default")]
    Edition = installed_apps.get_model("registers", "Edition")
    if Edition._meta.db_table not in connection.introspection.table_names():
        return  # migrated to a state before the register existed
    if not Edition.objects.using(connection.alias).exists():
        load_shipped()
