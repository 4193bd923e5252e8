"""Comparing the computed papers: the facts, recommendations, figures and paragraphs that changed,
each named as the paper names it; then what only the specs as written show."""

from __future__ import annotations

import datetime as dt
import difflib
from decimal import Decimal

from authoring.commands.diff.as_written import abbreviations, background_papers, part2, spec_edits
from authoring.commands.diff.change import Change, Version, either, words
from authoring.commands.diff.labels import ORDER, label, named
from authoring.commands.diff.matching import Match, closest, rendered, source
from authoring.model.paper import Paper, Paragraph, Recommendation

# Values the facts below report in words, values of the house style rather than the spec, and
# Part 2 references (their text is the same whatever the figure): never compared as figures.
NOT_FIGURES = ("date.", "reference", "officer", "dm.", "org.", "part2.", "rec.", "para.", "scheme.",
               "count.")


def compare(old: Version, new: Version) -> list[Change]:
    """Every change, in reading order: the paper's facts, recommendations, figures, paragraphs,
    then Part 2 (that it changed, never how), abbreviations, background papers and other edits."""
    m = Match(old, new)
    out: list[Change] = []
    if old.paper is not None and new.paper is not None:
        out += facts(old.paper, new.paper, m) + recommendations(old.paper, new.paper, m)
        out += figures(old.paper, new.paper, m) + paragraphs(old.paper, new.paper, m)
    out += part2(old.tree, new.tree) + abbreviations(old.tree, new.tree)
    out += background_papers(old.tree, new.tree)
    return out + spec_edits(old, new, m)


def figures(old: Paper, new: Paper, m: Match) -> list[Change]:
    """Every named value that moved, in the table's reading order, then the ones it lost."""
    from authoring.model.references import write

    old_values, new_values = {**old.values, **provided(old)}, {**new.values, **provided(new)}
    renamed = {m.name(n): n for n in old_values}
    names = sorted(either(new_values, renamed),
                   key=lambda n: ORDER.index(n.split(".")[0]) if n.split(".")[0] in ORDER else len(ORDER))
    out = []
    for name in names:
        a = old_values.get(renamed[name]) if name in renamed else None
        b = new_values.get(name)
        text = isinstance(a, str) or isinstance(b, str)
        if name.startswith(NOT_FIGURES) or a == b or a in (None, "") and b in (None, "") or (
                text and not _fact(name)):
            continue
        kind = "figure" if isinstance(a if a is not None else b, Decimal) else "fact"
        what = (label(name, new, m.notes[1]) if name in new_values
                else label(renamed[name], old, m.notes[0]))
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


def same(p: Paragraph | Recommendation, q: Paragraph | Recommendation, m: Match) -> bool:
    """Unchanged: the same words to the reader, or the same words from the author (a figure it
    quotes moved, which the figures report once rather than in every paragraph quoting it)."""
    return rendered(p) == rendered(q) or m.text(source(p)) == source(q)


def reworded(kind: str, name: str, was: Paragraph | Recommendation, now: Paragraph | Recommendation,
             m: Match, ref: str = "") -> list[Change]:
    """A paragraph or recommendation paired with its old self: reworded (word by word), renumbered,
    or neither."""
    what = f"{kind} {name}" if was.number == now.number else f"{kind} {was.number} → {now.number}"
    if not same(was, now, m):
        a = m.text(source(was))
        return [Change(kind, what, a, source(now), words(a, source(now)), ref=ref)]
    if was.number != now.number:
        return [Change(kind, what, source(was), source(now), ref=ref)]
    return []


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
        out += reworded("recommendation", str(r.number), was, r, m, ref=r.id)
        out += approvals(was, r, old, new, m)
    out += [Change("recommendation", f"recommendation {r.number}", source(r), "", ref=r.id)
            for r in old.recommendations if r.id not in new_of]
    return out


def approvals(was: Recommendation, r: Recommendation, old: Paper, new: Paper, m: Match) -> list[Change]:
    """What a recommendation approves beyond its words: funding accepted, a contract, awards."""
    def names(p: Paper, accepts, contract: str, awards) -> tuple[str, str, str]:
        n = named(p)
        costs, funders, recipients, contracts = n["cost"], n["funder"], n["recipient"], n["contract"]
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


def paragraphs(old: Paper, new: Paper, m: Match) -> list[Change]:
    """Paragraphs (the executive summary's first) added, removed, changed or renumbered."""
    out = []
    before = {"summary": old.summary, **{s.id: s.paragraphs for s in old.sections}}
    after = {"summary": new.summary, **{s.id: s.paragraphs for s in new.sections}}
    for sid in either(after, before):
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
                out += reworded("paragraph", name(q, j1 + j), xs[old_of[j]], q, m)
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
    for key in either(after, before):
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
