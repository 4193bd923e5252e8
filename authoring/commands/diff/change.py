"""What one comparison reports: a change in the paper's words, and the two versions compared."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Collection, Iterable, NamedTuple, TypeVar

from authoring.diagnostics import Diagnostic
from authoring.model.paper import Paper

K = TypeVar("K")


@dataclass(frozen=True)
class Change:
    kind: str  # fact | recommendation | figure | paragraph | confidential | spec
    what: str  # in the paper's words: "total costs", "recommendation 3", "paragraph 3.2"
    old: str
    new: str
    words: str = ""  # a word-level rendering of a changed text: [-old-]{+new+}
    ref: str = ""  # the spec's own name for it ("total.costs"), for readers of the json


class Version(NamedTuple):
    """One side of the comparison: the computed paper (even one with errors) and the spec as written."""

    name: str
    paper: Paper | None  # None when the spec could not be computed at all (a schema error)
    tree: dict  # the spec's YAML as plain dicts, lists and scalar texts
    errors: list[Diagnostic]
    text: str


def either(new: Collection[K], old: Iterable[K]) -> list[K]:
    """Every key of either version: the new one's in its order, then those only the old one had."""
    return [*new, *(k for k in old if k not in new)]


def words(a: str, b: str, marks: tuple[str, str, str, str] = ("[-", "-]", "{+", "+}")) -> str:
    """A word-level diff: unchanged words as they are, [-removed-] and {+added+}."""
    x, y = a.split(), b.split()
    out = []
    # every word may match every other: quadratic, so a very long text skips its commonest words
    exact = len(x) * len(y) <= 4_000_000
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, x, y, autojunk=not exact).get_opcodes():
        if op == "equal":
            out.append(" ".join(x[i1:i2]))
            continue
        if i2 > i1:
            out.append(marks[0] + " ".join(x[i1:i2]) + marks[1])
        if j2 > j1:
            out.append(marks[2] + " ".join(y[j1:j2]) + marks[3])
    return " ".join(out)
