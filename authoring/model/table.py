"""The costs and funding table as rows of amounts: both renderers lay out the same rows."""

from __future__ import annotations

from typing import Callable

from authoring.model.paper import Finance, FinanceTable, TableRow, total

Words = Callable[[str, str], str]  # (house-style text key, fallback) -> the words


def table_of(paper) -> FinanceTable:
    """The paper's table, worded by its house style (called when rendering: it formats money)."""
    from authoring.model.text import plain_text

    texts = paper.boilerplate

    def words(key: str, fallback: str) -> str:
        return plain_text(texts[key].spans) if key in texts else fallback

    return finance_table(paper.finance, words, plain_text(texts["table_caption"].spans))


def finance_table(fin: Finance, words: Words, caption: str) -> FinanceTable:
    split = len(fin.periods) > 1

    def cells(amounts) -> tuple:
        return (*amounts, total(amounts)) if split else (total(amounts),)

    amount = words("table_amount", "Amount (£)")
    columns = ((*(f"{p} (£)" for p in fin.periods), words("table_period_total", "Total (£)"))
               if split else (amount,))
    rows: list[TableRow] = []
    groups = [g for g in ("capital", "revenue") if any(c.budget == g for c in fin.costs)]
    if len(groups) > 1:  # capital and revenue are subtotalled apart, never only mixed
        for g in groups + [""]:
            lines = [c for c in fin.costs if c.budget == g]
            rows += [TableRow(c.label, cells(c.by_period)) for c in lines]
            if lines and g:
                label = words(f"table_{g}", g.title()) + " " + words("table_subtotal", "subtotal")
                rows.append(TableRow(label, cells(fin.cost_period_totals(lines)), "subtotal"))
    else:
        rows = [TableRow(c.label, cells(c.by_period)) for c in fin.costs]
    rows.append(TableRow(words("table_total", "Total"), cells(fin.cost_period_totals()), "total"))
    funding = [TableRow(_source(f, words), cells(f.by_period)) for f in fin.funders if f.total]
    funding.append(TableRow(words("table_total_funding", "Total funding"),
                            cells(fin.funding_period_totals()), "total"))
    return FinanceTable(columns, words("table_item", "Service"), tuple(rows),
                        words("table_funded_by", "Funded by"), tuple(funding), caption,
                        tuple(_notes(fin, words)))


def _source(funder, words: Words) -> str:
    if funder.approved_by:
        return f"{funder.name} ({words('table_approved_by', 'approved by')} {funder.approved_by})"
    return funder.name


def _notes(fin: Finance, words: Words) -> list[str]:
    notes = []
    vats = {c.vat for c in fin.costs}
    if vats == {"exclusive"}:
        notes.append(words("vat_exclusive", "Amounts exclude VAT."))
    elif vats == {"inclusive"}:
        notes.append(words("vat_inclusive", "Amounts include VAT."))
    if any(f.approved_by and f.total for f in fin.funders):
        notes.append(words("new_money", ""))
    return notes
