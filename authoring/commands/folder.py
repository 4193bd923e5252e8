"""A folder of specs as the commands see it before checking them: which reference each declares."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

REFERENCE = re.compile(rb"^reference:\s*(\d+)\s*$", re.M)


def declared_reference(path: Path) -> int | None:
    """The reference a spec declares near its top (the first 4 KiB: a cheap look, not a check)."""
    try:
        with open(path, "rb") as fh:
            m = REFERENCE.search(fh.read(4096))
    except OSError:
        return None
    return int(m.group(1)) if m else None


def declared_references(paths) -> set[int]:
    return {n for n in map(declared_reference, paths) if n is not None}


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

    usable = []
    for f in files:
        why = unusable(f)
        if why:
            print(f"pcd: {f}: {why}", file=sys.stderr)
        else:
            usable.append(f)
    return usable
