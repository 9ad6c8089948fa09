"""The code's shape, checked from the code (issue 13): module size, import cycles, layering, faust internals in
one module, no tooling in the shipped packages, no test importing another test module."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHIPPED = ("detectors", "alerts", "streams")
MAX_LINES = 400
# What each shipped package may import of ours (DESIGN.md "Layout"), and third-party roots it must not import.
MAY_IMPORT = {"detectors": {"detectors"}, "alerts": {"alerts", "detectors"},
              "streams": {"streams", "alerts", "detectors", "seeds"}}
FORBIDDEN = {"detectors": {"faust", "aiokafka", "kafka", "prometheus_client", "mode", "apprise"},
             "alerts": {"faust", "aiokafka", "kafka", "prometheus_client", "mode"}}
OURS = {*SHIPPED, "seeds", "bench", "tests"}
FAUST_COMPAT = "streams/faust_compat.py"
BENCH_COMMAND = "streams.cli.bench"  # imports bench/ inside the command, from a source checkout only


def modules(*roots: str) -> Iterator[tuple[str, Path]]:
    for root in roots:
        for path in sorted((REPO / root).rglob("*.py")):
            rel = path.relative_to(REPO).with_suffix("")
            parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
            yield ".".join(parts), path


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """Every module of ours ``name`` imports, at the top or inside a function (a cycle is a cycle either way)."""
    tree = ast.parse(path.read_text("utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            submodules = {f"{base}.{a.name}" for a in node.names} & known
            out.update(submodules)  # ``from pkg import sub``: the submodule (pkg/__init__ importing it is no cycle)
            if len(submodules) < len(node.names):
                out.add(base)  # a name defined in ``base`` itself
    return {m for m in out if m in known}


def third_party(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


@pytest.mark.parametrize("package", SHIPPED)
def test_no_shipped_module_is_longer_than_400_lines(package: str) -> None:
    long = {str(p.relative_to(REPO)): n for _, p in modules(package)
            if (n := len(p.read_text("utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_the_cycle_check_sees_an_import_inside_a_function(tmp_path: Path) -> None:
    """The cycle the CLI had (cli ↔ routing_cli, one side importing inside a function) is found."""
    (tmp_path / "a.py").write_text("from pkg.b import helper\n")
    (tmp_path / "b.py").write_text("def helper():\n    from pkg.a import x\n")
    known = {"pkg.a", "pkg.b"}
    graph = {"pkg.a": imports("pkg.a", tmp_path / "a.py", known), "pkg.b": imports("pkg.b", tmp_path / "b.py", known)}
    assert cycles(graph) == [["pkg.a", "pkg.b"]]


def test_there_is_no_import_cycle_in_the_shipped_packages() -> None:
    mods = dict(modules(*SHIPPED))
    graph = {name: imports(name, path, set(mods)) - {name} for name, path in mods.items()}
    assert cycles(graph) == []


def test_the_packages_import_only_what_the_layout_allows() -> None:
    wrong = []
    for package in SHIPPED:
        for name, path in modules(package):
            roots = third_party(path)
            ours = (roots & OURS) - MAY_IMPORT[package] - ({"bench"} if name == BENCH_COMMAND else set())
            banned = roots & FORBIDDEN.get(package, set())
            if ours or banned:
                wrong.append((name, sorted(ours | banned)))
    assert wrong == []


def test_private_names_of_faust_and_aiokafka_are_used_only_in_faust_compat() -> None:
    """Outside faust_compat, streams/ reads no ``x._name`` of an object that is not its own (self/cls)."""
    hits = []
    for _, path in modules("streams"):
        rel = str(path.relative_to(REPO))
        if rel == FAUST_COMPAT:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__")
                    and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))):
                hits.append(f"{rel}:{node.lineno} .{node.attr}")
    assert hits == []


def test_no_benchmark_or_profiler_ships() -> None:
    """Only the ``wirewatch bench`` command ships: a shim that imports bench/ from a source checkout."""
    names = [name for name, _ in modules(*SHIPPED) if ("bench" in name or "profil" in name) and name != BENCH_COMMAND]
    assert names == []
    assert [name for name, path in modules(*SHIPPED) if third_party(path) & {"bench", "tests"}] == [BENCH_COMMAND]
    assert len((REPO / "streams" / "cli" / "bench.py").read_text("utf-8").splitlines()) < 80


def test_no_test_imports_another_test_module() -> None:
    wrong = []
    for name, path in modules("tests"):
        for imported in imports(name, path, {m for m, _ in modules("tests")}):
            leaf = imported.rpartition(".")[2]
            if leaf.startswith("test_") or leaf == "conftest":
                wrong.append((name, imported))
    assert wrong == []
