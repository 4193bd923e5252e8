"""The regular expressions shipped compiled (authoring/patterns.py): a recorded program is the
one `re` would make, found by `re.compile` itself; anything unexpected leaves `re` to compile."""

from __future__ import annotations

import marshal
import subprocess
import sys

from tests.conftest import MINIMAL, ROOT

PROBE = """
import re, sys
from authoring.patterns import preload
path = sys.argv[1]
print(preload(path))
from authoring.pipeline import process
outcome = process(sys.argv[2])
print(len(outcome.findings), outcome.paper.title)
"""


def run(*args: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_recorded_programs_are_what_re_makes_and_are_found_by_re_compile(tmp_path):
    path = tmp_path / "patterns.marshal"
    made = subprocess.run([sys.executable, "-m", "authoring.patterns", str(path), str(MINIMAL)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert made.returncode == 0 and int(made.stdout.split()[1]) > 50, made.stdout + made.stderr
    check = """
import re, sys, marshal
from authoring.patterns import preload
n = preload(sys.argv[1])
_, programs = marshal.loads(open(sys.argv[1], 'rb').read())
for pattern, flags, *_ in programs:
    found = re.compile(pattern, flags)
    re.purge(); fresh = re.compile(pattern, flags)
    assert (found.pattern, found.flags, found.groupindex, found.groups) == \\
        (fresh.pattern, fresh.flags, fresh.groupindex, fresh.groups), pattern
    text = "Approve £3.4m for 2025/26, from 1 October 2025 to March 2026 (PCD 1280), six months; x"
    if isinstance(pattern, str):
        assert [m.span() for m in found.finditer(text)] == [m.span() for m in fresh.finditer(text)], pattern
print(n, len(programs))
"""
    done = subprocess.run([sys.executable, "-c", check, str(path)], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    loaded, recorded = map(int, done.stdout.split())
    assert loaded == recorded
    assert run(str(path), str(MINIMAL)) == [str(recorded), run(str(tmp_path / "none"), str(MINIMAL))[1]]


def test_a_file_for_another_python_or_damaged_is_ignored(tmp_path):
    other = tmp_path / "other.marshal"
    other.write_bytes(marshal.dumps((("cpython", "2.7", 0, 4), ((r"\d", 0, 32, (1, 2), 0, {}, (None,)),))))
    damaged = tmp_path / "damaged.marshal"
    from authoring.patterns import engine
    damaged.write_bytes(marshal.dumps((engine(), ((r"\d", 0, 32, (99999, 1, 2), 0, {}, (None,)),))))
    cut = tmp_path / "cut.marshal"
    cut.write_bytes(b"\xe3\x00\x01")
    plain = run(str(tmp_path / "absent"), str(MINIMAL))
    for path in (other, damaged, cut):
        assert run(str(path), str(MINIMAL)) == ["0", plain[1]]
