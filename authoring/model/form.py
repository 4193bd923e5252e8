"""The form's structure as the house style declares it: who signs and after whom, which blocks
the form has and in what order, how its reference is written, and when a call-in period ends.

Pure: it reads the style's data (a dict) and computes; what a style leaves out is MOPAC's form.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

# The form's words that are not the organisation's own: MOPAC's, unless a style's texts say
# otherwise (docs/styles.md lists where each appears).
FORM_WORDS = {
    "title_label": "Title:",
    "signature_label": "Signature:",
    "name_label": "Name:",
    "date_label": "Date:",
    "answer_yes": "Yes",
    "answer_no": "No",
    "not_applicable": "Not applicable",
    "confirmed": "✓ Confirmed",
    "not_confirmed": "Not confirmed",
    "declarations_caption": "Statements the originating officer confirms",
    "declarations_confirmed": "Confirmed",
    "confirmed_yes": "Yes",
    "confirmed_pending": "No, not yet confirmed",
    "part2_withheld": "Yes: it is confidential and is not published",
    "clause": "clause",
    "reference_label": "Reference",
    "decision_maker_label": "Decision maker",
    "date_signed_label": "Date signed",
    "not_yet_signed": "Not yet signed",
    "contents_heading": "Contents",
    "front_sheet_heading": "Decision details",
    "signed_by": "Signed by",
    "signed_by_the": "Signed by the",
    "signed_on": "on",
    "signature_pending": ": not yet signed",
    "part2_basis_label": "Legal basis:",
    "call_in_label": "Call-in period ends:",
    "portfolio_label": "Portfolio",
    "key_decision_label": "Key decision",
}

# How a reference reads when the style does not say: "PCD 1843".
REFERENCE = "{code} {number}"
FIELD = re.compile(r"\{(code|year|number)(?::0([1-9]))?\}")


def signatories(data: dict[str, Any]) -> list[dict]:
    """The style's signatories; without them, MOPAC's two: the chief executive, consulted
    first, and the decision maker, who signs after."""
    given = data.get("signatories")
    if given:
        return given
    return [{"id": "chief_executive", "authority": data.get("chief_executive", ""),
             "statement": "ceo_statement", "optional": True},
            {"id": "decision_maker", "decides": True, "statement": "dm_declaration",
             "interests": True, "approval": "dm_approval", "after": ["chief_executive"]}]


def deciding(data: dict[str, Any]) -> str:
    """The id of the signatory who is the decision maker."""
    return next(s["id"] for s in signatories(data) if s.get("decides"))


def blocks(data: dict[str, Any]) -> tuple[str, ...]:
    """The form's blocks in order; without `form`, MOPAC's: the decision maker signs under the
    recommendations and the other signatories close the form (a front sheet, if the style has
    fields, opens it)."""
    if data.get("form"):
        return tuple(data["form"])
    dm = deciding(data)
    others = [s["id"] for s in signatories(data) if s["id"] != dm]
    lead = ("front_sheet",) if data.get("fields") else ()
    return (*lead, "summary", "recommendations", dm, "part1", "publication", "declarations", *others)


def reference(data: dict[str, Any], number: int, year: int | None) -> str:
    """The paper's reference in the style's format."""
    def field(m: re.Match) -> str:
        if m.group(1) == "code":
            return str(data.get("code", ""))
        if m.group(1) == "year":
            return str(year or "")
        return str(number).zfill(int(m.group(2) or 0))
    return FIELD.sub(field, str(data.get("reference_format") or REFERENCE))


def needs_year(data: dict[str, Any]) -> bool:
    return "{year}" in str(data.get("reference_format") or "")


def stem(data: dict[str, Any], number: int, year: int | None) -> str:
    """The reference as a file name's stem, without the style's code: "1843", "2025-031"; a
    paper in another form of the style has its own code: "dd-2093"."""
    bare = reference({**data, "code": ""}, number, year)
    stem = "-".join(re.findall(r"[A-Za-z0-9]+", bare)) or str(number)
    if data.get("form_of") and data.get("code") != data["form_of"]:  # DD 2093 beside MD 2093
        return f"{str(data['code']).lower()}-{stem}"
    return stem


def working_days_after(start: dt.date, days: int, holidays: frozenset[dt.date]) -> dt.date:
    """The date `days` working days after `start` (Monday to Friday, not a holiday)."""
    day = start
    while days > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and day not in holidays:
            days -= 1
    return day


def call_in_ends(data: dict[str, Any], signed: dt.date | None) -> dt.date | None:
    """When the call-in period of a decision signed on `signed` ends, if the form has one."""
    call_in = data.get("call_in")
    if not call_in or signed is None:
        return None
    holidays = frozenset(dt.date.fromisoformat(str(d)) for d in call_in.get("holidays", []))
    return working_days_after(signed, int(call_in["working_days"]), holidays)
