"""Abbreviations are spelled out once, where the sentence still reads, and never inside a name,
a code or an expansion the officer already wrote (issue 22: real papers, real prose)."""

from __future__ import annotations

import pytest

from authoring.model.text import Abbreviations, abbreviations_in, mark_abbreviations, parse_inline
from authoring.pipeline import process_text
from tests.conftest import ROOT, diagnose, minimal_text, mutate

KNOWN = {
    "VRU": "Violence Reduction Unit", "SARC": "Sexual Assault Referral Centre",
    "MOPAC": "Mayor's Office for Policing and Crime", "UK": "United Kingdom",
    "NHS": "National Health Service", "IT": "information technology",
    "PCD": "Police and Crime Decision", "SDIM": "Solution Delivery Integration Management",
    "BAU": "business as usual", "L2": "level 2 public order", "L3": "level 3 public order",
    "GDPR": "General Data Protection Regulation", "PCC": "Police and Crime Commissioner",
    "EIA": "equality impact assessment", "HMO": "house in multiple occupation",
    "PP": "purchase plan",
}
TAKES_THE = {"MOPAC", "VRU", "GDPR", "PCC"}


def written(*paragraphs: str, names: tuple[str, ...] = (), seen: set[str] | None = None) -> list[str]:
    """Each paragraph as the DOCX writes it: the first use as 'expansion (ABBR)'."""
    rules = Abbreviations.of(KNOWN, TAKES_THE, names)
    seen = set() if seen is None else seen
    out = []
    for text in paragraphs:
        spans, problems, _ = parse_inline(text, lambda name, form: ("", ""))
        assert not problems
        out.append("".join(f"{s.abbr} ({s.text})" if s.expand else s.shown
                           for s in mark_abbreviations(spans, rules, seen)))
    return out


def test_an_expansion_already_written_before_is_not_repeated():
    seen: set[str] = set()
    text = "The Violence Reduction Unit (VRU) funds the work. The VRU reports yearly."
    assert written(text, seen=seen) == [text]
    assert seen == {"VRU"}  # the officer's own definition counts as the first use


def test_an_expansion_already_written_after_is_not_repeated():
    text = "The VRU (Violence Reduction Unit) funds the work."
    assert written(text, "The VRU reports yearly.") == [text, "The VRU reports yearly."]


def test_a_plural_is_spelled_out_in_the_plural():
    assert written("Two SARCs opened this year.") == [
        "Two Sexual Assault Referral Centres (SARCs) opened this year."]


def test_a_possessive_keeps_its_ending_on_both():
    assert written("This is approved as per MOPAC's scheme of delegation.") == [
        "This is approved as per the Mayor's Office for Policing and Crime's (MOPAC's) scheme of "
        "delegation."]


@pytest.mark.parametrize("text", [
    "A grant from the UK Community Foundation is accepted.",
    "The service is commissioned with NHS England.",
    "The contract is held by Atos IT Services UK Ltd for two years.",
])
def test_a_word_of_a_capitalised_name_is_never_expanded_inside_it(text):
    seen: set[str] = set()
    assert written(text, "It serves the UK.", seen=seen) == [
        text, "It serves the United Kingdom (UK)."]


def test_a_name_the_style_or_spec_lists_is_never_expanded_inside():
    text = "The Office of the PCC for Kent co-funds it."
    assert written(text, names=("Office of the PCC for Kent",)) == [text]
    assert written(text)[0] == ("The Office of the Police and Crime Commissioner (PCC) for Kent "
                                "co-funds it.")  # the same words, not listed: an ordinary use


def test_a_reference_code_is_never_expanded():
    text = "The first phase was approved earlier (PCD 1196 refers)."
    seen: set[str] = set()
    assert written(text, seen=seen) == [text]
    assert seen == set()


def test_an_abbreviation_met_only_inside_a_name_or_code_needs_no_definition():
    assert abbreviations_in("Funded by the XYZ Community Foundation (ABC 1196 refers).") == []
    assert abbreviations_in("The XYZ pilot.") == ["XYZ"]
    spec = mutate(minimal_text(), "The pilot tests a new approach.",
                  "The pilot is run with QRS England under ABC 1196.")
    assert [d for d in diagnose(spec) if "PCD206" in d] == []


def test_an_expansion_that_takes_the_gets_it_at_a_sentence_start():
    assert written("The Home Office funds work on stalking. MOPAC has been awarded a grant.") == [
        "The Home Office funds work on stalking. The Mayor's Office for Policing and Crime (MOPAC) "
        "has been awarded a grant."]


def test_an_expansion_that_takes_the_gets_it_after_a_preposition():
    assert written("The grant was approved by MOPAC.") == [
        "The grant was approved by the Mayor's Office for Policing and Crime (MOPAC)."]


def test_where_the_has_no_place_the_expansion_waits_for_a_later_use():
    assert written("The Home Office has told MOPAC that the bid succeeded.",
                   "MOPAC bid for three boroughs.") == [
        "The Home Office has told MOPAC that the bid succeeded.",
        "The Mayor's Office for Policing and Crime (MOPAC) bid for three boroughs."]


def test_that_before_a_name_is_a_conjunction_so_the_expansion_waits():
    assert written("The boroughs asked that MOPAC provide funding.", "MOPAC agreed.") == [
        "The boroughs asked that MOPAC provide funding.",
        "The Mayor's Office for Policing and Crime (MOPAC) agreed."]


def test_a_determiner_already_there_needs_no_the():
    assert written("Staff understand their GDPR duties.") == [
        "Staff understand their General Data Protection Regulation (GDPR) duties."]


@pytest.mark.parametrize("text,expected", [
    ("This decision awards an SDIM contract.",
     "This decision awards a Solution Delivery Integration Management (SDIM) contract."),
    ("It needs an HMO licence.", "It needs a house in multiple occupation (HMO) licence."),
    ("It needs a EIA first.", "It needs an equality impact assessment (EIA) first."),
    ("An SDIM contract is awarded.",
     "A Solution Delivery Integration Management (SDIM) contract is awarded."),
])
def test_a_or_an_agrees_with_the_expansion(text, expected):
    assert written(text) == [expected]


def test_a_sentence_starting_with_an_abbreviation_starts_with_a_capital():
    assert written("BAU spending now runs higher. More BAU spending is likely.") == [
        "Business as usual (BAU) spending now runs higher. More BAU spending is likely."]
    assert written("Spending on BAU now runs higher.") == [
        "Spending on business as usual (BAU) now runs higher."]


def test_an_expansion_that_would_double_the_words_after_it_waits():
    assert written("L2 and L3 public order uniform needs more money.") == [
        "Level 2 public order (L2) and L3 public order uniform needs more money."]


def test_an_expansion_that_would_double_the_words_before_it_waits():
    assert written("The purchase PP is agreed.") == ["The purchase PP is agreed."]


def test_a_compound_is_left_as_typed():
    assert written("The MOPAC-funded pilot ends.") == ["The MOPAC-funded pilot ends."]


def test_each_abbreviation_is_spelled_out_once():
    assert written("Two SARCs opened.", "A third SARC opens next year.") == [
        "Two Sexual Assault Referral Centres (SARCs) opened.", "A third SARC opens next year."]


def test_the_house_style_says_which_expansions_take_the():
    outcome = process_text((ROOT / "decisions" / "1830.yaml").read_bytes(), "1830.yaml")
    text = "".join(f"{s.abbr} ({s.text})" if s.expand else s.shown
                   for s in outcome.paper.summary[0].text.spans)
    assert "and stalking. The Mayor's Office for Policing and Crime (MOPAC) has been awarded" in text


def test_an_older_paper_series_code_in_a_real_paper_needs_no_definition():
    """PCD 492 as published cites "DMPCD 2013-96": a code, not an undefined abbreviation."""
    path = ROOT / "tests" / "data" / "real" / "pcd492.yaml"
    text = mutate(path.read_text(encoding="utf-8"),
                  "A decision of the DMPC in\n      2013 (appendix 1) agreed", "DMPCD 2013-96 agreed")
    assert diagnose(text, "pcd492.yaml") == []


def test_a_code_written_without_its_space_needs_no_definition():
    """The GLA writes "MD1596" as often as "MD 1596": a code, not an undefined abbreviation."""
    path = ROOT / "tests" / "data" / "real" / "pcd492.yaml"
    text = mutate(path.read_text(encoding="utf-8"),
                  "A decision of the DMPC in\n      2013 (appendix 1) agreed", "MD1596 agreed")
    assert diagnose(text, "pcd492.yaml") == []


def test_an_abbreviation_naming_the_noun_after_it_gets_no_added_the():
    """'of GLA budget', 'alongside GLA funds': writing the expansion out would need a "the" the
    officer did not write, so it waits for a use where it fits."""
    outcome = process_text((ROOT / "tests" / "data" / "valid" / "gla-dd.yaml").read_bytes(), "dd.yaml")
    spans = outcome.paper.summary[0].text.spans
    text = "".join(f"{s.abbr} ({s.text})" if s.expand else s.shown for s in spans)
    assert "to approve £81,500 of GLA budget for pledges" in text


def test_a_mixed_case_abbreviation_the_paper_defines_is_spelled_out_once():
    """"CoLP" and "NMfL" are how the police write them: defined under abbreviations, they are
    written out at their first use like any other."""
    rules = Abbreviations.of({**KNOWN, "CoLP": "City of London Police"}, TAKES_THE)
    spans, _, _ = parse_inline("CoLP and CoLP officers agreed.", lambda name, form: ("", ""))
    text = "".join(f"{s.abbr} ({s.text})" if s.expand else s.shown for s in mark_abbreviations(spans, rules, set()))
    assert text == "City of London Police (CoLP) and CoLP officers agreed."
