"""Contracts named in the prose ("… contract with Supplier Ltd (MOPAC 957) …") with the
change this decision makes to them, when the paper says enough to recognise it."""

from __future__ import annotations

import re
from decimal import Decimal

from authoring.checks.text import _value
from authoring.importer.common import Note, parse_date

MONEY = re.compile(r"£\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:million|m)\b)?")
WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18, "twenty-four": 24}
KINDS = (("extension", r"\bexten(d|sion)"), ("variation", r"\bvar(y|iation)"),
         ("uplift", r"\buplift"))


def sentences(texts: list[str]) -> list[str]:
    out: list[str] = []
    for t in texts:
        out += [s.strip() for s in re.split(r"(?<=[.;])\s+(?=[A-Z])", t) if s.strip()]
    return out


def amounts(text: str) -> list[Decimal]:
    return [v for v in (_value(m.group(0).rstrip(", ")) for m in MONEY.finditer(text)) if v]


def find_contracts(texts: list[str], costs: list[dict], org: str,
                   recs: list[dict]) -> tuple[list[dict], list[Note]]:
    """Contracts and the recommendation each change is approved by (set on `recs` in place)."""
    notes: list[Note] = []
    found: list[dict] = []
    by_amount = {Decimal(str(c["amount"])): c["id"] for c in costs if not isinstance(c["amount"], dict)}
    all_sentences = sentences(texts)
    numbers = dict.fromkeys(re.findall(rf"\b{re.escape(org)}\s+(\d{{2,6}})\b", "\n".join(texts)))
    for number in numbers:
        label = f"{org} {number}"
        supplier, context = "", []
        for t in texts:
            parts = sentences([t])
            for i, sentence in enumerate(parts):
                m = re.search(rf"contract with (.+?)\s*\(\s*{re.escape(label)}\s*\)", sentence)
                if m and not supplier:
                    supplier = m.group(1).strip().removeprefix("the ").strip()
                    context = parts[i:i + 2]  # the sentence and the one after it
        primary = context[0] if context else ""
        hits = [(m.start(), k) for k, rx in KINDS for m in re.finditer(rx, primary, re.I)]
        kind = min(hits)[1] if hits else ""
        change = next((a for a in amounts(primary) if a in by_amount), None)
        if not supplier or not kind or change is None:
            notes.append(Note(label, "a contract is named but its supplier, change or cost line "
                              "could not be told: add it under contracts by hand"))
            continue
        entry: dict = {"id": re.sub(r"[^a-z0-9]+", "_", label.lower()), "number": label,
                       "supplier": supplier}
        joined = " ".join(context)
        if m := re.search(r"provision of (?:the )?(.+?)(?: at | to |, |\.|$)", joined):
            entry["service"] = m.group(1).strip()
        value = _original(joined, change) or _from_after(all_sentences, change)
        if value is None:  # a change needs the value it changes: leave it to the officer
            notes.append(Note(label, f"a contract {kind} with {supplier} costing £{change:,}, but "
                              "its value before the change is not stated: add it under contracts"))
            continue
        entry["value"] = int(value) if value == value.to_integral() else f"{value:.2f}"
        if ends := _end_date(all_sentences, entry.get("service", "")):
            entry["ends"] = ends
        chg: dict = {"type": kind, "cost": by_amount[change]}
        if kind == "extension":
            if m := re.search(r"\b(?:by|for) (\w+(?:-\w+)?) months\b", " ".join(all_sentences)):
                months = WORDS.get(m.group(1).lower()) or (int(m.group(1)) if m.group(1).isdigit() else 0)
                if months:
                    chg["months"] = months
            if re.search(r"extension option|option to extend", joined, re.I):
                chg["foreseen"] = True
        entry["change"] = chg
        found.append(entry)
        rec = _recommendation(recs, label, kind, change)
        if rec is not None:
            rec["contract"] = entry["id"]
        else:
            notes.append(Note(label, "no recommendation approves this change: add `contract: "
                              f"{entry['id']}` to the one that does"))
        notes.append(Note(label, f"recognised as a contract {kind}: check contracts[]"
                          + ("" if "ends" in entry else " and add its end date (ends:)")))
    return found, notes


def _end_date(all_sentences: list[str], service: str):
    """'The IOM Neurodiversity contract is due to end on 30/09/2025': the end before the change."""
    key = " ".join(service.lower().split()[:2])
    if not key:
        return None
    for s in all_sentences:
        m = re.search(r"(?:due to (?:end|expire)|ends|in place until|funded until|runs until)"
                      r"(?: on)? (.{6,22})", s)
        if m and key in s.lower() and (d := parse_date(m.group(1))):
            return d
    return None


def _original(text: str, change: Decimal) -> Decimal | None:
    m = re.search(r"original(?: awarded)? value of the contract (?:was|is) (£[\d,.]+)", text)
    if m:
        return _value(m.group(1).rstrip(",."))
    return None


def _from_after(all_sentences: list[str], change: Decimal) -> Decimal | None:
    """'… is £273,497, taking the value of the contract to £1,070,833': before = after − change."""
    for s in all_sentences:
        m = re.search(r"(?:value of the contract to|increase (?:it )?to) (£[\d,.]+)", s)
        if m and change in amounts(s):
            after = _value(m.group(1).rstrip(",."))
            if after and after > change:
                return after - change
    return None


def _recommendation(recs: list[dict], label: str, kind: str, change: Decimal) -> dict | None:
    rx = dict(KINDS)[kind]
    for r in recs:
        if label in r["text"]:
            return r
    for r in recs:
        if re.search(rx, r["text"], re.I) and change in amounts(r["text"]):
            return r
    return None
