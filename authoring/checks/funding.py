"""Money rules: every cost exactly funded, totals agree, funders match what is accepted."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from authoring.diagnostics import Report
from authoring.format import money
from authoring.model.paper import Paper


def check(paper: Paper, report: Report) -> None:
    fin = paper.finance
    if not fin.costs:  # what the build needs: a table of no costs cannot be drawn
        for para in (q for s in paper.sections for q in s.paragraphs if q.table):
            report.add("PCD201", "'table: finance' places the finance table here, but the spec has "
                       "no finance.costs: add the costs, or remove 'table: finance'",
                       (*para.text.path[:-1], "table"))
    for cost in fin.costs:
        for line in cost.funding:
            for p, amount in enumerate(line.by_period):
                if amount < 0:  # a 'remainder' after lines that already exceed the cost
                    report.add("PCD102", f"the other funding lines of cost '{cost.id}' exceed its "
                               f"{money(cost.by_period[p])}{_in(fin, p)} by {money(-amount)}",
                               line.path + ("amount",))
        for p, needed in enumerate(cost.by_period):
            funded = sum((ln.by_period[p] for ln in cost.funding), Decimal(0))
            if funded != needed:
                verb = "does not cover" if funded < needed else "exceeds"
                where = cost.funding[-1].path + ("amount",) if cost.funding else cost.path
                report.add("PCD102", f"funding {verb} cost '{cost.id}'{_in(fin, p)}: {money(needed)} "
                           f"needed, {money(funded)} allocated", where)
    if fin.cost_total != fin.funding_total:
        report.add("PCD101", f"total funding {money(fin.funding_total)} differs from total costs "
                   f"{money(fin.cost_total)}", ("finance",))

    lines: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for line in (ln for c in fin.costs for ln in c.funding):
        lines[line.funder, line.cost] += line.amount
    accepted: dict[str, Decimal] = defaultdict(Decimal)
    names = {f.id: f.name for f in fin.funders}
    for rec in paper.recommendations:
        for i, (funder, cost_id) in enumerate(rec.accepts):
            if (funder, cost_id) not in lines:
                report.add("PCD106", f"recommendation {rec.number} accepts funding from "
                           f"{names.get(funder, funder)} for '{cost_id}', but the funding table has no "
                           "such line", rec.path + ("accepts", i))
            else:
                accepted[funder] += lines[funder, cost_id]
    for f in fin.funders:
        if not f.internal and accepted[f.id] != f.total:
            report.add("PCD103", f"{f.name} provides {money(f.total)} in the funding table, but the "
                       f"recommendations accept {money(accepted[f.id])}", f.path)


def _in(fin, p: int) -> str:
    return f" in {fin.periods[p]}" if len(fin.periods) > 1 else ""
