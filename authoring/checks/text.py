"""Text rules: no typed money, no undefined abbreviations, no slips of the keyboard."""

from __future__ import annotations

import re

from authoring.diagnostics import Report
from authoring.model.paper import Paper
from authoring.model.text import abbreviations_in, name_key
from authoring.spec.style_shape import searcher

LITERAL_MONEY = re.compile(r"£\s?\d[\d,]*(\.\d+)?(\s?(million|billion|m|k|bn)\b)?")
DOUBLED = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE)
PLACEHOLDER = re.compile(r"^\s*to be written", re.IGNORECASE)


def is_placeholder(source: str) -> bool:
    """Prose still to be written ("To be written: …", as `pcd new` leaves it)."""
    return PLACEHOLDER.match(source) is not None


def check(paper: Paper, report: Report) -> None:
    forbidden = searcher(paper.style["money_forbidden"])  # refused when not simple: no runaway search
    seen_text: dict[str, tuple] = {}
    undefined: set[str] = set()
    spelled: dict[str, str] = {}  # each abbreviation as the paper first spells it out
    for prose in paper.prose():
        literal = _literal(prose.source)  # money typed in it is a fact: checks/facts/ reads it
        for m in forbidden.finditer(literal):
            report.add("PCD209", f"'{m.group(0)}': {paper.style['money_advice']}", prose.path,
                       needle=m.group(0))
        for m in DOUBLED.finditer(literal):
            if not m.group(1).isdigit():
                report.add("PCD207", f"'{m.group(0)}': the word is repeated", prose.path,
                           needle=m.group(1))
        for m in SPELLED.finditer(literal):  # "Department for … (DLUHC)": spelled as defined?
            _spelled(m, paper.abbreviations, spelled, prose.path, report)
        for word in abbreviations_in(literal):
            if word not in paper.abbreviations and word not in undefined:
                undefined.add(word)
                report.add("PCD206", f"'{word}' is not defined: add it under abbreviations", prose.path,
                           needle=word)
        if is_placeholder(prose.source):
            report.add("PCD210", "this paragraph is still to be written", prose.path)
            continue
        key = " ".join(prose.source.lower().split())
        if len(key) > 40 and key in seen_text:
            report.add("PCD208", "this paragraph repeats an earlier one word for word", prose.path)
        seen_text.setdefault(key, prose.path)


def _spelled(m: re.Match, defined: dict, spelled: dict[str, str], path: tuple, report: Report) -> None:
    """An abbreviation spelled out in the text as other words than its definition, or than
    the paper spelled it before: "National Policing Coordination Centre (NPoCC)" then "National
    Police Coordination Centre (NPoCC)". Close spellings only: words of another sense are the
    author's."""
    from difflib import SequenceMatcher

    word = m.group(2)
    words = m.group(1).split()
    capitals, start = sum(c.isupper() for c in word), len(words)
    while start > 0 and capitals > 0:  # back to the word of the abbreviation's first capital
        start -= 1
        capitals -= words[start][:1].isupper()
    typed = " ".join(words[start:]).rstrip(",")
    for meant in (str(x) for x in (defined.get(word), spelled.get(word)) if x):
        if name_key(meant) in name_key(" ".join(words)):
            return
        if SequenceMatcher(None, name_key(typed), name_key(meant)).ratio() >= 0.75:
            report.add("PCD215", f"'{typed} ({word})' spells {word} out otherwise than '{meant}': "
                       "one of them is wrong", path, needle=typed)
            return
    spelled.setdefault(word, typed)


# capitalised words, then the abbreviation in brackets: "Violence Reduction Unit (VRU)"
SPELLED = re.compile(r"((?:[A-Z][\w'’,-]*\s+(?:(?:and|for|of|the|in|on|&)\s+)*){2,10})"
                     r"\(([A-Z][A-Za-z&]+)s?\)")


def _literal(source: str) -> str:
    """The author's own words: link addresses removed, references kept as a mark that is no
    word (so "of {funder.gla} of" is not a doubled "of")."""
    return re.sub(r"\]\([^)]*\)", " ", re.sub(r"\{[^{}]*\}", " § ", source))


SCALE = {"k": 1_000, "m": 1_000_000, "million": 1_000_000, "bn": 1_000_000_000,
         "billion": 1_000_000_000}


def _value(text: str):
    """The amount a typed figure means: '£2.1m' is 2,100,000."""
    from decimal import Decimal, InvalidOperation

    m = re.fullmatch(r"£\s?([\d,]+(?:\.\d+)?)\s?([a-z]*)", text.strip())
    try:
        return Decimal(m.group(1).replace(",", "")) * SCALE.get(m.group(2), 1) if m else None
    except InvalidOperation:
        return None
