"""What every judge of typed facts shares: the words that bind a fact, the reading it gets, and
how a value is written in a message."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import NamedTuple

from authoring.model.facts import MONTHS, Fact
from authoring.model.paper import Paper
from authoring.model.references import Duration

PLAIN = ("title", "name", "paper")  # texts printed as typed: references are not read in them
FIGURE = re.compile(r"[\d{%£]")
REF_NAME = re.compile(r"\{([^{}]*)\}")
MONEY_REFS = ("cost", "funder", "funding", "recipient", "total")
ORIGIN = re.compile(r"\b(from|since|carried forward|carry-forward)\s+(the\s+)?$", re.IGNORECASE)
TABLE_WORDS = re.compile(r"\b(table|cost|funding|budget)", re.IGNORECASE)
# between a body and the amount it gives: "have committed to providing", "grant is", "'s funding of"
PAYING = re.compile(r"\b(fund\w*|grant\w*|contribut\w*|provid\w*|giv\w*|pay\w*|award\w*|committed|"
                    r"offer\w*|allocat\w*)\b|['’]s\b", re.IGNORECASE)
NOT_PAYING = re.compile(r"\b(by|from|through|via|towards|for|with|on behalf of|instead of)\b", re.IGNORECASE)
# a body's grant named as an amount: "the Home Office grant is", "HMPPS's contribution of"
DIRECT = re.compile(r"(?:'s|’s)?\s+(?:[\w-]+\s+){0,2}?(?:grant|contribution|funding)\s+(?:is|of|totals?|"
                    r"worth|comes to|amounts to)\s*$", re.IGNORECASE)
# the paper taking money: "accept the …", "met from the …"
TAKING = re.compile(r"\b(accept\w*|receiv\w*|met from|funded (?:by|from|through)|paid (?:for )?(?:from|by)|"
                    r"draw\w* down|drawn from|use of)\b", re.IGNORECASE)
PROSE = ("summary", "recommendation", "section")
# "rather than an open tender", "options considered: …", "was let by open tender in 2019"
NOT_THIS = re.compile(r"\b(not|rather than|instead of|option\w*|consider\w*|reject\w*|alternative\w*|would|"
                      r"could|previous\w*|original\w*|earlier|was|were|had)\b", re.IGNORECASE)
SCHEME_WORDS = re.compile(r"\b(scheme|delegation|delegated|standing orders|threshold|band|limit)\b",
                          re.IGNORECASE)
AWARDED_TO = re.compile(r"\b(?:award\w*|let)\b[^.;]{0,160}\bto\s[^.;]{0,120}$", re.IGNORECASE)
WORDS_OF_FACTS = re.compile(r"\bno (?:direct |new |additional |extra )?"
                            r"(?:financial|money|funding|spend|budget)|\bnone\b|neutral|\bat no\b| ask"
                            r"|\b(?:Ltd|Limited|plc|PLC|LLP|CIC|Trust|University|College|Foundation)\b",
                            re.IGNORECASE)
SERVICE_AFTER = re.compile(r"\s+(?:(?:independent|external|new|further|full|formal)\s+)?([a-z-]+)"
                           r"(?=\s+(?:of|for|to|will|would|is|was|by|with)\b|[,.;]|$)", re.IGNORECASE)
HORIZON = re.compile(r"\b(within|after|every|each|at least|no later than|in the (?:first|next|last))\s+"
                     r"(?:the\s+)?(?:first\s+|next\s+)?$", re.IGNORECASE)
CONTRACT_NOUN = re.compile(r"\b(contracts?|services?|provision|extension|extend\w*|variation|vary|call-off|"
                           r"award\w*|supplier|provider|expir\w*|end\w*)\b", re.IGNORECASE)
# words too common to name a contract
COMMON = frozenset("""service services support contract contracts london project projects programme delivery
provision limited team with from that this their which community partnership council management""".split())
# what a clause says an amount is: the paper's new money, money kept, money granted on
_OF = r"^\s+(?:of (?:it|this|which) )?"
SAID_TOTALS = ((re.compile(_OF + r"(?:is|are) new\b|^\s+(?:of )?new (?:money|funding)\b", re.IGNORECASE),
                "total.new_money"),
               (re.compile(_OF + r"(?:is|are) (?:kept|retained)\b", re.IGNORECASE), "total.kept"),
               (re.compile(_OF + r"(?:is|are|will be) (?:awarded|granted)(?: on)? to\b", re.IGNORECASE),
                "total.awarded"))
APPROVED = re.compile(r"\b(approved|agreed|accepted|awarded|authori[sz]ed|decided|granted)\b", re.IGNORECASE)
OWN_FIGURE = re.compile(r"\b(?:the|this|its)\s+(?:[\w'’-]+\s+){0,3}?(?:value|cost|costs|total|price|contract|"
                        r"award|extension|variation|uplift|change|grant|spend|amount|sum)\b|\bit\b",
                        re.IGNORECASE)
COMPANY = re.compile(r"\b(Ltd|Limited|plc|PLC|LLP|CIC)$")
SUPPLIER_KIND = re.compile(r"\b(Ltd|Limited|plc|PLC|LLP|CIC)$|\bUniversity\b")  # a body a contract is let to
AWARD_BEFORE = re.compile(r"\b(?:formally\s+)?(?:award|grant on|pass on)\s+(?:up to\s+)?$", re.IGNORECASE)
# the list a count introduces: ", the Drive Project (Drive) and CIFA"
LISTED = re.compile(r"\s*[,:]\s*((?:[^,;.:]+,\s*)*[^,;.:]+\s+and\s+[^,;.:]+?)\s*(?:[;.:]|$)")
CONDITION = re.compile(r"\b(where|if|when|whenever|unless|provided)\b", re.IGNORECASE)
# a condition or a possibility: words of a rule or a case, not of what this paper does
HEDGED = re.compile(r"\b(where|if|when|whenever|unless|provided|may|might|can|could|would|should|had)\b",
                    re.IGNORECASE)
ASKS = re.compile(r"\s+(?:asks|seeks|requests)\b")
EVERY = re.compile(r"\b(both|all|each) (of )?(the |these )?(contracts|changes|services)\b|\b(both|all|each)$|"
                   r"^(both|all|each)\b", re.IGNORECASE)
# a post a person holds, not a board or a body
POST = re.compile(r"\b(Mayor|Commissioner|Director|Chief|Officer|Executive|Constable|Member|Leader|"
                  r"Secretary|Minister|Head|Manager|Deputy|Assistant|Chair)\b")
FUNDING_WORDS = re.compile(r"\b(fund\w*|grant|contribution|income|accept\w*)\b", re.IGNORECASE)


class Reading(NamedTuple):
    """A fact, what it was bound to, what the model says and whether they agree."""

    fact: Fact
    path: tuple
    where: str
    entity: str = ""  # what the fact is about: "MOPAC 957", "London Probation", "this paper"
    model: str = ""  # the model's value, as written, or the reference that gives it
    status: str = "unverified"  # verified | contradicts | external | unverified
    code: str = ""  # the finding's code, when the fact is refused
    message: str = ""
    needle: str = ""  # what to find in the spec's lines, when the fact's words alone are not enough


def money_text(value: Decimal) -> str:
    """£273,497 (£273,497.50 with pence): no babel on the check path."""
    whole = value == value.to_integral_value()
    return f"£{value:,.0f}" if whole else f"£{value:,.2f}"


def date_text(value: dt.date) -> str:
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def exact_percent(value: Decimal, typed: Decimal | None = None) -> str:
    """Enough places that the figure never reads as the typed one (or a whole number) it is not."""
    for places in range(1, 7):
        shown = value.quantize(Decimal(1).scaleb(-places))
        if shown == value or (shown != typed and shown != shown.to_integral_value()):
            return f"{shown.normalize():f}%"
    return f"{value:f}%"


def _months(n: int) -> str:
    return Duration(n, False).write("months" if n % 12 else "")


# a financial year typed: "2023-24", "2023/2024", "2023/24"
FY = re.compile(r"\b(20\d\d)\s?[/–-]\s?(?:20)?(\d\d)\b")


def _fy(label: str) -> str:
    """'2023-24', '2023/2024' and '2023/24' are one financial year, written 2023/24."""
    m = FY.fullmatch(label.strip())
    return f"{m.group(1)}/{m.group(2)}" if m else label


def _named(paper: Paper, kind: type) -> dict:
    """The model's values of one kind, each with the names that give it."""
    out: dict = {}
    for name, value in paper.values.items():
        if isinstance(value, kind) and not name.startswith("scheme."):
            out.setdefault(value, []).append(name)
    return out


def _service_words(service: str) -> set[str]:
    """The words a contract's service is named by ('evaluation' of 'evaluation of the MARRAC
    model'): its first three, of five letters or more, not 'services'."""
    return {w for w in service.lower().split()[:3]
            if len(w) >= 5 and w not in ("service", "services", "support")}


def distinctive(bags: dict) -> dict:
    """Each item's words that no other item's has ('cold', 'weather', 'jacket' of one cost line)."""
    return {k: w - set().union(*(v for j, v in bags.items() if j != k)) for k, w in bags.items()}


def _row(ref: str) -> str:
    """The cost line a reference is about: {cost.C…} and {funding.F.C…} name C."""
    parts = ref.split(":")[0].split(".")
    return parts[1] if parts[0] == "cost" else parts[2] if parts[0] == "funding" and len(parts) > 2 else ""


def _entity(ref: str) -> str:
    parts = ref.split(".")
    if parts[0] in ("funder", "recipient", "cost", "contract") and len(parts) > 1:
        return ".".join(parts[:2])
    if parts[0] == "funding" and len(parts) > 2:
        return f"funder.{parts[1]}"
    return ""


def _slip(typed: Decimal, value: Decimal) -> bool:
    """One digit changed, or two neighbours swapped: £1,530,000 for £1,350,000."""
    a, b = f"{typed:.2f}", f"{value:.2f}"
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                              and a[diff[1]] == b[diff[0]])


def _swapped(a: str, b: str) -> bool:
    diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    return len(a) == len(b) and len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] \
        and a[diff[1]] == b[diff[0]]


def _close(typed: Decimal, value: Decimal) -> bool:
    return bool(value) and abs(value - typed) <= abs(value) / 10


def _typed(fact: Fact, what: str, then: str = ", so write that") -> str:
    return f"'{fact.text}' is typed in the prose; {what}{then}"


def _hint(names: list[str]) -> str:
    return " or ".join(f"{{{n}}}" for n in names[:2])
