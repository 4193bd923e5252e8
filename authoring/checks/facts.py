"""Facts typed into prose: dates, durations, percentages, counts, cross-references and the
paper's own code. A typed fact the model holds must be written as its reference; one that
contradicts the model is refused naming both. Historical facts the model does not hold
("launched in March 2023", "38% of reoffenders") are the author's to write."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from authoring.diagnostics import Report
from authoring.model.paper import ContractChange, Paper, Prose
from authoring.model.references import NUMBER_WORDS, Count, Duration, Percent

MONTHS = ("January February March April May June July August September October November "
          "December").split()
DATE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)? (" + "|".join(MONTHS) + r") (\d{4})\b"
                  r"|\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
NUMBER = r"(\d{1,3}|" + "|".join(NUMBER_WORDS[1:]) + ")"
DURATION = re.compile(r"\b" + NUMBER + r"[ -](month|year)s?\b", re.IGNORECASE)
PERCENT = re.compile(r"\b(\d{1,3}(?:\.\d+)?)\s?(%|per ?cent\b)")
# "recommendation 3", "paragraph 3.4"; not "Schedule 3, paragraph 7" (another document's paragraph)
CROSS_REF = re.compile(r"\b(recommendations?)\s+(\d+)\b|\b(paragraphs?|para\.)\s+(\d+\.\d+)\b(?!\()",
                       re.IGNORECASE)
STARTS = re.compile(r"\b(from|starting|commencing|beginning|starts|start)\s+(on\s+)?$", re.IGNORECASE)
ENDS = re.compile(r"\b(until|to|till|ending|ends|end of|expires?|expiring|by)\s+(on\s+)?$", re.IGNORECASE)
SENTENCE = re.compile(r"(?<=[.;!?])\s+(?=[A-Z{(])")
REF = re.compile(r"\{([a-z][a-z0-9_.-]*)(?::[a-z]+)?\}")
# "three boroughs": the nouns a paper's lists are counted in
COUNT = re.compile(r"\b" + NUMBER + r" (boroughs|recipients|recommendations|contracts|funders)\b",
                   re.IGNORECASE)
COUNTED = {"boroughs": "recipients", "recipients": "recipients", "recommendations": "recommendations",
           "contracts": "contracts", "funders": "funders"}


def check(paper: Paper, report: Report) -> None:
    dates = _named(paper, dt.date)
    periods = {str(v): n for n, v in paper.values.items() if n.startswith("period.")}
    durations = _named(paper, Duration)
    percents = _named(paper, Percent)
    own = re.escape(paper.style["code"])
    for prose in paper.prose():
        for sentence in SENTENCE.split(prose.source):
            names = REF.findall(sentence)
            words = REF.sub(" § ", sentence)
            contracts = _contracts_named(paper, names)
            _dates(words, prose, dates, contracts, report)
            _periods(words, prose, periods, report)
            _durations(words, prose, durations, contracts, report)
            _percents(words, prose, percents, contracts, report)
            _cross_refs(words, prose, paper, report)
            _counts(words, prose, paper, report)
            for m in re.finditer(rf"\b{own}\s?{paper.number}\b", words):
                report.add("PCD507", f"'{m.group(0)}' is this paper's own reference: write {{reference}}",
                           prose.path, needle=m.group(0))


def _named(paper: Paper, kind: type) -> dict:
    """The model's values of one kind, each with the names that give it."""
    out: dict = {}
    for name, value in paper.values.items():
        if isinstance(value, kind) and not name.startswith("scheme."):
            out.setdefault(value, []).append(name)
    return out


def _contracts_named(paper: Paper, names: list[str]) -> list[ContractChange]:
    """The contracts a sentence is about: named directly, or through a cost line paying for them."""
    ids = {n.split(".")[1] for n in names if n.startswith("contract.")}
    costs = {n.split(".")[-1] for n in names if n.startswith(("cost.", "funding."))}
    costs |= {n.split(".")[1] for n in names if n.startswith("cost.")}
    return [c for c in paper.contracts if c.id in ids or costs.intersection(c.costs)]


def _hint(names: list[str]) -> str:
    return " or ".join(f"{{{n}}}" for n in names[:2])


def _dates(words: str, prose: Prose, dates: dict, contracts: list[ContractChange], report: Report) -> None:
    from authoring.format import date as written

    for m in DATE.finditer(words):
        typed = _date(m)
        if typed is None:
            continue
        if typed in dates:
            report.add("PCD501", f"'{m.group(0)}' is typed in the prose; it is {_hint(dates[typed])}, so "
                       "write that", prose.path, needle=m.group(0))
            continue
        before = words[:m.start()]
        for c in contracts:
            start = c.starts if c.award else None
            end = c.ends if c.award else (c.new_end or c.ends)
            if start and STARTS.search(before[-25:]) and typed != start:
                report.add("PCD502", f"'{m.group(0)}' contradicts {c.number or c.service}, which starts "
                           f"on {written(start)} ({{contract.{c.id}.starts}})", prose.path, needle=m.group(0))
            elif end and ENDS.search(before[-25:]) and typed != end:
                report.add("PCD502", f"'{m.group(0)}' contradicts {c.number or c.service}, which ends on "
                           f"{written(end)} ({{contract.{c.id}.{'ends' if c.award else 'new_end'}}})",
                           prose.path, needle=m.group(0))


def _date(m: re.Match) -> dt.date | None:
    try:
        if m.group(2):
            return dt.date(int(m.group(3)), MONTHS.index(m.group(2)) + 1, int(m.group(1)))
        return dt.date(int(m.group(6)), int(m.group(5)), int(m.group(4)))
    except ValueError:
        return None


def _durations(words: str, prose: Prose, durations: dict, contracts: list[ContractChange],
               report: Report) -> None:
    for m in DURATION.finditer(words):
        number = m.group(1).lower()
        n = int(number) if number.isdigit() else NUMBER_WORDS.index(number)
        typed = Duration(n * (12 if m.group(2).lower() == "year" else 1))
        if typed in durations:
            report.add("PCD503", f"'{m.group(0)}' is typed in the prose; it is {_hint(durations[typed])}, "
                       "so write that", prose.path, needle=m.group(0))
            continue
        for c in contracts:
            actual = c.award.months if c.award else c.months
            if actual and actual != typed.months:
                name = f"{{contract.{c.id}.{'duration' if c.award else 'months'}}}"
                report.add("PCD503", f"'{m.group(0)}' contradicts {c.number or c.service}, whose "
                           f"{'term' if c.award else c.kind} is {Duration(actual, False).write('months')} "
                           f"({name})", prose.path, needle=m.group(0))


def _percents(words: str, prose: Prose, percents: dict, contracts: list[ContractChange],
              report: Report) -> None:
    for m in PERCENT.finditer(words):
        try:
            typed = Decimal(m.group(1))
        except InvalidOperation:
            continue
        places = len(m.group(1).partition(".")[2])
        step = Decimal(1).scaleb(-places)  # 33 → 1, 33.2 → 0.1
        same = [names for value, names in percents.items() if abs(value - typed) <= step / 2]
        if same:
            report.add("PCD504", f"'{m.group(0)}' is typed in the prose; it is {_hint(same[0])}, so "
                       "write that", prose.path, needle=m.group(0))
            continue
        about_change = re.search(r"\b(uplift|increase|variation|original value|contract value)",
                                 words, re.IGNORECASE)
        for c in contracts if about_change else []:
            if not c.award and c.known_value:
                report.add("PCD504", f"'{m.group(0)}' contradicts {c.number or c.service}, whose change "
                           f"is {c.percent:.1f}% of its original value ({{contract.{c.id}.percent}})",
                           prose.path, needle=m.group(0))
                break


def _cross_refs(words: str, prose: Prose, paper: Paper, report: Report) -> None:
    matches = list(CROSS_REF.finditer(words))
    if not matches:
        return  # most prose has none: the maps below would cost each sentence the whole paper
    numbers = {str(r.number): r.id for r in paper.recommendations}
    paras = {p.number: p for s in paper.sections for p in s.paragraphs if p.number}
    for m in matches:
        kind, number = (m.group(1) or m.group(3)).lower(), m.group(2) or m.group(4)
        if kind.startswith("rec"):
            rid = numbers.get(number)
            hint = (f"write {{rec.{rid}}}" if rid else
                    f"there is no recommendation {number} (the paper has {len(numbers)})")
        else:
            hint = ("give that paragraph an id and write {para.ID}" if number in paras else
                    f"there is no paragraph {number}")
        report.add("PCD506", f"'{m.group(0)}' is a typed cross-reference: numbers move when the "
                   f"paper changes, so {hint}", prose.path, needle=m.group(0))


def _counts(words: str, prose: Prose, paper: Paper, report: Report) -> None:
    for m in COUNT.finditer(words):
        number, noun = m.group(1).lower(), m.group(2).lower()
        typed = int(number) if number.isdigit() else NUMBER_WORDS.index(number)
        name = f"count.{COUNTED[noun]}"
        actual = paper.values.get(name)
        if not isinstance(actual, Count) or not actual:
            continue  # the model lists none: the words are about something else
        if noun == "boroughs" and not all("Borough" in r.name for r in paper.finance.recipients):
            continue
        if typed == actual:
            report.add("PCD505", f"'{m.group(0)}' is typed in the prose; the paper lists them, so write "
                       f"{{{name}}} {noun}", prose.path, needle=m.group(0))
        else:
            report.add("PCD505", f"'{m.group(0)}' contradicts the paper, which lists {int(actual)} "
                       f"{noun} ({{{name}}})", prose.path, needle=m.group(0))


def _periods(words: str, prose: Prose, periods: dict[str, str], report: Report) -> None:
    """A declared period typed ("2023/24") is a reference, so a paper re-split by year follows."""
    for label, name in periods.items():
        for m in re.finditer(rf"(?<![\w/-]){re.escape(label)}(?![\w/-])", words):
            report.add("PCD501", f"'{m.group(0)}' is one of the paper's periods: write {{{name}}}",
                       prose.path, needle=m.group(0))
