"""Inline prose: **bold**, *italic*, [links](https://…), {references} and abbreviations.

References go through the spec's own small namespace (see References in compute.py): a name
is looked up, never evaluated, so text that looks like template code stays text or is refused.
"""

from __future__ import annotations

import re
from typing import Callable

from authoring.model.paper import Span

REF = re.compile(r"[a-z][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)*(:[a-z]+)?")
SAFE_URL = re.compile(r"(https?://|mailto:)[^\s<>\"]+")
ABBR = re.compile(r"(?<![\w&])([A-Z][A-Z0-9&]*[A-Z0-9])(s?)(?![\w&])")

Resolver = Callable[[str, str], tuple[object, str]]  # (name, format) -> (value, href)


class Problem(Exception):
    def __init__(self, code: str, message: str, needle: str = "") -> None:
        super().__init__(message)
        self.code, self.message, self.needle = code, message, needle


TOKEN = re.compile(r"\\[\\{}*\[\]]|\*\*|\*|\[|\](?:\(([^)\s]*)\))?|\{([^}]*)(\}|$)")


def parse_inline(text: str, resolve: Resolver) -> tuple[tuple[Span, ...], list[Problem], list[str]]:
    """Parse prose into spans; return the problems found and the literal text segments."""
    spans: list[Span] = []
    problems: list[Problem] = []
    literal: list[str] = []  # the author's own words, without references (for the checks)
    bold = italic = False
    link_start: int | None = None
    buf: list[str] = []
    text = " ".join(text.split())  # YAML folding leaves newlines; prose has none

    def flush() -> None:
        if buf:
            chunk = "".join(buf)
            spans.append(Span(chunk, bold, italic))
            literal.append(chunk)
            buf.clear()

    pos = 0
    for m in TOKEN.finditer(text):
        if m.start() > pos:
            buf.append(text[pos:m.start()])
        token, pos = m.group(0), m.end()
        if token[0] == "\\":
            buf.append(token[1])
        elif token == "**":
            flush()
            bold = not bold
        elif token == "*":
            flush()
            italic = not italic
        elif token == "[":
            if link_start is None:
                flush()
                link_start = len(spans)
            else:
                buf.append(token)
        elif token[0] == "]":
            if link_start is None:
                buf.append(token)
                continue
            flush()
            url = m.group(1)
            if url is None:
                problems.append(Problem("PCD205", "a link needs its address: [text](https://…)"))
            elif not SAFE_URL.fullmatch(url):
                problems.append(Problem("PCD205", f"link address '{url}' must start https://, "
                                        "http:// or mailto:"))
            elif link_start == len(spans):
                problems.append(Problem("PCD205", "a link needs text: [text](https://…)"))
            else:
                spans[link_start:] = [s._replace(href=url) for s in spans[link_start:]]
            link_start = None
        else:  # a reference
            flush()
            body = m.group(2)
            if not m.group(3) or not REF.fullmatch(body):
                shown = body if len(body) < 40 else body[:37] + "…"
                problems.append(Problem("PCD205", f"'{{{shown}}}' is not a reference; references look "
                                        "like {cost.nds_extension} (write \\{ for a brace)",
                                        "{" + body[:20]))
                continue
            name, _, form = body.partition(":")
            try:
                value, href = resolve(name, form)
            except Problem as exc:
                exc.needle = "{" + body + "}"
                problems.append(exc)
                continue
            if isinstance(value, str):
                spans.append(Span(value, bold, italic, href, ref=name))
            else:
                spans.append(Span("", bold, italic, href, figure=value, form=form, ref=name))
    if pos < len(text):
        buf.append(text[pos:])
    flush()
    if bold or italic:
        problems.append(Problem("PCD205", f"'{'**' if bold else '*'}' is opened but never closed"))
    if link_start is not None:
        problems.append(Problem("PCD205", "'[' opens a link that is never closed with ](address)"))
    return tuple(s for s in spans if s.text or s.figure is not None), problems, literal



def mark_abbreviations(spans: tuple[Span, ...], known: dict[str, str], seen: set[str]) -> tuple[Span, ...]:
    """Split out declared abbreviations; the first use in the paper is marked for expansion."""
    out: list[Span] = []
    for span in spans:
        if span.href or span.figure is not None:
            out.append(span)
            continue
        pos = 0
        for m in ABBR.finditer(span.text):
            word = m.group(1)
            if word not in known:
                continue
            if m.start() > pos:
                out.append(span._replace(text=span.text[pos:m.start()]))
            out.append(span._replace(text=word, abbr=known[word], expand=word not in seen))
            seen.add(word)
            pos = m.end(1)
        out.append(span._replace(text=span.text[pos:]) if pos else span)
    return tuple(s for s in out if s.text or s.figure is not None)


def abbreviations_in(text: str) -> list[str]:
    """All-capital words of two or more letters: candidates for an abbreviation."""
    return [m.group(1) for m in ABBR.finditer(text) if sum(ch.isupper() for ch in m.group(1)) >= 2]


def plain_text(spans: tuple[Span, ...]) -> str:
    return "".join(s.shown for s in spans)
