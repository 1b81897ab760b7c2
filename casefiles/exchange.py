"""Case files: one cooperation's records as JSON, out and in (docs/case-file.schema.json).

Each app declares its part in its own `casefile.py` with @part (imported in AppConfig.ready), in the
order records must be read: a record refers to earlier ones by key. A file is a list of records, each
`{"model": "app.model", "key": "...", "fields": {...}, "refs": {"field": key, null or [keys]}}`.

Import (casefiles/reading.py) is all or nothing: the file is checked against the schema
(casefiles/schema.py), every record is validated in full (the models' own rules), and any error names
its JSON path and saves nothing. It is idempotent: a record is matched to an existing row by its
part's identity (natural key), and a row is saved, and its history written, only when a value differs.
Values are kept as written: the models accept what a source says (an invalid business ID is kept and
flagged by the compliance rules).

An import cannot disturb another cooperation (#26): a cooperation's own records are matched only among
that cooperation's rows (its part's scope); shared national records (an organisation, a municipality)
are matched across the installation and never changed, a difference being a warning; a person named by
another cooperation's records is not changed either. A version-1 file is upgraded in memory first
(casefiles/versions.py).
"""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from django.apps import apps
from django.db import models

FORMAT = "tym-case-file"
VERSION = 2
SCHEMA_PATH = Path(__file__).resolve().parent.parent / "docs" / "case-file.schema.json"
IMPORT_REASON = "import_cooperation"

Scope = Callable[[Any], "models.QuerySet[Any]"]
# A rule a service keeps for a row that a case file must keep too: {field: message} when broken.
Check = Callable[[Any], dict[str, str]]


@dataclass(frozen=True)
class Part:
    model: type[models.Model]
    identity: tuple[str, ...]  # the fields (and refs) that find an existing row
    scope: Scope  # the cooperation's rows: the only ones a record of this part is matched with
    exclude: tuple[str, ...] = ()  # fields a case file does not carry (logins, uploaded files)
    # Rows also taken when another exported record refers to them (people, organisations).
    referenced: bool = False
    order_by: tuple[Any, ...] = ("pk",)
    # A shared national record (an organisation, a municipality): matched across the installation by
    # its identity, or else by each of `also_by` in turn, and never changed by an import; a difference
    # is a warning. `claims` are its fields a cooperation sets (a municipality's area): refused when
    # they point to another cooperation's row.
    national: bool = False
    also_by: tuple[tuple[str, ...], ...] = ()
    claims: tuple[str, ...] = ()
    # Values that name one national record (a business ID): two records of one file may not share
    # one, and a new row whose value another row already has is created with a warning.
    distinct: tuple[str, ...] = ()
    # Matched across the installation (a person of Kela), and changed only while no other
    # cooperation's case file carries the row.
    shared: bool = False
    # The cooperation itself: its identity is the file's "cooperation".
    root: bool = False
    # Relations written as a natural value among the fields instead of a ref: {"user": "username"}.
    by_name: tuple[tuple[str, str], ...] = ()
    check: Check | None = None

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    @property
    def across(self) -> bool:
        """Matched across the installation rather than within the cooperation."""
        return self.national or self.shared or self.root

    def identities(self) -> tuple[tuple[str, ...], ...]:
        return (self.identity, *self.also_by)

    def fields(self) -> list[models.Field[Any, Any]]:
        return [
            f
            for f in self.model._meta.concrete_fields
            if not f.primary_key and f.name not in self.exclude and not getattr(f, "auto_now_add", False)
        ]

    def many(self) -> list[models.ManyToManyField[Any, Any]]:
        return [f for f in self.model._meta.many_to_many if f.name not in self.exclude]

    def named(self, name: str) -> str | None:
        """The attribute by which relation NAME is written, when it is written by name."""
        return dict(self.by_name).get(name)


_PARTS: list[Part] = []


def part(
    model: type[models.Model],
    *,
    identity: Iterable[str],
    exclude: Iterable[str] = (),
    referenced: bool = False,
    order_by: Iterable[Any] = ("pk",),
    national: bool = False,
    also_by: Iterable[Iterable[str]] = (),
    claims: Iterable[str] = (),
    distinct: Iterable[str] = (),
    shared: bool = False,
    root: bool = False,
    by_name: Iterable[tuple[str, str]] = (),
    check: Check | None = None,
) -> Callable[[Scope], Scope]:
    """Register SCOPE(cooperation) -> queryset of MODEL as a case-file part."""

    def register(scope: Scope) -> Scope:
        _PARTS.append(
            Part(
                model,
                tuple(identity),
                scope,
                tuple(exclude),
                referenced,
                tuple(order_by),
                national,
                tuple(tuple(names) for names in also_by),
                tuple(claims),
                tuple(distinct),
                shared,
                root,
                tuple(by_name),
                check,
            )
        )
        return scope

    return register


def parts() -> list[Part]:
    order = {config.label: n for n, config in enumerate(apps.get_app_configs())}
    return sorted(_PARTS, key=lambda p: order.get(p.model._meta.app_label, len(order)))


def root_part() -> Part:
    return next(p for p in parts() if p.root)


# Out


def _key(obj: models.Model) -> str:
    return f"{obj._meta.label_lower}:{obj.pk}"


def _value(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def chosen(cooperation: Any) -> dict[str, list[models.Model]]:
    """COOPERATION's rows of every part: what its case file carries."""
    result: dict[str, list[models.Model]] = {}
    for p in parts():
        if not p.referenced:
            result[p.label] = list(p.scope(cooperation).order_by(*p.order_by))
    # Organisations and people go with the records that refer to them, besides their own scope.
    for p in reversed(parts()):
        if not p.referenced:
            continue
        wanted = {obj.pk for obj in p.scope(cooperation)}
        for label, objects in result.items():
            holder = next(q for q in parts() if q.label == label)
            pointing = [f for f in holder.fields() if f.is_relation and f.related_model is p.model]
            many = [f for f in holder.many() if f.related_model is p.model]
            for obj in objects:
                for f in pointing:
                    value = getattr(obj, f.attname)
                    if value is not None:
                        wanted.add(value)
                for m in many:
                    wanted.update(getattr(obj, m.name).values_list("pk", flat=True))
        result[p.label] = list(p.model._default_manager.filter(pk__in=wanted).order_by(*p.order_by))
    return result


def _record(p: Part, obj: models.Model) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    refs: dict[str, Any] = {}
    for f in p.fields():
        if f.is_relation and p.named(f.name):
            target = getattr(obj, f.name)
            fields[f.name] = None if target is None else getattr(target, cast(str, p.named(f.name)))
        elif f.is_relation:
            target = getattr(obj, f.attname)
            related = cast(type[models.Model], f.related_model)
            refs[f.name] = None if target is None else f"{related._meta.label_lower}:{target}"
        else:
            fields[f.name] = _value(f.value_from_object(obj))
    for m in p.many():
        related = cast(type[models.Model], m.related_model)
        pks = sorted(getattr(obj, m.name).values_list("pk", flat=True))
        refs[m.name] = [f"{related._meta.label_lower}:{pk}" for pk in pks]
    return {"model": p.label, "key": _key(obj), "fields": fields, "refs": refs}


def export(cooperation: Any) -> dict[str, Any]:
    """COOPERATION's records, in the order they must be read back."""
    rows = chosen(cooperation)
    records = [_record(p, obj) for p in parts() for obj in rows[p.label]]
    return {"format": FORMAT, "version": VERSION, "cooperation": cooperation.code, "records": records}


# In


class CaseFileRefused(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class Outcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    by_model: dict[str, int] = field(default_factory=dict)
    # What the file says differently of a shared record, which the import left as it was.
    warnings: list[str] = field(default_factory=list)
