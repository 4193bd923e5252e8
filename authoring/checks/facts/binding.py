"""What a fact is about: the paper's values by name, the contract a sentence names, the entity
an amount sits beside."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from authoring.checks.facts.common import (APPROVED, COMMON, CONTRACT_NOUN, EVERY, FIGURE, WORDS_OF_FACTS,
                                           _entity, _fy, _named, distinctive)
from authoring.model.facts import NUMBER_WORD, ROUTE_HINT, Clause, Fact, Passage, alternation, codes
from authoring.model.form import needs_year
from authoring.model.paper import ContractChange, Paper
from authoring.model.references import Duration, Percent
from authoring.model.text import name_key


class Binding:
    """What the facts are compared with, gathered once per paper, and how a fact finds its entity."""

    def __init__(self, paper: Paper) -> None:
        self.paper = paper
        self.sentence = ""  # the sentence being read, for facts its other clauses explain
        self.sentence_refs: list[str] = []  # and the references in it
        self.label_words: dict[str, set[str]] | None = None  # each cost line's own words, when asked
        self.funder_words: dict | None = None  # each funder's with a year in its name, when asked
        self.text = ""  # the passage being read, punctuation and all
        fin = paper.finance
        self.amounts: dict[Decimal, list[str]] = {}
        for value, name in self._named_amounts():
            self.amounts.setdefault(value, []).append(name)
        self.dates = _named(paper, dt.date)
        self.durations = _named(paper, Duration)
        self.percents = _named(paper, Percent)
        self.periods = {_fy(str(v)): n for n, v in paper.values.items() if n.startswith("period.")}
        self.period_ids = {n.split(".", 1)[1]: lbl for lbl, n in self.periods.items()}  # '2023-24': '2023/24'
        self.sentence_periods: set[str] = set()  # the periods the sentence being read names
        self.contract_by_id = {c.id: c for c in paper.contracts}
        self.routes = {r.path[:2]: r.authority for r in paper.routes if r.path and r.path[0] == "contracts"}
        orgs: dict[str, str] = {}
        for org in paper.style.data.get("organisations", []) or []:
            for name in [org["name"], *org.get("aliases", [])]:
                orgs[name] = org["name"]
        self.org_names = orgs
        listed = paper.style.data.get("organisations", []) or []
        self.parents = {o["name"]: o.get("part_of", "") for o in listed}
        self.orgs = alternation(list(orgs))
        self.authority_names: dict[str, str] = {}
        for key, a in paper.style.authorities.items():
            title = str(a.get("title") or "")
            plain = re.sub(r" Officer$", "", title)  # "the Chief Executive" for the Chief Executive Officer
            plain = plain if len(plain.split()) > 1 else ""  # never one word ("Chief" of "Chief Officer")
            for called in (title, a.get("short"), plain):
                if called:
                    self.authority_names.setdefault(str(called), key)
        self.authorities = alternation(list(self.authority_names))
        # typed names of entities: a funder, recipient or contract named in words binds like a reference
        entity_names: dict[str, str] = {}
        for f in fin.funders:
            entity_names[f.name] = f"funder.{f.id}"
        for f in fin.funders:
            body = self.body_of(f.name)
            for alias, org in orgs.items():
                if body and org == body and alias not in entity_names:
                    entity_names[alias] = f"funder.{f.id}"
        for r in fin.recipients:
            entity_names[r.name] = f"recipient.{r.id}"
            short = re.fullmatch(r"(?:London |Royal )?Borough of (.+)", r.name)
            if short:  # "Haringey" for the London Borough of Haringey
                entity_names.setdefault(short.group(1), f"recipient.{r.id}")
        for c in paper.contracts:
            if c.number:
                entity_names[c.number] = f"contract.{c.id}"
        self.entity_names = entity_names
        # the words a contract is named by that no other contract of the paper shares
        words = distinctive({c.id: set(re.findall(r"[a-z][a-z-]{3,}", f"{c.service} {c.supplier}".lower()))
                             - COMMON for c in paper.contracts})
        self.contract_words = {c: re.compile(r"\b(" + "|".join(sorted(w)) + r")\b", re.IGNORECASE)
                               for c, w in words.items() if w}
        # bodies known by name, to tell a slip in a typed name ('Atos IT Services Ltd') from another body
        known: dict[str, tuple[str, str]] = {}
        for org, name in orgs.items():
            known.setdefault(name_key(org), (name, ""))
        for f in fin.funders:
            known[name_key(f.name)] = (f.name, f"funder.{f.id}.name")
        for r in fin.recipients:
            known[name_key(r.name)] = (r.name, f"recipient.{r.id}.name")
        for c in paper.contracts:
            if c.supplier:
                known[name_key(c.supplier)] = (c.supplier, f"contract.{c.id}.supplier")
        own = paper.style.data.get("organisation")
        if own:
            known.setdefault(name_key(own), (own, ""))
        self.known = known
        self.entity_pattern = alternation(list(entity_names))
        self.passage_refs: list[str] = []  # the reference names of the passage being read
        yearly = needs_year(paper.style.data)
        self.papers = codes(paper.style["code"], yearly)
        year = re.search(r"(20\d\d)/", paper.reference) if yearly else None
        self.own: tuple[str, int | tuple[int, int]] = \
            (paper.style["code"], (int(year.group(1)), paper.number) if year else paper.number)
        earlier = {f.approved_by for f in fin.funders if f.approved_by}
        earlier |= {h.approved_by for c in paper.contracts for h in c.history}
        earlier |= {p.ref for s in paper.sections for p in s.papers}
        self.earlier = {self.papers.first(e): e for e in sorted(earlier)}

    def body_of(self, name: str) -> str:
        """The listed body a name names ('MOPAC IOM budget' names none)."""
        found = [m.group(0) for m in self.orgs.finditer(name)] if self.orgs else []
        return self.org_names[max(found, key=len)] if found else ""

    def may_hold_facts(self, text: str) -> bool:
        """Whether a text has anything a fact is made of: a figure, a reference, a number word,
        a listed body or approver, a body by its own name, someone asked to decide, words of a
        route or VAT, or a claim of no money."""
        return bool(FIGURE.search(text) or NUMBER_WORD.search(text) or ROUTE_HINT.search(text)
                    or "VAT" in text or WORDS_OF_FACTS.search(text) or any(
                        p.search(text) for p in (self.orgs, self.authorities, self.entity_pattern) if p))

    def _named_amounts(self) -> list[tuple[Decimal, str]]:
        """Computed amounts by value, the most specific first, so a hint names the likeliest."""
        paper, fin = self.paper, self.paper.finance
        named = [(c.amount, f"cost.{c.id}") for c in fin.costs]
        named += [(f.total, f"funder.{f.id}") for f in fin.funders]
        for c in paper.contracts:
            if c.known_value and not c.award:
                named += [(c.value_after, f"contract.{c.id}.value_after"),
                          (c.value, f"contract.{c.id}.value")]
        named += [(v, f"figure.{k}") for k, v in paper.figures.items()]
        named.append((fin.cost_total, "total.costs"))
        seen = {n for _, n in named}
        named += [(v, k) for k, v in paper.values.items() if type(v) is Decimal and k not in seen]
        return named

    # -- binding ----------------------------------------------------------------------------------
    def contracts_in(self, group: list[Clause], passage: Passage) -> list[ContractChange]:
        """The contracts a sentence is about: named by reference, by number, or through the cost
        line paying for them; a contract's own fields are about it."""
        if passage.path[:1] == ("contracts",):  # by path: a contract the spec got wrong is not in the model
            return [c for c in self.paper.contracts if c.path[:2] == passage.path[:2]]
        names = [n for c in group for _, n in c.refs]
        ids = {n.split(".")[1] for n in names if n.startswith("contract.")}
        costs = {n.split(".")[-1] for n in names if n.startswith("funding.")}
        costs |= {n.split(".")[1] for n in names if n.startswith("cost.")}
        if passage.where == "label":
            costs.add(self.paper.finance.costs[passage.path[2]].id)
        pattern = self.entity_pattern
        typed = {self.entity_names[m.group(0)] for c in group for m in pattern.finditer(c.words)} \
            if pattern else set()
        ids |= {t.split(".")[1] for t in typed if t.startswith("contract.")}
        found = [c for c in self.paper.contracts if c.id in ids or costs.intersection(c.costs)]
        if found:
            return found
        sentence = " ".join(c.words for c in group)
        every = self.paper.contracts
        if CONTRACT_NOUN.search(sentence):  # "extend the IOM mental health service to March 2027"
            named = [c for c in every if self.named(c, sentence)]
            if named:
                return named  # several: each clause keeps the one it names (narrow)
        if len(every) > 1 and EVERY.search(sentence):
            return list(every)  # "extends both until …": every contract the paper changes
        # "the variation", "this award": the one contract of that kind; "the contract" when there is one
        kinds = {c.id: "award" if c.award else c.kind for c in every}
        named = [c for c in every if re.search(rf"\b(the|this|its|proposed) {kinds[c.id]}\b", sentence, re.I)]
        if len(named) == 1 and sum(k == kinds[named[0].id] for k in kinds.values()) == 1:
            return named
        if len(every) == 1 and re.search(r"\b(the|this) (contract|call-off)\b", sentence, re.I):
            return list(every)
        return []

    def cites_another(self) -> bool:
        """Whether the sentence tells what another paper of the series decided."""
        return any(self.papers.key(m) != self.own and m.group("series") in (None, self.own[0])
                   for m in self.papers.pattern.finditer(self.sentence)) and \
            APPROVED.search(self.sentence) is not None

    def named(self, c: ContractChange, words: str) -> bool:
        return c.id in self.contract_words and self.contract_words[c.id].search(words) is not None

    def narrow(self, clause: Clause, contracts: list[ContractChange]) -> list[ContractChange]:
        """Of the contracts a sentence names, the one its clause names ('extend the mental health
        service to March 2026, however the neurodiversity service ends in September')."""
        ids = {n.split(".")[1] for _, n in clause.refs if n.startswith("contract.")}
        if len(contracts) == 1:  # the sentence names one; this clause may name another by its words
            other = [c for c in self.paper.contracts if c not in contracts and self.named(c, clause.words)]
            mine = [c for c in contracts if c.id in ids or self.named(c, clause.words)]
            return other if len(other) == 1 and not mine else contracts
        if not contracts:
            return contracts
        mine = [c for c in contracts if c.id in ids or self.named(c, clause.words)]
        return mine if len(mine) == 1 else contracts

    def entity_at(self, fact: Fact, clause: Clause, passage: Passage) -> str:
        """The funder, recipient, cost or contract an amount is about: the row it labels, or the
        nearest reference or name in its clause; "" when none or two are equally near."""
        if passage.where == "label":
            return f"cost.{self.paper.finance.costs[passage.path[2]].id}"
        if passage.where == "name" and passage.path[:2] == ("finance", "funders"):
            return f"funder.{self.paper.finance.funders[passage.path[2]].id}"
        mentions: list[tuple[int, str]] = []
        for pos, name in clause.refs:  # an amount's own reference, not a contract's date or term
            entity = _entity(name)
            if entity and type(self.paper.values.get(name)) is Decimal:
                mentions.append((pos, entity))
        if self.entity_pattern:
            for m in self.entity_pattern.finditer(clause.words):
                mentions.append((m.start(), self.entity_names[m.group(0)]))
        # "A ({cost.a}) and B (£103,000)": a mention across an 'and' is another item's
        mentions = [(p, e) for p, e in mentions
                    if not re.search(r"\band\b", clause.words[min(p, fact.end):max(p, fact.start)])]
        if not mentions:
            return ""
        scored = sorted((min(abs(p - fact.start), abs(p - fact.end)), e) for p, e in mentions)
        if len(scored) > 1 and scored[1][1] != scored[0][1] and scored[1][0] - scored[0][0] < 8:
            return ""
        return scored[0][1]

    def values_of(self, entity: str) -> dict[str, Decimal]:
        """The amounts an entity's references give ('funder.X' gives its total, periods, lines)."""
        return {n: v for n, v in self.paper.values.items() if type(v) is Decimal
                and (n == entity or n.startswith(entity + ".")
                     or (entity.startswith("funder.") and n.startswith("funding." + entity[7:] + ".")))}

    def entity_name(self, entity: str) -> str:
        kind, _, ident = entity.partition(".")
        v = self.paper.values
        if kind in ("funder", "recipient"):
            return str(v.get(f"{entity}.name", ident))
        if kind == "contract":
            return str(v.get(entity, ident))
        if kind == "cost":
            c = next((c for c in self.paper.finance.costs if c.id == ident), None)
            return f"the cost line '{c.label}'" if c else ident
        return entity
