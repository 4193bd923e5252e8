"""The errors in the real, reviewed PCD 1843, written as specs: each must be caught, exactly."""

import pytest

from tests.conftest import diagnose, mutate, seed_text

SEED_ERRORS = {
    # The table's MOPAC line said £173,487 where the neurodiversity extension needed £173,497.
    "mopac-line-173487": (
        ("- {funder: mopac_iom, amount: remainder}", "- {funder: mopac_iom, amount: 173487}"),
        ["spec.yaml:20:3: error[PCD101] finance: total funding £553,487 differs from total costs "
         "£553,497",
         "spec.yaml:30:39: error[PCD102] finance.costs[0].funding[1].amount: funding does not cover "
         "cost 'nds_extension': £273,497 needed, £273,487 allocated"]),
    # Paragraph 3.1 typed "£380,000 from London Probation"; London Probation gives £300,000.
    "london-probation-380000": (
        ("accept {funder.london_probation} from London Probation",
         "accept £380,000 from London Probation"),
        ["spec.yaml:187:51: error[PCD202] sections.financial[0]: '£380,000' is typed in the prose and "
         "contradicts London Probation, whose amounts in this paper are £300,000 "
         "({funder.london_probation}), £100,000 ({funding.london_probation.nds_extension}), £200,000 "
         "({funding.london_probation.mh_contribution}); refer to the one meant"]),
    # Paragraph 3.3 credited the Approved Premises variation to London Probation, while
    # recommendation 3 accepts it from HMPPS.
    "approved-premises-funder": (
        ("        - {funder: hmpps, amount: 80000}", "        - {funder: london_probation, amount: 80000}"),
        ["spec.yaml:21:7: error[PCD103] finance.funders[0]: London Probation provides £380,000 in "
         "the funding table, but the recommendations accept £300,000",
         "spec.yaml:109:39: error[PCD201] recommendations[2].text: {funding.hmpps.mh_ap_variation} "
         "refers to nothing in this spec",
         "spec.yaml:111:15: error[PCD106] recommendations[2].accepts[0]: recommendation 3 accepts "
         "funding from HMPPS for 'mh_ap_variation', but the funding table has no such line"]),
    # Paragraph 4.4 was left empty.
    "empty-paragraph-4.4": (
        ("      in the Crime and Disorder Act 1998.\n",
         "      in the Crime and Disorder Act 1998.\n    - \"\"\n"),
        ["spec.yaml:237:7: error[PCD203] sections.legal[3]: empty text: write it, or remove the line"]),
}


def test_the_corrected_seed_checks_clean():
    assert diagnose(seed_text()) == []


@pytest.mark.parametrize("name", SEED_ERRORS)
def test_each_seed_error_is_reported_exactly(name):
    (old, new), expected = SEED_ERRORS[name]
    assert diagnose(mutate(seed_text(), old, new)) == expected


def test_a_typed_amount_that_matches_a_figure_names_the_reference():
    text = mutate(seed_text(), "accept {funder.hmpps} in funding from HMPPS", "accept £80,000 in funding from HMPPS")
    assert diagnose(text) == [
        "spec.yaml:175:46: error[PCD202] sections.issues[2]: '£80,000' is typed in the prose; it "
        "equals {funder.hmpps}, so write that"]
