"""The paper's own names for its values and items: what a reader of the paper calls each one."""

from __future__ import annotations

import re

from authoring.commands.diff.change import Version
from authoring.model.paper import ContractChange, Paper

TOTALS = {"costs": "total costs", "funding": "total funding", "spent": "total spent",
          "awarded": "total awarded onward", "kept": "total kept", "capital": "total capital",
          "revenue": "total revenue", "new_money": "new money in this decision",
          "approved_before": "money approved by earlier decisions",
          "approved_by": "the earlier decisions that approved money"}

# The kinds of named value in the finance table's reading order; the first five may be per period.
ORDER = ["cost", "funding", "funder", "recipient", "total", "contract", "figure", "period"]


def named(paper: Paper) -> dict[str, dict[str, str]]:
    """Each cost line, funder, recipient and contract by id, named as the paper names it."""
    fin = paper.finance
    return {"cost": {c.id: c.label for c in fin.costs}, "funder": {f.id: f.name for f in fin.funders},
            "recipient": {r.id: r.name for r in fin.recipients},
            "contract": {k.id: contract_name(k) for k in paper.contracts}}


def figure_notes(tree: dict) -> dict[str, str]:
    """Each historical figure's description (what the paper calls it), by id."""
    finance = tree.get("finance")
    out: dict[str, str] = {}
    for f in (finance.get("figures") if isinstance(finance, dict) else None) or []:
        if isinstance(f, dict) and isinstance(f.get("id"), str):
            out[f["id"]] = str(f.get("description") or f.get("amount") or f["id"])
    return out


def item_name(space: str | None, ident: str, v: Version) -> str:
    """What the paper calls the item with this id in this namespace ("" when it has no such item)."""
    if v.paper is None or space is None:
        return ""
    names = {**named(v.paper), "figure": figure_notes(v.tree),
             "rec": {r.id: f"recommendation {r.number}" for r in v.paper.recommendations}}
    return names.get(space, {}).get(ident, "")


def contract_name(k: ContractChange) -> str:
    """'the contract MOPAC 957', or by its service or supplier when it has no number yet."""
    if k.number:  # "MOPAC 957"; some papers number a contract by its holder's name
        return f"the {k.number}" if "contract" in k.number.lower() else f"the contract {k.number}"
    if k.service:
        return f"the {re.sub(r'^the ', '', k.service)} contract"
    return f"the contract with {k.supplier}" if k.supplier else "the new contract"


def contract_label(k: ContractChange, attr: str) -> str:
    c, kind = contract_name(k), ("award" if k.award else k.kind)
    labels = {
        "": f"the name of {c}", "supplier": f"{c}'s supplier", "service": f"{c}'s service",
        "route": f"who approves the {kind} of {c}", "starts": f"{c}'s start date",
        "ends": f"{c}'s end date" + ("" if k.award else f" before the {kind}"),
        "new_end": f"{c}'s end date after the {kind}", "months": f"the length of the {kind} of {c}",
        "change": f"the value of the {kind} of {c}",
        "value": f"{c}'s {'initial' if k.award else 'original'} value",
        "value_before": f"{c}'s value before the {kind}", "value_after": f"{c}'s value after the {kind}",
        "percent": f"the {kind} of {c} as a share of its original value",
        "earlier": f"earlier changes to {c}",
        "cumulative_percent": f"all changes to {c} as a share of its original value",
        "max_value": f"{c}'s maximum value", "annual_value": f"{c}'s annual value",
        "term": f"{c}'s term", "duration": f"{c}'s initial term", "max_duration": f"{c}'s longest term",
        "procurement": f"how {c} is procured",
    }
    return labels.get(attr, f"{c}: {attr.replace('_', ' ')}")


def label(name: str, paper: Paper, notes: dict[str, str]) -> str:
    """What the paper calls a computed value: 'MOPAC IOM 2025/26 budget towards IOM …'."""
    from authoring.model.names import period_id

    parts = name.split(".")
    fin = paper.finance
    periods = {period_id(p): p for p in fin.periods} if len(fin.periods) > 1 else {}
    when = ""
    if len(parts) > 1 and parts[-1] in periods and parts[0] in ORDER[:5]:
        when, parts = f", {periods[parts[-1]]}", parts[:-1]
    head, rest = parts[0], parts[1:]
    names = named(paper)
    costs, funders, recipients = names["cost"], names["funder"], names["recipient"]
    contracts = {k.id: k for k in paper.contracts}
    if head == "total" and len(rest) == 1 and rest[0] in TOTALS:
        return TOTALS[rest[0]] + when
    if head == "cost" and rest and rest[0] in costs:
        return (f"who funds {costs[rest[0]]}" if rest[1:] == ["funders"] else costs[rest[0]]) + when
    if head == "funding" and len(rest) == 2 and rest[0] in funders and rest[1] in costs:
        return f"{funders[rest[0]]} towards {costs[rest[1]]}{when}"
    if head == "funder" and rest and rest[0] in funders:
        more = {"name": "a funder's name", "approved_by": f"the earlier approval of {funders[rest[0]]}",
                "provides": f"what {funders[rest[0]]} provides{when}"}
        return more.get(rest[1], name) if len(rest) > 1 else f"all funding from {funders[rest[0]]}{when}"
    if head == "recipient" and rest and rest[0] in recipients:
        return "a recipient's name" if rest[1:] == ["name"] else f"all awarded to {recipients[rest[0]]}{when}"
    if head == "contract" and rest and rest[0] in contracts:
        return contract_label(contracts[rest[0]], ".".join(rest[1:]))
    if head == "figure" and len(rest) == 1:
        return notes.get(rest[0], rest[0])
    if head == "count" and len(rest) == 1:
        return f"the number of {rest[0]}"
    if head == "period":
        return "a period's name"
    return name
