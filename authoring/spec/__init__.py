"""Stage 1: read a spec file into positioned YAML nodes and validate it against the schema."""

from __future__ import annotations

import errno
import os
import stat

MAX_BYTES = 1024 * 1024  # the most a spec may be; here, so reading one imports nothing else
KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a device"),
         (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))


class NotAFile(OSError):
    """A path that names something other than a regular file."""


def read_spec(path, limit: int = MAX_BYTES + 1) -> bytes:
    """A spec's first `limit` bytes (never more than a spec may hold). Only a regular file is
    opened: a named pipe would block on open and read, /dev/zero never end, a device may act on
    being opened, so each is looked at with os.stat first and refused with OSError."""
    _regular(os.stat(path).st_mode, path)
    # Non-blocking, in case the name was swapped for a pipe since: opening it then returns at
    # once, and fstat refuses it before anything is read.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(fd, "rb") as fh:
        _regular(os.fstat(fd).st_mode, path)
        return fh.read(limit)


def _regular(mode: int, path) -> None:
    if not stat.S_ISREG(mode):
        kind = next((what for test, what in KINDS if test(mode)), "something")
        raise NotAFile(errno.EINVAL, f"it is {kind}, not a regular file", str(path))


def readable(path) -> bytes | None:
    """A spec's bytes, never more than a spec may hold; None when the file cannot be read or is
    not a regular file (the pipeline then says why)."""
    try:
        return read_spec(path)
    except OSError:
        return None


# What a finding in a file that is no spec may still say: which keys it has and which it lacks,
# and what shape a value has (the schema's words, none of the file's).
KEYS_ONLY = ("PCD010", "PCD011")
SHAPES = ("expected a mapping (key: value lines)", "expected a list (items starting with '- ')")
FOUND = (", found a list", ", found a mapping", ", found nothing")


def foreign(root, required: tuple[str, ...]) -> bool:
    """Whether a document is no spec at all: not a mapping, or one holding fewer than half of a
    spec's required keys (a link to someone's settings file, say). Its findings then quote its
    keys, never its values: a CI log is no place for what such a file holds."""
    items = getattr(root, "items", None)
    return not isinstance(items, dict) or 2 * sum(k in items for k in required) < len(required)


def keys_only(findings: list) -> list:
    """The findings of a file that is no spec, every message that could quote a value replaced."""
    return [d if d.code in KEYS_ONLY or d.message in SHAPES or d.message.endswith(FOUND) else d._replace(
        message="not what a spec holds here (the value is not shown: this file is not a spec)",
        needle="") for d in findings]
