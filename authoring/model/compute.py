"""Compute the paper from a validated spec: money, contracts, routes, numbering, prose."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from authoring.diagnostics import Report
from authoring.housestyle import HouseStyle
from authoring.model.dates import add_months
from authoring.model.paper import (BackgroundPaper, ContractChange, CostLine, Declaration, Finance,
                                   Funder, FundingLine, Paper, Paragraph, Prose, Publication,
                                   Recommendation, Route, Section, Signature)
from authoring.model.references import Percent, References
from authoring.model.text import mark_abbreviations, parse_inline, plain_text
from authoring.spec.schema import did_you_mean

ZERO = Decimal(0)


class Builder:
    """Holds what computing one paper needs; each method computes one part."""

    def __init__(self, data: dict[str, Any], style: HouseStyle) -> None:
        self.data, self.style = data, style
        self.report = Report()
        self.refs = References()
        self.abbr = {**style["abbreviations"], **data.get("abbreviations", {})}
        self.seen_abbr: set[str] = set()

    # -- prose -------------------------------------------------------------------------------
    def prose(self, text: str, path: tuple, body: bool = True) -> Prose:
        spans, problems, _ = parse_inline(text, self.refs.resolve)
        for p in problems:
            self.report.add(p.code, p.message, path, needle=p.needle)
        if body:
            spans = mark_abbreviations(spans, self.abbr, self.seen_abbr)
        return Prose(spans, text, path)

    def unique(self, items: list[dict], path: tuple, what: str) -> list[tuple[int, dict]]:
        """Items with their index, reporting any id used twice."""
        seen: set[str] = set()
        for i, item in enumerate(items):
            if item["id"] in seen:
                self.report.add("PCD204", f"{what} id '{item['id']}' is used twice", path + (i, "id"))
            seen.add(item["id"])
        return list(enumerate(items))

    # -- money -------------------------------------------------------------------------------
    def finance(self) -> Finance:
        spec = self.data["finance"]
        names = {f["id"]: f for _, f in self.unique(spec["funders"], ("finance", "funders"), "funder")}
        costs = []
        for i, cost in self.unique(spec["costs"], ("finance", "costs"), "cost"):
            path = ("finance", "costs", i)
            lines, rest = [], []
            for j, line in enumerate(cost["funding"]):
                lpath = path + ("funding", j)
                if line["funder"] not in names:
                    self.report.add("PCD104", f"unknown funder '{line['funder']}'"
                                    + did_you_mean(line["funder"], names), lpath + ("funder",))
                    continue
                if line["amount"] == "remainder":
                    rest.append((line, lpath))
                else:
                    lines.append(FundingLine(line["funder"], cost["id"], line["amount"], lpath))
            if len(rest) > 1:
                self.report.add("PCD105", "only one funding line of a cost may be 'remainder'",
                                rest[1][1] + ("amount",))
            if rest:
                left = cost["amount"] - sum((f.amount for f in lines), ZERO)
                lines.append(FundingLine(rest[0][0]["funder"], cost["id"], left, rest[0][1]))
            costs.append(CostLine(cost["id"], cost["label"], cost["amount"], tuple(lines), path))
        funders = []
        for i, f in enumerate(spec["funders"]):
            total = sum((ln.amount for c in costs for ln in c.funding if ln.funder == f["id"]), ZERO)
            funders.append(Funder(f["id"], f["name"], f.get("internal", False), total,
                                  ("finance", "funders", i)))
        return Finance(tuple(costs), tuple(funders))

    def contracts(self, finance: Finance) -> list[ContractChange]:
        costs = {c.id: c for c in finance.costs}
        out = []
        for i, c in self.unique(self.data.get("contracts", []), ("contracts",), "contract"):
            path, change = ("contracts", i), c["change"]
            if change["cost"] not in costs:
                self.report.add("PCD201", f"unknown cost '{change['cost']}'"
                                + did_you_mean(change["cost"], costs), path + ("change", "cost"))
                continue
            months, ends = change.get("months"), c.get("ends")
            new_end = add_months(ends, months) if months and ends else change.get("until", ends)
            out.append(ContractChange(
                c["id"], c["number"], c["supplier"], c.get("service", ""), change["type"], c["value"],
                costs[change["cost"]].amount, change.get("foreseen", False), months, ends, new_end,
                change.get("until"), path))
        return out

    def routes(self, finance: Finance, contracts: list[ContractChange]) -> list[Route]:
        """The approval each action needs under the house style's scheme of delegation."""
        ranks = {k: a["rank"] for k, a in self.style.authorities.items()}
        top = max(ranks, key=lambda k: ranks[k])
        rules = self.style["delegation"]

        def route(action: str, facts: dict, label: str, path: tuple) -> Route:
            hits = [r for r in rules if r["action"] == action and _matches(r, facts)]
            if not hits:
                return Route(label, top, "", path)
            best = max(hits, key=lambda r: ranks[r["authority"]])
            return Route(label, best["authority"], str(best["clause"]), path)

        out = [route("accept_funding", {}, f"accept funding from {f.name}", f.path)
               for f in finance.funders if not f.internal and f.total]
        for c in contracts:
            facts = {"change": c.change, "contract": c.value, "foreseen": c.foreseen,
                     "percent": c.percent, "months": c.months or 0}
            out.append(route("contract_change", facts, f"{c.kind} of {c.number}", c.path))
        return out

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
        add("total.costs", finance.cost_total)
        add("total.funding", finance.funding_total)
        funder_names = {f.id: f.name for f in finance.funders}
        for f in finance.funders:
            add(f"funder.{f.id}", f.total)
            add(f"funder.{f.id}.name", f.name)
        for c in finance.costs:
            add(f"cost.{c.id}", c.amount)
            add(f"cost.{c.id}.funders", _and([funder_names[ln.funder] for ln in c.funding]))
            for ln in c.funding:
                add(f"funding.{ln.funder}.{c.id}", ln.amount)
        by_path = {r.path: r for r in routes}
        for k in contracts:
            base = f"contract.{k.id}"
            add(base, k.number)
            for name in ("supplier", "service", "value", "change", "value_after"):
                add(f"{base}.{name}", getattr(k, name))
            add(f"{base}.percent", Percent(k.percent))
            for name in ("ends", "new_end"):
                if getattr(k, name):
                    add(f"{base}.{name}", getattr(k, name))
            add(f"{base}.route", self.route_text(by_path[k.path]))
        for rule in style["delegation"]:
            base = f"scheme.{rule['id']}"
            add(f"{base}.clause", str(rule["clause"]))
            for key in ("change_from", "change_below", "contract_from"):
                if key in rule:
                    add(f"{base}.{key}", rule[key])
            for key in ("percent_over", "months_over"):
                if key in rule:
                    add(f"{base}.{key}", str(rule[key]))
        for f in data["finance"].get("figures", []):
            add(f"figure.{f['id']}", f["amount"])
        for role, sig in data.get("signatures", {}).items():
            if "date" in sig:
                add(f"date.{role}", sig["date"])

    def route_text(self, route: Route) -> str:
        who = self.style.authorities[route.authority]["short"]
        return f"the {who} (clause {route.clause})" if route.clause else f"the {who}"

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
        given = self.data.get("signatures", {})
        titles = {
            "chief_executive": self.style.authorities[self.style["chief_executive"]]["title"],
            "decision_maker": self.style.authorities.get(self.data["decision_maker"], {}).get("title", ""),
        }
        return [Signature(role, titles[role], given.get(role, {}).get("name", ""),
                          given.get(role, {}).get("date"), ("signatures", role)) for role in titles]


def _matches(rule: dict, facts: dict) -> bool:
    tests = {
        "change_from": lambda v: facts["change"] >= v,
        "change_below": lambda v: facts["change"] < v,
        "contract_from": lambda v: facts["contract"] >= v,
        "unforeseen": lambda v: (not facts["foreseen"]) == v,
        "percent_over": lambda v: facts["percent"] > v,
        "months_over": lambda v: facts["months"] > v,
    }
    return all(test(rule[key]) for key, test in tests.items() if key in rule)


def _and(names: list[str]) -> str:
    names = list(dict.fromkeys(names))
    return " and ".join(names) if len(names) < 3 else ", ".join(names[:-1]) + " and " + names[-1]


def compute(data: dict[str, Any], style: HouseStyle) -> tuple[Paper, Report]:
    """Compute the paper; problems that stop a value being computed go into the report."""
    b = Builder(data, style)
    if data["decision_maker"] not in style.authorities:
        b.report.add("PCD016", f"unknown decision maker '{data['decision_maker']}'"
                     + did_you_mean(data["decision_maker"], style.authorities), ("decision_maker",))
    reference = f"{style['code']} {data['reference']}"
    finance = b.finance()
    contracts = b.contracts(finance)
    routes = b.routes(finance, contracts)
    b.register(finance, contracts, routes, reference)
    b.number_references()
    boiler = {k: b.prose(v, ("house_style", k), body=False) for k, v in style["texts"].items()}
    boiler["heading"] = b.prose(style["heading"], ("house_style",), body=False)
    boiler["part1_heading"] = b.prose(style["part1_heading"], ("house_style",), body=False)
    boiler["table_caption"] = b.prose(style["table_caption"], ("house_style",), body=False)
    summary = tuple(b.paragraph(p, ("summary", i)) for i, p in enumerate(data["summary"]))
    recs = tuple(
        Recommendation(i + 1, r["id"], b.prose(r["text"], ("recommendations", i, "text")),
                       tuple((a["funder"], a["cost"]) for a in r.get("accepts", [])),
                       r.get("contract", ""), ("recommendations", i))
        for i, r in enumerate(data["recommendations"]))
    sections = tuple(b.sections())
    pub = data["publication"]
    part2 = data["part2"]
    publication = Publication(
        pub["defer"], b.prose(pub["reason"], ("publication", "reason")) if "reason" in pub else None,
        pub.get("until"), part2["exists"],
        b.prose(part2["summary"], ("part2", "summary"), body=False) if "summary" in part2 else None,
        ("publication",))
    interests = b.prose(data["interests"], ("interests",)) if "interests" in data else None
    # Cost labels are plain text in the table; references in them are resolved all the same.
    costs = tuple(CostLine(c.id, plain_text(b.prose(c.label, c.path + ("label",), body=False).spans),
                           c.amount, c.funding, c.path) for c in finance.costs)
    paper = Paper(
        number=data["reference"], reference=reference, heading=plain_text(boiler["heading"].spans),
        title=data["title"], style=style, decision_maker=data["decision_maker"],
        drafting_officer=data["drafting_officer"], summary=summary, recommendations=recs,
        sections=sections, finance=Finance(costs, finance.funders), contracts=tuple(contracts),
        routes=tuple(routes), declarations=tuple(b.declarations()), signatures=tuple(b.signatures()),
        publication=publication, interests=interests, boilerplate=boiler, abbreviations=b.abbr,
        figures={f["id"]: f["amount"] for f in data["finance"].get("figures", [])},
        values=dict(b.refs.values),
    )
    return paper, b.report
