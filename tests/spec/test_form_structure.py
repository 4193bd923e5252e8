"""The form's structure is house-style data: signatories, blocks, front-sheet fields, lists,
the reference format, call-in, portfolios and key decisions are declared in style.yaml and
refused, with a position, when they do not hold together."""

from __future__ import annotations

import datetime as dt

import pytest

from authoring.diagnostics import StyleError


def load(tmp_path, text: str, name: str = "child"):
    from authoring.housestyle import load_style

    (tmp_path / name).mkdir(parents=True, exist_ok=True)
    (tmp_path / name / "style.yaml").write_text("extends: mopac\n" + text, encoding="utf-8")
    return load_style(name, (str(tmp_path),))


def refused(tmp_path, text: str) -> list[str]:
    with pytest.raises(StyleError) as caught:
        load(tmp_path, text)
    return [f"{d.line}:{d.col} {d.code} {d.message}" for d in caught.value.diagnostics]


SIGNERS = ("signatories:\n"
           "  - {id: finance, title: Director of Finance, statement: finance_statement}\n"
           "  - {id: decision_maker, decides: true, statement: dm_declaration, after: [finance]}\n")


def test_a_style_declares_its_signatories_and_their_statements(tmp_path):
    style = load(tmp_path, SIGNERS + "texts:\n  finance_statement: I have checked the money.\n")
    from authoring.model import form

    assert [s["id"] for s in form.signatories(style.data)] == ["finance", "decision_maker"]
    # Without a form, MOPAC's order: the decision maker under the recommendations, others last.
    assert form.blocks(style.data) == ("summary", "recommendations", "decision_maker", "part1",
                                       "publication", "declarations", "finance")


@pytest.mark.parametrize("text, expected", [
    (SIGNERS.replace("decides: true, ", ""), "3:3 PCD016 exactly one signatory must be the decision maker"),
    (SIGNERS.replace("after: [finance]", "after: [finanse]"),
     "4:76 PCD016 'finanse' is not another of the signatories: finance, decision_maker; did you mean 'finance'?"),
    (SIGNERS.replace("statement: finance_statement", "statement: finance_statment"),
     "3:58 PCD016 'finance_statment' is not one of the style's texts"),
    (SIGNERS.replace("title: Director of Finance, ", ""),
     "3:5 PCD016 signatory 'finance' needs exactly one of title, authority or decides"),
    (SIGNERS.replace("statement: finance_statement}", "statement: ceo_statement, after: [decision_maker]}"),
     "3:3 PCD016 the signatories' 'after' go round in a circle: finance → decision_maker → finance"),
    (SIGNERS + "form: [summary, recommendations, part1, publication, declarations, decision_maker]\n",
     "5:7 PCD016 the form does not place the signatories finance: list each in form"),
    ("form: [summary, recommendatons, decision_maker, chief_executive]\n",
     "2:17 PCD016 'recommendatons' is neither a block of the form"),
    ("reference_format: '{year}/{numbr:03}'\n", "2:19 PCD016 '{year}/{numbr:03}' does not match"),
    ("reference_format: '{number:099}'\n", "2:19 PCD016 '{number:099}' does not match"),
    ("reference_format: '{year}'\n", "2:19 PCD016 a reference format must hold the paper's {number}"),
    ("fields:\n  - {id: wards, label: Wards, type: list, list: wards}\n",
     "3:5 PCD016 field 'wards' is a list: its 'list' must name one of the style's lists: none"),
    ("key_decision: {threshold: 500000, field: key}\n",
     "2:42 PCD016 'key' is not a yes_no field of the style"),
    ("portfolios: {finance: Finance}\nauthorities:\n  dmpc: {title: D, short: D, rank: 2, portfolios: [finanse]}\n"
     "  ceo: {title: C, short: C, rank: 1}\n",
     "4:52 PCD016 'finanse' is not one of the style's portfolios: finance; did you mean 'finance'?"),
    ("texts:\n  finance_statment_x: Words.\n", "3:3 PCD010 unknown key 'finance_statment_x'"),
])
def test_a_form_that_does_not_hold_together_is_refused_where_it_is_wrong(tmp_path, text, expected):
    assert any(found.startswith(expected) for found in refused(tmp_path, text)), refused(tmp_path, text)


def test_replacing_authorities_needs_no_chief_executive_once_signatories_are_declared(tmp_path):
    authorities = "authorities:\n  member: {title: Cabinet Member, short: Member, rank: 2}\n"
    assert "chief_executive" in " ".join(refused(tmp_path, authorities + "delegation: []\n"))
    load(tmp_path, authorities + "delegation: []\n" + SIGNERS.replace(
        "statement: finance_statement", "statement: ceo_statement"))


def test_references_follow_the_style_format():
    from authoring.model import form

    mopac = {"code": "PCD"}
    assert form.reference(mopac, 1843, None) == "PCD 1843" and form.stem(mopac, 1843, None) == "1843"
    borough = {"code": "CMD", "reference_format": "{year}/{number:03}"}
    assert form.reference(borough, 54, 2025) == "2025/054" and form.stem(borough, 54, 2025) == "2025-054"
    assert form.reference({"code": "X", "reference_format": "{code}-{number:05}"}, 7, None) == "X-00007"


def test_call_in_counts_working_days_over_the_bank_holidays():
    from authoring.model import form

    holidays = frozenset({dt.date(2025, 12, 25), dt.date(2025, 12, 26)})
    # Thursday 18 December: 19, 22, 23, 24 December, then Christmas and Boxing Day are skipped.
    assert form.working_days_after(dt.date(2025, 12, 18), 5, holidays) == dt.date(2025, 12, 29)
    assert form.working_days_after(dt.date(2025, 12, 18), 5, frozenset()) == dt.date(2025, 12, 25)
    style = {"call_in": {"working_days": 5, "holidays": ["2025-12-25", "2025-12-26"]}}
    assert form.call_in_ends(style, dt.date(2025, 12, 18)) == dt.date(2025, 12, 29)
    assert form.call_in_ends(style, None) is None and form.call_in_ends({}, dt.date(2025, 1, 1)) is None
