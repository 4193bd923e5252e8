"""Compute the paper from a validated spec: money, contracts, routes, numbering, prose."""

from __future__ import annotations

import functools
import re
from decimal import Decimal
from typing import Any, Sequence

from authoring.diagnostics import Report
from authoring.housestyle import HouseStyle
from authoring.model import form
from authoring.model.contracts import compute_contracts
from authoring.model.finance import compute_finance, unique
from authoring.model.paper import (BackgroundPaper, ContractChange, Declaration, Finance, Paper,
                                   FrontField, Paragraph, Prose, Publication, Recommendation,
                                   Route, Section, Signature, Span)
from authoring.model.names import Wording, contract_names, money_names
from authoring.model.routes import compute_routes
from authoring.model.references import Count, References
from authoring.model.text import (Abbreviations, Problem, mark_abbreviations, parse_inline,
                                  plain_text)
from authoring.spec.schema import did_you_mean

ZERO = Decimal(0)


def names_in(data: dict[str, Any], style: HouseStyle) -> list[str]:
    """Names an abbreviation may be a word of, never expanded inside: the organisations the
    house style lists and the spec's suppliers and recipients."""
    names = []
    for org in style.data.get("organisations") or []:
        names += [org["name"], *org.get("aliases", [])]
    # Funders are left out: their names are often descriptions ("GLA budget"), not names.
    names += [r["name"] for r in (data.get("finance") or {}).get("recipients", [])]
    names += [c["supplier"] for c in data.get("contracts", []) if c.get("supplier")]
    return names


def bodies_named(data: dict[str, Any], style: HouseStyle, finance: Finance,
                 contracts: list[ContractChange]) -> tuple[str, ...]:
    """The bodies a paper names as funders from outside, recipients and suppliers, each by one
    name, so one body is one filter entry however a line is labelled. A line's `org:` names the
    body (a name or other name in the house style's list, else the body's own name); without it
    a name holding a listed body's name or other name is that body ("Home Office grant for the
    LSMP" is the Home Office). A funder's name that holds none is a label, not a body; so is a
    recipient's or supplier's that begins in lower case ("the lead partners and …")."""
    listed: dict[str, str] = {}
    for org in style.data.get("organisations") or []:
        for name in [org["name"], *org.get("aliases", [])]:
            listed.setdefault(name, org["name"])
    folded = {name.casefold(): body for name, body in listed.items()}
    # Longest first, so a longer other name is not taken for a shorter name inside it.
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(n)}(?!\w)"
                                  for n in sorted(listed, key=len, reverse=True))) if listed else None

    def body(org: str, name: str, named: bool) -> str:
        if org:
            return folded.get(org.casefold(), org)
        found = pattern.search(name) if pattern else None
        if found:
            return listed[found.group(0)]
        return name if named and (name[:1].isupper() or name[:1].isdigit()) else ""

    fin = data.get("finance") or {}
    orgs = {(what, line["id"]): line.get("org", "") for what in ("funders", "recipients")
            for line in fin.get(what, [])}
    orgs.update({("contracts", c["id"]): c.get("org", "") for c in data.get("contracts", [])})
    found = [body(orgs.get(("funders", f.id), ""), f.name, False) for f in finance.funders if not f.internal]
    found += [body(orgs.get(("recipients", r.id), ""), r.name, True) for r in finance.recipients]
    found += [body(orgs.get(("contracts", c.id), ""), c.supplier, True) for c in contracts]
    return tuple(sorted({b for b in found if b}, key=str.casefold))


class Builder:
    """Holds what computing one paper needs; each method computes one part."""

    def __init__(self, data: dict[str, Any], style: HouseStyle) -> None:
        self.data, self.style = data, style
        self.report = Report()
        self.refs = References()
        self.abbr = {**style["abbreviations"], **data.get("abbreviations", {})}
        self.abbr_rules = Abbreviations.of(self.abbr, style.data.get("abbreviations_take_the") or (),
                                           names_in(data, style))
        self.seen_abbr: set[str] = set()

    # -- prose -------------------------------------------------------------------------------
    def prose(self, text: str, path: tuple, body: bool = True) -> Prose:
        problems: Sequence[Problem]
        if not body and "{" not in text:  # the form's own words: the same in every paper
            spans, problems = _fixed(text)
        else:
            spans, problems, _ = parse_inline(text, self.refs.resolve)
        for p in problems:
            self.report.add(p.code, p.message, path, needle=p.needle)
        if body:
            spans = mark_abbreviations(spans, self.abbr_rules, self.seen_abbr)
        return Prose(spans, text, path)

    def unique(self, items: list[dict], path: tuple, what: str) -> list[tuple[int, dict]]:
        return unique(items, path, what, self.report)

    # -- names prose may use ---------------------------------------------------------------------
    def register(self, finance: Finance, contracts: list[ContractChange], routes: list[Route],
                 reference: str) -> None:
        add, style, data = self.refs.add, self.style, self.data
        dm = style.authorities.get(data["decision_maker"], {"title": "", "short": ""})
        add("reference", reference)
        add("officer", data["drafting_officer"])
        add("dm.title", dm["title"])
        add("dm.short", dm["short"])
        add("org.name", style["organisation"])
        add("org.short", style["short_name"])
        if data.get("portfolio"):  # {portfolio}: its name
            add("portfolio", (style.data.get("portfolios") or {}).get(data["portfolio"], ""))
        money_names(add, finance)
        for what, items in (("recipients", finance.recipients), ("contracts", contracts),
                            ("funders", [f for f in finance.funders if not f.internal]),
                            ("recommendations", data["recommendations"])):
            add(f"count.{what}", Count(len(items)))
        contract_names(add, contracts, {r.path: self.route_text(r) for r in routes},
                       style.data.get("procurement_routes", {}), Wording.of(style))
        for rule in style["delegation"]:
            base = f"scheme.{rule['id']}"
            add(f"{base}.clause", str(rule.get("clause", "")))
            for key in ("change_from", "change_below", "contract_from", "value_from", "value_over",
                        "value_below", "value_upto"):
                if key in rule:
                    add(f"{base}.{key}", rule[key])
            for key in ("percent_over", "months_over"):
                if key in rule:
                    add(f"{base}.{key}", str(rule[key]))
        for f in (data.get("finance") or {}).get("figures", []):
            add(f"figure.{f['id']}", f["amount"])
        in_part2 = style["texts"].get("in_part2", "set out in the Part 2 form")
        for f in data["part2"].get("figures", []):
            add(f"part2.{f['id']}", in_part2)  # Part 1 prose never holds the amount
        if data["publication"].get("until"):
            add("date.deferred_until", data["publication"]["until"])
        for role, sig in data.get("signatures", {}).items():
            if "date" in sig:
                add(f"date.{role}", sig["date"])

    def route_text(self, route: Route) -> str:
        who = self.style.authorities[route.authority]["short"]
        clause = self.style["texts"].get("clause") or form.FORM_WORDS["clause"]
        return f"the {who} ({clause} {route.clause})" if route.clause else f"the {who}"

    # -- structure ---------------------------------------------------------------------------------
    def number_references(self) -> None:
        """Register {para.ID} and {rec.ID}: numbers are known before any prose is read."""
        order = [s["id"] for s in self.style.sections]
        seen: set[str] = set()
        for key, paras in self.data["sections"].items():
            if key not in order:
                continue
            sec = order.index(key) + 1
            for i, p in enumerate(paras):
                if "id" not in p:
                    continue
                if p["id"] in seen:
                    self.report.add("PCD204", f"paragraph id '{p['id']}' is used twice",
                                    ("sections", key, i, "id"))
                seen.add(p["id"])
                self.refs.add(f"para.{p['id']}", f"{sec}.{i + 1}", f"#para-{sec}-{i + 1}")
        for i, r in self.unique(self.data["recommendations"], ("recommendations",), "recommendation"):
            self.refs.add(f"rec.{r['id']}", str(i + 1))

    def paragraph(self, p: dict, path: tuple, number: str = "") -> Paragraph:
        text = self.prose(p["text"], path + (("text",) if len(p) > 1 else ()))
        bullets = tuple(self.prose(b, path + ("bullets", j)) for j, b in enumerate(p.get("bullets", [])))
        return Paragraph(text, number, bullets, p.get("table") == "finance")

    def sections(self) -> list[Section]:
        given = self.data["sections"]
        ids = [s["id"] for s in self.style.sections]
        for key in given:
            if key not in ids:
                self.report.add("PCD010", f"unknown section '{key}'" + did_you_mean(key, ids),
                                ("sections", key, "<key>"))
        out = []
        for n, sec in enumerate(self.style.sections, 1):
            path = ("sections", sec["id"])
            if sec.get("papers"):
                papers = tuple(
                    BackgroundPaper(f"{self.style['paper_label']} {i}", p["ref"], p["title"])
                    for i, p in enumerate(self.data.get("background_papers", []), 1))
                out.append(Section(n, sec["id"], sec["title"], papers=papers, path=("background_papers",)))
                continue
            if sec["id"] not in given:
                self.report.add("PCD011", f"section '{sec['id']}' ({sec['title']}) is missing",
                                ("sections",))
                out.append(Section(n, sec["id"], sec["title"], path=path))
                continue
            paras = tuple(self.paragraph(p, path + (i,), f"{n}.{i + 1}")
                          for i, p in enumerate(given[sec["id"]]))
            out.append(Section(n, sec["id"], sec["title"], paras, path=path))
        return out

    def declarations(self) -> list[Declaration]:
        given = self.data["declarations"]
        catalogue = {d["id"]: d for d in self.style.declarations}
        for key in given:
            if key not in catalogue:
                self.report.add("PCD010", f"unknown declaration '{key}'" + did_you_mean(key, catalogue),
                                ("declarations", key, "<key>"))
        out = []
        for d in self.style.declarations:
            path = ("declarations", d["id"])
            state = given.get(d["id"], {"state": "pending"})
            if state["state"] == "not_required" and "not_required" not in d and "wording" not in state:
                self.report.add("PCD016", f"the {d['id']} declaration cannot be 'not_required'", path)
            wording = state.get("wording") or (
                d.get("not_required") if state["state"] == "not_required" else None) or d["text"]
            notes = tuple(self.prose(x, path + ("notes", i), body=False)
                          for i, x in enumerate(state.get("notes", [])))
            out.append(Declaration(d["id"], d["title"], state["state"],
                                   self.prose(wording, path, body=False), notes,
                                   d.get("section", ""), path))
        return out

    def signatures(self) -> list[Signature]:
        """The style's signatories, in the order the form lists them, with what the spec gives."""
        given = self.data.get("signatures", {})
        style = self.style.data
        who = form.signatories(style)
        ids = [s["id"] for s in who]
        for key in given:
            if key not in ids:
                self.report.add("PCD010", f"unknown signatory '{key}': the house style's are "
                                + ", ".join(ids) + did_you_mean(key, ids), ("signatures", key, "<key>"))
        out = []
        for s in who:
            if s.get("decides"):
                title = self.style.authorities.get(self.data["decision_maker"], {}).get("title", "")
            elif s.get("authority"):
                title = self.style.authorities.get(s["authority"], {}).get("title", "")
            else:
                title = s.get("title", "")
            mine = given.get(s["id"], {})
            out.append(Signature(s["id"], title, mine.get("name", ""), mine.get("date"),
                                 ("signatures", s["id"]), bool(s.get("decides")),
                                 s.get("statement", ""), bool(s.get("interests")),
                                 s.get("approval", ""), tuple(s.get("after", [])),
                                 bool(s.get("optional"))))
        return out

    def fields(self) -> list[FrontField]:
        """The front sheet: each field of the style the spec gives, typed as the style says."""
        given = self.data.get("fields", {})
        style = self.style.data
        known = {f["id"]: f for f in style.get("fields") or []}
        for key in given:
            if key not in known:
                self.report.add("PCD010", f"unknown field '{key}'" + (did_you_mean(key, known) or (
                    ": the house style's are " + ", ".join(known) if known else
                    ": the house style has no front-sheet fields")), ("fields", key, "<key>"))
        out = []
        for f in style.get("fields") or []:
            path = ("fields", f["id"])
            if f["id"] not in given:
                if f.get("required"):
                    self.report.add("PCD011", f"missing the field '{f['id']}' ({f['label']}), "
                                    "which the house style requires", ("fields",))
                continue
            value = typed(f, given[f["id"]], (style.get("lists") or {}).get(f.get("list", ""), []),
                          path, self.report)
            if value is not None:
                texts = {**form.FORM_WORDS, **self.style["texts"]}
                out.append(FrontField(f["id"], f["label"], f["type"], value,
                                      bool(f.get("filter")), path,
                                      (str(texts["answer_yes"]), str(texts["answer_no"]))))
        return out


@functools.lru_cache(maxsize=1024)
def _fixed(text: str) -> tuple[tuple[Span, ...], tuple[Problem, ...]]:
    """Prose with no reference in it, parsed once a process: a house style's wording is parsed
    for every paper (a site's thousand papers parse MOPAC's fifty texts once)."""
    def resolve(name: str, form: str = ""):  # pragma: no cover - text without "{" names nothing
        raise AssertionError(name)
    spans, problems, _ = parse_inline(text, resolve)
    return tuple(spans), tuple(problems)


def typed(field: dict, raw: Any, options: list[str], path: tuple, report: Report) -> Any:
    """A field's value as its type reads it; a finding, positioned at the value, when it is not."""
    def near(value: str) -> str:  # a nearest name, when the list is short enough to search
        return did_you_mean(value, options) if len(options) <= 500 else ""

    import datetime as dt

    from authoring.spec.schema import MONEY_TEXT

    kind = field["type"]
    values = raw if isinstance(raw, list) else [raw]
    if kind != "list" and isinstance(raw, list):
        report.add("PCD012", f"expected one value for '{field['id']}' ({kind}), found a list", path)
        return None
    if kind == "list":
        out = []
        for i, v in enumerate(values):
            if v not in options:
                report.add("PCD016", f"'{v}' is not one of {field['list']}: "
                           + ", ".join(options[:8]) + ("…" if len(options) > 8 else "")
                           + near(str(v)), path + ((i,) if isinstance(raw, list) else ()))
            else:
                out.append(v)
        return tuple(out) if len(out) == len(values) else None
    text = str(raw)
    if kind == "yes_no":
        if text.lower() in ("yes", "true", "no", "false"):
            return text.lower() in ("yes", "true")
        report.add("PCD012", f"expected yes or no for '{field['id']}', found '{text}'", path)
    elif kind == "date":
        try:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                return dt.date.fromisoformat(text)
        except ValueError:
            pass
        report.add("PCD015", f"'{text}' is not a date in the form YYYY-MM-DD", path)
    elif kind == "money":
        if MONEY_TEXT.fullmatch(text):
            return Decimal(text)
        report.add("PCD014", f"'{text}' is not an amount of money (pounds, optionally with two "
                   "decimal places of pence)", path)
    elif kind == "choice":
        if text in options:
            return text
        report.add("PCD016", f"'{text}' is not one of {field['list']}: " + ", ".join(options[:8])
                   + ("…" if len(options) > 8 else "") + near(text), path)
    else:
        if text.strip():
            return text
        report.add("PCD203", "empty text: write it, or remove the line", path)
    return None


def key_decision(style: HouseStyle, fields: list[FrontField], routes: list[Route]) -> bool:
    """Whether the paper is a key decision: as its field says, else by its largest value."""
    rule = style.data.get("key_decision")
    if not rule:
        return False
    if "field" in rule:
        return any(f.id == rule["field"] and f.value is True for f in fields)
    return any(r.value is not None and r.value >= Decimal(rule["threshold"]) for r in routes)


def part2_prose(b: Builder, part2: dict) -> Prose | None:
    """The confidential summary, the one prose where {part2.ID} is the amount itself."""
    if "summary" not in part2:
        return None
    saved = dict(b.refs.values)
    for f in part2.get("figures", []):
        b.refs.add(f"part2.{f['id']}", f["amount"])
    try:
        return b.prose(part2["summary"], ("part2", "summary"), body=False)
    finally:
        b.refs.values = saved


def compute(data: dict[str, Any], style: HouseStyle) -> tuple[Paper, Report]:
    """Compute the paper; problems that stop a value being computed go into the report."""
    style = style.for_maker(data["decision_maker"])  # a Director's Decision is the GLA's too
    b = Builder(data, style)
    if data["decision_maker"] not in style.authorities:
        b.report.add("PCD016", f"unknown decision maker '{data['decision_maker']}'"
                     + did_you_mean(data["decision_maker"], style.authorities), ("decision_maker",))
    year = data.get("year") or (data["drafted"].year if data.get("drafted") else None)
    if form.needs_year(style.data) and year is None:
        b.report.add("PCD011", "the house style's references hold a year "
                     f"({style.data['reference_format']}): give the paper's 'year'", ("reference",))
    reference = form.reference(style.data, data["reference"], year)
    finance = compute_finance(data.get("finance"), b.report)
    contracts = compute_contracts(data.get("contracts", []), finance, b.report)
    routes = compute_routes(style, finance, contracts)
    b.register(finance, contracts, routes, reference)
    b.number_references()
    boiler = {k: b.prose(v, ("house_style", k), body=False)
              for k, v in {**form.FORM_WORDS, **style["texts"]}.items()}
    boiler["heading"] = b.prose(style["heading"], ("house_style",), body=False)
    boiler["part1_heading"] = b.prose(style["part1_heading"], ("house_style",), body=False)
    boiler["table_caption"] = b.prose(style["table_caption"], ("house_style",), body=False)
    if "no_papers" not in boiler:  # a style older than the wording: a heading is never left empty
        boiler["no_papers"] = b.prose("None.", ("house_style",), body=False)
    summary = tuple(b.paragraph(p, ("summary", i)) for i, p in enumerate(data["summary"]))
    recs = tuple(
        Recommendation(i + 1, r["id"], b.prose(r["text"], ("recommendations", i, "text")),
                       tuple((a["funder"], a["cost"]) for a in r.get("accepts", [])),
                       r.get("contract", ""), ("recommendations", i), tuple(r.get("awards", [])),
                       tuple(b.prose(t, ("recommendations", i, "bullets", j))
                             for j, t in enumerate(r.get("bullets", []))))
        for i, r in enumerate(data["recommendations"]))
    sections = tuple(b.sections())
    pub = data["publication"]
    part2 = data["part2"]
    publication = Publication(
        pub["defer"], b.prose(pub["reason"], ("publication", "reason")) if "reason" in pub else None,
        pub.get("until"), part2["exists"],
        part2_prose(b, part2),
        ("publication",), tuple((f["description"], f["amount"]) for f in part2.get("figures", [])),
        b.prose(part2["basis"], ("part2", "basis"), body=False) if "basis" in part2 else None)
    interests = b.prose(data["interests"], ("interests",)) if "interests" in data else None
    # Cost labels are plain text in the table; references in them are resolved all the same.
    labels = tuple(b.prose(c.label, c.path + ("label",), body=False) for c in finance.costs)
    costs = tuple(c._replace(label=plain_text(label.spans)) for c, label in zip(finance.costs, labels))
    signatures = b.signatures()
    fields = b.fields()
    rule = style.data.get("key_decision")
    if rule and "field" not in rule:  # the form says itself whether it is a key decision
        answers = {**form.FORM_WORDS, **style["texts"]}
        fields.insert(0, FrontField("key_decision", str(answers["key_decision_label"]),
                                    "yes_no", key_decision(style, fields, routes), True,
                                    ("fields",), (str(answers["answer_yes"]), str(answers["answer_no"]))))
    paper = Paper(
        number=data["reference"], reference=reference, heading=plain_text(boiler["heading"].spans),
        title=data["title"], style=style, decision_maker=data["decision_maker"],
        drafting_officer=data["drafting_officer"], summary=summary, recommendations=recs,
        sections=sections, finance=finance._replace(costs=costs), contracts=tuple(contracts),
        routes=tuple(routes), declarations=tuple(b.declarations()), signatures=tuple(signatures),
        publication=publication, interests=interests, boilerplate=boiler, abbreviations=b.abbr,
        figures={f["id"]: f["amount"] for f in (data.get("finance") or {}).get("figures", [])},
        values=dict(b.refs.values),
        drafted=data.get("drafted"),
        labels=labels,
        organisations=bodies_named(data, style, finance, contracts),
        form=form.blocks(style.data), fields=tuple(fields),
        stem=form.stem(style.data, data["reference"], year),
        call_in_ends=form.call_in_ends(style.data, next(
            (s.date for s in signatures if s.decides), None)),
        portfolio=(style.data.get("portfolios") or {}).get(data.get("portfolio", ""), ""),
        portfolio_id=data.get("portfolio", ""),
        key_decision=key_decision(style, fields, routes),
    )
    return paper, b.report
