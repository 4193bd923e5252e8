"""Text rules: no typed money, no undefined abbreviations, no slips of the keyboard."""

from __future__ import annotations

import re

from authoring.diagnostics import Report
from authoring.model.paper import Paper
from authoring.model.text import abbreviations_in

LITERAL_MONEY = re.compile(r"£\s?\d[\d,]*(\.\d+)?(\s?(million|billion|m|k|bn)\b)?")
DOUBLED = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE)
PLACEHOLDER = re.compile(r"^\s*to be written", re.IGNORECASE)


def check(paper: Paper, report: Report) -> None:
    known_values = _amounts(paper)
    forbidden = re.compile(paper.style["money_forbidden"])
    seen_text: dict[str, tuple] = {}
    undefined: set[str] = set()
    for prose in paper.prose():
        literal = _literal(prose.source)
        for m in LITERAL_MONEY.finditer(literal):
            hint = known_values.get(_value(m.group(0)))
            hint = f"; it equals {{{hint}}}, so write that" if hint else (
                "; refer to a computed figure, e.g. {funder.ID}, or declare it under finance.figures")
            report.add("PCD202", f"'{m.group(0).strip()}' is typed in the prose{hint}", prose.path,
                       needle=m.group(0).strip())
        for m in forbidden.finditer(literal):
            report.add("PCD209", f"'{m.group(0)}': {paper.style['money_advice']}", prose.path,
                       needle=m.group(0))
        for m in DOUBLED.finditer(literal):
            if not m.group(1).isdigit():
                report.add("PCD207", f"'{m.group(0)}': the word is repeated", prose.path,
                           needle=m.group(1))
        for word in abbreviations_in(literal):
            if word not in paper.abbreviations and word not in undefined:
                undefined.add(word)
                report.add("PCD206", f"'{word}' is not defined: add it under abbreviations", prose.path,
                           needle=word)
        if PLACEHOLDER.match(prose.source):
            report.add("PCD210", "this paragraph is still to be written", prose.path)
            continue
        key = " ".join(prose.source.lower().split())
        if len(key) > 40 and key in seen_text:
            report.add("PCD208", "this paragraph repeats an earlier one word for word", prose.path)
        seen_text.setdefault(key, prose.path)


def _literal(source: str) -> str:
    """The author's own words: references and link addresses removed."""
    return re.sub(r"\{[^{}]*\}|\]\([^)]*\)", " ", source)


def _value(text: str):
    from decimal import Decimal, InvalidOperation

    digits = re.sub(r"[^\d.]", "", text.split()[0] if " " in text.strip() else text)
    try:
        return Decimal(digits.rstrip("."))
    except InvalidOperation:
        return None


def _amounts(paper: Paper) -> dict:
    """Computed amounts by value, so a typed figure can be matched to the reference for it."""
    out = {}
    fin = paper.finance
    for c in fin.costs:
        out.setdefault(c.amount, f"cost.{c.id}")
    for f in fin.funders:
        out.setdefault(f.total, f"funder.{f.id}")
    for c in paper.contracts:
        out.setdefault(c.value_after, f"contract.{c.id}.value_after")
        out.setdefault(c.value, f"contract.{c.id}.value")
    for k, v in paper.figures.items():
        out.setdefault(v, f"figure.{k}")
    out.setdefault(fin.cost_total, "total.costs")
    return out

