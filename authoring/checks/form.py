"""The form's own rules, as the house style declares them: who must sign, the portfolio a
decision maker holds, what a key decision needs, and the optional blocks the form has."""

from __future__ import annotations

import re

from decimal import Decimal

from authoring.diagnostics import Report
from authoring.model.paper import Paper
from authoring.spec.schema import did_you_mean

VALUE_NAMES = {"annual": "annual value", "initial_term": "initial term's value",
               "whole_life": "whole-life value"}


# a field answered "none": "N/A", "Not applicable", "-"
NONE_GIVEN = re.compile(r"\s*(?:n/?a|none|not applicable|-+)\.?\s*$", re.IGNORECASE)


def check(paper: Paper, report: Report) -> None:
    signatures(paper, report)
    portfolio(paper, report)
    key_decision(paper, report)
    blocks(paper, report)


def signatures(paper: Paper, report: Report) -> None:
    """PCD410: once the decision maker has signed, every required signatory has too."""
    dm = paper.decider
    if not dm.date:
        return
    for s in paper.signatures:
        if s is not dm and not s.optional and not s.date:
            report.add("PCD410", f"the {s.title} has not signed, but the {dm.title} has: the "
                       "house style requires their signature (give its date, or mark the "
                       "signatory optional in the style)", ("signatures",))


def portfolio(paper: Paper, report: Report) -> None:
    """PCD411: a decision maker decides only within a portfolio they hold."""
    style = paper.style.data
    portfolios = style.get("portfolios") or {}
    if not portfolios:
        return
    given = paper.portfolio_id
    if not given:
        report.add("PCD411", "the house style decides by portfolio: give the paper's "
                   "'portfolio', one of " + ", ".join(portfolios), ("decision_maker",))
        return
    if given not in portfolios:
        report.add("PCD411", f"'{given}' is not one of the house style's portfolios: "
                   + ", ".join(portfolios) + did_you_mean(given, portfolios), ("portfolio",))
        return
    authority = paper.style.authorities.get(paper.decision_maker) or {}
    held = authority.get("portfolios")
    if held is not None and given not in held:
        report.add("PCD411", f"the {authority['title']} does not hold the {portfolios[given]} "
                   "portfolio (" + (", ".join(portfolios[h] for h in held if h in portfolios)
                                    or "none") + "), so cannot take this decision",
                   ("decision_maker",))


def key_decision(paper: Paper, report: Report) -> None:
    """PCD412: a decision worth the threshold or more is a key decision, and says so, with the
    fields a key decision needs."""
    rule = paper.style.data.get("key_decision")
    if not rule:
        return
    basis = paper.style.data.get("award_value") or "whole_life"
    valued = [(r.value, r) for r in paper.routes if r.value is not None]
    worth = max(valued, key=lambda vr: vr[0], default=(Decimal(0), None))[1]
    threshold = Decimal(rule["threshold"])
    given = {f.id: f for f in paper.fields}
    if "field" in rule and worth is not None and worth.value is not None \
            and worth.value >= threshold and not paper.key_decision:
        from authoring.model.references import write

        what = f"its {VALUE_NAMES[worth.basis]}" if worth.basis else "its value"
        report.add("PCD412", f"{worth.action} is worth {write(worth.value, '')} ({what}; the "
                   f"house style compares an award's {VALUE_NAMES[basis]}), at least the key "
                   f"decision threshold of {write(threshold, '')}: set the field "
                   f"'{rule['field']}' to yes", ("fields", rule["field"])
                   if rule["field"] in given else ("fields",))
    for name in rule.get("requires", []):
        if paper.key_decision and name not in given:
            report.add("PCD412", f"a key decision needs the field '{name}'", ("fields",))
        elif "field" in rule and rule["field"] in given and given[rule["field"]].value is False \
                and name in given and given[name].value and not NONE_GIVEN.match(str(given[name].value)):
            report.add("PCD412", f"'{name}' is given, which only a key decision has, but "
                       f"'{rule['field']}' says no: set it to yes, or remove '{name}'", ("fields", name))


def blocks(paper: Paper, report: Report) -> None:
    """PCD413: a block the form does not have is not used; a Part 2 states its legal basis
    when the form asks for one."""
    has = paper.blocks
    pub = paper.publication
    if not has["deferral"] and pub.defer:
        report.add("PCD413", "the house style's form has no deferral of publication "
                   "(blocks.deferral is false): publication cannot be deferred",
                   ("publication", "defer"))
    if not has["part2"] and pub.part2:
        report.add("PCD413", "the house style's form has no Part 2 (blocks.part2 is false)",
                   ("part2", "exists"))
    if pub.part2 and not pub.basis and (paper.style.data.get("blocks") or {}).get("part2_basis"):
        report.add("PCD413", "the house style asks for the legal basis of withholding Part 2: "
                   "give part2.basis (Local Government Act 1972, Schedule 12A, paragraph 3)",
                   ("part2",))
