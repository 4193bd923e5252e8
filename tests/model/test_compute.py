"""The computed paper: totals, funders, contract values, routes, numbering and references."""

import datetime as dt
from decimal import Decimal

import pytest

from authoring.model.dates import add_months
from authoring.model.text import plain_text
from authoring.pipeline import process
from tests.conftest import SEED


@pytest.fixture(scope="module")
def paper():
    outcome = process(SEED)
    assert outcome.diagnostics == []
    return outcome.paper


def test_totals_and_funders(paper):
    fin = paper.finance
    assert fin.cost_total == fin.funding_total == Decimal("553497")
    assert {f.name: f.total for f in fin.funders} == {
        "London Probation": Decimal("300000"), "HMPPS": Decimal("80000"),
        "MOPAC IOM 2025/26 budget": Decimal("173497")}


def test_remainder_funding_is_computed(paper):
    nds = paper.finance.costs[0]
    assert [(ln.funder, ln.amount) for ln in nds.funding] == [
        ("london_probation", Decimal("100000")), ("mopac_iom", Decimal("173497"))]
    assert nds.label == "IOM Neurodiversity – extension until 31/03/2026"


def test_contract_values_after_change(paper):
    nds, mh = paper.contracts
    assert (nds.value_after, nds.new_end) == (Decimal("1070833"), dt.date(2026, 3, 31))
    assert (mh.value, mh.change, mh.value_after) == (Decimal("2000523"), Decimal("80000"), Decimal("2080523"))
    assert round(mh.percent, 1) == Decimal("4.0")


def test_routes_follow_the_scheme_of_delegation(paper):
    assert [(r.action, r.authority, r.clause) for r in paper.routes] == [
        ("accept funding from London Probation", "dmpc", "4.8"),
        ("accept funding from HMPPS", "dmpc", "4.8"),
        ("extension of MOPAC 957", "ceo", "5.12"),
        ("variation of MOPAC 889", "ceo", "5.12"),
    ]


def test_paragraphs_are_numbered_by_section(paper):
    numbers = [p.number for s in paper.sections for p in s.paragraphs]
    assert numbers[:6] == ["1.1", "1.2", "1.3", "1.4", "1.5", "2.1"]
    assert [p.number for p in paper.sections[3].paragraphs] == ["4.1", "4.2", "4.3"]
    assert paper.sections[2].paragraphs[3].table
    assert [r.number for r in paper.recommendations] == [1, 2, 3, 4, 5, 6]


def test_prose_amounts_come_from_the_model(paper):
    text = plain_text(paper.sections[2].paragraphs[0].text.spans)
    assert "£300,000 from London Probation and £80,000 from HMPPS" in text
    ap = plain_text(paper.sections[2].paragraphs[2].text.spans)
    assert ap.endswith("This will be funded by HMPPS.")


def test_first_use_of_an_abbreviation_is_expanded_once(paper):
    spans = [s for p in paper.summary for s in p.text.spans if s.text == "IOM"]
    assert [s.expand for s in spans][:3] == [True, False, False]


@pytest.mark.parametrize("start,months,end", [
    ((2025, 9, 30), 6, (2026, 3, 31)), ((2025, 1, 31), 1, (2025, 2, 28)),
    ((2024, 2, 29), 12, (2025, 2, 28)), ((2025, 3, 15), 6, (2025, 9, 15)),
    ((2025, 11, 30), 3, (2026, 2, 28)),
])
def test_add_months(start, months, end):
    assert add_months(dt.date(*start), months) == dt.date(*end)


@pytest.mark.parametrize("amount, shown", [("2100000", "£2.1 million"), ("1125000", "£1.125 million"),
                                           ("6807000", "£6.807 million"), ("10210500", "£10.211 million"),
                                           ("12500000", "£12.5 million"), ("1000000", "£1 million")])
def test_millions_are_exact_to_the_thousand_pounds(amount, shown):
    """'{funder.x:millions}' of £1,125,000 prints what the officer would type, never £1.12 million."""
    from authoring.format import millions

    assert millions(Decimal(amount)) == shown
