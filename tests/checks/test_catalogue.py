"""The catalogue of one-change mistakes (tests/checks/catalogue.py): each is refused at the line
the officer changed, following its hint never brings the mistake back, and real phrasing that
contradicts nothing gives no finding."""

import os
import re

import pytest

from authoring.pipeline import process_text
from tests.checks.catalogue import CATALOGUE, REAL_PHRASINGS
from tests.conftest import ROOT, mutate

SPECS = {p.stem: p.read_text(encoding="utf-8") for p in (ROOT / "decisions").glob("*.yaml")}
HINT = re.compile(r"(?:write|equals|did you mean) (\{[a-z0-9_.:-]+\})")


def findings(text: str) -> list:
    return process_text(text.encode("utf-8"), "spec.yaml").findings


def changed_line(before: str, after: str) -> int:
    """The line of the first character the officer changed."""
    at = len(os.path.commonprefix([before, after]))
    return after[:at].count("\n") + 1


def test_the_catalogue_is_large_and_covers_every_worked_example():
    assert len(CATALOGUE) >= 60
    assert {spec for spec, *_ in CATALOGUE} == set(SPECS)


@pytest.mark.parametrize("spec", sorted(SPECS))
def test_the_unmodified_examples_are_clean(spec):
    assert findings(SPECS[spec]) == []


@pytest.mark.parametrize("spec, right, wrong, code", CATALOGUE,
                         ids=[f"{c[0]}-{i}-{c[3]}" for i, c in enumerate(CATALOGUE)])
def test_each_mistake_is_refused_at_its_line(spec, right, wrong, code):
    text = mutate(SPECS[spec], right, wrong)
    line = changed_line(SPECS[spec], text)
    found = findings(text)
    assert any(d.code == code and d.line == line and d.severity == "error" for d in found), \
        (line, [d.format() for d in found])


@pytest.mark.parametrize("spec, right, wrong, code", CATALOGUE,
                         ids=[f"{c[0]}-{i}-{c[3]}" for i, c in enumerate(CATALOGUE)])
def test_following_the_hint_never_brings_the_mistake_back(spec, right, wrong, code):
    """Apply the suggested reference in place of the typed fact: either the paper is refused
    still, or it is clean and the reference gives the value the paper had before the mistake."""
    text = mutate(SPECS[spec], right, wrong)
    line = changed_line(SPECS[spec], text)
    finding = next(d for d in findings(text) if d.code == code and d.line == line)
    hint = HINT.search(finding.message.rsplit("; ", 1)[-1]) or HINT.search(finding.message)
    needle = finding.message.split("'")[1] if finding.message.startswith("'") else ""
    if not hint or not needle:
        return  # no reference offered: nothing the officer could apply blindly
    lines = text.split("\n")
    assert needle in lines[line - 1], (needle, lines[line - 1])
    lines[line - 1] = lines[line - 1].replace(needle, hint.group(1), 1)
    fixed = "\n".join(lines)
    after = findings(fixed)
    if any(d.severity == "error" for d in after):
        return  # still refused: the hint did not hide the mistake
    original = process_text(SPECS[spec].encode("utf-8"), "spec.yaml").paper
    name = hint.group(1).strip("{}").split(":")[0]
    was = {n.split(":")[0] for n in re.findall(r"\{([a-z0-9_.:-]+)\}", right)}
    if was:
        assert any(original.values.get(name) == original.values.get(n) for n in was), (name, was)


@pytest.mark.parametrize("spec, sentence", REAL_PHRASINGS, ids=[f"{s}-{i}" for i, (s, _) in
                                                                 enumerate(REAL_PHRASINGS)])
def test_real_phrasing_gives_no_finding(spec, sentence):
    section = "introduction" if spec == "md2973" else "background"
    anchor = f"sections:\n  {section}:\n"
    text = mutate(SPECS[spec], anchor, anchor + f"    - \"{sentence}\"\n")
    assert [d.format() for d in findings(text)] == []
