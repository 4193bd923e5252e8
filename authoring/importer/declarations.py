"""The originating officer's declarations table: each row matched to the house style's
catalogue, its tick read as a state, its statement kept in the paper's own words where they are
not the style's, extra paragraphs kept as notes, and the drafting officer's name taken from
"… has drafted this report" (or from a row that gives only the name).

A statement is never replaced by the house style's: the style's text may attest more than the
paper did ("… and the GDPR Project Manager has been consulted"), so a statement that differs is
kept as `wording:` and reported.
"""

from __future__ import annotations

import difflib
import re

from authoring.importer.blocks import Table
from authoring.importer.common import Note, escape, norm

TICKS = ("✓", "✔", "☑", "yes", "confirmed")
NOT_REQUIRED = re.compile(r"(?i)\bnot (required|applicable|relevant|needed)\b")
# A row that gives only a name ("Drafting officer: Priya Shah"), not a sentence.
NAME = re.compile(r"[A-Z][\w'’-]+(?: (?:[A-Z][\w'’-]*\.?|de|van|von|bin))+")
PUNCTUATION = " \t:–—-"


def read_declarations(t: Table, catalogue: list[dict]) -> tuple[dict, str, list[Note]]:
    found: dict = {}
    officer, notes_out = "", []
    for i, (row, cells) in enumerate(zip(t.rows, t.cells)):
        first = norm(row[0]) if row else ""
        if not first or first.startswith("originating officer") or (i == 0 and "statement" in first):
            continue
        match = max(catalogue, key=lambda d: _prefix_score(first, norm(d["title"])))
        if _prefix_score(first, norm(match["title"])) < 0.6:
            notes_out.append(Note(f"declaration row {i + 1}",
                                  f"not in the catalogue: {row[0][:60]!r}"))
            continue
        # Two columns: statement | tick; three or more: title | statement … | tick.
        tick = (row[-1] if len(row) > 2 else " ".join(row[1:])).lower()
        state = "confirmed" if any(x in tick for x in TICKS) and "not" not in tick else "pending"
        paragraphs = [c.strip() for c in cells[0] if c.strip()] if cells else []
        if len(cells) > 2:
            paragraphs += [c.strip() for cell in cells[1:-1] for c in cell if c.strip()]
        statement, notes = _statement(paragraphs, match["title"])
        entry: dict = {"state": state}
        name = _officer(statement, match) if "{officer}" in match["text"] else ""
        officer = name or officer
        where = f"declaration '{match['title'].rstrip(':')}'"
        if statement and match.get("not_required") and _says(statement, match["not_required"]):
            entry["state"] = "not_required"
        elif statement and not _says(statement, match["text"]):
            entry["wording"] = escape(statement)
            if NOT_REQUIRED.search(statement):
                entry["state"] = "not_required"
            notes_out.append(Note(where, "kept in the paper's own words (wording:), which are not "
                                  f"the house style's: {_clip(match['text'])!r}"))
        if notes:
            entry["notes"] = [escape(n) for n in notes]
        found[match["id"]] = entry
    return found, officer, notes_out


def _statement(paragraphs: list[str], title: str) -> tuple[str, list[str]]:
    """The statement the row makes (after its title, or the first paragraph under a title that
    stands alone) and the paragraphs after it (notes)."""
    if not paragraphs:
        return "", []
    head, rest = _after_title(paragraphs[0], title), paragraphs[1:]
    if "•" in head:  # bullets typed into one paragraph
        head, *typed = [x.strip() for x in head.split("•")]
        rest = [x for x in typed if x] + rest
    rest = [re.sub(r"^[•·▪\-–]\s*", "", x).strip() for x in rest]
    rest = [x for x in rest if x]
    if not head and rest:
        head, rest = rest[0], rest[1:]
    return head, rest


def _after_title(text: str, title: str) -> str:
    """The cell's first paragraph without its title, typed as the catalogue has it or not
    ("Drafting Officer: …" for "Drafting Officer", "Financial advice …" for "Financial Advice:")."""
    bare = title.rstrip(": ")
    if text.lower().startswith(bare.lower()):
        return text[len(bare):].lstrip(PUNCTUATION)
    colon = text.find(":")
    if 0 < colon <= len(title) + 5:
        return text[colon + 1:].lstrip(PUNCTUATION)
    return text[len(bare):].lstrip(PUNCTUATION)


def _says(statement: str, standard: str) -> bool:
    """The statement is the standard text, its {references} filled in any way."""
    parts = [norm(p) for p in re.split(r"\{[^{}]*\}", standard)]
    pattern = r"\s*.+?\s*".join(re.escape(p) for p in parts)
    return re.fullmatch(pattern, norm(statement)) is not None


def _officer(statement: str, declaration: dict) -> str:
    """The name in "Julian Jest has drafted this report …", read with the catalogue's wording,
    or the name alone when that is all the row gives."""
    before, _, after = declaration["text"].partition("{officer}")
    after = after.strip().split("{")[0][:25]
    m = re.match(re.escape(before.strip()) + r"\s*(.+?)\s+" + re.escape(after), statement,
                 re.IGNORECASE)
    if m:
        return m.group(1).strip(PUNCTUATION)
    return statement if NAME.fullmatch(statement) else ""


def _clip(text: str, size: int = 90) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= size else text[:size].rsplit(" ", 1)[0] + " …"


def _prefix_score(text: str, title: str) -> float:
    return difflib.SequenceMatcher(None, text[: len(title)], title).ratio() if title else 0.0
