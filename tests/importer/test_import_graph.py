"""The importer's modules import one way: no module reaches, even lazily inside a function,
a module that imports it back."""

from __future__ import annotations

import ast
from pathlib import Path

import authoring.importer

PACKAGE = Path(authoring.importer.__file__).parent
PREFIX = "authoring.importer"


def imports_of(source: str) -> set[str]:
    """The importer's modules a module imports, at the top or inside a function."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == PREFIX:  # from authoring.importer import blocks
                out |= {a.name for a in node.names}
            elif node.module.startswith(PREFIX + "."):
                out.add(node.module.split(".")[2])
        elif isinstance(node, ast.ImportFrom) and node.level:  # from . import x / from .x import y
            out |= {node.module.split(".")[0]} if node.module else {a.name for a in node.names}
        elif isinstance(node, ast.Import):
            out |= {a.name.split(".")[2] for a in node.names if a.name.startswith(PREFIX + ".")}
    return out


def graph() -> dict[str, set[str]]:
    modules = {f.stem: f for f in PACKAGE.glob("*.py")}
    return {name: imports_of(f.read_text(encoding="utf-8")) & set(modules) - {name}
            for name, f in modules.items()}


def cycle(edges: dict[str, set[str]]) -> list[str]:
    """One cycle of the graph, as the modules along it, or [] when it has none."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        state[node] = 2
        path.pop()
        return []
    for node in sorted(edges):
        if node not in state and (found := visit(node)):
            return found
    return []


def test_the_cycle_finder_finds_a_cycle_through_a_lazy_import():
    # The check itself can fail: a function-level import that closes a circle is found.
    edges = {"form": imports_of("from authoring.importer.prose import escape\n"),
             "prose": imports_of("def f():\n    from authoring.importer.form import parse_date\n")}
    assert cycle(edges) == ["form", "prose", "form"]
    assert cycle({"a": {"b"}, "b": set()}) == []


def test_the_importer_package_imports_one_way():
    edges = graph()
    assert {"blocks", "form", "prose", "spec", "common"} <= set(edges)  # the graph was read
    assert cycle(edges) == [], " -> ".join(cycle(edges))
    assert edges["common"] == set()  # the shared low-level module imports no stage
