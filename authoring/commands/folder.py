"""A folder of specs as the commands see it before checking them: which reference each declares."""

from __future__ import annotations

import re
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
