"""`pcd diff OLD NEW`: what changed between two versions of a paper, in the paper's own words.

Word processors show that words changed; pcd knows every computed figure, so it says which
totals, shares and contract values moved because one amount was edited, naming each as the
paper does ("the contract MOPAC 957's value after the extension", not an internal id). Every
edit a reviewer must see is reported: what the model does not compare is named from the spec
itself, and Part 2 material is reported as changed without its words or figures. Exit codes
follow diff(1): 0 nothing changed, 1 something changed, 2 trouble (unreadable, or a spec that
cannot be computed at all; git's driver then compares the spec as written).
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import subprocess
import sys
from dataclasses import asdict, dataclass
from decimal import Decimal
from pathlib import Path
from typing import Iterator, NamedTuple, TextIO

from authoring.diagnostics import HIDDEN, Diagnostic, SpecError, visible
from authoring.model.paper import ContractChange, Paper, Paragraph, Recommendation
from authoring.pipeline import process_text
from authoring.spec import read_spec
from authoring.spec.yamlread import Map, Node, Scalar, Seq, parse, read_text


@dataclass(frozen=True)
class Change:
    kind: str  # fact | recommendation | figure | paragraph | confidential | spec
    what: str  # in the paper's words: "total costs", "recommendation 3", "paragraph 3.2"
    old: str
    new: str
    words: str = ""  # a word-level rendering of a changed text: [-old-]{+new+}
    ref: str = ""  # the spec's own name for it ("total.costs"), for readers of the json


class Version(NamedTuple):
    """One side of the comparison: the computed paper (even one with errors) and the spec as written."""

    name: str
    paper: Paper | None  # None when the spec could not be computed at all (a schema error)
    tree: dict  # the spec's YAML as plain dicts, lists and scalar texts
    errors: list[Diagnostic]
    text: str


# -- which old thing is which new thing ------------------------------------------------------------

WORK = 20_000_000  # words compared with words when pairing texts: about a second at most


def closest(old: list[str], new: list[str], cutoff: float = 0.6) -> list[tuple[int, int]] | None:
    """Pairs (i, j) of texts alike enough to be one thing rewritten, best first; each used once.
    Compared word by word (by character, long paragraphs take seconds a pair); None when there
    are too many words to compare each text with each."""
    xs, ys = [a.casefold().split() for a in old], [b.casefold().split() for b in new]
    if sum(map(len, xs)) * sum(map(len, ys)) > WORK or len(xs) * len(ys) > 10_000:
        return None
    scored = []
    for i, a in enumerate(xs):
        for j, b in enumerate(ys):
            m = difflib.SequenceMatcher(None, a, b, autojunk=False)
            if m.real_quick_ratio() >= cutoff and m.quick_ratio() >= cutoff:
                ratio = m.ratio()
                if ratio >= cutoff:
                    scored.append((-ratio, i, j))
    used_i: set[int] = set()
    used_j: set[int] = set()
    out = []
    for _, i, j in sorted(scored):
        if i not in used_i and j not in used_j:
            used_i.add(i)
            used_j.add(j)
            out.append((i, j))
    return out


def pair(old: dict[str, str], new: dict[str, str]) -> dict[str, str]:
    """Old id -> new id: the same id, else the closest text (a re-import names things afresh)."""
    out = {k: k for k in old if k in new}
    a = [k for k in old if k not in out]
    b = [k for k in new if k not in out.values()]
    out.update({a[i]: b[j] for i, j in closest([old[k] for k in a], [new[k] for k in b]) or ()})
    return out


# Where the spec names one of its own things: the namespace each id belongs to.
ID_LISTS = {("finance", "funders"): "funder", ("finance", "costs"): "cost",
            ("finance", "recipients"): "recipient", ("finance", "figures"): "figure",
            ("contracts",): "contract", ("recommendations",): "rec"}
ID_FIELDS = {"funder": "funder", "cost": "cost", "costs": "cost", "recipient": "recipient",
             "awards": "recipient", "contract": "contract"}
REFERENCE = re.compile(r"\{([a-z][a-z0-9_-]*(?:\.[a-z0-9][a-z0-9_-]*)*)(:[a-z]+)?\}")


class Match:
    """Which of the old paper's ids is which of the new one's, so renamed ids are not changes."""

    def __init__(self, old: Version, new: Version) -> None:
        self.ids: dict[str, dict[str, str]] = {}
        if old.paper is None or new.paper is None:
            return
        a, b = old.paper, new.paper
        self.ids["cost"] = pair({c.id: c.label for c in a.finance.costs},
                                {c.id: c.label for c in b.finance.costs})
        self.ids["funder"] = pair({f.id: f.name for f in a.finance.funders},
                                  {f.id: f.name for f in b.finance.funders})
        self.ids["recipient"] = pair({r.id: r.name for r in a.finance.recipients},
                                     {r.id: r.name for r in b.finance.recipients})
        self.ids["contract"] = pair({k.id: _contract_text(k) for k in a.contracts},
                                    {k.id: _contract_text(k) for k in b.contracts})
        self.ids["figure"] = figures_ = pair(figure_notes(old.tree), figure_notes(new.tree))
        unpaired = [f for f in a.figures if f not in figures_]
        for f in unpaired:  # rewritten descriptions: the same amount is the same figure
            same_amount = [g for g, v in b.figures.items()
                           if v == a.figures[f] and g not in figures_.values()]
            if len(same_amount) == 1:
                figures_[f] = same_amount[0]
        self.ids["rec"] = pair({r.id: rendered(r) for r in a.recommendations},
                               {r.id: rendered(r) for r in b.recommendations})

    def id(self, space: str, old_id: str) -> str:
        return self.ids.get(space, {}).get(old_id, old_id)

    def name(self, old_name: str) -> str:
        """An old reference name with the new paper's ids: funding.mopac_iom.nds_extension."""
        parts = old_name.split(".")
        if len(parts) > 1 and parts[0] in ("cost", "funder", "recipient", "contract", "figure", "rec"):
            parts[1] = self.id(parts[0], parts[1])
        elif len(parts) > 2 and parts[0] == "funding":
            parts[1], parts[2] = self.id("funder", parts[1]), self.id("cost", parts[2])
        return ".".join(parts)

    def text(self, source: str) -> str:
        """The author's words with the references renamed to the new paper's ids."""
        return REFERENCE.sub(lambda m: "{" + self.name(m.group(1)) + (m.group(2) or "") + "}", source)


def _contract_text(k: ContractChange) -> str:
    return " ".join([k.number, k.supplier, k.service])


def figure_notes(tree: dict) -> dict[str, str]:
    """Each historical figure's description (what the paper calls it), by id."""
    finance = tree.get("finance")
    out: dict[str, str] = {}
    for f in (finance.get("figures") if isinstance(finance, dict) else None) or []:
        if isinstance(f, dict) and isinstance(f.get("id"), str):
            out[f["id"]] = str(f.get("description") or f.get("amount") or f["id"])
    return out


# -- the paper's own names for its values -----------------------------------------------------------

TOTALS = {"costs": "total costs", "funding": "total funding", "spent": "total spent",
          "awarded": "total awarded onward", "kept": "total kept", "capital": "total capital",
          "revenue": "total revenue", "new_money": "new money in this decision",
          "approved_before": "money approved by earlier decisions",
          "approved_by": "the earlier decisions that approved money"}


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
    costs = {c.id: c.label for c in fin.costs}
    funders = {f.id: f.name for f in fin.funders}
    recipients = {r.id: r.name for r in fin.recipients}
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


# -- comparing the computed papers -------------------------------------------------------------------

ORDER = ["cost", "funding", "funder", "recipient", "total", "contract", "figure", "period"]
# Values the facts below report in words, values of the house style rather than the spec, and
# Part 2 references (their text is the same whatever the figure): never compared as figures.
NOT_FIGURES = ("date.", "reference", "officer", "dm.", "org.", "part2.", "rec.", "para.", "scheme.",
               "count.")


def figures(old: Paper, new: Paper, m: Match, notes: tuple[dict, dict]) -> list[Change]:
    """Every named value that moved, in the table's reading order, then the ones it lost."""
    from authoring.model.references import write

    old_values, new_values = {**old.values, **provided(old)}, {**new.values, **provided(new)}
    renamed = {m.name(n): n for n in old_values}
    names = list(new_values) + [n for n in renamed if n not in new_values]
    names.sort(key=lambda n: ORDER.index(n.split(".")[0]) if n.split(".")[0] in ORDER else len(ORDER))
    out = []
    for name in names:
        a = old_values.get(renamed[name]) if name in renamed else None
        b = new_values.get(name)
        text = isinstance(a, str) or isinstance(b, str)
        if name.startswith(NOT_FIGURES) or a == b or a in (None, "") and b in (None, "") or (
                text and not _fact(name)):
            continue
        kind = "figure" if isinstance(a if a is not None else b, Decimal) else "fact"
        what = label(name, new, notes[1]) if name in new_values else label(renamed[name], old, notes[0])
        out.append(Change(kind, what, "" if a is None else write(a), "" if b is None else write(b), ref=name))
    return out


def provided(paper: Paper) -> dict[str, object]:
    """What each funder provides as the spec states it (prose cannot quote it, but it is a figure)."""
    from authoring.model.names import period_id
    from authoring.model.paper import total

    out: dict[str, object] = {}
    periods = [period_id(p) for p in paper.finance.periods] if len(paper.finance.periods) > 1 else []
    for f in paper.finance.funders:
        if f.stated is not None:
            out[f"funder.{f.id}.provides"] = total(f.stated)
            out.update({f"funder.{f.id}.provides.{p}": v for p, v in zip(periods, f.stated)})
    return out


def _fact(name: str) -> bool:
    """Text values worth reporting: approval routes, names, suppliers; not every label."""
    parts = name.split(".")
    return name.endswith((".route", ".name", ".supplier", ".service", ".procurement", ".term",
                          ".approved_by")) or (parts[0] == "contract" and len(parts) == 2)


def rendered(p: Paragraph | Recommendation) -> str:
    """What a reader sees of a paragraph: its figures written out, its bullets after it."""
    from authoring.model.text import plain_text

    return "\n".join([plain_text(p.text.spans), *(f"• {plain_text(b.spans)}" for b in p.bullets)])


def same(p: Paragraph | Recommendation, q: Paragraph | Recommendation, m: Match) -> bool:
    """Unchanged: the same words to the reader, or the same words from the author (a figure it
    quotes moved, which the figures report once rather than in every paragraph quoting it)."""
    return rendered(p) == rendered(q) or m.text(source(p)) == source(q)


def recommendations(old: Paper, new: Paper, m: Match) -> list[Change]:
    """Recommendations added, removed, reworded or renumbered, paired by id or else by content."""
    new_of = m.ids.get("rec", {})
    before = {r.id: r for r in old.recommendations}
    was_of = {n: before[o] for o, n in new_of.items()}
    out = []
    for r in new.recommendations:
        was = was_of.get(r.id)
        if was is None:
            out.append(Change("recommendation", f"recommendation {r.number}", "", source(r), ref=r.id))
            continue
        what = (f"recommendation {r.number}" if was.number == r.number
                else f"recommendation {was.number} → {r.number}")
        if not same(was, r, m):
            a = m.text(source(was))
            out.append(Change("recommendation", what, a, source(r), words(a, source(r)), ref=r.id))
        elif was.number != r.number:
            out.append(Change("recommendation", what, source(was), source(r), ref=r.id))
        out += approvals(was, r, old, new, m)
    out += [Change("recommendation", f"recommendation {r.number}", source(r), "", ref=r.id)
            for r in old.recommendations if r.id not in new_of]
    return out


def approvals(was: Recommendation, r: Recommendation, old: Paper, new: Paper, m: Match) -> list[Change]:
    """What a recommendation approves beyond its words: funding accepted, a contract, awards."""
    def names(p: Paper, accepts, contract: str, awards) -> tuple[str, str, str]:
        costs = {c.id: c.label for c in p.finance.costs}
        funders = {f.id: f.name for f in p.finance.funders}
        recipients = {x.id: x.name for x in p.finance.recipients}
        contracts = {k.id: contract_name(k) for k in p.contracts}
        return ("; ".join(f"{funders.get(f, f)} towards {costs.get(c, c)}" for f, c in accepts),
                contracts.get(contract, contract), ", ".join(recipients.get(x, x) for x in awards))

    mapped = (tuple((m.id("funder", f), m.id("cost", c)) for f, c in was.accepts),
              m.id("contract", was.contract), tuple(m.id("recipient", x) for x in was.awards))
    if mapped == (r.accepts, r.contract, r.awards):
        return []
    a, b = names(old, was.accepts, was.contract, was.awards), names(new, r.accepts, r.contract, r.awards)
    whats = ("the funding it accepts", "the contract it approves", "the onward awards it approves")
    return [Change("fact", f"recommendation {r.number}: {w}", x, y, ref=r.id)
            for w, x, y in zip(whats, a, b) if x != y]


def source(p: Paragraph | Recommendation) -> str:
    """A paragraph's or recommendation's words as the author wrote them, its bullets included."""
    return "\n".join([p.text.source, *(f"• {b.source}" for b in p.bullets)])


def paragraphs(old: Paper, new: Paper, m: Match) -> list[Change]:
    """Paragraphs (the executive summary's first) added, removed, changed or renumbered."""
    out = []
    before = {"summary": old.summary, **{s.id: s.paragraphs for s in old.sections}}
    after = {"summary": new.summary, **{s.id: s.paragraphs for s in new.sections}}
    for sid in [*after, *(s for s in before if s not in after)]:
        a, b = list(before.get(sid, ())), list(after.get(sid, ()))

        def name(p: Paragraph, i: int) -> str:  # summary paragraphs have no number
            return p.number or f"{i + 1} of the summary"

        match = difflib.SequenceMatcher(None, [rendered(p) for p in a], [rendered(p) for p in b],
                                        autojunk=False)
        for op, i1, i2, j1, j2 in match.get_opcodes():
            if op == "equal":
                out += [Change("paragraph", f"paragraph {p.number} → {q.number}", source(p), source(q))
                        for p, q in zip(a[i1:i2], b[j1:j2]) if p.number != q.number]
                continue
            xs, ys = a[i1:i2], b[j1:j2]
            pairs = closest([rendered(p) for p in xs], [rendered(q) for q in ys], 0.5)
            if pairs is None:  # too many to compare each with each: by position
                pairs = list(zip(range(len(xs)), range(len(ys))))
            old_of = {j: i for i, j in pairs}
            for j, q in enumerate(ys):
                if j not in old_of:
                    out.append(Change("paragraph", f"paragraph {name(q, j1 + j)}", "", source(q)))
                    continue
                p = xs[old_of[j]]
                what = (f"paragraph {name(q, j1 + j)}" if p.number == q.number
                        else f"paragraph {p.number} → {q.number}")
                if not same(p, q, m):
                    x = m.text(source(p))
                    out.append(Change("paragraph", what, x, source(q), words(x, source(q))))
                elif p.number != q.number:
                    out.append(Change("paragraph", what, source(p), source(q)))
            paired = set(old_of.values())
            out += [Change("paragraph", f"paragraph {name(p, i1 + i)}", source(p), "")
                    for i, p in enumerate(xs) if i not in paired]
    return out


def facts(old: Paper, new: Paper, m: Match) -> list[Change]:
    """The paper's own facts: title, decision maker, signatures, declarations, publication."""
    def date(d: dt.date | None) -> str:
        return d.isoformat() if d else ""

    def dm(p: Paper) -> str:
        return str(p.values.get("dm.title") or p.decision_maker)

    pairs = [("title", old.title, new.title), ("the paper's reference", old.reference, new.reference),
             ("house style", old.style.name, new.style.name), ("decision maker", dm(old), dm(new)),
             ("drafting officer", old.drafting_officer, new.drafting_officer),
             ("drafting began", date(old.drafted), date(new.drafted))]
    signed = {s.role: s for s in old.signatures}
    for s in new.signatures:
        was = signed.get(s.role)
        pairs += [(f"{s.title}: date signed", date(was.date) if was else "", date(s.date)),
                  (f"{s.title}: name", was.name if was else "", s.name)]
    pairs += [("publication deferred", "yes" if old.publication.defer else "no",
               "yes" if new.publication.defer else "no"),
              ("publication deferred until", date(old.publication.until), date(new.publication.until))]
    labels = {m.id("cost", c.id): c.label for c in old.finance.costs}
    pairs += [("a cost line's label", labels[c.id], c.label) for c in new.finance.costs if c.id in labels]
    out = [Change("fact", what, a, b) for what, a, b in pairs if a != b]
    out += prose_change("the reason for deferring publication", old.publication.reason,
                        new.publication.reason, m)
    out += prose_change("interests declared", old.interests, new.interests, m)
    return out + declarations(old, new, m)


def prose_change(what: str, a, b, m: Match) -> list[Change]:
    x, y = m.text(a.source) if a else "", b.source if b else ""
    return [Change("fact", what, x, y, words(x, y) if x and y else "")] if x != y else []


STATES = {"confirmed": "confirmed", "not_required": "not required", "pending": "pending"}


def declarations(old: Paper, new: Paper, m: Match) -> list[Change]:
    """Each officer declaration's state, wording and notes (`legal: confirmed` → `pending`)."""
    before = {d.id: d for d in old.declarations}
    after = {d.id: d for d in new.declarations}
    out = []
    for key in [*after, *(k for k in before if k not in after)]:
        a, b = before.get(key), after.get(key)
        title = (b or a).title.rstrip(": ") if (b or a) else key  # type: ignore[union-attr]
        if (a and a.state) != (b and b.state):
            out.append(Change("fact", f"{title} declaration", STATES.get(a.state, a.state) if a else "",
                              STATES.get(b.state, b.state) if b else "", ref=f"declarations.{key}"))
        if a and b:
            out += prose_change(f"{title} declaration: wording", a.text, b.text, m)
            x = "\n".join(m.text(n.source) for n in a.notes)
            y = "\n".join(n.source for n in b.notes)
            if x != y:
                out.append(Change("fact", f"{title} declaration: notes", x, y, words(x, y)))
    return out


# -- comparing the specs as written: what the model does not carry -----------------------------------

def part2(old: dict, new: dict) -> list[Change]:
    """Whether a Part 2 form exists, and that its contents changed: never its words or figures."""
    def block(tree: dict) -> dict:
        return tree["part2"] if isinstance(tree.get("part2"), dict) else {}

    a, b = block(old), block(new)
    out = []
    exists = [str(x.get("exists", "")).lower() in ("true", "yes", "on") for x in (a, b)]
    if exists[0] != exists[1]:
        out.append(Change("fact", "a Part 2 form", "yes" if exists[0] else "no",
                          "yes" if exists[1] else "no", ref="part2.exists"))
    names = {"summary": "the Part 2 summary", "figures": "Part 2 figures"}
    for key in [*b, *(k for k in a if k not in b)]:
        if key != "exists" and a.get(key) != b.get(key):
            out.append(Change("confidential", names.get(key, f"Part 2 {key}"), "", "", ref=f"part2.{key}"))
    return out


def abbreviations(old: dict, new: dict) -> list[Change]:
    a, b = (t["abbreviations"] if isinstance(t.get("abbreviations"), dict) else {} for t in (old, new))
    return [Change("fact", f"abbreviation {k}", str(a.get(k, "")), str(b.get(k, "")),
                   ref=f"abbreviations.{k}")
            for k in [*b, *(k for k in a if k not in b)] if a.get(k) != b.get(k)]


def background_papers(old: dict, new: dict) -> list[Change]:
    """Background papers added, removed or retitled, paired by reference, else by title."""
    def papers(tree: dict) -> dict[str, str]:
        items = tree.get("background_papers")
        return {str(p.get("ref")): str(p.get("title", "")) for p in (items if isinstance(items, list) else [])
                if isinstance(p, dict)}

    a, b = papers(old), papers(new)
    matched = pair(a, b)
    out = []
    for ref, title in b.items():
        was = next((o for o, n in matched.items() if n == ref), None)
        if was is None:
            out.append(Change("fact", f"background paper {ref}", "", title))
        elif (was, a[was]) != (ref, title):
            out.append(Change("fact", f"background paper {ref}", f"{was}: {a[was]}" if was != ref else a[was],
                              title))
    return out + [Change("fact", f"background paper {ref}", title, "") for ref, title in a.items()
                  if ref not in matched]


# The parts of the spec the comparisons above report whenever they change what the paper says.
# Anything else that differs is named from the spec itself, so no edit goes unreported.
REPORTED = {
    "title", "reference", "house_style", "decision_maker", "drafting_officer", "drafted",
    "signatures", "interests", "summary", "recommendations", "sections", "background_papers",
    "publication", "abbreviations", "declarations", "part2",
    "finance.costs.*.label", "finance.costs.*.amount", "finance.costs.*.period",
    "finance.costs.*.funding.*.amount", "finance.costs.*.funding.*.funder",
    "finance.funders.*.name", "finance.funders.*.approved_by", "finance.funders.*.amount",
    "finance.recipients.*.name",
    "finance.figures.*.amount", "contracts.*.number", "contracts.*.supplier",
    "contracts.*.service", "contracts.*.value", "contracts.*.starts", "contracts.*.ends",
    "contracts.*.change.months", "contracts.*.change.until", "contracts.*.change.amount",
    "contracts.*.history.*.amount", "contracts.*.award.annual_value", "contracts.*.award.years",
    "contracts.*.award.extensions", "contracts.*.award.route",
}
UNREPORTED = {"table"}  # where the finance table goes: not in the paragraphs' words


def plain(node: Node) -> object:
    """The YAML as written: scalars as their text, so 273497 and 273497.00 are told apart."""
    if isinstance(node, Scalar):
        return node.text
    if isinstance(node, Seq):
        return [plain(n) for n in node.items]
    if isinstance(node, Map):
        return {k: plain(v) for k, (_, v) in node.items.items()}
    return None


def leaves(tree: object, path: tuple = (), m: Match | None = None) -> Iterator[tuple[tuple, str]]:
    """Every scalar with its path; list items named by id (renamed to the new paper's), else number."""
    if isinstance(tree, dict):
        if not tree:
            yield path, "{}"
        for k, v in tree.items():
            if k == "id" and path and isinstance(path[-1], tuple):
                continue  # the id names the item in the path
            yield from leaves(v, path + (k,), m)
    elif isinstance(tree, list):
        if not tree:
            yield path, "[]"
        space = ID_LISTS.get(tuple(p for p in path if isinstance(p, str)))
        for i, v in enumerate(tree):
            ident = v.get("id") if isinstance(v, dict) else None
            if space and isinstance(ident, str):
                key: tuple = ("id", m.id(space, ident) if m else ident)
            else:
                key = ("n", i + 1)
            yield from leaves(v, path + (key,), m)
    else:
        field = next((p for p in reversed(path) if isinstance(p, str)), "")
        text = "" if tree is None else str(tree)
        if m and field in ID_FIELDS:
            text = m.id(ID_FIELDS[field], text)
        yield path, text


def _reported(path: tuple) -> bool:
    keys = [p if isinstance(p, str) else "*" for p in path]
    if keys and keys[-1] in UNREPORTED:
        return False
    return any(".".join(keys[:n]) in REPORTED for n in range(1, len(keys) + 1))


def spec_edits(old: Version, new: Version, m: Match) -> list[Change]:
    """Edits the comparisons of the papers cannot see, named by where they are in the spec."""
    computed = old.paper is not None and new.paper is not None
    a = dict(leaves({k: v for k, v in old.tree.items() if k != "part2"}, (), m))
    b = dict(leaves({k: v for k, v in new.tree.items() if k != "part2"}))
    items = [{p[:i + 1] for p in side for i, x in enumerate(p) if isinstance(x, tuple) and x[0] == "id"}
             for side in (a, b)]
    out = []
    for path in [*b, *(p for p in a if p not in b)]:
        if a.get(path) == b.get(path) or (computed and _reported(path)):
            continue
        whole = [path[:i + 1] for i, x in enumerate(path) if isinstance(x, tuple) and x[0] == "id"]
        if computed and any(p not in items[0] or p not in items[1] for p in whole):
            continue  # a cost line, funder or contract added or removed: its figures say so
        out.append(Change("spec", where(path, old, new), a.get(path, ""), b.get(path, ""),
                          ref=_path_text(path)))
    return out


def where(path: tuple, old: Version, new: Version) -> str:
    """A spec path in readable words: finance › cost line "IOM Neurodiversity…" › vat."""
    words_ = []
    for i, p in enumerate(path):
        if isinstance(p, str):
            words_.append(p.replace("_", " "))
            continue
        kind, value = p
        space = ID_LISTS.get(tuple(x for x in path[:i] if isinstance(x, str)))
        name = (_item_name(space, str(value), new) or _item_name(space, str(value), old)
                if kind == "id" else "")
        words_.append(name or (f"item {value}" if kind == "n" else str(value)))
    return " › ".join(words_)


def _item_name(space: str | None, ident: str, v: Version) -> str:
    if v.paper is None or space is None:
        return ""
    fin = v.paper.finance
    names = {"cost": {c.id: c.label for c in fin.costs}, "funder": {f.id: f.name for f in fin.funders},
             "recipient": {r.id: r.name for r in fin.recipients},
             "contract": {k.id: contract_name(k) for k in v.paper.contracts},
             "figure": figure_notes(v.tree),
             "rec": {r.id: f"recommendation {r.number}" for r in v.paper.recommendations}}
    return names.get(space, {}).get(ident, "")


def _path_text(path: tuple) -> str:
    out = ""
    for p in path:
        out += (("." if out else "") + p) if isinstance(p, str) else f"[{p[1]}]"
    return out


def words(a: str, b: str, marks: tuple[str, str, str, str] = ("[-", "-]", "{+", "+}")) -> str:
    """A word-level diff: unchanged words as they are, [-removed-] and {+added+}."""
    x, y = a.split(), b.split()
    out = []
    # every word may match every other: quadratic, so a very long text skips its commonest words
    exact = len(x) * len(y) <= 4_000_000
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, x, y, autojunk=not exact).get_opcodes():
        if op == "equal":
            out.append(" ".join(x[i1:i2]))
            continue
        if i2 > i1:
            out.append(marks[0] + " ".join(x[i1:i2]) + marks[1])
        if j2 > j1:
            out.append(marks[2] + " ".join(y[j1:j2]) + marks[3])
    return " ".join(out)


def compare(old: Version, new: Version) -> list[Change]:
    """Every change, in reading order: the paper's facts, recommendations, figures, paragraphs,
    then Part 2 (that it changed, never how), abbreviations, background papers and other edits."""
    m = Match(old, new)
    out: list[Change] = []
    if old.paper is not None and new.paper is not None:
        notes = (figure_notes(old.tree), figure_notes(new.tree))
        out += facts(old.paper, new.paper, m) + recommendations(old.paper, new.paper, m)
        out += figures(old.paper, new.paper, m, notes) + paragraphs(old.paper, new.paper, m)
    out += part2(old.tree, new.tree) + abbreviations(old.tree, new.tree)
    out += background_papers(old.tree, new.tree)
    return out + spec_edits(old, new, m)


# -- output: every text from a spec is shown, never acted on ------------------------------------------

def one_line(text: str) -> str:
    """A text on one line with its control, bidi and line-break characters written as escapes:
    a spec's words cannot forge a line of the report or reorder what a terminal shows."""
    return visible(text.replace("\n• ", " • "))


def as_text(changes: list[Change]) -> str:
    lines = []
    for c in changes:
        what = one_line(c.what)
        if c.kind == "confidential":
            lines.append(f"{what}: changed, confidential")
        elif c.kind in ("figure", "fact", "spec") and not (c.words and c.old and c.new):
            lines.append(f"{what}: {one_line(c.old) or '(none)'} → {one_line(c.new) or '(none)'}")
        elif not (c.old and c.new):
            change = f"added: {one_line(c.new)}" if c.new else f"removed: {one_line(c.old)}"
            lines.append(f"{what}: {change}")
        else:
            lines.append(f"{what}: {one_line(c.words) or 'renumbered'}")
    return "\n".join(lines) + ("\n" if lines else "")


def as_markdown(changes: list[Change], title: str, notes: list[str]) -> str:
    def md(text: str) -> str:
        text = one_line(text).replace("\\", "\\\\")
        return re.sub(r"([|*_`<>\[\]#~])", r"\\\1", text)

    out = [f"### {md(title)}", ""]
    out += [f"> {md(n)}" for n in notes] + ([""] if notes else [])
    groups = (("fact", "Facts"), ("recommendation", "Recommendations"), ("figure", "Figures"),
              ("paragraph", "Paragraphs"), ("confidential", "Part 2"), ("spec", "Other edits"))
    for kind, heading in groups:
        rows = [c for c in changes if c.kind == kind]
        if not rows:
            continue
        out.append(f"**{heading}**")
        out.append("")
        if kind == "confidential":
            out += [f"- {md(c.what)}: changed, confidential" for c in rows]
        elif kind in ("figure", "fact", "spec"):
            out += ["| | before | after |", "| --- | ---: | ---: |"]
            out += [f"| {md(c.what)} | {md(c.old) or '—'} | {md(c.new) or '—'} |" for c in rows]
        else:
            for c in rows:
                if c.old and c.new:
                    body = (words(md(c.old), md(c.new), ("~~", "~~", "**", "**"))
                            if c.words else "renumbered")
                else:
                    body = ("added: " + md(c.new)) if c.new else ("removed: ~~" + md(c.old) + "~~")
                out.append(f"- {md(c.what)}: {body}")
        out.append("")
    return "\n".join(out) + "\n"


def as_json(changes: list[Change], labels: tuple[str, str], notes: list[str]) -> str:
    data = {"old": visible(labels[0]), "new": visible(labels[1]), "changes": [asdict(c) for c in changes],
            "notes": notes}
    text = json.dumps(data, indent=2, ensure_ascii=False)
    # json escapes control characters in strings but leaves bidi controls and a file name's stray
    # surrogates as they are: escape them too (a raw line break is the layout's own)
    return HIDDEN.sub(lambda m: m.group() if m.group() == "\n" else f"\\u{ord(m.group()):04x}", text) + "\n"


# -- reading the two versions ------------------------------------------------------------------------

class Trouble(Exception):
    """Something that stops a comparison: exit 2 with this message."""


def load(data: bytes, name: str, style_dirs: tuple[str, ...]) -> Version:
    """A version of the spec with its paper computed as far as it goes: an older revision that
    breaks a rule added since still has figures to compare (its findings become a note)."""
    outcome = process_text(data, name, style_dirs)
    errors = [d for d in outcome.diagnostics if d.severity == "error"]
    text = ""
    try:
        text = read_text(data)
        tree = plain(parse(text))
    except SpecError:
        raise Trouble(f"{visible(name)} has errors, so its figures cannot be compared:\n"
                      + "\n".join(shown(d, text) for d in errors)) from None
    if not isinstance(tree, dict):
        raise Trouble(f"{visible(name)} is not a spec (its YAML is not a mapping)")
    return Version(name, outcome.paper, tree, errors, text)


def shown(d: Diagnostic, text: str) -> str:
    """A finding for a note; one about Part 2 keeps its place and code but not its words, which
    may quote the figure."""
    if d.path[:1] == ("part2",) or (d.line and d.line in part2_lines(text)):
        return visible(f"{d.file}:{d.line}:{d.col}: {d.severity}[{d.code}] (about Part 2: not shown)")
    return d.format()


def part2_lines(text: str) -> range:
    """The lines of the spec's top-level part2 block (1-based)."""
    lines = text.split("\n")
    start = next((i for i, ln in enumerate(lines) if re.match(r"part2\s*:", ln)), None)
    if start is None:
        return range(0)
    end = next((i for i in range(start + 1, len(lines)) if re.match(r"[^\s#]", lines[i])), len(lines))
    return range(start + 1, end + 1)


def note(v: Version) -> list[str]:
    if not v.errors:
        return []
    if v.paper is None:
        head = (f"{v.name} cannot be computed ({len(v.errors)} error(s)), so only the spec as "
                "written is compared:")
    else:
        head = (f"{v.name} has {len(v.errors)} error(s) under today's rules; its figures are "
                "compared as computed:")
    return [visible(head)] + [shown(d, v.text) for d in v.errors]


def read(path: str) -> bytes:
    try:  # a regular file only, and no more than a spec may hold (/dev/zero never ends)
        return read_spec(path)
    except OSError as exc:
        raise Trouble(f"cannot read {visible(path)}: {visible(str(exc.strerror or exc))}") from None


def at_revision(path: str, rev: str) -> bytes:
    """The file as it was at a git revision (run as an argument list: nothing is a shell)."""
    if rev.startswith("-"):  # git would read it as an option
        raise Trouble(f"--rev {visible(repr(rev))} is not a revision")
    where_ = Path(path).resolve()
    try:
        result = subprocess.run(["git", "-C", str(where_.parent), "show", f"{rev}:./{where_.name}"],
                                capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise Trouble(f"cannot run git: {visible(str(exc))}") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        why = message[-1] if message else "unknown error"
        raise Trouble(visible(f"git cannot show {path} at {rev}: {why}"))
    return result.stdout


def diff(paths: list[str], rev: str | None = None, form: str = "text",
         style_dirs: tuple[str, ...] = (), out: TextIO = sys.stdout) -> int:
    """Compare two specs (or one against a git revision); print the changes; diff(1)'s exit codes.

    Seven paths are git's external diff convention (path old-file old-hex old-mode new-file
    new-hex new-mode): `git diff` then shows figure-level changes for specs marked diff=pcd.
    """
    as_git = len(paths) == 7
    try:
        if as_git:
            name, old_file, new_file = paths[0], paths[1], paths[4]
            labels = (f"a/{name}", f"b/{name}")
            if form != "json":
                out.write(f"pcd diff {visible(name)}\n")  # a file name cannot forge a line
            old_data = b"" if old_file == "/dev/null" else read(old_file)
            new_data = b"" if new_file == "/dev/null" else read(new_file)
            if not old_data or not new_data:
                whole = f"{'new' if not old_data else 'deleted'} spec"
                out.write(as_json([], labels, [whole]) if form == "json" else f"{visible(name)}: {whole}\n")
                return 0
        elif rev is not None and len(paths) == 1:
            old_data, new_data = at_revision(paths[0], rev), read(paths[0])
            labels = (f"{paths[0]}@{rev}", paths[0])
        elif rev is None and len(paths) == 2:
            old_data, new_data = read(paths[0]), read(paths[1])
            labels = (paths[0], paths[1])
        else:
            raise Trouble("give two specs (OLD NEW), or one spec and --rev REVISION")
        old, new = load(old_data, labels[0], style_dirs), load(new_data, labels[1], style_dirs)
        for v in (old, new):  # git's driver compares the spec as written instead: see everything
            if v.paper is None and not as_git:
                raise Trouble(f"{visible(v.name)} has errors, so its figures cannot be compared:\n"
                              + "\n".join(shown(d, v.text) for d in v.errors))
    except Trouble as exc:
        # git shows only what the driver prints: the reviewer must see that it could not compare
        if as_git and form == "json":
            out.write(as_json([], ("", ""), [f"cannot compare: {exc}"]))
        else:  # the message's parts were made visible where it was written
            print(f"pcd diff: {exc}", file=out if as_git else sys.stderr)
        return 0 if as_git else 2
    changes = compare(old, new)
    notes = note(old) + note(new)
    if form == "json":
        out.write(as_json(changes, labels, notes))
    elif form == "markdown":
        title = visible(new.paper.reference if new.paper else labels[1])
        out.write(as_markdown(changes, f"{title}: {len(changes)} change(s)", notes) if changes
                  else f"{title}: no changes\n")
    else:
        if notes:
            print("\n".join(f"note: {n}" for n in notes), file=out if as_git else sys.stderr)
        out.write(as_text(changes))
        if as_git and not changes and old.text != new.text:
            out.write("no change to the paper (only the spec's layout or comments changed)\n")
    if as_git:
        return 0  # git treats any other exit status from an external diff as a failure
    return 1 if changes else 0
