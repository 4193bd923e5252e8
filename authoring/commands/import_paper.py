"""`pcd import`: write a spec from a decision paper in Word, then report what to check.

Exit codes: 0 the spec was written and checks clean; 1 written, with problems to fix (import
notes or check findings); 2 the paper cannot be read, the spec exists (without --force) or
cannot be written, or the house style cannot be loaded.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from authoring.commands.output import write_atomic
from authoring.diagnostics import SpecError, visible
from authoring.housestyle import (DEFAULT, IncompleteStyle, StyleError, UnknownStyle,
                                  available_styles, load_style)

MAX_READ = 64 * 1024 * 1024  # read at most this much: the package check refuses over 20 MiB


def default_output(paper: Path) -> Path:
    m = re.search(r"\d{2,6}", paper.stem)
    return Path("decisions") / f"{m.group(0) if m else paper.stem}.yaml"


def import_paper(paper: str, output: str | None = None, style_dirs: tuple[str, ...] = (),
                 house_style: str | None = None, force: bool = False) -> int:
    from authoring.commands.check import checked
    from authoring.importer.package import Unreadable
    from authoring.importer.paper import import_docx

    src = Path(paper)
    try:
        with open(src, "rb") as fh:
            data = fh.read(MAX_READ + 1)
    except OSError as exc:
        print(f"{paper}: error: cannot read the file: {exc.strerror}", file=sys.stderr)
        return 2
    target = Path(output) if output else default_output(src)
    if target.exists() and not force:
        print(f"{target}: error: the spec exists; choose another with -o, or --force to replace "
              "it", file=sys.stderr)
        return 2
    styles = candidate_styles(style_dirs, house_style)
    if isinstance(styles, str):
        print(styles, file=sys.stderr)
        return 2
    try:
        text, notes = import_docx(data, str(target), styles, style_dirs)
    except Unreadable as exc:
        print(visible(f"{paper}: error: {exc}"), file=sys.stderr)
        return 2
    header = (f"Imported from {src.name} by pcd import. Check every line marked in the import "
              "report,\nthen run pcd check (docs/import.md says how to finish a spec).")
    text = "".join(f"# {line}\n" for line in header.splitlines()) + text
    try:
        write_atomic(target, text.encode("utf-8"))
    except OSError as exc:
        print(f"{target}: error: cannot write the spec: {exc.strerror}", file=sys.stderr)
        return 2
    for n in notes:  # the import's own notes: never a rule's code, which only the check gives
        print(visible(f"{paper}: {n.where}: warning[import] {n.message}"))
    # The findings are `pcd check`'s on the file as written: the same function, on the bytes
    # read back, so what the report says is exactly what the officer sees next.
    outcome = checked(str(target), style_dirs, strict=False, use_cache=False)
    findings = [d for d in outcome.diagnostics if d.severity != "suppressed"]
    for d in findings:
        print(d.format())
    print(f"{paper}: wrote {target}: {len(notes)} import note(s), "
          f"{len(findings)} finding(s) from pcd check")
    return 0 if not notes and not findings else 1


def candidate_styles(style_dirs: tuple[str, ...], house_style: str | None) -> dict | str:
    """The house styles a paper may be in (the default first), or why there are none."""
    names = [house_style] if house_style else [DEFAULT] + [
        n for n in available_styles(style_dirs) if n != DEFAULT]
    styles = {}
    for name in names:
        try:
            styles[name] = load_style(name, style_dirs)
        except (UnknownStyle, IncompleteStyle, SpecError, StyleError) as exc:
            if name == names[0]:  # the style asked for, or the default: nothing to read with
                return f"pcd: house style '{name}' cannot be used: {_reason(exc)}"
            # another style the paper might be in: a broken one is simply not a candidate
    return styles


def _reason(exc: Exception) -> str:
    if isinstance(exc, StyleError):
        return "; ".join(d.format() for d in exc.diagnostics)
    if isinstance(exc, UnknownStyle):
        return "there is no such house style"
    return str(exc)
