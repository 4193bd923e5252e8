"""Write a spec as an officer would: block style, long prose folded, small rows on one line."""

from __future__ import annotations

import io
import re

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString

WIDTH = 96


def dump(spec: dict, header: str = "") -> str:
    yaml = YAML()  # round-trip: keeps order, folds block scalars, writes ISO dates
    yaml.width = WIDTH
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    if header:
        out.write("".join(f"# {line}\n" if line else "#\n" for line in header.splitlines()))
    yaml.dump(_node(spec, ""), out)
    return out.getvalue()


def _node(value, key: str, depth: int = 0):
    if isinstance(value, dict):
        m = CommentedMap((k, _node(v, k, depth + 1)) for k, v in value.items())
        if _small(value) and key not in ("", "sections", "finance") and depth > 1:
            m.fa.set_flow_style()
        return m
    if isinstance(value, list):
        s = CommentedSeq(_node(v, key, depth + 1) for v in value)
        if value and all(isinstance(v, str) and len(v) < 12 and PLAIN.fullmatch(v) for v in value):
            s.fa.set_flow_style()  # periods: [2023/24, 2024/25]
        return s
    if isinstance(value, str):
        return _text(value, key)
    return value


# Text that is safe unquoted inside {…} (the emitter mishandles some indicators there).
PLAIN = re.compile(r"[A-Za-z0-9 _./'’&()–-]*")


def _small(value: dict) -> bool:
    """A short mapping of plain values reads best as one line: {funder: hmpps, amount: 80000}."""
    return all(not isinstance(v, (dict, list)) and (not isinstance(v, str) or PLAIN.fullmatch(v))
               for v in value.values()) and len(str(value)) < 70


def _text(text: str, key: str):
    # Folding is lossless only for single-spaced text without leading or trailing spaces.
    if len(text) > 70 and text == " ".join(text.split()) and key not in ("name", "title", "id"):
        return FoldedScalarString(text)
    return text
