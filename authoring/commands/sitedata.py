"""decisions.json: the published papers as data, versioned, with its JSON Schema beside it.

The version changes only when a consumer's parser would break (a field removed or retyped, or
one added where the schema allowed none); fields may be added within a version. Version 2 added
`contracts` and `organisations` beside `decisions`, whose fields are as in version 1.
"""

from __future__ import annotations

import re

# What the site's parts share; listing.py and site.py both read it, neither reads the other's.
NAV = (("Decisions", "index.html"), ("Browse", "browse.html"), ("Search", "search.html"))
DATES = ("signed", "consulted", "deferred_until")
KEPT = ("number", "reference", "page", "title", "summary", "decision_maker", "costs", "funding",
        "funders", "cites", "kinds", "organisations", "pdf", "style", "ledger", "bodies", "fields",
        *DATES)


def entry_record(e) -> dict:
    """A paper's site entry as the JSON kept in its cache record."""
    return {n: (getattr(e, n).isoformat() if n in DATES and getattr(e, n) else getattr(e, n))
            for n in KEPT}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:60] or "other"

VERSION = 2

MONEY = {"type": "string", "pattern": r"^\d+(\.\d{1,2})?$", "description": "Pounds, exact, as text."}
DATE = {"type": ["string", "null"], "format": "date"}
CHANGE = {"type": ["string", "null"], "pattern": r"^-?\d+(\.\d{1,2})?$",
          "description": "Pounds, exact, as text; negative for a reduction; null when not stated."}
VALUE = {"type": ["string", "null"], "pattern": MONEY["pattern"],
         "description": "Pounds, exact, as text; null when the papers do not state it."}
PAPER = {"reference": {"type": "string"}, "url": {"type": "string"}, "date_signed": DATE}


def _object(required: list[str], properties: dict) -> dict:
    return {"type": "object", "additionalProperties": False, "required": required, "properties": properties}


CONTRACT = _object(
    ["name", "number", "supplier", "url", "original_value", "value", "cumulative_change",
     "percent_of_original", "ends", "decisions"],
    {"name": {"type": "string", "description": "Its number, else its service or supplier."},
     "number": {"type": ["string", "null"], "description": "The contract's number, when it has one."},
     "supplier": {"type": "string"},
     "url": {"type": "string", "description": "The contract's page: every decision on it."},
     "original_value": VALUE, "value": {**VALUE, "description": "After the latest decision."},
     "cumulative_change": {**CHANGE, "description": "Value after the latest decision less the original."},
     "percent_of_original": {"type": ["string", "null"], "pattern": r"^-?\d+\.\d$",
                             "description": "The cumulative change as a percentage of the original value."},
     "ends": DATE,
     "decisions": {"type": "array", "description": "In the order they were taken.", "items": _object(
         ["reference", "url", "date_signed", "kind", "change", "value_before", "value_after"],
         {**PAPER, "kind": {"enum": ["award", "extension", "variation", "uplift"]},
          "change": {**CHANGE, "description": "What the decision added; null for an award."},
          "value_before": VALUE, "value_after": VALUE})}})

ORGANISATION = _object(
    ["name", "url", "other_names", "years", "decisions"],
    {"name": {"type": "string", "description": "The body, by one name (as in decisions[].organisations)."},
     "url": {"type": "string", "description": "Its page: money in and out by year, and the decisions."},
     "other_names": {"type": "array", "items": {"type": "string"},
                     "description": "Other spellings the papers give it (case and spacing aside)."},
     "years": {"type": "array", "description": "Newest first; by the year each decision was signed.",
               "items": _object(["year", "in_as_funder", "out_as_recipient", "out_as_supplier"],
                                {"year": {"type": "string", "pattern": r"^\d{4}$"}, "in_as_funder": MONEY,
                                 "out_as_recipient": MONEY, "out_as_supplier": MONEY})},
     "decisions": {"type": "array", "description": "Each line naming it, in the order decided.",
                   "items": _object(
                       ["reference", "url", "date_signed", "role", "line", "amount", "contract_url"],
                       {**PAPER, "role": {"enum": ["funder", "recipient", "supplier"]},
                        "line": {"type": "string",
                                 "description": "The funder, recipient or contract as the paper names it."},
                        "amount": {**CHANGE, "type": "string",
                                   "description": "Money in (funder) or out (recipient: a grant; supplier: "
                                                  "an award's initial term, or a change to a contract)."},
                        "contract_url": {"type": ["string", "null"]}})}})

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "decisions.schema.json",
    "title": "Published decisions (pcd site)",
    "type": "object",
    "additionalProperties": False,
    "required": ["version", "decisions", "contracts", "organisations"],
    "properties": {
        "version": {"const": VERSION},
        "decisions": {"type": "array", "items": {
            "type": "object",
            "additionalProperties": False,
            "required": ["reference", "number", "title", "url", "decision_maker", "date_signed",
                         "date_consulted", "kinds", "total_costs", "total_funding", "funders"],
            "properties": {
                "reference": {"type": "string",
                              "description": "The paper's reference, as its house style writes it."},
                "number": {"type": "integer"},
                "title": {"type": "string"},
                "url": {"type": "string", "description": "The paper's page, relative to this file."},
                "decision_maker": {"type": "string"},
                "date_signed": DATE,
                "date_consulted": DATE,
                "kinds": {"type": "array", "items": {"type": "string"},
                          "description": "What the decision does: grant acceptance, onward grant, "
                                         "contract award, contract extension, …"},
                "organisations": {"type": "array", "items": {"type": "string"},
                                  "description": "The bodies it names as funders, recipients and "
                                                 "suppliers, each by one name however the paper "
                                                 "labels its line (Home Office)."},
                "pdf": {"type": ["string", "null"], "description": "The signed paper as a PDF, "
                        "relative to this file, when the site publishes PDFs."},
                "total_costs": MONEY,
                "total_funding": MONEY,
                "funders": {"type": "array", "items": {
                    "type": "object", "additionalProperties": False, "required": ["name", "amount"],
                    "properties": {"name": {"type": "string"}, "amount": MONEY}}},
            },
        }},
        "contracts": {"type": "array", "items": CONTRACT},
        "organisations": {"type": "array", "items": ORGANISATION},
    },
}


def document(entries, ledger=None) -> dict:
    """The data of the published papers, newest first, with their contracts and the
    organisations they name, as SCHEMA describes it (`ledger`: those, when already made from
    these very papers)."""
    from authoring.commands.ledgerpages import (contracts_data, contracts_of, organisations_data,
                                                organisations_of)

    contracts, organisations = ledger or (contracts_of(entries), organisations_of(entries))

    return {"version": VERSION, "decisions": [{
        "reference": e.reference, "number": e.number, "title": e.title, "url": e.page,
        "decision_maker": e.decision_maker,
        "date_signed": e.signed.isoformat() if e.signed else None,
        "date_consulted": e.consulted.isoformat() if e.consulted else None,
        "kinds": list(e.kinds), "organisations": list(e.organisations), "pdf": e.pdf or None,
        "total_costs": e.costs, "total_funding": e.funding,
        "funders": [{"name": n, "amount": a} for n, a in e.funders],
    } for e in entries], "contracts": contracts_data(contracts),
       "organisations": organisations_data(organisations)}
