"""A folder of specs as the commands see it before checking them: which reference each declares."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

REFERENCE = re.compile(rb"^reference:\s*(\d+)\s*$", re.M)
STYLE = re.compile(rb"^house_style:\s*[\"']?([A-Za-z0-9_-]+)", re.M)


def declared(path: Path) -> tuple[int | None, str | None]:
    """The reference and house style a spec declares near its top (the first 4 KiB: a cheap
    look, not a check); the style is None when the spec names none (the default)."""
    from authoring.spec import read_spec

    try:
        head = read_spec(path, 4096)  # a regular file only: a pipe or a device is never opened
    except OSError:
        return None, None
    m, s = REFERENCE.search(head), STYLE.search(head)
    return (int(m.group(1)) if m else None), (s.group(1).decode() if s else None)


def declared_reference(path: Path) -> int | None:
    return declared(path)[0]


def declared_references(paths) -> set[int]:
    return {n for n in map(declared_reference, paths) if n is not None}


def declared_style_references(paths, style: str) -> set[int]:
    """The references of the specs in one house style's series (the default's own: none named)."""
    from authoring.stylepath import DEFAULT

    return {n for n, s in map(declared, paths) if n is not None and (s or DEFAULT) == style}


def unusable(path: str) -> str:
    """Why a path given as a spec cannot be one ('' when it can): looked at with stat, never
    opened, so a FIFO or a device is refused without blocking or reading forever."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "no such file"
    except OSError as exc:
        return f"cannot be read: {exc.strerror}"
    if stat.S_ISDIR(mode):
        return "is a folder, not a spec (give its *.yaml files)"
    if not stat.S_ISREG(mode):
        return "is not a regular file"
    if not os.access(path, os.R_OK):
        return "cannot be read: permission denied"
    return ""


def refuse_unusable(files: list[str]) -> list[str]:
    """The files that can be specs; each that cannot is named on stderr (the command exits 2)."""
    import sys

    from authoring.diagnostics import visible

    usable = []
    for f in files:
        why = unusable(f)
        if why:
            print(f"pcd: {visible(f)}: {why}", file=sys.stderr)
        else:
            usable.append(f)
    return usable
