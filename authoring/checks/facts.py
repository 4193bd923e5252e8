"""Every typed fact, bound to what it is about and compared with the model.

The reader (authoring/model/facts.py) finds the facts; here each is bound by structure (the row
it labels, the reference or name beside it in its clause, the contract its sentence is about)
and compared: equal to a value the model holds, it is to be written as that reference; different,
it is refused naming the entity and both values; with nothing to bind to, it is unverified and
`pcd facts` lists it for a person to check. Where the binding is ambiguous the fact is
unverified, never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from difflib import SequenceMatcher
from typing import NamedTuple, cast

from authoring.diagnostics import Report
from authoring.model.facts import (GIVEN, MARK, MONTHS, NUMBER_WORD, ROUTE_HINT, SCALE, Clause, Fact,
                                   Passage, alternation, clauses, codes, passages, read)
from authoring.model.form import needs_year
from authoring.model.paper import ContractChange, Paper
from authoring.model.references import NUMBER_WORDS, Count, Duration, Percent


PLAIN = ("title", "name", "paper")  # texts printed as typed: references are not read in them
FIGURE = re.compile(r"[\d{%£]")
REF_NAME = re.compile(r"\{([^{}]*)\}")
MONEY_REFS = ("cost", "funder", "funding", "recipient", "total")
ORIGIN = re.compile(r"\b(from|since|carried forward|carry-forward)\s+(the\s+)?$", re.IGNORECASE)
TABLE_WORDS = re.compile(r"\b(table|cost|funding|budget)", re.IGNORECASE)
# between a body and the amount it gives: "have committed to providing", "grant is", "'s funding of"
PAYING = re.compile(r"\b(fund\w*|grant\w*|contribut\w*|provid\w*|giv\w*|pay\w*|award\w*|committed|"
                    r"offer\w*|allocat\w*)\b|['’]s\b", re.IGNORECASE)
NOT_PAYING = re.compile(r"\b(by|from|through|via|towards|for|with|on behalf of|instead of)\b", re.IGNORECASE)
# a body's grant named as an amount: "the Home Office grant is", "HMPPS's contribution of"
DIRECT = re.compile(r"(?:'s|’s)?\s+(?:[\w-]+\s+){0,2}?(?:grant|contribution|funding)\s+(?:is|of|totals?|"
                    r"worth|comes to|amounts to)\s*$", re.IGNORECASE)
# the paper taking money: "accept the …", "met from the …"
TAKING = re.compile(r"\b(accept\w*|receiv\w*|met from|funded (?:by|from|through)|paid (?:for )?(?:from|by)|"
                    r"draw\w* down|drawn from|use of)\b", re.IGNORECASE)
PROSE = ("summary", "recommendation", "section")
# "rather than an open tender", "options considered: …", "was let by open tender in 2019"
NOT_THIS = re.compile(r"\b(not|rather than|instead of|option\w*|consider\w*|reject\w*|alternative\w*|would|"
                      r"could|previous\w*|original\w*|earlier|was|were|had)\b", re.IGNORECASE)
SCHEME_WORDS = re.compile(r"\b(scheme|delegation|delegated|standing orders|threshold|band|limit)\b",
                          re.IGNORECASE)
AWARDED_TO = re.compile(r"\b(?:award\w*|let)\b[^.;]{0,160}\bto\s[^.;]{0,120}$", re.IGNORECASE)
WORDS_OF_FACTS = re.compile(r"\bno (?:direct |new |additional |extra )?"
                            r"(?:financial|money|funding|spend|budget)|\bnone\b|neutral|\bat no\b| ask"
                            r"|\b(?:Ltd|Limited|plc|PLC|LLP|CIC|Trust|University|College|Foundation)\b",
                            re.IGNORECASE)
SERVICE_AFTER = re.compile(r"\s+(?:(?:independent|external|new|further|full|formal)\s+)?([a-z-]+)"
                           r"(?=\s+(?:of|for|to|will|would|is|was|by|with)\b|[,.;]|$)", re.IGNORECASE)
HORIZON = re.compile(r"\b(within|after|every|each|at least|no later than|in the (?:first|next|last))\s+"
                     r"(?:the\s+)?(?:first\s+|next\s+)?$", re.IGNORECASE)
CONTRACT_NOUN = re.compile(r"\b(contracts?|services?|provision|extension|extend\w*|variation|vary|call-off|"
                           r"award\w*|supplier|provider|expir\w*|end\w*)\b", re.IGNORECASE)
# words too common to name a contract
COMMON = frozenset("""service services support contract contracts london project projects programme delivery
provision limited team with from that this their which community partnership council management""".split())
# what a clause says an amount is: the paper's new money, money kept, money granted on
_OF = r"^\s+(?:of (?:it|this|which) )?"
SAID_TOTALS = ((re.compile(_OF + r"(?:is|are) new\b|^\s+(?:of )?new (?:money|funding)\b", re.IGNORECASE),
                "total.new_money"),
               (re.compile(_OF + r"(?:is|are) (?:kept|retained)\b", re.IGNORECASE), "total.kept"),
               (re.compile(_OF + r"(?:is|are|will be) (?:awarded|granted)(?: on)? to\b", re.IGNORECASE),
                "total.awarded"))
APPROVED = re.compile(r"\b(approved|agreed|accepted|awarded|authori[sz]ed|decided|granted)\b", re.IGNORECASE)
OWN_FIGURE = re.compile(r"\b(?:the|this|its)\s+(?:[\w'’-]+\s+){0,3}?(?:value|cost|costs|total|price|contract|"
                        r"award|extension|variation|uplift|change|grant|spend|amount|sum)\b|\bit\b",
                        re.IGNORECASE)
COMPANY = re.compile(r"\b(Ltd|Limited|plc|PLC|LLP|CIC)$")
SUPPLIER_KIND = re.compile(r"\b(Ltd|Limited|plc|PLC|LLP|CIC)$|\bUniversity\b")  # a body a contract is let to
AWARD_BEFORE = re.compile(r"\b(?:formally\s+)?(?:award|grant on|pass on)\s+(?:up to\s+)?$", re.IGNORECASE)
# the list a count introduces: ", the Drive Project (Drive) and CIFA"
LISTED = re.compile(r"\s*[,:]\s*((?:[^,;.:]+,\s*)*[^,;.:]+\s+and\s+[^,;.:]+?)\s*(?:[;.:]|$)")
CONDITION = re.compile(r"\b(where|if|when|whenever|unless|provided)\b", re.IGNORECASE)
ASKS = re.compile(r"\s+(?:asks|seeks|requests)\b")
EVERY = re.compile(r"\b(both|all|each) (of )?(the |these )?(contracts|changes|services)\b|\b(both|all|each)$|"
                   r"^(both|all|each)\b", re.IGNORECASE)
# a post a person holds, not a board or a body
POST = re.compile(r"\b(Mayor|Commissioner|Director|Chief|Officer|Executive|Constable|Member|Leader|"
                  r"Secretary|Minister|Head|Manager|Deputy|Assistant|Chair)\b")
FUNDING_WORDS = re.compile(r"\b(fund\w*|grant|contribution|income|accept\w*)\b", re.IGNORECASE)


class Reading(NamedTuple):
    """A fact, what it was bound to, what the model says and whether they agree."""

    fact: Fact
    path: tuple
    where: str
    entity: str = ""  # what the fact is about: "MOPAC 957", "London Probation", "this paper"
    model: str = ""  # the model's value, as written, or the reference that gives it
    status: str = "unverified"  # verified | contradicts | external | unverified
    code: str = ""  # the finding's code, when the fact is refused
    message: str = ""
    needle: str = ""  # what to find in the spec's lines, when the fact's words alone are not enough


def check(paper: Paper, report: Report) -> None:
    model = Model(paper)
    for r in review(paper, model):
        if r.code:
            report.add(r.code, r.message, r.path, needle=r.needle or r.fact.text)
    _fields(paper, report, model)


def review(paper: Paper, model: Model | None = None) -> list[Reading]:
    """Every typed fact in every printed text of the paper, bound and compared."""
    model = model or Model(paper)
    out: list[Reading] = []
    for passage in passages(paper):
        if not model.may_hold_facts(passage.source):
            continue  # most words hold no fact: the commonest paragraph costs a scan or two
        model.passage_refs = REF_NAME.findall(passage.source)
        model.text = re.sub(r"\{[^{}]*\}", MARK, " ".join(passage.source.split()))  # with its commas
        sentences: dict[int, list[Clause]] = {}
        parts = clauses(passage.source)
        for c in parts:
            sentences.setdefault(c.sentence, []).append(c)
        for group in sentences.values():
            contracts = model.contracts_in(group, passage)
            model.sentence = " ".join(c.words for c in group)
            for clause in group:
                here = model.narrow(clause, contracts)
                for fact in read(clause.words, model.orgs, model.authorities, model.papers,
                                 model.entity_pattern):
                    out.append(model.judge(fact, clause, here, passage))
    return _tallies_agree(out)


def _tallies_agree(readings: list[Reading]) -> list[Reading]:
    """A count of something the model does not list ("two London Approved Premises") is the
    author's, but the paper must give one number for one thing: a count of the same thing that
    differs from the paper's usual one (else from its first) is a warning naming that one."""
    counted: dict[str, list[Reading]] = {}
    for r in readings:
        if r.fact.kind == "tally":
            counted.setdefault(r.fact.role, []).append(r)
    usual: dict[str, Reading] = {}
    for thing, found in counted.items():
        values = [r.fact.value for r in found]
        common = max(values, key=lambda v: (values.count(v), -values.index(v)))
        usual[thing] = next(r for r in found if r.fact.value == common)
    out = []
    for r in readings:
        if r.fact.kind == "tally" and r.fact.value != usual[r.fact.role].fact.value:
            other = usual[r.fact.role].fact.text
            r = r._replace(model=other, status="contradicts", code="PCD519",
                           message=f"'{r.fact.text}' here, but '{other}' elsewhere in the paper: one of "
                           "them is wrong")
        out.append(r)
    return out


def money_text(value: Decimal) -> str:
    """£273,497 (£273,497.50 with pence): no babel on the check path."""
    whole = value == value.to_integral_value()
    return f"£{value:,.0f}" if whole else f"£{value:,.2f}"


def date_text(value: dt.date) -> str:
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def exact_percent(value: Decimal, typed: Decimal | None = None) -> str:
    """Enough places that the figure never reads as the typed one (or a whole number) it is not."""
    for places in range(1, 7):
        shown = value.quantize(Decimal(1).scaleb(-places))
        if shown == value or (shown != typed and shown != shown.to_integral_value()):
            return f"{shown.normalize():f}%"
    return f"{value:f}%"


def _months(n: int) -> str:
    return Duration(n, False).write("months" if n % 12 else "")


class Model:
    """What the facts are compared with, gathered once per paper."""

    def __init__(self, paper: Paper) -> None:
        self.paper = paper
        self.sentence = ""  # the sentence being read, for facts its other clauses explain
        self.text = ""  # the passage being read, punctuation and all
        fin = paper.finance
        self.amounts: dict[Decimal, list[str]] = {}
        for value, name in self._named_amounts():
            self.amounts.setdefault(value, []).append(name)
        self.dates = _named(paper, dt.date)
        self.durations = _named(paper, Duration)
        self.percents = _named(paper, Percent)
        self.periods = {_fy(str(v)): n for n, v in paper.values.items() if n.startswith("period.")}
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
            for title in (a.get("title"), a.get("short")):
                if title:
                    self.authority_names[title] = key
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
        words = {c.id: set(re.findall(r"[a-z][a-z-]{3,}", f"{c.service} {c.supplier}".lower())) - COMMON
                 for c in paper.contracts}
        self.contract_words = {c: re.compile(r"\b(" + "|".join(sorted(w - set().union(
            *(v for k, v in words.items() if k != c)))) + r")\b", re.IGNORECASE)
            for c, w in words.items() if w - set().union(*(v for k, v in words.items() if k != c))}
        # bodies known by name, to tell a slip in a typed name ('Atos IT Services Ltd') from another body
        known: dict[str, tuple[str, str]] = {}
        for org, name in orgs.items():
            known.setdefault(_norm(org), (name, ""))
        for f in fin.funders:
            known[_norm(f.name)] = (f.name, f"funder.{f.id}.name")
        for r in fin.recipients:
            known[_norm(r.name)] = (r.name, f"recipient.{r.id}.name")
        for c in paper.contracts:
            if c.supplier:
                known[_norm(c.supplier)] = (c.supplier, f"contract.{c.id}.supplier")
        own = paper.style.data.get("organisation")
        if own:
            known.setdefault(_norm(own), (own, ""))
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
        if passage.path[:1] == ("contracts",):
            c = self.paper.contracts[passage.path[1]]
            return [c]
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
        if len(contracts) < 2:
            return contracts
        ids = {n.split(".")[1] for _, n in clause.refs if n.startswith("contract.")}
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

    # -- comparing ---------------------------------------------------------------------------------
    def judge(self, fact: Fact, clause: Clause, contracts: list[ContractChange], passage: Passage) -> Reading:
        needle = ""
        if any(fact.text in name for name in self.passage_refs):
            before = clause.words[:fact.start].split()  # "2023-24" also stands in {cost.x.2023-24}
            if before and before[-1] != MARK:
                needle = f"{before[-1]} {fact.text}"
        base = Reading(fact, passage.path, passage.where, needle=needle)
        judge = getattr(self, "_" + fact.kind)
        reading = judge(fact, clause, contracts, passage, base)
        if passage.where in PLAIN and reading.status in ("verified", "external"):
            return reading._replace(code="", message="")  # no reference can stand in plain text
        if passage.where in PLAIN and reading.code:
            told = re.sub(r"[:;,]? (so )?write \{[^}]*\}.*$|; (refer|did you).*$", "", reading.message)
            return reading._replace(message=told + f" (the {passage.where} is printed as typed: "
                                    "correct it there)")
        return reading

    def _money(self, fact, clause, contracts, passage, base: Reading) -> Reading:
        typed: Decimal = fact.value
        if fact.role in ("below", "above"):
            before = self.sentence[:self.sentence.find(fact.text)]
            if not CONDITION.search(before) and OWN_FIGURE.search(before):
                return self._claim(fact, contracts, base)
            fact = fact._replace(role="threshold")  # "where the variation exceeds £500,000": a rule's bound
        entity = self.entity_at(fact, clause, passage)
        own = self.values_of(entity) if entity else {}
        if own:
            same = [n for n, v in own.items() if v == typed]
            if same:
                return base._replace(entity=self.entity_name(entity), model="{" + same[0] + "}",
                                     status="verified", code="PCD202",
                                     message=f"'{fact.text}' is typed in the prose; it equals {{{same[0]}}}, "
                                     "so write that")
            choices = self._choices(entity, own)
            main = choices[0][0]
            if self.cites_another():  # "PCD 1316 approved up to £5m of the grant": that paper's figure
                return base._replace(entity=self.entity_name(entity), model=money_text(own[main]))
            if (not fact.sure and not _close(typed, own[main])) or \
                    (fact.role == "approx" and _close(typed, own[main])) or \
                    all(typed > 10 * v or 10 * typed < v for v in own.values() if v):
                # an approximation of it, or a figure of another order ("the fund is worth £120
                # million nationally, says the Home Office"): not a slip of the entity's amount
                return base._replace(entity=self.entity_name(entity), model=money_text(own[main]))
            if len(choices) == 1:
                hint = f"which is {money_text(own[main])} in this paper: write {{{main}}}"
            else:  # which of them the sentence means, a person says: never a guess to copy
                hint = "whose amounts in this paper are " + ", ".join(
                    f"{money_text(v)} ({{{n}}})" for n, v in choices) + "; refer to the one meant"
            return base._replace(
                entity=self.entity_name(entity), model=money_text(own[main]), status="contradicts",
                code="PCD202", message=f"'{fact.text}' is typed in the prose and contradicts "
                f"{self.entity_name(entity)}, {hint}")
        said = self._said_total(fact, clause)
        if said is not None:
            return base._replace(**said)
        # The scheme of delegation's amounts are what a threshold quotes, never a paper's figure.
        threshold = fact.role == "threshold" or SCHEME_WORDS.search(self.sentence) is not None
        scheme = [n for v in (typed, typed + 1, typed + Decimal("0.01")) for n in self.amounts.get(v, [])
                  if n.startswith("scheme.")]
        if threshold and scheme:  # "above £150,000 needs a Mayoral Decision", "£50,000 to £499,999"
            return base._replace(entity="the scheme of delegation", model="{" + scheme[0] + "}",
                                 status="verified")
        names = [n for n in self.amounts.get(typed, []) if not n.startswith("scheme.")][:3]
        if not names and re.search(r"\d\s?(m|million|bn|billion)$", fact.text):
            # "£4.66m": a figure the house writes {…:millions}, which shows three places at most
            step = min(SCALE[fact.text.split()[-1].lstrip("0123456789.,£").lower()]
                       * Decimal(1).scaleb(-len(fact.text.rstrip("mkbilon ").partition(".")[2])) / 2,
                       Decimal(5000))
            names = [n for v, ns in self.amounts.items() if abs(v - typed) < step for n in ns
                     if not n.startswith("scheme.")][:3]
        if names:
            form = ":millions" if re.search(r"(m|million|bn|billion)$", fact.text) else ""
            refs = " or ".join(f"{{{n}{form}}}" for n in names)
            if fact.role == "approx":  # "roughly £0.27 million": the author's rounding of it
                return base._replace(model=refs, status="verified")
            external = names[0].startswith("figure.")
            return base._replace(model=refs, status="external" if external else "verified", code="PCD202",
                                 message=_typed(fact, f"it equals {refs}"))
        if not fact.sure or fact.role == "approx":
            return base  # a bare number or an approximation that equals nothing: a person checks
        near = self._near(typed)
        hint = (f"; did you mean {{{near[0]}}} ({money_text(near[1])})? Write the reference" if near else
                "; refer to a computed figure, e.g. {funder.ID}, or declare it under finance.figures "
                "with its source")
        return base._replace(code="PCD202", message=f"'{fact.text}' is typed in the prose{hint}")

    def _claim(self, fact: Fact, contracts: list[ContractChange], base: Reading) -> Reading:
        """'As the value is below £50,000': true of the contract the sentence is about (any of
        its values: the change, the value before or after it), else of the paper's total."""
        every = self.paper.contracts
        about = contracts or (every if len(every) == 1 else [])
        values: list[tuple[Decimal, str]] = []
        for c in about:
            values.append((c.change, f"contract.{c.id}.change"))
            if c.award or c.known_value:
                values.append((c.value, f"contract.{c.id}.value"))
            if c.known_value and not c.award:
                values.append((c.value_after, f"contract.{c.id}.value_after"))
        if not about:
            values.append((self.paper.finance.cost_total, "total.costs"))
        values = [(v, n) for v, n in values if n in self.paper.values]
        if not values:
            return base
        typed = cast(Decimal, fact.value)
        held = [n for v, n in values if (v < typed if fact.role == "below" else v > typed)]
        if held:
            return base._replace(entity="this paper", model="{" + held[0] + "}", status="verified")
        value, name = values[0]
        what = about[0].name if about else "the paper's total cost"
        return base._replace(entity=what, model=money_text(value), status="contradicts", code="PCD522",
                             message=f"'{fact.role} {fact.text}' contradicts {what}, whose value is "
                             f"{money_text(value)} ({{{name}}})")

    def _said_total(self, fact: Fact, clause: Clause) -> dict | None:
        """'£160,000 of it is new', 'In all £4,671,475 is awarded to the partners': an amount the
        clause says is the paper's new money, money kept or money granted on is that total."""
        typed = cast(Decimal, fact.value)
        for words, name in SAID_TOTALS:
            value = self.paper.values.get(name)
            if type(value) is Decimal and (words.search(clause.words[fact.end:fact.end + 40]) or (
                    name == "total.awarded" and AWARD_BEFORE.search(clause.words[:fact.start]))):
                if typed == value:
                    return {"model": "{" + name + "}", "status": "verified", "code": "PCD202",
                            "message": _typed(fact, f"it equals {{{name}}}")}
                if fact.role == "approx" and _close(typed, value):
                    return {"model": "{" + name + "}", "status": "verified"}
                what = {"total.new_money": "new money", "total.kept": "money kept",
                        "total.awarded": "money granted on"}[name]
                return {"entity": "this paper", "model": money_text(value), "status": "contradicts",
                        "code": "PCD202", "message": f"'{fact.text}' contradicts the paper, whose "
                        f"{what} is {money_text(value)}: write {{{name}}}"}
        return None

    def _choices(self, entity: str, own: dict[str, Decimal]) -> list[tuple[str, Decimal]]:
        """An entity's distinct amounts, its whole first, then its lines; not each period's."""
        pids = {n.split(".", 1)[1] for n in self.periods.values()}
        whole = [n for n in own if n.rsplit(".", 1)[-1] not in pids]
        whole.sort(key=lambda n: (n != entity, len(n)))
        out: dict[Decimal, str] = {}
        for n in whole:
            out.setdefault(own[n], n)
        return [(n, v) for v, n in out.items()][:4]

    def _near(self, typed: Decimal) -> tuple[str, Decimal] | None:
        """The one computed amount the typed figure is a slip of the keyboard from (a digit
        changed, two swapped); none when there are several, so the hint never guesses."""
        found = [(names[0], value) for value, names in self.amounts.items() if _slip(typed, value)]
        return found[0] if len(found) == 1 else None

    def _percent(self, fact, clause, contracts, passage, base: Reading) -> Reading:
        typed: Decimal = fact.value
        places = len(fact.text.split("%")[0].split(" ")[0].partition(".")[2])
        step = Decimal(1).scaleb(-places) / 2
        scheme = [n for n, v in self.paper.values.items() if n.startswith("scheme.")
                  and n.endswith("percent_over") and str(v) == f"{typed.normalize():f}"]
        if fact.role == "threshold" and scheme:
            return base._replace(entity="the scheme of delegation", model="{" + scheme[0] + "}%",
                                 status="verified")
        entity = self.entity_at(fact, clause, passage)
        if entity.startswith("funder."):
            shares = self._shares(entity)
            equal = [ref for ref, (_, v) in shares.items() if abs(v - typed) <= step]
            who = self.entity_name(entity)
            if equal and fact.role == "approx":  # "about 37%" of 36.6%: the author's rounding
                return base._replace(entity=who, model="{" + equal[0] + "}", status="verified")
            if equal:
                ref = self._as_typed(equal[0], places)
                return base._replace(entity=who, model="{" + ref + "}", status="verified",
                                     code="PCD504", message=_typed(fact, f"it is {{{ref}}}"))
            if shares:
                listed = ", ".join(f"of {what} {exact_percent(v, typed)} ({{{ref}}})"
                                   for ref, (what, v) in shares.items())
                first = next(iter(shares.values()))[1]
                return base._replace(entity=who, model=exact_percent(first, typed), status="contradicts",
                                     code="PCD504", message=f"'{fact.text}' contradicts {who}, whose share "
                                     f"is {listed}")
        same = [names for value, names in self.percents.items() if abs(value - typed) <= step]
        if same and fact.role == "approx":
            return base._replace(model="{" + same[0][0] + "}", status="verified")
        if same and fact.role != "threshold":
            refs = [self._as_typed(n, places) for n in same[0]]
            return base._replace(model="{" + refs[0] + "}", status="verified", code="PCD504",
                                 message=f"'{fact.text}' is typed in the prose; it is {_hint(refs)}, so "
                                 "write that")
        about_change = re.search(r"\b(uplift|increase|variation|original value|contract value|value)",
                                 self.sentence, re.IGNORECASE)
        if about_change and fact.role != "threshold":
            for c in contracts:
                if not c.award and c.known_value:
                    if fact.role == "approx" and _close(typed, c.percent):
                        return base._replace(entity=c.number or c.service, model=exact_percent(c.percent))
                    return base._replace(
                        entity=c.number or c.service, model=exact_percent(c.percent, typed),
                        status="contradicts", code="PCD504",
                        message=f"'{fact.text}' contradicts {c.number or c.service}, whose change is "
                        f"{exact_percent(c.percent, typed)} of its original value "
                        f"({{contract.{c.id}.percent}})")
        return base

    def _as_typed(self, name: str, places: int) -> str:
        """The reference that prints a percentage to the places the officer typed it ('27%' is
        {contract.x.percent:whole} where the house writes 27.1%)."""
        shown = getattr(self.paper.values.get(name), "places", places)
        form = {0: ":whole", 1: ":tenths", 2: ":hundredths"}.get(places, "") if places != shown else ""
        return name + form

    def _shares(self, entity: str) -> dict[str, tuple[str, Decimal]]:
        """A funder's share of each cost it funds and of the total, as percentages, by the
        reference that writes each ({funding.F.C.share}, {funder.F.share})."""
        fid = entity.split(".")[1]
        fin = self.paper.finance
        out: dict[str, tuple[str, Decimal]] = {}
        funder = next(f for f in fin.funders if f.id == fid)
        for c in fin.costs:
            for line in c.funding:
                if line.funder == fid and c.amount:
                    out[f"funding.{fid}.{c.id}.share"] = (f"'{c.label}'", line.amount / c.amount * 100)
        if fin.cost_total:
            out[f"funder.{fid}.share"] = ("the total", funder.total / fin.cost_total * 100)
        return out

    def _past(self, fact, base: Reading, typed: tuple, shown) -> Reading | None:
        """An event the sentence tells as past cannot come after the paper's decision (or, for a
        draft, after the day it was drafted)."""
        when = self.paper.decider.date or self.paper.drafted
        if fact.role != "past" or when is None or typed <= (when.year, when.month, when.day)[:len(typed)]:
            return None
        return base._replace(entity="this paper", model=shown(when), status="contradicts", code="PCD520",
                             message=f"'{fact.text}' is told as past, but this paper was "
                             f"{'decided' if self.paper.decider.date else 'drafted'} on {date_text(when)}")

    def _date(self, fact, clause, contracts, passage, base: Reading) -> Reading:
        typed: dt.date = fact.value
        if typed is None:
            return base._replace(status="contradicts", code="PCD526",
                                 message=f"'{fact.text}' is no date: the month has no such day")
        past = self._past(fact, base, (typed.year, typed.month, typed.day), date_text)
        if past:
            return past
        found = self._dates_of(fact, contracts, lambda d: d == typed, date_text)
        if found:
            return base._replace(**found)
        if typed in self.dates:
            names = self.dates[typed]
            return base._replace(model="{" + names[0] + "}", status="verified", code="PCD501",
                                 message=_typed(fact, f"it is {_hint(names)}"))
        return base

    def _month(self, fact, clause, contracts, passage, base: Reading) -> Reading:
        year, month = fact.value
        past = self._past(fact, base, (year, month), date_text)
        if past:
            return past
        found = self._dates_of(fact, contracts, lambda d: (d.year, d.month) == (year, month),
                               lambda d: f"{MONTHS[d.month - 1]} {d.year}")
        if found:
            if found["status"] == "verified":
                found.update(code="", message="")
            return base._replace(**found)
        return base

    def _dates_of(self, fact: Fact, contracts: list[ContractChange], same, shown) -> dict | None:
        """The contract a start or end agrees with; a contradiction only when one is meant."""
        found = [r for r in (self._contract_date(fact, c, same, shown) for c in contracts) if r]
        agreed = [r for r in found if r["status"] == "verified"]
        return agreed[0] if agreed else found[0] if len(found) == 1 else None

    def _contract_date(self, fact: Fact, c: ContractChange, same, shown) -> dict | None:
        """Compare a start or end with a contract's: an extension's end is its old or new end,
        its start the day after the old end."""
        name = c.number or c.service or c.id
        if fact.role == "start":
            options = [(c.starts, "starts")] if c.starts else []
            if not c.award and c.ends and c.kind == "extension":
                options.append((c.ends + dt.timedelta(days=1), "ends"))
        elif fact.role == "end":
            options = [(c.ends, "ends")] if c.ends else []
            if not c.award and c.new_end:
                options.insert(0, (c.new_end, "new_end"))
        else:
            return None
        if not options:
            return None
        hit = next(((d, n) for d, n in options if same(d)), None)
        if hit and fact.role == "start" and hit[1] == "ends":  # the day after: no reference gives it
            return {"entity": name, "model": f"the day after {{contract.{c.id}.ends}}",
                    "status": "verified", "code": "", "message": ""}
        if hit:
            return {"entity": name, "model": "{" + f"contract.{c.id}.{hit[1]}" + "}", "status": "verified",
                    "code": "PCD501", "message": f"'{fact.text}' is typed in the prose; it is "
                    f"{{contract.{c.id}.{hit[1]}}}, so write that"}
        d, field = options[0]
        what = {"starts": "starts on", "ends": "ends on" if fact.role == "end" else "runs until",
                "new_end": "will end on"}[field]
        where = f"({{contract.{c.id}.{field}}})"
        if fact.role == "start" and field == "ends":
            what, where = "is extended from", f"(the day after {{contract.{c.id}.ends}})"
        if field == "new_end" and c.ends and c.ends != d:  # a sentence may be about either end
            what = f"ends on {date_text(c.ends)} ({{contract.{c.id}.ends}}) and, after this decision, on"
        return {"entity": name, "model": date_text(d), "status": "contradicts", "code": "PCD502",
                "message": f"'{fact.text}' contradicts {name}, which {what} {date_text(d)} {where}"}

    def _year(self, fact, clause, contracts, passage, base: Reading) -> Reading:
        label: str = fact.value
        if not self.periods:
            return base
        pids = {n.split(".", 1)[1]: lbl for lbl, n in self.periods.items()}
        refs = [n for _, n in clause.refs if n.split(".")[0] in MONEY_REFS]
        if ORIGIN.search(clause.words[:fact.start]):
            return base  # where money comes from, not when it is spent
        near = sorted((abs(p - fact.start), n) for p, n in clause.refs if n in refs)
        typed = [abs(m.start() - fact.start) for m in re.finditer(r"£\s?\d", clause.words)]
        if near and typed and min(typed) < near[0][0]:
            near = []  # "£625,000 for 2023-24 with £300,000 in {…2024-25}": the typed amount's year
        for ref in [n for _, n in near[:1]]:
            last = ref.rsplit(".", 1)[-1]
            if last in pids:  # {funder.gla.2022-23}: the amount of one period
                if pids[last] != label:
                    return self._wrong_year(fact, base, ref, [pids[last]])
                continue
            spent = [lbl for lbl, n in self.periods.items()
                     if self.paper.values.get(f"{ref}.{n.split('.', 1)[1]}")]
            if spent and label not in spent and len(spent) < len(self.periods):
                return self._wrong_year(fact, base, ref, spent)
        if label in self.periods:
            name = self.periods[label]
            return base._replace(model="{" + name + "}", status="verified", code="PCD501",
                                 message=f"'{fact.text}' is one of the paper's periods: write {{{name}}}")
        if refs or passage.where == "title":
            return self._wrong_year(fact, base, refs[0] if refs else "", list(self.periods))
        return base

    def _wrong_year(self, fact: Fact, base: Reading, ref: str, right: list[str]) -> Reading:
        have = " and ".join(right)
        whose = f"{{{ref}}} is in {have}" if ref else f"the paper's periods are {have}"
        hint = " or ".join("{" + self.periods[r] + "}" for r in right if r in self.periods)
        return base._replace(entity=f"{{{ref}}}" if ref else "this paper", model=have, status="contradicts",
                             code="PCD511", message=f"'{fact.text}' contradicts the paper: {whose}"
                             + (f"; write {hint}" if hint and ref else ""))

    def _duration(self, fact, clause, contracts, passage, base: Reading) -> Reading:
        months: int = fact.value
        if fact.role == "weeks":
            return base  # a person checks it: nothing in the model is counted in weeks
        if not fact.role and passage.where == "label":
            fact = fact._replace(role="term")  # a cost line's period is the term it pays for
        if fact.role in ("notice", "range"):
            return base._replace(status="external")
        if fact.role == "spread":
            return self._spread(fact, clause, contracts, base)
        if not fact.role and HORIZON.search(clause.words[:fact.start]):
            return base._replace(status="external")  # "to report within 12 months": no term
        if not fact.role and not contracts:  # "a 24-month independent evaluation": the contract's term
            head = SERVICE_AFTER.match(clause.words[fact.end:])
            found = [c for c in self.paper.contracts if c.award and head and
                     head.group(1).lower() in _service_words(c.service)]
            if len(found) == 1:
                contracts, fact = found, fact._replace(role="term")
        for c in contracts:
            name = c.number or c.service
            model: list[tuple[int, str]] = []
            if c.award:
                a = c.award
                if fact.role in ("term", ""):
                    model.append((a.months, f"contract.{c.id}.duration"))
                if fact.role in ("option", "extension"):
                    model += [(e * 12, f"contract.{c.id}.term") for e in a.extensions]
                if fact.role == "":
                    model.append((a.max_months, f"contract.{c.id}.max_duration"))
            elif c.months and fact.role in ("extension", ""):
                model.append((c.months, f"contract.{c.id}.months"))
            if not model:
                continue
            hit = next((n for m, n in model if m == months), None)
            if hit:
                if hit.endswith(".term"):
                    return base._replace(entity=name, model="{" + hit + "}", status="verified")
                return base._replace(entity=name, model="{" + hit + "}", status="verified", code="PCD503",
                                     message=_typed(fact, f"it is {{{hit}}}"))
            if not fact.role:
                return base._replace(entity=name)  # which of its periods? a person decides
            actual, ref = model[0]
            what = {"extension": "extension" if not c.award else "option to extend", "term": "initial term",
                    "option": "option to extend"}[fact.role]
            return base._replace(entity=name, model=_months(actual), status="contradicts", code="PCD503",
                                 message=f"'{fact.text}' contradicts {name}, whose {what} is "
                                 f"{_months(actual)} ({{{ref}}})")
        if Duration(months) in self.durations and fact.role not in ("option", "extension"):
            names = self.durations[Duration(months)]
            return base._replace(model="{" + names[0] + "}", status="verified", code="PCD503",
                                 message=_typed(fact, f"it is {_hint(names)}"))
        return base

    def _spread(self, fact: Fact, clause: Clause, contracts: list[ContractChange], base: Reading) -> Reading:
        """'{figure.all} over four years': the amount just before is spent over the contract's
        term (initial, with some or all of its options, or the extension) or the paper's periods.
        Only a reference to this paper's amount is read so; '£45 million over four years
        nationally' is another's figure."""
        before = clause.words[:fact.start].rstrip()
        before = before[:before.rfind(" ")].rstrip() if " " in before else ""
        ref = next((n for at, n in clause.refs if at == len(before) - 1), "")
        if not before.endswith(MARK) or type(self.paper.values.get(ref)) is not Decimal:
            return base
        own = _entity(ref)
        every = self.paper.contracts
        about = [c for c in every if f"contract.{c.id}" == own] or contracts or \
            (every if len(every) == 1 else [])
        who = about[0].name if about else "this paper"
        options: list[tuple[int, str]] = []
        for c in about:
            if c.award:
                so_far = c.award.months
                options.append((so_far, f"{{contract.{c.id}.duration}}"))
                for years in c.award.extensions:
                    so_far += 12 * years
                    options.append((so_far, f"{{contract.{c.id}.max_duration}}"
                                    if so_far == c.award.max_months else f"{c.name} with options"))
            elif c.months:
                options.append((c.months, f"{{contract.{c.id}.months}}"))
        if self.periods and not about:
            options.append((12 * len(self.periods), "the paper's periods"))
        if not options:
            return base
        hit = next((n for m, n in options if m == fact.value), None)
        if hit:
            return base._replace(entity=who, model=hit, status="verified")
        months, name = options[-1] if about else options[0]
        return base._replace(entity=who, model=_months(months), status="contradicts", code="PCD503",
                             message=f"'{fact.text}' contradicts {who}, which runs {_months(months)} "
                             f"({name})")

    def _term(self, fact, clause, contracts, passage, base: Reading) -> Reading:
        typed: tuple[int, ...] = fact.value
        for c in contracts:
            if c.award:
                actual = (c.award.months, *(e * 12 for e in c.award.extensions))
                name = c.number or c.service
                if actual == typed:
                    return base._replace(entity=name, model=f"{{contract.{c.id}.term}}", status="verified")
                shown = " + ".join(str(m // 12) if m % 12 == 0 else f"{m} months" for m in actual)
                return base._replace(entity=name, model=shown, status="contradicts", code="PCD512",
                                     message=f"'{fact.text}' contradicts {name}, whose term is {shown} years "
                                     f"({{contract.{c.id}.term}})")
        return base

    def _tally(self, fact, clause, contracts, passage, base: Reading) -> Reading:
        """'two programmes, the Drive Project (Drive) and CIFA': a count with its list beside
        it is compared with the list; otherwise with the paper's other counts of the same thing
        (_tallies_agree)."""
        at = self.text.find(fact.text)
        listed = LISTED.match(self.text[at + len(fact.text):]) if at >= 0 else None
        if not listed:
            return base
        named = re.sub(r"\([^)]*\)", "", listed.group(1))  # "the Drive Project (Drive)": one item
        items = [i.strip() for i in re.split(r",\s*|\s+and\s+", named) if i.strip()]
        if len(items) < 2 or any(len(i.split()) > 5 or not re.match(r"(?:the\s+)?[A-Z]", i) for i in items):
            return base  # not a list of names
        if len(items) == fact.value:
            return base._replace(entity="the list beside it", model=str(len(items)), status="verified")
        return base._replace(entity="the list beside it", model=str(len(items)), status="contradicts",
                             code="PCD505", message=f"'{fact.text}' contradicts the list beside it, which "
                             f"names {len(items)}: {', '.join(items)}")

    def _count(self, fact, clause, contracts, passage, base: Reading) -> Reading:
        typed: int = fact.value
        noun = fact.role
        fin = self.paper.finance
        counted = {"boroughs": ("recipients", len(fin.recipients)),
                   "recipients": ("recipients", len(fin.recipients)),
                   "recommendations": ("recommendations", len(self.paper.recommendations)),
                   "contracts": ("contracts", len(self.paper.contracts)),
                   "funders": ("funders", len([f for f in fin.funders if not f.internal])),
                   "cost lines": ("", len(fin.costs)), "lines": ("", len(fin.costs)),
                   "amounts": ("", len(fin.costs)),
                   "funding lines": ("", sum(len(c.funding) for c in fin.costs))}
        what, actual = counted[noun]
        if not actual:
            return base  # the model lists none: the words are about something else
        if noun == "boroughs" and not all("Borough" in r.name for r in fin.recipients):
            return base
        if passage.where not in ("summary", "recommendation", "section"):
            return base
        if noun in ("lines", "amounts") and not TABLE_WORDS.search(clause.words):
            return base
        name = f"count.{what}" if what and isinstance(self.paper.values.get(f"count.{what}"), Count) else ""
        if typed == actual:
            if not name or fact.text.split()[-1] != noun.split()[-1]:  # "three borough projects": theirs
                return base._replace(entity="the finance table", model=str(actual), status="verified")
            return base._replace(entity="this paper", model="{" + name + "}", status="verified",
                                 code="PCD505", message=_typed(fact, f"the paper lists them, so write "
                                                               f"{{{name}}} {noun}", ""))
        listed = f"{NUMBER_WORDS[actual] if actual < len(NUMBER_WORDS) else actual} {noun}"
        hint = f" ({{{name}}})" if name else ""
        if noun == "funders" and typed == len(fin.funders):
            return base._replace(entity="this paper", model=str(len(fin.funders)), status="verified")
        return base._replace(entity="this paper", model=str(actual), status="contradicts", code="PCD505",
                             message=f"'{fact.text}' contradicts the paper, which lists {listed}{hint}")

    def _code(self, fact, clause, contracts, passage, base: Reading) -> Reading:
        series, number = fact.value
        if (series, number) != self.own and (re.search(
                r"\bthis (?:decision|paper|report)\W{1,3}" + re.escape(fact.text), self.sentence, re.I)
                or ASKS.match(clause.words[fact.end:])):  # "PCD 1853 asks the DMPC to …" in PCD 1852
            return base._replace(entity="this paper", model="{reference}", status="contradicts",
                                 code="PCD507", message=f"'{fact.text}' is named as this paper, whose "
                                 f"reference is {self.paper.reference}: write {{reference}}")
        if series != self.own[0]:
            return base._replace(status="external", entity=fact.text)
        if number == self.own[1]:
            return base._replace(entity="this paper", model="{reference}", status="verified", code="PCD507",
                                 message=f"'{fact.text}' is this paper's own reference: write {{reference}}")
        if number > self.own[1]:
            return base._replace(entity=fact.text, model=f"before {self.paper.reference}",
                                 status="contradicts", code="PCD513",
                                 message=f"'{fact.text}' is at or after this paper ({self.paper.reference}): "
                                 "a later paper cannot have approved anything this one relies on; check "
                                 "the number")
        if (series, number) in self.earlier:
            return base._replace(entity=fact.text, status="external")
        # two neighbouring digits swapped (PCD 1056 where the paper lists PCD 1065); one digit
        # changed is no slip here: papers a number apart are often cited together
        if _swapped(str(number), str(self.own[1])):  # "PCD 814" in PCD 841
            return base._replace(entity="this paper", model="{reference}", status="contradicts",
                                 code="PCD507",
                                 message=f"'{fact.text}' is this paper's reference, {self.paper.reference}, "
                                 "with two digits swapped: write {reference}")
        near = [text for (s, n), text in self.earlier.items()
                if s == series and _swapped(str(number), str(n))]
        if len(near) == 1:
            return base._replace(entity=fact.text, model=near[0], code="PCD521",
                                 message=f"'{fact.text}' is no paper this one lists; did you mean "
                                 f"{near[0]}, which it does?")
        return base._replace(entity=fact.text)

    def _body(self, fact, clause, contracts, passage, base: Reading) -> Reading:
        body = self.org_names[fact.value]
        payer = self._payer(fact, clause, body, passage)
        if payer is not None:
            return base._replace(**payer)
        if fact.role not in ("from", "grant") or passage.where not in PROSE:
            return base._replace(entity=body, status="external")
        if any(n.split(".")[0] in ("funder", "funding") for _, n in clause.refs):
            return base._replace(entity=body, status="external")  # the amount's own body: PCD509
        before = clause.words[:fact.start]
        given = GIVEN.match(clause.words[fact.end:])
        if fact.role == "from" and not FUNDING_WORDS.search(before) and not given:
            return base._replace(entity=body, status="external")
        if fact.role == "grant" and not TAKING.search(before):  # "unlike the Home Office's grant to …"
            return base._replace(entity=body, status="external")
        bodies = {self.body_of(f.name) for f in self.paper.finance.funders}
        family = set()
        for b in bodies:
            while b:
                family.add(b)
                b = self.parents.get(b, "")
        if body in family or any(self.parents.get(b) == body for b in bodies):
            return base._replace(entity=body, status="verified")
        listed = ", ".join(sorted(b for b in bodies if b)) or \
            ", ".join(f.name for f in self.paper.finance.funders)
        return base._replace(entity=body, model=listed, status="contradicts", code="PCD509",
                             message=f"'{fact.text}' is named as a source of funding, but the funding table "
                             f"has no funder that is {body} (it has {listed})")

    def _payer(self, fact, clause, body: str, passage) -> dict | None:
        """'HMPPS have committed to providing {funder.hmpps}', 'The Home Office grant is
        {funder.home_office}': a body named just before a funder's amount, with words of giving
        between and no other body, is the one paying it. Compared only when the body is another
        funder of this paper (a recipient or a partner named there is no claim about who pays)."""
        if passage.where not in ("summary", "recommendation", "section"):
            return None
        after = [n for at, n in clause.refs if at >= fact.end and n.split(".")[0] in ("funder", "funding")]
        if not after:
            return None
        gap = clause.words[fact.end:next(at for at, n in clause.refs if n == after[0] and at >= fact.end)]
        if len(gap) > 40 or MARK in gap or not PAYING.search(gap) or NOT_PAYING.search(gap) \
                or (self.orgs and self.orgs.search(gap)):
            return None  # "London Probation will commission the service paid for by …": not its money
        fid = after[0].split(".")[1]
        funder = next((f for f in self.paper.finance.funders if f.id == fid), None)
        if funder is None:
            return None
        theirs = {self.body_of(f.name) for f in self.paper.finance.funders if f.id != fid} - {""}
        own = self.body_of(funder.name)
        family = {own}
        while own:
            own = self.parents.get(own, "")
            family.add(own)
        named = DIRECT.match(gap)  # "The Ministry of Justice grant is {funder.home_office}"
        if body in family or any(self.parents.get(b) == body for b in family if b) or \
                (body not in theirs and not named):
            return {"entity": body, "status": "verified" if body in family else "external"}
        return {"entity": body, "model": funder.name, "status": "contradicts", "code": "PCD509",
                "message": f"'{fact.text}' is named as giving {{{after[0]}}}, which comes from {funder.name}"}

    def _org(self, fact, clause, contracts, passage, base: Reading) -> Reading:
        """A body typed by its own name ('Atos IT Services Ltd'): one the paper holds, a slip
        in the name of one it holds, or the supplier of the contract the sentence awards."""
        key = _norm(fact.value)
        if key in self.known:
            return base._replace(entity=self.known[key][0], status="verified")
        if any(key in k for k in self.known):
            return base._replace(entity=fact.text, status="external")  # part of a name it holds
        close = sorted((SequenceMatcher(None, key, k).ratio(), k) for k in self.known)
        bar = 0.8 if COMPANY.search(fact.value) else 0.85  # "… Centre", "… Trust" differ in fewer letters
        if close and close[-1][0] >= bar and (len(close) == 1 or close[-2][0] < bar):
            name, ref = self.known[close[-1][1]]
            hint = f": write {{{ref}}}" if ref else ""
            return base._replace(entity=name, model=name, status="contradicts", code="PCD524",
                                 message=f"'{fact.text}' is no body the paper holds; did you mean "
                                 f"{name}{hint}?")
        at = self.sentence.find(fact.text)
        awards = [c for c in contracts if c.supplier] or \
            [c for c in self.paper.contracts if c.supplier and c.award][:2]
        if len(awards) == 1 and at > 0 and AWARDED_TO.search(self.sentence[:at]) and \
                SUPPLIER_KIND.search(fact.value) and fact.value not in awards[0].service:
            c = awards[0]
            return base._replace(entity=c.name, model=c.supplier, status="contradicts", code="PCD524",
                                 message=f"'{fact.text}' is named as the supplier of {c.name}, which the "
                                 f"paper awards to {c.supplier}: write {{contract.{c.id}.supplier}}")
        return base._replace(entity=fact.text)

    def _kindof(self, fact, clause, contracts, passage, base: Reading) -> Reading:
        """'of which {funder.mopac_2026} is carried forward': the amount named is the paper's
        carry-forward, not another source's."""
        ref = next((n for at, n in clause.refs if at == int(fact.role)), "")
        fid = _entity(ref).split(".")[1] if _entity(ref).startswith("funder.") else ""
        funders = {f.id: f for f in self.paper.finance.funders}
        if fid not in funders:
            return base
        kinds = [f for f in funders.values() if f.kind == fact.value]
        if funders[fid].kind == fact.value or not kinds:
            return base._replace(entity=funders[fid].name, status="verified" if kinds else "external")
        right = " or ".join(f"{{funder.{f.id}}}" for f in kinds)
        return base._replace(entity=funders[fid].name, model=right, status="contradicts", code="PCD509",
                             message=f"{{{ref}}} is said to be carried forward, but it is "
                             f"{funders[fid].name}; the carry-forward is {right}")

    def _nil(self, fact, clause, contracts, passage, base: Reading) -> Reading:
        """'There are no financial implications', 'no new money is committed', 'MOPAC keeps none
        of it': true only if the paper's costs, new money or money kept are nothing."""
        fin = self.paper.finance
        own = {str(self.paper.style.data.get(k, "")).lower() for k in ("short_name", "organisation", "code")}
        if fact.role and fact.role.lower() not in own | {"us", "the"}:
            return base._replace(entity=fact.role, status="external")  # "… for the boroughs": theirs
        if fact.value == "new_money":  # the body's own: an outside grant is no new money of its own
            new = [f for f in fin.funders if f.new_money and f.internal]
            value = sum((f.total for f in new), Decimal(0))
            what, name = "own new money (" + ", ".join(f"{{funder.{f.id}}}" for f in new) + ")", ""
        elif fact.value == "kept":
            value = sum((c.amount for c in fin.costs if c.use == "keep"), Decimal(0))
            what, name = "money kept", "total.kept"
        elif fact.role:  # "no financial implications for MOPAC": its own money
            value = sum((f.total for f in fin.funders if f.internal), Decimal(0))
            what, name = f"own funding ({fact.role})", ""
        else:
            value, what, name = fin.cost_total, "cost", "total.costs"
        if not value:
            return base._replace(entity="this paper", model=money_text(value), status="verified")
        where = f" ({{{name}}})" if name in self.paper.values else ""
        return base._replace(entity="this paper", model=money_text(value), status="contradicts",
                             code="PCD523",
                             message=f"'{fact.text}' contradicts the paper: its {what} is "
                             f"{money_text(value)}{where}")

    def _name(self, fact, clause, contracts, passage, base: Reading) -> Reading:
        """'{recipient.croydon} to Lewisham': the amount of one recipient (or funder) given to
        another by name."""
        named = self.entity_names[fact.value]
        mark = clause.words.rfind(MARK, 0, fact.start)
        ref = next((n for at, n in clause.refs if at == mark), "")
        owner = _entity(ref)
        if owner == named or owner.split(".")[0] != named.split(".")[0] or type(
                self.paper.values.get(ref)) is not Decimal:
            return base._replace(entity=self.entity_name(named),
                                 status="verified" if owner == named else "external")
        return base._replace(entity=self.entity_name(named), model=self.entity_name(owner),
                             status="contradicts",
                             code="PCD509", message=f"'{fact.text}' is named as given {{{ref}}}, which is "
                             f"{self.entity_name(owner)}'s in the table")

    def _authority(self, fact, clause, contracts, passage, base: Reading) -> Reading:
        typed = self.authority_names.get(fact.value, "")
        auth = self.paper.style.authorities
        if not typed:  # a title the house style does not list, asked to decide
            return self._asked_title(fact, base)
        if fact.role == "asked":
            dm = self.paper.decision_maker
            if typed == dm:
                return base._replace(entity="this decision", model="{dm.title}", status="verified")
            right = auth.get(dm, {}).get("short", dm)
            return base._replace(entity="this decision", model=right, status="contradicts", code="PCD514",
                                 message=f"'{fact.text}' is asked to decide, but this paper's decision maker "
                                 f"is the {right}: write {{dm.title}}")
        if fact.role != "approver":
            return base._replace(entity=auth[typed]["short"], status="external")
        if not contracts and len(self.paper.contracts) == 1 and re.search(r"\bit\b", clause.words) \
                and not re.search(r"\b(any|future|further|later)\b", self.sentence, re.I):
            contracts = self.paper.contracts  # "it needs approval by …": the paper's one contract
        targets = [(c.number or c.service, self.routes.get(c.path[:2], "")) for c in contracts]
        targets = [(n, a) for n, a in targets if a]
        if not targets:
            if not re.search(r"\b(this|the) (decision|paper)\b", clause.words[:fact.start], re.I):
                if any(r.authority == typed for r in self.paper.routes):
                    return base._replace(entity=auth[typed]["short"], status="verified")
                return base  # approval of what? a person decides
            targets = [("this decision", self.paper.decision_maker)]
        name, needed = targets[0]
        top = max((r.authority for r in self.paper.routes), key=lambda a: auth.get(a, {}).get("rank", 0),
                  default=needed)
        if typed in (needed, top) or (typed == self.paper.decision_maker and name != "this decision"):
            return base._replace(entity=name, model=auth[typed]["short"], status="verified")
        right = auth.get(needed, {}).get("short", needed)
        ref = "{dm.short}" if name == "this decision" else "{contract." + contracts[0].id + ".route}"
        return base._replace(entity=name, model=right, status="contradicts", code="PCD514",
                             message=f"'{fact.text}' is named as the approver of {name}, but the paper's "
                             f"route needs the {right}: write {ref}")

    def _asked_title(self, fact: Fact, base: Reading) -> Reading:
        """'This report asks the Chief Constable to award …' where the Commissioner decides: a
        post (not a board or a body) asked to decide that is not the decision maker's. Words of
        the decision maker's own title ('the Commissioner') are the same post."""
        dm = self.paper.decision_maker
        mine = self.paper.style.authorities.get(dm, {})
        title = cast(str, fact.value)
        words = set(re.findall(r"\w+", title.lower())) - {"the", "for", "of", "and", "on"}
        own = [set(re.findall(r"\w+", t.lower())) for t in (mine.get("title"), mine.get("short")) if t]
        if not POST.search(title) or title in self.org_names or any(words <= t for t in own):
            return base._replace(entity="this decision", status="external")
        right = mine.get("short") or mine.get("title") or dm
        return base._replace(entity="this decision", model=right, status="contradicts", code="PCD514",
                             message=f"'{fact.text}' is asked to decide, but this paper's decision maker "
                             f"is the {right}: write {{dm.title}}")

    def _route(self, fact, clause, contracts, passage, base: Reading) -> Reading:
        awards = [c for c in contracts if c.award]
        every = [c for c in self.paper.contracts if c.award]
        at = self.sentence.find(fact.text)
        if not awards and len(every) == 1 and not NOT_THIS.search(self.sentence[:max(at, 0)] + clause.words):
            awards = every  # the paper's one procurement, unless the sentence weighs another route
        if not awards:
            return base
        if fact.role == "not":
            return base._replace(entity=awards[0].name, status="external")
        c = awards[0]
        typed, actual = fact.value, c.award.route
        # a call-off is any award under a framework; a further competition is not a direct award
        same = typed == actual or (typed == "framework" and bool(c.award.framework)) or \
            (typed == "competition" and actual == "framework")
        name = c.number or c.service
        if same:
            return base._replace(entity=name, model=f"{{contract.{c.id}.procurement}}", status="verified")
        written = self.paper.values.get(f"contract.{c.id}.procurement", actual)
        return base._replace(entity=name, model=str(written), status="contradicts", code="PCD515",
                             message=f"'{fact.text}' contradicts {name}, which is procured by {written} "
                             f"({{contract.{c.id}.procurement}})")

    def _vat(self, fact, clause, contracts, passage, base: Reading) -> Reading:
        fin = self.paper.finance
        costs = {n.split(".")[-1] if n.startswith("funding.") else n.split(".")[1]
                 for _, n in clause.refs if n.startswith(("cost.", "funding."))}
        lines = [c for c in fin.costs if c.id in costs]
        stated = {c.vat or fin.vat for c in lines} if lines else ({fin.vat} if any(
            n.startswith(("total.", "funder.")) for _, n in clause.refs) else set())
        stated.discard("")
        if len(stated) != 1:
            return base
        actual = stated.pop()
        if fact.value == actual:
            return base._replace(entity="the finance table", model=actual, status="verified")
        return base._replace(entity="the finance table", model=actual, status="contradicts", code="PCD516",
                             message=f"'{fact.text}' contradicts the finance table, whose amounts are "
                             f"{actual} of VAT")

    def _xref(self, fact, clause, contracts, passage, base: Reading) -> Reading:
        kind, number = fact.value
        paper = self.paper
        if fact.role == "elsewhere":  # "paragraph 4.13 of the Scheme": a person checks it
            return base._replace(status="external")
        if kind.startswith("rec"):
            rid = next((r.id for r in paper.recommendations if str(r.number) == number), "")
            hint = (f"write {{rec.{rid}}}" if rid else
                    f"there is no recommendation {number} (the paper has {len(paper.recommendations)})")
        else:
            paras = {p.number for s in paper.sections for p in s.paragraphs if p.number}
            hint = ("give that paragraph an id and write {para.ID}" if number in paras else
                    f"there is no paragraph {number}")
        return base._replace(entity="this paper", status="contradicts" if "no " in hint else "verified",
                             code="PCD506", message=f"'{fact.text}' is a typed cross-reference: numbers "
                             f"move when the paper changes, so {hint}")


def _fields(paper: Paper, report: Report, model: Model) -> None:
    """Codes in the fields that name earlier approvals, and figures that repeat Part 2. (A
    background paper may be a later one: a paper listed for the reader, not an approval; but
    never this paper itself.)"""
    own = model.own
    papers = next((s.papers for s in paper.sections if s.papers), ())
    for i, bp in enumerate(papers):
        series, number = model.papers.first(bp.ref)
        if series == own[0] and number > own[1]:  # type: ignore[operator]
            report.add("PCD527", f"'{bp.ref}' is numbered after this paper ({paper.reference}): check the "
                       "number (a background paper is usually an earlier one)",
                       ("background_papers", i, "ref"), needle=bp.ref)
        if (series, number) == own:
            report.add("PCD507", f"'{bp.ref}' is this paper: a paper is not its own background paper; "
                       "list the one meant", ("background_papers", i, "ref"), needle=bp.ref)
    cited = [(f.approved_by, f.path + ("approved_by",)) for f in paper.finance.funders if f.approved_by]
    cited += [(h.approved_by, c.path + ("history",)) for c in paper.contracts for h in c.history]
    for ref, path in cited:
        series, number = model.papers.first(ref)
        if series == own[0] and number > own[1]:  # type: ignore[operator]
            report.add("PCD513", f"'{ref}' is after this paper ({paper.reference}): an earlier approval "
                       "must have an earlier number", path, needle=ref)
    secret = {amount for _, amount in paper.publication.part2_figures}
    for i, (fid, amount) in enumerate(paper.figures.items()):
        if amount in secret:
            report.add("PCD517", f"figure '{fid}' is a Part 2 amount: Part 1 must not show it; write "
                       "{part2.ID}", ("finance", "figures", i, "amount"))


def _fy(label: str) -> str:
    """'2023-24', '2023/2024' and '2023/24' are one financial year, written 2023/24."""
    m = re.fullmatch(r"(20\d\d)\s?[/–-]\s?(?:20)?(\d\d)", label.strip())
    return f"{m.group(1)}/{m.group(2)}" if m else label


def _named(paper: Paper, kind: type) -> dict:
    """The model's values of one kind, each with the names that give it."""
    out: dict = {}
    for name, value in paper.values.items():
        if isinstance(value, kind) and not name.startswith("scheme."):
            out.setdefault(value, []).append(name)
    return out


def _service_words(service: str) -> set[str]:
    """The words a contract's service is named by ('evaluation' of 'evaluation of the MARRAC
    model'): its first three, of five letters or more, not 'services'."""
    return {w for w in service.lower().split()[:3]
            if len(w) >= 5 and w not in ("service", "services", "support")}


def _norm(name: str) -> str:
    """A body's name as compared: 'Atos IT Services UK Limited' is 'Atos IT Services UK Ltd'."""
    name = name.casefold().replace("&", " and ")
    name = re.sub(r"\bpublic limited company\b", "plc", re.sub(r"\blimited\b", "ltd", name))
    return re.sub(r"[^a-z0-9]+", "", re.sub(r"^the\s+", "", name))


def _entity(ref: str) -> str:
    parts = ref.split(".")
    if parts[0] in ("funder", "recipient", "cost", "contract") and len(parts) > 1:
        return ".".join(parts[:2])
    if parts[0] == "funding" and len(parts) > 2:
        return f"funder.{parts[1]}"
    return ""


def _slip(typed: Decimal, value: Decimal) -> bool:
    """One digit changed, or two neighbours swapped: £1,530,000 for £1,350,000."""
    a, b = f"{typed:.2f}", f"{value:.2f}"
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                              and a[diff[1]] == b[diff[0]])


def _swapped(a: str, b: str) -> bool:
    diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    return len(a) == len(b) and len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] \
        and a[diff[1]] == b[diff[0]]


def _close(typed: Decimal, value: Decimal) -> bool:
    return bool(value) and abs(value - typed) <= abs(value) / 10


def _typed(fact: Fact, what: str, then: str = ", so write that") -> str:
    return f"'{fact.text}' is typed in the prose; {what}{then}"


def _hint(names: list[str]) -> str:
    return " or ".join(f"{{{n}}}" for n in names[:2])
