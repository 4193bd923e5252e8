"""Each rule family, seeded into the corrected 1843 spec: reported at the right line and code."""

import pytest

from authoring.pipeline import process_text
from tests.conftest import diagnose, mutate, seed_text

CASES = {
    "decision-maker-cannot-approve": (
        ("decision_maker: dmpc", "decision_maker: ceo"),
        ["spec.yaml:5:17: error[PCD401] decision_maker: accept funding from London Probation needs "
         "the DMPC (clause 4.8); the CEO cannot approve it",
         "spec.yaml:5:17: error[PCD401] decision_maker: accept funding from HMPPS needs the DMPC "
         "(clause 4.8); the CEO cannot approve it"]),
    "contract-change-without-recommendation": (
        ("    contract: mopac_889\n", ""),
        ["spec.yaml:57:5: error[PCD402] contracts[1]: the variation of MOPAC 889 is not asked for "
         "by any recommendation (give one 'contract: mopac_889')"]),
    "declaration-contradicts-section": (
        ("  legal: confirmed", "  legal: not_required"),
        ["spec.yaml:351:10: warning[PCD403] declarations.legal: the 'legal' declaration says advice "
         "was not required, but section 4 (Legal Comments) gives it"]),
    "required-declaration-unticked": (
        ("  director: confirmed", "  director: pending"),
        ["spec.yaml:359:13: error[PCD404] declarations.director: the 'director' declaration is not "
         "confirmed"]),
    "deferral-before-signing": (
        ("publication:\n  defer: false",
         "publication:\n  defer: true\n  reason: Operational reasons.\n  until: 2025-06-01"),
        ["spec.yaml:347:10: error[PCD302] publication.until: publication is deferred until 1 June "
         "2025, which is not after the decision is signed on 4 June 2025"]),
    "contract-end-date": (
        ("months: 6, foreseen: true}", "months: 6, until: 2026-03-30, foreseen: true}"),
        ["spec.yaml:56:70: error[PCD303] contracts[0].change.until: 6 months from 30 September 2025 "
         "is 31 March 2026, not 30 March 2026"]),
    "duplicate-word": (
        ("This is a broad power and", "This is a a broad power and"),
        ["spec.yaml:212:20: warning[PCD207] sections.legal[0]: 'a a': the word is repeated"]),
    "repeated-paragraph": (
        ("    - All providers funded by MOPAC are required to comply with the GDPR and DPA 2018.",
         "    - All providers funded by MOPAC are required to comply with the GDPR and DPA 2018.\n"
         "    - All providers funded by MOPAC are required to comply with the GDPR and DPA 2018."),
        ["spec.yaml:315:7: warning[PCD208] sections.gdpr[6]: this paragraph repeats an earlier one "
         "word for word"]),
    "forbidden-money-form": (
        ("{figure.iom_2022_25:millions}", "£2.1m"),
        ["spec.yaml:149:25: error[PCD202] sections.background[2]: '£2.1m' is typed in the prose; "
         "it equals {figure.iom_2022_25:millions}, so write that",
         "spec.yaml:149:25: warning[PCD209] sections.background[2]: '£2.1m': write amounts in full, "
         "or as \"£4 million\""]),
    "undefined-abbreviation": (
        ("  FMHP: forensic mental health practitioner\n", ""),
        ["spec.yaml:163:55: warning[PCD206] sections.background[4]: 'FMHP' is not defined: add it "
         "under abbreviations"]),
}


@pytest.mark.parametrize("name", CASES)
def test_rule(name):
    (old, new), expected = CASES[name]
    assert diagnose(mutate(seed_text(), old, new)) == expected


def routes(text):
    return [(r.action, r.authority, r.clause) for r in process_text(text.encode(), "s.yaml").paper.routes]


def test_an_unforeseen_variation_over_ten_percent_needs_the_dmpc():
    text = mutate(seed_text(), "    value: 2000523", "    value: 700000")
    assert routes(text)[-1] == ("variation of MOPAC 889", "dmpc", "4.13")
    blocked = diagnose(mutate(text, "decision_maker: dmpc", "decision_maker: ceo"))
    assert ("spec.yaml:57:5: error[PCD401] contracts[1]: variation of MOPAC 889 needs the DMPC "
            "(clause 4.13); the CEO cannot approve it") in blocked


def test_a_foreseen_extension_over_ten_percent_stays_with_the_ceo():
    # MOPAC 957's extension is 34% of its value, but it was an option in the procurement.
    assert routes(seed_text())[2] == ("extension of MOPAC 957", "ceo", "5.12")


def test_a_change_no_rule_covers_needs_the_highest_authority():
    text = mutate(seed_text(), "      amount: 80000\n", "      amount: 40000\n")
    text = mutate(text, "        - {funder: hmpps, amount: 80000}", "        - {funder: hmpps, amount: 40000}")
    assert routes(text)[-1] == ("variation of MOPAC 889", "dmpc", "")


def test_a_negative_remainder_is_over_funding():
    from tests.conftest import minimal_text
    text = mutate(minimal_text(), "        - {funder: grantor, amount: remainder}",
                  "        - {funder: grantor, amount: 12000}\n        - {funder: grantor, amount: remainder}")
    assert diagnose(text) == [
        "spec.yaml:21:37: error[PCD102] finance.costs[0].funding[1].amount: the other funding lines "
        "of cost 'pilot' exceed its £10,000 by £2,000"]


def test_a_cost_whose_only_funder_is_unknown_does_not_crash():
    from tests.conftest import minimal_text
    text = mutate(minimal_text(), "{funder: grantor, amount: remainder}", "{funder: nobody, amount: remainder}")
    assert diagnose(text)[-1] == ("spec.yaml:20:20: error[PCD104] finance.costs[0].funding[0].funder: "
                                  "unknown funder 'nobody'")


def test_check_proves_what_build_needs_a_finance_table_needs_costs():
    from tests.conftest import minimal_text
    text = minimal_text()
    text = text[:text.index("finance:")] + text[text.index("sections:"):]
    text = text.replace("accept {funder.grantor} for", "run").replace("{funder.grantor} from the Grantor", "the pilot")
    text = text.replace("    accepts: [{funder: grantor, cost: pilot}]\n", "").replace("{cost.pilot}, set out", "set out")
    assert [d for d in diagnose(text) if "PCD201" in d] == [
        "spec.yaml:16:14: error[PCD201] sections.financial[0].table: 'table: finance' places the finance "
        "table here, but the spec has no finance.costs: add the costs, or remove 'table: finance'"]
