"""decisions.json: the published papers as data, versioned, with its JSON Schema beside it.

The version changes only when a consumer's parser would break (a field removed or retyped);
fields may be added within a version.
"""

from __future__ import annotations

VERSION = 1

MONEY = {"type": "string", "pattern": r"^\d+(\.\d{1,2})?$", "description": "Pounds, exact, as text."}
DATE = {"type": ["string", "null"], "format": "date"}

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "decisions.schema.json",
    "title": "Published decisions (pcd site)",
    "type": "object",
    "additionalProperties": False,
    "required": ["version", "decisions"],
    "properties": {
        "version": {"const": VERSION},
        "decisions": {"type": "array", "items": {
            "type": "object",
            "additionalProperties": False,
            "required": ["reference", "number", "title", "url", "decision_maker", "date_signed",
                         "date_consulted", "kinds", "total_costs", "total_funding", "funders"],
            "properties": {
                "reference": {"type": "string", "description": "PCD 1843"},
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
    },
}


def document(entries) -> dict:
    """The data of the published papers, newest first, as SCHEMA describes it."""
    return {"version": VERSION, "decisions": [{
        "reference": e.reference, "number": e.number, "title": e.title, "url": e.page,
        "decision_maker": e.decision_maker,
        "date_signed": e.signed.isoformat() if e.signed else None,
        "date_consulted": e.consulted.isoformat() if e.consulted else None,
        "kinds": list(e.kinds), "organisations": list(e.organisations), "pdf": e.pdf or None,
        "total_costs": e.costs, "total_funding": e.funding,
        "funders": [{"name": n, "amount": a} for n, a in e.funders],
    } for e in entries]}
