"""Dates, months, financial years, durations and terms typed in prose, compared with the
contracts and periods the paper holds."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from authoring.checks.facts.binding import Binding
from authoring.checks.facts.common import (FY, HORIZON, MONEY_REFS, ORIGIN, SERVICE_AFTER, Reading, _entity,
                                           _fy, _hint, _months, _service_words, _typed, date_text,
                                           distinctive)
from authoring.model.facts import MARK, MONTHS, Clause, Fact
from authoring.model.paper import ContractChange
from authoring.model.references import Duration

# a budget named: "the 2025/26 IOM budget", "the 2025/26 Drive budget"
BUDGET_PHRASE = re.compile(r"\s+((?:[A-Za-z][\w-]*\s+){1,2}?)(?:budget|allocation|funding)\b", re.IGNORECASE)
BUDGET_COMMON = frozenset("the from for and budget funding allocation carry-forward carried forward grant "
                          "money its our this".split())
# "over the two years", "across the three years": the years the paper covers
# money moved between periods: a part of one period named in a sentence about another is right
CARRIED = re.compile(r"\b(?:carr(?:y|ied|ies)[- ]forward|unspent|underspen\w*|slipp\w*|re-?profil\w*)\b",
                     re.IGNORECASE)
OVER_THE = re.compile(r"\b(?:over|across)\s+(?:all\s+|both\s+|each of\s+)?the\s+$", re.IGNORECASE)
SINCE_AFTER = re.compile(r"\s+(?:since|to|of|before|after|ending|until|from|ago)\b", re.IGNORECASE)
# the whole said of a part: "{funder.x.2023-24} in total", "a total of {cost.y.2022-23}"
WHOLE_AFTER = re.compile(r"\s*(?:in total|in all|altogether|overall)\b", re.IGNORECASE)
WHOLE_BEFORE = re.compile(r"\b(?:a total of|in total|in all|altogether)\s*$", re.IGNORECASE)


class Times(Binding):
    """When: dates against contracts, years against periods, durations against terms."""

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
        budget = self._budget_named(fact, clause, base)
        if budget:
            return budget
        if not self.periods:
            return base
        pids = self.period_ids
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

    def _budget_named(self, fact: Fact, clause: Clause, base: Reading) -> Reading | None:
        """'of the 2024/25 IOM budget' where the funder is the MOPAC IOM 2025/26 budget: a year
        typed beside the words of a funder whose name holds a year, and a budget word."""
        phrase = BUDGET_PHRASE.match(clause.words[fact.end:])  # "2024/25 IOM budget", "2025/26 Drive budget"
        before = re.findall(r"[A-Za-z][\w-]{2,}", clause.words[max(0, fact.start - 20):fact.start])[-1:]
        if not phrase and not (before and re.match(r"\s*budget\b", clause.words[fact.end:], re.IGNORECASE)):
            return None  # "in 2026/27 from its own budget": the year of spending, not a budget's name
        said = {w.lower() for w in (phrase.group(1).split() if phrase else before)}
        found = [(f, m.group(0)) for f, words in self._funder_words().items() if said & words
                 for m in [FY.search(f.name)] if m]
        if len(found) != 1:
            return None
        funder, year = found[0]
        if _fy(year) == fact.value:
            return base._replace(entity=funder.name, status="verified")
        period = self.periods.get(_fy(year))
        return base._replace(entity=funder.name, model=year, status="contradicts", code="PCD509",
                             message=f"'{fact.text}' names {funder.name} with another year: its year is "
                             + (f"{{{period}}}" if period else year))

    def _funder_words(self) -> dict:
        """Each funder with a year in its name, by the words of its name no other funder's has."""
        if self.funder_words is None:
            words = distinctive({f: set(re.findall(r"[a-z][a-z-]{2,}", f.name.lower())) - BUDGET_COMMON
                                 for f in self.paper.finance.funders})
            self.funder_words = {f: w for f, w in words.items() if FY.search(f.name)}
        return self.funder_words

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
        if not fact.role and not contracts and len(self.periods) > 1 \
                and OVER_THE.search(clause.words[:fact.start]) \
                and not SINCE_AFTER.match(clause.words[fact.end:]):
            return self._over_periods(fact, base)
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

    def _over_periods(self, fact: Fact, base: Reading) -> Reading:
        """'awarded to the partners over the two years': the years the paper's periods cover."""
        years = len(self.periods)
        if fact.value == 12 * years:
            return base._replace(entity="this paper", model="the paper's periods", status="verified")
        covered = _months(12 * years)
        return base._replace(entity="this paper", model=covered, status="contradicts", code="PCD503",
                             message=f"'{fact.text}' contradicts the paper, whose periods are {covered} "
                             f"({' and '.join(sorted(self.periods))})")

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

    def periods_named(self, sentence: list[Clause]) -> set[str]:
        """The paper's periods a sentence names, by reference or typed ('2023-24')."""
        named = {n.split(".", 1)[1] for c in sentence for _, n in c.refs if n.startswith("period.")}
        return named | {self.periods[_fy(m.group(0))].split(".", 1)[1] for c in sentence
                        for m in FY.finditer(c.words) if _fy(m.group(0)) in self.periods}

    def parts(self, sentence: list[Clause], passage) -> list[Reading]:
        """A reference to one period's part of an amount ({cost.hub.2023-24}) in a sentence about
        another period only, or said to be the whole ("… in total"): the wrong line of the table."""
        pids = self.period_ids
        named = self.sentence_periods = self.periods_named(sentence)
        if len(pids) < 2:
            return []
        heads: dict[str, set[str]] = {}
        for clause in sentence:
            for _, ref in clause.refs:
                head, _, last = ref.rpartition(".")
                if last in pids:
                    heads.setdefault(head, set()).add(last)
        moving = CARRIED.search(" ".join(c.words for c in sentence))
        out = []
        for clause in sentence:
            for at, ref in clause.refs:
                head, _, last = ref.rpartition(".")
                if last not in pids or head.split(".")[0] == "period" or ":" in ref:
                    continue
                fact = Fact("reference", "{" + ref + "}", ref, at, at + 1)
                base = Reading(fact, passage.path, passage.where, entity=self.entity_name(_entity(ref)),
                               status="contradicts", code="PCD528", needle="{" + ref)
                if WHOLE_AFTER.match(clause.words[at + 1:]) or WHOLE_BEFORE.search(clause.words[:at]):
                    out.append(base._replace(model="{" + head + "}", message=(
                        f"'{{{ref}}}' is the {pids[last]} part only, said here to be the whole: "
                        f"write {{{head}}}")))
                elif named and last not in named and len(heads.get(head, ())) < 2 and not moving:
                    said = " and ".join(sorted(pids[n] for n in named))
                    fit = f"{head}.{sorted(named)[0]}" if len(named) == 1 and \
                        f"{head}.{sorted(named)[0]}" in self.paper.values else head
                    out.append(base._replace(model="{" + fit + "}", message=(
                        f"'{{{ref}}}' is the {pids[last]} amount, in a sentence about {said}: "
                        f"did you mean {{{fit}}}?")))
        return out

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
