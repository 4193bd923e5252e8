"""The computed paper: what renderers and checks read. Nothing here is typed by the author twice."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # for the annotation only: the model imports nothing at run time
    from authoring.housestyle import HouseStyle


class Span(NamedTuple):
    """A run of inline text with its marks."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str = ""
    abbr: str = ""  # the expansion, when this span is an abbreviation
    expand: bool = False  # first use: write the expansion out before it
    figure: object = None  # a computed amount or date, written out only when rendered
    form: str = ""  # how to write the figure ("", "millions", "short", …)
    ref: str = ""  # the reference name the span was written as ("cost.nds_extension")

    @property
    def shown(self) -> str:
        """The text a reader sees. Figures are formatted here, so `pcd check` never loads babel."""
        if self.figure is None:
            return self.text
        from authoring.model.references import write
        return write(self.figure, self.form)


Line = tuple[Span, ...]


class Prose(NamedTuple):
    """Parsed prose, with the author's text kept for the text checks."""

    spans: Line
    source: str
    path: tuple


class Paragraph(NamedTuple):
    text: Prose
    number: str = ""  # "3.4"; empty for unnumbered paragraphs
    bullets: tuple[Prose, ...] = ()
    table: bool = False  # the finance table follows this paragraph

    @property
    def anchor(self) -> str:
        return "para-" + self.number.replace(".", "-") if self.number else ""


class BackgroundPaper(NamedTuple):
    label: str  # "Appendix 1"
    ref: str  # "PCD 1291"
    title: str


class Section(NamedTuple):
    number: int
    id: str
    title: str
    paragraphs: tuple[Paragraph, ...] = ()
    papers: tuple[BackgroundPaper, ...] = ()
    path: tuple = ()


Amounts = tuple[Decimal, ...]  # one amount per period of the paper, in the periods' order


def total(amounts) -> Decimal:
    return sum(amounts, Decimal(0))


class FundingLine(NamedTuple):
    funder: str
    cost: str
    by_period: Amounts
    path: tuple

    @property
    def amount(self) -> Decimal:
        return total(self.by_period)


class CostLine(NamedTuple):
    """Money out: spent by the organisation, awarded onward to a recipient, or kept."""

    id: str
    label: str
    by_period: Amounts
    funding: tuple[FundingLine, ...]
    path: tuple
    use: str = "spend"  # spend | award | keep
    recipient: str = ""
    budget: str = ""  # capital | revenue | "" (not stated)
    vat: str = ""  # exclusive | inclusive | "" (not stated)
    up_to: bool = False

    @property
    def amount(self) -> Decimal:
        return total(self.by_period)

    @property
    def funded(self) -> Decimal:
        return sum((f.amount for f in self.funding), Decimal(0))


INCOME = ("grant", "contribution", "transfer")  # money in, accepted from outside


class Funder(NamedTuple):
    """Money in (a grant, contribution or transfer) or a source within the organisation."""

    id: str
    name: str
    kind: str  # grant | contribution | transfer | budget | carry_forward | reserve | prior_approval
    by_period: Amounts  # what the paper's funding lines take from it
    path: tuple
    stated: Amounts | None = None  # what the funder provides, as the spec states it
    up_to: bool = False
    approved_by: str = ""  # "PCD 1280": already approved; empty: new in this decision

    @property
    def total(self) -> Decimal:
        return total(self.by_period)

    @property
    def internal(self) -> bool:
        return self.kind not in INCOME

    @property
    def new_money(self) -> bool:
        return not self.approved_by


class Recipient(NamedTuple):
    id: str
    name: str
    by_period: Amounts  # what this decision awards it
    path: tuple

    @property
    def total(self) -> Decimal:
        return total(self.by_period)


class TableRow(NamedTuple):
    """One row of the costs and funding table; cells are amounts, one per column."""

    label: str
    cells: tuple[Decimal, ...]
    kind: str = ""  # "" | "subtotal" | "total"


class FinanceTable(NamedTuple):
    columns: tuple[str, ...]  # headers of the amount columns
    item: str  # header of the first column
    costs: tuple[TableRow, ...]
    funded_by: str  # heading of the funding part
    funding: tuple[TableRow, ...]
    caption: str
    notes: tuple[str, ...] = ()  # sentences under the table (VAT, new money)

    @property
    def pence(self) -> bool:
        """Whether any amount has pence: then every amount is written with them."""
        return any(v != v.to_integral_value() for r in (*self.costs, *self.funding) for v in r.cells)


class Finance(NamedTuple):
    costs: tuple[CostLine, ...] = ()
    funders: tuple[Funder, ...] = ()
    periods: tuple[str, ...] = ("",)  # ("",) when the paper is not split by period
    recipients: tuple[Recipient, ...] = ()
    vat: str = ""

    @property
    def cost_total(self) -> Decimal:
        return sum((c.amount for c in self.costs), Decimal(0))

    @property
    def funding_total(self) -> Decimal:
        return sum((f.total for f in self.funders), Decimal(0))

    def cost_period_totals(self, costs=None) -> Amounts:
        lines = self.costs if costs is None else costs
        return tuple(sum((c.by_period[i] for c in lines), Decimal(0)) for i in range(len(self.periods)))

    def funding_period_totals(self) -> Amounts:
        return tuple(sum((f.by_period[i] for f in self.funders), Decimal(0))
                     for i in range(len(self.periods)))

    @property
    def new_money(self) -> Decimal:
        """Money this decision commits afresh: everything not already approved elsewhere."""
        return sum((f.total for f in self.funders if f.new_money), Decimal(0))


class Route(NamedTuple):
    """Who must approve an action under the scheme of delegation, and why."""

    action: str  # "accept funding from London Probation", "extension of MOPAC 957"
    authority: str  # key into the house style's authorities
    clause: str
    path: tuple
    value: Decimal | None = None  # the value the scheme's thresholds were compared with
    basis: str = ""  # for an award, which value that is: annual, initial_term or whole_life


class EarlierChange(NamedTuple):
    amount: Decimal
    approved_by: str
    description: str


class Award(NamedTuple):
    """A new contract: procurement route, term, and the value of each part of it."""

    route: str  # open_tender | framework | direct_award; empty while still to be decided
    regulation: str
    framework: str
    annual_value: Decimal | None
    months: int  # the initial term
    extensions: tuple[int, ...]  # optional extensions, in years
    initial_value: Decimal  # the initial term's value

    @property
    def max_months(self) -> int:
        return self.months + 12 * sum(self.extensions)

    @property
    def max_value(self) -> Decimal:
        """The whole-life value if every extension is taken, at the initial term's monthly rate."""
        if self.annual_value is not None:
            return self.annual_value * self.max_months / 12
        return self.initial_value * self.max_months / self.months if self.months else self.initial_value


class ContractChange(NamedTuple):
    """A contract this decision acts on: a change to an existing one, or a new award."""

    id: str
    number: str
    supplier: str
    service: str
    kind: str  # extension | variation | uplift | award
    value: Decimal  # the original value (for an award: its maximum value)
    change: Decimal  # what this decision adds (for an award: its maximum value)
    foreseen: bool
    months: int | None
    ends: dt.date | None
    new_end: dt.date | None
    stated_end: dt.date | None  # the author's own 'until', checked against new_end
    path: tuple
    history: tuple[EarlierChange, ...] = ()
    award: Award | None = None
    starts: dt.date | None = None
    known_value: bool = True  # False: the paper does not state the contract's original value
    costs: tuple[str, ...] = ()  # the cost lines the change or award is paid from
    regulation: str = ""  # the ground of regulation 72 a change relies on, as the author wrote it

    @property
    def name(self) -> str:
        """What the paper calls the contract: its number, else its service or supplier."""
        return self.number or self.service or self.supplier or "a new contract"

    @property
    def earlier(self) -> Decimal:
        return sum((h.amount for h in self.history), Decimal(0))

    @property
    def value_before(self) -> Decimal:
        return self.value + self.earlier if not self.award else Decimal(0)

    @property
    def value_after(self) -> Decimal:
        return self.value_before + self.change

    @property
    def percent(self) -> Decimal:
        """This change as a percentage of the original value."""
        return self.change / self.value * 100 if self.value and not self.award else Decimal(0)

    @property
    def cumulative_percent(self) -> Decimal:
        """Every change so far, this one included, as a percentage of the original value."""
        if not self.value or self.award:
            return Decimal(0)
        return (self.earlier + self.change) / self.value * 100


class Recommendation(NamedTuple):
    number: int
    id: str
    text: Prose
    accepts: tuple[tuple[str, str], ...]  # (funder, cost)
    contract: str
    path: tuple
    awards: tuple[str, ...] = ()  # recipients
    bullets: tuple[Prose, ...] = ()  # a list under the text, part of the recommendation


class Declaration(NamedTuple):
    id: str
    title: str
    state: str  # confirmed | not_required | pending
    text: Prose
    notes: tuple[Prose, ...]
    section: str
    path: tuple


class Signature(NamedTuple):
    role: str  # the style's signatory id: "chief_executive", "decision_maker", "finance"…
    title: str
    name: str
    date: dt.date | None
    path: tuple
    decides: bool = False  # the paper's decision maker
    statement: str = ""  # the texts key printed before the signature
    interests: bool = False  # the decision maker's interests follow the statement
    approval: str = ""  # the texts key printed just before the signature
    after: tuple[str, ...] = ()  # who signs before
    optional: bool = False

    @property
    def anchor(self) -> str:
        """The id of its block on the page: MOPAC's two keep the ids they always had."""
        if self.decides:
            return "approval"
        return self.role.replace("_", "-") if self.role == "chief_executive" else \
            "signatory-" + self.role.replace("_", "-")


class FrontField(NamedTuple):
    """A front-sheet field as the paper gives it: typed by the style, shown as text."""

    id: str
    label: str
    type: str  # yes_no | text | date | money | choice | list
    value: object  # bool, str, date, Decimal, or a tuple of str (a list)
    filter: bool
    path: tuple
    answers: tuple[str, str] = ("Yes", "No")  # how yes and no read

    @property
    def shown(self) -> str:
        """The value as the form prints it; formatted here, so `pcd check` never loads babel."""
        from authoring import format as fmt

        if self.type == "yes_no":
            return self.answers[0] if self.value else self.answers[1]
        if isinstance(self.value, tuple):
            return ", ".join(self.value)
        if isinstance(self.value, dt.date):
            return fmt.date(self.value)
        if isinstance(self.value, Decimal):
            return fmt.money(self.value)
        return str(self.value)


class Publication:
    """Whether and when the paper is published, and its Part 2 material.

    Not a tuple like the rest of the model: a template may index or iterate a tuple, and this
    holds what must never reach a public page. Its confidential fields are named part2_*, which
    no template may read, and repr leaves them out (a template printing the object reaches it).
    """

    __slots__ = ("defer", "reason", "until", "part2", "part2_summary", "path", "part2_figures",
                 "basis")

    def __init__(self, defer: bool, reason: Prose | None, until: dt.date | None, part2: bool,
                 part2_summary: Prose | None, path: tuple,
                 part2_figures: tuple[tuple[str, Decimal], ...] = (),
                 basis: Prose | None = None) -> None:
        self.defer, self.reason, self.until, self.part2 = defer, reason, until, part2
        self.part2_summary, self.path, self.part2_figures = part2_summary, path, part2_figures
        self.basis = basis  # the legal basis for withholding Part 2: public, unlike its content

    def __repr__(self) -> str:
        return f"Publication(defer={self.defer!r}, until={self.until!r}, part2={self.part2!r})"


class Paper(NamedTuple):
    number: int
    reference: str  # "PCD 1843"
    heading: str  # "DMPC Decision – PCD 1843"
    title: str
    style: "HouseStyle"
    decision_maker: str
    drafting_officer: str
    summary: tuple[Paragraph, ...]
    recommendations: tuple[Recommendation, ...]
    sections: tuple[Section, ...]
    finance: Finance
    contracts: tuple[ContractChange, ...]
    routes: tuple[Route, ...]
    declarations: tuple[Declaration, ...]
    signatures: tuple[Signature, ...]
    publication: Publication
    interests: Prose | None
    boilerplate: dict[str, Prose]
    abbreviations: dict[str, str]
    figures: dict[str, Decimal]
    # Every computed value prose may name, by its reference name ("cost.nds_extension",
    # "contract.mopac_957.value_after"): what `pcd diff` compares figure by figure.
    values: dict[str, object]
    drafted: dt.date | None = None
    labels: tuple[Prose, ...] = ()  # the cost lines' labels as written, for the text checks
    # The bodies it names as funders, recipients and suppliers, each by one name (compute.py,
    # bodies_named): what the site's organisation filter lists.
    organisations: tuple[str, ...] = ()
    form: tuple[str, ...] = ()  # the form's blocks in order (model/form.py)
    fields: tuple[FrontField, ...] = ()  # the front sheet
    stem: str = ""  # the reference as a file name: "1843", "2025-031"
    call_in_ends: dt.date | None = None
    portfolio: str = ""  # the portfolio's name, when the style has portfolios
    portfolio_id: str = ""  # its key, as the spec gives it
    key_decision: bool = False

    @property
    def blocks(self) -> dict[str, bool]:
        """Which optional blocks the form has: deferral, part2, call_in."""
        data = self.style.data
        given = data.get("blocks") or {}
        return {"deferral": given.get("deferral", True) is not False,
                "part2": given.get("part2", True) is not False,
                "call_in": bool(data.get("call_in"))}

    @property
    def decider(self) -> Signature:
        """The decision maker's signature."""
        return next((s for s in self.signatures if s.decides), self.signatures[-1])

    @property
    def consulted(self) -> Signature | None:
        """The first signature before the decision maker's (MOPAC's chief executive)."""
        return next((s for s in self.signatures if not s.decides), None)

    @property
    def kinds(self) -> tuple[str, ...]:
        """What the decision does, in reading order: for filters and the site's data."""
        fin, found = self.finance, []
        if any(not f.internal and f.total for f in fin.funders):
            found.append("grant acceptance")
        if fin.recipients:
            found.append("onward grant")
        found += ["contract " + ("award" if c.award else c.kind) for c in self.contracts]
        if any(f.kind in ("reserve", "carry_forward") and f.total for f in fin.funders):
            found.append("budget drawdown")
        if self.publication.part2_figures:
            found.append("Part 2 settlement")
        return tuple(dict.fromkeys(found))

    def prose(self):
        """Every piece of author prose, in reading order (for the text checks)."""
        for p in self.summary:
            yield p.text
            yield from p.bullets
        for r in self.recommendations:
            yield r.text
            yield from r.bullets
        for s in self.sections:
            for p in s.paragraphs:
                yield p.text
                yield from p.bullets
        yield from self.labels
        if self.interests:
            yield self.interests
        if self.publication.reason:
            yield self.publication.reason
