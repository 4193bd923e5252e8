"""The shape of a house style's style.yaml, in the spec's schema language.

A style folder may come from another organisation: every value is checked for type and range
before any of it is used, with the same positioned diagnostics as a spec.
"""

from __future__ import annotations

import functools
import re

from authoring.spec.schema import (Choice, Ctx, Date, Field, Flag, Integer, ListOf, MapOf, Money,
                                   Obj, Text, did_you_mean)
from authoring.spec.yamlread import Map, Node, Scalar, Seq

NAME = r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}"  # a style's name is its folder's name
ID = r"[a-z][a-z0-9_]{0,63}"
MAX_PATTERN = 200
# A reference: "{code} {number}" (PCD 1843), "{year}/{number:03}" (2025/031). Only these fields,
# and a number padded to at most nine digits, so that no style can make a reference enormous.
REFERENCE_FORMAT = r"(?:[^{}]|\{code\}|\{year\}|\{number(?::0[1-9])?\})*"
# The blocks a form is made of, besides its signatories (docs/styles.md, `form`).
BLOCKS = ("front_sheet", "summary", "recommendations", "part1", "publication", "declarations")
FIELD_TYPES = ["yes_no", "text", "date", "money", "choice", "list"]
VALUE_BASES = ["annual", "initial_term", "whole_life"]
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
        problem = unsimple(value)
        if problem:
            ctx.error("PCD016", f"{problem}: such a pattern can take hours to search a "
                      "paragraph; rewrite it", path, node)
            return None
        return value


# A style's pattern is searched in every paragraph of every paper with Python's backtracking
# engine, which has no timeout: a pattern is accepted only when it is "simple", so that no
# character can be taken by two ambiguous parts of it and a search stays within the square of
# the paragraph's length. Tried on the parsed pattern, not its text, so that no spelling (groups
# in groups, (?:…), {1,}) hides a shape. The rules:
# - only a single character or class may repeat more than once (a group may be optional, `?`);
# - no back-reference or conditional group;
# - a part that may take more or fewer characters (x*, x?, (…)?, alternatives that start alike
#   or may be empty) cannot be followed by a part that can take the same character, unless a required
#   character it cannot take comes between.
# The characters two parts are compared on: those a paper's prose is made of (Latin letters,
# digits, punctuation, spaces, £ and €), near enough; a pattern that is ambiguous only on others
# is slow only on text that is mostly made of them.
SAMPLE = (range(0x250), range(0x2000, 0x2100))


@functools.lru_cache(maxsize=1)
def _sample() -> str:
    return "".join(chr(c) for block in SAMPLE for c in block)


class Unsimple(Exception):
    """A pattern whose search time could explode."""


@functools.lru_cache(maxsize=16)
def searcher(pattern: str) -> re.Pattern:
    """A style's pattern compiled; one that finds nothing if it is not simple. (Styles are
    refused when loaded; this is a second lock on the same door, for the code that searches.)"""
    return re.compile(r"(?!)" if unsimple(pattern) else pattern)


@functools.lru_cache(maxsize=16)
def unsimple(pattern: str) -> str:
    """Why a pattern is not simple, or "" when it is."""
    from re import _compiler, _parser  # type: ignore[attr-defined]
    from re import _constants as C  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern)
    single = {C.LITERAL, C.NOT_LITERAL, C.IN, C.ANY, C.CATEGORY}
    repeats = {C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT}
    known: dict[str, frozenset] = {}
    sample = _sample()

    def chars(item) -> frozenset:
        """The characters one single-character part takes, among SAMPLE."""
        key = repr(item)
        if key not in known:  # compiled alone, under the pattern's flags ((?i) widens a class)
            state = _parser.State()
            state.flags = parsed.state.flags
            one = _compiler.compile(_parser.SubPattern(state, [item]), state.flags)
            known[key] = frozenset(one.findall(sample))
        return known[key]

    def first(items) -> tuple[frozenset, bool]:
        """The characters a part can start with, and whether it can match nothing."""
        out: frozenset = frozenset()
        for op, av in items:
            if op in single:
                return out | chars((op, av)), False
            if op in repeats:
                head, empty = first(av[2])
                out |= head
                if av[0] and not empty:
                    return out, False
            elif op is C.SUBPATTERN or op is C.ATOMIC_GROUP:
                head, empty = first(av[-1] if op is C.SUBPATTERN else av)
                out |= head
                if not empty:
                    return out, False
            elif op is C.BRANCH:
                heads = [first(branch) for branch in av[1]]
                out = out.union(*(h for h, _ in heads))
                if not any(e for _, e in heads):
                    return out, False
        return out, True

    def every(branches) -> frozenset:
        """Every character any single-character part in these alternatives takes."""
        out: frozenset = frozenset()
        for branch in branches:
            for op, av in branch:
                if op in single:
                    out |= chars((op, av))
                elif op in repeats:
                    out |= every([av[2]])
                elif op is C.SUBPATTERN:
                    out |= every([av[-1]])
                elif op is C.ATOMIC_GROUP:
                    out |= every([av])
                elif op is C.BRANCH:
                    out |= every(av[1])
        return out

    def choice(here: frozenset, live: list[frozenset], what: str) -> None:
        if any(here & seen for seen in live):
            raise Unsimple(what)

    def walk(items, live: list[frozenset]) -> list[frozenset]:
        """`live`: the characters of earlier parts that may still take more or fewer. The parts
        from here on are checked against them; what is live after them is returned."""
        for op, av in items:
            if op in single:  # required: closes every earlier part that cannot take it
                here = chars((op, av))
                live = [seen for seen in live if seen & here]
            elif op in repeats:
                low, high, inner = av
                one = len(inner) == 1 and inner[0][0] in single
                if high > 1 and not one:
                    raise Unsimple("a group repeats, as in (a+)+ or ((\\w+\\s?))+: only a single "
                                   "character or class may")
                if one:
                    here = chars(inner[0])
                    choice(here, live, "two repeated parts can take the same characters in turn, as "
                           "in \\w*\\s?\\w*")
                    live = [here] if low else live + [here]
                else:  # an optional group: taken or not, as its first character decides
                    here, _ = first(inner)
                    choice(here, live, "an optional group can start with a character the part "
                           "before it can take, as in \\d*(\\d)?")
                    live = live + walk(inner, list(live)) + [here]
            elif op is C.SUBPATTERN:
                live = walk(av[-1], live)
            elif op is C.ATOMIC_GROUP:
                live = walk(av, live)
            elif op is C.BRANCH:
                heads = [first(branch) for branch in av[1]]
                for here, _ in heads:
                    choice(here, live, "an alternative can start with a character the part "
                           "before it can take, as in \\w*(\\d|x)")
                after: list[frozenset] = []
                for branch in av[1]:
                    after += walk(branch, list(live))
                # Alternatives that start alike are tried in turn: whatever follows must not be
                # able to take any of their characters, or each way would be tried again.
                if any(a & b for i, (a, _) in enumerate(heads) for b, _ in heads[i + 1:]):
                    after.append(every(av[1]))
                if any(empty for _, empty in heads):
                    after.append(frozenset().union(*(h for h, _ in heads)))
                live = after
            elif op in (C.ASSERT, C.ASSERT_NOT):  # looked at on its own, from each position
                walk(av[1], [])
            elif op is not C.AT:  # back-references, conditional groups
                raise Unsimple("back-references and conditional groups are not allowed")
        return live

    try:
        walk(parsed, [])
    except Unsimple as exc:
        return str(exc)
    return ""


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


class Removed:
    """What `null` stands for in a style that extends another: drop the inherited entry."""

    def __repr__(self) -> str:
        return "REMOVED"


REMOVED = Removed()


class Removable(Field):
    """An entry of a map an extending style merges key by key (texts, abbreviations): a value,
    or null to remove the entry the style would inherit."""

    def __init__(self, value: Field) -> None:
        super().__init__(value.description)
        self.value = value

    def validate(self, node, path, ctx):
        if isinstance(node, Scalar) and node.kind == "null":
            return REMOVED
        return self.value.validate(node, path, ctx)

    def json_schema(self):
        return {"anyOf": [self.value.json_schema(),
                          {"type": "null", "description": "Removes the entry inherited from the "
                           "style this one extends."}]}


class Texts(Obj):
    """The form's wording: the known keys, and any `NAME_statement` a signatory prints (a style
    that adds signatories writes their statements); any other key is a typo."""

    OWN = r"[a-z][a-z0-9_]{0,40}_statement"

    def validate(self, node, path, ctx):
        if isinstance(node, Map):
            extra = {k: Removable(WORDING) for k in node.items
                     if k not in self.fields and re.fullmatch(self.OWN, k)}
            if extra:
                return Obj({**self.fields, **extra}, self.required, self.description).validate(
                    node, path, ctx)
        return super().validate(node, path, ctx)

    def json_schema(self):
        return {**super().json_schema(), "patternProperties": {
            f"^{self.OWN}$": Removable(WORDING).json_schema()}}


AUTHORITY = Obj({"title": Bounded(200, "The authority's title, as the form prints it."),
                 "short": Bounded(60, "Its short title ({dm.short}): DMPC, Mayor."),
                 "rank": Integer("Higher ranks may take any decision a lower rank may.",
                                 minimum=1, maximum=99),
                 "portfolios": ListOf(Bounded(64, pattern=ID), "The portfolios (keys of "
                                      "portfolios) it decides within; without it, any.")},
                required=("title", "short", "rank"))
SIGNATORY = Obj({
    "id": Bounded(64, "The key of the spec's signatures.", pattern=ID),
    "title": Bounded(200, "The role's title, over its block: for a signatory who is not an authority."),
    "authority": Bounded(64, "An authority whose title the block prints.", pattern=ID),
    "decides": Flag("The paper's decision maker: the block prints the decision maker's title."),
    "statement": Bounded(64, "The text (a key of texts) printed before the signature.", pattern=ID),
    "interests": Flag("The decision maker's interests, or texts.no_interests, follow the statement."),
    "approval": Bounded(64, "A text (a key of texts) printed just before the signature.", pattern=ID),
    "after": ListOf(Bounded(64, pattern=ID), "The signatories who must sign before this one."),
    "optional": Flag("The paper is complete without this signature."),
}, required=("id",))
FIELD = Obj({
    "id": Bounded(64, "The key of the spec's fields.", pattern=ID),
    "label": Bounded(200, "The label the form prints."),
    "type": Choice(FIELD_TYPES, "yes_no, text, date, money, choice (one of a list) or list "
                   "(any of a list)."),
    "list": Bounded(64, "For choice and list: the key of lists the values come from.", pattern=ID),
    "required": Flag("Every paper gives it."),
    "filter": Flag("The site's search offers it as a filter."),
}, required=("id", "label", "type"))
SECTION = Obj({"id": Bounded(64, "The key a spec's sections use.", pattern=ID),
               "title": Bounded(200, "The numbered heading the form prints."),
               "papers": Flag("The section lists the spec's background_papers.")},
              required=("id", "title"))
DECLARATION = Obj({"id": Bounded(64, "The key of the spec's declarations.", pattern=ID),
                   "title": Bounded(200, "The statement's label."),
                   "text": Bounded(2000, "The statement the originating officer confirms."),
                   "not_required": Bounded(2000, "What the form says when the spec marks it "
                                           "not_required; without it the statement is required."),
                   "section": Bounded(64, "The section whose advice the statement vouches for: "
                                      "the section must say something.", pattern=ID)},
                  required=("id", "title", "text"))
RULE = Obj({
    "id": Bounded(64, "The rule's name; prose quotes it as {scheme.ID.clause}.", pattern=ID),
    "action": Actions(), "authority": Bounded(64, "The authority the rule requires.", pattern=ID),
    "clause": Bounded(20, "The clause of the scheme of delegation, cited in the paper."),
    "route": Choice(["open_tender", "framework", "direct_award"], "An award by this route only."),
    "change_from": Money("A contract change worth at least this."),
    "change_below": Money("A contract change worth less than this."),
    "contract_from": Money("A change to a contract whose original value is at least this."),
    "value_from": Money("An action worth at least this."),
    "value_over": Money("An action worth more than this."),
    "value_below": Money("An action worth less than this."),
    "value_upto": Money("An action worth at most this."),
    "unforeseen": Flag("A contract change the contract did not provide for."),
    "percent_over": Integer("A change of more than this percentage of the original value.",
                            minimum=0, maximum=1000),
    "months_over": Integer("An extension of more than this many months.", minimum=0, maximum=1200),
}, required=("id", "action", "authority"))


def style_schema(texts: tuple[str, ...]) -> Obj:
    """The schema of style.yaml; `texts` are the phrase keys the shipped style defines.
    docs/styles.md explains each key (a test holds it to this list)."""
    return Obj({
        "extends": Bounded(64, "The style this one takes every key, template and file it does "
                           "not set from (docs/styles.md: how it merges).", pattern=NAME),
        "organisation": Bounded(200, "The organisation's full name ({org.name})."),
        "short_name": Bounded(40, "Its short name ({org.short}): MOPAC, GLA."),
        "decision_type": Bounded(80, "The form's name: Police and Crime Decision."),
        "code": Bounded(5, "The reference's letters: PCD in 'PCD 1843'.", pattern=r"[A-Z]{2,5}"),
        "heading": Bounded(200, "The paper's heading: '{dm.short} Decision – {reference}'."),
        "part1_heading": Bounded(200, "The heading of Part 1's numbered sections."),
        "table_caption": Bounded(200, "The caption of the costs and funding table."),
        "authorities": MapOf(AUTHORITY, "Who may decide, keyed by the id a spec's "
                             "decision_maker names.", key_pattern=ID),
        "chief_executive": Bounded(64, "The authority who signs first, after the officer's "
                                   "declarations: a key of authorities.", pattern=ID),
        "sections": ListOf(SECTION, "Part 1's numbered sections, in order.", min_items=1),
        "paper_label": Bounded(40, "How a background paper is labelled: Appendix."),
        "delegation": ListOf(RULE, "The scheme of delegation: every rule that matches an action "
                             "applies, and the highest-ranked authority among them must decide."),
        "declarations": ListOf(DECLARATION, "The originating officer's declarations, in order."),
        "texts": Texts({k: Removable(WORDING) for k in texts}, description="The form's fixed "
                       "wording, key by key; a key ending _statement is a signatory's statement."),
        "forms": MapOf(Obj({
            "decision_type": Bounded(80, "The form's name: Director's Decision."),
            "code": Bounded(5, "The reference's letters: DD.", pattern=r"[A-Z]{2,5}"),
            "heading": Bounded(200, "The paper's heading."),
            "table_caption": Bounded(200, "The caption of the costs and funding table."),
            "texts": Texts({k: WORDING for k in texts}, description="The form's own wording."),
        }), "Another form of the same body for papers one authority decides: its name, code, "
            "heading and wording, keyed by a key of authorities.", key_pattern=ID),
        "abbreviations": MapOf(Removable(PHRASE), "Abbreviations every paper may use without "
                               "defining them.", key_pattern=r"[A-Za-z][A-Za-z0-9&./-]{0,19}"),
        "abbreviations_take_the": ListOf(Bounded(20), "Abbreviations whose expansion needs 'the' "
                                         "('the Mayor's Office for Policing and Crime'): it is "
                                         "written out only where 'the' fits."),
        "money_forbidden": Pattern(MAX_PATTERN, "Money written so in prose is refused (PCD301)."),
        "money_advice": Bounded(200, "The advice given with PCD301."),
        "procurement_routes": MapOf(Bounded(200), "How each procurement route reads in prose "
                                    "({contract.ID.procurement}).", key_pattern=ID),
        "numbers_in_words": Flag("Durations as 'six months' (true) or '6 months' (false)."),
        "percent_places": Integer("Decimal places of a percentage in prose.", minimum=0, maximum=3),
        "reference_format": Bounded(60, "How a reference is written: '{code} {number}' (PCD "
                                    "1843), '{year}/{number:03}' (2025/031).", pattern=REFERENCE_FORMAT),
        "signatories": ListOf(SIGNATORY, "Who signs the form, each a block of it; without it the "
                              "chief executive, then the decision maker.", min_items=1),
        "form": ListOf(Bounded(64, pattern=ID), "The form's blocks in order: front_sheet, summary, "
                       "recommendations, part1, publication, declarations and each signatory's id.",
                       min_items=1),
        "fields": ListOf(FIELD, "The front sheet's fields, typed, in order."),
        "lists": MapOf(ListOf(Bounded(120), min_items=1), "Named lists a field's values come from "
                       "(wards).", key_pattern=ID),
        "blocks": Obj({
            "deferral": Flag("The form has a deferral of publication (default true)."),
            "part2": Flag("The form has a confidential Part 2 (default true)."),
            "part2_basis": Flag("A Part 2 must state its legal basis (part2.basis)."),
        }, description="Which optional blocks the form has."),
        "call_in": Obj({
            "working_days": Integer("The call-in period in working days after the decision is "
                                    "signed.", minimum=1, maximum=60),
            "holidays": ListOf(Date(), "Bank holidays that are not working days."),
        }, required=("working_days",), description="The form states when the call-in period ends."),
        "portfolios": MapOf(Bounded(200), "Portfolios a paper is declared under, by key, with "
                            "their names.", key_pattern=ID),
        "key_decision": Obj({
            "threshold": Money("A decision worth at least this is a key decision."),
            "field": Bounded(64, "The yes/no field the author marks (a key of fields); without "
                             "it the form says so itself, from the value.", pattern=ID),
            "requires": ListOf(Bounded(64, pattern=ID), "Fields a key decision must give."),
        }, required=("threshold",), description="When a decision is a key decision, and "
            "what it then needs."),
        "award_value": Choice(VALUE_BASES, "The value of a contract award a threshold compares "
                              "with: annual, initial_term or whole_life (default)."),
        "organisations": ListOf(Obj({
            "name": Bounded(120, "The body's name."),
            "aliases": ListOf(Bounded(120), "Its other names."),
            "part_of": Bounded(120, "The body it is part of."),
        }, required=("name",)), "Bodies money comes from, with their other names: prose that "
            "names the wrong one for an amount is refused."),
    })


def validate_style(root: Node, texts: tuple[str, ...], parent: dict | None, parent_name: str = "",
                   required_texts: tuple[str, ...] = ()) -> Ctx:
    """Check one style.yaml's nodes; `parent` is the merged data of the style it extends (named
    `parent_name`), against which what this style inherits is checked too."""
    ctx = Ctx()
    ctx.pos[()] = (root.line, root.col)
    data = style_schema(texts).validate(root, (), ctx)
    if data is not None and not ctx.report.items:
        assert isinstance(root, Map)
        for key, (knode, _) in root.items.items():  # a finding about a whole key points at it
            ctx.pos[(key, "<key>")] = (knode.line, knode.col)
        _cross_check(data, parent, parent_name, ctx)
        _form_check(data, parent or {}, ctx)
        _removals(data, parent, parent_name, required_texts, ctx)
    return ctx


def _cross_check(data: dict, parent: dict | None, parent_name: str, ctx: Ctx) -> None:
    """Names one part of the style gives another must exist, in the style as merged. A name
    the style inherits is checked against what it replaces: a style that replaces authorities
    but inherits chief_executive or delegation is told so where it replaces them."""
    parent = parent or {}
    authorities = list(data.get("authorities", parent.get("authorities", {})))
    sections = [s["id"] for s in data.get("sections", parent.get("sections", []))]

    def refer(value: str, known: list, what: str, path: tuple) -> None:
        if value not in known:
            ctx.report.add("PCD016", f"'{value}' is not one of the style's {what}: "
                           + ", ".join(known) + did_you_mean(value, known), path)

    def inherited(key: str, names: dict[str, list[str]], known: list, what: str, by: str) -> None:
        """`key`, inherited, names these (name: where) that `by`, replaced here, lacks."""
        missing = {n: where for n, where in names.items() if n not in known}
        if missing:
            listed = "; ".join(f"'{n}' ({', '.join(w)})" for n, w in missing.items())
            ctx.report.add("PCD016", f"{key} is inherited from '{parent_name}' and names {what} "
                           f"this style no longer has: {listed}. Set {key} in this style too, "
                           f"naming its own {what} ({', '.join(known)})", (by, "<key>"))

    for maker in data.get("forms") or {}:
        refer(maker, authorities, "authorities", ("forms", maker, "<key>"))
    if "chief_executive" in data:
        refer(data["chief_executive"], authorities, "authorities", ("chief_executive",))
    elif "authorities" in data and "chief_executive" in parent and \
            "signatories" not in data:  # the chief executive signs only when signatories are not given
        inherited("chief_executive", {parent["chief_executive"]: ["chief_executive"]},
                  authorities, "authorities", "authorities")
    if "delegation" in data:
        for i, rule in enumerate(data["delegation"]):
            refer(rule["authority"], authorities, "authorities", ("delegation", i, "authority"))
    elif "authorities" in data:
        names: dict[str, list[str]] = {}
        for rule in parent.get("delegation", []):
            names.setdefault(rule["authority"], []).append(f"rule {rule['id']}")
        inherited("delegation", names, authorities, "authorities", "authorities")
    if "declarations" in data:
        for i, d in enumerate(data["declarations"]):
            if "section" in d:
                refer(d["section"], sections, "sections", ("declarations", i, "section"))
    elif "sections" in data:
        names = {}
        for d in parent.get("declarations", []):
            if "section" in d:
                names.setdefault(d["section"], []).append(f"declaration {d['id']}")
        inherited("declarations", names, sections, "sections", "sections")


def _form_check(data: dict, parent: dict, ctx: Ctx) -> None:
    """The form's structure names its own parts: signatories, blocks, fields and lists."""
    def get(key: str, default):
        return data.get(key, parent.get(key, default))

    authorities = list(get("authorities", {}))
    texts = {k for k, v in {**(parent.get("texts") or {}), **(data.get("texts") or {})}.items()
             if v is not REMOVED and v is not None}
    signatories = get("signatories", None)
    if "signatories" in data:
        ids = [s["id"] for s in signatories]
        deciding = [i for i, s in enumerate(signatories) if s.get("decides")]
        if len(deciding) != 1:
            ctx.report.add("PCD016", "exactly one signatory must be the decision maker "
                           f"(decides: true); {len(deciding)} are", ("signatories",))
        for i, s in enumerate(signatories):
            path: tuple = ("signatories", i)
            if ids.count(s["id"]) > 1:
                ctx.report.add("PCD016", f"signatory '{s['id']}' is listed twice", path + ("id",))
            if sum(1 for k in ("title", "authority", "decides") if s.get(k)) != 1:
                ctx.report.add("PCD016", f"signatory '{s['id']}' needs exactly one of title, "
                               "authority or decides: true (what its block is headed)", path)
            if "authority" in s and s["authority"] not in authorities:
                ctx.report.add("PCD016", f"'{s['authority']}' is not one of the style's "
                               "authorities: " + ", ".join(authorities)
                               + did_you_mean(s["authority"], authorities), path + ("authority",))
            for key in ("statement", "approval"):
                if key in s and s[key] not in texts:
                    ctx.report.add("PCD016", f"'{s[key]}' is not one of the style's texts"
                                   + did_you_mean(s[key], texts), path + (key,))
            for j, other in enumerate(s.get("after", [])):
                if other not in ids or other == s["id"]:
                    ctx.report.add("PCD016", f"'{other}' is not another of the signatories: "
                                   + ", ".join(ids) + did_you_mean(other, ids), path + ("after", j))
        if not ctx.report.items and _circle(signatories):
            ctx.report.add("PCD016", "the signatories' 'after' go round in a circle: "
                           + " → ".join(_circle(signatories)), ("signatories",))
    elif signatories and "texts" in data:  # inherited signatories still need their texts
        for s in signatories:
            for key in ("statement", "approval"):
                if key in s and s[key] not in texts:
                    ctx.report.add("PCD016", f"signatory '{s['id']}', inherited, prints the text "
                                   f"'{s[key]}', which this style removes: keep it, or set "
                                   "signatories in this style too", ("texts", "<key>"))
    if "form" in data or ("signatories" in data and "form" in parent):
        where = ("form",) if "form" in data else ("signatories", "<key>")
        names = [s["id"] for s in signatories] if signatories is not None else \
            ["decision_maker", "chief_executive"]
        form = get("form", [])
        for i, block in enumerate(form):
            if block not in (*BLOCKS, *names):
                ctx.report.add("PCD016", f"'{block}' is neither a block of the form ("
                               + ", ".join(BLOCKS) + ") nor a signatory (" + ", ".join(names) + ")"
                               + did_you_mean(block, (*BLOCKS, *names)),
                               ("form", i) if "form" in data else where)
            elif form.index(block) != i:
                ctx.report.add("PCD016", f"'{block}' is listed twice", ("form", i))
        missing = [n for n in names if n not in form]
        if missing:
            ctx.report.add("PCD016", "the form does not place the signatories "
                           + ", ".join(missing) + ": list each in form", where)
    lists = get("lists", {})
    fields = get("fields", [])
    if "fields" in data or "lists" in data:
        where_f = "fields" if "fields" in data else "lists"
        seen: set[str] = set()
        for i, f in enumerate(fields):
            at: tuple = (where_f, i) if where_f == "fields" else ("lists", "<key>")
            if f["id"] in seen:
                ctx.report.add("PCD016", f"field '{f['id']}' is listed twice", at + ("id",))
            seen.add(f["id"])
            if f["type"] in ("choice", "list") and f.get("list") not in lists:
                ctx.report.add("PCD016", f"field '{f['id']}' is a {f['type']}: its 'list' must "
                               "name one of the style's lists: " + (", ".join(lists) or "none"),
                               at)
    if "reference_format" in data and "{number" not in data["reference_format"]:
        ctx.report.add("PCD016", "a reference format must hold the paper's {number}",
                       ("reference_format",))
    rule = data.get("key_decision")
    if rule is not None:
        kinds = {f["id"]: f["type"] for f in fields}
        if "field" in rule and kinds.get(rule["field"]) != "yes_no":
            ctx.report.add("PCD016", f"'{rule['field']}' is not a yes_no field of the style",
                           ("key_decision", "field"))
        for j, name in enumerate(rule.get("requires", [])):
            if name not in kinds:
                ctx.report.add("PCD016", f"'{name}' is not one of the style's fields"
                               + did_you_mean(name, kinds), ("key_decision", "requires", j))
    portfolios = get("portfolios", {})
    if "authorities" in data or "portfolios" in data:
        for name, a in get("authorities", {}).items():
            for j, p in enumerate(a.get("portfolios", [])):
                if p not in portfolios:
                    where_p: tuple = ("authorities", name, "portfolios", j) \
                        if "authorities" in data else ("portfolios", "<key>")
                    ctx.report.add("PCD016", f"'{p}' is not one of the style's portfolios: "
                                   + (", ".join(portfolios) or "none") + did_you_mean(p, portfolios),
                                   where_p)


def _circle(signatories: list[dict]) -> list[str]:
    """A circle in who signs after whom, or []."""
    after = {s["id"]: s.get("after", []) for s in signatories}
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> list[str]:
        if state.get(node) == 1:
            return trail[trail.index(node):] + [node]
        if state.get(node) == 2:
            return []
        state[node] = 1
        for nxt in after.get(node, []):
            found = visit(nxt, trail + [node])
            if found:
                return found
        state[node] = 2
        return []

    for s in after:
        found = visit(s, [])
        if found:
            return found
    return []


def _removals(data: dict, parent: dict | None, parent_name: str, required: tuple[str, ...],
              ctx: Ctx) -> None:
    """`null` removes an inherited text or abbreviation: there must be one to remove, and a
    text every paper prints cannot be removed."""
    for key in ("texts", "abbreviations"):
        for name, value in (data.get(key) or {}).items():
            if value is not REMOVED:
                continue
            path = (key, name)
            if parent is None:
                ctx.report.add("PCD016", "null removes an entry inherited from the style this one "
                               "extends, and this style extends none: write the wording, or remove "
                               "the line", path)
            elif name not in (parent.get(key) or {}):
                known = list(parent.get(key) or {})
                ctx.report.add("PCD016", f"'{name}' is not among the {key} this style inherits "
                               f"from '{parent_name}', so there is nothing to remove"
                               + did_you_mean(name, known), path)
            elif key == "texts" and name in required:
                ctx.report.add("PCD016", "every paper of the form prints this text, "
                               "so it cannot be removed: write this style's own wording", path)


def scalar_at(root: Node, key: str) -> Scalar | None:
    """The scalar a top-level key holds, for positioning a finding about it."""
    if isinstance(root, Map) and key in root.items:
        node = root.items[key][1]
        return node if isinstance(node, Scalar) else None
    return None
