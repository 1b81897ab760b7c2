"""One way to handle a portal form (issue 32, item 2): a view hands its form and the service call to
core.forms.submit, and shows a refused form again with core.views.form_page (a task's page of its
own) or core.views.detail_page (a form on an object's page). A second way in a view module is a
defect, so each other idiom seen in this codebase fails here by name:

- a service's refusal caught in the view (`except ValidationError`, `add_service_errors`);
- a refusal flashed and redirected (`messages.error`), which loses the user's input;
- a ModelForm saved by the view itself (`form.save()`), past the app's service and its errors;
- an app's own copy of the form page (a function named like `_form_page` outside core).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

ROOT = Path(__file__).resolve().parent.parent


def _callbacks(patterns) -> list:
    found = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            found += _callbacks(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            found.append(pattern.callback)
    return found


def _view_modules() -> list[Path]:
    """Every module that holds a view the URLs reach, and every app's views.py."""
    paths = set(ROOT.glob("*/views.py"))
    for callback in _callbacks(get_resolver().url_patterns):
        view = getattr(callback, "view_class", callback)
        module = getattr(view, "__module__", "") or type(view).__module__
        path = ROOT / (module.replace(".", "/") + ".py")
        if path.is_file():
            paths.add(path)
    return sorted(p for p in paths if ".venv" not in p.parts)


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _other_idioms(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.ImportFrom) and any(a.name == "add_service_errors" for a in node.names):
            found.append(f"line {line}: imports add_service_errors (use core.forms.submit)")
        elif isinstance(node, ast.Name | ast.Attribute) and _name(node) == "add_service_errors":
            found.append(f"line {line}: calls add_service_errors (use core.forms.submit)")
        elif isinstance(node, ast.ExceptHandler) and node.type is not None:
            caught = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
            if any(_name(c) == "ValidationError" for c in caught):
                found.append(f"line {line}: catches ValidationError (core.forms.submit does)")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            receiver = _name(node.func.value)
            if node.func.attr == "save" and "form" in receiver.lower():
                found.append(f"line {line}: {receiver}.save() (write through the app's service)")
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef) and _handles_a_form(function):
            for node in ast.walk(function):
                if isinstance(node, ast.Call) and _name(node.func) == "error" and _flashes(node):
                    found.append(
                        f"line {node.lineno}: flashes a refusal and redirects (show the form again, 400)"
                    )
    return found


def _flashes(call: ast.Call) -> bool:
    return isinstance(call.func, ast.Attribute) and _name(call.func.value) == "messages"


def _handles_a_form(function: ast.FunctionDef) -> bool:
    """A view that checks a form or catches a refusal (not a plain guard like "give your code first")."""
    return any(
        isinstance(node, ast.ExceptHandler)
        or (isinstance(node, ast.Call) and _name(node.func) in ("is_valid", "submit"))
        for node in ast.walk(function)
    )


@pytest.mark.parametrize("path", _view_modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_a_view_module_handles_its_forms_the_one_way(path):
    relative = str(path.relative_to(ROOT))
    found = _other_idioms(ast.parse(path.read_text(encoding="utf-8")))
    assert not found, f"{relative}:\n" + "\n".join(found)


def test_there_is_one_form_page_the_one_in_core():
    copies = []
    for path in ROOT.glob("*/*.py"):
        if ".venv" in path.parts or path.parent.name == "tests":
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            named = isinstance(node, ast.FunctionDef) and re.search(r"form_page", node.name)
            if named and str(path.relative_to(ROOT)) != "core/views.py":
                copies.append(f"{path.relative_to(ROOT)}: {node.name}")
    assert not copies, "use core.views.form_page: " + ", ".join(copies)


def test_the_guard_sees_the_views_the_urls_reach():
    names = {str(p.relative_to(ROOT)) for p in _view_modules()}
    # The views outside a views.py are found through the URLs, not by their file's name.
    assert {"decisions/editing.py", "agreements/lifecycle.py", "organisations/people.py"} <= names
    assert "api/writes.py" in names


def test_the_guard_finds_each_other_idiom():
    source = """
from core.forms import add_service_errors
def view(request):
    if form.is_valid():
        pass
    try:
        services.write()
    except (ValueError, ValidationError) as error:
        add_service_errors(form, error)
        messages.error(request, "x")
    form.save()
"""
    found = _other_idioms(ast.parse(source))
    assert len(found) == 5, found
