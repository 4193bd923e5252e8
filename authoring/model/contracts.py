"""Contracts a decision acts on: new awards, extensions, variations and uplift chains.

The value a decision adds always comes from the finance model (a cost line, or several for a
breakdown) or, for an award, from its annual value and term: it is never typed twice.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from authoring.diagnostics import Report
from authoring.model.dates import add_months
from authoring.model.finance import unique
from authoring.model.paper import Award, ContractChange, CostLine, EarlierChange, Finance
from authoring.spec.schema import did_you_mean


def compute_contracts(items: list[dict[str, Any]], finance: Finance, report: Report) -> list[ContractChange]:
    costs = {c.id: c for c in finance.costs}
    out = []
    for i, c in unique(items, ("contracts",), "contract", report):
        path = ("contracts", i)
        if ("change" in c) == ("award" in c):
            report.add("PCD406", "a contract needs exactly one of 'change' (to an existing contract) "
                       "or 'award' (a new one)", path)
            continue
        history = tuple(EarlierChange(h["amount"], h["approved_by"], h.get("description", ""))
                        for h in c.get("history", []))
        common = dict(id=c["id"], number=c.get("number", ""), supplier=c.get("supplier", ""),
                      service=c.get("service", ""),
                      path=path, history=history, starts=c.get("starts"))
        if "award" in c:
            award = _award(c, costs, path + ("award",), report)
            if award is None:
                continue
            if "value" in c:
                report.add("PCD406", "a new award's value comes from 'award' (annual_value or cost), "
                           "not 'value'", path + ("value",))
            # a term of whole months from its start ends the day before that date comes round
            ends = (add_months(c["starts"], award.months) - dt.timedelta(days=1)
                    if c.get("starts") and "ends" not in c else c.get("ends"))
            out.append(ContractChange(kind="award", value=award.max_value, change=award.max_value,
                                      foreseen=False, months=None, ends=ends, new_end=None, stated_end=None,
                                      award=award, costs=tuple(filter(None, [c["award"].get("cost")])),
                                      **common))
            continue
        change = c["change"]
        if "supplier" not in c:  # with the service, it names a contract that has no number
            report.add("PCD011", "a change to an existing contract needs its supplier", path)
            continue
        if "amount" in change:  # paid from within a larger cost line: its value is stated here
            if "cost" in change or "costs" in change:
                report.add("PCD406", "a change is worth 'amount', or its cost lines, not both",
                           path + ("change",))
                continue
            worth, paid_from = change["amount"], tuple[str, ...]()
        elif change["type"] == "extension" and not ({"cost", "costs"} & change.keys()) and (
                {"months", "until"} & change.keys()):
            worth, paid_from = Decimal(0), ()  # more time at no more cost
        else:
            lines = _cost_lines(change, costs, path + ("change",), report)
            if lines is None:
                continue
            worth = sum((ln.amount for ln in lines), Decimal(0))
            paid_from = tuple(ln.id for ln in lines)
        months, ends = change.get("months"), c.get("ends")
        new_end = add_months(ends, months) if months and ends else change.get("until", ends)
        out.append(ContractChange(
            kind=change["type"], value=c.get("value", Decimal(0)), change=worth,
            foreseen=change.get("foreseen", False), months=months, ends=ends, new_end=new_end,
            stated_end=change.get("until"), known_value="value" in c, costs=paid_from,
            regulation=change.get("regulation", ""), **common))
    return out


def _cost_lines(change: dict, costs: dict[str, CostLine], path: tuple,
                report: Report) -> list[CostLine] | None:
    names = ([change["cost"]] if "cost" in change else []) + list(change.get("costs", []))
    if not names or ("cost" in change and "costs" in change):
        report.add("PCD406", "a change needs 'cost' (one cost line) or 'costs' (a breakdown), not both"
                   if names else "a change needs 'cost' or 'costs': the cost lines it is worth "
                   "(or 'amount'; an extension of time alone needs only 'months' or 'until')", path)
        return None
    found = []
    for j, name in enumerate(names):
        if name not in costs:
            where = path + (("cost",) if "cost" in change else ("costs", j))
            report.add("PCD201", f"unknown cost '{name}'" + did_you_mean(name, costs), where)
            return None
        found.append(costs[name])
    return found


def _award(contract: dict, costs: dict[str, CostLine], path: tuple, report: Report) -> Award | None:
    spec = contract["award"]
    annual, cost = spec.get("annual_value"), spec.get("cost")
    if (annual is None) == (cost is None):
        report.add("PCD406", "an award needs one of 'annual_value' or 'cost' (the initial term's value)",
                   path)
        return None
    if cost is not None and cost not in costs:
        report.add("PCD201", f"unknown cost '{cost}'" + did_you_mean(cost, costs), path + ("cost",))
        return None
    route = spec.get("route", "")
    if route == "framework" and not spec.get("framework"):
        report.add("PCD011", "a framework call-off names its 'framework'", path)
    if route == "direct_award" and not spec.get("regulation"):
        report.add("PCD011", "a direct award names the 'regulation' or exemption it relies on", path)
    if "years" in spec:
        months = 12 * spec["years"]
    elif contract.get("starts") and contract.get("ends"):  # a term given by its dates
        months = months_between(contract["starts"], contract["ends"] + dt.timedelta(days=1))
    else:
        report.add("PCD011", "an award needs its term: 'years', or the contract's 'starts' and 'ends'",
                   path)
        return None
    initial = annual * months / 12 if annual is not None else costs[str(cost)].amount
    return Award(route, spec.get("regulation", ""), spec.get("framework", ""), annual,
                 months, tuple(spec.get("extensions", [])), initial)


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from start to end, to the nearest month (6 June to 1 April is 10)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months + (1 if end.day - start.day >= 15 else -1 if start.day - end.day >= 15 else 0)
