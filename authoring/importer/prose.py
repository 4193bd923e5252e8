"""Prose back into spec prose: expansions folded into abbreviations, markup characters escaped,
and money figures that equal a computed value written as references."""

from __future__ import annotations

import re
from decimal import Decimal

from authoring.checks.text import LITERAL_MONEY, _value
from authoring.importer.common import escape, parse_date

STOPWORDS = {"and", "of", "for", "the", "in", "on", "to", "&", "a"}
DEFINED = re.compile(r"\(([A-Z][A-Za-z0-9&]*[A-Z0-9])(s?(?:['’]s?)?)\)")  # (IOM), (SARCs), (MOPAC's)
# Where a computed figure is most likely meant, when several have the same value.
PRIORITY = ("cost.", "funding.", "funder.", "total.", "contract.", "recipient.", "figure.",
            "scheme.")


def fold_abbreviations(text: str, known: dict[str, str], found: dict[str, str]) -> str:
    """'Integrated Offender Management (IOM)' → 'IOM', learning new expansions into `found`."""
    def replace(m: re.Match) -> str:
        abbr = m.group(1)
        before = text[: m.start()].rstrip()
        extra = 0
        if m.group(2)[-1:] in ("'", "’") or m.group(2)[-2:-1] in ("'", "’"):
            owner = re.sub(r"['’]s?$", "", before)  # "…Crime's (MOPAC's)": the name without 's
            extra, before = len(before) - len(owner), owner
        expansion = known.get(abbr) or found.get(abbr)
        if expansion and before.lower().endswith(expansion.lower()):
            return f"\x01{len(expansion) + extra}\x02{abbr}{m.group(2)}"
        words = before.split()
        letters = re.sub(r"[^a-z]", "", abbr.lower())
        for k in range(1, min(len(words), 10) + 1):
            tail = words[-k:]
            initials = "".join(w[0] for w in tail if w.lower() not in STOPWORDS and w[0].isalpha())
            if initials.lower() == letters and tail[0][0].isalpha() and tail[0].lower() not in STOPWORDS:
                found[abbr] = " ".join(tail)
                return f"\x01{len(found[abbr]) + extra}\x02{abbr}{m.group(2)}"
        return m.group(0)

    marked = DEFINED.sub(replace, text)
    # Each marker says how many characters of expansion (and the space) precede it.
    out = ""
    for piece in re.split(r"(\x01\d+\x02)", marked):
        if m := re.fullmatch(r"\x01(\d+)\x02", piece):
            out = out.rstrip()[: -int(m.group(1))]
        else:
            out += piece
    return " ".join(out.split())


class Figures:
    """Computed values by amount, and the figures the import had to declare."""

    def __init__(self, values: dict[str, object], can_declare: bool = True,
                 expansions: dict[str, str] | None = None) -> None:
        self.by_value: dict[Decimal, list[str]] = {}
        for name, value in values.items():
            if isinstance(value, Decimal) and not name.endswith(("percent", "percent_over")):
                self.by_value.setdefault(value, []).append(name)
        # Each funder's total and the ways prose names it ("MOPAC Violence Reduction budget").
        self.funders = {k[len("funder."):-len(".name")]: v for k, v in values.items()
                        if k.startswith("funder.") and k.endswith(".name") and isinstance(v, str)}
        self.totals = {fid: values.get(f"funder.{fid}") for fid in self.funders}
        self.expansions = expansions or {}
        # Without a finance section there is nowhere to declare a figure: it stays as typed, and
        # is never referred to (a reference to an undeclared figure is an error of its own).
        self.can_declare = can_declare
        self.declared: list[dict] = []
        self.notes: list[tuple[str, str]] = []
        self.maxima: set[str] = set()  # figures the prose calls "up to …": maxima in the model

    def name_for(self, value: Decimal, sentence: str, names: dict[str, str],
                 up_to: bool = False) -> str | None:
        candidates = self.by_value.get(value, [])
        if not candidates:
            return None

        def rank(name: str) -> tuple:
            kind = next((i for i, p in enumerate(PRIORITY) if name.startswith(p)), len(PRIORITY))
            if up_to and name.startswith(("funder.", "funding.")):  # "up to": the money accepted
                kind -= len(PRIORITY)
            # A funder or cost named in the same sentence points at its own line.
            mentioned = sum(1 for part in name.split(".")[1:]
                            if names.get(part) and names[part].lower() in sentence.lower())
            return (-mentioned, kind, name)
        return min(candidates, key=rank)

    def refer(self, text: str, where: str, names: dict[str, str]) -> str:
        def replace(m: re.Match) -> str:
            typed = m.group(0).rstrip(", ")  # "£273,497, taking": the comma is the sentence's
            value = _value(typed)
            if value is None:
                return m.group(0)
            # "£2.1m" and "£2.1 million" read best as millions again; "£500k" as £500,000.
            fmt = ":millions" if re.search(r"(m|million|bn|billion)$", typed) else ""
            sentence = _sentence(text, m.start())
            up_to = re.search(r"\bup to\s*$", text[:m.start()], re.IGNORECASE) is not None
            funder = next((f for f in self.funders_named(text[m.start() + len(typed):])
                           if self.totals.get(f) == value), None)
            if funder:
                # "£100,000 from the MOPAC Violence Reduction budget": the funder's total, not
                # one line of a split the import worked out (which the officer may correct).
                name: str | None = f"funder.{funder}"
            else:
                name = self.name_for(value, sentence, names, up_to)
            if name is None:
                near = self.near_miss(value)
                if near:
                    self.notes.append((where, f"'{typed}' is close to {{{near}}} "
                                       f"(£{self.value_of(near):,}) but not equal: kept as typed"))
                    return m.group(0)
                if not self.can_declare:
                    self.notes.append((where, f"'{typed}' matches no computed figure and the spec "
                                       "has no finance section to declare it in: kept as typed"))
                    return m.group(0)
                name = self.declare(value, typed, where, sentence)
            if up_to:
                self.maxima.add(name)
            trail = m.group(0)[len(typed):]
            return f"{{{name}{fmt}}}{trail}"
        return LITERAL_MONEY.sub(replace, text)

    def funders_named(self, after: str) -> list[str]:
        """The funders the words after a figure may say it comes from ("… from the London
        Councils", "… funding from HMPPS"): by the name as the table prints it or with its
        abbreviations ("VRU" for "Violence Reduction Unit"), its first three words at least."""
        m = FROM.match(after)
        if m is None:
            return []
        said = _words(self._abbreviated(after[m.end():]))
        out = []
        for fid, name in sorted(self.funders.items()):
            words = _words(self._abbreviated(name))
            common = next((i for i, (a, b) in enumerate(zip(said, words)) if a != b),
                          min(len(said), len(words)))
            if words and common >= min(len(words), 3):
                out.append(fid)
        return out

    def _abbreviated(self, text: str) -> str:
        for abbr, expansion in sorted(self.expansions.items(), key=lambda x: -len(x[1])):
            text = re.sub(rf"(?i)\b{re.escape(expansion)}\b", abbr, text)
        return text

    def value_of(self, name: str) -> Decimal:
        return next(v for v, ns in self.by_value.items() if name in ns)

    def near_miss(self, value: Decimal) -> str | None:
        """A computed figure one digit away from a typed one (173,487 for 173,497): more likely a
        slip than a new figure, so it stays typed for `pcd check` to report."""
        for v, names in self.by_value.items():
            names = [n for n in names if not n.startswith("figure.")]  # not the import's guesses
            # A slip changes a figure a little: £70,000 is not a slip for £40,000.
            near = abs(value - v) <= v / 20
            if names and v >= 1000 and near and _one_digit_apart(str(value), str(v)):
                return sorted(names, key=lambda n: next(
                    (i for i, p in enumerate(PRIORITY) if n.startswith(p)), 99))[0]
        return None

    def declare(self, value: Decimal, typed: str, where: str, sentence: str) -> str:
        name = f"figure_{len(self.declared) + 1}"
        self.declared.append({"id": name, "amount": value,
                              "description": f"As printed in {where}: {_clip(sentence)}"})
        self.by_value.setdefault(value, []).append(f"figure.{name}")
        self.notes.append((where, f"'{typed}' matches no computed figure: declared as "
                           f"finance.figures {name}; check it is not money this decision moves"))
        return f"figure.{name}"


FROM = re.compile(r"\s*(?:(?:of|in) )?(?:funding |grant |contribution )?from (?:the )?",
                  re.IGNORECASE)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _one_digit_apart(a: str, b: str) -> bool:
    if len(a) != len(b) or a == b:
        return False
    diffs = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    swapped = len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] \
        and a[diffs[1]] == b[diffs[0]]
    return len(diffs) == 1 or swapped


DATE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)? (January|February|March|April|May|June|July|"
                  r"August|September|October|November|December) (\d{4})\b|\b(\d{2})/(\d{2})/(\d{4})\b")


def refer_dates(text: str, values: dict[str, object], contracts: dict[str, list[str]]) -> str:
    """A contract's end date typed after the contract is named ("the Neurodiversity service …
    until 31 March 2026") becomes its reference; the nearest contract named before the date in
    the sentence is the one meant. Other dates stay as typed."""
    def replace(m: re.Match) -> str:
        day = parse_date(m.group(0))
        start = max(text.rfind(". ", 0, m.start()) + 1, 0)
        before = text[start: m.start()].lower()
        named = [(max(before.rfind(k.lower()) for k in keys if k), cid)
                 for cid, keys in contracts.items()]
        at, cid = max(named, default=(-1, ""))
        if day is None:
            return m.group(0)
        short = ":short" if m.group(4) else ""
        for field in ("ends", "new_end") if at >= 0 else ():
            if values.get(f"contract.{cid}.{field}") == day:
                return f"{{contract.{cid}.{field}{short}}}"
        # no contract named first: the model's first date of that day, if it holds one
        same = [n for n, v in values.items() if v == day and n.startswith(("contract.", "date."))]
        return f"{{{same[0]}{short}}}" if same else m.group(0)
    return DATE.sub(replace, text)


def refer_durations(text: str, values: dict[str, object]) -> str:
    """A typed duration that is exactly one contract's ("six months", "6 months") becomes its
    reference, in words or figures as it was typed."""
    from authoring.model.references import NUMBER_WORDS, Duration

    # The import's own pattern: months and years only (a contract's duration is never weeks).
    duration = re.compile(r"\b(\d{1,3}|" + "|".join(NUMBER_WORDS[1:]) + r")[ -](month|year)s?\b",
                          re.IGNORECASE)

    def replace(m: re.Match) -> str:
        number = m.group(1).lower()
        months = (int(number) if number.isdigit() else NUMBER_WORDS.index(number)) * (
            12 if m.group(2).lower() == "year" else 1)
        names = [n for n, v in values.items() if isinstance(v, Duration) and v.months == months]
        if len(names) != 1 or m.group(0)[-1] != "s" and months != 1 and months != 12:
            return m.group(0)  # "12-month" (an adjective) or no single contract: kept as typed
        return "{" + names[0] + (":figures" if number.isdigit() else ":words") + "}"
    pieces = re.split(r"(\{[^{}]*\})", text)
    return "".join(p if p.startswith("{") else duration.sub(replace, p) for p in pieces)


def refer_periods(text: str, values: dict[str, object]) -> str:
    """A period the table has a column for ("2023/24") becomes its reference."""
    for name, label in values.items():
        if name.startswith("period.") and isinstance(label, str):
            pieces = re.split(r"(\{[^{}]*\})", text)
            rx = re.compile(rf"(?<![\w/-]){re.escape(label)}(?![\w/-])")
            text = "".join(p if p.startswith("{") else rx.sub("{" + name + "}", p) for p in pieces)
    return text


def refer_recommendations(text: str, ids: list[str]) -> str:
    """'Recommendations 1 to 3' become references, which renumber with the paper."""
    def ref(number: str) -> str:
        n = int(number)
        return f"{{rec.{ids[n - 1]}}}" if 1 <= n <= len(ids) else number

    def replace(m: re.Match) -> str:
        tail = f" {m.group(3)} {ref(m.group(4))}" if m.group(4) else ""
        return f"{m.group(1)} {ref(m.group(2))}{tail}"
    return re.sub(r"\b(Recommendations?) (\d+)(?: (to|and|or) (\d+))?\b", replace, text, flags=re.I)


# "paragraph 3.2", "section 2.1"; not another document's ("paragraph 4.13 of the Scheme")
PARAGRAPH_NUMBER = re.compile(r"\b([Pp]aragraphs?|[Ss]ections?) (\d+\.\d+)\b"
                              r"(?!\s+(?:of|in|under)\s+(?!this\b))")


def refer_paragraphs(text: str, ids: dict[str, str]) -> str:
    """'paragraph 3.2' or 'section 3.2' becomes '… {para.ID}', which renumbers with the paper."""
    return PARAGRAPH_NUMBER.sub(lambda m: f"{m.group(1)} {{para.{ids[m.group(2)]}}}"
                                if m.group(2) in ids else m.group(0), text)


def refer_contracts(text: str, contracts: list[dict]) -> str:
    """A recognised contract's number and supplier, typed, become its references."""
    for c in contracts:
        for typed, ref in ((c["number"], f"{{contract.{c['id']}}}"),
                           (escape(c["supplier"]), f"{{contract.{c['id']}.supplier}}")):
            typed_rx = re.compile(rf"(?<!\w){re.escape(typed)}(?!\w)")
            # Only outside existing references: "{…}" pieces are kept as they are.
            pieces = re.split(r"(\{[^{}]*\})", text)
            text = "".join(p if p.startswith("{") else typed_rx.sub(lambda _, r=ref: r, p)
                           for p in pieces)
    return text


def _clip(text: str, size: int = 100) -> str:
    return text if len(text) <= size else text[:size].rsplit(" ", 1)[0] + " …"


def _sentence(text: str, at: int) -> str:
    start = max(text.rfind(". ", 0, at) + 1, 0)
    end = text.find(". ", at)
    return text[start: end if end != -1 else len(text)].strip()
