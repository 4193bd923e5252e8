"""A cache of results, keyed by everything a result depends on.

The key is a hash of the spec's bytes, the house styles' files, pcd's own code and the options
that change the result, so an entry can never be stale: anything that could change the answer
changes the key. (One exception, by design: `pcd site` takes the hash of a spec whose size,
times and inode are as its last build saw them from what it remembers, unread; see
commands/output.py.) Entries are JSON records and blobs named by the hash of their bytes; a record
whose key or format does not match, or a blob whose bytes do not hash to its name, is a miss,
never trusted. Nothing read from the cache is ever run (no pickle).

The cache lives in $XDG_CACHE_HOME/pcd/results (~/.cache/pcd/results), a folder only its owner
may write. `--no-cache` or PCD_NO_CACHE=1 turns it off.
"""

from __future__ import annotations

import functools
import json
import os
import stat
from _thread import get_ident

try:  # CPython's own SHA-256: importing hashlib loads OpenSSL (~3 ms of a ~35 ms cached check)
    from _sha2 import sha256  # Python 3.12+
except ImportError:
    try:
        from _sha256 import sha256  # Python 3.11
    except ImportError:
        from hashlib import sha256

FORMAT = 1


OFF = [False]  # set by --no-cache for the whole process (and the workers it forks)


def folder(part: str = "results") -> str | None:
    """A folder of pcd's cache, or None when caching is off or the folder is not safely ours."""
    if OFF[0] or os.environ.get("PCD_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return _ours(os.path.join(base, "pcd", part))


@functools.lru_cache(maxsize=8)
def _ours(root: str) -> str | None:
    """The folder, made if need be, once a process: a site asks for it thousands of times."""
    try:
        os.makedirs(root, mode=0o700, exist_ok=True)
        st = os.stat(root)
    except OSError:
        return None
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid() or st.st_mode & 0o022:
        return None  # someone else could plant entries here
    return root


def _digest_tree(h, top: str) -> None:
    """Fold every file under a folder into the hash: its name, size and modification time.
    Statting is ~5x faster than reading them all, and an edit changes the time in nanoseconds."""
    if not os.path.isdir(top):
        h.update(b"\0missing " + top.encode("utf-8", "surrogateescape"))
        return
    for dirpath, dirnames, filenames in os.walk(top):  # top-down, folders in name order
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for name in sorted(filenames):
            if name.endswith((".pyc", ".pyo")):
                continue
            path = os.path.join(dirpath, name)
            h.update(b"\0" + os.path.relpath(path, top).encode("utf-8", "surrogateescape") + b"\0")
            try:
                st = os.stat(path)
                h.update(f"{st.st_size} {st.st_mtime_ns}".encode())
            except OSError:
                h.update(b"\0unreadable")


@functools.lru_cache(maxsize=8)
def fingerprint(style_dirs: tuple[str, ...]) -> str:
    """pcd's version and code, and every house style it could read: a change to any is a new key."""
    from authoring import __version__
    from authoring.stylepath import style_dirs as lookup

    h = sha256(f"pcd {__version__} format {FORMAT}".encode())
    _digest_tree(h, os.path.dirname(os.path.realpath(__file__)))
    for top in lookup(style_dirs):
        h.update(b"\0style " + top.encode("utf-8", "surrogateescape"))
        _digest_tree(h, top)
    return h.hexdigest()


def key(kind: str, data: bytes, style_dirs: tuple[str, ...], *options: object) -> str:
    """The key of one result: what it is, the spec's bytes, the styles and code, the options."""
    return key_of(kind, sha256(data).hexdigest(), style_dirs, *options)


def key_of(kind: str, digest: str, style_dirs: tuple[str, ...], *options: object) -> str:
    """The same key, from the hash of the spec's bytes (a site knows it without reading them)."""
    return sha256(repr([kind, fingerprint(style_dirs), digest, *map(str, options)]).encode()).hexdigest()


def _path(root: str, name: str, suffix: str) -> str:
    return os.path.join(root, name[:2], f"{name}{suffix}")


def load(name: str) -> dict | None:
    """The record stored under a key, or None (absent, off, corrupt or not this key's)."""
    root = folder()
    if root is None:
        return None
    try:
        with open(_path(root, name, ".json"), "rb") as fh:
            record = json.loads(fh.read())
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(record, dict) or record.get("format") != FORMAT or record.get("key") != name:
        return None
    return record


def store(name: str, record: dict) -> None:
    """Keep a record; a cache that cannot be written is simply not used."""
    root = folder()
    if root is not None:
        _write(_path(root, name, ".json"),
               json.dumps({"format": FORMAT, "key": name, **record}).encode("utf-8"))


def put_blob(data: bytes) -> str:
    """Keep bytes under the hash of their content; returns that hash."""
    name = sha256(data).hexdigest()
    root = folder()
    if root is not None and not os.path.exists(_path(root, name, ".blob")):
        _write(_path(root, name, ".blob"), data)
    return name


def get_blob(name: object) -> bytes | None:
    """The bytes stored under a hash, or None when absent or not what the hash says."""
    root = folder()
    if root is None or not isinstance(name, str) or len(name) != 64:
        return None
    try:
        with open(_path(root, name, ".blob"), "rb") as fh:
            data = fh.read()
    except OSError:
        return None
    return data if sha256(data).hexdigest() == name else None


def _write(path: str, data: bytes) -> None:
    """Replace a cache file whole; no fsync: a torn entry after a crash is a miss, not an error.
    The temporary file is named for this process and thread, not by `tempfile`, whose imports
    (random, shutil, hashlib) cost a just-edited spec's check ~8 ms."""
    tmp = f"{os.path.dirname(path)}/.{os.getpid()}-{get_ident()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass
