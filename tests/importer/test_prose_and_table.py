"""The two pure steps on their own: prose back into spec prose, a printed table into funding."""

from __future__ import annotations

from decimal import Decimal

import pytest

from authoring.importer.blocks import Table
from authoring.importer.prose import Figures, escape, fold_abbreviations
from authoring.importer.table import money, read_finance

KNOWN = {"PCD": "Police and Crime Decision", "LLP": "limited liability partnership"}


@pytest.mark.parametrize("text, folded, learned", [
    ("Integrated Offender Management (IOM) is", "IOM is", {"IOM": "Integrated Offender Management"}),
    ("via Police and Crime Decision (PCD) 1291", "via PCD 1291", {}),
    ("His Majesty's Prison and Probation Service (HMPPS), for", "HMPPS, for",
     {"HMPPS": "His Majesty's Prison and Probation Service"}),
    ("Consortia Management limited liability partnership (LLP)", "Consortia Management LLP", {}),
    ("the 2011 Act (the Act)", "the 2011 Act (the Act)", {}),
    ("a report (XYZ) on", "a report (XYZ) on", {}),
])
def test_expansions_fold_into_abbreviations(text, folded, learned):
    found: dict[str, str] = {}
    assert fold_abbreviations(text, KNOWN, found) == folded
    assert found == learned


def test_markup_characters_are_escaped():
    assert escape("a {b} *c* [d] \\e") == "a \\{b\\} \\*c\\* \\[d\\] \\\\e"


def figures() -> Figures:
    return Figures({"cost.nds": Decimal(273497), "funder.lp": Decimal(300000),
                    "funding.lp.mh": Decimal(200000), "cost.mh": Decimal(200000),
                    "funder.mopac": Decimal(173497), "contract.x.percent": Decimal(4)})


def test_a_figure_equal_to_a_computed_value_becomes_its_reference():
    f = figures()
    out = f.refer("It costs £273,497, of which £200,000 from London Probation.", "3.2",
                  {"lp": "London Probation"})
    assert out == "It costs {cost.nds}, of which {funding.lp.mh} from London Probation."


def test_money_from_a_funder_named_with_its_abbreviation_is_its_total():
    values = {"funder.vru": Decimal(100000), "funder.vru.name": "Violence Reduction Unit budget",
              "funding.vru.grants": Decimal(100000), "cost.grants": Decimal(180000)}
    f = Figures(values, expansions={"VRU": "Violence Reduction Unit"})
    out = f.refer("It spends £100,000 from the VRU budget and £100,000 on grants.", "3.1", {})
    # Quoted "from" the funder: its total; elsewhere the equal line the split worked out.
    assert out == "It spends {funder.vru} from the VRU budget and {funding.vru.grants} on grants."


def test_without_a_finance_section_a_figure_is_never_referred_to_undeclared():
    f = Figures({}, can_declare=False)
    text = "£50,000 each, and up to £50,000 again."
    assert f.refer(text, "3.2", {}) == text and f.refer(text, "3.3", {}) == text
    assert f.declared == [] and len(f.notes) == 4


def test_a_figure_one_digit_off_stays_typed_and_is_said():
    f = figures()
    assert f.refer("MOPAC gives £173,487.", "3.2", {}) == "MOPAC gives £173,487."
    assert f.notes == [("3.2", "'£173,487' is close to {funder.mopac} (£173,497) but not equal: "
                        "kept as typed")]


def test_any_other_figure_is_declared():
    f = figures()
    assert f.refer("MOPAC gave £2.1m.", "1.3", {}) == "MOPAC gave {figure.figure_1:millions}."
    assert f.declared == [{"id": "figure_1", "amount": Decimal(2100000),
                           "description": "As printed in 1.3: MOPAC gave £2.1m."}]


@pytest.mark.parametrize("cell, value", [
    ("273,497", Decimal(273497)), ("£200,000", Decimal(200000)), ("£ 1,000.50", Decimal("1000.50")),
    ("(5,000)", Decimal(-5000)), ("", None), ("n/a", None), ("2023/24", None),
])
def test_cells_read_as_money(cell, value):
    assert money(cell) == value


def test_costs_given_wholly_to_funders_when_the_totals_allow():
    t = Table([["Item", "£"], ["A", "100"], ["B", "50"], ["Total", "150"], ["Funded by", ""],
               ["Home Office", "50"], ["MOPAC budget", "100"], ["Total funding", "150"]])
    spec = read_finance(t, "MOPAC").spec
    assert spec is not None
    assert [c["funding"] for c in spec["costs"]] == [
        [{"funder": "mopac_budget", "amount": "remainder"}],
        [{"funder": "home_office", "amount": "remainder"}]]
    assert spec["funders"][1]["kind"] == "budget"


@pytest.mark.parametrize("odd", ["Is there a Part 2 form? No", "? the GDPR.", "a: b", "#1 {x} [y], z", "- dash",
                                 "yes", "2025-06-04", "123", "'quoted'", "tab\there", "“curly”"])
def test_any_text_survives_the_yaml_writer(odd):
    from ruamel.yaml import YAML

    from authoring.importer.yamlout import dump

    spec = {"title": odd, "background_papers": [{"ref": odd, "title": "t"}],
            "summary": [odd + " " + "long " * 20], "gdpr": [odd[:11]]}
    assert YAML(typ="safe").load(dump(spec)) == spec


def test_a_contract_date_refers_to_the_contract_named_nearest_before_it():
    import datetime as dt

    from authoring.importer.prose import refer_dates

    values = {"contract.a.ends": dt.date(2025, 9, 30), "contract.a.new_end": dt.date(2026, 3, 31),
              "contract.b.ends": dt.date(2026, 3, 31), "contract.b.new_end": dt.date(2026, 3, 31)}
    names = {"a": ["MOPAC 957", "neurodiversity"], "b": ["MOPAC 889", "mental"]}
    text = ("Mental health runs until 31st March 2026 and neurodiversity until 30/09/2025. "
            "Neurodiversity is extended to 31 March 2026 to match the mental health service. "
            "Nothing is named until 31 March 2026.")
    assert refer_dates(text, values, names) == (
        "Mental health runs until {contract.b.ends} and neurodiversity until "
        "{contract.a.ends:short}. Neurodiversity is extended to {contract.a.new_end} to match the "
        "mental health service. Nothing is named until {contract.a.new_end}.")
    # a date the model holds is a reference even when no contract is named (pcd check, PCD501)
