"""Mistakes real published decisions carry, each written back into its reconstructed spec and
refused by `pcd check`. The specs under decisions/ are the corrected papers."""

from tests.conftest import ROOT, diagnose, mutate

DECISIONS = ROOT / "decisions"


def spec(name: str) -> str:
    return (DECISIONS / f"{name}.yaml").read_text(encoding="utf-8")


def test_the_worked_examples_are_clean():
    for path in sorted(DECISIONS.glob("*.yaml")):
        assert diagnose(path.read_text(encoding="utf-8"), path.name) == [], path.name


def test_pcd_1830_money_kept_and_also_awarded_is_refused():
    """Published: £16,473 of the Home Office grant kept for project management while the full
    £4,671,475 is also awarded onward (so £3,090,775 awarded in 2025/26, not £3,074,302)."""
    published = mutate(spec("1830"), "amount: {2025/26: 3074302, 2026/27: 1580700}",
                       "amount: {2025/26: 3090775, 2026/27: 1580700}")
    found = diagnose(published, "1830.yaml")
    assert found[0] == (
        "1830.yaml:25:25: error[PCD107] finance.funders[0].amount.2025/26: Home Office grant provides "
        "£2,704,562 in 2025/26, but £2,721,035 of it is used (£2,704,562 awarded onward + £16,473 kept): "
        "£16,473 more than it provides")
    assert all("PCD107" in d or "PCD101" in d for d in found)


def test_pcd_1560_a_borough_amount_typed_into_the_prose_is_refused():
    typed = mutate(spec("1560"), "{recipient.haringey} to Haringey", "£239,832.28 to Haringey")
    assert any("error[PCD202]" in d and "{recipient.haringey}" in d for d in diagnose(typed, "1560.yaml"))


def test_pcd_1405_a_carry_forward_typed_as_one_sum_is_refused():
    """Published: "a minimum of £450,000 carried forward" — two sources (one approved by PCD 1280,
    one new) typed as one figure the table does not show."""
    typed = mutate(spec("1405"), "the balance of {funder.cf_new} is a further carry-forward",
                   "£450,000 in all is carried forward")
    found = diagnose(typed, "1405.yaml")
    assert len(found) == 1 and "error[PCD202]" in found[0] and "'£450,000' is typed" in found[0]


def test_pcd_1633_the_jackets_figure_in_the_summary_contradicts_the_breakdown():
    """Published: the summary gives the jackets "up to £8.24m"; the breakdown gives £6.18m."""
    typed = mutate(spec("1633"), "including up to {cost.jackets:millions} for new cold",
                   "including up to £8.24 million for new cold")
    found = diagnose(typed, "1633.yaml")
    assert len(found) == 1 and "error[PCD202]" in found[0] and "'£8.24 million' is typed" in found[0]
    # the same figure written the way the paper wrote it is also the wrong form for the house style
    assert any("warning[PCD209]" in d for d in diagnose(typed.replace("£8.24 million", "£8.24m"), "1633.yaml"))
    # and the breakdown's own figure, typed, is recognised as the cost line it is
    right = mutate(spec("1633"), "including up to {cost.jackets:millions} for new cold",
                   "including up to £6.18 million for new cold")
    assert "{cost.jackets:millions}" in diagnose(right, "1633.yaml")[0]


def test_pcd_1633_the_uplift_is_the_sum_of_its_breakdown():
    from decimal import Decimal

    from authoring.pipeline import process_text
    paper = process_text(spec("1633").encode(), "1633.yaml").paper
    nums = paper.contracts[0]
    assert (nums.change, nums.value_after) == (Decimal("33900000"), Decimal("135900000"))
    assert round(nums.percent) == 33


def test_pcd_841_the_maximum_value_comes_from_the_term():
    """£2.5 million a year for 2 + 2 + 1 years is £12.5 million; typing it is refused."""
    typed = mutate(spec("841"), "up to {contract.sdim.max_value}.", "up to £12.5 million.")
    assert any("{contract.sdim.max_value:millions}" in d for d in diagnose(typed, "841.yaml"))


def test_md2973_each_year_and_the_route_are_computed():
    from decimal import Decimal

    from authoring.pipeline import process_text
    paper = process_text(spec("md2973").encode(), "md2973.yaml").paper
    assert paper.reference == "MD 2973"
    assert (paper.values["funder.gla.2022-23"], paper.values["funder.gla.2023-24"]) == (
        Decimal(835000), Decimal(360000))
    # above £150,000 the GLA's scheme needs a Mayoral Decision; the £70,000 variation a Director's
    assert [r.authority for r in paper.routes] == ["mayor", "executive_director"]
    too_low = mutate(spec("md2973"), "decision_maker: mayor", "decision_maker: executive_director")
    assert any("error[PCD401]" in d and "needs the Mayor" in d for d in diagnose(too_low, "md2973.yaml"))
