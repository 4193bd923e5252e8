"""No comment can silence a rule that keeps deferred or Part 2 material off the public site, or
an error in reading the spec (after which nothing else is checked): the attempt is an error."""

from __future__ import annotations

import pytest

from tests.conftest import diagnose, minimal_text, mutate


def test_a_deferral_without_a_date_cannot_be_silenced():
    text = mutate(minimal_text(), "publication: {defer: false}",
                  "publication: {defer: true, reason: Operational reasons.}  # pcd: ignore[PCD304] later")
    out = diagnose(text)
    assert any("error[PCD304]" in d for d in out)
    assert any("error[PCD214] PCD304 cannot be silenced" in d for d in out)


@pytest.mark.parametrize("code", ["PCD302", "PCD307"])
def test_guards_of_publication_and_part2_cannot_be_silenced_even_unused(code):
    text = mutate(minimal_text(), "title: Acceptance", f"title: Acceptance  # pcd: ignore[{code}] fine")
    assert [d for d in diagnose(text) if "PCD214" in d] == [
        f"spec.yaml:3:20: error[PCD214] {code} cannot be silenced: it keeps deferred or Part 2 "
        "material off the public site; fix the finding instead"]


def test_a_schema_error_cannot_be_silenced_into_an_empty_failure():
    text = mutate(minimal_text(), "drafting_officer: Sam Example\n",
                  "drafting_officer: Sam Example\ntypo_key: 1  # pcd: ignore[PCD010] mine\n")
    out = diagnose(text)
    assert any("error[PCD010]" in d and "typo_key" in d for d in out)
    assert any("error[PCD214] PCD010 cannot be silenced: until it is fixed nothing else" in d for d in out)
