"""The site's pages about what runs across papers: a page per contract (every decision on it in
order, its value after each, the change since its award) and a page per organisation (money in
and out by year, as funder, recipient or supplier, with the decisions).

They are made from the published papers' entries alone: each paper's entry in the archive's
index (authoring/ledger/index.py: its contracts with their values before and after, its funders
and recipients) and the body each of its lines names, as the site's organisation filter knows
them. Each page is kept by the entries it is made from, so a rebuild after one changed paper
renders only the pages of the contracts and organisations it touches.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Callable, NamedTuple

SHOWN = 50  # lines of decisions an organisation's page lists (as a list page holds 50 papers)
ROLES = ("funder", "recipient", "supplier")  # money in; money out as grants; out as contracts


# -- in the worker: which body each line of a paper names -------------------------------------

def bodies_of(paper, text: str) -> dict[str, list[str]]:
    """The body each funder, recipient and contract's supplier names ('' for none: a budget, a
    label), line by line as the archive's index lists them. Each line is judged by the rule that
    makes the paper's organisations (model/compute.py, bodies_named), so the two always agree."""
    from authoring.model.compute import bodies_named
    from authoring.model.paper import Finance

    data = _org_lines(text) if re.search(r"(?m)[\s{,]org\s*:", text) else {}
    fin = paper.finance
    return {
        "funders": [_one(bodies_named(data, paper.style, Finance(funders=(f,)), []))
                    if not f.internal else "" for f in fin.funders],
        "recipients": [_one(bodies_named(data, paper.style, Finance(recipients=(r,)), []))
                       for r in fin.recipients],
        "contracts": [_one(bodies_named(data, paper.style, Finance(), [c])) for c in paper.contracts],
    }


def _one(found: tuple[str, ...]) -> str:
    return found[0] if found else ""


def _org_lines(text: str) -> dict[str, Any]:
    """The `org:` each line gives, in the shape bodies_named reads (only when a spec has one: a
    second look at its YAML, which the pipeline has already validated)."""
    from authoring.diagnostics import SpecError
    from authoring.spec.yamlread import Map, Scalar, Seq, parse

    def lines(node: Any) -> list[dict]:
        out = []
        for i, item in enumerate(node.items if isinstance(node, Seq) else []):
            if isinstance(item, Map):
                ident = item.items.get("id", (None, None))[1]
                org = item.items.get("org", (None, None))[1]
                out.append({"id": ident.text if isinstance(ident, Scalar) else str(i),
                            "org": org.text if isinstance(org, Scalar) else ""})
        return out

    try:
        root = parse(text)
    except SpecError:  # not reached: the pipeline parsed these very bytes
        return {}
    if not isinstance(root, Map):
        return {}
    fin = root.items.get("finance", (None, None))[1]
    parts = fin.items if isinstance(fin, Map) else {}
    return {"finance": {what: lines(parts.get(what, (None, None))[1]) for what in ("funders", "recipients")},
            "contracts": lines(root.items.get("contracts", (None, None))[1])}


# -- the pure core: pages from entries ---------------------------------------------------------

PLAIN = re.compile(r"[a-z0-9]+( [a-z0-9]+)*")


def identity(name: str) -> str:
    """What one contract or organisation is known by across papers: its name, case and spacing
    aside (as the archive's checks compare suppliers)."""
    return " ".join(name.split()).casefold()


def page_of(prefix: str, name: str) -> str:
    """The page of a contract or organisation, from its name alone (a paper's page links to it
    before the other papers are known): readable for a plain name, else with a hash, so two
    names never share a page."""
    known = identity(name)
    if PLAIN.fullmatch(known) and len(known) <= 60:
        return f"{prefix}-{known.replace(' ', '-')}.html"
    readable = re.sub(r"[^a-z0-9]+", "-", known).strip("-")[:40].strip("-") or "other"
    return f"{prefix}-{readable}--{hashlib.sha256(known.encode('utf-8')).hexdigest()[:10]}.html"


class PaperRef(NamedTuple):
    """What a ledger page shows of a paper (and what it is kept by)."""

    reference: str
    title: str
    page: str
    signed: dt.date | None

    @property
    def year(self) -> str:
        return str(self.signed.year) if self.signed else "Not yet signed"


def ref_of(e) -> PaperRef:
    return PaperRef(e.reference, e.title, e.page, e.signed)


class Step(NamedTuple):
    """One decision on a contract and the contract's value after it."""

    paper: PaperRef
    kind: str  # award | extension | variation | uplift
    change: Decimal | None  # what the decision added (None for an award: it sets the value)
    before: Decimal | None
    after: Decimal | None  # None: neither the paper nor those before it say
    original: Decimal | None  # the value it was awarded at (or the papers give as original)
    ends: dt.date | None  # when it ends after the decision
    maximum: Decimal | None = None  # an award's value with every extension taken

    @property
    def cumulative(self) -> Decimal | None:
        """The change since the award: what regulation 72 and the scheme judge together."""
        return self.after - self.original if self.after is not None and self.original is not None else None

    @property
    def share_value(self) -> Decimal | None:
        """The cumulative change as a percentage of the original value, to one place."""
        if self.cumulative is None or not self.original:
            return None
        return (self.cumulative / self.original * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def share(self) -> str:
        """The same, as the paper writes it (45.8%); '' when unknown."""
        from authoring.format import percent

        value = self.share_value
        return "" if value is None else percent(value).replace("-", "\u2212")


class Contract(NamedTuple):
    key: str
    page: str
    name: str
    number: str
    supplier: str
    supplier_page: str  # '' when the supplier is no body the site has a page for
    steps: tuple[Step, ...]
    chart: dict

    @property
    def last(self) -> Step:
        return self.steps[-1]

    @property
    def papers(self) -> list[PaperRef]:
        return list(dict.fromkeys(s.paper for s in self.steps))


class Flow(NamedTuple):
    """Money between the publisher and an organisation in one line of one paper."""

    paper: PaperRef
    role: str  # funder | recipient | supplier
    amount: Decimal
    line: str  # the line as the paper names it: a funder's or recipient's name, a contract's
    contract_page: str = ""


class Year(NamedTuple):
    year: str
    funder: Decimal
    recipient: Decimal
    supplier: Decimal

    @property
    def out(self) -> Decimal:
        return self.recipient + self.supplier


class Organisation(NamedTuple):
    name: str
    page: str
    names: tuple[str, ...]  # every spelling the papers give it, when more than one
    flows: tuple[Flow, ...]  # in the order the decisions were taken
    years: tuple[Year, ...]  # newest first
    total: Year  # every year together ("" as its year)
    contracts: tuple[tuple[str, str], ...]  # (name, page) of the contracts it supplies
    filter_page: str = ""  # the list of every paper naming it

    @property
    def papers(self) -> list[PaperRef]:
        return list(dict.fromkeys(f.paper for f in self.flows))

    @property
    def latest(self) -> tuple[Flow, ...]:
        """The lines its page lists: the newest first, no more than a list page holds, so no
        page grows with the archive (the totals by year count them all)."""
        return tuple(reversed(self.flows))[:SHOWN]


def _d(text: str | None) -> Decimal | None:
    return Decimal(text) if text is not None else None


def _chains(entries: list) -> tuple[dict[str, list], dict[str, Any]]:
    """Every contract's decisions in the order they were taken (the archive checks' own order
    and identity, authoring/ledger/checks.py), and the entries by file."""
    from authoring.ledger.checks import Paper, chains

    by_file = {e.file: e for e in entries if e.ledger}
    return chains([Paper(f, e.ledger) for f, e in by_file.items()]), by_file


def contracts_of(entries: list) -> list[Contract]:
    """A page for every contract a published paper acts on, in the order of their names."""
    found, by_file = _chains(entries)
    out = []
    for key, chain in found.items():
        steps, previous, original = [], None, None
        supplier, body, name, number = "", "", "", ""
        for p, c in chain:
            e = by_file[p.file]
            index = next(i for i, d in enumerate(e.ledger["contracts"]) if d is c)
            if c["kind"] == "award":
                original, before, change = _d(c["original"]), None, None
                after = _d(c["after"])
            else:
                if original is None:
                    original = _d(c["original"])
                change = Decimal(c["change"])
                before = _d(c["before"]) if c["before"] is not None else previous
                after = _d(c["after"]) if c["after"] is not None else \
                    before + change if before is not None else None
            ends = dt.date.fromisoformat(c["new_end"]) if c["new_end"] else None
            steps.append(Step(ref_of(e), c["kind"], change, before, after, original, ends,
                              _d(c["max"]) if c["kind"] == "award" else None))
            previous = after
            supplier, number, name = c["supplier"] or supplier, c["number"] or number, c["name"]
            body = e.bodies["contracts"][index] or body
        out.append(Contract(key, page_of("contract", key), name, number, supplier,
                            page_of("org", body) if body else "", tuple(steps), chart(steps)))
    return sorted(out, key=lambda c: (c.name.casefold(), c.key))


def flows_of(e) -> list[tuple[str, Flow]]:
    """Every line of one paper that names a body: (the body, the money)."""
    ledger, bodies, paper = e.ledger, e.bodies, ref_of(e)
    out = []
    for f, body in zip(ledger["funders"], bodies["funders"]):
        if body:
            out.append((body, Flow(paper, "funder", Decimal(f["total"]), f["name"])))
    for r, body in zip(ledger["recipients"], bodies["recipients"]):
        if body:
            out.append((body, Flow(paper, "recipient", Decimal(r["total"]), r["name"])))
    for c, body in zip(ledger["contracts"], bodies["contracts"]):
        if body:  # an award commits its initial term; a later decision its change
            amount = Decimal(c["after"] if c["kind"] == "award" else c["change"])
            out.append((body, Flow(paper, "supplier", amount, c["name"], page_of("contract", c["key"]))))
    return out


def organisations_of(entries: list, filters: dict[str, str] | None = None) -> list[Organisation]:
    """A page for every body a published paper names as funder, recipient or supplier."""
    from authoring.ledger.checks import Paper

    ordered = sorted((e for e in entries if e.ledger),
                     key=lambda e: Paper(e.file, e.ledger).order)
    groups: dict[str, list[tuple[str, Flow]]] = {}
    for e in ordered:
        for body, flow in flows_of(e):
            groups.setdefault(identity(body), []).append((body, flow))
    out = []
    for found in groups.values():
        counts: dict[str, int] = {}
        for body, _ in found:
            counts[body] = counts.get(body, 0) + 1
        names = sorted(counts, key=lambda n: (-counts[n], n))
        flows = tuple(f for _, f in found)
        years: dict[str, list[Decimal]] = {}
        for f in flows:
            years.setdefault(f.paper.year, [Decimal(0)] * 3)[ROLES.index(f.role)] += f.amount
        order = sorted(years, key=lambda y: (y.isdigit(), y), reverse=True)
        rows = tuple(Year(y, *years[y]) for y in order)
        total = Year("", *(sum((getattr(r, role) for r in rows), Decimal(0)) for role in ROLES))
        contracts = tuple(dict.fromkeys((f.line, f.contract_page) for f in flows if f.contract_page))
        out.append(Organisation(names[0], page_of("org", names[0]), tuple(names) if len(names) > 1 else (),
                                flows, rows, total, contracts,
                                next((filters[n] for n in names if filters and n in filters), "")))
    return sorted(out, key=lambda o: (o.name.casefold(), o.page))


# -- the chart: bars of the value after each decision, drawn from the table's figures ----------

WIDTH, HEIGHT = 400, 240  # about a phone's width, so its 14-unit labels stay ~13 px there
LEFT, RIGHT, TOP, BOTTOM = 4, 4, 26, 34
LABELLED = 6  # bars up to which each is labelled with its value and paper (more would collide)


def chart(steps: list[Step]) -> dict:
    """The bars' geometry (SVG user units, as text): each bar the value after a decision, the
    part above its original value in a second colour; a rule at the original value. The SVG is
    a picture of the table beside it, hidden from assistive technology."""
    values = [v for s in steps for v in (s.after, s.original) if v is not None]
    top = max(values, default=Decimal(0))
    if top <= 0:
        return {}
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = Decimal(plot_w) / len(steps)
    bar = min(slot * Decimal("0.7"), Decimal(72))
    base_y = Decimal(TOP + plot_h)

    def y(v: Decimal) -> Decimal:
        return base_y - v / top * plot_h

    bars = []
    for i, s in enumerate(steps):
        x = LEFT + slot * i + (slot - bar) / 2
        one: dict[str, Any] = {"x": _u(x), "w": _u(bar), "mid": _u(x + bar / 2), "paper": s.paper.reference,
                               "label": short_money(s.after) if s.after is not None else "not stated"}
        if s.after is not None:
            kept = min(s.after, s.original) if s.original is not None else s.after
            one["base"] = (_u(y(kept)), _u(base_y - y(kept)))
            if s.original is not None and s.after > s.original:
                one["growth"] = (_u(y(s.after)), _u(y(s.original) - y(s.after)))
            if s.original is not None and s.after < s.original:  # a reduction: outlined
                one["cut"] = (_u(y(s.original)), _u(y(s.after) - y(s.original)))
            one["label_y"] = _u(y(max(s.after, s.original or s.after)) - 6)
        else:
            one["label_y"] = _u(base_y - 6)
        bars.append(one)
    originals = {s.original for s in steps if s.original is not None}
    rule = _u(y(originals.pop())) if len(originals) == 1 else ""
    return {"w": WIDTH, "h": HEIGHT, "left": LEFT, "right": WIDTH - RIGHT, "base": _u(base_y),
            "rule": rule, "bars": bars, "labelled": len(steps) <= LABELLED, "text_y": _u(base_y + 20)}


def _u(v: Decimal | int) -> str:
    return f"{Decimal(v).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}"


def short_money(v: Decimal) -> str:
    """£1.75m, £400k, £950: a bar's label, where the full figure would not fit."""
    sign, v = ("\u2212" if v < 0 else ""), abs(v)
    for size, unit in ((Decimal(1_000_000), "m"), (Decimal(1_000), "k")):
        if v >= size:
            shown = (v / size).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize()
            return f"{sign}£{shown:f}{unit}"
    return f"{sign}£{v.quantize(Decimal(1), rounding=ROUND_HALF_UP)}"


# -- the pages, through the lists' cache -------------------------------------------------------

class Ledger(NamedTuple):
    """The site's contracts and organisations, and each page's newest signing date (for the
    sitemap)."""

    contracts: list[Contract]
    organisations: list[Organisation]
    dates: dict[str, dt.date | None]


def write_ledger_pages(publish: Callable[..., None], made_of: Callable[[list], list[str]], entries: list,
                       filters: dict[str, str], site: Callable[[str], dict]) -> Ledger:
    """A page per contract and per organisation, each kept by the entries it is made from."""
    by_page = {e.page: e for e in entries}
    out: dict[str, dt.date | None] = {}
    contracts, organisations = contracts_of(entries), organisations_of(entries, filters)
    for c in contracts:
        publish(c.page, "contract.html", inputs=made_of([by_page[p.page] for p in c.papers]),
                contract=c, site=site(c.page))
        out[c.page] = max((p.signed for p in c.papers if p.signed), default=None)
    for o in organisations:
        publish(o.page, "organisation.html", inputs=made_of([by_page[p.page] for p in o.papers]),
                organisation=o, site=site(o.page))
        out[o.page] = max((p.signed for p in o.papers if p.signed), default=None)
    return Ledger(contracts, organisations, out)


def links_of(e) -> dict[str, list[tuple[str, str]]]:
    """The ledger pages a paper's page links to: its contracts' and its organisations'."""
    if not e.ledger:
        return {"contracts": [], "organisations": []}
    contracts = dict.fromkeys((c["name"], page_of("contract", c["key"])) for c in e.ledger["contracts"])
    bodies = sorted({b for line in e.bodies.values() for b in line if b}, key=str.casefold)
    return {"contracts": list(contracts), "organisations": [(b, page_of("org", b)) for b in bodies]}


# -- the data: decisions.json's contracts and organisations ------------------------------------

def _text(v: Decimal | None) -> str | None:
    return None if v is None else f"{v:f}"


def contracts_data(contracts: list[Contract]) -> list[dict]:
    out = []
    for c in contracts:
        last = c.last
        out.append({
            "name": c.name, "number": c.number or None, "supplier": c.supplier, "url": c.page,
            "original_value": _text(last.original), "value": _text(last.after),
            "cumulative_change": _text(last.cumulative),
            "percent_of_original": _text(last.share_value),
            "ends": last.ends.isoformat() if last.ends else None,
            "decisions": [{"reference": s.paper.reference, "url": s.paper.page,
                           "date_signed": s.paper.signed.isoformat() if s.paper.signed else None,
                           "kind": s.kind, "change": _text(s.change), "value_before": _text(s.before),
                           "value_after": _text(s.after)} for s in c.steps],
        })
    return out


def organisations_data(organisations: list[Organisation]) -> list[dict]:
    return [{
        "name": o.name, "url": o.page, "other_names": list(o.names[1:]),
        "years": [{"year": y.year, "in_as_funder": _text(y.funder), "out_as_recipient": _text(y.recipient),
                   "out_as_supplier": _text(y.supplier)} for y in o.years if y.year.isdigit()],
        "decisions": [{"reference": f.paper.reference, "url": f.paper.page,
                       "date_signed": f.paper.signed.isoformat() if f.paper.signed else None,
                       "role": f.role, "line": f.line, "amount": _text(f.amount),
                       "contract_url": f.contract_page or None} for f in o.flows],
    } for o in organisations]
