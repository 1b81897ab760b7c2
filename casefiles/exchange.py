"""Case files: one cooperation's records as JSON, out and in (docs/case-file.schema.json).

Each app declares its part in its own `casefile.py` with @part (imported in AppConfig.ready), in the
order records must be read: a record refers to earlier ones by key. A file is a list of records, each
`{"model": "app.model", "key": "...", "fields": {...}, "refs": {"field": key or null}}`.

Import is all or nothing: the file is checked against the schema, every record is validated in
full (the models' own rules), and any error names its JSON path and saves nothing. It is idempotent:
a record is matched to an existing row by its part's identity (natural key), and a row is saved, and
its history written, only when a value differs. Values are kept as written: the models accept what a
source says (an invalid business ID is kept and flagged by the compliance rules).
"""

from __future__ import annotations

import datetime
import decimal
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models, transaction

from core.writes import Actor, save_validated

FORMAT = "tym-case-file"
VERSION = 1
SCHEMA_PATH = Path(__file__).resolve().parent.parent / "docs" / "case-file.schema.json"
IMPORT_REASON = "import_cooperation"

Scope = Callable[[Any], "models.QuerySet[Any]"]


@dataclass(frozen=True)
class Part:
    model: type[models.Model]
    identity: tuple[str, ...]  # the fields (and refs) that find an existing row
    scope: Scope  # the cooperation's rows
    exclude: tuple[str, ...] = ()  # fields a case file does not carry (logins, uploaded files)
    # Rows also taken when another exported record refers to them (people, organisations).
    referenced: bool = False
    order_by: tuple[Any, ...] = ("pk",)

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    def fields(self) -> list[models.Field[Any, Any]]:
        return [
            f
            for f in self.model._meta.concrete_fields
            if not f.primary_key and f.name not in self.exclude and not getattr(f, "auto_now_add", False)
        ]


_PARTS: list[Part] = []


def part(
    model: type[models.Model],
    *,
    identity: Iterable[str],
    exclude: Iterable[str] = (),
    referenced: bool = False,
    order_by: Iterable[Any] = ("pk",),
) -> Callable[[Scope], Scope]:
    """Register SCOPE(cooperation) -> queryset of MODEL as a case-file part."""

    def register(scope: Scope) -> Scope:
        _PARTS.append(Part(model, tuple(identity), scope, tuple(exclude), referenced, tuple(order_by)))
        return scope

    return register


def parts() -> list[Part]:
    order = {config.label: n for n, config in enumerate(apps.get_app_configs())}
    return sorted(_PARTS, key=lambda p: order.get(p.model._meta.app_label, len(order)))


# Out


def _key(obj: models.Model) -> str:
    return f"{obj._meta.label_lower}:{obj.pk}"


def _value(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def export(cooperation: Any) -> dict[str, Any]:
    """COOPERATION's records, in the order they must be read back."""
    chosen: dict[str, list[models.Model]] = {}
    for p in parts():
        if not p.referenced:
            chosen[p.label] = list(p.scope(cooperation).order_by(*p.order_by))
    # Organisations and people go with the records that refer to them, besides their own scope.
    for p in reversed(parts()):
        if not p.referenced:
            continue
        wanted = {obj.pk for obj in p.scope(cooperation)}
        for objects in chosen.values():
            for obj in objects:
                for f in obj._meta.concrete_fields:
                    if f.is_relation and f.related_model is p.model:
                        value = getattr(obj, f.attname)
                        if value is not None:
                            wanted.add(value)
        chosen[p.label] = list(p.model._default_manager.filter(pk__in=wanted).order_by(*p.order_by))
    records = []
    for p in parts():
        for obj in chosen[p.label]:
            fields, refs = {}, {}
            for f in p.fields():
                if f.is_relation:
                    target = getattr(obj, f.attname)
                    related = cast(type[models.Model], f.related_model)
                    refs[f.name] = None if target is None else f"{related._meta.label_lower}:{target}"
                else:
                    fields[f.name] = _value(f.value_from_object(obj))
            records.append({"model": p.label, "key": _key(obj), "fields": fields, "refs": refs})
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


def schema() -> dict[str, Any]:
    result: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return result


def _check_schema(data: Any) -> list[str]:
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(schema())
    return [
        f"{error.json_path}: {error.message}"
        for error in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    ]


def _section(p: Part, name: str) -> str:
    """Where a field's value stands in a record: among its fields or its refs."""
    try:
        return "refs" if p.model._meta.get_field(name).is_relation else "fields"
    except Exception:
        return "fields"


def _python(f: models.Field[Any, Any], value: Any) -> Any:
    if value is None:
        return None
    return f.to_python(value)


def read(data: Any, *, actor: Actor = None) -> Outcome:
    """Bring the records of DATA into the database: all of them, or none with every error named."""
    errors = _check_schema(data)
    if errors:
        raise CaseFileRefused(errors)
    by_label = {p.label: p for p in parts()}
    outcome = Outcome()
    errors = []
    with transaction.atomic():
        objects: dict[str, models.Model] = {}
        refused: set[str] = set()  # keys of records that could not be saved
        deferred: list[tuple[int, models.Model, str, str]] = []
        for n, record in enumerate(data["records"]):
            path = f"$.records[{n}]"
            p = by_label[record["model"]]
            if record["key"] in objects:
                errors.append(f"{path}.key: the key {record['key']!r} is used twice")
                continue
            values: dict[str, Any] = {}
            later: list[tuple[str, str]] = []  # refs to records further on in the file
            blocked = False  # refers to a record already refused: its own error says why
            for f in p.fields():
                if f.is_relation:
                    ref = record["refs"].get(f.name)
                    if ref is None:
                        values[f.name] = None
                    elif ref in refused:
                        values[f.name] = None
                        blocked = True
                    elif ref in objects:
                        values[f.name] = objects[ref]
                    elif f.null:
                        later.append((f.name, ref))
                    else:
                        errors.append(f"{path}.refs.{f.name}: no earlier record has the key {ref!r}")
                elif f.name in record["fields"]:
                    try:
                        values[f.name] = _python(f, record["fields"][f.name])
                    except ValidationError as error:
                        errors.append(f"{path}.fields.{f.name}: {' '.join(error.messages)}")
            if blocked:
                refused.add(record["key"])
                continue
            lookup = {name: values.get(name) for name in p.identity}
            obj = p.model._default_manager.filter(**lookup).first()
            created = obj is None
            if obj is None:
                obj = p.model(**values)
                changed = list(values)
            else:
                changed = [name for name, value in values.items() if getattr(obj, name) != value]
                for name in changed:
                    setattr(obj, name, values[name])
            deferred += [(n, obj, name, ref) for name, ref in later]
            if changed or created:
                try:
                    save_validated(obj, actor, IMPORT_REASON)
                except ValidationError as error:
                    for name, messages in error.message_dict.items():
                        where = "" if name == "__all__" else f".{_section(p, name)}.{name}"
                        errors.append(f"{path}{where}: {' '.join(messages)}")
                    refused.add(record["key"])
                    continue
                if created:
                    outcome.created += 1
                else:
                    outcome.updated += 1
                outcome.by_model[p.label] = outcome.by_model.get(p.label, 0) + 1
            else:
                outcome.unchanged += 1
            objects[record["key"]] = obj
        for n, obj, name, ref in deferred:
            if ref in refused or obj.pk is None:
                continue
            if ref not in objects:
                errors.append(f"$.records[{n}].refs.{name}: no record has the key {ref!r}")
                continue
            if getattr(obj, name) != objects[ref]:
                setattr(obj, name, objects[ref])
                try:
                    save_validated(obj, actor, IMPORT_REASON)
                except ValidationError as error:
                    errors.append(f"$.records[{n}].refs.{name}: {' '.join(error.messages)}")
                    continue
                outcome.updated += 1
        if errors:
            transaction.set_rollback(True)
    if errors:
        raise CaseFileRefused(errors)
    return outcome


def build_schema() -> dict[str, Any]:
    """The JSON Schema of the current format, generated from the parts (docs/case-file.schema.json)."""
    json_types = {
        "BooleanField": {"type": "boolean"},
        "IntegerField": {"type": "integer"},
        "PositiveIntegerField": {"type": "integer", "minimum": 0},
        "PositiveSmallIntegerField": {"type": "integer", "minimum": 0},
        "SmallIntegerField": {"type": "integer"},
        "DecimalField": {"type": "string", "pattern": r"^-?\d+(\.\d+)?$"},
        "DateField": {"type": "string", "format": "date"},
        "DateTimeField": {"type": "string", "format": "date-time"},
        "TimeField": {"type": "string"},
    }
    variants = []
    for p in parts():
        properties = {}
        for f in p.fields():
            if f.is_relation:
                continue
            kind = json_types.get(f.get_internal_type(), {"type": "string"})
            properties[f.name] = {"anyOf": [kind, {"type": "null"}]} if f.null else kind
        refs = {f.name: {"type": ["string", "null"]} for f in p.fields() if f.is_relation}
        variants.append(
            {
                "if": {"properties": {"model": {"const": p.label}}},
                "then": {
                    "type": "object",
                    "required": ["model", "key", "fields", "refs"],
                    "additionalProperties": False,
                    "properties": {
                        "model": {"const": p.label},
                        "key": {"type": "string", "minLength": 1, "maxLength": 200},
                        "fields": {"type": "object", "additionalProperties": False, "properties": properties},
                        "refs": {"type": "object", "additionalProperties": False, "properties": refs},
                    },
                },
            }
        )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://tym.example.fi/schemas/case-file/1",
        "title": "TYM Governance case file, version 1",
        "description": (
            "One cooperation's records, each referring to earlier ones by key. Written by "
            "`manage.py export_cooperation CODE`, read by `manage.py import_cooperation FILE`."
        ),
        "type": "object",
        "required": ["format", "version", "cooperation", "records"],
        "additionalProperties": False,
        "properties": {
            "format": {"const": FORMAT},
            "version": {"const": VERSION},
            "cooperation": {"type": "string", "minLength": 1},
            "records": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["model"],
                    "properties": {"model": {"enum": [p.label for p in parts()]}},
                    "allOf": variants,
                },
            },
        },
    }
