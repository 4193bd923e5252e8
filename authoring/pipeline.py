"""The pipeline for one spec: read → validate → compute → check, with every finding located.

Rendering and writing are separate (authoring/render, authoring/commands) so that `pcd check`
imports nothing it does not use.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from authoring.checks import run_checks
from authoring.diagnostics import Diagnostic, Report, SpecError
from authoring.housestyle import (DEFAULT, IncompleteStyle, StyleError, UnknownStyle,
                                  available_styles, load_style)
from authoring.model.compute import compute
from authoring.model.paper import Paper
from authoring.rules import severity_of
from authoring.spec.schema import Ctx, did_you_mean
from authoring.spec.shape import SPEC
from authoring.spec.yamlread import MAX_BYTES, parse, read_text

IGNORE = re.compile(r"#\s*pcd:\s*ignore\[([A-Z0-9,\s]+)\](.*)$")


class Outcome(NamedTuple):
    file: str
    paper: Paper | None
    diagnostics: list[Diagnostic]

    @property
    def ok(self) -> bool:
        return self.paper is not None and not any(d.severity == "error" for d in self.diagnostics)

    @property
    def findings(self) -> list[Diagnostic]:
        """The diagnostics to show: all but those silenced on purpose."""
        return [d for d in self.diagnostics if d.severity != "suppressed"]


def process_text(data: bytes, file: str, style_dirs: tuple[str, ...] = (), strict: bool = False) -> Outcome:
    """Run a spec's bytes through the pipeline. Never raises for anything in the input."""
    text = ""
    try:
        text = read_text(data)
        root = parse(text)
    except SpecError as exc:
        diag = Diagnostic(exc.code, exc.message, (), severity_of(exc.code), file, exc.line, exc.col)
        return Outcome(file, None, [diag])
    ctx = Ctx()
    ctx.pos[()] = (root.line, root.col)
    spec = SPEC.validate(root, (), ctx)
    report, paper = ctx.report, None
    style_problems: list[Diagnostic] = []
    if not report.items and spec is not None:
        name = spec.get("house_style", DEFAULT)
        try:
            style = load_style(name, style_dirs)
        except UnknownStyle:
            report.add("PCD017", f"unknown house style '{name}'"
                       + did_you_mean(name, available_styles(style_dirs)), ("house_style",))
        except SpecError as exc:  # a house style's own style.yaml is broken
            report.add("PCD017", f"house style '{name}' cannot be read: line {exc.line}: "
                       f"{exc.message}", ("house_style",))
        except IncompleteStyle as exc:
            report.add("PCD017", str(exc), ("house_style",))
        except StyleError as exc:  # positioned in the style's own files, listed after this one
            report.add("PCD017", f"house style '{name}' has errors (below)", ("house_style",))
            style_problems = exc.diagnostics
        else:
            paper, computed = compute(spec, style)
            report.extend(computed)
            report.extend(run_checks(paper))
    return Outcome(file, paper, locate(report, ctx.pos, text, file, strict) + style_problems)


def process(path: str | Path, style_dirs: tuple[str, ...] = (), strict: bool = False,
            data: bytes | None = None) -> Outcome:
    """Read and process one spec file (or its bytes, already read by a command that keys its
    cache on them); an unreadable file is one diagnostic, not an exception."""
    if data is None:
        try:
            with open(path, "rb") as fh:  # never more than a spec may hold: /dev/zero is no spec
                data = fh.read(MAX_BYTES + 1)
        except OSError as exc:
            return Outcome(str(path), None, [Diagnostic("PCD005", f"cannot read the file: {exc.strerror}",
                                                        (), "error", str(path))])
    return process_text(data, str(path), style_dirs, strict)


def locate(report: Report, pos: dict, text: str, file: str, strict: bool) -> list[Diagnostic]:
    """Give each finding its file position and severity; drop those silenced in the YAML."""
    lines = text.split("\n")
    ignored: dict[int, tuple[set[str], str]] = {}  # line index -> codes it silences and why
    after: dict[tuple[int, int], tuple[int, int]] = {}  # scalar -> where its last needle was
    out = []
    for d in report.items:
        line, col = _position(d.path, pos)
        if d.needle and line:
            line, col = _refine(lines, line, col, d.needle, after)
        reason = _silenced(d.code, lines, line, ignored) if line else None
        path = tuple(p for p in d.path if p != "<key>")
        if reason is not None:  # kept, visibly: `--format json` lists what was silenced and why
            out.append(d._replace(path=path, severity="suppressed", file=file, line=line, col=col,
                               reason=reason))
            if not reason:
                out.append(Diagnostic("PCD211", f"{d.code} is silenced without a reason: say why "
                                      f"after the comment (# pcd: ignore[{d.code}] reason)", path,
                                      "error" if strict else "warning", file, line, col))
            continue
        severity = d.severity or severity_of(d.code)
        if strict and severity == "warning":
            severity = "error"
        out.append(d._replace(path=path, severity=severity, file=file, line=line, col=col))
    out.sort(key=lambda d: (d.line, d.col, d.code))
    return out


def _position(path: tuple, pos: dict) -> tuple[int, int]:
    for end in range(len(path), -1, -1):
        if path[:end] in pos:
            return pos[path[:end]]
    return (1, 1) if pos else (0, 0)


def _refine(lines: list[str], line: int, col: int, needle: str,
            after: dict[tuple[int, int], tuple[int, int]]) -> tuple[int, int]:
    """Point at the needle's next appearance in the scalar that starts at line:col.

    A check reports a scalar's findings in reading order, so each search starts just after the
    previous finding (else from the start): a paragraph with many findings is read once, not once
    per finding.
    """
    starts = [after[(line, col)]] if (line, col) in after else []
    for first, first_col in [*starts, (line - 1, col - 1)]:
        for n in range(first, min(len(lines), line + 80)):
            start = first_col if n == first else 0
            found = lines[n].find(needle, start)
            if found != -1:
                after[(line, col)] = (n, found + 1)
                return n + 1, found + 1
    return line, col


def _silenced(code: str, lines: list[str], line: int,
              ignored: dict[int, tuple[set[str], str]]) -> str | None:
    """The reason a `# pcd: ignore[CODE] reason` comment on the finding's line or the line above
    gives for silencing it ("" when it gives none); None when nothing silences it."""
    for candidate in (line - 1, line - 2):
        if 0 <= candidate < len(lines):
            if candidate not in ignored:  # a long line with many findings is searched once
                m = IGNORE.search(lines[candidate])
                ignored[candidate] = ({c.strip() for c in m.group(1).split(",")}, m.group(2).strip()
                                      ) if m else (set(), "")
            codes, reason = ignored[candidate]
            if code in codes:
                return reason
    return None
