"""The originating officer's declarations table: each row matched to the house style's
catalogue, its tick read as a state, extra bullets kept as notes, and the drafting officer's
name taken from "… has drafted this report"."""

from __future__ import annotations

import difflib
import re

from authoring.importer.blocks import Table
from authoring.importer.form import Note, norm
from authoring.importer.prose import escape

TICKS = ("✓", "✔", "☑", "yes", "confirmed")


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
        tick = " ".join(row[1:]).lower()
        state = "confirmed" if any(x in tick for x in TICKS) and "not" not in tick else "pending"
        body = first[len(norm(match["title"])):].strip()
        if match.get("not_required") and norm(match["not_required"]) in body:
            state = "not_required"
        standard = norm(match["text"])[:40]
        notes = [re.sub(r"^[•·▪\-–]\s*", "", c).strip() for c in cells[0][1:] if c.strip()]
        if not notes and "•" in row[0]:  # bullets typed into one paragraph
            notes = [x.strip() for x in row[0].split("•")[1:] if x.strip()]
        notes = [n for n in notes if not norm(n).startswith(standard)]  # the statement itself
        entry: dict = {"state": state}
        if notes:
            entry["notes"] = [escape(n) for n in notes]
        found[match["id"]] = entry
        if "{officer}" in match["text"]:
            officer = _officer(row[0], match) or officer
    return found, officer, notes_out


def _officer(cell: str, declaration: dict) -> str:
    """The name in "Julian Jest has drafted this report …", read with the catalogue's wording."""
    title = declaration["title"]
    body = cell[len(title):].strip() if cell.lower().startswith(title.lower()) else cell
    before, _, after = declaration["text"].partition("{officer}")
    after = after.strip().split("{")[0][:25]
    m = re.search(re.escape(before.strip()) + r"\s*(.+?)\s+" + re.escape(after), body,
                  re.IGNORECASE)
    return m.group(1).strip() if m else ""


def _prefix_score(text: str, title: str) -> float:
    return difflib.SequenceMatcher(None, text[: len(title)], title).ratio() if title else 0.0
