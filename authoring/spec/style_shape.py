"""The shape of a house style's style.yaml, in the spec's schema language.

A style folder may come from another organisation: every value is checked for type and range
before any of it is used, with the same positioned diagnostics as a spec.
"""

from __future__ import annotations

import re

from authoring.spec.schema import (Choice, Ctx, Field, Flag, Integer, ListOf, MapOf, Money, Obj,
                                   Text, did_you_mean)
from authoring.spec.yamlread import Map, Node, Scalar, Seq

NAME = r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}"  # a style's name is its folder's name
ID = r"[a-z][a-z0-9_]{0,63}"
MAX_PATTERN = 200
# A group repeated by a quantifier that itself holds a quantifier, as in (a+)+ or (\w*\s?)*:
# the shape of patterns whose matching time explodes on a near-miss.
NESTED_QUANTIFIER = re.compile(r"\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)[+*{]")
ACTIONS = ["any", "accept_funding", "budget_drawdown", "onward_grant", "contract_award",
           "contract_change"]


class Bounded(Text):
    """Text no longer than a form ever needs: a phrase, a heading, a paragraph of wording."""

    def __init__(self, max_length: int, description: str = "", pattern: str = "") -> None:
        super().__init__(description, min_length=1, pattern=pattern)
        self.max_length = max_length

    def validate(self, node, path, ctx):
        value = super().validate(node, path, ctx)
        if value is not None and len(value) > self.max_length:
            ctx.error("PCD016", f"the text is {len(value):,} characters; at most "
                      f"{self.max_length:,} are allowed here", path, node)
            return None
        return value

    def json_schema(self):
        return {**super().json_schema(), "maxLength": self.max_length}


class Pattern(Bounded):
    """A regular expression prose is searched with: it must compile and cannot backtrack forever."""

    def validate(self, node, path, ctx):
        value = super().validate(node, path, ctx)
        if value is None:
            return None
        try:
            re.compile(value)
        except re.error as exc:
            ctx.error("PCD016", f"not a regular expression: {exc}", path, node)
            return None
        if NESTED_QUANTIFIER.search(value):
            ctx.error("PCD016", "a repeated group that itself repeats (like (a+)+) can take "
                      "forever to match: rewrite the pattern without it", path, node)
            return None
        return value


class Actions(Field):
    """One action a delegation rule covers, a list of them, or `any`."""

    def __init__(self) -> None:
        super().__init__("The action(s) the rule covers.")
        self.one = Choice(ACTIONS)

    def validate(self, node, path, ctx):
        if isinstance(node, Seq):
            return ListOf(self.one, min_items=1).validate(node, path, ctx)
        return self.one.validate(node, path, ctx)

    def json_schema(self):
        return {"anyOf": [self.one.json_schema(), {"type": "array", "items": self.one.json_schema()}]}


PHRASE = Bounded(200)
WORDING = Bounded(2000)
AMOUNT = Money()

AUTHORITY = Obj({"title": PHRASE, "short": Bounded(60), "rank": Integer(minimum=1, maximum=99)},
                required=("title", "short", "rank"))
SECTION = Obj({"id": Bounded(64, pattern=ID), "title": PHRASE, "papers": Flag()},
              required=("id", "title"))
DECLARATION = Obj({"id": Bounded(64, pattern=ID), "title": PHRASE, "text": WORDING,
                   "not_required": WORDING, "section": Bounded(64, pattern=ID)},
                  required=("id", "title", "text"))
RULE = Obj({
    "id": Bounded(64, pattern=ID), "action": Actions(), "authority": Bounded(64, pattern=ID),
    "clause": Bounded(20), "route": Choice(["open_tender", "framework", "direct_award"]),
    "change_from": AMOUNT, "change_below": AMOUNT, "contract_from": AMOUNT,
    "value_from": AMOUNT, "value_over": AMOUNT, "value_below": AMOUNT, "value_upto": AMOUNT,
    "unforeseen": Flag(), "percent_over": Integer(minimum=0, maximum=1000),
    "months_over": Integer(minimum=0, maximum=1200),
}, required=("id", "action", "authority"))


def style_schema(texts: tuple[str, ...]) -> Obj:
    """The schema of style.yaml; `texts` are the phrase keys the shipped style defines."""
    return Obj({
        "extends": Bounded(64, pattern=NAME),
        "organisation": PHRASE, "short_name": Bounded(40), "decision_type": Bounded(80),
        "code": Bounded(5, pattern=r"[A-Z]{2,5}"),
        "heading": PHRASE, "part1_heading": PHRASE, "table_caption": PHRASE,
        "authorities": MapOf(AUTHORITY, key_pattern=ID),
        "chief_executive": Bounded(64, pattern=ID),
        "sections": ListOf(SECTION, min_items=1),
        "paper_label": Bounded(40),
        "delegation": ListOf(RULE),
        "declarations": ListOf(DECLARATION),
        "texts": Obj({k: WORDING for k in texts}),
        "abbreviations": MapOf(PHRASE, key_pattern=r"[A-Za-z][A-Za-z0-9&./-]{0,19}"),
        "money_forbidden": Pattern(MAX_PATTERN),
        "money_advice": PHRASE,
        "procurement_routes": MapOf(PHRASE, key_pattern=ID),
        "numbers_in_words": Flag("Durations as 'six months' (true) or '6 months' (false)."),
        "percent_places": Integer(minimum=0, maximum=3),
        "organisations": ListOf(Obj({
            "name": Bounded(120), "aliases": ListOf(Bounded(120)), "part_of": Bounded(120),
        }, required=("name",)), "Bodies money comes from, with their other names: prose that "
            "names the wrong one for an amount is refused."),
    })


def validate_style(root: Node, texts: tuple[str, ...], parent: dict | None) -> Ctx:
    """Check one style.yaml's nodes; `parent` is the merged data of the style it extends."""
    ctx = Ctx()
    ctx.pos[()] = (root.line, root.col)
    data = style_schema(texts).validate(root, (), ctx)
    if data is not None and not ctx.report.items:
        _cross_check(root, data, parent or {}, ctx)
    return ctx


def _cross_check(root: Node, data: dict, parent: dict, ctx: Ctx) -> None:
    """Names one part of the style gives another must exist (in this style or its parent)."""
    authorities = data.get("authorities", parent.get("authorities", {}))
    sections = [s["id"] for s in data.get("sections", parent.get("sections", []))]
    assert isinstance(root, Map)

    def refer(value: str, known, what: str, path: tuple) -> None:
        if value not in known:
            ctx.report.add("PCD016", f"'{value}' is not one of the style's {what}: "
                           + ", ".join(known) + did_you_mean(value, known), path)

    if "chief_executive" in data:
        refer(data["chief_executive"], list(authorities), "authorities", ("chief_executive",))
    for i, rule in enumerate(data.get("delegation", [])):
        refer(rule["authority"], list(authorities), "authorities", ("delegation", i, "authority"))
    for i, d in enumerate(data.get("declarations", [])):
        if "section" in d:
            refer(d["section"], sections, "sections", ("declarations", i, "section"))


def scalar_at(root: Node, key: str) -> Scalar | None:
    """The scalar a top-level key holds, for positioning a finding about it."""
    if isinstance(root, Map) and key in root.items:
        node = root.items[key][1]
        return node if isinstance(node, Scalar) else None
    return None
