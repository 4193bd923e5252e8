"""The finance table as printed (costs, "Funded by", totals) turned into costs, funders and
funding lines with every amount entered once.

A printed table gives each funder's total, not who funds which cost: the split is found when the
funders' totals can be made of whole cost lines, and otherwise worked out (a funder whose total
is one cost takes it, the others fill the smallest costs first, the organisation's own budget
takes the remainder), and the import says so. A printed figure the lines do not
support is kept as the funder's `amount`, so `pcd check` names both figures (PCD107).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from authoring.importer.blocks import Table
from authoring.importer.common import Note

AMOUNT = re.compile(r"^\(?-?£?\s*\d[\d,]*(\.\d+)?\)?$")
PERIOD = re.compile(r"^(\d{4})\s*[/-]\s*(\d{2}|\d{4})$")
INTERNAL = {"budget": "budget", "reserve": "reserve", "carry forward": "carry_forward",
            "carry-forward": "carry_forward"}


@dataclass
class Finance:
    spec: dict | None = None
    notes: list[Note] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)   # cost id → label, funder id → name


def money(text: str) -> Decimal | None:
    """'£273,497', '273,497.50', '(1,000)' → Decimal; anything else → None."""
    t = text.replace(" ", "").replace("\u00a0", "")
    if not t or not AMOUNT.match(t):
        return None
    try:
        value = Decimal(t.strip("()").replace("£", "").replace(",", ""))
    except InvalidOperation:
        return None
    return -value if t.startswith("(") else value


STOP = {"the", "of", "and", "for", "to", "a", "an", "in", "until", "from", "with", "on"}


def slug(text: str, taken: set[str], common: frozenset[str] = frozenset()) -> str:
    """An id from a label's first distinctive words: 'London Probation' → london_probation."""
    words = [w for w in re.findall(r"[a-z0-9]+", text.lower())
             if w not in STOP and not w.isdigit() and w not in common]
    base = "_".join(words[:3]) or "line"
    if base[0].isdigit():
        base = f"x{base}"
    name, n = base, 2
    while name in taken:
        name, n = f"{base}_{n}", n + 1
    taken.add(name)
    return name


def amount_value(value: Decimal):
    """Whole pounds as an integer, pence as quoted text (the spec's two forms of money)."""
    value = value.normalize() if value == value.to_integral() else value
    return int(value) if value == value.to_integral() else f"{value:.2f}"


Amounts = dict[str, Decimal]   # period label → amount; the key "" when the table has no periods


def read_finance(t: Table, org_short: str) -> Finance:
    out = Finance()
    rows = [[c.strip() for c in r] for r in t.rows]
    periods, width = _columns(rows)
    costs: list[tuple[str, Amounts]] = []
    funders: list[tuple[str, Amounts]] = []
    printed: dict[str, Amounts] = {}
    part = "costs"
    for i, row in enumerate(rows):
        cells = [c for c in row if c]
        if not cells:
            continue
        where = f"finance table row {i + 1}"
        label = cells[0].rstrip(":")
        low = label.lower()
        if low.startswith("funded by"):
            part = "funders"
            continue
        amounts = _amounts(out, row, periods, width, where)
        if low.startswith(("total", "sub-total", "subtotal")):
            if amounts:
                printed[part] = amounts
            continue
        if not amounts:
            if i > 0 and money(label) is None:
                out.notes.append(Note(where, f"no amount, left out: {label!r}"))
            continue
        (costs if part == "costs" else funders).append((label, amounts))
    if not costs or not funders:
        out.notes.append(Note("finance table", "no cost lines and 'Funded by' lines found: "
                              "finance left out"))
        return out
    keys = periods or [""]
    for part, lines in (("costs", costs), ("funders", funders)):
        for k in keys:
            total = sum((a.get(k, Decimal(0)) for _, a in lines), Decimal(0))
            if part in printed and k in printed[part]:
                _compare(out, part, total, printed[part][k], k)
    out.spec = _spec(out, costs, funders, org_short, keys)
    if periods:
        out.spec = {"periods": periods, **out.spec}
    return out


def _columns(rows: list[list[str]]) -> tuple[list[str], int]:
    """The periods the header names ("2023/24 (£)") and how many amount columns there are."""
    header = [c for c in rows[0] if c] if rows else []
    labels = [re.sub(r"\(£\)|£", "", c).strip() for c in header[1:]]
    periods = [lb for lb in labels if PERIOD.match(lb)]
    return (periods if len(periods) > 1 else []), len(labels)


def _amounts(out: Finance, row: list[str], periods: list[str], width: int, where: str) -> Amounts:
    values = [money(c) for c in row[1:]]
    if not periods:
        found = [v for v in values if v is not None]
        if len(found) > 1:
            out.notes.append(Note(where, "several amounts: the last is taken as the line's total"))
        return {"": found[-1]} if found else {}
    # Cells are matched to the header from the right: a label may span several grid columns.
    cells = values[-width:] if width else values
    by_period = {p: v for p, v in zip(periods, cells) if v is not None}
    if len(cells) > len(periods) and cells[len(periods)] is not None and by_period:
        total = sum(by_period.values(), Decimal(0))
        if cells[len(periods)] != total:
            out.notes.append(Note(where, f"the row's printed total £{cells[len(periods)]:,} is "
                                  f"not the sum of its periods, £{total:,}: the periods are kept"))
    return by_period


def _compare(out: Finance, part: str, total: Decimal, printed: Decimal, period: str) -> None:
    if printed != total:
        what = "Total" if part == "costs" else "Total funding"
        column = f" ({period})" if period else ""
        out.notes.append(Note("finance table", f"the printed '{what}'{column} is "
                              f"£{printed:,} but its lines add up to £{total:,}"))


def _money_of(amounts: Amounts, keys: list[str]):
    if keys == [""]:
        return amount_value(amounts.get("", Decimal(0)))
    return {k: amount_value(amounts.get(k, Decimal(0))) for k in keys}


APPROVED = re.compile(r"(.+?) \(approved by ([A-Z]{2,5} ?\d+)\)")  # the table's "(approved by PCD 1065)"


def _spec(out: Finance, costs, funders, org_short: str, keys: list[str]) -> dict:
    approved = [APPROVED.fullmatch(name) for name, _ in funders]
    funders = [(m.group(1) if m else name, printed) for m, (name, printed) in zip(approved, funders)]
    taken: set[str] = set()
    fids = [slug(name, taken) for name, _ in funders]
    cids = [slug(label, taken, _common([label for label, _ in costs])) for label, _ in costs]
    kinds = [_kind(name, org_short) for name, _ in funders]
    internal = [i for i, k in enumerate(kinds) if k]
    last = internal[-1] if internal else len(funders) - 1
    splits = {}
    guessed = False
    for k in keys:
        cost_k = [a.get(k, Decimal(0)) for _, a in costs]
        fund_k = [a.get(k) for _, a in funders]
        split = _whole_lines(cost_k, fund_k)
        if split is None:
            split, guessed = _fill(cost_k, fund_k, last), True
        splits[k] = split
    if guessed and len(funders) > 1:
        out.notes.append(Note("finance table", "who funds which cost is not printed: the split "
                              "was worked out from the totals; check finance.costs[].funding"))
    funder_specs = []
    for j, (name, printed) in enumerate(funders):
        entry: dict = {"id": fids[j], "name": name}
        if kinds[j] or approved[j]:
            entry["kind"] = kinds[j] or "prior_approval"
        if approved[j]:
            entry["approved_by"] = approved[j].group(2)  # type: ignore[union-attr]
        used = {k: sum((splits[k][i][j] for i in range(len(costs))), Decimal(0)) for k in keys}
        wrong = [k for k in keys if k in printed and printed[k] != used[k]]
        if wrong:
            entry["amount"] = _money_of(printed, keys)  # the paper's figure, so the check names it
            for k in wrong:
                column = f" in {k}" if k else ""
                out.notes.append(Note(f"funder '{name}'", f"printed £{printed[k]:,}{column}, but "
                                      f"the cost lines leave £{used[k]:,} to it: kept as printed "
                                      "for pcd check to report"))
        funder_specs.append(entry)
        out.labels[f"funder.{fids[j]}"] = name
    cost_specs = []
    for i, (label, amounts) in enumerate(costs):
        lines = [j for j in range(len(funders)) if any(splits[k][i][j] for k in keys)] or [last]
        funding = [{"funder": fids[j], "amount": _money_of(
            {k: splits[k][i][j] for k in keys}, keys)} for j in lines[:-1]]
        funding.append({"funder": fids[lines[-1]], "amount": "remainder"})
        cost_specs.append({"id": cids[i], "label": label, "amount": _money_of(amounts, keys),
                           "funding": funding})
        out.labels[f"cost.{cids[i]}"] = label
    return {"funders": funder_specs, "costs": cost_specs}


def _common(labels: list[str]) -> frozenset[str]:
    """Words every label shares ('IOM'), which tell the lines apart no better than nothing."""
    sets = [set(re.findall(r"[a-z0-9]+", label.lower())) for label in labels]
    return frozenset(set.intersection(*sets)) if len(sets) > 1 else frozenset()


def _kind(name: str, org_short: str) -> str:
    low = name.lower()
    for word, kind in INTERNAL.items():
        if word in low:
            return kind
    return "budget" if org_short and low.startswith(org_short.lower()) else ""


def _whole_lines(costs: list[Decimal], totals: list[Decimal | None]):
    """Give each cost wholly to one funder so that every funder's total comes out exact."""
    n, m = len(costs), len(totals)
    if any(t is None for t in totals) or m ** n > 200_000:
        return None
    for choice in itertools.product(range(m), repeat=n):
        sums = [Decimal(0)] * m
        for i, j in enumerate(choice):
            sums[j] += costs[i]
        if sums == totals:
            return [[costs[i] if choice[i] == j else Decimal(0) for j in range(m)]
                    for i in range(n)]
    return None


def _fill(costs: list[Decimal], totals: list[Decimal | None], last: int):
    """Fill the costs from each funder's total: a funder whose total is exactly one cost takes
    it, the others fill the smallest costs first (so as few as possible are split), and `last`
    takes whatever is left."""
    split = [[Decimal(0)] * len(totals) for _ in costs]
    left = list(costs)
    budgets = {j: t or Decimal(0) for j, t in enumerate(totals) if j != last}
    for j, budget in list(budgets.items()):
        exact = [i for i in range(len(costs)) if left[i] == budget and budget > 0]
        if exact:
            split[exact[0]][j], left[exact[0]], budgets[j] = budget, Decimal(0), Decimal(0)
    for j, budget in budgets.items():
        for i in sorted(range(len(costs)), key=lambda k: left[k]):
            take = min(budget, left[i])
            if take > 0:
                split[i][j], left[i], budget = split[i][j] + take, left[i] - take, budget - take
    for i in range(len(costs)):
        split[i][last] += left[i]
    return split
