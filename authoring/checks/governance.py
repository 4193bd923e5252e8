"""Governance rules: delegated authority, changes backed by recommendations, declarations."""

from __future__ import annotations

import re

from authoring.checks.text import is_placeholder
from authoring.model.references import write
from authoring.diagnostics import Report
from authoring.model.paper import Declaration, Paper


VALUE_NAMES = {"annual": "its annual value", "initial_term": "its initial term's value",
               "whole_life": "its whole-life value"}


def money(value) -> str:
    return write(value, "")


def check(paper: Paper, report: Report) -> None:
    auth = paper.style.authorities
    if paper.decision_maker in auth:
        rank = auth[paper.decision_maker]["rank"]
        for r in paper.routes:
            if auth[r.authority]["rank"] > rank:
                word = paper.style["texts"].get("clause") or "clause"
                clause = f" ({word} {r.clause})" if r.clause else ""
                # An award says which of its values the scheme's thresholds compared.
                worth = f" ({VALUE_NAMES[r.basis]} {money(r.value)})" if r.basis and r.value else ""
                report.add("PCD401", f"{r.action}{worth} needs the {auth[r.authority]['short']}{clause}; "
                           f"the {auth[paper.decision_maker]['short']} cannot approve it",
                           r.path if r.path[0] == "contracts" else ("decision_maker",))

    backed = {r.contract for r in paper.recommendations if r.contract}
    for c in paper.contracts:
        if c.id not in backed:
            report.add("PCD402", f"the {c.kind} of {c.name} is not asked for by any recommendation "
                       f"(give one 'contract: {c.id}')", c.path)

    sections = {s.id: s for s in paper.sections}
    signed = any(s.date for s in paper.signatures)
    for d in paper.declarations:
        if d.state == "pending":
            if signed:
                report.add("PCD404", f"the '{d.id}' declaration is not confirmed", d.path)
            else:
                report.add("PCD210", f"the '{d.id}' declaration is still to be confirmed", d.path)
        section = sections.get(d.section)
        if section is None:
            continue
        written = any(not is_placeholder(p.text.source) for p in section.paragraphs)
        has_advice = any(_advises(p.text.source, d) for p in section.paragraphs)
        if d.state == "not_required" and has_advice and not _says_only(section.paragraphs, d.text.source):
            report.add("PCD403", f"the '{d.id}' declaration says advice was not required, but section "
                       f"{section.number} ({section.title}) gives it", d.path)
        elif d.state == "confirmed" and not written:
            report.add("PCD403", f"the '{d.id}' declaration is confirmed, but section "
                       f"{section.number} ({section.title}) is empty", d.path)
        for note in d.notes:
            for thing, said in _denied(note.source, section.paragraphs):
                report.add("PCD403", f"a note of the '{d.id}' declaration says there is no {thing}, but "
                           f"section {section.number} ({section.title}) says: '{said}'", note.path,
                           needle=thing)


def _denied(note: str, paragraphs) -> list[tuple[str, str]]:
    """What a note says there is none of ("No DPIA is needed") that a sentence of its section
    has, unnegated ("A DPIA has been produced …"): each thing with that sentence."""
    text = " ".join(" ".join(re.sub(r"\{[^{}]*\}", "", p.text.source).split()) for p in paragraphs)
    sentences = [x for x in re.split(r"(?<=[.;!?])\s+", text) if not NEGATION.search(x)]
    found = []
    if QUALIFIED.search(note):
        return []  # "No DPIA is required for this variation as the existing one is updated": no denial
    for m in DENIES.finditer(note):
        has = re.compile(rf"\b{re.escape(m.group(1))}\b", re.IGNORECASE)
        said = next((x for x in sentences if has.search(x)), None)
        if said:
            found.append((m.group(1), said if len(said) < 90 else said[:87] + "…"))
    return found


def _says_only(paragraphs, wording: str) -> bool:
    """The section says only the declaration's own words ("Legal advice is not required."): that
    is the declaration, not advice given beside it."""
    said = " ".join(wording.split()).casefold()
    return all(" ".join(p.text.source.split()).casefold() == said and not p.bullets
               for p in paragraphs if not is_placeholder(p.text.source))


# a note that says there is none of something: "No DPIA is needed", "no personal data is processed"
DENIES = re.compile(r"\b[Nn]o\s+((?:[A-Za-z][\w-]*\s+){0,2}?[A-Za-z][\w-]*)\s+"
                    r"(?:is|are|was|were|has been|have been|will be)\b")
QUALIFIED = re.compile(r"\b(?:new|further|additional|another|existing|separate)\b"
                       r"|\bfor this (?:variation|change|extension|uplift|modification)\b", re.IGNORECASE)
NEGATION = re.compile(r"\b(no|not|none|without|nor|never)\b|n't\b", re.IGNORECASE)
NOT_NEEDED = re.compile(r"\b(is|are|was|were) (not required|not applicable|not relevant|not needed)\b|"
                        r"^(none|n/a|not applicable|not required)\.?$", re.IGNORECASE)


def _advises(source: str, d: Declaration) -> bool:
    """Whether a paragraph gives advice: not a placeholder, not the declaration's own wording,
    and not one short sentence saying no advice was needed ("Legal advice is not required.")."""
    if is_placeholder(source):
        return False
    words = " ".join(source.split()).strip()
    if words.lower().rstrip(".") == " ".join(d.text.source.split()).lower().rstrip("."):
        return False
    return not (len(words.split()) <= 12 and NOT_NEEDED.search(words))
