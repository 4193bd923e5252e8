"""`pcd check`: validate and compute specs, print every finding, return an exit code."""

from __future__ import annotations

import json
import sys
from collections import namedtuple

from authoring import cache
from authoring.diagnostics import Diagnostic
from authoring.spec import readable

TYPE_CHECKING = False  # typing itself is not imported: the cached path is the pre-commit hook's
if TYPE_CHECKING:
    from typing import Sequence, TextIO

FORMATS = ("text", "json", "github")


class Checked(namedtuple("Checked", "file ok diagnostics")):
    """What `pcd check` says of one file; from the pipeline, or from the cache when nothing it
    depends on has changed (the pre-commit hook re-checks what the author checked while drafting)."""

    __slots__ = ()
    file: str
    ok: bool
    diagnostics: list[Diagnostic]


def check(files: list[str], style_dirs: tuple[str, ...] = (), strict: bool = False,
          form: str = "text", out: TextIO | None = None, use_cache: bool = True,
          quiet: bool = False) -> int:
    """Check every file; 0 when all are clean of errors, 1 otherwise, 2 when a path given is no
    file that can be read (the others are still checked)."""
    from authoring.commands.folder import refuse_unusable

    out = out or sys.stdout
    usable = refuse_unusable(files)
    outcomes = [checked(f, style_dirs, strict, use_cache) for f in usable]
    report(outcomes, form, out, quiet)
    return 2 if len(usable) < len(files) else 0 if all(o.ok for o in outcomes) else 1


def checked(file: str, style_dirs: tuple[str, ...], strict: bool, use_cache: bool) -> Checked:
    """Check one file, through the cache: only the pipeline's answer is ever stored."""
    data = readable(file)
    name = cache.key("check", data, style_dirs, file, strict) if use_cache and data is not None else ""
    hit = from_record(file, cache.load(name)) if name else None
    if hit:
        return hit
    from authoring.pipeline import process

    outcome = process(file, style_dirs, strict, data)
    if name:
        cache.store(name, {"ok": outcome.ok, "diagnostics": [to_fields(d) for d in outcome.diagnostics]})
    return Checked(file, outcome.ok, outcome.diagnostics)


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
        return Checked(file, ok, diags) if isinstance(ok, bool) else None
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
    msg = d.format().split(f"[{d.code}] ", 1)[1].replace("%", "%25").replace("\n", "%0A")
    return f"::{level} file={d.file},line={d.line},col={d.col},title={d.code}::{msg}"
