"""The structure the README promises: apps in layers, no import cycles, modules of a readable size."""

import tomllib
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PACKAGES = PYPROJECT["tool"]["importlinter"]["root_packages"]
MAX_LINES = 500


def _project_modules() -> list[Path]:
    return [
        path
        for package in [*PACKAGES, "tests", "bench"]
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
    ]


def test_the_layer_packages_are_every_app_and_the_project():
    installed = {p.parent.name for p in ROOT.glob("*/apps.py")} | {"tym"}
    assert set(PACKAGES) == installed


def test_no_module_is_longer_than_500_lines():
    # One test for the whole tree: a parametrized test per file made ~300 tests of one line each.
    too_long = {
        str(path.relative_to(ROOT)): lines
        for path in _project_modules()
        if (lines := path.read_text(encoding="utf-8").count("\n")) > MAX_LINES
    }
    assert too_long == {}, "split these by concept"


def test_the_line_count_rule_sees_every_app():
    seen = {path.relative_to(ROOT).parts[0] for path in _project_modules()}
    assert set(PACKAGES) | {"tests", "bench"} <= seen


def _strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iteratively: every set of modules that import each other round a loop."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_two_modules_import_each_other_even_lazily():
    graph = grimp.build_graph(*PACKAGES, exclude_type_checking_imports=True)
    modules = {m for m in graph.modules if ".migrations" not in m}
    # A package imports its submodules only through AppConfig.ready() and re-exports; those are not
    # cycles of meaning, so a package's own __init__ is left out of the loop search.
    edges = {
        module: {
            imported
            for imported in graph.find_modules_directly_imported_by(module)
            if imported in modules and not module.startswith(imported + ".")
        }
        for module in modules
    }
    assert _strongly_connected(edges) == []


def test_the_cycle_finder_finds_a_cycle():
    assert _strongly_connected({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_readme_quotes_the_layer_contract():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [contract] = PYPROJECT["tool"]["importlinter"]["contracts"]
    for layer in contract["layers"]:
        assert f'"{layer}"' in readme, f"README does not quote the layer {layer!r}"
