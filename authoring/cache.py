"""A cache of results, keyed by everything a result depends on.

The key is a hash of the spec's bytes, the house styles' files, pcd's own code and the options
that change the result, so an entry can never be stale: anything that could change the answer
changes the key. (One exception, by design: `pcd site` takes the hash of a spec whose size,
times and inode are as its last build saw them from what it remembers, unread; see
commands/output.py.) A house style's files are hashed by content: a size and modification time
can be set back (`touch -d`, `rsync -a`), its content cannot be kept while changed.

Entries are JSON records and blobs named by the hash of their bytes. Keys can be computed by
anyone, so each record carries a MAC (keyed BLAKE2b) made with a secret of the user's, written
at first use, readable by the user alone: a record planted by someone who cannot read that
secret is a miss, and so is one whose key or format does not match, or a blob whose bytes do not
hash to its name. Nothing read from the cache is ever run (no pickle, no compiled code).

The cache holds at most PCD_CACHE_MB megabytes (512 by default): past that, the entries used
longest ago are removed first. It lives in $XDG_CACHE_HOME/pcd/results (~/.cache/pcd/results), a
folder only its owner may write. `--no-cache` or PCD_NO_CACHE=1 turns it off.
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

try:  # keyed BLAKE2b is a MAC; CPython's own module, no OpenSSL to load (hmac's import ~2 ms)
    from _blake2 import blake2b
except ImportError:
    from hashlib import blake2b

FORMAT = 2  # 2: records carry a MAC
SECRET = ".secret"  # in the results folder: 32 random bytes, the owner's alone (0600)
LEDGER = ".written"  # grows a byte for every 4 KiB written since the last sweep
MAC = b"pcd-mac "


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


def _digest_tree(h, top: str, content: bool = False) -> None:
    """Fold every file under a folder into the hash: its name, size and modification and change
    times, and with `content` its bytes. pcd's own code is statted (~5x faster than reading it);
    a house style, which may come from elsewhere with its times kept, is read (~0.3 ms for the
    shipped ones)."""
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
                h.update(f"{st.st_size} {st.st_mtime_ns} {st.st_ctime_ns} {st.st_ino}".encode()
                         if not content else _content(path, st))
            except OSError:
                h.update(b"\0unreadable")


def _content(path: str, st: os.stat_result) -> bytes:
    if not stat.S_ISREG(st.st_mode):  # a FIFO or device in a style folder is never opened
        return f"special {st.st_mode:o}".encode()
    h = sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.digest()


@functools.lru_cache(maxsize=8)
def fingerprint(style_dirs: tuple[str, ...]) -> str:
    """pcd's version and code, and every house style it could read: a change to any is a new key."""
    from authoring import __version__
    from authoring.stylepath import style_dirs as lookup

    h = sha256(f"pcd {__version__} format {FORMAT}".encode())
    _digest_tree(h, os.path.dirname(os.path.realpath(__file__)))
    for top in lookup(style_dirs):
        h.update(b"\0style " + top.encode("utf-8", "surrogateescape"))
        _digest_styles(h, top)
    return h.hexdigest()


STYLE_PARTS = ("style.yaml", "reference.docx", "html", "new")  # all pcd reads of a style folder


def _digest_styles(h, top: str) -> None:
    """Fold a folder of house styles into the hash: of each style, only the parts pcd reads, so
    a folder that also holds 200,000 other files (an archive, a build) costs no more to check."""
    try:
        styles = sorted(e.name for e in os.scandir(top) if e.is_dir(follow_symlinks=True))
    except OSError:
        h.update(b"\0missing " + top.encode("utf-8", "surrogateescape"))
        return
    for name in styles:
        for part in STYLE_PARTS:
            path = os.path.join(top, name, part)
            h.update(b"\0" + os.path.join(name, part).encode("utf-8", "surrogateescape"))
            if os.path.isdir(path):
                _digest_tree(h, path, content=True)
            else:
                try:
                    h.update(_content(path, os.stat(path)))
                except OSError:
                    h.update(b"\0absent")


def key(kind: str, data: bytes, style_dirs: tuple[str, ...], *options: object) -> str:
    """The key of one result: what it is, the spec's bytes, the styles and code, the options."""
    return key_of(kind, sha256(data).hexdigest(), style_dirs, *options)


def key_of(kind: str, digest: str, style_dirs: tuple[str, ...], *options: object) -> str:
    """The same key, from the hash of the spec's bytes (a site knows it without reading them)."""
    return sha256(repr([kind, fingerprint(style_dirs), digest, *map(str, options)]).encode()).hexdigest()


def _path(root: str, name: str, suffix: str) -> str:
    return os.path.join(root, name[:2], f"{name}{suffix}")


def _secret(root: str) -> bytes | None:
    """The user's key for the cache's MACs, made at first use; None (no cache) when it is not
    the owner's alone or cannot be made."""
    return _secret_at(os.path.join(root, SECRET))


@functools.lru_cache(maxsize=8)
def _secret_at(path: str) -> bytes | None:
    for _ in range(2):
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        except FileNotFoundError:
            _make_secret(path)
            continue
        except OSError:
            return None
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fh.fileno())
            data = fh.read(33)
        if stat.S_ISREG(st.st_mode) and st.st_uid == os.getuid() and not st.st_mode & 0o077 \
                and len(data) == 32:
            return data
        return None
    return None


def _make_secret(path: str) -> None:
    """Written whole under another name, then linked into place: a process that reads it
    never sees it half written, and of two made at once the first stays."""
    tmp = f"{path}.{os.getpid()}-{get_ident()}"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(os.urandom(32))
        os.link(tmp, path)
    except OSError:
        pass
    finally:
        try:
            os.unlink(tmp)
        except OSError:
            pass


def _mac(secret: bytes, body: bytes) -> bytes:
    return blake2b(body, key=secret, digest_size=32).hexdigest().encode()


def load(name: str) -> dict | None:
    """The record stored under a key, or None (absent, off, corrupt, not this key's, or not
    made with the user's secret)."""
    root = folder()
    secret = _secret(root) if root is not None else None
    if root is None or secret is None:
        return None
    path = _path(root, name, ".json")
    try:
        with open(path, "rb") as fh:
            data = fh.read()
        head, _, body = data.partition(b"\n")
        if head[:len(MAC)] != MAC or not _same(head[len(MAC):], _mac(secret, body)):
            return None
        record = json.loads(body)
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(record, dict) or record.get("format") != FORMAT or record.get("key") != name:
        return None
    _used(path)
    return record


def _same(a: bytes, b: bytes) -> bool:
    """Compared in constant time (no early exit a timing could betray)."""
    import hmac

    return hmac.compare_digest(a, b)


def _used(path: str) -> None:
    """Mark an entry as just used: eviction removes those used longest ago first."""
    try:
        os.utime(path)
    except OSError:
        pass


def store(name: str, record: dict) -> None:
    """Keep a record; a cache that cannot be written is simply not used."""
    root = folder()
    secret = _secret(root) if root is not None else None
    if root is not None and secret is not None:
        body = json.dumps({"format": FORMAT, "key": name, **record}).encode("utf-8")
        _write(_path(root, name, ".json"), MAC + _mac(secret, body) + b"\n" + body)


def put_blob(data: bytes) -> str:
    """Keep bytes under the hash of their content; returns that hash."""
    name = sha256(data).hexdigest()
    root = folder()
    if root is not None:
        path = _path(root, name, ".blob")
        if os.path.exists(path):
            _used(path)
        else:
            _write(path, data)
    return name


def get_blob(name: object) -> bytes | None:
    """The bytes stored under a hash, or None when absent or not what the hash says."""
    root = folder()
    if root is None or not isinstance(name, str) or len(name) != 64:
        return None
    path = _path(root, name, ".blob")
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return None
    if sha256(data).hexdigest() != name:
        return None
    _used(path)
    return data


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
        return
    _account(os.path.dirname(os.path.dirname(path)), len(data))


def limit() -> int:
    """The most bytes the cache may hold: PCD_CACHE_MB megabytes, 512 by default."""
    try:
        return max(1, int(os.environ.get("PCD_CACHE_MB", "512"))) * 1_000_000
    except ValueError:
        return 512_000_000


def _account(root: str, size: int) -> None:
    """Note what was written; past an eighth of the limit since the last sweep, sweep. The
    ledger is shared by every pcd writing to the cache: a byte appended for each 4 KiB (an
    append is atomic), so its length says what all of them wrote, without a lock."""
    ledger = os.path.join(root, LEDGER)
    try:
        fd = os.open(ledger, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        try:
            os.write(fd, b"." * (size // 4096 + 1))
            written = os.fstat(fd).st_size * 4096
        finally:
            os.close(fd)
    except OSError:
        return
    if written > limit() // 8:
        sweep(root)


def sweep(root: str, keep: int | None = None) -> None:
    """Bring the cache within its limit: when over it, remove the entries used longest ago
    until three quarters of the limit are left. An entry another pcd is reading as it goes is
    a miss for it, nothing worse."""
    try:
        os.truncate(os.path.join(root, LEDGER), 0)
    except OSError:
        pass
    bound = limit() if keep is None else keep
    entries, total = [], 0
    try:
        shards = [e.path for e in os.scandir(root) if len(e.name) == 2 and e.is_dir(follow_symlinks=False)]
        for shard in shards:
            for e in os.scandir(shard):
                if e.is_file(follow_symlinks=False):
                    st = e.stat(follow_symlinks=False)
                    entries.append((st.st_mtime_ns, e.path, st.st_size))
                    total += st.st_size
    except OSError:
        return
    if total <= bound:
        return
    for _, path, size in sorted(entries):
        try:
            os.unlink(path)
        except OSError:
            continue
        total -= size
        if total <= bound * 3 // 4:
            break
