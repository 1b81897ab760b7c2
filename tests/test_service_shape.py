"""One service shape (issue 32, item 2): a service names every argument it takes, keyword-only and
typed, so what it may set is read from its signature and checked by mypy; never `**fields`, which
lets a caller set any attribute of the record past the update_fields whitelist."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _services() -> list[Path]:
    return sorted(p for p in ROOT.glob("*/services.py") if ".venv" not in p.parts)


def _open_ended(path: Path) -> list[str]:
    found = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.FunctionDef) and node.args.kwarg is not None:
            found.append(f"{path.relative_to(ROOT)}:{node.name}")
    return found


@pytest.mark.parametrize("path", _services(), ids=lambda p: str(p.relative_to(ROOT)))
def test_a_service_names_every_argument_it_takes(path):
    found = _open_ended(path)
    assert not found, "give these services named, typed arguments: " + ", ".join(found)
