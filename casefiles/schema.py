"""The case file's JSON Schema (docs/case-file.schema.json), generated from the apps' parts by
`manage.py case_file_schema`, and the check of a file against it."""

from __future__ import annotations

import json
from typing import Any

from casefiles.exchange import FORMAT, SCHEMA_PATH, VERSION, parts


def schema() -> dict[str, Any]:
    result: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return result


def check(data: Any) -> list[str]:
    """Every way DATA departs from the published schema, by JSON path."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(schema())
    return [
        f"{error.json_path}: {error.message}"
        for error in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    ]


JSON_TYPES: dict[str, dict[str, Any]] = {
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


def build_schema() -> dict[str, Any]:
    """The JSON Schema of the current format, generated from the parts (docs/case-file.schema.json)."""
    variants = []
    for p in parts():
        properties: dict[str, Any] = {}
        refs: dict[str, Any] = {}
        for f in p.fields():
            if f.is_relation and not p.named(f.name):
                refs[f.name] = {"type": ["string", "null"]}
                continue
            kind = (
                {"type": "string"}
                if f.is_relation
                else JSON_TYPES.get(f.get_internal_type(), {"type": "string"})
            )
            properties[f.name] = {"anyOf": [kind, {"type": "null"}]} if f.null else kind
        for m in p.many():
            refs[m.name] = {"type": "array", "items": {"type": "string"}, "uniqueItems": True}
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
        "$id": f"https://tym.example.fi/schemas/case-file/{VERSION}",
        "title": f"TYM Governance case file, version {VERSION}",
        "description": (
            "One cooperation's records, each referring to earlier ones by key. Written by "
            "`manage.py export_cooperation CODE`, read by `manage.py import_cooperation FILE`. "
            "A version-1 file is read by upgrading it first (casefiles/versions.py)."
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
