"""Reading the two versions: from files or a git revision, computed as far as they go."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from authoring.commands.diff.change import Version
from authoring.diagnostics import Diagnostic, SpecError, visible
from authoring.pipeline import process_text
from authoring.spec import read_spec
from authoring.spec.yamlread import Map, Node, Scalar, Seq, parse, read_text


class Trouble(Exception):
    """Something that stops a comparison: exit 2 with this message."""


def load(data: bytes, name: str, style_dirs: tuple[str, ...]) -> Version:
    """A version of the spec with its paper computed as far as it goes: an older revision that
    breaks a rule added since still has figures to compare (its findings become a note)."""
    outcome = process_text(data, name, style_dirs)
    errors = [d for d in outcome.diagnostics if d.severity == "error"]
    text = ""
    try:
        text = read_text(data)
        tree = plain(parse(text))
    except SpecError:
        raise uncomputed(name, errors, text) from None
    if not isinstance(tree, dict):
        raise Trouble(f"{visible(name)} is not a spec (its YAML is not a mapping)")
    return Version(name, outcome.paper, tree, errors, text)


def uncomputed(name: str, errors: list[Diagnostic], text: str) -> Trouble:
    """Why a spec's figures cannot be compared: its errors, Part 2's without their words."""
    return Trouble(f"{visible(name)} has errors, so its figures cannot be compared:\n"
                   + "\n".join(shown(d, text) for d in errors))


def plain(node: Node) -> object:
    """The YAML as written: scalars as their text, so 273497 and 273497.00 are told apart."""
    if isinstance(node, Scalar):
        return node.text
    if isinstance(node, Seq):
        return [plain(n) for n in node.items]
    if isinstance(node, Map):
        return {k: plain(v) for k, (_, v) in node.items.items()}
    return None


def shown(d: Diagnostic, text: str) -> str:
    """A finding for a note; one about Part 2 keeps its place and code but not its words, which
    may quote the figure."""
    if d.path[:1] == ("part2",) or (d.line and d.line in part2_lines(text)):
        return visible(f"{d.file}:{d.line}:{d.col}: {d.severity}[{d.code}] (about Part 2: not shown)")
    return d.format()


def part2_lines(text: str) -> range:
    """The lines of the spec's top-level part2 block (1-based)."""
    lines = text.split("\n")
    start = next((i for i, ln in enumerate(lines) if re.match(r"part2\s*:", ln)), None)
    if start is None:
        return range(0)
    end = next((i for i in range(start + 1, len(lines)) if re.match(r"[^\s#]", lines[i])), len(lines))
    return range(start + 1, end + 1)


def note(v: Version) -> list[str]:
    if not v.errors:
        return []
    if v.paper is None:
        head = (f"{v.name} cannot be computed ({len(v.errors)} error(s)), so only the spec as "
                "written is compared:")
    else:
        head = (f"{v.name} has {len(v.errors)} error(s) under today's rules; its figures are "
                "compared as computed:")
    return [visible(head)] + [shown(d, v.text) for d in v.errors]


def read(path: str) -> bytes:
    try:  # a regular file only, and no more than a spec may hold (/dev/zero never ends)
        return read_spec(path)
    except OSError as exc:
        raise Trouble(f"cannot read {visible(path)}: {visible(str(exc.strerror or exc))}") from None


def at_revision(path: str, rev: str) -> bytes:
    """The file as it was at a git revision (run as an argument list: nothing is a shell)."""
    if rev.startswith("-"):  # git would read it as an option
        raise Trouble(f"--rev {visible(repr(rev))} is not a revision")
    resolved = Path(path).resolve()
    try:
        result = subprocess.run(["git", "-C", str(resolved.parent), "show", f"{rev}:./{resolved.name}"],
                                capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise Trouble(f"cannot run git: {visible(str(exc))}") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        why = message[-1] if message else "unknown error"
        raise Trouble(visible(f"git cannot show {path} at {rev}: {why}"))
    return result.stdout
