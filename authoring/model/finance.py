"""Money in and money out: periods, funders, recipients, cost lines and their funding.

Every amount is entered once; a funding line may be `remainder`, computed per period. Whether
the sums agree is for the checks (authoring/checks/funding.py, income.py) to say.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from authoring.diagnostics import Report
from authoring.model.paper import Amounts, CostLine, Finance, Funder, FundingLine, Recipient
from authoring.spec.schema import did_you_mean

ZERO = Decimal(0)


class Periods:
    """The paper's periods, and amounts spread over them."""

    def __init__(self, labels: list[str], report: Report) -> None:
        self.labels = tuple(labels) or ("",)
        self.report = report
        self.nothing = (ZERO,) * len(self.labels)

    def split(self, amount: Any, path: tuple, period: str = "") -> Amounts:
        """An amount as one figure per period; nothing (and a finding) when it cannot be placed,
        so one misplaced amount is one finding, not a cascade of missing lines."""
        if isinstance(amount, dict):
            out = [ZERO] * len(self.labels)
            for key, value in amount.items():
                if key not in self.labels:  # reported; the periods that exist still count
                    self.unknown(key, path + (key, "<key>"))
                    continue
                out[self.labels.index(key)] = value
            return tuple(out)
        if period:
            if period not in self.labels:
                self.unknown(period, path[:-1] + ("period",))
                return self.nothing
            return tuple(amount if p == period else ZERO for p in self.labels)
        if len(self.labels) > 1:
            self.report.add("PCD108", "this paper is split by period (" + ", ".join(self.labels)
                            + "): give the amount by period, or say which 'period' it falls in", path)
            return self.nothing
        return (amount,)

    def unknown(self, key: str, path: tuple) -> None:
        if self.labels == ("",):
            self.report.add("PCD108", f"period '{key}' is not declared: list the paper's periods "
                            "under finance.periods", path)
        else:
            self.report.add("PCD108", f"period '{key}' is not one of finance.periods ("
                            + ", ".join(self.labels) + ")" + did_you_mean(key, self.labels), path)


def unique(items: list[dict], path: tuple, what: str, report: Report) -> list[tuple[int, dict]]:
    """Items with their index, reporting any id used twice."""
    seen: set[str] = set()
    for i, item in enumerate(items):
        if item["id"] in seen:
            report.add("PCD204", f"{what} id '{item['id']}' is used twice", path + (i, "id"))
        seen.add(item["id"])
    return list(enumerate(items))


def compute_finance(spec: dict[str, Any] | None, report: Report) -> Finance:
    """The paper's money, computed from the spec's `finance` (absent: a paper with no money)."""
    if not spec:
        return Finance()
    periods = Periods(spec.get("periods", []), report)
    width = len(periods.labels)
    funders = {f["id"]: (i, f) for i, f in unique(spec["funders"], ("finance", "funders"), "funder", report)}
    recipients = {r["id"]: (i, r) for i, r in
                  unique(spec.get("recipients", []), ("finance", "recipients"), "recipient", report)}
    costs = []
    for i, cost in unique(spec["costs"], ("finance", "costs"), "cost", report):
        path = ("finance", "costs", i)
        amount = periods.split(cost["amount"], path + ("amount",), cost.get("period", ""))
        use, recipient = cost.get("use", "spend"), cost.get("recipient", "")
        if use == "award" and recipient not in recipients:
            report.add("PCD110", (f"recipient '{recipient}' is not listed under finance.recipients"
                                  + did_you_mean(recipient, recipients)) if recipient else
                       "an onward award needs its 'recipient'", path + (("recipient",) if recipient else ()))
        elif use != "award" and recipient:
            report.add("PCD110", "only a cost with 'use: award' has a recipient", path + ("recipient",))
        lines = funding_lines(cost, amount, path, funders, periods, report)
        costs.append(CostLine(cost["id"], cost["label"], amount, tuple(lines), path, use, recipient,
                              cost.get("budget", ""), cost.get("vat", spec.get("vat", "")),
                              cost.get("up_to", False)))
    out_funders = []
    for fid, (i, f) in funders.items():
        fpath = ("finance", "funders", i)
        taken = tuple(sum((ln.by_period[p] for c in costs for ln in c.funding if ln.funder == fid), ZERO)
                      for p in range(width))
        stated = periods.split(f["amount"], fpath + ("amount",)) if "amount" in f else None
        kind = f.get("kind") or ("budget" if f.get("internal") else "contribution")
        if f.get("internal") and kind not in ("budget", "carry_forward", "reserve", "prior_approval"):
            report.add("PCD016", f"'internal: true' contradicts 'kind: {kind}'", fpath + ("internal",))
        out_funders.append(Funder(fid, f["name"], kind, taken, fpath, stated, f.get("up_to", False),
                                  f.get("approved_by", "")))
    out_recipients = [
        Recipient(rid, r["name"], tuple(sum((c.by_period[p] for c in costs if c.recipient == rid), ZERO)
                                        for p in range(width)), ("finance", "recipients", i))
        for rid, (i, r) in recipients.items()]
    finance = Finance(tuple(costs), tuple(out_funders), periods.labels, tuple(out_recipients),
                      spec.get("vat", ""))
    if spec.get("figures"):  # computed ones get their amount here, so every later stage reads it
        spec["figures"] = derive_figures(spec["figures"], finance, report)
    check_figures(spec.get("figures", []), finance, report)
    return finance


def computed_amounts(finance: Finance) -> dict[str, Decimal]:
    """The amounts of this paper's finance a figure may be computed from, by reference name."""
    out = {f"cost.{c.id}": c.amount for c in finance.costs}
    out.update({f"funder.{f.id}": f.total for f in finance.funders})
    out.update({f"recipient.{r.id}": r.total for r in finance.recipients})
    out.update({f"funding.{ln.funder}.{c.id}": ln.amount for c in finance.costs for ln in c.funding})
    out["total.costs"] = finance.cost_total
    return out


def derive_figures(figures: list[dict[str, Any]], finance: Finance, report: Report) -> list[dict[str, Any]]:
    """Each figure with its amount: typed, or computed from 'sum' less 'less' (an earlier figure
    may be named too). A figure with neither, both, or a name that is no amount is PCD517; it is
    then left out, so nothing is computed from a guess."""
    known = computed_amounts(finance)
    out = []
    for i, f in enumerate(figures):
        path = ("finance", "figures", i)
        if ("amount" in f) == ("sum" in f):
            report.add("PCD517", f"figure '{f['id']}' needs an 'amount' or a 'sum' of amounts this paper "
                       "computes, not " + ("both" if "amount" in f else "neither"), path)
            continue
        if "amount" in f:
            out.append(f)
            known[f"figure.{f['id']}"] = f["amount"]
            continue
        names = [(key, j, name.strip("{}")) for key in ("sum", "less")
                 for j, name in enumerate(f.get(key, []))]
        missing = next(((key, j, n) for key, j, n in names if n not in known), None)
        if missing:
            key, j, name = missing
            report.add("PCD517", f"figure '{f['id']}' {'adds' if key == 'sum' else 'takes away'} '{name}', "
                       "which is no amount this paper computes" + did_you_mean(name, list(known)),
                       path + (key, j))
            continue
        total = sum((known[n] if key == "sum" else -known[n] for key, _, n in names), ZERO)
        out.append({**f, "amount": total})
        known[f"figure.{f['id']}"] = total
    return out


EARLIER = re.compile(r"\b(earlier|previous(ly)?|prior|past|historic(al)?|already)\b|[A-Z]{2,5} ?\d{2,6}",
                     re.IGNORECASE)


def check_figures(figures: list[dict[str, Any]], finance: Finance, report: Report) -> None:
    """Figures the model cannot compute: a total of other figures must add up, and one equal to
    an amount this paper computes must say where it comes from (else it is that amount, typed)."""
    amounts: dict[Decimal, str] = {}
    named = [(c.amount, f"cost.{c.id}") for c in finance.costs]
    named += [(f.total, f"funder.{f.id}") for f in finance.funders]
    named += [(r.total, f"recipient.{r.id}") for r in finance.recipients]
    for value, name in named + [(finance.cost_total, "total.costs")]:
        amounts.setdefault(value, name)
    by_id = {f["id"]: f["amount"] for f in figures}
    for i, f in enumerate(figures):
        path = ("finance", "figures", i)
        parts = f.get("total_of", [])
        unknown = [p for p in parts if p not in by_id]
        if unknown:
            report.add("PCD517", f"figure '{f['id']}' is a total of '{unknown[0]}', which is no figure",
                       path + ("total_of",))
        elif parts and sum((by_id[p] for p in parts), ZERO) != f["amount"]:
            total = sum((by_id[p] for p in parts), ZERO)
            report.add("PCD517", f"figure '{f['id']}' is {f['amount']:,} but the figures it totals "
                       f"({' + '.join(parts)}) add up to {total:,}", path + ("amount",))
        same = amounts.get(f["amount"])
        if same and "sum" not in f and not f.get("source") and not EARLIER.search(f["description"]):
            report.add("PCD517", f"figure '{f['id']}' equals {{{same}}}, which this paper computes: "
                       f"write {{{same}}} in the prose, or give the figure's 'source' if it is "
                       "another amount", path + ("amount",))


def funding_lines(cost: dict, amount: Amounts, path: tuple, funders: dict, periods: Periods,
                  report: Report) -> list[FundingLine]:
    """A cost's funding lines; the one `remainder` line takes what the others leave, per period."""
    lines: list[FundingLine] = []
    rest: list[tuple[int, dict, tuple]] = []
    for j, line in enumerate(cost["funding"]):
        lpath = path + ("funding", j)
        if line["funder"] not in funders:
            report.add("PCD104", f"unknown funder '{line['funder']}'" + did_you_mean(line["funder"], funders),
                       lpath + ("funder",))
            continue
        value = line["amount"]
        if value == "remainder" or (isinstance(value, dict) and "remainder" in value.values()):
            rest.append((len(lines), line, lpath))
            lines.append(FundingLine(line["funder"], cost["id"], (ZERO,) * len(amount), lpath))
            continue
        own_period = cost.get("period", "") if not isinstance(value, dict) else ""
        if not own_period and not isinstance(value, dict) and len(amount) > 1:
            # a single figure on a cost split by period: it can only sit in the cost's one period
            used = [p for p, a in zip(periods.labels, amount) if a]
            own_period = used[0] if len(used) == 1 else ""
        lines.append(FundingLine(line["funder"], cost["id"], periods.split(value, lpath + ("amount",),
                                                                           own_period), lpath))
    # Per period, at most one line is the remainder: it takes what the fixed amounts leave.
    fixed: list[list[Decimal | None]] = []  # per remainder line, per period: its own amount or None
    for _, line, lpath in rest:
        given = line["amount"] if isinstance(line["amount"], dict) else None
        for key in given or {}:
            if key not in periods.labels:
                periods.unknown(key, lpath + ("amount", key, "<key>"))
        fixed.append([None if (given is None or given.get(label) == "remainder")
                      else Decimal(given.get(label, ZERO)) for label in periods.labels])
    for p, label in enumerate(periods.labels):
        takers = [k for k, own in enumerate(fixed) if own[p] is None]
        for k in takers[1:]:
            report.add("PCD105", "only one funding line of a cost may be 'remainder'"
                       + (f" in {label}" if label else ""), rest[k][2] + ("amount",))
        remainders = {a for a, _, _ in rest}
        settled = sum((ln.by_period[p] for k, ln in enumerate(lines) if k not in remainders), ZERO)
        settled += sum((v for own in fixed if (v := own[p]) is not None), ZERO)
        for k, own in enumerate(fixed):
            if own[p] is None:
                own[p] = amount[p] - settled if k == (takers[0] if takers else -1) else ZERO
    for (at, line, lpath), own in zip(rest, fixed):
        lines[at] = FundingLine(line["funder"], cost["id"], tuple(v or ZERO for v in own), lpath)
    return lines
