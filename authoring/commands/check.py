"""`pcd check`: validate and compute specs, print every finding, return an exit code."""

from __future__ import annotations

import json
import sys
from typing import TextIO

from authoring.diagnostics import Diagnostic
from authoring.pipeline import Outcome, process

FORMATS = ("text", "json", "github")


def check(files: list[str], style_dirs: tuple[str, ...] = (), strict: bool = False,
          form: str = "text", out: TextIO = sys.stdout) -> int:
    """Check every file; 0 when all are clean of errors, 1 otherwise."""
    outcomes = [process(f, style_dirs, strict) for f in files]
    report(outcomes, form, out)
    return 0 if all(o.ok for o in outcomes) else 1


def report(outcomes: list[Outcome], form: str, out: TextIO) -> None:
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


def github(d: Diagnostic) -> str:
    """A GitHub Actions workflow command, so findings appear on the pull request's diff."""
    level = "error" if d.severity == "error" else "warning"
    msg = d.format().split(f"[{d.code}] ", 1)[1].replace("%", "%25").replace("\n", "%0A")
    return f"::{level} file={d.file},line={d.line},col={d.col},title={d.code}::{msg}"
