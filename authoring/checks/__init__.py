"""Stage 3: the reviewer. Each module is one family of rules; each rule reads the computed paper."""

from __future__ import annotations

from authoring.checks import (consistency, contracts, dates, drafting, facts, form, funding,
                              governance, income, text)
from authoring.diagnostics import Report
from authoring.model.paper import Paper

FAMILIES = (funding, income, text, facts, consistency, dates, contracts, governance, form, drafting)


def run_checks(paper: Paper) -> Report:
    report = Report()
    for family in FAMILIES:
        family.check(paper, report)
    return report
