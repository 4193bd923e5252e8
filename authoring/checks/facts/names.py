"""Who and what by name: counts, paper codes, bodies, approvers, routes, VAT and cross-references."""

from __future__ import annotations

import re
from decimal import Decimal
from difflib import SequenceMatcher
from typing import cast

from authoring.checks.facts.binding import Binding
from authoring.checks.facts.common import (ASKS, AWARDED_TO, COMPANY, CONDITION, DIRECT, FUNDING_WORDS,
                                           HEDGED, LISTED, NOT_PAYING, NOT_THIS, PAYING, POST, PROSE,
                                           SUPPLIER_KIND, TABLE_WORDS, TAKING, Reading, _entity, _swapped,
                                           _typed)
from authoring.model.facts import GIVEN, GROUND, MARK, Clause, Fact, ground
from authoring.model.names import period_id
from authoring.model.paper import Award
from authoring.model.references import NUMBER_WORDS, Count
from authoring.model.text import name_key

# the words that name who delivers a contract, just before the name
PROVIDER = re.compile(r"\b(provider|supplier|contractor|delivered by|run by|provided by|awarded to)\b",
                      re.IGNORECASE)
# a framework bought under: "call-off under the G-Cloud framework", "via the TS2 framework"
BOUGHT_UNDER = re.compile(r"\bcall(?:ed|s)?[- ]off\s+(?:the\s+|a\s+|an\s+)?$"
                          r"|\b(?:call(?:ed|s)?[- ]off|procure\w*|bought|buy|purchased?|award\w*|let|"
                          r"appointed|contracted)\b[^.;]{0,60}?\b(?:under|via|through|using|from|off|on)\s+"
                          r"(?:the\s+|a\s+|an\s+)?$", re.IGNORECASE)
# words of any framework's name, which tell none apart
FRAMEWORK_COMMON = frozenset("the a an this that its our crown commercial service services ccs national "
                             "government public sector london agreement dynamic purchasing system".split())
# a code named as an approval: "was approved in PCD 1065", "agreed by PCD 1065"
APPROVED_IN = re.compile(r"\b(?:approved|agreed|authori[sz]ed|committed)\s+(?:in|by|under|through)\s+"
                         r"(?:the\s+)?$", re.IGNORECASE)
# words that rely on a regulation: "allowed under", "permissible under", "within what … allows"
PERMITS = re.compile(r"\b(?:allow\w*|permi\w+|compliant|within what|relies on|relying on)\b"
                     r"|\b(?:made|modified|varied|extended|changed|uplifted|justified)\s+(?:\w+\s+)?under\s+"
                     r"(?:the\s+)?$", re.IGNORECASE)
# an award in the sentence: a regulation cited there is its own
AWARDING = re.compile(r"\b(?:award(?:s|ed|ing)?|let|procured|tendered|called off)\b", re.IGNORECASE)
# between an amount and the body said to give it: ", will be provided by", " is met by the"
GIVEN_BY = re.compile(r"[,\s]*(?:which\s+|and\s+)?(?:will be|is|are|was|were|to be|being)\s+"
                      r"(?:provided|paid|funded|met|given|contributed|covered)\s+(?:in full\s+)?by\s+"
                      r"(?:the\s+)?", re.IGNORECASE)
# a body paying: "the Home Office funds both programmes"
FUNDS = re.compile(r"(?:['’]s)?\s+(?:funds|pays for|meets|will fund|will pay for|provides)\b", re.IGNORECASE)
# an amount, then whose money it is: "{funder.match} of Home Office match funding"
OF_BODY = re.compile(r"\s+of\s+(?:the\s+)?")
FUNDING_AFTER = re.compile(r"(?:['’]s)?\s+(?:[\w-]+\s+){0,2}?"
                           r"(?:funding|grant|money|budget|contribution|income)\b", re.IGNORECASE)


class Names(Binding):
    """Names and numbers of things: bodies, approvers, codes, routes, counts."""

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
        recorded = self._approval_of(fact, clause)
        if recorded and self.papers.first(recorded[1]) != (series, number):
            ref, code = recorded
            return base._replace(entity=fact.text, model=code, status="contradicts", code="PCD513",
                                 message=f"'{fact.text}' is named as the approval of {{{ref}}}, which the "
                                 f"paper records as approved by {code}: write {{{ref}.approved_by}}")
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

    def _approval_of(self, fact: Fact, clause: Clause) -> tuple[str, str] | None:
        """'{funder.prior} of the funding was approved in PCD 1280': the funder a code is named
        as the approval of, and the approval the paper records for it."""
        if not APPROVED_IN.search(clause.words[:fact.start]):
            return None
        funders = {f.id: f for f in self.paper.finance.funders if f.approved_by}
        since = max([at for at, n in clause.refs if at < fact.start and n.endswith(".approved_by")] +
                    [m.end() for m in self.papers.pattern.finditer(clause.words[:fact.start])] + [-1])
        named = [_entity(n).split(".")[1] for at, n in clause.refs if since < at < fact.start
                 and _entity(n).startswith("funder.") and not n.endswith(".approved_by")]
        if len(set(named)) != 1 or named[-1] not in funders:  # two funders, two codes: which is whose?
            return None
        return f"funder.{named[-1]}", funders[named[-1]].approved_by

    def _body(self, fact, clause, contracts, passage, base: Reading) -> Reading:
        body = self.org_names[fact.value]
        payer = self._payer(fact, clause, body, passage) or self._paying_when(fact, clause, body)
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

    def _given_by(self, fact: Fact, clause: Clause) -> str:
        """The funder's amount a body is said to give after it, across a comma: '{funding.x.y},
        will be provided by London Probation'."""
        at = self.sentence.find(clause.words) + fact.start
        mark = self.sentence.rfind(MARK, 0, at)
        if mark < 0 or not GIVEN_BY.fullmatch(self.sentence[mark + 1:at]):
            return ""
        ref = self.sentence_refs[self.sentence.count(MARK, 0, mark)]
        return ref if ref.split(".")[0] in ("funder", "funding") else ""

    def _paying_when(self, fact: Fact, clause: Clause, body: str) -> dict | None:
        """'In {period.2026-27} the Home Office funds both programmes', '… is met from the Home
        Office grant': a body named as paying in periods where its funders give nothing."""
        fin = self.paper.finance
        ids = [period_id(p) for p in fin.periods]
        named = [ids.index(p) for p in self.sentence_periods if p in ids]
        theirs = [f for f in fin.funders if self.body_of(f.name) == body]
        paying = fact.role in ("from", "grant") or FUNDS.match(clause.words[fact.end:])
        if not named or not theirs or not paying or CONDITION.search(clause.words[:fact.start]):
            return None  # "unless the Home Office funds them again": not said to pay
        if any(f.by_period[i] for f in theirs for i in named):
            return None
        paid = [self.period_ids[ids[i]] for i in range(len(ids)) if any(f.by_period[i] for f in theirs)]
        asked = " and ".join(self.period_ids[ids[i]] for i in sorted(named))
        return {"entity": body, "model": ", ".join(paid), "status": "contradicts", "code": "PCD509",
                "message": f"'{fact.text}' is named as paying in {asked}, but its money in this paper is "
                f"in {' and '.join(paid) or 'no period'}"}

    def _payer(self, fact, clause, body: str, passage) -> dict | None:
        """'HMPPS have committed to providing {funder.hmpps}', 'The Home Office grant is
        {funder.home_office}': a body named just before a funder's amount, with words of giving
        between and no other body, is the one paying it. Compared only when the body is another
        funder of this paper (a recipient or a partner named there is no claim about who pays)."""
        if passage.where not in ("summary", "recommendation", "section"):
            return None
        money = [(at, n) for at, n in clause.refs if n.split(".")[0] in ("funder", "funding")]
        after = [n for at, n in money if at >= fact.end]
        before = [(at, n) for at, n in money if at < fact.start]
        named = False
        given_by = self._given_by(fact, clause)
        if before and OF_BODY.fullmatch(clause.words[before[-1][0] + 1:fact.start]) and \
                FUNDING_AFTER.match(clause.words[fact.end:]):
            after, named = [before[-1][1]], True  # "{funder.match} of Home Office match funding"
        elif given_by:
            after, named = [given_by], True  # "{funding.mopac_iom.x}, will be provided by London Probation"
        elif not after:
            return None
        else:
            gap = clause.words[fact.end:next(at for at, n in clause.refs if n == after[0] and at >= fact.end)]
            if len(gap) > 40 or MARK in gap or not PAYING.search(gap) or NOT_PAYING.search(gap) \
                    or (self.orgs and self.orgs.search(gap)):
                return None  # "London Probation will commission the service paid for by …": not its money
            named = DIRECT.match(gap) is not None  # "The Ministry of Justice grant is {funder.home_office}"
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
        if body in family or any(self.parents.get(b) == body for b in family if b) or \
                (body not in theirs and not named):
            return {"entity": body, "status": "verified" if body in family else "external"}
        tail = FUNDING_AFTER.match(clause.words[fact.end:])
        return {"entity": body, "model": funder.name, "status": "contradicts", "code": "PCD509",
                "message": f"'{fact.text}' is named as giving {{{after[0]}}}, which comes from {funder.name}",
                "needle": fact.text + tail.group(0) if tail and before else ""}

    def _org(self, fact, clause, contracts, passage, base: Reading) -> Reading:
        """A body typed by its own name ('Atos IT Services Ltd'): one the paper holds, a slip
        in the name of one it holds, or the supplier of the contract the sentence awards."""
        key = name_key(fact.value)
        if key in self.known:
            name, ref = self.known[key]
            at = self.sentence.find(fact.text)
            about = [c for c in self.paper.contracts if self.named(c, self.sentence[max(0, at - 60):at])]
            if ref.startswith("contract.") and len(about) == 1 and about[0].id != ref.split(".")[1] \
                    and about[0].supplier and name_key(about[0].supplier) != key \
                    and PROVIDER.search(self.sentence[max(0, at - 30):at]):
                c = about[0]  # "… the existing mental health provider, <the other contract's supplier>"
                return base._replace(entity=c.name, model=c.supplier, status="contradicts", code="PCD524",
                                     message=f"'{fact.text}' is named as the provider of {c.name}, which "
                                     f"is {c.supplier}'s: write {{contract.{c.id}.supplier}}")
            return base._replace(entity=name, status="verified")
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
        if not actual:
            return base._replace(entity=c.number or c.service)  # a strategy: no route chosen yet
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

    def _ground(self, fact, clause, contracts, passage, base: Reading) -> Reading:
        """'permissible under Regulation 72(1)(c)': the ground the change of the contract its
        sentence is about relies on (its `regulation`), and an option foreseen in the contract
        is 72(1)(a), never the unforeseeable 72(1)(c)."""
        every = [c for c in self.paper.contracts if not c.award]
        alone = every if len(every) == 1 and not contracts else []  # the paper's one change
        changes = [c for c in contracts if not c.award] or alone
        if len(changes) != 1:
            return base
        c = changes[0]
        typed: str = fact.value
        if typed.split("(")[0] != "72":
            before = clause.words[:fact.start]
            if not PERMITS.search(before) or NOT_THIS.search(before) or AWARDING.search(self.sentence):
                return base  # "the contract was let under regulation 33": its award, not this change
            return base._replace(entity=c.name, model="72", status="contradicts", code="PCD529",
                                 message=f"'{fact.text}' is cited for {c.name}'s {c.kind}, but a change to a "
                                 "contract in its term is allowed by regulation 72 of the PCR 2015")
        stated = GROUND.search(c.regulation)
        if stated:
            right = ground(stated)
            if right.startswith(typed) or typed.startswith(right):
                return base._replace(entity=c.name, model=right, status="verified")
            return base._replace(entity=c.name, model=right, status="contradicts", code="PCD529",
                                 message=f"'{fact.text}' contradicts {c.name}, whose change relies on "
                                 f"{right} (its regulation: {c.regulation})")
        if c.foreseen and typed == "72(1)(c)":
            return base._replace(entity=c.name, model="72(1)(a)", status="contradicts", code="PCD529",
                                 message=f"'{fact.text}' is for what could not be foreseen, but {c.name}'s "
                                 f"{c.kind} was foreseen in the contract (foreseen: true): that is 72(1)(a)")
        if c.foreseen and typed == "72(1)(a)":
            return base._replace(entity=c.name, model="72(1)(a)", status="verified")
        return base._replace(entity=c.name)

    def _foresight(self, fact, clause, contracts, passage, base: Reading) -> Reading:
        """'although no extension option was included': the change of the contract its sentence
        is about was foreseen in the contract (foreseen: true), or the words are the author's."""
        changes = [c for c in contracts if not c.award]
        if len(changes) != 1 or HEDGED.search(clause.words[:fact.start]):
            return base  # "where no option was included, …": a rule, not this contract
        c = changes[0]
        if not c.foreseen:
            return base._replace(entity=c.name, status="verified")
        return base._replace(entity=c.name, model="foreseen", status="contradicts", code="PCD529",
                             message=f"'{fact.text}' contradicts {c.name}, whose {c.kind} was foreseen in "
                             "the contract (foreseen: true)")

    def _framework(self, fact, clause, contracts, passage, base: Reading) -> Reading:
        """'under the G-Cloud framework': the framework of the award its sentence is about shares
        a distinctive word with the name typed ('TS2' of 'Technology Services 2 (TS2)')."""
        every = [c for c in self.paper.contracts if c.award and c.award.framework]
        awards = [c for c in contracts if c.award and c.award.framework] or \
            (every if len(every) == 1 and not NOT_THIS.search(self.sentence) else [])
        typed = set(re.findall(r"[a-z0-9]+", fact.value.lower().replace("-", ""))) - FRAMEWORK_COMMON
        if len(awards) != 1 or not typed or not BOUGHT_UNDER.search(clause.words[:fact.start]):
            return base  # "the London IOM framework" of policy, or no one award to compare with
        c, framework = awards[0], cast(Award, awards[0].award).framework
        own = set(re.findall(r"[a-z0-9]+", framework.lower().replace("-", "")))
        if re.search(r"\bRM\s?\d+", fact.value):
            return base._replace(entity=c.name)  # an agreement's number: a person checks it
        numbers = {w for w in typed if w.isdigit()}
        if typed & own and not (numbers and not numbers & own):  # "Technology Services 3" is not TS2
            return base._replace(entity=c.name, model=framework, status="verified")
        return base._replace(entity=c.name, model=framework, status="contradicts", code="PCD515",
                             message=f"'{fact.text} framework' contradicts {c.name}, which is called off "
                             f"under {framework}")

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
