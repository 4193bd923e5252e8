"""Stage 1: read a spec file into positioned YAML nodes and validate it against the schema."""

from __future__ import annotations

MAX_BYTES = 1024 * 1024  # the most a spec may be; here, so reading one imports nothing else


def readable(path) -> bytes | None:
    """A spec's bytes, never more than a spec may hold (/dev/zero is no spec); None when the file
    cannot be read (the pipeline then reads it and says why)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(MAX_BYTES + 1)
    except OSError:
        return None
