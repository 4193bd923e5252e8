"""Diagnostics: one finding at one place in a spec, printed as path:line:col."""

from __future__ import annotations

import re
from collections import namedtuple

Path_ = tuple  # a logical path through the spec: ("finance", "costs", 0, "amount")


# path: the logical path; severity: filled from the rule catalogue when empty; line and col:
# 1-based, 0 when unknown; needle: the offending text, to point inside a multi-line scalar;
# reason: why the author silenced it (severity "suppressed").
_Fields = namedtuple("_Fields", "code message path severity file line col needle reason",
                     defaults=((), "", "", 0, 0, "", ""))


class Diagnostic(_Fields):
    """A finding. A plain named tuple, not a dataclass or typing.NamedTuple: `pcd check`
    answering from its cache then imports neither dataclasses, inspect nor typing (~10 ms)."""

    __slots__ = ()
    code: str
    message: str
    path: Path_
    severity: str
    file: str
    line: int
    col: int
    needle: str
    reason: str

    def format(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}" if self.line else (self.file or "pcd")
        crumb = format_path(self.path)
        crumb = f"{crumb}: " if crumb else ""
        return visible(f"{where}: {self.severity}[{self.code}] {crumb}{self.message}")

    def as_dict(self) -> dict:
        return {
            "file": self.file, "line": self.line, "column": self.col, "severity": self.severity,
            "code": self.code, "path": format_path(self.path), "message": self.message,
            **({"reason": self.reason} if self.severity == "suppressed" else {}),
        }


# Characters a terminal or a CI log would act on rather than show (escape sequences, line
# breaks that start a forged finding, bidirectional marks and overrides, invisible joiners), and
# the surrogates a file name that is not UTF-8 arrives as: a hostile spec's key or text, and a
# file's name, are quoted in messages, so these are written as escapes.
HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069"
                    "\ufeff\ufff9-\ufffb\ud800-\udfff]")


def visible(text: str) -> str:
    """The text with every control character written as an escape (\\x1b, \\u202e)."""
    return HIDDEN.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def format_path(path: Path_) -> str:
    """Render ("finance", "costs", 0, "amount") as finance.costs[0].amount."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


class Report:
    """Diagnostics collected across stages; stages add, the command decides."""

    def __init__(self, items: list[Diagnostic] | None = None) -> None:
        self.items: list[Diagnostic] = items if items is not None else []

    def add(self, code: str, message: str, path: Path_ = (), severity: str = "",
            needle: str = "") -> None:
        self.items.append(Diagnostic(code, message, tuple(path), severity, needle=needle))

    def extend(self, other: "Report") -> None:
        self.items.extend(other.items)


class SpecError(Exception):
    """Input that cannot be read as a spec at all (bad YAML, bad bytes)."""

    def __init__(self, code: str, message: str, line: int = 0, col: int = 0):
        super().__init__(message)
        self.code, self.message, self.line, self.col = code, message, line, col


class StyleError(Exception):
    """A house style with problems, each a diagnostic in one of its files."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("\n".join(d.format() for d in diagnostics))
        self.diagnostics = diagnostics

    def __reduce__(self):  # travels back from a worker process intact
        return (StyleError, (self.diagnostics,))
