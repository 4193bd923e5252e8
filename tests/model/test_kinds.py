"""Decisions of every kind: periods, money in and out, budget sources, contracts, Part 2 figures."""

from decimal import Decimal

import pytest

from authoring.model.table import table_of
from authoring.pipeline import process_text
from tests.conftest import DATA, diagnose, minimal_text, mutate

GRANT = (DATA / "valid" / "onward-grant.yaml").read_text(encoding="utf-8")
D = Decimal


def paper_of(text: str):
    outcome = process_text(text.encode(), "spec.yaml")
    assert [d.format() for d in outcome.diagnostics] == []
    return outcome.paper


def codes(text: str) -> list[str]:
    return [line.split("[")[1].split("]")[0] for line in diagnose(text)]


def test_onward_grant_totals_by_period_and_recipient():
    paper = paper_of(GRANT)
    fin = paper.finance
    assert fin.periods == ("2023/24", "2024/25")
    assert fin.cost_period_totals() == (D("300000.50"), D("200000"))
    assert {r.id: r.total for r in fin.recipients} == {"camden": D("300000.50"), "ealing": D("185000")}
    assert paper.values["total.awarded"] == D("485000.50")
    assert paper.values["total.kept"] == D("15000")
    assert paper.values["funder.home_office.2024-25"] == D("200000")
    table = table_of(paper)
    assert table.columns == ("2023/24 (£)", "2024/25 (£)", "Total (£)")
    assert table.costs[-1].cells == (D("300000.50"), D("200000"), D("500000.50"))


def test_money_kept_as_well_as_awarded_is_a_double_count():
    """PCD 1830's published shape: the management amount kept from the grant while the whole
    grant is also awarded onward."""
    text = mutate(GRANT, "      amount: {2023/24: '180000.50', 2024/25: 120000}",
                  "      amount: {2023/24: '190000.50', 2024/25: 125000}")
    assert diagnose(text) == [
        "spec.yaml:31:25: error[PCD107] finance.funders[0].amount.2023/24: Home Office provides "
        "£300,000.50 in 2023/24, but £310,000.50 of it is used (£300,000.50 awarded onward + £10,000 "
        "kept): £10,000 more than it provides",
        "spec.yaml:31:47: error[PCD107] finance.funders[0].amount.2024/25: Home Office provides "
        "£200,000 in 2024/25, but £205,000 of it is used (£200,000 awarded onward + £5,000 kept): "
        "£5,000 more than it provides",
    ]


def test_periods_must_be_declared_and_used():
    text = mutate(GRANT, "amount: {2023/24: 110000, 2024/25: 75000}", "amount: {2023/24: 110000, 2025/26: 75000}")
    assert "PCD108" in codes(text) and "PCD106" not in codes(text)
    assert any("period '2025/26' is not one of finance.periods (2023/24, 2024/25)" in d for d in diagnose(text))
    text = mutate(GRANT, "amount: {2023/24: 110000, 2024/25: 75000}", "amount: 185000")
    assert "PCD108" in codes(text) and "PCD106" not in codes(text)
    text = mutate(GRANT, "amount: {2023/24: 110000, 2024/25: 75000}", "amount: 185000\n      period: 2023/24")
    assert "PCD107" in codes(text)  # the funder's own figures no longer agree: named, not silent


def test_recipients_awards_and_recommendations():
    text = mutate(GRANT, "    awards: [camden, ealing]", "    awards: [camden]")
    assert codes(text) == ["PCD111"]
    text = mutate(GRANT, "    awards: [camden, ealing]", "    awards: [camden, ealing, hackney]")
    assert codes(text) == ["PCD110"]
    text = mutate(GRANT, "      recipient: ealing\n", "      recipient: ealnig\n")
    assert any("did you mean 'ealing'" in d for d in diagnose(text))


def test_vat_inclusive_and_exclusive_are_never_added():
    text = mutate(GRANT, "      use: keep\n", "      use: keep\n      vat: inclusive\n")
    text = mutate(text, "  periods: [2023/24, 2024/25]\n", "  periods: [2023/24, 2024/25]\n  vat: exclusive\n")
    assert codes(text) == ["PCD109"]
    text = mutate(GRANT, "  periods: [2023/24, 2024/25]\n", "  periods: [2023/24, 2024/25]\n  vat: exclusive\n")
    assert table_of(paper_of(text)).notes == ("Amounts exclude VAT.",)


BUDGETS = mutate(minimal_text(), "    - {id: grantor, name: The Grantor}", """\
    - {id: grantor, name: The Grantor}
    - {id: earlier, name: Approved by PCD 1065, kind: prior_approval, approved_by: PCD 1065}
    - {id: carried, name: Carry-forward, kind: carry_forward, approved_by: PCD 1280}
    - {id: new_cf, name: New carry-forward, kind: carry_forward}""").replace(
    "        - {funder: grantor, amount: remainder}", """\
        - {funder: grantor, amount: 1000}
        - {funder: earlier, amount: 5000}
        - {funder: carried, amount: 3000}
        - {funder: new_cf, amount: remainder}""").replace(
    "    accepts: [{funder: grantor, cost: pilot}]", "    accepts: [{funder: grantor, cost: pilot}]")


def test_budget_sources_say_which_money_is_new():
    text = BUDGETS.replace("This decision seeks approval to accept {funder.grantor} for a pilot.",
                           "Of {total.funding}, {total.new_money} is new; the rest was approved by "
                           "{total.approved_by}.")
    paper = paper_of(text)
    assert paper.finance.new_money == D("2000")  # the grant and the new carry-forward
    notes = table_of(paper).notes
    assert notes == ("Of the total funding, £2,000 is new in this decision; £8,000 was approved by "
                     "PCD 1065 and PCD 1280.",)
    rows = [r.label for r in table_of(paper).funding]
    assert rows[1] == "Approved by PCD 1065 (approved by PCD 1065)"


def test_a_source_cannot_cite_the_paper_itself():
    text = BUDGETS.replace("approved_by: PCD 1280}", "approved_by: PCD 2001}")
    assert codes(text) == ["PCD112"]


def test_capital_and_revenue_are_subtotalled_apart():
    text = mutate(minimal_text(), """\
    - id: pilot
      label: Pilot
      amount: 10000
      funding:
        - {funder: grantor, amount: remainder}""", """\
    - id: pilot
      label: Pilot
      amount: 10000
      budget: revenue
      funding:
        - {funder: grantor, amount: remainder}
    - id: kit
      label: Equipment
      amount: 4000
      budget: capital
      funding:
        - {funder: grantor, amount: remainder}""").replace(
        "accepts: [{funder: grantor, cost: pilot}]",
        "accepts: [{funder: grantor, cost: pilot}, {funder: grantor, cost: kit}]")
    rows = [(r.label, r.cells, r.kind) for r in table_of(paper_of(text)).costs]
    assert rows == [("Equipment", (D(4000),), ""), ("Capital subtotal", (D(4000),), "subtotal"),
                    ("Pilot", (D(10000),), ""), ("Revenue subtotal", (D(10000),), "subtotal"),
                    ("Total", (D(14000),), "total")]


AWARD = mutate(minimal_text(), "sections:", """\
contracts:
  - id: sdim
    number: MOPAC 841
    supplier: A Supplier Ltd
    starts: 2020-04-01
    award: {route: direct_award, regulation: Regulation 32(2)(b) of the PCR 2015, annual_value: 2500000,
            years: 2, extensions: [2, 1]}
sections:""").replace("    accepts: [{funder: grantor, cost: pilot}]",
                      "    accepts: [{funder: grantor, cost: pilot}]\n    contract: sdim")


def test_a_new_award_has_a_whole_life_value():
    paper = paper_of(AWARD)
    award = paper.contracts[0]
    assert (award.kind, award.award.max_months, award.award.max_value) == ("award", 60, D("12500000"))
    assert paper.values["contract.sdim.term"] == "2 years, with options to extend by 2 years and 1 year"
    assert paper.values["contract.sdim.value"] == D("5000000")
    assert [r.authority for r in paper.routes if r.action.startswith("award")] == ["dmpc"]


def test_a_direct_award_names_its_regulation():
    text = AWARD.replace(" regulation: Regulation 32(2)(b) of the PCR 2015,", "")
    assert codes(text) == ["PCD011"]


UPLIFT = mutate(minimal_text(), "sections:", """\
contracts:
  - id: nums
    number: MOPAC 100
    supplier: A Supplier Ltd
    value: 200000
    history:
      - {amount: 30000, approved_by: PCD 1000, description: first uplift}
    change: {type: uplift, costs: [pilot, extra]}
sections:""").replace("    accepts: [{funder: grantor, cost: pilot}]",
                      "    accepts: [{funder: grantor, cost: pilot}, {funder: grantor, cost: extra}]\n"
                      "    contract: nums").replace("""\
      funding:
        - {funder: grantor, amount: remainder}""", """\
      funding:
        - {funder: grantor, amount: remainder}
    - id: extra
      label: Extra
      amount: 15000
      funding:
        - {funder: grantor, amount: remainder}""")


def test_an_uplift_chain_adds_up_and_is_flagged_over_half_the_original():
    paper = paper_of(UPLIFT.replace("decision_maker: dmpc", "decision_maker: dmpc"))
    nums = paper.contracts[0]
    assert (nums.change, nums.value_before, nums.value_after) == (D(25000), D(230000), D(255000))
    assert nums.cumulative_percent == D("27.5")
    assert paper.values["contract.nums.cumulative_percent"] == D("27.5")
    big = UPLIFT.replace("amount: 15000", "amount: 75000")
    assert codes(big) == ["PCD405"]


def test_a_contract_is_a_change_or_an_award():
    text = UPLIFT.replace("    change: {type: uplift, costs: [pilot, extra]}\n", "")
    assert codes(text) == ["PCD406"]


def test_gla_thresholds_route_each_action():
    from authoring.housestyle import load_style
    from authoring.model.paper import Finance, Funder
    from authoring.model.routes import compute_routes

    style = load_style("gla")
    routes = [compute_routes(style, Finance(funders=(Funder("f", "F", "grant", (D(v),), ()),)), [])[0]
              for v in (40000, 50000, 150000, 150001)]
    assert [r.authority for r in routes] == ["assistant_director", "assistant_director",
                                             "executive_director", "mayor"]


SETTLEMENT = mutate(minimal_text(), "part2: {exists: false}", """\
part2:
  exists: true
  summary: The settlement is {part2.claim}.
  figures:
    - {id: claim, amount: 987654, description: Settlement of the claim}""").replace(
    "This decision seeks approval to accept {funder.grantor} for a pilot.",
    "This decision approves a settlement, {part2.claim}.")


def test_part2_figures_never_reach_part1(tmp_path):
    from tests.conftest import run_pcd

    spec = tmp_path / "2001.yaml"
    spec.write_text(SETTLEMENT, encoding="utf-8")
    result = run_pcd("build", str(spec), "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    import zipfile

    html = (tmp_path / "out" / "2001.html").read_text()
    assert "set out in the Part 2 form" in html
    for name in ("2001.html", "2001.docx"):
        data = (tmp_path / "out" / name).read_bytes()
        if name.endswith(".docx"):
            data = b"".join(zipfile.ZipFile(tmp_path / "out" / name).read(n)
                            for n in zipfile.ZipFile(tmp_path / "out" / name).namelist())
        for form in (b"987654", b"987,654"):
            assert form not in data
    part2 = zipfile.ZipFile(tmp_path / "out" / "part2" / "2001-part2.docx")
    assert b"987,654" in part2.read("word/document.xml")


@pytest.mark.parametrize("bad, code", [
    ("amount: {2023/24: 110000, 2024/25: -5}", "PCD014"),
    ("amount: {2023/24: 110000, 2024/25: lots}", "PCD014"),
])
def test_bad_amounts_by_period(bad, code):
    text = mutate(GRANT, "amount: {2023/24: 110000, 2024/25: 75000}", bad)
    assert code in codes(text)
