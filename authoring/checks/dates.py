"""Date rules: signatures in order, deferral after signing, contract terms that add up."""

from __future__ import annotations

from authoring.diagnostics import Report
from authoring.format import date
from authoring.model.paper import Paper


def check(paper: Paper, report: Report) -> None:
    by_role = {s.role: s for s in paper.signatures}
    for s in paper.signatures:  # each signs on or after those the style says sign first
        for first in (by_role[r] for r in s.after if r in by_role):
            if first.date and s.date and s.date < first.date:
                report.add("PCD301", f"the {s.title} signs on {date(s.date)}, before the "
                           f"{first.title} is consulted on {date(first.date)}", s.path + ("date",))
    dm = paper.decider
    pub = paper.publication
    if pub.defer:
        if not pub.until or not pub.reason:
            report.add("PCD304", "a deferred paper needs both 'reason' and 'until'", pub.path)
        if pub.until and dm.date and pub.until <= dm.date:
            report.add("PCD302", f"publication is deferred until {date(pub.until)}, which is not "
                       f"after the decision is signed on {date(dm.date)}", pub.path + ("until",))
    for c in paper.contracts:
        if c.stated_end and c.months and c.ends and c.new_end and c.new_end != c.stated_end:
            report.add("PCD303", f"{c.months} months from {date(c.ends)} is {date(c.new_end)}, not "
                       f"{date(c.stated_end)}", c.path + ("change", "until"))
        elif c.stated_end and c.ends and c.stated_end <= c.ends:
            report.add("PCD303", f"the new end date {date(c.stated_end)} is not after the current "
                       f"end date {date(c.ends)}", c.path + ("change", "until"))
