"""Spec stories: each file under tests/data/invalid and tests/data/hostile states, in `# expect:`
comments at its top, every diagnostic it must produce (strictyaml's story files, in YAML).

Regenerate after a deliberate change, then review the diff like code:
    python -m tests.stories --update
"""

from __future__ import annotations

import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
FOLDERS = ("invalid", "hostile")
PREFIX = b"# expect: "


def story_files() -> list[Path]:
    return sorted(p for f in FOLDERS for p in (DATA / f).glob("*.yaml"))


def expected(path: Path) -> list[str]:
    return [line[len(PREFIX):].decode("utf-8") for line in path.read_bytes().split(b"\n")
            if line.startswith(PREFIX)]


def actual(path: Path) -> list[str]:
    """Diagnostics without the file name (and with line numbers as in the file)."""
    from authoring.pipeline import process

    return [d.format().split(":", 1)[1].lstrip(":") if d.line else d.format()[len(str(path)) + 2:]
            for d in process(path).diagnostics]


def update(path: Path) -> None:
    """Rewrite the expect lines; they sit first, so line numbers shift by their count."""
    raw = path.read_bytes()
    body = b"\n".join(line for line in raw.split(b"\n") if not line.startswith(PREFIX))
    bom = body.startswith(b"\xef\xbb\xbf")
    body = body[3:] if bom else body
    for _ in range(3):  # positions depend on how many expect lines precede them
        head = b"".join(PREFIX + e.encode() + b"\n" for e in expected(path))
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + head + body)
        lines = actual(path)
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + b"".join(
            PREFIX + e.encode() + b"\n" for e in lines) + body)
        if actual(path) == lines:
            return
    raise SystemExit(f"{path}: expectations do not settle")


if __name__ == "__main__":
    if "--update" in sys.argv:
        for p in story_files():
            update(p)
            print(p.relative_to(DATA), len(expected(p)))
