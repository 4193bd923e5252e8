"""The fact reader: every typed fact in the text that reaches an output, with its kind and value.

One reader for all the paper's text (title, summary, recommendations, sections, labels, names,
declarations, background papers, the deferral reason): it finds money, percentages, dates,
financial years, durations and terms, counts, paper codes, bodies, approvers, procurement routes
and VAT wording, and says what role the words around a fact give it ("until" March 2026 is an
end; "a notice period of" four months is no term). Binding a fact to what it is about and
comparing it with the model is the checks' job (authoring/checks/facts/).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Iterator, NamedTuple

from authoring.model.paper import Paper
from authoring.model.references import NUMBER_WORDS

MONTHS = ("January February March April May June July August September October November "
          "December").split()
_MONTH = "|".join(MONTHS) + "|" + "|".join(m[:3] for m in MONTHS) + r"|Sept"
NUMBER = r"(\d{1,3}|(?=[otfsenOTFSEN])(?:" + "|".join(NUMBER_WORDS[1:]) + "))"
REF = re.compile(r"\{([a-z][a-z0-9_.-]*)(?::[a-z]+)?\}")
MARK = "§"  # where a reference stood: no word, no digit


class Fact(NamedTuple):
    """One typed fact: its kind, the words as typed, the value they mean and where they stand."""

    kind: str  # money | percent | date | month | year | duration | term | count | tally | code | xref
    #            | body | org | authority | route | vat | nil | kindof | ground | foresight | framework;
    #            the checks make "reference" readings of the references themselves (PCD528)
    #            | body | authority | route | vat
    text: str
    value: object
    start: int
    end: int
    role: str = ""  # start | end | extension | term | option | notice | threshold | approver …
    sure: bool = True  # False: a bare number the words around it make money, perhaps


class Passage(NamedTuple):
    """A piece of text that reaches an output, with where it is in the spec."""

    path: tuple
    source: str
    where: str  # title | summary | recommendation | section | label | name | declaration | paper | reason


class Clause(NamedTuple):
    """A stretch of a sentence between commas, semicolons and dashes: facts bind within it."""

    words: str  # references replaced by MARK
    refs: tuple[tuple[int, str], ...]  # (position of the MARK, reference name)
    sentence: int  # which sentence of the passage


def passages(paper: Paper) -> Iterator[Passage]:
    """Every text of the paper that is printed, in reading order."""
    yield Passage(("title",), paper.title, "title")
    for p in paper.summary:
        yield Passage(p.text.path, p.text.source, "summary")
        for b in p.bullets:
            yield Passage(b.path, b.source, "summary")
    for r in paper.recommendations:
        yield Passage(r.text.path, r.text.source, "recommendation")
        for b in r.bullets:  # part of the recommendation, read as it is
            yield Passage(b.path, b.source, "recommendation")
    for s in paper.sections:
        for para in s.paragraphs:
            yield Passage(para.text.path, para.text.source, "section")
            for b in para.bullets:
                yield Passage(b.path, b.source, "section")
    for label in paper.labels:
        yield Passage(label.path, label.source, "label")
    for f in paper.finance.funders:
        yield Passage(f.path + ("name",), f.name, "name")
    for rc in paper.finance.recipients:
        yield Passage(rc.path + ("name",), rc.name, "name")
    for c in paper.contracts:
        for field in ("service", "supplier"):
            if getattr(c, field):
                yield Passage(c.path + (field,), getattr(c, field), "name")
    standard = {" ".join(str(d.get(k, "")).split()) for d in paper.style.declarations
                for k in ("text", "not_required")}
    for d in paper.declarations:
        if " ".join(d.text.source.split()) not in standard:  # the style's own words: not typed here
            yield Passage(d.text.path, d.text.source, "declaration")
        for n in d.notes:
            yield Passage(n.path, n.source, "declaration")
    papers = next((s.papers for s in paper.sections if s.papers), ())
    for i, bp in enumerate(papers):
        yield Passage(("background_papers", i, "title"), bp.title, "paper")
    if paper.interests:
        yield Passage(paper.interests.path, paper.interests.source, "section")
    if paper.publication.reason:
        yield Passage(paper.publication.reason.path, paper.publication.reason.source, "reason")


SENTENCE = re.compile(r"(?<=[.;!?:])\s+(?=[A-Z{(\"'])")
CLAUSE = re.compile(r"\s*(?:;|,(?!\d{3})|\s[–—]\s|\s-\s)\s*")


def clauses(source: str) -> list[Clause]:
    """The passage's clauses, sentence by sentence, with the references each holds."""
    out: list[Clause] = []
    text = " ".join(source.split())
    for n, sentence in enumerate(SENTENCE.split(text)):
        for part in CLAUSE.split(sentence):
            refs: list[tuple[int, str]] = []
            words: list[str] = []
            pos = 0
            length = 0
            for m in REF.finditer(part):
                chunk = part[pos:m.start()]
                words.append(chunk)
                length += len(chunk)
                refs.append((length, m.group(1)))
                words.append(MARK)
                length += 1
                pos = m.end()
            words.append(part[pos:])
            out.append(Clause("".join(words), tuple(refs), n))
    return out


# -- the patterns ---------------------------------------------------------------------------------
class Lazy:
    """A pattern compiled when first used: a check pays only for the kinds of fact its paper has
    (compiling every pattern up front is a tenth of a cold `pcd check`)."""

    __slots__ = ("args", "compiled")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.args: tuple[str, int] = (pattern, flags)
        self.compiled: re.Pattern | None = None

    def __getattr__(self, name: str):
        if self.compiled is None:
            self.compiled = re.compile(*self.args)
        return getattr(self.compiled, name)


MONEY = re.compile(r"(?<![\w.,/£])(£\s?)?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?"
                   r"(?:\s?(million|billion|bn|m|k)\b)?(?![\d%/]|\.\d|\s?(?:per ?cent|%))",
                   re.IGNORECASE)
MONEY_WORDS = Lazy(r"\b(cost(s|ing)?|value[ds]?|worth|totall?(ing|ed|s)?|budget|funding|grant|"
                         r"contribution|price|fee|sum|amount|spend|award(ed)?|allocat\w*|saving)s?\b"
                         r"[^.]{0,25}$", re.IGNORECASE)
SCALE = {"k": 1_000, "m": 1_000_000, "million": 1_000_000, "bn": 1_000_000_000,
         "billion": 1_000_000_000}
# a share in words, of the paper's money: "a quarter of the value", "two thirds of the grant"
FRACTIONS = {"half": Decimal(50), "third": Decimal("33.33"), "thirds": Decimal("66.67"),
             "quarter": Decimal(25), "quarters": Decimal(75), "fifth": Decimal(20), "tenth": Decimal(10)}
FRACTION_HINT = Lazy(r"half|third|quarter|fifth|tenth", re.IGNORECASE)
FRACTION = Lazy(r"\b((?:a|one)\s+(?:half|third|quarter|fifth|tenth)|half|two\s+thirds|three\s+quarters)"
                r"\s+of\s+(?:the|its|this|their)\s+(?:[\w-]+\s+)?(?:value|grant|funding|total|cost|costs|budget|"
                r"contract|money|uplift|increase|award)\b(?!\s+(?:of|for)\b)", re.IGNORECASE)
PERCENT = re.compile(r"(?<![\w.])(\d{1,3}(?:\.\d+)?)\s?(%|per ?cent\b)", re.IGNORECASE)
DATE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)? (" + "|".join(MONTHS) + r") (\d{4})\b"
                  r"|\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
MONTH = re.compile(r"(?<!\d )(?<!\d\d )\b(" + _MONTH + r")\.? (\d{4})\b")
YEAR = re.compile(r"(?<![\w/£.-])(20\d\d)\s?[/–-]\s?(20\d\d|\d\d)(?![\w/-]|\.\d)")
# "six months", "18-month", "twelve more months" (what is added: an extension or an option)
DURATION = re.compile(r"\b" + NUMBER + r"[ -](?:more |further |additional |extra )?(week|month|year)s?\b",
                      re.IGNORECASE)
TERM = Lazy(r"\b(\d{1,2}|" + "|".join(NUMBER_WORDS[1:11]) + r")((?:\s?\+\s?(?:\d{1,2}|"
                  + "|".join(NUMBER_WORDS[1:11]) + r"))+)\s?[ -]?(year|month)s?\b", re.IGNORECASE)
COUNTED = (r"(boroughs|recipients|recommendations|contracts|funders|cost lines|funding lines|lines|amounts|"
           r"borough (?:projects|partners|bids|schemes|areas|councils))")
COUNTED_HINT = re.compile(r"borough|recipient|recommendation|contracts|funders|lines|amounts", re.I)
# "two London Approved Premises", "three lots": a count of something the model does not list,
# compared with the paper's other counts of the same thing (the last two words name it)
TALLY = Lazy(r"(?<![\w.,£/-])" + NUMBER + r" ((?:[A-Za-z][\w'’-]* ){0,2}?[A-Za-z][\w'’-]*s)\b", re.IGNORECASE)
NOT_COUNTED = frozenset("""of the and or to in for on at by with a an more further other others
additional extra new such these those both each per times years months weeks days hours minutes
pounds percent cent million millions thousand thousands billion options extensions terms quarters
is was has its their his her""".split())
LABEL_BEFORE = Lazy(r"\b(section|paragraph|clause|regulation|schedule|article|part|page|lot|phase|"
                    r"tranche|round|option|stage|annex|appendix|no\.?)\s*$", re.IGNORECASE)
# a date the sentence tells as past: "was signed on", "has been agreed by the Board on"
PAST = Lazy(r"\b(?:has|have|had|was|were)\s+(?:been\s+)?(?:\w+ed|\w+en|met|held|sent|made|set)\b"
            r"[^.;]{0,80}?\b(?:on|in)\s*$", re.IGNORECASE)
COUNT = Lazy(r"\b" + NUMBER + r" (?:separate |different |London )?" + COUNTED + r"\b", re.IGNORECASE)
# "recommendation 3", "paragraph 3.4"; not "Schedule 3, paragraph 7" (another document's paragraph)
XREF = Lazy(r"\b(recommendations?)\s+(\d+)\b|\b(paragraphs?|para\.|sections?)\s+(\d+\.\d+)\b(?!\()",
                  re.IGNORECASE)
# "paragraph 4.13 of the Scheme of Delegation": another document's numbering, not this paper's
ELSEWHERE = Lazy(r"^\s*(?:of|in|under)\s+(?!this\b)(?:the\s+|its\s+|a\s+)?[\w'’]", re.IGNORECASE)
class Codes(NamedTuple):
    """How paper codes read in a house style: 'PCD 1843', 'MD 2973' and the style's own series;
    for a style whose references carry the year ('2024/41'), 'Decision 2024/14' too."""

    pattern: re.Pattern
    series: str  # the style's own code

    def key(self, m: re.Match) -> tuple[str, int | tuple[int, int]]:
        if m.lastgroup == "n":
            return (self.series, (int(m.group("year")), int(m.group("n"))))
        return (m.group("series"), int(m.group("number")))

    def first(self, text: str) -> tuple[str, int | tuple[int, int]]:
        m = self.pattern.search(text)
        return self.key(m) if m else ("", 0)


SERIES = ("PCD", "DMPCD", "MD", "DD", "ADD")


def codes(series: str, yearly: bool) -> Codes:
    known = "|".join(sorted({*SERIES, series}, key=len, reverse=True))
    pattern = rf"\b(?P<series>{known})\s?[-–]?\s?(?P<number>\d{{2,5}})\b(?![/\d])"
    if yearly:  # "Decision Notice 2024/14", or a bare "2025/045" that can be no financial year
        pattern += (rf"|(?:\b(?:{re.escape(series)}|[Dd]ecision(?: [Nn]otice)?|[Nn]otice)\s?(?:[Nn]o\.?\s?)?"
                    r"|(?<![\w/])(?=20\d\d/(?:\d{3,4}|(?!\d\d\b)\d)))(?P<year>20\d\d)/(?P<n>\d{1,4})\b")
    return Codes(re.compile(pattern), series)


CODES = codes("PCD", False)
VAT = Lazy(r"\b((?:excluding|exclusive of|excl\.?|ex\.?|net of|plus|\+)\s?VAT|"
                 r"(?:including|inclusive of|incl\.?|inc\.?)\s?VAT|VAT[ -](?:exclusive|inclusive))\b",
                 re.IGNORECASE)
ROUTES = (("open_tender", r"open (?:competitive )?(?:tender(?:ing)?|procedure|competition)|"
                          r"competitive tender|competitively tendered"),
          ("competition", r"mini[- ]competition|further competition"),
          ("framework", r"call[- ]off|framework agreement|(?:via|through|under|"
                        r"using|from) (?:a|the|an existing) framework"),
          ("direct_award", r"direct(?:ly)? award(?:ed)?|single[- ]tender|waiver"))
NOT_ROUTE = Lazy(r"\b(without|not|no|rather than|instead of|avoid\w*)\s+(?:a\s+|an\s+|the\s+|any\s+)?"
                 r"(?:\w+\s+)?$", re.IGNORECASE)
ROUTE = Lazy("|".join(f"(?P<{k}>\\b(?:{p})\\b)" for k, p in ROUTES), re.IGNORECASE)

# what the words before (or after) a fact make of it
STARTS = Lazy(r"\b(from|starting|commencing|beginning|starts?|started|start date of|begins?|"
              r"between)\s+(on\s+|in\s+)?((the )?start of\s+)?$", re.IGNORECASE)
ENDS = Lazy(r"\b(until|to|till|through|ending|ends?|end of|end date of|expires?|expiring|"
                  r"expiry|by|due to end)\s+(on\s+|in\s+)?(the end of\s+)?$", re.IGNORECASE)
RANGE_JOIN = Lazy(r"\s*(to|until|till|through|–|—|-|and)\s*", re.IGNORECASE)
AWARD_FOR = Lazy(r"\b(award\w*|procure\w*|call[- ]off|let|tender)\b[^.]{0,100}\bfor\s+$", re.IGNORECASE)
# "for three years with an option to extend": the term its options follow
OPTIONS_AFTER = Lazy(r"\s*,?\s*(?:with|plus)\s+(?:an?\s+|the\s+)?(?:\w+\s+)?(?:options?|optional)\b",
                     re.IGNORECASE)
# "the contract is for three years", "the call-off runs for 24 months"
RUNS_FOR = Lazy(r"\b(?:contract|agreement|call-off)\s+(?:is|runs|will run|lasts|will last)\s+(?:for\s+)?$",
                re.IGNORECASE)
NOTICE = Lazy(r"\bnotice\b", re.IGNORECASE)
TERM_WORDS = Lazy(r"\b(initial(ly)?|original(ly)?|core|base|first)\b[^.]{0,30}$|\b(term|contract "
                        r"period|period) of\s+$", re.IGNORECASE)
SPREAD = Lazy(r"(?:§|\d|\b(?:m|k|bn|million|billion))\s+(?:over|across|spread over)\s+(?:the\s+)?"
              r"(?:next\s+)?$", re.IGNORECASE)
OPTION_WORDS = Lazy(r"\b(options?|optional)\b[^.]{0,30}$", re.IGNORECASE)
FURTHER_WORDS = Lazy(r"(\bfurther|\bplus|\+)\s*(\w+\s+)?$", re.IGNORECASE)
EXTEND_WORDS = Lazy(r"\b(extend\w*|extension|prolong\w*)\b[^.]{0,45}$", re.IGNORECASE)
# "about £2 million", "just under 37%": the author's approximation of a figure, not the figure
APPROX = Lazy(r"\b(about|around|approximately|approx\.?|roughly|nearly|almost|some|circa|c\.|averag\w*|"
              r"on average|(?:just|a little|a bit|slightly|fractionally) "
              r"(?:under|over|below|above|short of|less than|more than)|in the region of|of the order of|"
              r"in excess of)\s*£?$", re.IGNORECASE)
# "the value is below £50,000", "the extension exceeds £500,000": a claim about the paper's own
# figure (not a rule's bound, "contracts above £500,000 need …"), checked against it
_CLAIMED = (r"(?:the|its|this)\s+(?:[\w-]+\s+){0,3}?(?:value|cost|costs|total|price|contract|award|extension|"
            r"variation|uplift|change|grant|spend|amount|sum)")
CLAIM = Lazy(rf"\b(?:{_CLAIMED}|it)\s+(?:is|are|will be|would be|remains|falls|sits|comes)\s+"
             r"(?:well\s+|just\s+|comfortably\s+|therefore\s+|still\s+|so\s+)?"
             r"(?P<op>below|under|less than|within|above|over|more than|in excess of|greater than)\s*$"
             rf"|\b{_CLAIMED}\s+(?P<verb>exceeds|does not exceed)\s*$"
             r"|^\s*at\s+(?:just\s+)?(?P<at>under|below|over|above)\s*$", re.IGNORECASE)
# "£500,000 or more", "10% and above": a bound the figure sets, as a scheme of delegation words it
BOUND_AFTER = Lazy(r"^\s*(?:(or|and) (more|over|above|less|under|below)|(limit|threshold|cap|ceiling))\b",
                   re.IGNORECASE)
THRESHOLD = Lazy(r"\b(over|exceed\w*|more than|above|at least|greater than|below|under|within|"
                       r"less than|threshold|up ?to|not exceeding|limit)\b[^.]{0,12}$", re.IGNORECASE)
# "This report asks the Mayor to", "The Mayor is asked to": who is asked to decide is the paper's
# decision maker
ASKED_BEFORE = Lazy(r"\bthis (?:paper|report|decision|note) asks (?:the )?$", re.IGNORECASE)
ASKED_AFTER = Lazy(r"^\s+(?:is|are) (?:asked|invited|requested) to\b", re.IGNORECASE)
APPROVER = Lazy(r"\b(?:approv\w* (?:by|of|from)|sign(?:ed)?[- ]off (?:by|of|from)|remains with|"
            r"decision (?:for|of|by)|(?:requires|needs|need|require|for) (?:the )?(?=\S+(?:'s|’s)? "
            r"(?:approval|sign-off|decision)))\s+(?:the\s+|an?\s+)?$", re.IGNORECASE)
# "the Chief Executive may award it": the approver named before what they may do
APPROVER_AFTER = Lazy(r"^\s+(?:alone\s+)?(?:may|can|could|is able to|has (?:the )?(?:delegated )?"
                      r"(?:authority|power) to)\s+(?:approve|award|agree|sign|authori[sz]e|decide)\b",
                      re.IGNORECASE)
# "This report asks the Chief Constable to award …", "The Deputy Mayor is asked to approve …": a
# title the house style does not list, asked to take the decision, is compared with the decision
# maker's (asked only to note, it may be anyone's)
_TITLE = r"[A-Z][\w'’-]*(?:(?: (?:for|of|and|on|the))* [A-Z][\w'’-]*)*"
_DECIDE = (r"(?:approve|agree|award|accept|authori[sz]e|endorse|decide|sign|delegate|extend|vary|"
           r"allocate|procure|commission)\b")
ASKED_TITLE = Lazy(r"\b(?i:this|the) (?i:paper|report|decision|note|notice|submission|form) asks (?:the )?"
                   rf"(?P<before>{_TITLE}) to {_DECIDE}|^(?:The )?(?P<after>{_TITLE}) (?:is|are) "
                   rf"(?:asked|invited|requested) to {_DECIDE}")


DIGIT = re.compile(r"\d")
_BODY = (r"(?:Ltd|Limited|plc|PLC|LLP|CIC|Trust|University|College|Foundation|Centre|Charity|Association|"
         r"Society)")
ORG_HINT = re.compile(rf"\b{_BODY}\b")
ORG = Lazy(r"(?<![\w'’-])[A-Z][\w&'’-]*(?: (?:(?:of|for|the|&) )*[A-Z][\w&'’-]*){0,6}? "
           rf"{_BODY}\b"
           r"|\bUniversity of (?:the )?[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,2}")
# a claim that the paper moves no money, of a kind: all of it, new money, or money kept
NIL = Lazy(r"\bno (?:direct )?financial implications\b(?:\s+(?:for|to|on)\s+(?:the\s+)?(?P<whom>[\w'’]+))?"
           r"(?!\s+(?:beyond|other than|over and above|outside))|\bat no cost\b|\bcost[- ]neutral\b"
           r"|(?P<new>\bno (?:new|additional|extra) (?:money|funding|spend\w*|budget)\b"
           r"|\bnone of (?:it|this|the (?:money|funding|cost|grant)) is (?:new|additional)\b"
           r"|\bat no (?:additional|extra) cost\b)"
           r"|(?P<kept>\b(?:keeps?|retains?|keeping|retaining) none\b"
           r"|\bnone of (?:it|the grant|the funding) is (?:kept|retained)\b)", re.IGNORECASE)
# an amount said to be carried forward: "{funder.x} is carried forward", "the carry-forward of {funder.x}"
CARRIED = Lazy(MARK + r"\s+(?:is\s+|are\s+|was\s+|may be\s+|will be\s+|to be\s+|being\s+)?"
               r"(?:an?\s+(?:further\s+|new\s+)?)?(?P<a>carr(?:y|ied)[- ]forward)\b"
               r"|\b(?P<b>carr(?:y|ied)[- ]forward)\s+of\s+" + MARK, re.IGNORECASE)
GIVEN_TO = re.compile(MARK + r"\s+(?:to|for)\s+(?:the\s+)?$")
FROM = re.compile(r"\bfrom\s+(the\s+)?$")
# "the Home Office's Safer Streets grant": a body named as the giver of a grant
GIVEN = re.compile(r"(?:'s|’s)?\s+(?:[\w-]+\s+){0,5}?(?:grant|funding|contribution|allocation)\b",
                   re.IGNORECASE)
NUMBER_WORD = re.compile(r"\b(?=[otfsen])(?:" + "|".join(NUMBER_WORDS[1:]) + r")\b", re.IGNORECASE)
# a regulation of the PCR 2015 relied on: "Regulation 72(1)(a)", "reg. 72(5)", "regulation 33"
GROUND = Lazy(r"\b(?:regulation|reg\.?)\s*(\d{1,3})(?![\d/])(?:\s*\(\s*(\d+)\s*\))?"
              r"(?:\s*\(\s*([a-fA-F])\s*\))?(?!\s*of the (?:Police|Local|Data|General))", re.IGNORECASE)
# a change said not to have been foreseen in the contract
UNFORESEEN = Lazy(r"\bno (?:extension |further |such )?options? (?:to extend )?"
                  r"(?:was|were|is|are|had been|has been) (?:included|provided|built in|available)"
                  r"|\bnot (?:been )?(?:foreseen|provided for|anticipated) (?:in|by|within) the "
                  r"(?:original |initial )?(?:contract|procurement)"
                  r"|\b(?:change|extension|variation|modification|option|uplift)s?\b[^.;,]{0,30}?"
                  r"\b(?:was|were|is|are|been) (?:not foreseen|unforese\w+)", re.IGNORECASE)
# a framework named: "the G-Cloud framework", "Technology Services 2 (TS2) framework"
FRAMEWORK_NAMED = Lazy(r"((?:[A-Z0-9][\w-]*\s+(?:(?:of|and|for|&)\s+)?){1,6}(?:\([A-Z0-9]+\)\s+)?)"
                       r"[Ff]ramework\b")
ROUTE_HINT = re.compile(r"(?=[tfcdswo])(?:tender|framework|call|direct|single|waiver|competition|open)",
                        re.IGNORECASE)


def read(words: str, orgs: re.Pattern | None = None, authorities: re.Pattern | None = None,
         papers: Codes = CODES, names: re.Pattern | None = None) -> list[Fact]:
    """Every typed fact in one clause (references already replaced by MARK), in order."""
    facts: list[Fact] = []
    taken: list[tuple[int, int]] = []

    def add(f: Fact) -> None:
        facts.append(f)
        taken.append((f.start, f.end))

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    # Most clauses hold no figure: each family of patterns runs only where it could match.
    digits = DIGIT.search(words) is not None
    if digits:
        _dated(words, facts, add, free, papers)
    if digits or NUMBER_WORD.search(words):
        _counted(words, add, free)
    if digits:
        for m in MONEY.finditer(words):
            if free(m.start(), m.end()) and m.group(0).strip():
                money = _money(m, words)
                if money is not None:
                    add(money)
    if FRACTION_HINT.search(words):
        for m in FRACTION.finditer(words):  # "a quarter of the value": a share in words, rounded
            bound = _bound(words, m.start(), m.end())
            add(Fact("percent", m.group(1), FRACTIONS[m.group(1).lower().split()[-1]], m.start(1), m.end(1),
                     bound if bound in ("below", "above") else "approx"))
    if "VAT" in words or "vat" in words:
        for m in VAT.finditer(words):
            inclusive = re.search(r"incl|inc\b|inc\.|including|inclusive", m.group(0), re.IGNORECASE)
            add(Fact("vat", m.group(0), "inclusive" if inclusive else "exclusive", m.start(), m.end()))
    if "fores" in words or "option" in words or "provided for" in words:
        for m in UNFORESEEN.finditer(words):  # "no extension option was included": said unforeseen
            add(Fact("foresight", m.group(0), False, m.start(), m.end()))
    if "ramework" in words:
        for m in FRAMEWORK_NAMED.finditer(words):  # "under the G-Cloud framework": which framework
            if free(m.start(1), m.end(1)):
                name = m.group(1).rstrip()
                if re.sub(r"\b(?:The|This|That|Its|Our|A|An)\b", "", name).strip():  # "The framework"
                    add(Fact("framework", name, name, m.start(1), m.start(1) + len(name)))
    if ROUTE_HINT.search(words):
        for m in ROUTE.finditer(words):  # "without a further competition": a route not taken
            add(Fact("route", m.group(0), m.lastgroup, m.start(), m.end(),
                     "not" if NOT_ROUTE.search(words[max(0, m.start() - 40):m.start()]) else ""))
    if orgs is not None:
        for m in orgs.finditer(words):
            add(Fact("body", m.group(0), m.group(0), m.start(), m.end(),
                     "from" if FROM.search(words[:m.start()]) else
                     "grant" if GIVEN.match(words[m.end():]) else ""))
    if " ask" in words:  # a whole title asked to decide ("the Deputy Mayor for …", not its "Mayor")
        for m in ASKED_TITLE.finditer(words):
            at = "before" if m.group("before") else "after"
            if not (authorities and authorities.fullmatch(m.group(at))):
                add(Fact("authority", m.group(at), m.group(at), m.start(at), m.end(at), "asked"))
    if authorities is not None:
        for m in authorities.finditer(words):
            if not free(m.start(), m.end()):
                continue
            approver = APPROVER.search(words[:m.start()]) or APPROVER_AFTER.match(words[m.end():])
            asked = ASKED_BEFORE.search(words[:m.start()]) or ASKED_AFTER.search(words[m.end():])
            role = "approver" if approver else "asked" if asked else ""
            add(Fact("authority", m.group(0), m.group(0), m.start(), m.end(), role))
    if "no" in words or "No" in words or "neutral" in words:  # "no financial implications", "none of it"
        for m in NIL.finditer(words):
            what = ("new_money" if m.group("new") else "kept" if m.group("kept") else "costs")
            add(Fact("nil", m.group(0), what, m.start(), m.end(), m.group("whom") or ""))
    if ORG_HINT.search(words):  # "Atos IT Services Ltd", "Lancaster University": a body by its own name
        for m in ORG.finditer(words):
            if free(m.start(), m.end()):
                add(Fact("org", m.group(0), m.group(0), m.start(), m.end()))
    if MARK in words and "arr" in words:  # "of which {funder.x} is carried forward": what kind of money
        for m in CARRIED.finditer(words):  # the words, with where the amount's reference stands
            at = "a" if m.group("a") else "b"
            mark = m.start() if m.group(0).startswith(MARK) else m.end() - 1
            add(Fact("kindof", m.group(at), "carry_forward", m.start(at), m.end(at), str(mark)))
    if names is not None and MARK in words:  # "{recipient.croydon} to Lewisham": who an amount is given to
        for m in names.finditer(words):
            if GIVEN_TO.search(words[max(0, m.start() - 12):m.start()]) and free(m.start(), m.end()):
                add(Fact("name", m.group(0), m.group(0), m.start(), m.end(), "given"))
    facts.sort(key=lambda f: f.start)
    return facts


def _dated(words: str, facts: list[Fact], add, free, papers: Codes) -> None:
    """Paper codes, cross-references, grounds of regulation 72, dates, months, financial years
    and percentages."""
    for m in GROUND.finditer(words) if "egulation" in words or "reg" in words else ():
        add(Fact("ground", m.group(0), ground(m), m.start(), m.end()))
    for m in papers.pattern.finditer(words):
        add(Fact("code", m.group(0), papers.key(m), m.start(), m.end()))
    for m in XREF.finditer(words) if ("ecommendation" in words or "ara" in words or "ection" in words) \
            else ():
        add(Fact("xref", m.group(0), ((m.group(1) or m.group(3)).lower(), m.group(2) or m.group(4)),
                 m.start(), m.end(), "elsewhere" if ELSEWHERE.search(words[m.end():m.end() + 40]) else ""))
    for m in DATE.finditer(words):
        d = _date(m)  # "31 September 2025" is no date: read, and refused
        add(Fact("date", m.group(0), d, m.start(), m.end(), _date_role(words, m.start()) if d else "none"))
    for m in MONTH.finditer(words):
        if free(m.start(), m.end()):
            month = next(i for i, n in enumerate(MONTHS, 1) if n.startswith(m.group(1)[:3]))
            add(Fact("month", m.group(0), (int(m.group(2)), month), m.start(), m.end(),
                     _date_role(words, m.start())))
    for m in YEAR.finditer(words):
        first, second = int(m.group(1)), m.group(2)
        following = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
        if following == first + 1 and free(m.start(), m.end()):
            add(Fact("year", m.group(0), f"{first}/{str(following)[2:]}", m.start(), m.end()))
    _ranges(words, facts)
    for m in PERCENT.finditer(words):
        try:
            value = Decimal(m.group(1))
        except InvalidOperation:
            continue
        bound = _bound(words, m.start(), m.end())  # a share "exceeds 10%": a bound, as a scheme words it
        add(Fact("percent", m.group(0), value, m.start(), m.end(), bound))


def _counted(words: str, add, free) -> None:
    """Terms ("2 + 2 + 1 years"), durations and counts, in figures or words."""
    for m in TERM.finditer(words) if "+" in words else ():
        parts = [_number(m.group(1))] + [_number(p) for p in re.findall(r"\w+", m.group(2))]
        months = 12 if m.group(3).lower() == "year" else 1
        add(Fact("term", m.group(0), tuple(p * months for p in parts), m.start(), m.end()))
    for m in DURATION.finditer(words):
        if not free(m.start(), m.end()):
            continue
        if m.group(2).lower() == "week":  # no period in the model runs in weeks: listed, never compared
            add(Fact("duration", m.group(0), _number(m.group(1)), m.start(), m.end(), "weeks"))
            continue
        months = _number(m.group(1)) * (12 if m.group(2).lower() == "year" else 1)
        add(Fact("duration", m.group(0), months, m.start(), m.end(), _duration_role(words, m)))
    for m in COUNT.finditer(words) if COUNTED_HINT.search(words) else ():
        noun = m.group(2).lower()  # "four borough projects": a count of the boroughs
        add(Fact("count", m.group(0), _number(m.group(1)), m.start(), m.end(),
                 "boroughs" if noun.startswith("borough ") else noun))
    for m in TALLY.finditer(words):
        phrase = m.group(2).lower().split()
        label = LABEL_BEFORE.search(words[max(0, m.start() - 12):m.start()])
        if _number(m.group(1)) < 2 or not free(m.start(), m.end()) or NOT_COUNTED.intersection(phrase) \
                or m.group(2).split()[-1].isupper() or label:
            continue  # "two GPS tags" (an abbreviation is no plural), "section 7 allows" (a label)
        add(Fact("tally", m.group(0), _number(m.group(1)), m.start(), m.end(), " ".join(phrase[-2:])))


def _number(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else NUMBER_WORDS.index(word)


def ground(m: re.Match) -> str:
    """'Regulation 72(1)(a)' as '72(1)(a)'; 'regulation 33' as '33'."""
    number, paragraph, letter = m.group(1), m.group(2), m.group(3)
    return number + (f"({paragraph})" if paragraph else "") + (f"({letter.lower()})" if letter else "")


def _date(m: re.Match) -> dt.date | None:
    try:
        if m.group(2):
            return dt.date(int(m.group(3)), MONTHS.index(m.group(2)) + 1, int(m.group(1)))
        return dt.date(int(m.group(6)), int(m.group(5)), int(m.group(4)))
    except ValueError:
        return None


def _date_role(words: str, start: int) -> str:
    before = words[max(0, start - 30):start]
    if STARTS.search(before):
        return "start"
    if ENDS.search(before):
        return "end"
    if PAST.search(words[max(0, start - 120):start]):
        return "past"  # "has been agreed by the Group on 28 April 2025": an event before the paper
    return ""


def _ranges(words: str, facts: list[Fact]) -> None:
    """'from October 2025 to March 2026', 'April 2024 – March 2025': a start and an end."""
    dates = [i for i, f in enumerate(facts) if f.kind in ("date", "month")]
    for a, b in zip(dates, dates[1:]):
        first, second = facts[a], facts[b]
        if RANGE_JOIN.fullmatch(words[first.end:second.start]) and first.role in ("", "start"):
            facts[a] = first._replace(role="start")
            facts[b] = second._replace(role="end")


def _duration_role(words: str, m: re.Match) -> str:
    before = words[max(0, m.start() - 60):m.start()]
    after = words[m.end():m.end() + 30]
    if SPREAD.search(before):
        return "spread"  # "{cost.x} over four years": the time that amount is spent over
    if re.search(r"\d\s?(?:-|–|to)\s?$", before) or NOTICE.search(before[-30:] + after[:20]):
        return "notice" if NOTICE.search(before[-30:] + after[:20]) else "range"
    if re.match(r"\s*(notice|break)\b", after, re.IGNORECASE):
        return "notice"
    if OPTION_WORDS.search(before[-20:]):
        return "option"  # "an initial two-year term with an optional 1 year extension"
    if re.match(r"\s*(initial|core|contract|term|agreement)\b", after, re.IGNORECASE) \
            or TERM_WORDS.search(before) or AWARD_FOR.search(before) or OPTIONS_AFTER.match(after) \
            or RUNS_FOR.search(before):
        return "term"
    if OPTION_WORDS.search(before[-35:]) or re.match(r"\s*(option|optional)", after, re.IGNORECASE):
        return "option"
    if EXTEND_WORDS.search(before) or re.match(r"\s*(extension)\b", after, re.IGNORECASE) \
            or re.search(r" (more|further|additional|extra) ", m.group(0), re.IGNORECASE):
        return "extension"  # "extend the service for a further six months"
    if FURTHER_WORDS.search(before):
        return "option"  # "three years plus a further one year"
    return ""


def _bound(words: str, start: int, end: int) -> str:
    """'approx' for an approximation ("about", "just under"), 'below' or 'above' for a claim
    about the paper's figure ("the value is below"), 'threshold' for a bound ("over", "up to",
    "or more"), else ''."""
    if APPROX.search(words[max(0, start - 25):start]):
        return "approx"
    claim = CLAIM.search(words[max(0, start - 80):start])
    if claim:
        op = (claim.group("op") or claim.group("verb") or claim.group("at")).lower()
        return "below" if op in ("below", "under", "less than", "within", "does not exceed") else "above"
    if THRESHOLD.search(words[max(0, start - 40):start]) or BOUND_AFTER.search(words[end:end + 12]):
        return "threshold"
    return ""


def _money(m: re.Match, words: str) -> Fact | None:
    """An amount, if the words make it one: '£3.4m', '3.4m', '£3,400k', 'a cost of 273,497'."""
    pound, digits, fraction, scale = m.group(1), m.group(2), m.group(3) or "", m.group(4) or ""
    glued = bool(scale) and words[m.end(2) + len(fraction):m.end(2) + len(fraction) + 1] != " "
    if not pound:
        if not scale and "," not in digits:
            return None  # a year, a count, an age: no amount
        context = MONEY_WORDS.search(words[max(0, m.start() - 40):m.start()])
        if scale and not (glued and scale.lower() in ("m", "k", "bn")) and not context:
            return None  # "9 million Londoners"
        if not scale and not ("," in digits and context):
            return None  # a year, a count, an age: no amount
    try:
        value = Decimal(digits.replace(",", "") + fraction) * SCALE.get(scale.lower(), 1)
    except InvalidOperation:
        return None
    return Fact("money", m.group(0).strip(), value, m.start(), m.end(), _bound(words, m.start(), m.end()),
                sure=bool(pound))


def alternation(names: list[str]) -> re.Pattern | None:
    """One pattern for a list of names, longest first (so 'London Probation Service' wins)."""
    names = sorted({n for n in names if n}, key=len, reverse=True)
    if not names:
        return None
    first = "".join(sorted({re.escape(n[0]) for n in names}))
    # the look-ahead on first letters lets the engine pass most positions without trying each name
    return re.compile(rf"(?<![\w-])(?=[{first}])(" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")
