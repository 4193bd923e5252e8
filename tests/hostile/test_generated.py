"""Hostile inputs too big to keep as files, and property-based tests over specs.

Whatever the input: no exception escapes, and every finding has a position.
"""

import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from authoring.pipeline import process_text
from tests.conftest import ROOT, minimal_text, seed_text

GENERATED = {
    "deep-flow": (b"a: " + b"[" * 100_000 + b"]" * 100_000,
                  "1:43: error[PCD006] the document is nested too deeply (at most 40 levels)"),
    "deep-block": ("".join("  " * i + f"k{i}:\n" for i in range(300)).encode(),
                   "41:81: error[PCD006] the document is nested too deeply (at most 40 levels)"),
    "too-many-nodes": (b"{" + b",".join(b"k%d: 1" % i for i in range(100_000)) + b"}",
                       "1:1: error[PCD006] the document is too large for a decision spec (over "
                       "40,000 lines and commas)"),
    "too-big": (b"title: " + b"x" * 3_000_000,
                "1:1: error[PCD006] the file is over 1,048,576 bytes, the most a spec may be"),
}


def test_an_endless_file_is_read_no_further_than_a_spec_can_be():
    from authoring.pipeline import process
    assert [d.format() for d in process("/dev/zero").diagnostics] == [
        "/dev/zero: error[PCD005] cannot read the file: it is a device, not a regular file"]


@pytest.mark.parametrize("name", GENERATED)
def test_generated_hostile_input(name):
    data, expected = GENERATED[name]
    assert [d.format() for d in process_text(data, "x.yaml").diagnostics] == [f"x.yaml:{expected}"]


def test_alias_bomb_is_bounded_in_memory():
    """Refused at the first anchor, in a process of its own so its memory can be read: the peak
    of what Python allocated while reading it (a process's maximum resident size is no measure
    here: Linux carries it over from the forking pytest, which may be hundreds of MiB)."""
    bomb = "a: &a [" + ",".join(["lol"] * 9) + "]\n" + "".join(
        f"{c}: &{c} [" + ",".join([f"*{p}"] * 9) + "]\n" for p, c in zip("abcdefgh", "bcdefghi"))
    code = ("import sys, tracemalloc; from authoring.pipeline import process_text;"
            "data = sys.stdin.buffer.read(); tracemalloc.start();"
            "o = process_text(data, 'bomb.yaml');"
            "print(o.diagnostics[0].code, tracemalloc.get_traced_memory()[1] // 1024)")
    out = subprocess.run([sys.executable, "-c", code], input=bomb.encode(), capture_output=True,
                         cwd=ROOT, timeout=60).stdout.decode().split()
    assert out[0] == "PCD004" and int(out[1]) < 20 * 1024  # KiB: the expanded bomb would be GiBs


NASTY = st.sampled_from([
    "", "~", "null", "[]", "{}", "-1", "1.5", "1e400", "'£1'", "yes", "2025-02-30", "9999-01-01",
    "&a x", "*a", "!!python/object:os.system x", "{{ 7*7 }}", "\"{% raw %}\"", "\"<script>\"",
    "\"\\u0000\"", "\"\\x07bell\"", "\"\\ud800\"", "|\n  block", "'{cost.nope}'", "'{funder.grantor}'",
    "remainder", "[1, [2, [3]]]", "\"a\\tb\"", "\"\\u202e\"", "0x10", "0o7", ".inf", "-.nan",
    "nobody", "grantor", "pilot", "accept", "dmpc", "ceo", "director", "confirmed", "pending",
    "not_required", "0", "99999999999999999999", "'0.01'", "{funder: nobody, cost: pilot}",
    "[{funder: grantor, amount: 1}]", "'To be written'", "2025-06-04", "1990-01-01",
])


def lines_of(text):
    return text.split("\n")


@settings(max_examples=int(os.environ.get("PCD_HYPOTHESIS_EXAMPLES", 150)), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutations_of_a_valid_spec_never_crash(data):
    lines = lines_of(data.draw(st.sampled_from([minimal_text(), seed_text()])))
    for _ in range(data.draw(st.integers(1, 3))):
        i = data.draw(st.integers(0, len(lines) - 1))
        op = data.draw(st.sampled_from(["delete", "duplicate", "value", "indent", "truncate"]))
        line = lines[i]
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, line)
        elif op == "value" and ": " in line:
            lines[i] = line.split(": ", 1)[0] + ": " + data.draw(NASTY)
        elif op == "indent":
            lines[i] = " " * data.draw(st.integers(0, 5)) + line.lstrip()
        elif op == "truncate":
            lines[i] = line[: data.draw(st.integers(0, max(len(line) - 1, 0)))]
        if not lines:
            break
    outcome = process_text("\n".join(lines).encode("utf-8", "surrogatepass"), "m.yaml")
    for d in outcome.diagnostics:
        assert d.line >= 1 and d.col >= 1 and d.code.startswith("PCD"), d
    if outcome.ok:
        from authoring.commands.build import outputs
        number = outcome.paper.number
        assert set(outputs(outcome.paper)) == {f"{number}.docx", f"{number}.html"}


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400) | st.text(max_size=400).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_arbitrary_bytes_never_crash(data):
    outcome = process_text(data, "b.yaml")
    assert outcome.ok or any(d.severity == "error" for d in outcome.diagnostics)  # refused => said why
    for d in outcome.diagnostics:
        assert d.line >= 1 and d.col >= 1, d


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=120))
def test_any_prose_is_parsed_or_refused_with_a_location(prose):
    text = minimal_text().replace("The pilot tests a new approach.", '"' + prose.replace("\\", "\\\\").replace('"', '\\"') + '"')
    outcome = process_text(text.encode("utf-8", "surrogatepass"), "p.yaml")
    for d in outcome.diagnostics:
        assert d.line >= 1, d
    if outcome.ok:
        from authoring.render.html import paper_page
        assert "<script" not in paper_page(outcome.paper).lower()  # the template has none
