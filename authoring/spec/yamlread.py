"""Read YAML text into a small tree of positioned nodes, refusing what a spec has no use for.

We stop at ruamel.yaml's composer: nothing is constructed, so no tag can run code, money
keeps the scalar's own text, and every node keeps its line and column.
"""

from __future__ import annotations

import re
from typing import NamedTuple, Union

from authoring.diagnostics import SpecError
from authoring.spec import MAX_BYTES

MAX_DEPTH = 40
MAX_NODES = 40_000
# Composing is the slow step, so bound it before it starts: lines and commas are a cheap
# ceiling on how many nodes a document can hold. Depth is measured on the parser's events
# (_depth_bounded) before composing, since libyaml's composer recurses in C and overflows the
# stack (a segfault, no exception) long before the depth can be checked on its nodes.
MAX_PIECES = 40_000
# Characters YAML does not allow in a file (outside its printable set), written raw rather than
# escaped. Listed directly: the complement of the printable set takes ~4 ms to compile.
UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
OPENED = {
    "while parsing a flow sequence": "the '[' here is not closed",
    "while parsing a flow mapping": "the '{' here is not closed",
    "while scanning a quoted scalar": "the quote here is not closed",
    "while scanning a simple key": "the key here has no ':' after it",
}
STANDARD_TAGS = {
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}


class Scalar(NamedTuple):
    line: int  # 1-based
    col: int  # 1-based
    text: str = ""
    kind: str = "str"  # str, int, float, bool, null, timestamp
    quoted: bool = False


class Seq(NamedTuple):
    line: int
    col: int
    items: list[Node]


class Map(NamedTuple):
    line: int
    col: int
    # key -> (key node, value node); insertion order is the file's order
    items: dict[str, tuple[Scalar, Node]]


Node = Union[Scalar, Seq, Map]


def read_text(data: bytes) -> str:
    """Decode spec bytes as UTF-8 (a BOM is allowed), refusing binary and oversized files."""
    if len(data) > MAX_BYTES:
        raise SpecError("PCD006", f"the file is over {MAX_BYTES:,} bytes, the most a spec may be", 1, 1)
    if b"\x00" in data:
        at = data.index(b"\x00")
        raise SpecError("PCD005", "the file contains NUL bytes: it looks like a binary file, not YAML",
                        data[:at].count(b"\n") + 1, at - (data.rfind(b"\n", 0, at) + 1) + 1)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        message = f"the file is not UTF-8 (byte 0x{data[exc.start]:02x})"
        raise SpecError("PCD005", message, line, col) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse(text: str) -> Node:
    """Compose YAML text into positioned nodes; raise SpecError for anything not allowed."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    if not text.strip():
        raise SpecError("PCD011", "the spec is empty", 1, 1)
    if text.count("\n") + text.count(",") > MAX_PIECES:
        raise SpecError("PCD006", f"the document is too large for a decision spec (over "
                        f"{MAX_PIECES:,} lines and commas)", 1, 1)
    raw = UNPRINTABLE.search(text)
    if raw:  # YAML refuses these too, but without a position: point at the character
        line = text.count("\n", 0, raw.start()) + 1
        raise SpecError("PCD018", f"the file contains the control character U+{ord(raw.group()):04X}; "
                        "remove it", line, raw.start() - text.rfind("\n", 0, raw.start()))
    try:
        _depth_bounded(text)
        # libyaml's parser when ruamel.yaml.clib is there (ten times faster), else pure Python.
        root = YAML(typ="safe", pure=False).compose(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
        # Something left open (a `[`, a `{`, a quote, a key without its colon) is noticed only
        # where the next line begins: point at where it was opened, which is where the mistake is.
        opened = OPENED.get(str(exc.context or ""))
        if opened and exc.context_mark and mark and exc.context_mark.line < mark.line:
            problem += f" ({opened}; noticed at line {mark.line + 1}, column {mark.column + 1})"
            mark = exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        lines = text.split("\n")
        if line <= len(lines) and "\t" in lines[line - 1][:col]:
            problem += " (indent with spaces, not tabs)"
        raise SpecError("PCD001", problem, line, col) from None
    except RecursionError:
        raise SpecError("PCD006", f"the document is nested too deeply (at most {MAX_DEPTH} levels)",
                        1, 1) from None
    except YAMLError as exc:  # errors without a position
        raise SpecError("PCD001", " ".join(str(exc).split()), 1, 1) from None
    if root is None:
        raise SpecError("PCD011", "the spec is empty", 1, 1)
    return _convert(root, 0, [0], set())


def _depth_bounded(text: str) -> None:
    """Refuse a document nested deeper than MAX_DEPTH, from the parser's events alone.

    Parsing is a loop over a state machine (in libyaml and in ruamel.yaml's pure parser), so no
    nesting reaches the stack here: `x: - - - …`, `{a: {a: …` and `[a, [a, …` stop at the first
    collection past the limit. Costs about a fifth of composing (0.4 ms for a 20 KB spec)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.events import (MappingEndEvent, MappingStartEvent, SequenceEndEvent,
                                    SequenceStartEvent)

    opening, closing = (MappingStartEvent, SequenceStartEvent), (MappingEndEvent, SequenceEndEvent)
    depth = 0
    for event in YAML(typ="safe", pure=False).parse(text):
        kind = type(event)
        if kind in opening:
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                raise SpecError("PCD006", f"the document is nested too deeply (at most {MAX_DEPTH} "
                                "levels)", mark.line + 1, mark.column + 1)
        elif kind in closing:
            depth -= 1


def _convert(node, depth: int, count: list[int], seen: set[int]) -> Node:
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    count[0] += 1
    if depth > MAX_DEPTH or count[0] > MAX_NODES:
        what = "nested too deeply" if depth > MAX_DEPTH else "too large"
        raise SpecError("PCD006", f"the document is {what} for a decision spec", line, col)
    # An alias is the same node met again (libyaml's composer does not report anchor names).
    if id(node) in seen or getattr(node, "anchor", None):
        raise SpecError("PCD004", "this value is repeated through an anchor and alias (&name, "
                        "*name): they are not allowed in a spec; write the value out", line, col)
    seen.add(id(node))
    tag = str(node.tag)
    if tag not in STANDARD_TAGS:
        raise SpecError("PCD003", f"tag '{tag.replace('tag:yaml.org,2002:', '!!')}' is not allowed "
                        "in a spec", line, col)
    if isinstance(node, ScalarNode):
        kind = tag.rsplit(":", 1)[1]
        return Scalar(line, col, node.value, kind, node.style in ("'", '"', "|", ">"))
    if isinstance(node, SequenceNode):
        return Seq(line, col, [_convert(n, depth + 1, count, seen) for n in node.value])
    assert isinstance(node, MappingNode)
    out = Map(line, col, {})
    for knode, vnode in node.value:
        if not isinstance(knode, ScalarNode):
            raise SpecError("PCD012", "a key must be plain text", knode.start_mark.line + 1,
                            knode.start_mark.column + 1)
        key = _convert(knode, depth + 1, count, seen)
        assert isinstance(key, Scalar)
        if key.text in out.items:
            first = out.items[key.text][0]
            raise SpecError("PCD002", f"key '{key.text}' appears twice in this mapping (first at "
                            f"line {first.line})", key.line, key.col)
        out.items[key.text] = (key, _convert(vnode, depth + 1, count, seen))
    return out
