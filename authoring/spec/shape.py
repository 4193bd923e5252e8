"""The shape of a decision spec, written once in the schema language (docs/spec.md explains it)."""

from __future__ import annotations

from authoring.spec.schema import (Choice, Date, Flag, Integer, ListOf, MapOf, Money, Obj, Text,
                                   TextOr)

ID = r"[a-z][a-z0-9_-]*"
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

SIGNATURE = Obj({"name": Text(), "date": Date()}, required=("date",))

SPEC = Obj({
    "house_style": Text("House style folder to use; mopac when omitted.", pattern=ID),
    "reference": Integer("The paper's number: 1843 for PCD 1843.", minimum=1, maximum=999_999),
    "title": Text(min_length=1),
    "drafted": Date("When drafting began (pcd new writes it)."),
    "decision_maker": Id("Who takes the decision: a key of the house style's authorities (dmpc)."),
    "drafting_officer": Text(min_length=1),
    "signatures": Obj({
        "chief_executive": SIGNATURE,
        "decision_maker": SIGNATURE,
    }, description="Who signs, and when. Dates are left out until the paper is signed."),
    "interests": Prose("Interests the decision maker declares; none when omitted."),
    "summary": PARAGRAPHS,
    "recommendations": ListOf(Obj({
        "id": Id(),
        "text": Prose(),
        "accepts": ListOf(Obj({"funder": Id(), "cost": Id()}, required=("funder", "cost")),
                          "Funding lines this recommendation accepts (the amounts come from the table)."),
        "contract": Id("The contract whose change this recommendation approves."),
    }, required=("id", "text")), min_items=1),
    "sections": MapOf(PARAGRAPHS, "Numbered sections, keyed by the house style's section ids.",
                      key_pattern=ID),
    "background_papers": ListOf(Obj({"ref": Text(min_length=1), "title": Text(min_length=1)},
                                    required=("ref", "title"))),
    "finance": Obj({
        "funders": ListOf(Obj({
            "id": Id(), "name": Text(min_length=1),
            "internal": Flag("The organisation's own budget: no recommendation accepts it."),
        }, required=("id", "name")), min_items=1),
        "costs": ListOf(Obj({
            "id": Id(), "label": Text(min_length=1), "amount": Money(),
            "funding": ListOf(Obj({"funder": Id(), "amount": Money(remainder=True)},
                                  required=("funder", "amount")), min_items=1),
        }, required=("id", "label", "amount", "funding")), min_items=1),
        "figures": ListOf(Obj({
            "id": Id(), "amount": Money(), "description": Text(min_length=1),
        }, required=("id", "amount", "description")),
            "Amounts prose may quote that are not part of this decision (historical, say)."),
    }, required=("funders", "costs")),
    "contracts": ListOf(Obj({
        "id": Id(), "number": Text(min_length=1), "supplier": Text(min_length=1),
        "service": Text(), "value": Money("The contract's value before this decision."),
        "ends": Date("The contract's end date before this decision."),
        "change": Obj({
            "type": Choice(["extension", "variation"]),
            "cost": Id("The cost line whose amount is the value of the change."),
            "months": Integer("How long an extension adds.", minimum=1, maximum=240),
            "until": Date("The new end date; checked against months."),
            "foreseen": Flag("Provided for in the original procurement (an option)."),
        }, required=("type", "cost")),
    }, required=("id", "number", "supplier", "value", "change"))),
    "publication": Obj({
        "defer": Flag(), "reason": Prose(), "until": Date(),
    }, required=("defer",)),
    "part2": Obj({
        "exists": Flag(),
        "summary": Prose("Confidential: goes only to the Part 2 form, never to a public output."),
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
             "recommendations", "sections", "finance", "publication", "part2", "declarations"))


def json_schema() -> dict:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://pcd.invalid/schema/decision.json",
        "title": "pcd decision spec",
        **SPEC.json_schema(),
    }
