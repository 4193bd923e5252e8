"""One paper's entry in the archive's index: what other papers are checked against.

An entry is plain JSON (money as the Decimal's text, dates as ISO text), so it is kept in the
paper's results-cache record beside its diagnostics and a folder's index is read, not rebuilt,
when nothing changed. Every fact carries the YAML position a finding about it is reported at.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # a check answered from the cache reads entries without the model's classes
    from authoring.model.paper import ContractChange, Paper

VERSION = 2
# A change that says it relies on the de minimis exception (regulation 72(1)(f) and 72(5) of the
# PCR 2015): below the threshold and 10% (15% for works) of the original value, taken together.
DE_MINIMIS = re.compile(r"de minimis|72\s?\(5\)|72\s?\(1\)\s?\(f\)", re.IGNORECASE)

CODE = re.compile(r"\b([A-Z]{2,5})\s?[-–]?\s?(\d{1,6})\b")  # "PCD 1280", "PCD1280", "MD2973"
# A code the sentence puts in the future ("a further decision, PCD 1900, will follow") is not
# said to be earlier; any other mention says the paper approved or was referred to.
FUTURE = re.compile(r"\b(will|shall|future|forthcoming|later|next|to follow|planned|upcoming)\b",
                    re.IGNORECASE)


def code_of(text: str) -> str:
    """A paper code in one spelling ("PCD1280" and "PCD 1280" are "PCD 1280"); "" if none."""
    m = CODE.fullmatch(text.strip())
    return f"{m.group(1)} {int(m.group(2))}" if m else ""


def contract_key(number: str, supplier: str, service: str) -> str:
    """What names a contract across papers: its number, else its supplier and service."""
    if number.strip():
        return " ".join(number.split()).casefold()
    return " / ".join(" ".join(t.split()).casefold() for t in (supplier, service))


def entry(paper: Paper, pos: dict, text: str) -> dict[str, Any]:
    """The paper's entry, its facts located through the positions the pipeline kept."""
    from authoring.pipeline import _position, _refine, block_ends, block_text

    lines = text.split("\n")
    ends = block_ends(block_text(lines))

    def at(path: tuple, needle: str = "") -> list:
        line, col = _position(path, pos)
        if needle and line:
            line, col = _refine(lines, line, col, needle, {}, ends)
        return [list(path), line, col]

    signed = paper.decider.date
    cites: list[dict] = []
    funders = []
    for f in paper.finance.funders:
        funders.append({"id": f.id, "name": f.name, "kind": f.kind, "total": str(f.total),
                        "stated": str(sum(f.stated)) if f.stated else None,
                        "by": code_of(f.approved_by), "new": f.new_money, "at": at(f.path),
                        "by_at": at(f.path + ("approved_by",))})
        if code_of(f.approved_by):
            cites.append({"code": code_of(f.approved_by), "how": "approved_by",
                          "at": at(f.path + ("approved_by",))})
    contracts = [_contract(c, at, cites) for c in paper.contracts]
    papers = next((s.papers for s in paper.sections if s.papers), ())
    for i, bp in enumerate(papers):
        if code_of(bp.ref):
            cites.append({"code": code_of(bp.ref), "how": "paper", "at": at(("background_papers", i, "ref"))})
    for prose in paper.prose():
        for m in CODE.finditer(prose.source):
            sentence = prose.source[:m.start()].rsplit(".", 1)[-1]
            if not FUTURE.search(sentence):
                cites.append({"code": f"{m.group(1)} {int(m.group(2))}", "how": "prose",
                              "at": at(prose.path, m.group(0))})
    return {
        "version": VERSION, "code": paper.reference, "number": paper.number,
        "style": paper.style.name, "dm": paper.decision_maker,
        "signed": signed.isoformat() if signed else None,
        "drafted": paper.drafted.isoformat() if paper.drafted else None,
        "at": at(("reference",)), "dm_at": at(("decision_maker",)),
        "contracts": contracts, "funders": funders,
        "recipients": [{"name": r.name, "total": str(r.total), "at": at(r.path)}
                       for r in paper.finance.recipients],
        "costs": str(paper.finance.cost_total),
        "cites": cites,
    }


def _contract(c: ContractChange, at, cites: list[dict]) -> dict:
    history = []
    for j, h in enumerate(c.history):
        where = c.path + ("history", j)
        history.append({"amount": str(h.amount), "by": code_of(h.approved_by),
                        "at": at(where + ("amount",))})
        if code_of(h.approved_by):
            cites.append({"code": code_of(h.approved_by), "how": "history",
                          "at": at(where + ("approved_by",))})
    known = c.known_value and not c.award
    return {
        "key": contract_key(c.number, c.supplier, c.service), "name": c.name,
        "number": c.number, "supplier": c.supplier, "kind": c.kind,
        "original": str(c.award.initial_value) if c.award else str(c.value) if known else None,
        "before": str(c.value_before) if known else None,
        "after": str(c.award.initial_value) if c.award else str(c.value_after) if known else None,
        "change": str(c.change), "max": str(c.award.max_value) if c.award else None,
        "route": c.award.route if c.award else "", "foreseen": c.foreseen, "months": c.months or 0,
        "de_minimis": bool(DE_MINIMIS.search(c.regulation)),
        "ends": c.ends.isoformat() if c.ends else None,
        "new_end": end.isoformat() if (end := c.new_end or c.ends) else None,
        "history": history,
        "at": at(c.path), "value_at": at(c.path + (("value",) if known else ())),
        "ends_at": at(c.path + ("ends",)), "supplier_at": at(c.path + ("supplier",)),
        "regulation_at": at(c.path + ("change", "regulation")),
    }


AT = lambda v: (isinstance(v, list) and len(v) == 3 and isinstance(v[0], list)  # noqa: E731
                and isinstance(v[1], int) and isinstance(v[2], int))
SHAPES: dict[str, dict[str, Any]] = {
    "entry": {"code": str, "number": int, "style": str, "dm": str, "signed": (str, type(None)),
              "drafted": (str, type(None)), "at": AT, "dm_at": AT, "contracts": list, "funders": list,
              "recipients": list, "costs": str, "cites": list},
    "contracts": {"key": str, "name": str, "number": str, "supplier": str, "kind": str,
                  "original": (str, type(None)), "before": (str, type(None)), "after": (str, type(None)),
                  "change": str, "max": (str, type(None)), "route": str, "foreseen": bool, "months": int,
                  "de_minimis": bool,
                  "ends": (str, type(None)), "new_end": (str, type(None)), "history": list, "at": AT,
                  "value_at": AT, "ends_at": AT, "supplier_at": AT, "regulation_at": AT},
    "history": {"amount": str, "by": str, "at": AT},
    "funders": {"id": str, "name": str, "kind": str, "total": str, "stated": (str, type(None)),
                "by": str, "new": bool, "at": AT, "by_at": AT},
    "recipients": {"name": str, "total": str, "at": AT},
    "cites": {"code": str, "how": str, "at": AT},
}


# Each shape as (name, test) pairs made once: a folder of 2,000 papers checks ~15,000 parts.
_ABSENT = object()
_TESTS = {shape: tuple((name, kind if callable(kind) and not isinstance(kind, type) else
                        (lambda v, k=kind: isinstance(v, k) and not (k is int and isinstance(v, bool))))
                       for name, kind in fields.items())
          for shape, fields in SHAPES.items()}


def fits(value: object, shape: str) -> bool:
    """The value is a dict holding every field of the shape, each of its type (absent never fits)."""
    return isinstance(value, dict) and all(test(value.get(name, _ABSENT)) for name, test in _TESTS[shape])


def usable(e: object) -> dict | None:
    """An entry read back from the cache, or None when it is not one this pcd wrote (a damaged
    record is a miss, never trusted: the rules then need not guard every field)."""
    import datetime as dt
    from decimal import Decimal
    if not isinstance(e, dict) or e.get("version") != VERSION or not fits(e, "entry"):
        return None
    parts = [(c, "contracts") for c in e["contracts"]]
    parts += [(h, "history") for c in e["contracts"] if isinstance(c, dict) for h in c.get("history", ())]
    parts += [(f, "funders") for f in e["funders"]] + [(r, "recipients") for r in e["recipients"]]
    parts += [(c, "cites") for c in e["cites"]]
    if not all(fits(v, shape) for v, shape in parts):
        return None
    money = [e["costs"]] + [f[k] for f in e["funders"] for k in ("total", "stated")]
    money += [r["total"] for r in e["recipients"]]
    money += [h["amount"] for c in e["contracts"] for h in c["history"]]
    money += [c[k] for c in e["contracts"] for k in ("original", "before", "after", "change", "max")]
    dates = [e["signed"], e["drafted"]] + [c[k] for c in e["contracts"] for k in ("ends", "new_end")]
    try:
        for m in money:
            if m is not None and not Decimal(m).is_finite():
                return None
        for d in dates:
            if d is not None:
                dt.date.fromisoformat(d)
        for c in [e, *e["cites"]]:
            if not code_of(c["code"]):
                return None
    except (ArithmeticError, ValueError):
        return None
    return e
