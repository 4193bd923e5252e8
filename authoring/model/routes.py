"""Who must approve each action of a paper under the house style's scheme of delegation."""

from __future__ import annotations

from typing import Any, Callable

from authoring.model.paper import ContractChange, Finance, Route

# What a delegation rule may test, against the facts of one action.
TESTS: dict[str, Callable[[Any, dict], bool]] = {
    "change_from": lambda v, f: f.get("change", 0) >= v,
    "change_below": lambda v, f: f.get("change", 0) < v,
    "contract_from": lambda v, f: f.get("contract", 0) >= v,
    "unforeseen": lambda v, f: (not f.get("foreseen", False)) == v,
    "percent_over": lambda v, f: f.get("percent", 0) > v,
    "months_over": lambda v, f: f.get("months", 0) > v,
    "value_from": lambda v, f: f["value"] >= v,
    "value_over": lambda v, f: f["value"] > v,
    "value_below": lambda v, f: f["value"] < v,
    "value_upto": lambda v, f: f["value"] <= v,
    "route": lambda v, f: f.get("route") == v,
}


def matches(rule: dict, facts: dict) -> bool:
    return all(test(rule[key], facts) for key, test in TESTS.items() if key in rule)


# The value of an award a threshold compares with, as the house style says (award_value).
AWARD_VALUES = {
    "annual": lambda a: a.annual_value if a.annual_value is not None else (
        a.initial_value * 12 / a.months if a.months else a.initial_value),
    "initial_term": lambda a: a.initial_value,
    "whole_life": lambda a: a.max_value,
}


def actions(finance: Finance, contracts: list[ContractChange], basis: str = "whole_life"):
    """Every action the paper asks approval for: (action, facts, label, path)."""
    for f in finance.funders:
        if not f.internal and f.total:
            yield "accept_funding", {"value": f.total}, f"accept funding from {f.name}", f.path
        elif f.kind in ("reserve", "carry_forward") and f.new_money and f.total:
            yield "budget_drawdown", {"value": f.total}, f"draw {f.name}", f.path
    for r in finance.recipients:
        if r.total:
            yield "onward_grant", {"value": r.total}, f"award to {r.name}", r.path
    for c in contracts:
        if c.award:
            yield ("contract_award", {"value": AWARD_VALUES[basis](c.award), "route": c.award.route},
                   f"award of {c.name}", c.path)
        else:
            yield "contract_change", {"value": c.change, "change": c.change, "contract": c.value,
                                      "foreseen": c.foreseen, "percent": c.percent,
                                      "months": c.months or 0}, f"{c.kind} of {c.name}", c.path


def compute_routes(style, finance: Finance, contracts: list[ContractChange]) -> list[Route]:
    """Each action needs the highest-ranked authority among the rules that match it; an action
    no rule covers needs the highest authority of all."""
    ranks = {k: a["rank"] for k, a in style.authorities.items()}
    top = max(ranks, key=lambda k: ranks[k])
    rules = style["delegation"]
    basis = style.data.get("award_value") or "whole_life"
    out = []
    for action, facts, label, path in actions(finance, contracts, basis):
        told = basis if action == "contract_award" else ""
        hits = [r for r in rules if action in _listed(r["action"]) and matches(r, facts)]
        if not hits:
            out.append(Route(label, top, "", path, facts["value"], told))
            continue
        best = max(hits, key=lambda r: ranks[r["authority"]])
        out.append(Route(label, best["authority"], str(best.get("clause", "")), path,
                         facts["value"], told))
    return out


ALL = ("accept_funding", "budget_drawdown", "onward_grant", "contract_award", "contract_change")


def _listed(action) -> tuple[str, ...] | list[str]:
    """A rule's actions: one, a list, or `any`."""
    if action == "any":
        return ALL
    return action if isinstance(action, list) else [action]
