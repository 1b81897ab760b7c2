"""Older case files, read by upgrading them in memory to the current version (exchange.VERSION).

Version 1 → 2 (#26):
- Version 1 carried every person of the cooperation's parties (Kela's excepted), so a person in the
  file was one of the cooperation's people whether or not a record named them. Version 2 carries the
  people the cooperation's records name, and the others through an explicit link
  (`organisations.cooperationperson`). The upgrade adds that link for every person no record of the
  file names, so they stay the cooperation's people; the links are appended after the file's own
  records, which keep their places (and so their JSON paths in any error).
- Everything else of version 1 reads unchanged: version 2 only adds parts (the year's objectives,
  indicators, follow-ups, staffing lines and assessments; rights by user name; links of people),
  many-to-many references as lists of keys, and fields (a participation's `names_chair`, default
  false, which the rules read only when several employment authorities take part and which a
  version-1 file, with one authority, never needed).
A file of any other version is left as it is, for the schema to refuse.
"""

from __future__ import annotations

import copy
from typing import Any

COOPERATION = "organisations.cooperation"
PERSON = "organisations.person"
LINK = "organisations.cooperationperson"


def upgrade(data: Any) -> Any:
    """DATA in the current version's form; DATA itself when it is not an older version."""
    if not isinstance(data, dict) or data.get("version") != 1:
        return data
    data = copy.deepcopy(data)
    data["version"] = 2
    records = data.get("records")
    if isinstance(records, list):
        records.extend(_links_of_unnamed_people([r for r in records if isinstance(r, dict)]))
    return data


def _links_of_unnamed_people(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    roots = [r.get("key") for r in records if r.get("model") == COOPERATION]
    if len(roots) != 1 or not isinstance(roots[0], str):
        return []  # the importer refuses a file without exactly one cooperation, and says so
    named: set[str] = set()
    for record in records:
        refs = record.get("refs")
        if isinstance(refs, dict):
            for ref in refs.values():
                named.update(ref if isinstance(ref, list) else [ref])
    return [
        {
            "model": LINK,
            "key": f"v1-link:{record['key']}",
            "fields": {},
            "refs": {"cooperation": roots[0], "person": record["key"]},
        }
        for record in records
        if record.get("model") == PERSON and isinstance(record.get("key"), str) and record["key"] not in named
    ]
