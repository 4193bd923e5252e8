"""Money and percentages typed in prose, compared with the amounts and shares the paper computes."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import cast

from authoring.checks.facts.binding import Binding
from authoring.checks.facts.common import (AWARD_BEFORE, CONDITION, OWN_FIGURE, SAID_TOTALS, SCHEME_WORDS,
                                           Reading, _close, _entity, _hint, _row, _slip, _typed, distinctive,
                                           exact_percent, money_text)
from authoring.model.facts import SCALE, Clause, Fact, Passage
from authoring.model.paper import ContractChange

# what an amount pays for, just after it: "{cost.x} for new cold weather jackets"
PAYS_FOR = re.compile(r"\s*(?:of\s+(?:[\w'’-]+\s+){0,4}?)?(?:for|towards|to pay for|to buy)\s+"
                      r"(?!\w+ing\b)((?:[\w'’-]+\s*){1,4})", re.IGNORECASE)
# a share of the money for one line: "6% of the grant towards MOPAC's project management"
SHARE_OF = re.compile(r"\s+of\s+(?:the\s+|its\s+|this\s+)?(?:[\w'’-]+\s+){0,2}?(?:grant|funding|budget|money|"
                      r"total)\s+(?:for|on|towards|to pay for)\s+((?:[\w'’-]+\s*){1,6})", re.IGNORECASE)
# words of a cost line's label that say how much, not what: never what tells two lines apart
QUALIFIERS = frozenset("""maximum minimum additional potential future full general current existing total
level spending cost costs need needs new further extra other contingency""".split())
# money kept back: "MOPAC keeps 5% of it", "retaining up to 2%"
KEEPS = re.compile(r"\b(?:keeps?|retains?|keeping|retaining|holds? back|top[- ]slic\w*)\s+(?:up to\s+)?$",
                   re.IGNORECASE)
# money kept, said after the share: "less the 5% MOPAC keeps"
KEPT_AFTER = re.compile(r"\s+(?:that\s+|which\s+)?(?P<who>[A-Z][\w]*\s+|it\s+|we\s+)?"
                        r"(?:keeps|retains|will keep|"
                        r"will retain|is kept|is retained)\b")
# a share of someone else's money: "10% of each grant payment", "5% of its budget"
OF_ANOTHER = re.compile(r"\s+of\s+(?:each|every|its|their|his|her|the national|a)\b", re.IGNORECASE)
# a year's amount: "£2.5 million a year", "£60,000 per annum"
ANNUAL = re.compile(r"\s*(?:a year|per year|per annum|p\.a\.|each year|every year|annually|yearly)\b",
                    re.IGNORECASE)


def _share(fact: Fact, shares: list[tuple[Decimal, str]], step: Decimal, base: Reading, said: str) -> Reading:
    """A typed percentage against the shares it may mean: verified when it is one of them to its
    own places (or, said "about", to a tenth of it); else refused listing them all (PCD504)."""
    typed = cast(Decimal, fact.value)
    if any(abs(v - typed) <= step or (fact.role == "approx" and _close(typed, v)) for v, _ in shares):
        return base._replace(status="verified")
    listed = ", ".join(f"{exact_percent(v, typed)} of {name}" for v, name in shares)
    return base._replace(model=listed, status="contradicts", code="PCD504",
                         message=f"'{fact.text}' {said} {listed}")


class Money(Binding):
    """Amounts, claims about them, totals named in words, percentages and shares."""

    def _money(self, fact, clause, contracts, passage, base: Reading) -> Reading:
        typed: Decimal = fact.value
        annual = self._annual(fact, contracts, base) if ANNUAL.match(clause.words[fact.end:]) else None
        if annual:
            return annual
        if fact.role in ("below", "above"):
            before = self.sentence[:self.sentence.find(fact.text)]
            if not CONDITION.search(before) and OWN_FIGURE.search(before):
                return self._claim(fact, contracts, base)
            fact = fact._replace(role="threshold")  # "where the variation exceeds £500,000": a rule's bound
        entity = self.entity_at(fact, clause, passage)
        own = self.values_of(entity) if entity else {}
        if own:
            same = [n for n, v in own.items() if v == typed]
            misfit = self._misfit(fact, clause, same)
            if misfit:
                return base._replace(**misfit)
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
        misfit = self._misfit(fact, clause, names)
        if misfit:
            return base._replace(**misfit)
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

    def lines_named(self, sentence: list[Clause], passage: Passage) -> list[Reading]:
        """'{cost.body_armour} for new cold weather jackets', '{funder.home_office} of Home
        Office grant for the Hub': an amount followed by what it pays for, in words that name
        only a line it is not (or its funder does not fund): the wrong line (PCD528)."""
        words = self._label_words()
        label = {c.id: c.label for c in self.paper.finance.costs}
        out = []
        for clause in sentence:
            for at, ref in clause.refs:
                parts = ref.split(":")[0].split(".")
                line = self._line_after(clause.words[at + 1:])
                if not line:
                    continue
                if _row(ref):
                    own = {_row(ref)}
                elif parts[0] == "funder" and len(parts) == 2:
                    own = {c.id for c in self.paper.finance.costs
                           if any(f.funder == parts[1] for f in c.funding)}
                else:
                    continue
                if line in own or not own <= words.keys():
                    continue
                fact = Fact("reference", "{" + ref + "}", ref, at, at + 1)
                what = f"the line '{label[next(iter(own))]}'" if parts[0] != "funder" else \
                    "funding for " + " and ".join(f"'{label[c]}'" for c in sorted(own))
                out.append(Reading(fact, passage.path, passage.where, entity=label[line], needle="{" + ref,
                                   model=f"{{cost.{line}}}", status="contradicts", code="PCD528",
                                   message=f"'{{{ref}}}' is {what}, but the words after it name "
                                   f"'{label[line]}' ({{cost.{line}}})"))
        return out

    def _label_words(self) -> dict[str, set[str]]:
        """Each cost line's words that no other line's label has ('cold', 'weather', 'jacket')."""
        if self.label_words is None:
            self.label_words = distinctive({c.id: {w.rstrip("s") for w in re.findall(r"[a-z][a-z-]{3,}",
                                                                                     c.label.lower())}
                                            - QUALIFIERS for c in self.paper.finance.costs})
        return self.label_words

    def _misfit(self, fact: Fact, clause: Clause, names: list[str]) -> dict | None:
        """A typed amount equal only to values its words rule out ('£9.55m for new cold weather
        jackets' is the body armour line; '£110,000' in a sentence about 2023-24 is 2022-23's):
        the value the words ask for, refused; never a reference to copy that keeps the mistake."""
        if not names:
            return None
        line = self._line_after(clause.words[fact.end:])
        periods = self.sentence_periods

        def fits(name: str) -> bool:
            parts = name.split(".")
            if periods and parts[-1] in self.period_ids and parts[-1] not in periods:
                return False
            row = _row(name)
            return not (line and row and row != line)

        if any(fits(n) for n in names):
            return None
        head = f"cost.{line}" if line else names[0].rsplit(".", 1)[0]
        meant = f"{head}.{next(iter(periods))}" if len(periods) == 1 and \
            f"{head}.{next(iter(periods))}" in self.paper.values else head
        value = self.paper.values.get(meant)
        if type(value) is not Decimal:
            return None
        return {"entity": meant, "model": money_text(value), "status": "contradicts", "code": "PCD202",
                "message": f"'{fact.text}' is typed in the prose, and is {{{names[0]}}}, not what its words "
                f"name: {{{meant}}} is {money_text(value)}"}

    def _line_after(self, words: str, pattern: re.Pattern = PAYS_FOR) -> str:
        """The one cost line the words after an amount name ('for new cold weather jackets')."""
        after = pattern.match(words)
        if not after or len(self.paper.finance.costs) < 2:
            return ""
        said = {w.rstrip("s") for w in re.findall(r"[a-z][a-z-]+", after.group(1).lower())}
        named = [c for c, w in self._label_words().items() if said & w]
        return named[0] if len(named) == 1 else ""

    def _annual(self, fact: Fact, contracts: list[ContractChange], base: Reading) -> Reading | None:
        """'or £2.5 million a year': a year's share of an amount the sentence gives, over the
        years of the contract it is about or the paper's periods, is verified; any other is
        refused with no reference to copy (none gives a year's share)."""
        typed = cast(Decimal, fact.value)
        years = {c.award.months // 12 if c.award else (c.months or 0) // 12 for c in contracts}
        years |= {len(self.periods)}
        if max(years) <= 1:
            return None  # a year's amount where everything runs a year: compared as any amount
        names = self.sentence_refs + [f"contract.{c.id}.value" for c in contracts]
        amounts = {n: cast(Decimal, self.paper.values[n]) for n in names
                   if type(self.paper.values.get(n)) is Decimal}
        for name, value in amounts.items():
            for n in years - {0, 1}:
                if abs(typed * n - value) <= max(abs(value) / 200, Decimal(n)):  # within its rounding
                    return base._replace(entity=self.entity_name(_entity(name)), status="verified",
                                         model=f"{{{name}}} over {n} years")
        if fact.role == "approx" or not fact.sure:
            return base
        return base._replace(code="PCD202", message=f"'{fact.text}' a year is typed in the prose, and no "
                             "amount of its sentence shared over its years gives it: check it, or declare "
                             "it under finance.figures with its source")

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

    def _line_share(self, fact: Fact, clause: Clause, step: Decimal, base: Reading) -> Reading | None:
        """'up to 6% of the grant towards MOPAC's project management costs': the share of the
        paper's money that the one line its words name takes (of a funder of the sentence, of
        any funder of the line, or of the whole), to the percentage's own places."""
        line = self._line_after(clause.words[fact.end:], SHARE_OF)
        if not line:
            return None
        fin = self.paper.finance
        cost = next(c for c in fin.costs if c.id == line)
        funders = {n.split(".")[1] for n in self.sentence_refs if n.startswith("funder.")} or \
            {f.funder for f in cost.funding}
        bases = [(f.total, f"{{funder.{f.id}}}") for f in fin.funders if f.id in funders and f.total]
        bases.append((fin.funding_total, "{total.funding}"))
        shares = [(cost.amount / total * 100, name) for total, name in bases if total]
        return _share(fact, shares, step, base._replace(entity=cost.label),
                      f"contradicts '{cost.label}' ({{cost.{cost.id}}}), which is")

    def _own_keeper(self, words: str) -> bool:
        """Whether the one who keeps is the paper's own body ('MOPAC keeps', 'it retains')."""
        own = {str(self.paper.style.data.get(k, "")).lower() for k in ("short_name", "organisation", "code")}
        who = re.findall(r"[A-Za-z][\w'’-]*", words)
        return bool(who) and (who[-1].lower() in own | {"it", "we"} or words.strip().lower() in own)

    def _kept_share(self, fact: Fact, step: Decimal, base: Reading) -> Reading:
        """'MOPAC keeps 5% of it', 'less the 5% MOPAC keeps': the share of the paper's funding
        (or of a funder of the lines kept) that its costs keep."""
        fin = self.paper.finance
        lines = [c for c in fin.costs if c.use == "keep"]
        kept = sum((c.amount for c in lines), Decimal(0))
        if not kept:
            return base._replace(entity="this paper", model="nothing", status="contradicts", code="PCD523",
                                 message=f"'{fact.text}' is said to be kept, but the paper keeps none of its "
                                 "funding (no cost line has use: keep)")
        funders = {line.funder for c in lines for line in c.funding}
        wholes = [(fin.funding_total, "{total.funding}")] + [
            (f.total, f"{{funder.{f.id}}}") for f in fin.funders if f.id in funders and f.total]
        shares = [(100 * kept / whole, name) for whole, name in wholes if whole]
        return _share(fact, shares, step, base._replace(entity="this paper"),
                      "is said to be kept, but the paper keeps {total.kept}, which is")

    def _percent_claim(self, fact: Fact, contracts: list[ContractChange], base: Reading) -> Reading | None:
        """'The change is under 10% of the original value': true of the change of the contract
        the sentence is about, else refused (PCD522); None when it is no claim about one."""
        before = self.sentence[:self.sentence.find(fact.text)]
        every = self.paper.contracts
        about = [c for c in contracts or (every if len(every) == 1 else []) if not c.award and c.known_value]
        if CONDITION.search(before) or not OWN_FIGURE.search(before) or len(about) != 1:
            return None
        c = about[0]
        typed = cast(Decimal, fact.value)
        name = c.number or c.service
        if (c.percent < typed) if fact.role == "below" else (c.percent > typed):
            return base._replace(entity=name, model=f"{{contract.{c.id}.percent}}", status="verified")
        return base._replace(entity=name, model=exact_percent(c.percent), status="contradicts", code="PCD522",
                             message=f"'{fact.role} {fact.text}' contradicts {name}, whose change is "
                             f"{exact_percent(c.percent)} of its value ({{contract.{c.id}.percent}})")

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
        step = Decimal(1).scaleb(-places) / 2  # "6%" is 5.5% to 6.5%, "0.6%" 0.55% to 0.65%
        keeps = KEEPS.search(clause.words[:fact.start])
        kept_after = KEPT_AFTER.match(clause.words[fact.end:])
        if keeps or kept_after:
            keeper = clause.words[:keeps.start()] if keeps else (kept_after.group("who") or "it") \
                if kept_after else ""
            if not self._own_keeper(keeper) or OF_ANOTHER.match(clause.words[fact.end:]):
                return base  # "the Home Office retains 5% of the national fund": another's money
            return self._kept_share(fact, step, base)
        line_share = self._line_share(fact, clause, step, base)
        if line_share:
            return line_share
        if fact.role in ("below", "above"):
            claim = self._percent_claim(fact, contracts, base)
            if claim:
                return claim
            fact = fact._replace(role="threshold")  # "variations over 10% need …": a rule's bound
        scheme = [n for n, v in self.paper.values.items() if n.startswith("scheme.")
                  and n.endswith("percent_over") and str(v) == f"{typed.normalize():f}"]
        if fact.role == "threshold" and scheme:
            return base._replace(entity="the scheme of delegation", model="{" + scheme[0] + "}%",
                                 status="verified")
        entity = self.entity_at(fact, clause, passage)
        if entity.startswith("recipient."):
            return self._recipient_share(fact, entity, step, base)
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

    def _recipient_share(self, fact: Fact, entity: str, step: Decimal, base: Reading) -> Reading:
        """'about 60% of the grant to Lewisham': a recipient's share of the paper's funding, or of
        what it grants on."""
        fin = self.paper.finance
        r = next(r for r in fin.recipients if f"recipient.{r.id}" == entity)
        granted = sum((x.total for x in fin.recipients), Decimal(0))
        shares = [(100 * r.total / whole, what) for whole, what in
                  ((fin.funding_total, "the funding"), (granted, "what is granted on")) if whole]
        if len(shares) == 2 and granted == fin.funding_total:
            shares = [(shares[0][0], "the funding, all of it granted on")]
        if not shares:
            return base._replace(entity=r.name)
        return _share(fact, shares, step, base._replace(entity=r.name),
                      f"contradicts {r.name} ({{{entity}}}), whose share is")

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
