"""What every stage of the import shares: the note it reports, spec prose escaping, labels
compared loosely, and dates as papers type them.

This module imports nothing from the importer, so the stages above it import one way: `inline`
and `prose` (text), `blocks` (the body), `declarations` and `table` (parts of the form), `form`
(the walk), `contracts` and `spec` (the spec), and `paper` (the whole import).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MARKUP = re.compile(r"([\\{}*\[\]])")
DATE_WORDS = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\s+(\d{4})")
DATE_SLASH = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")
MONTHS = {m: i for i, m in enumerate(("january february march april may june july august "
                                      "september october november december").split(), 1)}


@dataclass
class Note:
    """Something the officer should look at, and where in the paper it is."""
    where: str
    message: str


def escape(text: str) -> str:
    """Text as spec prose: the characters of inline markup and references written literally."""
    return MARKUP.sub(r"\\\1", text)


def norm(text: str) -> str:
    """A label or heading for loose comparison: no leading number or "Part 1", lower case,
    punctuation as spaces."""
    text = re.sub(r"^\s*(\d+(\.\d+)*\.?|part\s+[1i]+\s*[-–:]?)\s*", "", text.lower())
    return " ".join(re.sub(r"[^a-z0-9/ ]+", " ", text).split())


def parse_date(text: str) -> dt.date | None:
    """The first date typed in the text, "04/06/2025" (day first) or "4th June 2025"."""
    try:
        if m := DATE_SLASH.search(text):
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if (m := DATE_WORDS.search(text)) and m.group(2).lower() in MONTHS:
            return dt.date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
    except ValueError:
        return None
    return None
