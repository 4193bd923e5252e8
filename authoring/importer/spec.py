"""The recognised form as a spec: placeholders where the paper had nothing, references where
its figures equal computed values, and a note for everything the officer should look at."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

from authoring.housestyle import DEFAULT
from authoring.importer.common import Note, escape
from authoring.importer.form import Form
from authoring.importer.prose import (PARAGRAPH_NUMBER, Figures, fold_abbreviations,
                                      refer_contracts, refer_dates, refer_durations,
                                      refer_paragraphs, refer_periods, refer_recommendations)
from authoring.importer.table import Finance, amount_value
from authoring.importer.yamlout import dump

TO_WRITE = "To be written"
INCOME = ("", "grant", "contribution", "transfer")


class Assembly:
    def __init__(self, form: Form, finance: Finance | None, style) -> None:
        self.form, self.finance, self.style = form, finance, style
        self.notes: list[Note] = list(form.notes) + (finance.notes if finance else [])
        self.known = dict(style["abbreviations"])
        self.found: dict[str, str] = {}
        self.prose: list[tuple[Any, Any, str]] = []  # (container, key, where) of each prose

    def text(self, raw: str, heading: bool = False) -> str:
        out = fold_abbreviations(raw, self.known, self.found)  # raw is spec prose already
        return f"**{out}**" if heading else out

    def hold(self, container: Any, key: Any, where: str) -> None:
        self.prose.append((container, key, where))

    def build(self) -> dict:
        f, st = self.form, self.style
        spec: dict = {}
        if f.house_style and f.house_style != DEFAULT:
            spec["house_style"] = f.house_style
        if f.reference:
            spec["reference"] = int(f.reference)
        else:
            spec["reference"] = 1
            self.notes.append(Note("heading", f"no '{st['code']} NNNN' reference found: 1 written"))
        spec["title"] = f.title or self.missing("title", TO_WRITE)
        spec["decision_maker"] = f.decision_maker or self.missing(
            "decision maker", max(st.authorities, key=lambda k: st.authorities[k]["rank"]))
        spec["drafting_officer"] = f.officer or self.missing("drafting officer", TO_WRITE)
        if f.dates:
            spec["signatures"] = {k: {"date": f.dates[k]}
                                  for k in ("chief_executive", "decision_maker") if k in f.dates}
        if f.interests:
            spec["interests"] = self.text(f.interests)
            self.hold(spec, "interests", "interests")
        spec["abbreviations"] = {}
        if self.finance and self.finance.spec:
            spec["finance"] = self.finance.spec
            for cost in spec["finance"]["costs"]:
                cost["label"] = self.text(escape(cost["label"]))
                self.hold(cost, "label", f"the label of cost '{cost['id']}'")
        spec["summary"] = [self.text(t) for t, _ in f.summary] or [
            self.missing("executive summary", f"{TO_WRITE}: the decision in a paragraph.")]
        for i, (_, where) in enumerate(f.summary):
            self.hold(spec["summary"], i, where)
        recs = [{"id": f"rec-{i + 1}", "text": self.text(t)} for i, (t, _) in enumerate(f.recommendations)]
        spec["recommendations"] = recs or [{"id": "rec-1", "text": self.missing(
            "recommendations", f"{TO_WRITE}: what the decision maker approves.")}]
        for rec, (_, where) in zip(recs, f.recommendations):
            self.hold(rec, "text", where)
        spec["sections"] = self.sections()
        if spec.get("finance"):
            self.contracts(spec)
        if f.papers:
            spec["background_papers"] = f.papers
        spec["publication"] = self.publication()
        if f.part2 is None:
            self.missing("Part 2 answer", None)
        spec["part2"] = {"exists": bool(f.part2)}
        if f.part2:
            self.notes.append(Note("part 2", "the paper has a Part 2 form: add part2.summary and "
                                   "figures from it (the Part 2 form is a separate document)"))
        spec["declarations"] = self.declarations()
        spec["abbreviations"] = dict(sorted(self.found.items()))
        if not spec["abbreviations"]:
            del spec["abbreviations"]
        return spec

    def contracts(self, spec: dict) -> None:
        from authoring.importer.contracts import find_contracts

        texts = [c[k] for c, k, _ in self.prose]
        found, notes = find_contracts(texts, spec["finance"]["costs"], self.style["short_name"],
                                      spec["recommendations"])
        if found:
            spec["contracts"] = found
        self.notes += notes

    def missing(self, what: str, placeholder):
        self.notes.append(Note(what, "not found in the paper"
                               + (f": '{placeholder}' written" if placeholder else "")))
        return placeholder

    def sections(self) -> dict:
        out: dict = {}
        for sec in self.style.sections:
            if sec.get("papers"):
                continue
            found = self.form.sections.get(sec["id"])
            if not found or not found.paragraphs:
                out[sec["id"]] = [self.missing(f"section '{sec['title']}'", f"{TO_WRITE}.")]
                continue
            paras: list = []
            for p in found.paragraphs:
                text = self.text(p["text"], p.get("heading", False))
                if not p["bullets"] and not p["table"]:
                    paras.append(text)
                    self.hold(paras, len(paras) - 1, p["where"])
                    continue
                entry: dict = {"text": text}
                self.hold(entry, "text", p["where"])
                if p["bullets"]:
                    entry["bullets"] = [self.text(b) for b in p["bullets"]]
                    for i in range(len(entry["bullets"])):
                        self.hold(entry["bullets"], i, f"{p['where']} bullet {i + 1}")
                if p["table"] and "finance" in self.finance_keys():
                    entry["table"] = "finance"
                paras.append(entry)
            out[sec["id"]] = paras
        return out

    def finance_keys(self) -> set[str]:
        return {"finance"} if self.finance and self.finance.spec else set()

    def publication(self) -> dict:
        pub = dict(self.form.publication)
        if "defer" not in pub:
            self.missing("deferral answer", None)
            pub["defer"] = False
        if "reason" in pub:
            pub["reason"] = self.text(pub["reason"])
        return {"defer": pub.pop("defer"), **pub}

    def declarations(self) -> dict:
        out: dict = {}
        for d in self.style.declarations:
            entry = self.form.declarations.get(d["id"])
            if entry is None:
                self.missing(f"declaration '{d['title'].rstrip(':')}'", "pending")
                out[d["id"]] = "pending"
            elif len(entry) == 1:
                out[d["id"]] = entry["state"]
            else:
                out[d["id"]] = entry = dict(entry)
                if "wording" in entry:  # the paper's own statement: prose like any other
                    entry["wording"] = self.text(entry["wording"])
                    self.hold(entry, "wording", f"declaration '{d['title'].rstrip(':')}'")
                if "notes" in entry:
                    entry["notes"] = [self.text(n) for n in entry["notes"]]
        return out

    # -- figures --------------------------------------------------------------------------------
    def accepts(self, spec: dict, values: dict) -> None:
        """Each outside funder's lines are accepted by the recommendation that names it."""
        fin = spec.get("finance")
        if not fin:
            return
        for funder in fin["funders"]:
            if funder.get("kind", "") not in INCOME:
                continue
            names = {funder["name"].lower(), *(a.lower() for a, x in {**self.known, **self.found}.items()
                                               if x.lower() == funder["name"].lower())}
            total = values.get(f"funder.{funder['id']}")
            shown_total = f"£{total:,}" if isinstance(total, Decimal) else "\0"
            recs = [r for r in spec["recommendations"] if ACCEPTING.search(r["text"])
                    and (any(n in r["text"].lower() for n in names) or shown_total in r["text"])]
            if not recs:
                self.notes.append(Note(f"funder '{funder['name']}'", "no recommendation accepts "
                                       "this funding: add `accepts` to the one that should"))
                continue
            for cost in fin["costs"]:
                if not any(line["funder"] == funder["id"] for line in cost["funding"]):
                    continue
                amount = values.get(f"funding.{funder['id']}.{cost['id']}")
                shown = f"£{amount:,}" if isinstance(amount, Decimal) else "\0"
                rec = next((r for r in recs if shown in r["text"]), recs[0])
                rec.setdefault("accepts", []).append({"funder": funder["id"], "cost": cost["id"]})
            if any("up to" in r["text"].lower() for r in recs):
                funder["up_to"] = True  # "the acceptance of up to £200,000": a maximum
        self.unlisted(spec)

    def unlisted(self, spec: dict) -> None:
        """A recommendation accepting money from a body the table does not list (PCD 1843's
        £80,000 from HMPPS): the check cannot see it, since the spec has no such funder, so it is
        an import note (never a finding with a rule's code, which `pcd check` would not give)."""
        listed = {f["name"].lower() for f in spec["finance"]["funders"]}
        expansions = {**self.known, **self.found}
        listed |= {a.lower() for a, x in expansions.items() if x.lower() in listed}
        listed |= {x.lower() for a, x in expansions.items() if a.lower() in listed}
        for n, rec in enumerate(spec["recommendations"], 1):
            m = re.search(r"\baccept\w*\b.*?\bfrom (?:the )?([A-Z][\w'’&-]*(?: [A-Z][\w'’&-]*)*)",
                          rec["text"])
            if m and m.group(1).lower() not in listed:
                self.notes.append(Note(f"recommendation {n}", f"accepts funding from "
                                       f"{m.group(1)}, which the finance table does not list as a "
                                       "funder: add it as a funder, or correct the recommendation"))

    def paragraph_ids(self, spec: dict, paper) -> dict[str, str]:
        """An id for each numbered paragraph the prose refers to by its number ("paragraph 3.2"),
        so the reference follows the paragraph when the paper is renumbered."""
        typed = {m.group(2) for c, k, _ in self.prose if isinstance(c[k], str)
                 for m in PARAGRAPH_NUMBER.finditer(c[k])}
        ids: dict[str, str] = {}
        for section in paper.sections if paper else ():
            items = spec.get("sections", {}).get(section.id)
            if not isinstance(items, list) or len(items) != len(section.paragraphs):
                continue
            for i, para in enumerate(section.paragraphs):
                if para.number not in typed:
                    continue
                item = items[i]
                name = f"para-{para.number.replace('.', '-')}"
                if isinstance(item, str):
                    items[i] = {"id": name, "text": item}
                    self._moved(items, i, items[i])
                elif isinstance(item, dict):
                    name = item.setdefault("id", name)
                ids[para.number] = name
        return ids

    def _moved(self, items: list, index: int, mapping: dict) -> None:
        """A paragraph held as a string is now the text of a mapping: its prose moves with it."""
        for n, (c, k, where) in enumerate(self.prose):
            if c is items and k == index:
                self.prose[n] = (mapping, "text", where)

    def refer(self, spec: dict, values: dict, paper=None) -> None:
        figures = Figures(values, can_declare="finance" in spec,
                          expansions={**self.known, **self.found})
        paragraphs = self.paragraph_ids(spec, paper)
        names = {k.split(".", 1)[1]: v for k, v in values.items()
                 if k.endswith(".name") and isinstance(v, str)}
        names = {k.rsplit(".", 1)[0]: v for k, v in names.items()}
        if self.finance and self.finance.spec:
            for key, label in self.finance.labels.items():
                names.setdefault(key.split(".", 1)[1], label)
        contracts = contract_names(spec.get("contracts", []))
        for container, key, where in self.prose:
            container[key] = refer_dates(container[key], values, contracts)
            container[key] = refer_durations(container[key], values)
            container[key] = refer_periods(container[key], values)
            container[key] = refer_recommendations(
                container[key], [r["id"] for r in spec.get("recommendations", [])])
            container[key] = refer_contracts(container[key], spec.get("contracts", []))
            container[key] = refer_paragraphs(container[key], paragraphs)
            container[key] = figures.refer(container[key], where, names)
        if figures.declared:
            spec["finance"]["figures"] = [{**f, "amount": amount_value(f["amount"])}
                                          for f in figures.declared]
        self.maxima(spec, figures.maxima)
        self.exact_lines(spec, values)
        self.notes += [Note(w, m) for w, m in figures.notes]


    @staticmethod
    def maxima(spec: dict, names: set[str]) -> None:
        """A figure the paper calls "up to £…" is a maximum: its cost line or funder says so."""
        fin = spec.get("finance") or {}
        costs = {c["id"]: c for c in fin.get("costs", [])}
        funders = {f["id"]: f for f in fin.get("funders", [])}
        for name in names:
            kind, *rest = name.split(".")
            if kind == "cost" and rest and rest[0] in costs:
                costs[rest[0]]["up_to"] = True
            elif kind == "funding" and len(rest) == 2 and rest[0] in funders and rest[1] in costs:
                # "accept up to £X from the grant": the money offered is the maximum; "spend up
                # to £X of the budget": the cost is.
                income = funders[rest[0]].get("kind", "") in INCOME
                (funders[rest[0]] if income else costs[rest[1]])["up_to"] = True
            elif kind == "funder" and rest and rest[0] in funders:
                funders[rest[0]]["up_to"] = True


    def exact_lines(self, spec: dict, values: dict) -> None:
        """A line of a cost that is a maximum is a maximum too; where the prose states it as exact
        and its funder gives exactly that amount, the prose meant the funder ("the £413,000
        carry-forward"), so it refers to the funder."""
        fin = spec.get("finance") or {}
        maxima = {c["id"] for c in fin.get("costs", []) if c.get("up_to")}
        if not maxima:
            return

        def exact(m: re.Match) -> str:
            funder, cost = m.group(1), m.group(2)
            if cost in maxima and values.get(f"funder.{funder}") == values.get(f"funding.{funder}.{cost}") \
                    and not re.search(r"\bup to\s*$", m.string[:m.start()], re.IGNORECASE):
                return f"{{funder.{funder}}}"
            return m.group(0)
        for container, key, _ in self.prose:
            if isinstance(container[key], str):
                container[key] = re.sub(r"\{funding\.([\w-]+)\.([\w-]+)\}", exact, container[key])


ACCEPTING = re.compile(r"\b(accept|receiv|receipt)", re.IGNORECASE)  # MOPAC accepts, the GLA receives


def assemble(form: Form, finance: Finance | None, style, file: str,
             style_dirs: tuple[str, ...] = ()) -> tuple[str, list[Note]]:
    """Return the spec's YAML text and the notes for the officer."""
    from authoring.pipeline import process_text

    a = Assembly(form, finance, style)
    spec = a.build()
    # JSON is YAML, and far quicker to write than the readable form: the first pass only
    # needs the computed values.
    first = process_text(json.dumps(spec, default=str).encode("utf-8"), file, style_dirs)
    values = first.paper.values if first.paper else {}
    a.accepts(spec, values)
    if values:
        a.refer(spec, values, first.paper)
    name_recommendations(spec)
    return dump(spec), a.notes


def contract_names(contracts: list[dict]) -> dict[str, list[str]]:
    """How prose names each contract: its number, its supplier, and the words of its service
    that no other contract shares, if long enough to mean something ("neurodiversity")."""
    words = [set(c.get("service", "").lower().split()) - {"service", "services"} for c in contracts]
    shared = set.intersection(*words) if len(words) > 1 else set()
    return {c["id"]: [c["number"], c["supplier"], *sorted(
        w for w in ws - shared if len(w) >= 5)] for c, ws in zip(contracts, words)}


def name_recommendations(spec: dict) -> None:
    """Ids that say what a recommendation does: accept-hmpps, extend-mopac_957, else rec-N."""
    verbs = {"extension": "extend", "variation": "vary", "uplift": "uplift"}
    changes = {c["id"]: verbs.get(c.get("change", {}).get("type", ""), "change")
               for c in spec.get("contracts", [])}
    taken: set[str] = set()
    renamed: dict[str, str] = {}
    for n, rec in enumerate(spec["recommendations"], 1):
        funders = list(dict.fromkeys(x["funder"] for x in rec.get("accepts", [])))
        if rec.get("contract") in changes:
            base = f"{changes[rec['contract']]}-{rec['contract']}"
        elif funders:
            base = "accept-" + "-".join(funders)
        else:
            base = f"rec-{n}"
        name, k = base.replace("_", "-"), 2
        while name in taken:
            name, k = f"{base.replace('_', '-')}-{k}", k + 1
        taken.add(name)
        renamed[rec["id"]] = name
        rec["id"] = name
    _rename_refs(spec, {f"{{rec.{a}}}": f"{{rec.{b}}}" for a, b in renamed.items()})


def _rename_refs(node, names: dict[str, str]):
    """Prose that already refers to a recommendation follows it to its new id."""
    if isinstance(node, dict):
        for k, v in node.items():
            node[k] = _rename_refs(v, names)
    elif isinstance(node, list):
        node[:] = [_rename_refs(v, names) for v in node]
    elif isinstance(node, str) and "{rec." in node:
        return re.sub(r"\{rec\.[^{}]*\}", lambda m: names.get(m.group(0), m.group(0)), node)
    return node
