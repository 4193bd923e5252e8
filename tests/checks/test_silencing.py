"""Silencing a finding: a comment reaches every line of a block scalar, a directive typed in the
paper's text is text, and a silence that silences nothing is reported."""

from __future__ import annotations

from tests.conftest import diagnose, minimal_text, mutate

PARAGRAPH = "  background: [The pilot tests a new approach.]\n"


def findings(background: str, **kw) -> list[str]:
    return diagnose(mutate(minimal_text(), PARAGRAPH, background), **kw)


def test_a_comment_on_the_key_line_covers_every_line_of_its_block():
    folded = "    - >-{comment}\n      The pilot tests\n      the XYZ approach.\n"
    assert findings("  background:\n" + folded.format(comment="")) == [
        "spec.yaml:25:11: warning[PCD206] sections.background[0]: 'XYZ' is not defined: add it "
        "under abbreviations"]
    assert findings("  background:\n" + folded.format(
        comment="  # pcd: ignore[PCD206] XYZ is the pilot's registered name"), strict=True) == []


def test_a_comment_above_the_key_covers_its_block():
    text = ("  background:\n    # pcd: ignore[PCD206] XYZ is the pilot's registered name\n"
            "    - >-\n      The pilot tests\n      the XYZ approach.\n")
    assert findings(text, strict=True) == []


def test_a_directive_inside_the_text_is_text_and_silences_nothing():
    text = ("  background:\n    - |-\n      The pilot tests\n"
            "      # pcd: ignore[PCD206] XYZ is the pilot's registered name\n"
            "      the XYZ approach.\n")
    out = findings(text)
    assert ("spec.yaml:25:7: warning[PCD213] this line is the paper's text (inside a block scalar), "
            "so '# pcd: ignore' here is printed, not obeyed: put it on the key's line or the line "
            "above the key") in out
    assert any("warning[PCD206] sections.background[0]: 'XYZ' is not defined" in d for d in out)


def test_a_comment_after_the_block_is_a_comment_again():
    text = ("  background:\n    - >-\n      The pilot tests a new approach.\n"
            "    # pcd: ignore[PCD206] XYZ is the pilot's registered name\n"
            "    - The XYZ pilot.\n")
    assert findings(text, strict=True) == []


def test_a_silence_that_silences_nothing_is_reported():
    text = "  background:\n    # pcd: ignore[PCD207] a doubled word here\n    - The pilot tests a new approach.\n"
    assert findings(text) == [
        "spec.yaml:23:5: warning[PCD212] '# pcd: ignore[PCD207]' silences nothing: no PCD207 "
        "finding is on the lines it covers; remove it"]
    assert findings(text, strict=True)[0].startswith("spec.yaml:23:5: error[PCD212]")


def test_an_unused_silence_is_not_reported_when_the_checks_did_not_run():
    text = mutate(minimal_text(), "drafting_officer: Sam Example\n",
                  "drafting_officer: Sam Example\ntypo_key: 1\n")
    text = mutate(text, PARAGRAPH, "  background:\n    # pcd: ignore[PCD207] kept\n"
                  "    - The pilot tests a new approach.\n")
    assert [d for d in diagnose(text) if "PCD212" in d] == []
