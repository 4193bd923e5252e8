"""The names prose may refer to, as {name} or {name:format}, and how each is written."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Callable

from authoring import format as fmt
from authoring.model.text import Problem

FORMATS: dict[type, dict[str, Callable[..., str]]] = {
    Decimal: {"": fmt.money, "millions": fmt.millions, "number": fmt.number},
    dt.date: {"": fmt.date, "short": fmt.short_date},
}


class Percent(Decimal):
    """A percentage, written 34.3% (the house style sets the places; :whole, :tenths override)."""

    places = 1

    def __new__(cls, value, places: int = 1):
        self = super().__new__(cls, value)
        self.places = places
        return self


NUMBER_WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                "fourteen fifteen sixteen seventeen eighteen nineteen twenty").split()


class Count(int):
    """How many of something the paper lists, written "three" (:figures "3")."""

    def write(self, form: str = "") -> str:
        return str(int(self)) if form == "figures" or self >= len(NUMBER_WORDS) else NUMBER_WORDS[self]


class Duration:
    """A length of time in months, written "six months" or "6 months" as the house style says."""

    def __init__(self, months: int, words: bool = True) -> None:
        self.months, self.words = months, words

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Duration) and other.months == self.months

    def __hash__(self) -> int:
        return hash(("duration", self.months))

    def __repr__(self) -> str:
        return f"Duration({self.months})"

    def write(self, form: str = "") -> str:
        years = self.months % 12 == 0 and form != "months"
        n, unit = (self.months // 12, "year") if years else (self.months, "month")
        in_words = form == "words" or (form == "" and self.words)
        number = NUMBER_WORDS[n] if in_words and n < len(NUMBER_WORDS) else str(n)
        return f"{number} {unit}{'' if n == 1 else 's'}"


class References:
    """A flat namespace of computed values; looked up by name, never evaluated."""

    def __init__(self) -> None:
        self.values: dict[str, object] = {}
        self.links: dict[str, str] = {}

    def add(self, name: str, value: object, href: str = "") -> None:
        self.values[name] = value
        if href:
            self.links[name] = href

    def resolve(self, name: str, form: str) -> tuple[object, str]:
        """The value (text, or an amount or date to format later) and link for a reference."""
        if name not in self.values and name.endswith(".share"):
            share = self.share(name[:-len(".share")])
            if share is not None:
                self.values[name] = share  # kept: checks and `pcd diff` see it like any value
        if name not in self.values:
            import difflib  # only when a name is wrong

            close = difflib.get_close_matches(name, list(self.values), n=1, cutoff=0.75)
            hint = f"; did you mean {{{close[0]}}}?" if close else ""
            raise Problem("PCD201", f"{{{name}}} refers to nothing in this spec{hint}")
        value = self.values[name]
        writers = _writers(value)
        if form not in writers:
            allowed = ", ".join(f":{k}" for k in writers if k) or "none"
            raise Problem("PCD205", f"{{{name}:{form}}}: unknown format (allowed: {allowed})")
        return value, self.links.get(name, "")


    def share(self, base: str) -> Percent | None:
        """A derived figure: a funding line's share of its cost ({funding.F.C.share}), a funder's
        or cost line's share of the total cost ({funder.F.share}, {cost.C.share}), as a
        percentage computed from the entered amounts, never typed."""
        part = self.values.get(base)
        parts = base.split(".")
        if type(part) is not Decimal:
            return None
        if parts[0] == "funding" and len(parts) == 3:
            whole = self.values.get(f"cost.{parts[2]}")
        elif parts[0] in ("funder", "cost", "recipient") and len(parts) == 2:
            whole = self.values.get("total.costs")
        else:
            return None
        if type(whole) is not Decimal or not whole:
            return None
        places = self.values.get("percent.places", 1)
        return Percent(part / whole * 100, places if isinstance(places, int) else 1)


def honest_places(value: Decimal, places: int) -> int:
    """The places a percentage needs so that rounding never makes it a round figure a limit is
    stated in (a whole multiple of 5) when it is not: 49.993% is written 49.99%, never "50%"
    beside a limit of 50%; 34.3013% is still 34.3% (up to six places)."""
    from decimal import ROUND_HALF_UP

    while places < 6:
        shown = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        if shown == value or shown != shown.to_integral_value() or shown % 5:
            return places
        places += 1
    return places


def _writers(value: object) -> dict[str, Callable[..., str]]:
    if isinstance(value, Percent):
        return {"": lambda v: fmt.percent(v, honest_places(v, v.places)),
                "whole": lambda v: fmt.percent(v, honest_places(v, 0)),
                "tenths": lambda v: fmt.percent(v, honest_places(v, 1)),
                "hundredths": lambda v: fmt.percent(v, honest_places(v, 2))}
    if isinstance(value, Count):
        return {"": lambda v: v.write(), "figures": lambda v: v.write("figures")}
    if isinstance(value, Duration):
        return {form: (lambda v, f=form: v.write(f)) for form in ("", "words", "figures", "months")}
    for kind, writers in FORMATS.items():
        if isinstance(value, kind):
            return writers
    return {"": str}


def write(value: object, form: str = "") -> str:
    """Write a computed value the one house way (babel, en_GB)."""
    return _writers(value)[form](value)
