"""The published web page: Jinja2 templates from the house style, sandboxed, autoescaped, strict."""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from typing import Any

import jinja2
from jinja2 import Environment, FileSystemBytecodeCache, StrictUndefined, TemplateError, select_autoescape
from markupsafe import Markup, escape

from authoring import format as fmt
from authoring.housestyle import StyleError
from authoring.render.sandbox import Sandbox, StyleLoader, template_diagnostic
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


class QuietCache(FileSystemBytecodeCache):
    """Compiled templates kept between runs (compiling costs a cold build ~25 ms); a cache that
    cannot be read or written is simply not used. Jinja checks each entry against its source.

    Entries are code that is run, so the cache lives in a folder only this user can write, and
    its keys name the sandbox: code compiled for an unsandboxed environment (an older pcd) calls
    functions without the sandbox's checks and must never be loaded.
    """

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return super().get_cache_key(f"{SANDBOX_KEY}:{name}", filename)

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError):
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


SANDBOX_KEY = f"pcd-immutable-sandbox-1-jinja-{jinja2.__version__}"


def _cache() -> QuietCache | None:
    from authoring.cache import folder

    root = folder("templates")  # only this user can write it: its entries are code that is run
    return QuietCache(root) if root else None


@functools.lru_cache(maxsize=8)
def environment(folders: tuple[str, ...]) -> Environment:
    """One environment per house style, so a batch parses each template once."""
    env = Sandbox(
        loader=StyleLoader(list(folders)),
        bytecode_cache=_cache(),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(spans=lambda p: spans_html(p.spans),
                       plain=lambda p: plain_text(p.spans), money=fmt.money, number=fmt.number,
                       date=fmt.date)
    check_templates(env)  # every template parses, or the style is refused before any output
    return env


def render(house_style, template: str, **context) -> str:
    """Render one of the style's templates; any failure is a diagnostic at the template's line."""
    env = environment(house_style.template_dirs)
    try:
        return env.get_template(template).render(**context)
    except (TemplateError, ArithmeticError, AttributeError, LookupError, TypeError, ValueError,
            RecursionError, MemoryError) as exc:  # what a template can cause, sandbox or not
        if os.environ.get("PCD_DEBUG"):
            raise
        raise StyleError([template_diagnostic(exc, env)]) from None


def check_templates(env: Environment) -> None:
    """Parse every template of a style (its own and those it extends): all problems, one run."""
    problems = []
    for name in env.list_templates():
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
                  ceo=paper.signatures[0], dm=paper.signatures[1], **extra)
