"""The cross-paper pass of `pcd check`: which papers make the archive, and what it finds.

Given a folder, the archive is its specs. Given files (the pre-commit hook passes the changed
ones), it is those files plus the specs beside them that are linked to them: that cite one of
their codes, that they cite, or that name one of their contracts or suppliers. The link is a
cheap look at each sibling's bytes; only the linked ones are indexed (through the results
cache), so a commit is checked against the papers it touches, not the whole archive.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, Any, Callable

from authoring.diagnostics import Diagnostic
from authoring.ledger.index import VERSION

if TYPE_CHECKING:  # the rules are imported only when two papers meet (a single check has none)
    from authoring.ledger.checks import Paper

REFERENCE = re.compile(rb"^reference:\s*(\d+)\s*$", re.M)


def specs_in(folder: str) -> list[str]:
    """A folder's specs: its *.yaml files, in name order (not its subfolders)."""
    try:
        names = sorted(n for n in os.listdir(folder) if n.endswith(".yaml") and not n.startswith("."))
    except OSError:
        return []
    return [os.path.join(folder, n) for n in names]


def linked(given: list[str], entries: dict[str, Any]) -> list[str]:
    """The specs beside the given ones that are linked to them (not themselves given). Entries
    are read as they come from the cache; one that is not an entry links nothing."""
    needles: set[bytes] = set()
    numbers: set[int] = set()
    for e in entries.values():
        try:
            letters, number = e["code"].split()
            found = {int(number), *(int(c["code"].split()[1]) for c in e["cites"])}
            # a contract by its number (else its supplier); an award's supplier too, for the
            # awards to it within a year
            names = {t for c in e["contracts"] for t in (c["number"] or c["supplier"],
                                                        c["supplier"] if c["kind"] == "award" else "")}
        except (TypeError, KeyError, AttributeError, ValueError, IndexError):
            continue
        numbers |= found
        needles |= {f"{letters} {number}".encode(), f"{letters}{number}".encode()}
        needles |= {t.encode() for t in names if isinstance(t, str) and len(t) > 3}
    taken = {os.path.realpath(f) for f in given}
    out = []
    for folder in dict.fromkeys(os.path.dirname(f) or "." for f in given):
        for path in specs_in(folder):
            if os.path.realpath(path) in taken:
                continue
            try:
                with open(path, "rb") as fh:
                    data = fh.read(1 << 20)
            except OSError:
                continue
            m = REFERENCE.search(data, 0, 4096)
            if (m and int(m.group(1)) in numbers) or any(n in data for n in needles):
                out.append(path)
    return out


def expand(paths: list[str]) -> tuple[list[str], set[str]]:
    """The files to check: a folder is its specs (one with none stays, to be refused in its
    turn). Also the folders given whole: their archive is every spec in them, so nothing beside
    them need be looked for."""
    files: list[str] = []
    whole: set[str] = set()
    for p in paths:
        specs = specs_in(p) if os.path.isdir(p) else []
        files += specs or [p]
        if specs:
            whole.add(os.path.realpath(p))
    return files, whole


def archives(files: list[str]) -> dict[str, list[str]]:
    """The given files by archive: the folder each is in."""
    out: dict[str, list[str]] = {}
    for f in files:
        out.setdefault(os.path.realpath(os.path.dirname(f) or "."), []).append(f)
    return out


def together(outcomes: list, whole: set[str], check_one: Callable[[str], Any],
             style_dirs: tuple[str, ...], strict: bool) -> tuple[list, list[Diagnostic]]:
    """Check each archive's papers against each other: the outcomes with the cross-paper
    findings added (and a linked paper's own outcome when a finding is in it), and the notes
    on papers cited but not in the archive."""
    from authoring.ledger.index import usable

    if os.environ.get("PCD_LEDGER_OFF"):  # benchmarks/check_folder.py's "before", nothing else
        return outcomes, []
    by_file = {o.file: o for o in outcomes}
    added: dict[str, Any] = {}
    found, notes = [], []
    for folder, files in archives(list(by_file)).items():
        entries = {f: by_file[f].ledger for f in files}
        if folder not in whole:
            for path in linked(files, entries):
                added[path] = check_one(path)
                entries[path] = added[path].ledger
        if len(entries) > 1:  # entries are validated only when papers meet (one alone has no rule)
            more, absent = cross_check({f: usable(e) for f, e in entries.items()}, style_dirs, strict)
            found += more
            notes += absent_diagnostics(absent)
    if not found:
        return outcomes, notes
    mine: dict[str, list[Diagnostic]] = {}
    for d in found:
        mine.setdefault(d.file, []).append(d)
    out = []
    for o in [*outcomes, *(added[f]._replace(diagnostics=[]) for f in added if f in mine)]:
        extra = mine.get(o.file, [])
        if extra:
            o = o._replace(ok=o.ok and not any(d.severity == "error" for d in extra),
                           diagnostics=sorted(o.diagnostics + extra, key=lambda d: (d.line, d.col, d.code)))
        out.append(o)
    return out, notes


def cross_check(entries: dict[str, dict | None], style_dirs: tuple[str, ...], strict: bool
                ) -> tuple[list[Diagnostic], list[tuple[str, Paper, list]]]:
    """The archive's findings, silenced and promoted as a paper's own are; and the papers it
    cites that are not in it."""
    from authoring.ledger.checks import Paper, not_in_archive, run

    papers = [Paper(f, e) for f, e in entries.items() if e and e.get("version") == VERSION]
    found = run(papers, _styles(style_dirs))
    return _located(found, strict), not_in_archive(papers)


def _styles(style_dirs: tuple[str, ...]) -> Callable[[str], Any]:
    """House styles by name, loaded only when a rule needs the scheme of delegation."""
    loaded: dict[str, Any] = {}

    def style(name: str) -> Any:
        if name not in loaded:
            from authoring.diagnostics import SpecError, StyleError
            from authoring.housestyle import IncompleteStyle, UnknownStyle, load_style

            try:
                loaded[name] = load_style(name, style_dirs)
            except (UnknownStyle, SpecError, IncompleteStyle, StyleError):
                loaded[name] = None  # reported on each paper that uses it already
        return loaded[name]
    return style


def _located(found: list[Diagnostic], strict: bool) -> list[Diagnostic]:
    """A `# pcd: ignore[CODE] reason` on the line (or the line above) silences a cross-paper
    finding as it does a paper's own; --strict makes warnings errors."""
    silences: dict[str, Any] = {}
    out = []
    for d in found:
        if d.file not in silences:
            try:
                with open(d.file, encoding="utf-8", errors="replace") as fh:
                    text = fh.read(1 << 20)
            except OSError:
                text = ""
            if "pcd:" in text:  # the pipeline (and all it imports) only for a paper that silences
                from authoring.pipeline import Silences
                silences[d.file] = Silences(text.split("\n"))
            else:
                silences[d.file] = None
        reason = silences[d.file].reason(d.code, d.line - 1) if d.line and silences[d.file] else None
        if reason is not None:
            out.append(d._replace(severity="suppressed", reason=reason))
        elif strict and d.severity == "warning":
            out.append(d._replace(severity="error"))
        else:
            out.append(d)
    return out


def absent_note(notes: list[Diagnostic]) -> str:
    """One line naming the cited papers that are not in the archive (no error: an archive
    starts somewhere, and older papers may be elsewhere)."""
    codes = sorted({d.needle for d in notes}, key=lambda c: (c.split()[0], int(c.split()[1])))
    return f"not in the archive (cited, not checked): {', '.join(codes)}"


def absent_diagnostics(absent: list[tuple[str, Paper, list]]) -> list[Diagnostic]:
    """The same list for --format json: one note per citation, where it is."""
    return [Diagnostic("PCD700", f"{code} is cited but is not in the archive: not checked",
                       tuple(at[0]), "note", p.file, at[1], at[2], code) for code, p, at in absent]
