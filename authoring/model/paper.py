"""The computed paper: what renderers and checks read. Nothing here is typed by the author twice."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for the annotation only: the model imports nothing at run time
    from authoring.housestyle import HouseStyle


@dataclass(frozen=True)
class Span:
    """A run of inline text with its marks."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str = ""
    abbr: str = ""  # the expansion, when this span is an abbreviation
    expand: bool = False  # first use: write the expansion out before it
    figure: object = None  # a computed amount or date, written out only when rendered
    form: str = ""  # how to write the figure ("", "millions", "short", …)

    @property
    def shown(self) -> str:
        """The text a reader sees. Figures are formatted here, so `pcd check` never loads babel."""
        if self.figure is None:
            return self.text
        from authoring.model.references import write
        return write(self.figure, self.form)


Line = tuple[Span, ...]


@dataclass(frozen=True)
class Prose:
    """Parsed prose, with the author's text kept for the text checks."""

    spans: Line
    source: str
    path: tuple


@dataclass(frozen=True)
class Paragraph:
    text: Prose
    number: str = ""  # "3.4"; empty for unnumbered paragraphs
    bullets: tuple[Prose, ...] = ()
    table: bool = False  # the finance table follows this paragraph

    @property
    def anchor(self) -> str:
        return "para-" + self.number.replace(".", "-") if self.number else ""


@dataclass(frozen=True)
class BackgroundPaper:
    label: str  # "Appendix 1"
    ref: str  # "PCD 1291"
    title: str


@dataclass(frozen=True)
class Section:
    number: int
    id: str
    title: str
    paragraphs: tuple[Paragraph, ...] = ()
    papers: tuple[BackgroundPaper, ...] = ()
    path: tuple = ()


@dataclass(frozen=True)
class FundingLine:
    funder: str
    cost: str
    amount: Decimal
    path: tuple


@dataclass(frozen=True)
class CostLine:
    id: str
    label: str
    amount: Decimal
    funding: tuple[FundingLine, ...]
    path: tuple

    @property
    def funded(self) -> Decimal:
        return sum((f.amount for f in self.funding), Decimal(0))


@dataclass(frozen=True)
class Funder:
    id: str
    name: str
    internal: bool
    total: Decimal
    path: tuple


@dataclass(frozen=True)
class Finance:
    costs: tuple[CostLine, ...]
    funders: tuple[Funder, ...]

    @property
    def cost_total(self) -> Decimal:
        return sum((c.amount for c in self.costs), Decimal(0))

    @property
    def funding_total(self) -> Decimal:
        return sum((f.total for f in self.funders), Decimal(0))


@dataclass(frozen=True)
class Route:
    """Who must approve an action under the scheme of delegation, and why."""

    action: str  # "accept funding from London Probation", "extension of MOPAC 957"
    authority: str  # key into the house style's authorities
    clause: str
    path: tuple


@dataclass(frozen=True)
class ContractChange:
    id: str
    number: str
    supplier: str
    service: str
    kind: str  # extension | variation
    value: Decimal
    change: Decimal
    foreseen: bool
    months: int | None
    ends: dt.date | None
    new_end: dt.date | None
    stated_end: dt.date | None  # the author's own 'until', checked against new_end
    path: tuple

    @property
    def value_after(self) -> Decimal:
        return self.value + self.change

    @property
    def percent(self) -> Decimal:
        return self.change / self.value * 100 if self.value else Decimal(0)


@dataclass(frozen=True)
class Recommendation:
    number: int
    id: str
    text: Prose
    accepts: tuple[tuple[str, str], ...]  # (funder, cost)
    contract: str
    path: tuple


@dataclass(frozen=True)
class Declaration:
    id: str
    title: str
    state: str  # confirmed | not_required | pending
    text: Prose
    notes: tuple[Prose, ...]
    section: str
    path: tuple


@dataclass(frozen=True)
class Signature:
    role: str  # "chief_executive" | "decision_maker"
    title: str
    name: str
    date: dt.date | None
    path: tuple


@dataclass(frozen=True)
class Publication:
    defer: bool
    reason: Prose | None
    until: dt.date | None
    part2: bool
    part2_summary: Prose | None  # confidential: never rendered into Part 1 outputs
    path: tuple


@dataclass(frozen=True)
class Paper:
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
    figures: dict[str, Decimal] = field(default_factory=dict)
    # Every computed value prose may name, by its reference name ("cost.nds_extension",
    # "contract.mopac_957.value_after"): what `pcd diff` compares figure by figure.
    values: dict[str, object] = field(default_factory=dict)

    def prose(self):
        """Every piece of author prose, in reading order (for the text checks)."""
        for p in self.summary:
            yield p.text
            yield from p.bullets
        for r in self.recommendations:
            yield r.text
        for s in self.sections:
            for p in s.paragraphs:
                yield p.text
                yield from p.bullets
        if self.interests:
            yield self.interests
        if self.publication.reason:
            yield self.publication.reason
