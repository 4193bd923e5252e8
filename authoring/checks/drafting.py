"""What a draft still holds: values `pcd new` left to fill in and the ones an officer leaves in a
hurry ("To be confirmed", "TBC", a zero amount). A warning while drafting (PCD210); `pcd site`
and `pcd build --strict` refuse a paper that still holds one. Paragraphs and declarations still
to be written are reported by the text and governance rules under the same code."""

from __future__ import annotations

import re

from authoring.diagnostics import Report
from authoring.model.paper import Paper

DEFAULT_TITLE = "Title of the decision"  # what `pcd new` writes when no --title is given
PLACEHOLDER = re.compile(
    r"\s*(to be (written|confirmed|agreed|added|decided|provided|inserted)\b|tb[cad]\b|\[?insert\b"
    r"|x{3,}|\?{2,}|" + re.escape(DEFAULT_TITLE) + r"\s*$)", re.IGNORECASE)


# in a name or a label, a placeholder anywhere: "MOPAC budget (to be confirmed)"
WITHIN = re.compile(r"\bto be (written|confirmed|agreed|added|decided|provided|inserted)\b|\bTB[CAD]\b"
                    r"|\[insert\b|x{3,}|\?{2,}", re.IGNORECASE)


def is_placeholder(value: str) -> bool:
    """A value still to be filled in: the whole field is a placeholder, or a name or label
    holds one ("MOPAC budget (to be confirmed)")."""
    return PLACEHOLDER.match(value) is not None or WITHIN.search(value) is not None


def check(paper: Paper, report: Report) -> None:
    def field(value: str, path: tuple, what: str) -> None:
        if value and is_placeholder(value):
            report.add("PCD210", f"{what} is still to be filled in ('{value.strip()}')", path)

    field(paper.title, ("title",), "the title")
    field(paper.drafting_officer, ("drafting_officer",), "the drafting officer")
    fin = paper.finance
    for f in fin.funders:
        field(f.name, (*f.path, "name"), f"the name of funder '{f.id}'")
    for r in fin.recipients:
        field(r.name, (*r.path, "name"), f"the name of recipient '{r.id}'")
    for c in fin.costs:
        if not c.amount:
            report.add("PCD210", f"cost line '{c.id}' is £0: enter its amount, or remove the line",
                       (*c.path, "amount"))
    for k in paper.contracts:
        for name in ("number", "supplier", "service"):
            field(getattr(k, name), (*k.path, name), f"the {name} of contract '{k.id}'")
        if k.award:
            field(k.award.regulation, (*k.path, "award", "regulation"),
                  f"the regulation of contract '{k.id}'")
        if k.known_value and not k.value and not k.award:
            report.add("PCD210", f"contract '{k.id}' is worth £0 before this decision: enter its "
                       "original value", (*k.path, "value"))
    for label in paper.labels:
        field(label.source, label.path, "a table label")
    papers = next((s.papers for s in paper.sections if s.papers), ())
    for i, bp in enumerate(papers):
        field(bp.ref, ("background_papers", i, "ref"), "a background paper's reference")
        field(bp.title, ("background_papers", i, "title"), "a background paper's title")
