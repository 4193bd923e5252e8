"""Contract rules: modifications within what regulation 72 of the Public Contracts Regulations
2015 allows, changes backed by recommendations, awards that say how they are procured."""

from __future__ import annotations

from authoring.diagnostics import Report
from authoring.format import money, percent
from authoring.model.paper import Paper

LIMIT = 50  # regulation 72(2): a modification may not exceed 50% of the original contract's value


def check(paper: Paper, report: Report) -> None:
    for c in paper.contracts:
        if c.award:
            continue
        if c.percent > LIMIT:
            report.add("PCD405", f"this {c.kind} of {c.name} is {percent(c.percent)} of its original "
                       f"value {money(c.value)} ({money(c.change)}): above the 50% a single "
                       "modification may add under regulation 72 of the PCR 2015", c.path)
        elif c.history and c.cumulative_percent > LIMIT:
            report.add("PCD405", f"with the earlier changes ({money(c.earlier)}), {c.name} has grown "
                       f"by {percent(c.cumulative_percent)} of its original value {money(c.value)} to "
                       f"{money(c.value_after)}: above 50% in total, check regulation 72 of the PCR "
                       "2015 still allows it", c.path)
