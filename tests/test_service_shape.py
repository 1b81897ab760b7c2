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


# What writing looks like in a service's body: saving through core.writes or the ORM, deleting,
# sending. A public function of services.py that does none of these and calls no other function of
# its module only reads, and reads belong in the app's selectors.py or a queryset method.
WRITES = {
    "save_validated",
    "_save",
    "update_fields",
    "save",
    "create",
    "bulk_create",
    "get_or_create",
    "update_or_create",
    "update",
    "bulk_update",
    "delete",
    "add",
    "remove",
    "set",
    "clear",
    "send",
    "send_mail",
}


def _reads_only(source: str) -> list[str]:
    functions = [node for node in ast.parse(source).body if isinstance(node, ast.FunctionDef)]
    own = {function.name for function in functions}
    found = []
    for function in functions:
        called = {
            call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
            for call in ast.walk(function)
            if isinstance(call, ast.Call)
        }
        if not function.name.startswith("_") and not called & (WRITES | own):
            found.append(function.name)
    return found


@pytest.mark.parametrize("path", _services(), ids=lambda p: str(p.relative_to(ROOT)))
def test_a_service_writes_and_reads_live_in_selectors(path):
    found = _reads_only(path.read_text(encoding="utf-8"))
    assert not found, f"these only read: move them to {path.parent.name}/selectors.py: " + ", ".join(found)


def test_the_guard_tells_a_read_from_a_write():
    source = """
def summary(group):
    return Day.objects.filter(group=group).count()

def _helper(day):
    return day.pk

@transaction.atomic
def create_day(*, group, actor, title):
    return save_validated(Day(group=group, title=title), actor)

def make_day(group):
    return create_day(group=group, actor=None, title="x")
"""
    assert _reads_only(source) == ["summary"]
