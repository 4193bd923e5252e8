"""Facts typed into prose and consistency rules: each rule fails on its mistake and is silent on
the corrected text (docs/rules.md gives the same pairs)."""

import pytest

from tests.conftest import ROOT, diagnose, minimal_text, mutate, seed_text


def codes(text: str) -> list[str]:
    return [d.split("[")[1].split("]")[0] for d in diagnose(text)]


def decision(name: str) -> str:
    return (ROOT / "decisions" / f"{name}.yaml").read_text(encoding="utf-8")


# (name, spec text, the mistake, its correction, the code the mistake gets)
CASES = [
    ("typed date the model holds", seed_text(), "until {contract.mopac_957.new_end} to align",
     "until 31 March 2026 to align", "PCD501"),
    ("typed duration the model holds", seed_text(), "by\n    {contract.mopac_957.months} until",
     "by six months until", "PCD503"),
    ("typed duration that contradicts", seed_text(), "by\n    {contract.mopac_957.months} until",
     "by eight months until", "PCD503"),
    ("typed percentage the model holds", decision("1633"), "{contract.nums.percent} of the value",
     "33% of the value", "PCD504"),
    ("typed count that contradicts", decision("1560"), "on behalf of {count.recipients} boroughs",
     "on behalf of two boroughs", "PCD505"),
    ("typed count the model holds", decision("1560"), "on behalf of {count.recipients} boroughs",
     "on behalf of three boroughs", "PCD505"),
    ("typed recommendation number", seed_text(), "Recommendations\n          {rec.accept-probation-mh} to",
     "Recommendations\n          1 to", "PCD506"),
    ("typed paragraph number", seed_text(), "The original requirement was classified",
     "As paragraph 3.4 shows, the original requirement was classified", "PCD506"),
    ("own reference code typed", seed_text(), "This decision seeks approval to accept {funding.london_probation.mh_contribution}",
     "PCD 1843 seeks approval to accept {funding.london_probation.mh_contribution}", "PCD507"),
    ("up to before an exact amount", seed_text(), "The cost\n    of the extension of the Neurodiversity contract is {cost.nds_extension}",
     "The cost\n    of the extension of the Neurodiversity contract is up to {cost.nds_extension}", "PCD508"),
    ("a maximum approved as exact", seed_text(), "Approve the acceptance of up to {funding.hmpps.mh_ap_variation}",
     "Approve the acceptance of {funding.hmpps.mh_ap_variation}", "PCD508"),
    ("the wrong body named for the money", seed_text(), "accept up to {funder.hmpps} funding from\n    His Majesty's",
     "accept up to {funder.hmpps} funding from\n    MOJ and His Majesty's", "PCD509"),
    ("a separator and millions", seed_text(), "funding totalling {figure.iom_2022_25:millions}",
     "funding totalling £2,100m", "PCD510"),
    ("Part 2 mentioned with none", seed_text(), "A Modification Notice will be\n      published following approval.",
     "A Modification Notice will be\n      published following approval; the prices are in Part 2.", "PCD307"),
    ("drafted after signing", seed_text(), "drafting_officer: Julian Jest\n",
     "drafting_officer: Julian Jest\ndrafted: 2025-06-10\n", "PCD305"),
    ("an ended contract extended", seed_text(), "    ends: 2025-09-30\n", "    ends: 2025-05-30\n", "PCD306"),
    ("a deferral said with none", seed_text(), "A Modification Notice will be\n      published following approval.",
     "A Modification Notice will be\n      published following approval. Publication of this decision is "
     "deferred until the notice is out.", "PCD308"),

]


@pytest.mark.parametrize("name, text, right, wrong, code", CASES, ids=[c[0] for c in CASES])
def test_each_rule_refuses_its_mistake_and_passes_the_correction(name, text, right, wrong, code):
    assert code not in codes(text)
    found = codes(mutate(text, right, wrong))
    assert code in found, found


def test_the_hint_names_the_reference_to_write():
    text = mutate(seed_text(), "by\n    {contract.mopac_957.months} until", "by six months until")
    assert any("'six months' is typed in the prose; it is {contract.mopac_957.months}, so write that" in d
               for d in diagnose(text))


def test_historical_facts_stay_the_authors():
    text = mutate(seed_text(), "launched in March 2023", "launched on 3 March 2023, for 12 months")
    text = mutate(text, "Schedule 3, paragraph 7,", "Schedule 3, paragraph 7,")
    assert diagnose(text) == []


def test_references_are_worded_by_the_house_style():
    from authoring.model.references import Duration, Percent, write
    from decimal import Decimal
    assert (write(Duration(6)), write(Duration(6), "figures"), write(Duration(6, words=False))) == (
        "six months", "6 months", "6 months")
    assert write(Duration(24)) == "two years" and write(Duration(12), "months") == "12 months"
    p = Percent(Decimal("33.2352941"), 1)
    assert (write(p), write(p, "whole"), write(p, "hundredths")) == ("33.2%", "33%", "33.24%")


# -- published mistakes, each the smallest spec that shows it -----------------------------------

GPS = mutate(minimal_text(), "sections:", """\
contracts:
  - id: gps
    supplier: Buddi Ltd
    starts: 2021-06-06
    ends: 2022-03-31
    award: {route: framework, framework: Digital Marketplace, cost: pilot}
sections:""").replace("    accepts: [{funder: grantor, cost: pilot}]",
                      "    accepts: [{funder: grantor, cost: pilot}]\n    contract: gps")


def test_pcd_0948_an_eleven_month_contract_from_6_may():
    """PCD 0948: "an eleven month contract from 6 May 2021" against 6 June 2021 – 31 March 2022."""
    right = GPS.replace("This decision seeks approval to accept {funder.grantor} for a pilot.",
                        "This decision awards a {contract.gps.duration:words} contract to "
                        "{contract.gps.supplier} from {contract.gps.starts}.")
    assert diagnose(right) == []
    wrong = mutate(right, "a {contract.gps.duration:words} contract to {contract.gps.supplier} from "
                   "{contract.gps.starts}", "an eleven month contract to {contract.gps.supplier} from 6 May 2021")
    found = diagnose(wrong)
    assert any("error[PCD503]" in d and "'eleven month' contradicts" in d for d in found), found
    assert any("error[PCD502]" in d and "'6 May 2021' contradicts Digital" not in d
               and "which starts on 6 June 2021 ({contract.gps.starts})" in d for d in found), found


def test_pcd_1581_hmpps_in_the_title_moj_in_the_text():
    """PCD 1581 named the funder HMPPS in its title and MOJ in its text."""
    text = mutate(minimal_text(), "    - {id: grantor, name: The Grantor}", "    - {id: grantor, name: HMPPS}")
    text = mutate(text, "summary:", "abbreviations: {HMPPS: His Majesty's Prison and Probation Service}\nsummary:")
    text = text.replace("Approve the acceptance of {funder.grantor} from the Grantor.",
                        "Approve the acceptance of {funder.grantor} from HMPPS.")
    assert diagnose(text) == []
    found = diagnose(text.replace("{funder.grantor} from HMPPS.", "{funder.grantor} from MOJ."))
    assert len(found) == 1 and "error[PCD509]" in found[0] and "credits to HMPPS" in found[0]


def test_pcd_1642_a_thousands_separator_and_m():
    text = mutate(minimal_text(), "  background: [The pilot tests a new approach.]",
                  "  background:\n    - The force spends £1,622m a year.")
    assert "PCD510" in codes(text)


def test_a_paper_headed_1852_carrying_the_code_1853():
    """The heading is computed; the code typed in the text is refused only when it is the paper's
    own; 'PCD 1853' typed in PCD 1852 is a cited paper that is not among its background papers."""
    text = mutate(minimal_text(), "reference: 2001", "reference: 1852")
    own = text.replace("This decision seeks approval", "PCD 1852 seeks approval")
    assert "PCD507" in codes(own)
    fixed = text.replace("This decision seeks approval", "This decision, {reference}, seeks approval")
    assert diagnose(fixed) == []


def test_a_silence_is_visible_and_reasoned():
    import json
    import tempfile
    from pathlib import Path

    from tests.conftest import run_pcd
    line = "  gdpr:\n    - For the purposes of this project, MOPAC are a joint data controller with HMPPS."
    typed = "  gdpr:\n{comment}    - For the purposes of recommendation 4, MOPAC are a joint data controller with HMPPS."
    reasoned = mutate(seed_text(), line, typed.format(comment="    # pcd: ignore[PCD506] quoted from the board's minute\n"))
    bare = mutate(seed_text(), line, typed.format(comment="    # pcd: ignore[PCD506]\n"))
    assert "PCD506" in codes(mutate(seed_text(), line, typed.format(comment="")))
    assert codes(reasoned) == [] and codes(bare) == ["PCD211"]
    with tempfile.TemporaryDirectory() as d:
        spec = Path(d) / "1843.yaml"
        spec.write_text(reasoned, encoding="utf-8")
        result = run_pcd("check", "--format", "json", str(spec))
        assert result.returncode == 0
        assert [(x["code"], x["severity"], x["reason"]) for x in json.loads(result.stdout)] == [
            ("PCD506", "suppressed", "quoted from the board's minute")]
        assert run_pcd("check", "--quiet", str(spec)).stdout == ""


@pytest.mark.parametrize("spec, right, wrong", [
    ("cmd2025-054", "contracts in two lots for", "contracts in three lots for"),
    ("1843", "two London Approved Premises", "four London Approved Premises"),
])
def test_one_thing_counted_with_two_numbers_is_a_warning_where_it_differs(spec, right, wrong):
    """A count of something the model does not list is the author's; the paper must still give
    one number for one thing. The warning is where a count differs from the paper's usual one."""
    text = decision(spec)
    assert codes(text) == []
    edited = text.replace(right, wrong, 1)
    line = edited[:edited.index(wrong)].count("\n") + 1
    found = diagnose(edited)
    assert len(found) == 1 and f".yaml:{line}:" in found[0] and "warning[PCD519]" in found[0], found
    assert f"'{wrong.split(' for')[0].replace('contracts in ', '')}' here" in found[0]


@pytest.mark.parametrize("spec, right, wrong, meant", [
    ("1843", "PCD 1723, however", "PCD 1732, however", "PCD 1723"),
])
def test_a_code_a_keyboard_slip_from_one_the_paper_lists_is_a_warning(spec, right, wrong, meant):
    text = decision(spec)
    edited = mutate(text, right, wrong)
    found = diagnose(edited)
    line = edited[:edited.index(wrong)].count("\n") + 1
    assert len(found) == 1 and f".yaml:{line}:" in found[0] and "warning[PCD521]" in found[0], found
    assert f"did you mean {meant}" in found[0]
    far = wrong.replace(wrong.split("PCD ")[1][:4], "1111")  # far from every listed code: the author's
    assert diagnose(mutate(text, right, far)) == []


def test_a_code_a_number_apart_from_a_listed_one_is_no_slip():
    """Papers a number apart are often cited together: PCD 1724 beside a listed PCD 1723 is the
    author's (unverified), not a keyboard slip."""
    text = mutate(decision("1843"), "PCD 1723, however", "PCD 1724, however")
    assert diagnose(text) == []


def test_a_recommendations_bullets_are_read_as_the_recommendation():
    """A list under a recommendation (allocations, conditions) is part of it: a figure typed there
    is compared as one in the recommendation's text would be."""
    anchor = "Approve MOPAC match funding of {funder.match} for Drive delivery in {period.2025-26}."
    listed = anchor + "\n    bullets:\n      - \"{cost.management} for project management in 2026/27\""
    wrong = mutate(decision("1830"), anchor, listed)
    found = [d for d in diagnose(wrong) if "error[PCD511]" in d]
    assert found and ":82:" in found[0] and "recommendations[1].bullets[0]" in found[0], diagnose(wrong)
    right = mutate(decision("1830"), anchor, listed.replace("{cost.management} for project management in 2026/27",
                                                            "up to {cost.management} for project management in "
                                                            "{period.2025-26}"))
    assert diagnose(right) == []


def test_a_finding_points_into_its_own_paragraph_when_the_next_one_has_the_same_words():
    """Two rules on one typed figure, and the same figure again in the next paragraph: each
    finding is at the line of the paragraph it names, never the next one's."""
    text = mutate(minimal_text(), "  - This decision seeks approval to accept {funder.grantor} for a pilot.",
                  "  - >-\n    This decision seeks approval to accept {funder.grantor} for a pilot; the\n"
                  "    Grantor gave £5m last year.")
    text = mutate(text, "  background: [The pilot tests a new approach.]",
                  "  background: [The Grantor gave £5m last year to a similar pilot.]")
    found = [d for d in diagnose(text) if "£5m" in d]
    assert found and all((":9:" in d) == ("summary[0]" in d) for d in found), found


def test_an_abbreviation_spelled_out_two_ways_is_a_warning():
    """MD 3140 spelled DLUHC "Department for Levelling Up Homes and Communities"; PCD 1361 spelled
    NPoCC two ways. Spelled as defined, with other punctuation, it passes."""
    anchor = "  background: [The pilot tests a new approach.]"
    wrong = mutate(minimal_text(), anchor, "  background: [The National Policing Coordination Centre (NPoCC) "
                   "and later the National Police Coordination Centre (NPoCC) agreed.]")
    found = [d for d in diagnose(wrong) if "PCD215" in d]
    assert len(found) == 1 and "National Policing Coordination Centre" in found[0], diagnose(wrong)
    right = mutate(minimal_text(), anchor, "  background: [The Mayor’s Office for Policing and Crime (MOPAC) "
                   "agreed.]")
    assert [d for d in diagnose(right) if "PCD215" in d] == []


def test_a_clause_naming_another_contract_than_its_sentence_is_about_that_contract():
    # the sentence's other clause cites MOPAC 957; this clause names the mental health service
    wrong = mutate(seed_text(), "IOM Mental Health service is funded until {contract.mopac_889.ends}",
                   "IOM Mental Health service is funded until 30 September 2026")
    found = [d for d in diagnose(wrong) if "PCD502" in d]
    assert found and all("contradicts MOPAC 889" in d for d in found), found


def test_one_contracts_supplier_named_as_the_provider_of_another_is_refused():
    wrong = mutate(seed_text(), "the\n    Neurodiversity service is funded until",
                   "the\n    Neurodiversity service provider, Together for Mental Well-being Ltd, is funded until")
    found = [d for d in diagnose(wrong) if "PCD524" in d]
    assert found and "named as the provider of MOPAC 957" in found[0] \
        and "write {contract.mopac_957.supplier}" in found[0], found
    assert not [d for d in diagnose(seed_text()) if "PCD524" in d]


@pytest.mark.parametrize("wrong", ["approved in PCD 1056", "approved in PCD 1111", "approved in PCD 1280"])
def test_a_code_named_as_a_funders_approval_is_the_one_the_paper_records(wrong):
    # a slip, a far number, and the paper's other approval: each an error naming the recorded one
    found = diagnose(mutate(decision("1405"), "approved in {funder.prior.approved_by}", wrong))
    assert len(found) == 1 and "error[PCD513]" in found[0] and "approved by PCD 1065: write " \
        "{funder.prior.approved_by}" in found[0], found


def test_prose_saying_publication_is_not_deferred_where_it_is_is_refused():
    deferred = mutate(seed_text(), "publication:\n  defer: false\n",
                      "publication:\n  defer: true\n  reason: The variation letter is not yet signed.\n"
                      "  until: 2025-07-01\n")
    assert "PCD308" not in codes(deferred)
    said = mutate(deferred, "published following approval.", "published following approval. Publication of "
                  "this decision will not be deferred.")
    assert "PCD308" in codes(said)
    maybe = mutate(seed_text(), "published following approval.", "published following approval. Publication "
                   "may be deferred where a notice is pending.")
    assert "PCD308" not in codes(maybe)


def test_a_declaration_note_that_denies_what_its_section_says_is_a_warning():
    wrong = mutate(seed_text(), "notes: [A DPIA has been completed.]", "notes: [No DPIA is required for this work.]")
    found = [d for d in diagnose(wrong) if "PCD403" in d]
    assert len(found) == 1 and "warning[PCD403] declarations.gdpr.notes[0]" in found[0] \
        and "says there is no DPIA" in found[0] and "'A DPIA has been produced" in found[0], found
    none_said = mutate(seed_text(), "notes: [A DPIA has been completed.]", "notes: [No new contract is let.]")
    assert not [d for d in diagnose(none_said) if "PCD403" in d]


def test_a_finding_on_words_a_folded_paragraph_breaks_over_two_lines_points_at_them():
    # "three\n    Probation approved premises": the words of the finding span a line break
    wrong = mutate(decision("1843"), "mental health support to two\n    Probation approved",
                   "mental health support to three\n    Probation approved")
    found = [d for d in diagnose(wrong) if "PCD519" in d]
    line = wrong[:wrong.index("to three\n")].count("\n") + 1
    assert found and all(f".yaml:{line}:" in d for d in found), (line, found)


def test_part_2_by_other_bodies_names_is_part_2_and_none_said_is_none():
    text = decision("dn2024-41")
    said = mutate(text, "relating to contracts.", "relating to contracts; the scores are in the confidential annex.")
    assert "PCD307" in codes(said)
    none = mutate(text, "relating to contracts.", "relating to contracts; there is no exempt appendix.")
    assert "PCD307" not in codes(none)


def test_what_a_review_of_the_new_rules_found_wrongly_refused_or_let_pass():
    # two contracts with one supplier: naming it as either's provider is right
    shared = mutate(seed_text(), "supplier: Together for Mental Well-being Ltd",
                    "supplier: Third Sector Consortia Management LLP")
    named = mutate(shared, "the\n    Neurodiversity service is funded until", "the\n    Neurodiversity service provider, "
                   "Third Sector Consortia Management LLP, is funded until")
    assert "PCD524" not in codes(named)
    # a reason 'N/A' on a paper that is no key decision is no reason
    croydon = mutate(mutate(decision("cmd2025-054"), "key_decision: yes", "key_decision: no"),
                     "key_reason: Significant in its effects on communities living or working in two or more wards",
                     "key_reason: N/A")
    assert "PCD412" not in codes(croydon)
    # a note about this change only ("the existing one is updated") denies nothing its section says
    note = mutate(seed_text(), "notes: [A DPIA has been completed.]",
                  "notes: [No DPIA is required for this variation as the existing one will be updated.]")
    assert "PCD403" not in codes(note)
    # a framework with another number is another framework
    ts3 = mutate(decision("841"), "{contract.sdim.supplier} under the TS2 framework",
                 "{contract.sdim.supplier} under the Technology Services 3 framework")
    assert "PCD515" in codes(ts3)
    # the year money is spent in is no budget's name
    spent = mutate(decision("1830"), "In\n      {period.2026-27} MOPAC funds both programmes itself",
                   "In\n      {period.2026-27} MOPAC funds both programmes from its own budget")
    assert "PCD509" not in codes(spent)


def test_a_year_amount_where_everything_runs_a_year_is_compared_as_any_amount():
    found = diagnose(mutate(decision("dn2024-41"), "The contract is for {cost.evaluation}, met",
                            "The contract is for £59,729.71 a year, met"))
    assert any("PCD202" in d and "{cost.evaluation}" in d for d in found), found
