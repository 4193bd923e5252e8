"""A decision page saved from the website, read into the same paragraphs and tables as a DOCX.

Only the page's <main> (or <body>) is read; navigation, scripts and styles are skipped. The
parser fetches nothing and expands no entities.
"""

from __future__ import annotations

import re

from lxml import etree, html

from authoring.importer.blocks import Body, Para, Table, typed_prefix
from authoring.importer.inline import Segment, drop_prefix, html_segments, markup, plain
from authoring.importer.package import MAX_FILE, Unreadable

SKIP = {"nav", "script", "style", "template", "header", "footer", "noscript", "aside", "form",
        "caption", "button"}
LISTS = {"ul": "bullet", "ol": "number"}


def looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head


def read_html(data: bytes) -> Body:
    if len(data) > MAX_FILE:
        raise Unreadable(f"the page is over {MAX_FILE // (1024 * 1024)} MiB")
    parser = html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:
        text = re.sub(r"^\s*<\?xml[^>]*\?>", "", _decode(data))  # XHTML's declaration
        root = html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise Unreadable(f"not a readable web page: {exc}") from None
    main = root.find(".//main")
    if main is None:
        main = root.find(".//body")
    if main is None:
        raise Unreadable("not a readable web page: it has no body")
    reader = _Reader()
    reader.walk(main)
    body = Body(reader.blocks)
    footer = root.find(".//footer")
    if footer is not None:
        body.headers.append(_text(footer))
    return body


def _decode(data: bytes) -> str:
    """The page's text: its BOM or <meta charset>, else UTF-8 (what the web is written in)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    m = re.search(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", data[:4096], re.IGNORECASE)
    try:
        return data.decode(m.group(1).decode("ascii") if m else "utf-8", "replace")
    except LookupError:
        return data.decode("utf-8", "replace")


def _text(el) -> str:
    return " ".join(el.text_content().split())


class _Reader:
    def __init__(self) -> None:
        self.blocks: list = []

    def add(self, text: str, el=None, **kw) -> None:
        """A paragraph; from an element, its bold, italic and links are kept as markup, and a
        number or bullet typed before its text is taken off."""
        if not text:
            return
        segments = html_segments(el) if el is not None else [Segment(text)]
        raw = plain(segments)
        number, kind, cut = typed_prefix(raw.lstrip())
        if cut and not kw.get("number") and "style" not in kw:
            cut += len(raw) - len(raw.lstrip())
            kw["number"] = number or kw.get("number", "")
            kw["list_kind"] = kind or kw.get("list_kind", "")
            segments, text = drop_prefix(segments, cut), " ".join(raw[cut:].split())
        self.blocks.append(Para(text, index=len(self.blocks), rich=markup(segments), **kw))

    def walk(self, el) -> None:
        for child in el:
            tag = child.tag if isinstance(child.tag, str) else ""
            if not tag or tag in SKIP:
                continue
            if re.fullmatch(r"h[1-6]", tag):
                self.heading(child)
            elif tag == "p":
                strong = [s for s in child.iter("strong", "b")]
                bold = bool(strong) and sum(len(_text(s)) for s in strong) >= len(_text(child)) - 1
                self.add(_text(child), child, bold=bold)
            elif tag in LISTS:
                for li in child.iterfind("li"):
                    self.add(_text(li), li, list_kind=LISTS[tag])
            elif tag == "table":
                self.table(child)
            elif tag == "dl":
                for dt in child.iterfind("dt"):
                    dd = dt.getnext()
                    answer = _text(dd) if dd is not None and dd.tag == "dd" else ""
                    self.add(f"{_text(dt)} {answer}".strip())
            elif "para" in (child.get("class") or "").split():
                num = child.find(".//span[@class='num']")
                number = _text(num) if num is not None else ""
                if num is not None:
                    num.drop_tree()
                self.walk_para(child, number)
            else:
                self.walk(child)

    def walk_para(self, div, number: str) -> None:
        first = True
        for child in div:
            if not isinstance(child.tag, str):
                continue
            if child.tag in LISTS:
                for li in child.iterfind("li"):
                    self.add(_text(li), li, list_kind="bullet")
            elif child.tag == "table":
                self.table(child)
            else:
                self.add(_text(child), child, number=number if first else "")
                first = False

    def heading(self, h) -> None:
        kicker = h.find(".//span[@class='kicker']")
        if kicker is not None:
            self.add(_text(kicker), style=f"Heading {h.tag[1]}")
            kicker.drop_tree()
            self.add(f"Title: {_text(h)}")
            return
        text = _text(h)
        m = re.match(r"^(\d{1,2})\.\s+(.*)$", text)
        self.add(m.group(2) if m else text, style=f"Heading {h.tag[1]}",
                 number=m.group(1) if m else "")

    def table(self, t) -> None:
        rows, cells = [], []
        for tr in t.iter("tr"):
            row, row_cells = [], []
            for c in tr:
                if c.tag not in ("td", "th"):
                    continue
                lists = [li for lst in c.iterfind(".//ul") for li in lst.iterfind("li")]
                items = [_text(li) for li in lists]
                for lst in c.findall(".//ul"):
                    lst.drop_tree()
                row.append(" ".join([_text(c), *items]).strip())
                row_cells.append([_text(c), *items])
                for _ in range(int(c.get("colspan", "1") or 1) - 1):
                    row.append("")
                    row_cells.append([""])
            rows.append(row)
            cells.append(row_cells)
        self.blocks.append(Table(rows, cells, len(self.blocks)))
