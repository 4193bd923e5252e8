"""Putting a built site in place: one build at a time, and all-or-nothing.

A site is built in a staging folder beside its target, then the two are exchanged in one atomic
step (Linux renameat2 with RENAME_EXCHANGE), so a reader, or a `kill -9` at any moment, sees the
old site or the new one, never half of one. A lock on the target's folder makes concurrent builds of
the same site take turns; whatever a killed build left behind is removed by the next one.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

AT_FDCWD = -100
RENAME_EXCHANGE = 2


@contextlib.contextmanager
def locked(target: Path) -> Iterator[None]:
    """Hold a lock on the folder the target sits in for the whole build (no lock file to leave)."""
    fd = os.open(target.parent, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def staging_prefix(target: Path) -> str:
    return f".{target.name}.staging."


def remove_leftovers(target: Path) -> None:
    """Staging and retired folders of builds that died; call with the lock held."""
    for prefix in (staging_prefix(target), f".{target.name}.old."):
        for path in target.parent.glob(prefix + "*"):
            shutil.rmtree(path, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically; False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    if ctypes.get_errno() in (38, 22, 95):  # ENOSYS, EINVAL, EOPNOTSUPP: not on this filesystem
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(b))


def swap(staging: Path, target: Path) -> None:
    """Put the staged site in the target's place; the old one is removed afterwards."""
    os.chmod(staging, 0o755)
    if not target.exists():
        staging.rename(target)
        return
    if _exchange(staging, target):
        shutil.rmtree(staging, ignore_errors=True)  # it now holds the old site
        return
    old = target.with_name(f".{target.name}.old.{os.getpid()}")  # no atomic swap: two renames
    target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)
