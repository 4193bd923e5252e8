"""Reading hostile files: nesting of any shape, style patterns that backtrack, special files,
file names that would drive a terminal or forge a CI command, and files that are not specs."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys

import pytest

from tests.conftest import ROOT, minimal_text

DEEP = "the document is nested too deeply (at most 40 levels)"
# Each shape 30,000 levels deep or more, with the column at which level 41 starts: the C composer
# overflowed the stack on all of them (a segfault) before the depth was checked.
SHAPES = {
    "dashes on one line": ("x:\n" + "- " * 30_000 + "a\n", 2, 2 * 39 + 1),
    "braces without commas": ("{a: " * 30_000 + "b" + "}" * 30_000 + "\n", 1, 4 * 40 + 1),
    "brackets with commas": ("[a, " * 35_000 + "b" + "]" * 35_000 + "\n", 1, 4 * 40 + 1),
    "complex keys": ("? " * 30_000 + "a\n", 1, 2 * 40 + 1),
}


def pcd(*args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    """The command line, in its own process (a crash or a hang must not take the tests down)."""
    return subprocess.run([sys.executable, "-m", "authoring", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=timeout, env={**os.environ, "PCD_NO_CACHE": "1"})


def no_crash(result: subprocess.CompletedProcess, code: int) -> None:
    assert result.returncode == code, (result.returncode, result.stdout[-2000:], result.stderr[-2000:])
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr


@pytest.mark.parametrize("shape", SHAPES)
def test_deep_nesting_of_any_shape_is_pcd006_at_the_file(tmp_path, shape):
    text, line, col = SHAPES[shape]
    spec = tmp_path / "deep.yaml"
    spec.write_text(text)
    result = pcd("check", str(spec))
    no_crash(result, 1)
    assert result.stdout.splitlines()[0] == f"{spec}:{line}:{col}: error[PCD006] {DEEP}"


def test_a_deeply_nested_style_yaml_is_pcd006_in_the_style(tmp_path):
    style = tmp_path / "styles" / "deep"
    style.mkdir(parents=True)
    (style / "style.yaml").write_text("extends: mopac\nx:\n" + "- " * 30_000 + "a\n")
    spec = tmp_path / "s.yaml"
    spec.write_text("house_style: deep\n" + minimal_text())
    result = pcd("check", "--style-dir", str(tmp_path / "styles"), str(spec))
    no_crash(result, 1)
    assert f"{style / 'style.yaml'}:3:79: error[PCD006] {DEEP}" in result.stdout.splitlines()


def test_a_site_leaves_out_a_deeply_nested_spec_and_a_named_pipe_and_publishes_the_rest(tmp_path):
    specs = tmp_path / "specs"
    specs.mkdir()
    shutil.copy(ROOT / "decisions" / "1843.yaml", specs / "1843.yaml")
    (specs / "2001.yaml").write_text(SHAPES["braces without commas"][0])
    os.mkfifo(specs / "2002.yaml")  # opened for reading, it would block until a writer came
    result = pcd("site", "--quiet", str(specs), "-o", str(tmp_path / "site"), timeout=240)
    no_crash(result, 1)
    assert f"{specs / '2001.yaml'}:1:161: error[PCD006] {DEEP}" in result.stdout + result.stderr
    assert (f"{specs / '2002.yaml'}: error[PCD005] cannot read the file: it is a named pipe, not a "
            "regular file") in result.stdout + result.stderr
    assert (tmp_path / "site" / "pcd-1843.html").is_file()


def test_diff_refuses_a_named_pipe_and_a_device_without_reading_them(tmp_path):
    os.mkfifo(tmp_path / "pipe.yaml")
    seed = str(ROOT / "decisions" / "1843.yaml")
    for path, kind in ((tmp_path / "pipe.yaml", "a named pipe"), ("/dev/zero", "a device")):
        result = pcd("diff", str(path), seed, timeout=60)
        no_crash(result, 2)
        assert result.stderr == f"pcd diff: cannot read {path}: it is {kind}, not a regular file\n"


def test_the_reader_refuses_special_files_before_opening_them(tmp_path):
    from authoring.pipeline import process
    from authoring.spec import read_spec, readable

    os.mkfifo(tmp_path / "pipe.yaml")
    for path, kind in ((tmp_path / "pipe.yaml", "a named pipe"), (tmp_path, "a folder"),
                       ("/dev/null", "a device")):
        assert readable(path) is None
        with pytest.raises(OSError, match=f"it is {kind}, not a regular file"):
            read_spec(path)
        assert [d.format() for d in process(path).diagnostics] == [
            f"{path}: error[PCD005] cannot read the file: it is {kind}, not a regular file"]


# --- style patterns -------------------------------------------------------------------------

STYLE = "extends: mopac\nmoney_forbidden: '{}'\n"
RUNAWAY = [
    r"((\w+\s?))+Q",        # groups in groups (the red team's)
    r"(?:(?:\w+\s?))+Q",    # the same, spelt without capturing
    r"(\w*\s?)*Q",          # a repeated group holding repeats
    r"(a|ab)*c",            # overlapping alternatives, repeated
    r"\w*\s?\w*Q",          # two repeats that take the same characters: cubic
    r"\d*(\d)?x",           # an optional group that starts where a repeat may end
    r"(\w)\1",              # a back-reference
]


@pytest.mark.parametrize("pattern", RUNAWAY)
def test_a_style_pattern_that_could_backtrack_for_ages_is_refused_in_the_style(tmp_path, pattern):
    style = tmp_path / "styles" / "slow"
    style.mkdir(parents=True)
    (style / "style.yaml").write_text(STYLE.format(pattern))
    spec = tmp_path / "s.yaml"
    spec.write_text("house_style: slow\n" + minimal_text())
    result = pcd("check", "--style-dir", str(tmp_path / "styles"), str(spec), timeout=60)
    no_crash(result, 1)
    assert re.search(rf"^{re.escape(str(style / 'style.yaml'))}:2:18: error\[PCD016\] "
                     r"money_forbidden: .*: such a pattern can take hours to search a paragraph; "
                     "rewrite it$", result.stdout, re.M), result.stdout


def test_the_patterns_a_style_needs_are_simple():
    from authoring.spec.style_shape import searcher, unsimple

    shipped = re.search(r"^money_forbidden: '(.*)'$",
                        (ROOT / "templates" / "mopac" / "style.yaml").read_text(), re.M).group(1)
    for pattern in (shipped, r"\d+(\.\d+)?\s?(million|m)\b", r"£\d+(?:\.\d\d)?\s?(?:m|million|k|bn)\b",
                    r"\bbn\b|\bm\b", r"[a-z]+[0-9]+"):
        assert unsimple(pattern) == "", pattern
        assert searcher(pattern).pattern == pattern
    assert searcher(RUNAWAY[0]).search("a " * 50 + "Q") is None  # refused: finds nothing


class TimeUp(Exception):
    pass


def _alarm(*_):
    raise TimeUp


def test_every_pattern_the_guard_accepts_searches_hostile_text_in_bounded_time():
    """Random patterns over the parts money patterns are made of; each one accepted is searched
    in texts made to make it backtrack. A search the guard should have refused takes minutes."""
    from authoring.spec.style_shape import unsimple

    rng = random.Random(24)
    atoms = ["a", "b", r"\w", r"\s", r"\d", ".", "[ab]", "[^a]", "x"]

    def pattern(depth=0) -> str:
        out = ""
        for _ in range(rng.randint(1, 5)):
            if rng.random() < 0.15 and depth < 3:
                body = pattern(depth + 1) + ("|" + pattern(depth + 1) if rng.random() < 0.4 else "")
                out += f"({body})"
            else:
                out += rng.choice(atoms)
            out += rng.choice(["*", "+", "?", "{1,3}", "", "", "", ""])
        return out

    texts = ["a" * 2000, "ab" * 1000, "a " * 1000, "1" * 2000, "aab" * 700]
    accepted = 0
    previous = signal.signal(signal.SIGALRM, _alarm)  # Python's regex engine checks signals
    try:
        for _ in range(600):
            p = pattern()
            try:
                re.compile(p)
            except re.error:
                continue
            if unsimple(p):
                continue
            accepted += 1
            for text in texts:
                signal.setitimer(signal.ITIMER_REAL, 5.0)
                try:
                    for _ in re.finditer(p + "Q", text):
                        pass
                except TimeUp:
                    pytest.fail(f"{p!r} accepted, but searching {text[:6]!r}… takes over 5 s")
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
    finally:
        signal.signal(signal.SIGALRM, previous)
    assert accepted > 100  # the guard is not refusing everything


# --- what is printed --------------------------------------------------------------------------

FORGED = "a\n::error file=README.md,line=1::forged\u202e\u200f.yaml"


def test_a_file_name_cannot_forge_a_workflow_command_or_drive_the_terminal(tmp_path):
    spec = tmp_path / FORGED
    spec.write_text(minimal_text().replace("reference: 2001", "reference: one"))
    github = pcd("check", "--format", "github", str(spec))
    no_crash(github, 1)
    escaped = (f"{tmp_path}/a\\n%3A%3Aerror file=README.md%2Cline=1%3A%3Aforged\\u202e\\u200f.yaml")
    assert github.stdout.splitlines() == [
        f"::error file={escaped},line=2,col=12,title=PCD012::reference: expected a whole number, "
        "found 'one'"]
    text = pcd("check", str(spec))
    no_crash(text, 1)
    assert text.stdout.splitlines()[0] == (
        f"{tmp_path}/a\\n::error file=README.md,line=1::forged\\u202e\\u200f.yaml:2:12: "
        "error[PCD012] reference: expected a whole number, found 'one'")
    as_json = pcd("check", "--format", "json", str(spec))
    assert "\u202e" not in as_json.stdout and "\u200f" not in as_json.stdout
    assert json.loads(as_json.stdout)[0]["file"] == str(spec)


def test_a_file_that_is_not_a_spec_has_only_its_keys_quoted(tmp_path):
    settings = tmp_path / "settings.yaml"  # say, what a link in a pull request leads to
    settings.write_text("reference: sk-SECRET-1\nhouse_style: SECRET-2\ntitle: [SECRET-3]\n"
                        "token: SECRET-4\nauths: {registry: SECRET-5}\n")
    for form in ("text", "json", "github"):
        result = pcd("check", "--format", form, str(settings))
        no_crash(result, 1)
        assert "SECRET" not in result.stdout
        assert "unknown key 'token'" in result.stdout and "missing required key 'summary'" in result.stdout
    # a spec (most of its keys are a spec's) keeps the values its findings quote
    spec = tmp_path / "spec.yaml"
    spec.write_text(minimal_text().replace("reference: 2001", "reference: sk-SECRET-1"))
    assert "found 'sk-SECRET-1'" in pcd("check", str(spec)).stdout
