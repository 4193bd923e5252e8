"""The names prose may use for money and contracts, and the values behind them."""

from __future__ import annotations

import re
from typing import Callable

from authoring.model.paper import ContractChange, Finance, total
from authoring.model.references import Duration, Percent

Add = Callable[..., None]
USE_NAMES = {"spend": "spent", "award": "awarded", "keep": "kept"}


def period_id(label: str) -> str:
    """A period's name in references: '2023/24' is {cost.ID.2023-24}."""
    return "-".join(re.findall(r"[a-z0-9]+", label.lower()))


def money_names(add: Add, finance: Finance) -> None:
    periods = [period_id(p) for p in finance.periods] if len(finance.periods) > 1 else []

    def amounts(base: str, by_period) -> None:
        add(base, total(by_period))
        for pid, value in zip(periods, by_period):
            add(f"{base}.{pid}", value)

    amounts("total.costs", finance.cost_period_totals())
    amounts("total.funding", finance.funding_period_totals())
    for use in ("spend", "award", "keep"):
        lines = [c for c in finance.costs if c.use == use]
        if lines:
            amounts(f"total.{USE_NAMES[use]}", finance.cost_period_totals(lines))
    for budget in ("capital", "revenue"):
        lines = [c for c in finance.costs if c.budget == budget]
        if lines:
            amounts(f"total.{budget}", finance.cost_period_totals(lines))
    add("total.new_money", finance.new_money)
    add("total.approved_before", finance.funding_total - finance.new_money)
    add("total.approved_by", and_list([f.approved_by for f in finance.funders if f.approved_by]))
    for pid, label in zip(periods, finance.periods):
        add(f"period.{pid}", label)
    funder_names = {f.id: f.name for f in finance.funders}
    for f in finance.funders:
        amounts(f"funder.{f.id}", f.by_period)
        add(f"funder.{f.id}.name", f.name)
        if f.approved_by:
            add(f"funder.{f.id}.approved_by", f.approved_by)
    for r in finance.recipients:
        amounts(f"recipient.{r.id}", r.by_period)
        add(f"recipient.{r.id}.name", r.name)
    for c in finance.costs:
        amounts(f"cost.{c.id}", c.by_period)
        add(f"cost.{c.id}.funders", and_list([funder_names[ln.funder] for ln in c.funding]))
        for ln in c.funding:
            amounts(f"funding.{ln.funder}.{c.id}", ln.by_period)


class Wording:
    """How the house style writes durations and percentages."""

    def __init__(self, words: bool = True, places: int = 1) -> None:
        self.words, self.places = words, places

    @classmethod
    def of(cls, style) -> Wording:
        return cls(bool(style.data.get("numbers_in_words", True)), int(style.data.get("percent_places", 1)))


def contract_names(add: Add, contracts: list[ContractChange], routes: dict[tuple, str],
                   procurement: dict[str, str], wording: Wording) -> None:
    for k in contracts:
        base = f"contract.{k.id}"
        add(base, k.name)
        for name in ("supplier", "service"):
            add(f"{base}.{name}", getattr(k, name))
        add(f"{base}.route", routes[k.path])
        for name in ("starts", "ends", "new_end"):
            if getattr(k, name):
                add(f"{base}.{name}", getattr(k, name))
        if k.months:
            add(f"{base}.months", Duration(k.months, wording.words))
        if k.award:
            a = k.award
            add(f"{base}.value", a.initial_value)
            add(f"{base}.max_value", a.max_value)
            if a.annual_value is not None:
                add(f"{base}.annual_value", a.annual_value)
            add(f"{base}.term", _term(a.months, a.extensions))
            add(f"{base}.duration", Duration(a.months, wording.words))
            add(f"{base}.max_duration", Duration(a.max_months, wording.words))
            if a.route:  # not yet decided when a paper only starts the procurement
                add(f"{base}.procurement", procurement.get(a.route, a.route))
            continue
        add(f"{base}.change", k.change)
        if not k.known_value:
            continue
        for name in ("value", "value_before", "value_after"):
            add(f"{base}.{name}", getattr(k, name))
        add(f"{base}.percent", Percent(k.percent, wording.places))
        if k.history:
            add(f"{base}.earlier", k.earlier)
            add(f"{base}.cumulative_percent", Percent(k.cumulative_percent, wording.places))


def and_list(names: list[str], unique: bool = True) -> str:
    """'A', 'A and B', 'A, B and C'."""
    names = list(dict.fromkeys(names)) if unique else names
    return " and ".join(names) if len(names) < 3 else ", ".join(names[:-1]) + " and " + names[-1]


def _term(months: int, extensions: tuple[int, ...]) -> str:
    """'2 years, with options to extend by 2 years and 1 year'; a term in months reads so."""
    def n(count: int, unit: str) -> str:
        return f"{count} {unit}" + ("s" if count != 1 else "")
    first = n(months // 12, "year") if months % 12 == 0 else n(months, "month")
    if not extensions:
        return first
    return first + ", with options to extend by " + and_list([n(e, "year") for e in extensions], unique=False)
