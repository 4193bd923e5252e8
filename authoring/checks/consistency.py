"""Consistency between what the prose says and what the model holds: 'up to' where the amount
is a maximum, the right body named for each amount, Part 2 mentioned only when there is one,
dates in order, contracts still running when they are changed."""

from __future__ import annotations

import re

from authoring.checks.facts.common import HEDGED
from authoring.diagnostics import Report
from authoring.format import date
from authoring.model.paper import Paper

UP_TO = re.compile(r"\b(up ?to|maximum( of)?|not exceeding|no more than|at most)\s*$", re.IGNORECASE)
SAYS_UP_TO = re.compile(r"\bup ?to\s*$", re.IGNORECASE)  # "upto", as MOPAC officers often type it
SEPARATOR_AND_SCALE = re.compile(r"£\s?\d{1,3}(,\d{3})+(\.\d+)?\s?(m|bn|million|billion)\b")
# Part 2 by its name, or by what other bodies call it: "the restricted annex", "an exempt appendix"
PART2 = re.compile(r"\bPart (?:2|II)\b"
                   r"|\b(?i:confidential|restricted|exempt) (?i:annex|appendix)\b")
NONE_BEFORE = re.compile(r"\b(?:no|not|nor|without)\b(?:\s+\w+){0,2}\s+$", re.IGNORECASE)
# publication said to be deferred, or not: "publication of this notice is deferred", "no deferral"
_THIS = r"(?:this|the) (?:decision|paper|notice|report|approval|form)"
DEFERRED = re.compile(rf"\bpublication of {_THIS}\b[^.;]{{0,40}}?\b(?:is|are|will|has|have|be|being)\s+"
                      r"(?P<not>not\s+)?(?:be\s+|been\s+)?(?:deferred|delayed|postponed|withheld)\b"
                      r"|\b(?P<no>no|without)\s+deferral\b"
                      rf"|\bdefer(?:s|red|ring)?\s+(?:the\s+)?publication of {_THIS}\b",
                      re.IGNORECASE)


def check(paper: Paper, report: Report) -> None:
    maxima = _maxima(paper)
    orgs = _organisations(paper)
    owners = {f.id: _body(f.name, orgs) for f in paper.finance.funders}
    recs = {id(p) for r in paper.recommendations for p in (r.text, *r.bullets)}
    for prose in paper.prose():
        before = ""
        for span in prose.spans:
            if span.figure is not None and span.ref in maxima:
                if maxima[span.ref] is False and SAYS_UP_TO.search(before[-20:]):
                    report.add("PCD508", f"'up to' {{{span.ref}}}: the amount is exact in the model; "
                               "drop 'up to', or mark the amount up_to: true", prose.path,
                               needle="{" + span.ref)
                elif maxima[span.ref] is True and id(prose) in recs and not UP_TO.search(before[-30:]):
                    report.add("PCD508", f"{{{span.ref}}} is a maximum ('up to') in the model, but the "
                               "recommendation approves it as an exact amount: write 'up to' before it",
                               prose.path, needle="{" + span.ref)
            before += span.shown if span.figure is None else "§"
        for m in SEPARATOR_AND_SCALE.finditer(prose.source):
            report.add("PCD510", f"'{m.group(0)}' mixes a thousands separator with '{m.group(3)}': "
                       "is it thousands of millions? Write the figure as a reference", prose.path,
                       needle=m.group(0))
        if not paper.publication.part2:
            text = re.sub(r"\{[^{}]*\}", " ", prose.source)
            for m in PART2.finditer(text):
                if NONE_BEFORE.search(text[:m.start()]):
                    continue  # "there is no exempt appendix": said to be none
                report.add("PCD307", f"'{m.group(0)}' is mentioned, but the paper has no Part 2 "
                           "(part2.exists is false)", prose.path, needle=m.group(0))
        _deferral(paper, prose, report)
        _bodies(prose, orgs, owners, report)
    pub = paper.publication
    if not pub.part2 and (pub.part2_summary or pub.part2_figures):
        report.add("PCD307", "the paper has Part 2 material but says there is no Part 2 "
                   "(part2.exists is false)", ("part2", "exists"))
    signed = [s for s in paper.signatures if s.date]
    if paper.drafted:
        for s in signed:
            if s.date and paper.drafted > s.date:
                report.add("PCD305", f"drafted on {date(paper.drafted)}, after the {s.title} signed on "
                           f"{date(s.date)}", ("drafted",))
    decided = paper.decider.date or (signed[0].date if signed else None)
    for c in paper.contracts:
        if decided and not c.award and c.ends and c.ends < decided:
            report.add("PCD306", f"{c.name} ended on {date(c.ends)}, before this decision "
                       f"({date(decided)}): an ended contract cannot be extended or varied; award a "
                       "new one", c.path + ("ends",))


def _deferral(paper: Paper, prose, report: Report) -> None:
    """PCD308: prose that says publication is deferred, or is not, against the paper's
    publication block (the deferral's own reason is where a deferral is explained)."""
    if prose.path[:1] == ("publication",):
        return
    text = re.sub(r"\{[^{}]*\}", " ", prose.source)
    for m in DEFERRED.finditer(text):
        sentence = text[text.rfind(".", 0, m.start()) + 1:m.end()]
        if HEDGED.search(sentence):
            continue  # "where publication is deferred, …": a rule, not this paper
        said = not (m.group("not") or m.group("no"))
        if said != paper.publication.defer:
            block = "publication.defer is false" if said else "the paper defers it (publication.defer)"
            report.add("PCD308", f"'{m.group(0)}' says publication is {'' if said else 'not '}deferred, but "
                       f"{block}", prose.path, needle=m.group(0))


def _maxima(paper: Paper) -> dict[str, bool]:
    """Amount references and whether each is a maximum ('up to')."""
    fin = paper.finance
    costs = {c.id: c for c in fin.costs}
    funders = {f.id: f for f in fin.funders}
    out = {f"cost.{c.id}": c.up_to for c in fin.costs}
    out.update({f"funder.{f.id}": f.up_to for f in fin.funders})
    for c in fin.costs:
        for ln in c.funding:
            out[f"funding.{ln.funder}.{c.id}"] = c.up_to or funders[ln.funder].up_to
    return {k: v for k, v in out.items() if k.split(".")[1] in costs or k.split(".")[1] in funders}


def _organisations(paper: Paper) -> dict[str, str]:
    """Every name and other name of the bodies the house style lists, to the body's name."""
    out = {}
    for org in paper.style.data.get("organisations", []) or []:
        for name in [org["name"], *org.get("aliases", [])]:
            out[name] = org["name"]
    return out


def _body(name: str, orgs: dict[str, str]) -> str:
    """The listed body a funder's name names ('MOPAC IOM budget' names none)."""
    for alias in sorted(orgs, key=len, reverse=True):
        if re.search(rf"\b{re.escape(alias)}\b", name):
            return orgs[alias]
    return ""


def _bodies(prose, orgs: dict[str, str], owners: dict[str, str], report: Report) -> None:
    """'{funder.hmpps} from MOJ': the body after 'from' must be the one the amount comes from."""
    if not orgs:
        return
    pattern = "|".join(re.escape(n) for n in sorted(orgs, key=len, reverse=True))
    spans = prose.spans
    for i, span in enumerate(spans):
        if span.figure is None or not span.ref.startswith(("funder.", "funding.")):
            continue
        following = "".join(s.shown if s.figure is None else "§" for s in spans[i + 1:i + 4])
        m = re.match(rf"[^§.;]{{0,40}}?\bfrom\s+(?:the\s+)?({pattern})\b", following)
        if not m:
            continue
        named = orgs[m.group(1)]
        owner = owners.get(span.ref.split(".")[1], "")
        if owner and owner != named:
            report.add("PCD509", f"'{m.group(1)}' is named for {{{span.ref}}}, which the table credits "
                       f"to {owner}", prose.path, needle=m.group(1))
