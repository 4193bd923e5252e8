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
from authoring.importer.form import Note

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


def read_finance(t: Table, org_short: str) -> Finance:
    out = Finance()
    where = "finance table"
    rows = [[c.strip() for c in r] for r in t.rows]
    costs: list[tuple[str, Decimal]] = []
    funders: list[tuple[str, Decimal | None]] = []
    printed: dict[str, Decimal] = {}
    part = "costs"
    for i, row in enumerate(rows):
        cells = [c for c in row if c]
        if not cells:
            continue
        label = cells[0].rstrip(":")
        amounts = [m for m in (money(c) for c in cells[1:]) if m is not None]
        low = label.lower()
        if low.startswith("funded by"):
            part = "funders"
            continue
        if low.startswith("total") or low.startswith("sub-total") or low.startswith("subtotal"):
            if amounts:
                printed[part] = amounts[-1]
            continue
        if not amounts:
            if i > 0 and money(label) is None:
                out.notes.append(Note(f"{where} row {i + 1}", f"no amount, left out: {label!r}"))
            continue
        if len(amounts) > 1:
            out.notes.append(Note(f"{where} row {i + 1}", "several amounts: the last is taken as "
                                  "the line's total (periods are not imported)"))
        (costs if part == "costs" else funders).append((label, amounts[-1]))
    if not costs or not funders:
        out.notes.append(Note(where, "no cost lines and 'Funded by' lines found: finance left out"))
        return out
    _compare(out, "costs", sum((a for _, a in costs), Decimal(0)), printed.get("costs"))
    _compare(out, "funders", sum((a or Decimal(0) for _, a in funders), Decimal(0)),
             printed.get("funders"))
    out.spec = _spec(out, costs, funders, org_short)
    return out


def _compare(out: Finance, part: str, total: Decimal, printed: Decimal | None) -> None:
    if printed is not None and printed != total:
        what = "Total" if part == "costs" else "Total funding"
        code = "PCD101" if part == "funders" else "PCD102"
        out.notes.append(Note("finance table", f"error[{code}] the printed '{what}' is "
                              f"£{printed:,} but its lines add up to £{total:,}"))


def _spec(out: Finance, costs, funders, org_short: str) -> dict:
    taken: set[str] = set()
    fids = [slug(name, taken) for name, _ in funders]
    cids = [slug(label, taken, _common([label for label, _ in costs])) for label, _ in costs]
    kinds = [_kind(name, org_short) for name, _ in funders]
    internal = [i for i, k in enumerate(kinds) if k]
    last = internal[-1] if internal else len(funders) - 1
    split = _whole_lines([a for _, a in costs], [a for _, a in funders])
    if split is None:
        split = _fill([a for _, a in costs], [a for _, a in funders], last)
        if len(funders) > 1:
            out.notes.append(Note("finance table", "who funds which cost is not printed: the split "
                                  "was worked out from the totals; check finance.costs[].funding"))
    funder_specs = []
    for j, (name, printed) in enumerate(funders):
        entry: dict = {"id": fids[j], "name": name}
        if kinds[j]:
            entry["kind"] = kinds[j]
        used = sum((split[i][j] for i in range(len(costs))), Decimal(0))
        if printed is not None and used != printed:
            entry["amount"] = amount_value(printed)   # the paper's figure, so the check names it
            out.notes.append(Note(f"funder '{name}'", f"printed £{printed:,}, but the cost lines "
                                  f"leave £{used:,} to it: kept as printed for pcd check to report"))
        funder_specs.append(entry)
        out.labels[f"funder.{fids[j]}"] = name
    cost_specs = []
    for i, (label, amount) in enumerate(costs):
        lines = [(j, split[i][j]) for j in range(len(funders)) if split[i][j]]
        if not lines:
            lines = [(last, Decimal(0))]
        funding = [{"funder": fids[j], "amount": amount_value(a)} for j, a in lines[:-1]]
        funding.append({"funder": fids[lines[-1][0]], "amount": "remainder"})
        cost_specs.append({"id": cids[i], "label": label, "amount": amount_value(amount),
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
