"""The one fact reader: what it finds in words, how facts bind, figures with sources, honest
percentages, declarations that say only "not required", and `pcd facts`."""

import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal

import pytest

from authoring.checks.facts.common import exact_percent
from authoring.model.facts import read
from authoring.model.references import Percent, write
from tests.conftest import ROOT, diagnose, minimal_text, mutate


def kinds(words: str) -> list[tuple[str, object]]:
    return [(f.kind, f.value) for f in read(words)]


@pytest.mark.parametrize("words, value", [
    ("a grant of £3.4m", Decimal("3400000")), ("a grant of 3.4m", Decimal("3400000")),
    ("a grant of £3.4 million", Decimal("3400000")), ("a grant of £3,400k", Decimal("3400000")),
    ("at a cost of 273,497", Decimal("273497")), ("£273,497.50 in all", Decimal("273497.50")),
])
def test_money_is_read_with_or_without_the_pound_sign(words, value):
    assert ("money", value) in kinds(words)


@pytest.mark.parametrize("words", ["9 million Londoners", "between 2013 and 2020", "aged 25-34",
                                   "11+ previous offences", "the 2011 Act"])
def test_numbers_that_are_no_money_are_not_read_as_money(words):
    assert not [k for k, _ in kinds(words) if k == "money"]


def test_dates_months_ranges_and_years():
    facts = read("from October 2025 to March 2026, until 31 March 2027, in 2025/26 and 2024-25")
    assert [(f.kind, f.value, f.role) for f in facts] == [
        ("month", (2025, 10), "start"), ("month", (2026, 3), "end"),
        ("date", dt.date(2027, 3, 31), "end"), ("year", "2025/26", ""), ("year", "2024/25", "")]
    assert not [f for f in read("the Police and Crime Plan 2025-2029") if f.kind == "year"]


@pytest.mark.parametrize("words, role", [
    ("an initial term of three years", "term"), ("with an option to extend by one year", "option"),
    ("on four months' notice", "notice"), ("over 12-24 months", "range"),
    ("extend the service by six months", "extension"), ("an eleven month contract", "term"),
    ("extend the service for a further six months", "extension"),
    ("with an option to extend by a further 12 months", "option"),
])
def test_a_duration_knows_which_period_it_is(words, role):
    [fact] = [f for f in read(words) if f.kind == "duration"]
    assert fact.role == role


def test_terms_counts_codes_routes_and_vat():
    found = kinds("a 2 + 2 + 1 year term, the five amounts, approved in PCD 1406 and MD2973, "
                  "called off a framework agreement, excluding VAT")
    assert ("term", (24, 24, 12)) in found and ("count", 5) in found
    assert ("code", ("PCD", 1406)) in found and ("code", ("MD", 2973)) in found
    assert ("route", "framework") in found and ("vat", "exclusive") in found


def test_a_percentage_with_a_threshold_is_the_threshold():
    [fact] = read("variations over 10% of the original value")
    assert (fact.kind, fact.role) == ("percent", "threshold")


def test_a_percentage_reference_never_rounds_into_a_round_limit():
    assert write(Percent(Decimal("49.993"), 0)) == "49.99%"
    assert write(Percent(Decimal("49.993"), 1), "whole") == "49.99%"
    assert write(Percent(Decimal("34.3013"), 1)) == "34.3%"  # not a round figure: the style's places
    assert write(Percent(Decimal("50"), 1)) == "50%"
    assert exact_percent(Decimal("49.993"), Decimal("50")) == "49.99%"


VAT = mutate(minimal_text(), "finance:\n", "abbreviations: {VAT: value added tax}\nfinance:\n  vat: exclusive\n")


def test_vat_wording_is_compared_with_the_table():
    right = mutate(VAT, "The cost is {cost.pilot}, set out below.", "The cost is {cost.pilot} excluding VAT.")
    assert diagnose(right) == []
    wrong = diagnose(right.replace("excluding VAT", "including VAT"))
    assert len(wrong) == 1 and "error[PCD516]" in wrong[0] and "exclusive of VAT" in wrong[0]


def test_a_later_paper_cannot_be_an_earlier_approval():
    text = mutate(minimal_text(), "The pilot tests a new approach.", "The pilot was approved in PCD 2040.")
    assert any("error[PCD513]" in d and "'PCD 2040'" in d for d in diagnose(text))
    assert diagnose(text.replace("PCD 2040", "PCD 1940")) == []
    field = mutate(minimal_text(), "{id: grantor, name: The Grantor}",
                   "{id: grantor, name: The Grantor, kind: reserve, approved_by: PCD 2050}")
    assert any("error[PCD513]" in d and "approved_by" in d for d in diagnose(field))


def test_a_body_the_funding_table_does_not_hold_is_refused():
    text = mutate(minimal_text(), "The grant covers the whole cost.",
                  "The grant funding from the Home Office covers the whole cost.")
    found = diagnose(mutate(text, "{id: grantor, name: The Grantor}", "{id: grantor, name: HMPPS}"))
    assert any("error[PCD509]" in d and "no funder that is Home Office" in d for d in found), found
    assert diagnose(mutate(text, "{id: grantor, name: The Grantor}", "{id: grantor, name: Home Office}")) == []


FIGURES = """  figures:
    - {id: first, amount: 3000000, description: First phase, source: PCD 1900}
    - {id: second, amount: 3400000, description: Second phase, source: PCD 1950}
    - {id: both, amount: 6500000, description: Both phases, total_of: [first, second], source: PCD 1950}
"""


def test_a_total_of_figures_must_add_up():
    text = mutate(minimal_text(), "sections:\n", FIGURES + "sections:\n")
    found = diagnose(text)
    assert len(found) == 1 and "error[PCD517]" in found[0] and "add up to 6,400,000" in found[0]
    assert diagnose(text.replace("amount: 6500000", "amount: 6400000")) == []


def test_a_figure_equal_to_a_computed_amount_needs_a_source():
    text = mutate(minimal_text(), "sections:\n", "  figures:\n    - {id: cost, amount: 10000, "
                  "description: The pilot's cost}\nsections:\n")
    found = diagnose(text)
    assert len(found) == 1 and "error[PCD517]" in found[0] and "equals {cost.pilot}" in found[0]
    assert diagnose(text.replace("The pilot's cost}", "The pilot's cost, source: 'external: the 2019 "
                                 "pilot'}")) == []


def test_a_declaration_that_says_only_not_required_is_consistent():
    text = mutate(minimal_text(), "legal: [The powers are in the 2011 Act.]", "legal: [Legal advice is not required.]")
    text = mutate(text, "  legal: confirmed\n", "  legal: not_required\n")
    assert diagnose(text, strict=True) == []
    advice = text.replace("legal: [Legal advice is not required.]", "legal: [The powers are in the 2011 Act.]")
    assert any("PCD403" in d for d in diagnose(advice))


def run_facts(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "authoring", "facts", *args], capture_output=True,
                          text=True, cwd=ROOT)


def test_pcd_facts_lists_every_fact_with_its_status(tmp_path):
    result = run_facts("decisions/1843.yaml", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    month = next(r for r in rows if r["text"] == "March 2026" and r["status"] == "verified")
    assert (month["kind"], month["entity"], month["model"]) == ("month", "MOPAC 957",
                                                                "{contract.mopac_957.new_end}")
    assert {r["status"] for r in rows} <= {"verified", "contradicts", "external", "unverified"}
    assert all(r["line"] > 0 and r["column"] > 0 for r in rows)
    text = run_facts("decisions/1843.yaml", "--unverified-warn")
    assert "warning[PCD518]" in text.stdout and " unverified" in text.stdout.splitlines()[-1]
    spec = tmp_path / "1843.yaml"
    spec.write_text((ROOT / "decisions" / "1843.yaml").read_text().replace(
        "from October 2025 to March 2026", "from October 2025 to April 2026"))
    wrong = run_facts(str(spec))
    assert wrong.returncode == 1 and "contradicts month 'April 2026' → MOPAC 957" in wrong.stdout
    assert "error[PCD502]" in wrong.stdout


SHARE = "sections:\n  background:\n"


@pytest.mark.parametrize("typed, code", [("{funding.london_probation.nds_extension.share}", None),
                                         ("36.6%", "PCD504"), ("40%", "PCD504"),
                                         ("about 37%", None), ("about 45%", "PCD504")])
def test_a_funders_share_is_a_derived_figure(typed, code):
    spec = (ROOT / "decisions" / "1843.yaml").read_text()
    found = diagnose(mutate(spec, SHARE, SHARE + f'    - "London Probation pays {typed} of the extension."\n'))
    if code is None:
        assert found == []
    else:
        assert len(found) == 1 and f"error[{code}]" in found[0] and "share" in found[0], found


def test_a_share_reference_is_computed_from_the_amounts():
    from authoring.pipeline import process_text
    spec = (ROOT / "decisions" / "1843.yaml").read_text()
    text = mutate(spec, SHARE, SHARE + '    - "London Probation pays {funder.london_probation.share} of it all."\n')
    paper = process_text(text.encode(), "1843.yaml").paper
    assert [s.shown for s in paper.sections[0].paragraphs[0].text.spans][1] == "54.2%"  # 300,000 / 553,497


def test_a_figure_that_is_a_part2_amount_is_refused():
    text = mutate(minimal_text(), "part2: {exists: false}", "part2: {exists: true, figures: "
                  "[{id: settlement, amount: 45000, description: the settlement}]}")
    text = mutate(text, "sections:\n", "  figures:\n    - {id: paid, amount: 45000, description: what was "
                  "paid, source: 'external: the claim'}\nsections:\n")
    assert any("error[PCD517]" in d and "Part 2" in d for d in diagnose(text))


FIGURES_1843 = "  figures:"


def test_a_subtotal_or_a_difference_is_a_computed_figure_never_typed():
    spec = (ROOT / "decisions" / "1843.yaml").read_text()
    text = mutate(spec, FIGURES_1843, FIGURES_1843 + "\n    - {id: outside, sum: [funder.london_probation, funder.hmpps], "
                  "description: what the two give together}\n    - {id: others, sum: [total.costs], less: "
                  "[funder.mopac_iom], description: what others fund}")
    prose = SHARE + '    - "Together they give {figure.outside}; others fund {figure.others}."\n'
    from authoring.pipeline import process_text
    outcome = process_text(mutate(text, SHARE, prose).encode(), "1843.yaml")
    assert outcome.findings == []
    shown = [s.shown for s in outcome.paper.sections[0].paragraphs[0].text.spans if s.figure is not None]
    assert shown == ["£380,000", "£380,000"]  # 300,000 + 80,000; 553,497 - 173,497
    typed = diagnose(mutate(text, SHARE, prose.replace("{figure.outside}", "£380,000")))
    assert len(typed) == 1 and "error[PCD202]" in typed[0] and "it equals {figure.outside}" in typed[0]
    wrong = diagnose(mutate(text, SHARE, prose).replace("sum: [funder.london_probation,",
                                                        "sum: [funder.london_probaton,"))
    assert "error[PCD517]" in wrong[0] and "did you mean 'funder.london_probation'" in wrong[0]
    both = diagnose(text.replace("{id: others, sum:", "{id: others, amount: 5, sum:"))
    assert any("needs an 'amount' or a 'sum'" in d and "not both" in d for d in both)
