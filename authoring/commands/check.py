"""`pcd check`: validate and compute specs, print every finding, return an exit code."""

from __future__ import annotations

import json
import sys
from collections import namedtuple

from authoring import cache
from authoring.diagnostics import Diagnostic, visible
from authoring.spec import readable

TYPE_CHECKING = False  # typing itself is not imported: the cached path is the pre-commit hook's
if TYPE_CHECKING:
    from typing import Sequence, TextIO

FORMATS = ("text", "json", "github")


class Checked(namedtuple("Checked", "file ok diagnostics ledger", defaults=(None,))):
    """What `pcd check` says of one file; from the pipeline, or from the cache when nothing it
    depends on has changed (the pre-commit hook re-checks what the author checked while drafting)."""

    __slots__ = ()
    file: str
    ok: bool
    diagnostics: list[Diagnostic]
    ledger: dict | None  # the paper's entry in the archive's index (authoring/ledger/index.py)


def check(files: list[str], style_dirs: tuple[str, ...] = (), strict: bool = False,
          form: str = "text", out: TextIO | None = None, use_cache: bool = True,
          quiet: bool = False) -> int:
    """Check every file; 0 when all are clean of errors, 1 otherwise, 2 when a path given is no
    file that can be read (the others are still checked)."""
    from authoring.commands.folder import refuse_unusable
    from authoring.ledger.archive import expand, together

    out = out or sys.stdout
    files, whole = expand(files)  # a folder is its specs, checked as one archive
    usable = refuse_unusable(files)
    outcomes = [checked(f, style_dirs, strict, use_cache) for f in usable]
    outcomes, notes = together(outcomes, whole, lambda f: checked(f, style_dirs, strict, use_cache),
                               style_dirs, strict)  # papers against each other (issue 25)
    report(outcomes + [Checked("", True, notes)] if form == "json" and notes else outcomes, form, out, quiet)
    if notes and form == "text" and not quiet:
        from authoring.ledger.archive import absent_note
        out.write(absent_note(notes) + "\n")
    return 2 if len(usable) < len(files) else 0 if all(o.ok for o in outcomes) else 1


def checked(file: str, style_dirs: tuple[str, ...], strict: bool, use_cache: bool) -> Checked:
    """Check one file, through the cache: only the pipeline's answer is ever stored."""
    data = readable(file)
    name = cache.key("check", data, style_dirs, file, strict) if use_cache and data is not None else ""
    hit = from_record(file, cache.load(name)) if name else None
    if hit:
        return hit
    from authoring.ledger.index import entry
    from authoring.pipeline import process

    outcome = process(file, style_dirs, strict, data)
    ledger = entry(outcome.paper, outcome.pos, outcome.text) if outcome.paper else None
    if name:
        cache.store(name, {"ok": outcome.ok, "diagnostics": [to_fields(d) for d in outcome.diagnostics],
                           "ledger": ledger})
    return Checked(file, outcome.ok, outcome.diagnostics, ledger)


NAMES = Diagnostic._fields


def to_fields(d: Diagnostic) -> list:
    return [list(d.path) if n == "path" else getattr(d, n) for n in NAMES]


def from_record(file: str, record: dict | None) -> Checked | None:
    """A cached answer, or None when the record is not one (a foreign or damaged file)."""
    if record is None:
        return None
    try:
        diags = []
        for values in record["diagnostics"]:
            d = dict(zip(NAMES, values, strict=True))
            if not all(isinstance(v, int if n in ("line", "col") else list if n == "path" else str)
                       for n, v in d.items()):
                return None
            d["path"] = tuple(d["path"])
            diags.append(Diagnostic(**d))
        ok = record["ok"]
        return Checked(file, ok, diags, record.get("ledger")) if isinstance(ok, bool) else None
    except (KeyError, TypeError, ValueError):
        return None


def report(outcomes: Sequence[Checked], form: str, out: TextIO, quiet: bool = True) -> None:
    """Every finding in the form asked for; in text, a summary line after them (none with
    `quiet` when all is clean)."""
    diags = [d for o in outcomes for d in o.diagnostics]
    if form == "json":
        json.dump([d.as_dict() for d in diags], out, indent=2)
        out.write("\n")
        return
    diags = [d for d in diags if d.severity != "suppressed"]  # listed by --format json only
    for d in diags:
        out.write((github(d) if form == "github" else d.format()) + "\n")
    if form == "text":
        errors = sum(d.severity == "error" for d in diags)
        warnings = len(diags) - errors
        if diags:
            out.write(f"{len(outcomes)} file(s) checked: {errors} error(s), {warnings} warning(s)\n")
        elif not quiet and outcomes:
            out.write(f"{len(outcomes)} file(s) checked: no problems\n")


def github(d: Diagnostic) -> str:
    """A GitHub Actions workflow command, so findings appear on the pull request's diff."""
    level = "error" if d.severity == "error" else "warning"
    msg = d.format().split(f"[{d.code}] ", 1)[1]  # control characters already escaped
    return (f"::{level} file={_property(d.file)},line={d.line},col={d.col},"
            f"title={_property(d.code)}::{msg.replace('%', '%25')}")


def _property(value: str) -> str:
    """A workflow command's property: a file's name can neither start a forged command (its
    line breaks and other controls are written as escapes) nor end this one (':' and ',' are
    percent-encoded, as GitHub's toolkit does)."""
    return visible(value).replace("%", "%25").replace(":", "%3A").replace(",", "%2C")
