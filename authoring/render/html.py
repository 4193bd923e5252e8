"""The published web page: Jinja2 templates from the house style, sandboxed, autoescaped, strict."""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, TemplateError
from markupsafe import Markup, escape

from authoring import format as fmt
from authoring.housestyle import StyleError
from authoring.render.sandbox import (MAX_TEXT, OPTIONS, OverBudget, Sandbox, StyleLoader,
                                      template_diagnostic)
from authoring.model.paper import Span
from authoring.model.text import plain_text

PAPER_REF = re.compile(r"\b([A-Z]{2,5}) (\d{1,6})\b")


def spans_html(spans: tuple[Span, ...]) -> Markup:
    """Inline spans as HTML; every piece of author text is escaped here."""
    out: list[str] = []
    for s in spans:
        if s.abbr:
            tag = f'<abbr title="{escape(s.abbr)}">{escape(s.text)}</abbr>'
            html = f"{escape(s.abbr)} ({tag})" if s.expand else tag
        else:
            html = str(escape(s.shown))
        if s.italic:
            html = f"<em>{html}</em>"
        if s.bold:
            html = f"<strong>{html}</strong>"
        if s.href:
            html = f'<a href="{escape(s.href)}">{html}</a>'
        out.append(html)
    return Markup("".join(out))


@functools.lru_cache(maxsize=8)
def environment(folders: tuple[str, ...]) -> Environment:
    """One environment per house style, so a batch compiles each template once. A shipped
    style's templates were compiled when pcd was built and are loaded as they are rendered; no
    compiled template is kept between runs (such a cache would hold code to be run)."""
    from authoring.render.precompile import compiled_for

    env = Sandbox(loader=StyleLoader(list(folders), compiled_for(folders)), **OPTIONS)
    env.add_filters(spans=lambda p: spans_html(p.spans),
                    plain=lambda p: plain_text(p.spans), money=fmt.money, number=fmt.number,
                    date=fmt.date)
    check_templates(env)  # every template parses, or the style is refused before any output
    return env


def render(house_style, template: str, **context) -> str:
    """Render one of the style's templates; any failure is a diagnostic at the template's line."""
    env = environment(house_style.template_dirs)
    name = template
    try:
        compiled = env.get_template(template)
        name = compiled.filename or template  # a page over the budget is blamed on its template
        return within_budget(compiled.generate(**context))
    except (TemplateError, ArithmeticError, AttributeError, LookupError, TypeError, ValueError,
            RecursionError, MemoryError) as exc:  # what a template can cause, sandbox or not
        if os.environ.get("PCD_DEBUG"):
            raise
        raise StyleError([template_diagnostic(exc, env, name)]) from None


def within_budget(pieces) -> str:
    """A page from the pieces its template makes, stopped once they pass the budget: what is
    counted is the output, however the template made it."""
    out, size = [], 0
    for piece in pieces:
        size += len(piece)
        if size > MAX_TEXT:
            pieces.close()
            raise OverBudget("the page", size)
        out.append(piece)
    return "".join(out)


def check_templates(env: Environment) -> None:
    """Compile every template of a style (its own and those it extends) that was not compiled
    with pcd: all problems, one run, before any output."""
    problems = []
    for name in env.list_templates():
        if env.loader.shipped(name):  # type: ignore[union-attr]
            continue
        try:
            env.get_template(name)
        except TemplateError as exc:
            problems.append(template_diagnostic(exc, env, name))
    if problems:
        raise StyleError(problems)


@dataclass(frozen=True)
class DeferredPaper:
    """All a page may know of a paper whose publication is deferred: what its notice shows.
    A template, however written, then has nothing else of the paper to publish early."""

    number: int
    reference: str
    heading: str
    style: Any


def paper_page(paper, links: dict[str, str] | None = None, deferred_until=None,
               home: str = "", site: dict | None = None) -> str:
    """The HTML page for one paper's Part 1 (or the deferral notice when it is not yet due).
    `site` is what a published site adds: canonical link, PDF link, search filters, navigation."""
    from authoring.model.table import table_of

    extra = {"site": site or {}}
    if deferred_until:
        notice = DeferredPaper(paper.number, paper.reference, paper.heading, paper.style)
        return render(paper.style, "paper.html", paper=notice, links={}, table=None,
                      org=paper.style["organisation"], deferred_until=deferred_until, home=home,
                      ceo=None, dm=None, **extra)
    table = table_of(paper) if paper.finance.costs else None
    return render(paper.style, "paper.html", paper=paper, links=links or {}, table=table,
                  org=paper.style["organisation"],
                  deferred_until=deferred_until, home=home,
                  ceo=paper.consulted or paper.decider, dm=paper.decider, **extra)
