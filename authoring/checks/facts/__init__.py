"""Every typed fact, bound to what it is about and compared with the model.

The reader (authoring/model/facts.py) finds the facts; here each is bound by structure (the row
it labels, the reference or name beside it in its clause, the contract its sentence is about)
and compared: equal to a value the model holds, it is to be written as that reference; different,
it is refused naming the entity and both values; with nothing to bind to, it is unverified and
`pcd facts` lists it for a person to check. Where the binding is ambiguous the fact is
unverified, never guessed.

The stage is this module (check, review, the fields that name approvals); what a fact is about
is binding.py; the judges are money.py (amounts, claims, percentages), times.py (dates, years,
durations, terms) and names.py (bodies, approvers, codes, routes, counts), each a part of Model.
"""

from __future__ import annotations

import re

from authoring.checks.facts.common import PLAIN, REF_NAME, Reading
from authoring.checks.facts.money import Money
from authoring.checks.facts.names import Names
from authoring.checks.facts.times import Times
from authoring.diagnostics import Report
from authoring.model.facts import MARK, Clause, Fact, Passage, clauses, passages, read
from authoring.model.paper import ContractChange, Paper


class Model(Money, Times, Names):
    """A paper's facts judged: each kind by its own judge (money, times, names)."""

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
            model.sentence_refs = [n for c in group for _, n in c.refs]
            out += model.parts(group, passage) + model.lines_named(group, passage)
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
