"""The shape of a decision spec, written once in the schema language (docs/spec.md explains it)."""

from __future__ import annotations

from authoring.spec.schema import (Choice, Date, Field, Flag, Integer, ListOf, MapOf,
                                   Money, Obj, PeriodMoney, Text, TextOr, has_control)
from authoring.spec.yamlread import Seq

ID = r"[a-z][a-z0-9_-]*"
PAPER_REF = r"[A-Z]{2,5} ?\d{1,6}"  # another decision: "PCD 1280", "MD2973"
INCOME = ["grant", "contribution", "transfer"]
BUDGETS = ["budget", "carry_forward", "reserve", "prior_approval"]
ORG = Text("The body a funder, recipient or supplier is, by one name: a name or other name in the "
           "house style's organisations, else the body's own name. The site lists the paper under "
           "it, however the line is labelled.", min_length=1)
Id = lambda d="": Text(d or "An identifier: lower case letters, digits, '_' and '-'.", pattern=ID)  # noqa: E731
Prose = lambda d="": Text(d or "Prose: **bold**, *italic*, [link](https://…), {references}.",  # noqa: E731
                          min_length=1)

PARAGRAPH = TextOr(
    Prose(), Obj({
        "id": Id("A label other text can refer to as {para.LABEL}."),
        "text": Prose(),
        "bullets": ListOf(Prose(), "A bulleted list after the paragraph's text.", min_items=1),
        "table": Choice(["finance"], "Place the computed costs and funding table after this paragraph."),
    }, required=("text",)), key="text", description="A paragraph: text, or a mapping with text.")
PARAGRAPHS = ListOf(PARAGRAPH, min_items=1)

class FieldValue(Field):
    """A front-sheet value: one scalar, or a list of them; the house style types it (compute)."""

    def validate(self, node, path, ctx):
        if isinstance(node, Seq):
            return ListOf(Text(min_length=1), min_items=1).validate(node, path, ctx)
        s = self._scalar(node, path, ctx, "a value")
        if s is None:
            return None
        return None if has_control(s, path, ctx) else s.text

    def json_schema(self):
        one = {"type": ["string", "number", "boolean"]}
        return self._doc({"anyOf": [one, {"type": "array", "items": one, "minItems": 1}]})


SIGNATURE = Obj({"name": Text(), "date": Date()}, required=("date",))

SPEC = Obj({
    "house_style": Text("House style folder to use; mopac when omitted.", pattern=ID),
    "reference": Integer("The paper's number: 1843 for PCD 1843.", minimum=1, maximum=999_999),
    "title": Text(min_length=1),
    "drafted": Date("When drafting began (pcd new writes it)."),
    "decision_maker": Id("Who takes the decision: a key of the house style's authorities (dmpc)."),
    "drafting_officer": Text(min_length=1),
    "signatures": MapOf(SIGNATURE, "Who signs, and when, keyed by the house style's signatories "
                        "(chief_executive, decision_maker). Dates are left out until the paper "
                        "is signed.", key_pattern=ID),
    "year": Integer("The year a reference holds, for a house style whose references have one "
                    "(2025 in 2025/031); the year drafted when omitted.", minimum=1990, maximum=2200),
    "portfolio": Id("The portfolio the decision falls in: a key of the house style's portfolios."),
    "fields": MapOf(FieldValue(), "The front sheet's fields, keyed by the house style's fields: "
                    "yes/no, text, a date, money, or values from one of its lists.", key_pattern=ID),
    "interests": Prose("Interests the decision maker declares; none when omitted."),
    "summary": PARAGRAPHS,
    "recommendations": ListOf(Obj({
        "id": Id(),
        "text": Prose(),
        "bullets": ListOf(Prose(), "A bulleted list under the recommendation's text (the "
                          "allocations it approves, say).", min_items=1),
        "accepts": ListOf(Obj({"funder": Id(), "cost": Id()}, required=("funder", "cost")),
                          "Funding lines this recommendation accepts (the amounts come from the table)."),
        "contract": Id("The contract whose change or award this recommendation approves."),
        "awards": ListOf(Id(), "Recipients whose onward awards this recommendation approves."),
    }, required=("id", "text")), min_items=1),
    "sections": MapOf(PARAGRAPHS, "Numbered sections, keyed by the house style's section ids.",
                      key_pattern=ID),
    "background_papers": ListOf(Obj({"ref": Text(min_length=1), "title": Text(min_length=1)},
                                    required=("ref", "title"))),
    "finance": Obj({
        "periods": ListOf(Text(min_length=1), "Financial years or other periods the amounts are "
                          "split by, in order (2023/24, 2024/25); one table column each.", min_items=1),
        "vat": Choice(["exclusive", "inclusive"], "Whether the amounts include VAT; stated in the "
                      "table. A cost may say otherwise, but the two are never added together."),
        "funders": ListOf(Obj({
            "id": Id(), "name": Text(min_length=1),
            "org": ORG,
            "kind": Choice(INCOME + BUDGETS, "Money in: grant, contribution or transfer from an "
                           "outside body (accepted by a recommendation); or an own budget line, "
                           "carry_forward, reserve or prior_approval."),
            "internal": Flag("The organisation's own budget (the same as kind: budget)."),
            "amount": PeriodMoney("What the funder provides (the grant offered, the budget "
                                  "available), by period; what is spent, awarded and kept from "
                                  "it must add up to this."),
            "up_to": Flag("The amount is a maximum ('up to'), not exact."),
            "approved_by": Text("The decision that already approved this money (PCD 1280); "
                                "without it the money is new in this decision.", pattern=PAPER_REF),
        }, required=("id", "name")), min_items=1),
        "recipients": ListOf(Obj({
            "id": Id(), "name": Text(min_length=1),
            "org": ORG,
        }, required=("id", "name")), "Bodies money is awarded onward to (boroughs, providers)."),
        "costs": ListOf(Obj({
            "id": Id(), "label": Text(min_length=1), "amount": PeriodMoney(),
            "use": Choice(["spend", "award", "keep"], "spend (default): the organisation spends it "
                          "(a contract); award: granted onward to a recipient; keep: retained "
                          "(project management, evaluation)."),
            "recipient": Id("For use: award, the recipient's id."),
            "period": Text("The one period the whole amount falls in.", min_length=1),
            "budget": Choice(["capital", "revenue"], "Capital or revenue; subtotalled apart."),
            "vat": Choice(["exclusive", "inclusive"], "Overrides finance.vat for this line."),
            "up_to": Flag("The amount is a maximum ('up to'), not exact."),
            "funding": ListOf(Obj({"funder": Id(), "amount": PeriodMoney(remainder=True)},
                                  required=("funder", "amount")), min_items=1),
        }, required=("id", "label", "amount", "funding")), min_items=1),
        "figures": ListOf(Obj({
            "id": Id(), "amount": Money(), "description": Text(min_length=1),
            "source": Text("Where the amount comes from: an earlier decision's code (PCD 1291), or "
                           "'external: ' and what it is (external: London Probation's 2022-25 "
                           "contribution).", pattern=r"([A-Z]{2,5} ?\d{1,6}|external: .+)"),
            "total_of": ListOf(Id(), "The other figures this one is the total of: their sum must "
                               "equal it.", min_items=2),
            "sum": ListOf(Text("An amount the paper computes: funder.ID, cost.ID, recipient.ID, "
                               "funding.FUNDER.COST, total.costs or an earlier figure.ID.", min_length=1),
                          "Instead of 'amount': the figure is computed as the sum of these (a subtotal "
                          "of named funders or costs), less any in 'less'.", min_items=1),
            "less": ListOf(Text("An amount the paper computes, as in 'sum'.", min_length=1),
                           "Amounts taken from the sum: a difference between two figures."),
        }, required=("id", "description")),
            "Amounts prose may quote that are not part of this decision (historical, say)."),
    }, required=("funders", "costs")),
    "contracts": ListOf(Obj({
        "id": Id(),
        "number": Text("The contract's number (MOPAC 957), when it has one; without it the "
                       "supplier and service name the contract.", min_length=1),
        "supplier": Text("Who holds the contract; a new award may not know yet.", min_length=1),
        "org": ORG,
        "service": Text(),
        "value": Money("The contract's original value (before earlier changes and this "
                       "decision); without it no value after or percentage is computed."),
        "starts": Date("When the contract started or starts."),
        "ends": Date("The contract's end date before this decision."),
        "history": ListOf(Obj({
            "amount": Money("What the earlier change added."),
            "approved_by": Text("The decision that approved it (PCD 1234), or the authority "
                                "that did outside the paper series (MPS delegated authority).",
                                min_length=1),
            "description": Text(min_length=1),
        }, required=("amount", "approved_by")), "Earlier changes (uplifts, extensions) to the "
            "contract, oldest first: they make the value before this decision."),
        "change": Obj({
            "type": Choice(["extension", "variation", "uplift"]),
            "cost": Id("The cost line whose amount is the value of the change; an extension "
                       "of time alone has none (months or until only)."),
            "costs": ListOf(Id(), "Several cost lines that together are the change (a breakdown).",
                            min_items=1),
            "amount": Money("Or: the change's value, when it is paid from within a larger cost "
                            "line rather than being one."),
            "months": Integer("How long an extension adds.", minimum=1, maximum=240),
            "until": Date("The new end date; checked against months."),
            "foreseen": Flag("Provided for in the original procurement (an option)."),
            "regulation": Text("The regulation or exemption the change relies on (Regulation "
                               "72(1)(b) of the PCR 2015).", min_length=1),
        }, required=("type",)),
        "award": Obj({
            "route": Choice(["open_tender", "framework", "direct_award"],
                            "How the contract is procured, once decided (a paper that only starts "
                            "a procurement may not know yet)."),
            "regulation": Text("The regulation or exemption relied on (Regulation 32(2)(b) of the "
                               "PCR 2015).", min_length=1),
            "framework": Text("The framework called off, for route: framework."),
            "annual_value": Money("The value of one year."),
            "cost": Id("Or: the cost line whose amount is the initial term's value."),
            "years": Integer("The initial term in years.", minimum=1, maximum=50),
            "extensions": ListOf(Integer(minimum=1, maximum=50), "Optional extension periods, in "
                                 "years (2 + 1 is [2, 1])."),
        }, description="A new contract awarded by this decision; its term is "
           "'years', or the contract's 'starts' and 'ends'."),
    }, required=("id",))),
    "publication": Obj({
        "defer": Flag(), "reason": Prose(), "until": Date(),
    }, required=("defer",)),
    "part2": Obj({
        "exists": Flag(),
        "basis": Text("The legal basis for not publishing it (Local Government Act 1972, "
                      "Schedule 12A, paragraph 3).", min_length=1),
        "summary": Prose("Confidential: goes only to the Part 2 form, never to a public output."),
        "figures": ListOf(Obj({
            "id": Id(), "amount": Money(), "description": Text(min_length=1),
        }, required=("id", "amount", "description")), "Confidential amounts (a settlement): "
            "{part2.ID} in Part 1 says the figure is in Part 2; only the Part 2 form shows it."),
    }, required=("exists",)),
    "abbreviations": MapOf(Text(min_length=1), "Abbreviations and their expansions.",
                           key_pattern=r"[A-Z][A-Za-z0-9&]*[A-Z0-9]s?"),
    "declarations": MapOf(TextOr(Choice(["confirmed", "not_required", "pending"]), Obj({
        "state": Choice(["confirmed", "not_required", "pending"]),
        "wording": Prose("Wording that replaces the house style's standard statement."),
        "notes": ListOf(Prose(), "Further points, listed under the statement."),
    }, required=("state",)), key="state"), "Originating officer declarations, keyed by the "
        "house style's catalogue ids.", key_pattern=ID),
}, required=("reference", "title", "decision_maker", "drafting_officer", "summary",
             "recommendations", "sections", "publication", "part2", "declarations"))


def json_schema() -> dict:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://pcd.invalid/schema/decision.json",
        "title": "pcd decision spec",
        **SPEC.json_schema(),
    }
