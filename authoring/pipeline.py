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
                                  available_styles, load_style, warnings_of)
from authoring.model.compute import compute
from authoring.model.paper import Paper
from authoring.rules import severity_of
from authoring.spec.schema import Ctx, did_you_mean
from authoring.spec.shape import SPEC
from authoring.spec import foreign, keys_only, read_spec
from authoring.spec.yamlread import parse, read_text

IGNORE = re.compile(r"#\s*pcd:\s*ignore\[([A-Z0-9,\s]+)\](.*)$")


class Outcome(NamedTuple):
    file: str
    paper: Paper | None
    diagnostics: list[Diagnostic]
    pos: dict = {}  # logical path -> (line, col): where the archive's index points its findings
    text: str = ""

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
    if ctx.report.items and foreign(root, SPEC.required):
        ctx.report.items = keys_only(ctx.report.items)
    report, paper = ctx.report, None
    style_problems: list[Diagnostic] = []
    if ctx.computable and spec is not None:  # no finding, or only values whose meaning is certain
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
        else:  # its warnings (PCD066), positioned in its style.yaml, listed after this file's
            style_problems = [w._replace(severity="error") if strict else w for w in warnings_of(style)]
            shadowed = shadowed_style(style)
            if shadowed:
                report.add("PCD065", f"house style '{name}' comes from {style.folder}, which hides the "
                           f"shipped '{name}' in {shadowed}: if it is an old copy, take its folder off "
                           "--style-dir and PCD_STYLE_PATH; if it is another form, give it another name",
                           ("house_style",))
            paper, computed = compute(spec, style)
            report.extend(computed)
            report.extend(run_checks(paper))
    return Outcome(file, paper, locate(report, ctx.pos, text, file, strict, paper is not None)
                   + style_problems, ctx.pos, text)


def shadowed_style(style) -> str:
    """The shipped style's folder when the style in use has its name but is another folder."""
    import os

    from authoring.stylepath import shipped_templates

    shipped = os.path.join(shipped_templates(), style.name)
    if os.path.isfile(os.path.join(shipped, "style.yaml")) and \
            os.path.realpath(style.folder) != os.path.realpath(shipped):
        return shipped
    return ""


def process(path: str | Path, style_dirs: tuple[str, ...] = (), strict: bool = False,
            data: bytes | None = None) -> Outcome:
    """Read and process one spec file (or its bytes, already read by a command that keys its
    cache on them); an unreadable file is one diagnostic, not an exception."""
    if data is None:
        try:  # a regular file only, never more than a spec may hold (no FIFO, no /dev/zero)
            data = read_spec(path)
        except OSError as exc:
            return Outcome(str(path), None, [Diagnostic("PCD005", f"cannot read the file: {exc.strerror}",
                                                        (), "error", str(path))])
    return process_text(data, str(path), style_dirs, strict)


def locate(report: Report, pos: dict, text: str, file: str, strict: bool,
           complete: bool = False) -> list[Diagnostic]:
    """Give each finding its file position and severity; drop those silenced in the YAML.

    `complete`: every stage ran, so a suppression that silenced nothing is worth reporting
    (after a schema error the checks it was written for never ran)."""
    lines = text.split("\n")
    silences = Silences(lines)
    ends = block_ends(silences.text)
    after: dict[tuple[int, int], tuple[int, int]] = {}  # scalar -> where its last needle was
    warn = "error" if strict else "warning"
    out = []
    for d in report.items:
        line, col = _position(d.path, pos)
        if d.needle and line:
            line, col = _refine(lines, line, col, d.needle, after, ends)
        reason = silences.reason(d.code, line - 1) if line else None
        path = tuple(p for p in d.path if p != "<key>")
        if reason is not None:  # kept, visibly: `--format json` lists what was silenced and why
            out.append(d._replace(path=path, severity="suppressed", file=file, line=line, col=col,
                               reason=reason))
            if not reason:
                out.append(Diagnostic("PCD211", f"{d.code} is silenced without a reason: say why "
                                      f"after the comment (# pcd: ignore[{d.code}] reason)", path,
                                      warn, file, line, col))
            continue
        severity = d.severity or severity_of(d.code)
        if strict and severity == "warning":
            severity = "error"
        out.append(d._replace(path=path, severity=severity, file=file, line=line, col=col))
    out += [d._replace(file=file, severity="error" if d.severity == "error" else warn)
            for d in silences.problems(complete)]
    out.sort(key=lambda d: (d.line, d.col, d.code))
    return out


def _position(path: tuple, pos: dict) -> tuple[int, int]:
    for end in range(len(path), -1, -1):
        if path[:end] in pos:
            return pos[path[:end]]
    return (1, 1) if pos else (0, 0)


def _refine(lines: list[str], line: int, col: int, needle: str,
            after: dict[tuple[int, int], tuple[int, int]], ends: dict[int, int]) -> tuple[int, int]:
    """Point at the needle's next appearance in the scalar that starts at line:col.

    A check reports a scalar's findings in reading order, so each search starts just after the
    previous finding (else from the start): a paragraph with many findings is read once, not once
    per finding.
    """
    starts = [after[(line, col)]] if (line, col) in after else []
    end = _extent(lines, line, col, ends)
    for first, first_col in [*starts, (line - 1, col - 1)]:
        for n in range(first, end):
            start = first_col if n == first else 0
            found = lines[n].find(needle, start)
            if found != -1:
                after[(line, col)] = (n, found + 1)
                return n + 1, found + 1
    words = needle.split()
    if len(words) > 1:  # words a folded paragraph breaks over two lines
        spread = re.compile(r"\s+".join(map(re.escape, words)))
        for first, first_col in [*starts, (line - 1, col - 1)]:
            text = "\n".join(lines[first:end])
            m = spread.search(text, first_col)
            if m:
                n = first + text.count("\n", 0, m.start())
                at = m.start() - (text.rfind("\n", 0, m.start()) + 1)
                after[(line, col)] = (n, at + 1)
                return n + 1, at + 1
    return line, col


def block_ends(text: dict[int, int]) -> dict[int, int]:
    """Each block scalar's header line, with the index past its last line (of block_text's map)."""
    ends: dict[int, int] = {}
    for body, header in text.items():
        ends[header] = max(ends.get(header, 0), body + 1)
    return ends


def _extent(lines: list[str], line: int, col: int, ends: dict[int, int]) -> int:
    """Where the scalar that starts at line:col ends (an index past its last line), so a needle
    is never found in the next paragraph: a block scalar's end is YAML's (block_text), a plain or
    quoted one's lines are indented further than the line it starts on."""
    if INDICATOR.match(lines[line - 1][col - 1:].rstrip()):
        return min(ends.get(line - 1, line), line + 80)
    base = len(lines[line - 1]) - len(lines[line - 1].lstrip(" "))
    n = line  # the line after the scalar's first
    while n < len(lines) and (not lines[n].strip() or len(lines[n]) - len(lines[n].lstrip(" ")) > base):
        n += 1
    return min(n, line + 80)


# Rules no comment may silence: those that keep a deferred paper, or Part 2 material, off the
# public site (issue 24), and those about reading the file, without which nothing is checked.
UNSILENCEABLE = {"PCD302", "PCD304", "PCD307"}
INDICATOR = re.compile(r"[|>][-+1-9]{0,2}$")  # ends a block scalar's header line
LEAD = re.compile(r" *(?:- +)*")


def unsilenceable(code: str) -> bool:
    return code in UNSILENCEABLE or code.startswith("PCD0")


def block_text(lines: list[str]) -> dict[int, int]:
    """The lines that are the text of a block scalar (`>-`, `|`), each with its header's line.

    A `#` there is the paper's text, not a comment. YAML's own rule: the block holds the lines
    after its header that are blank or indented at least as far as its first line, which is
    indented further than the key (or the `-`) that owns it.
    """
    text: dict[int, int] = {}
    i = 0
    while i < len(lines):
        owner = _block_owner(lines[i])
        i += 1
        if owner is None:
            continue
        header, indent = i - 1, 0
        while i < len(lines):
            body = lines[i].lstrip(" ")
            depth = len(lines[i]) - len(body)
            if body and (depth <= owner or (indent and depth < indent)):
                break
            if body and not indent:
                indent = depth
            text[i] = header
            i += 1
    return text


def _block_owner(line: str) -> int | None:
    """The column of the key (or `-`) whose value a block scalar starting on `line` is; None
    when the line starts no block scalar."""
    if "|" not in line and ">" not in line:
        return None
    core = line.split(" #", 1)[0].rstrip()
    m = INDICATOR.search(core)
    if not m:
        return None
    lead = LEAD.match(core).end()  # type: ignore[union-attr]  # it matches the empty string
    before = core[lead:m.start()].rstrip()
    if before.endswith(":") and len(before) > 1:
        return lead
    if not before and "-" in core[:lead]:
        return core[:lead].rstrip().rfind("-")
    return None


class Silences:
    """The `# pcd: ignore[CODE] reason` comments of one spec, and which of them were used.

    A comment covers findings on its own line and on the line below it; one on a block
    scalar's header line (`text: >-  # pcd: ignore[…] …`), or on the line above it, covers
    every line of that block, where no comment can sit. A directive typed inside the block is
    paper text: it silences nothing and is reported (PCD213).
    """

    def __init__(self, lines: list[str]) -> None:
        self.text = block_text(lines) if any(">" in x or "|" in x for x in lines) else {}
        self.directives: dict[int, tuple[set[str], str, int]] = {}  # line -> codes, reason, column
        self.in_text: list[tuple[int, int]] = []
        self.used: set[tuple[int, str]] = set()
        for n, line in enumerate(lines):
            m = IGNORE.search(line) if "pcd:" in line else None
            if m and n in self.text:
                self.in_text.append((n, m.start()))
            elif m:
                codes = {c.strip() for c in m.group(1).split(",") if c.strip()}
                self.directives[n] = (codes, m.group(2).strip(), m.start())

    def reason(self, code: str, n: int) -> str | None:
        """The reason the comments give for silencing `code` on line index `n` ("" when they
        give none); None when nothing silences it."""
        if unsilenceable(code):
            return None
        candidates = [n, n - 1]
        if n in self.text:
            candidates += [self.text[n], self.text[n] - 1]
        for c in candidates:
            if c in self.directives and c not in self.text and code in self.directives[c][0]:
                self.used.add((c, code))
                return self.directives[c][1]
        return None

    def problems(self, complete: bool) -> list[Diagnostic]:
        out = [Diagnostic("PCD213", "this line is the paper's text (inside a block scalar), so "
                          "'# pcd: ignore' here is printed, not obeyed: put it on the key's line "
                          "or the line above the key", (), "warning", "", n + 1, col + 1)
               for n, col in self.in_text]
        for n, (codes, _, col) in sorted(self.directives.items()):
            for code in sorted(codes):
                if unsilenceable(code):
                    why = ("until it is fixed nothing else in the paper is checked"
                           if code.startswith("PCD0") else
                           "it keeps deferred or Part 2 material off the public site")
                    out.append(Diagnostic("PCD214", f"{code} cannot be silenced: {why}; fix the "
                                          "finding instead", (), "error", "", n + 1, col + 1))
                elif complete and (n, code) not in self.used and not code.startswith("PCD7"):
                    # (PCD7xx findings come from the archive pass, which one paper cannot judge)
                    out.append(Diagnostic("PCD212", f"'# pcd: ignore[{code}]' silences nothing: "
                                          f"no {code} finding is on the lines it covers; remove "
                                          "it", (), "warning", "", n + 1, col + 1))
        return out
