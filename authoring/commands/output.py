"""Writing outputs safely: inside the output folder only, and all-or-nothing per file.

Each file is written to a temporary file beside it, flushed to disk, then renamed over the old
one, so a reader, a crash, a `kill -9` or a full disk leaves the old file or the new one, never
half of one. A temporary file names its writer (`.1843.docx.HOST-PID.XXXX.tmp`), so the next
run can tell a file left by a process that died from one a live process is still writing.
"""

from __future__ import annotations

import errno
import functools
import hashlib
import os
import re
import shutil
import socket
import stat
import tempfile
import time
from pathlib import Path

SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,100}")
HOST = re.sub(r"[^A-Za-z0-9_]", "_", socket.gethostname())[:40] or "host"
STALE_AFTER = 24 * 3600  # seconds: a temporary file this old is stale whoever wrote it


def safe_child(folder: Path, name: str) -> Path:
    """folder/name, refusing names that could climb out of the folder or hide."""
    if not SAFE_NAME.fullmatch(name) or ".." in name:
        raise ValueError(f"unsafe output name {name!r}")
    return folder / name


def write_atomic(path: Path, data: bytes) -> None:
    """Write one file all-or-nothing."""
    write_files({path: data})


PRIVATE = "part2"  # a folder of confidential outputs: made 0700, its files 0600, whatever the umask


def file_mode(path: Path) -> int:
    """What a new output's permissions are: as the umask allows (0644 under the usual 022), and
    owner-only inside a folder of confidential outputs."""
    if path.parent.name == PRIVATE:
        return 0o600
    return 0o666 & ~_umask()


@functools.lru_cache(maxsize=1)
def _umask() -> int:
    """The process's umask, read once (reading it means setting it, briefly)."""
    mask = os.umask(0o077)
    os.umask(mask)
    return mask


def write_files(files: dict[Path, bytes]) -> None:
    """Write several files, each all-or-nothing: every one is written and flushed before the
    first is renamed into place, so a full disk or a failed write replaces none of them."""
    for path in files:  # the one rename that fails for certain: check before replacing any
        if path.is_dir() and not path.is_symlink():
            raise IsADirectoryError(errno.EISDIR, f"{path.name} is a folder", str(path))
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files.items():
            path.parent.mkdir(mode=0o700 if path.parent.name == PRIVATE else 0o777, parents=True,
                              exist_ok=True)
            staged.append((_stage(path, data), path))
        for tmp, path in staged:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
        raise
    for folder in {path.parent for path in files}:
        _sync_folder(folder)


def write_staged(path: Path, data: bytes, live: Path | None = None) -> None:
    """Write a new file into a staging folder: no temporary file and no flush of its own, since
    nobody reads the folder until it is flushed once, whole, and swapped in (see publish.py).
    When `live`, the same file in the site being replaced, holds exactly these bytes, it is
    linked instead: on ext4 a link costs ~1/50 of writing a file, and most of a rebuilt site is
    unchanged."""
    if live is not None:
        try:
            with open(live, "rb") as fh:
                same = fh.read(len(data) + 1) == data
            if same:
                return link_staged(path, live)
        except OSError:
            pass  # not there: write it
    try:
        out = open(path, "xb")  # a name written twice is a bug, not a file to replace
    except FileNotFoundError:  # its folder is not made yet (most files' folder is)
        path.parent.mkdir(parents=True, exist_ok=True)
        out = open(path, "xb")
    with out:
        out.write(data)


# What pcd knows of a site it built, kept in its cache (never in the site) under the site's folder:
# for each file of the site, the hash of its bytes and the size, modification time and inode it
# had then (a file still so is linked into the next build without reading it or its cached copy:
# most of an incremental build's files); and for each spec it was built from, the hash of the
# spec's bytes and the spec's state (a spec still so is not read again). With the cache off,
# files are compared and specs read instead.
def _site_key(site: Path) -> str:
    from authoring import cache

    return cache.sha256(b"files of the site at\0" + os.fsencode(site)).hexdigest()


@functools.lru_cache(maxsize=4)
def _site_record(site: Path) -> dict:
    from authoring import cache

    return cache.load(_site_key(site)) or {}


def known_files(site: Path) -> dict[str, list]:
    files = _site_record(site).get("files")
    return files if isinstance(files, dict) else {}


# A spec changed within this long of being looked at may change again within the same tick of
# its file system's clock and look unchanged (git's "racily clean" entries): its state is not
# kept, so it is read next time too. Two seconds covers the coarsest clocks (FAT, SMB).
RACY_NS = 2_000_000_000


def spec_states(paths) -> dict[str, list]:
    """The size, modification and change times and inode of each spec that has not just changed,
    by absolute path. On POSIX file systems no user can set the change time, so an edit that
    restores a spec's size and modification time is still seen."""
    now, states = time.time_ns(), {}
    for path in paths:
        try:
            st = os.stat(path)
        except OSError:
            continue
        if max(st.st_mtime_ns, st.st_ctime_ns) < now - RACY_NS:
            states[os.path.abspath(path)] = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
    return states


def known_specs(site: Path, states: dict[str, list]) -> dict[str, str]:
    """The hash of each spec's bytes, for the specs still in the state the last build saw."""
    specs = _site_record(site).get("specs")
    if not isinstance(specs, dict):
        return {}
    known = {}
    for path, state in states.items():
        seen = specs.get(path)
        if isinstance(seen, list) and len(seen) == 5 and isinstance(seen[0], str) and seen[1:] == state:
            known[path] = seen[0]
    return known


def _state(st: os.stat_result) -> list:
    return [st.st_size, st.st_mtime_ns, st.st_ino]


def _known(files: dict[str, list], rel: str) -> list | None:
    """What is known of one file ([hash, size, mtime_ns, inode]), if the record holds that."""
    known = files.get(rel)
    return known if isinstance(known, list) and len(known) == 4 else None


def unchanged(live: Path, rel: str, digest: object) -> bool:
    """Whether the live site's file `rel` still holds the bytes whose hash is `digest`."""
    known = _known(known_files(live), rel)
    if not digest or known is None or known[0] != digest:
        return False
    try:
        st = os.lstat(live / rel)
    except OSError:
        return False
    return stat.S_ISREG(st.st_mode) and _state(st) == known[1:]


def link_staged(path: Path, source: Path) -> None:
    """Put an unchanged live file into the staging folder: a link, or a copy across devices."""
    try:
        os.link(source, path)
    except FileNotFoundError:
        if not os.path.exists(source):
            raise
        path.parent.mkdir(parents=True, exist_ok=True)  # its folder is not made yet
        link_staged(path, source)
    except OSError as exc:
        if exc.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK):
            raise  # a name staged twice is a bug, not a file to replace
        shutil.copyfile(source, path)  # another device, or links not allowed: a copy


def remember_files(staging: Path, live: Path) -> dict[str, list]:
    """The hash and state of every file of a staged site (hashing only what was written anew:
    a file linked from the live site is that file, with what was known of it)."""
    old, files = known_files(live), {}

    def walk(folder: str, prefix: str) -> None:
        with os.scandir(folder) as found:
            for item in found:
                rel = prefix + item.name
                if item.is_dir(follow_symlinks=False):
                    walk(item.path, rel + "/")
                elif item.is_file(follow_symlinks=False):
                    state, known = _state(item.stat(follow_symlinks=False)), _known(old, rel)
                    if known is not None and known[1:] == state:
                        files[rel] = known
                    else:
                        with open(item.path, "rb") as fh:
                            files[rel] = [hashlib.sha256(fh.read()).hexdigest(), *state]

    walk(os.fspath(staging), "")
    return files


def store_site(site: Path, files: dict[str, list], specs: dict[str, list]) -> None:
    """Keep what is known of a site just put in place: its files, and its specs as
    {absolute path: [hash of the bytes, *state]}."""
    from authoring import cache

    cache.store(_site_key(site), {"files": files, "specs": specs})
    _site_record.cache_clear()


def _stage(path: Path, data: bytes) -> str:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{HOST}-{os.getpid()}.", suffix=".tmp",
                               dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, file_mode(path))
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def _sync_folder(folder: Path) -> None:
    """Make the renames themselves durable (a power cut after a rename keeps the new name)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the rename is still atomic
    finally:
        os.close(fd)


def remove_stale(folder: Path, names) -> list[Path]:
    """Remove the temporary files a killed pcd left beside these outputs: only ours (the names
    pcd gives them), only for these outputs, and only when their writer on this host is dead
    or the file is a day old. Returns what was removed."""
    removed: list[Path] = []
    for name in names:
        pattern = re.compile(rf"\.{re.escape(name)}\.(?:([A-Za-z0-9_]+)-(\d+)\.)?[A-Za-z0-9_]+\.tmp")
        try:
            candidates = [p for p in folder.glob(f".{name}.*.tmp") if pattern.fullmatch(p.name)]
        except OSError:
            return removed
        for path in candidates:
            m = pattern.fullmatch(path.name)
            assert m is not None
            try:
                old = time.time() - path.lstat().st_mtime > STALE_AFTER
            except OSError:
                continue
            dead = m.group(1) == HOST and not _alive(int(m.group(2)))
            if (dead or old) and path.is_file() and not path.is_symlink():
                path.unlink(missing_ok=True)
                removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True
