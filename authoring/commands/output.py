"""Writing outputs safely: inside the output folder only, and all-or-nothing per file."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,100}")


def safe_child(folder: Path, name: str) -> Path:
    """folder/name, refusing names that could climb out of the folder or hide."""
    if not SAFE_NAME.fullmatch(name) or ".." in name:
        raise ValueError(f"unsafe output name {name!r}")
    return folder / name


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename over it: a reader (or a crash)
    sees the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
