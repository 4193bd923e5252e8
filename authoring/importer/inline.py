"""Bold, italic and links inside a paragraph, written back as the spec's inline markup."""

from __future__ import annotations

import re
from dataclasses import dataclass

from authoring.importer.common import escape

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
SAFE_URL = re.compile(r"(https?://|mailto:)[^\s<>\"()]+")
# Parts of a run that are not its visible text (deleted text, field codes, properties).
DROPPED = {f"{W}del", f"{W}moveFrom", f"{W}delText", f"{W}instrText", f"{W}rPr", f"{W}pPr"}
CHARS = {f"{W}tab": "\t", f"{W}br": " ", f"{W}cr": " ", f"{W}noBreakHyphen": "-"}


@dataclass
class Segment:
    text: str
    bold: bool = False
    italic: bool = False
    href: str = ""


def docx_segments(p, links: dict[str, str]) -> list[Segment]:
    """The paragraph's visible text in runs of the same formatting (tracked insertions kept)."""
    out: list[Segment] = []

    def walk(el, href: str) -> None:
        for child in el:
            tag = child.tag
            if tag in DROPPED or not isinstance(tag, str):
                continue
            if tag == f"{W}r":
                text = "".join(_run_text(child))
                if text:
                    out.append(Segment(text, _on(child, "b"), _on(child, "i"), href))
            elif tag == f"{W}hyperlink":
                walk(child, links.get(child.get(R_ID, ""), ""))
            else:
                walk(child, href)
    walk(p, "")
    return out


def _run_text(run):
    for child in run.iter():
        if child.tag == f"{W}t" and not _inside_deletion(child, run):
            yield (child.text or "").replace("\u00a0", " ")
        elif child.tag in CHARS:
            yield CHARS[child.tag]


def _inside_deletion(el, stop) -> bool:
    while el is not None and el is not stop:
        if el.tag in DROPPED:
            return True
        el = el.getparent()
    return False


def _on(run, prop: str) -> bool:
    el = run.find(f"{W}rPr/{W}{prop}")
    return el is not None and el.get(f"{W}val") not in ("0", "false", "off")


def html_segments(el) -> list[Segment]:
    out: list[Segment] = []

    def walk(node, bold: bool, italic: bool, href: str) -> None:
        if node.text:
            out.append(Segment(node.text, bold, italic, href))
        for child in node:
            if isinstance(child.tag, str):
                tag = child.tag.lower()
                walk(child, bold or tag in ("strong", "b"), italic or tag in ("em", "i"),
                     child.get("href", "") if tag == "a" else href)
            if child.tail:
                out.append(Segment(child.tail, bold, italic, href))
    walk(el, False, False, "")
    return out


def plain(segments: list[Segment]) -> str:
    return "".join(s.text for s in segments)


def drop_prefix(segments: list[Segment], count: int) -> list[Segment]:
    """The segments without their first `count` characters (a typed number or bullet)."""
    out = []
    for s in segments:
        if count >= len(s.text):
            count -= len(s.text)
            continue
        out.append(Segment(s.text[count:], s.bold, s.italic, s.href))
        count = 0
    return out


def markup(segments: list[Segment]) -> str:
    """Spec prose: text escaped, **bold**, *italic*, [links](https://…) (safe addresses only)."""
    groups: list[Segment] = []
    for s in segments:
        href = s.href if SAFE_URL.fullmatch(s.href) else ""
        if groups and (groups[-1].bold, groups[-1].italic, groups[-1].href) == (s.bold, s.italic, href):
            groups[-1].text += s.text
        else:
            groups.append(Segment(s.text, s.bold, s.italic, href))
    out = []
    for g in groups:
        text = " ".join(g.text.split())
        if not text:
            out.append(" " if g.text else "")
            continue
        inner = escape(text)
        if g.href:
            inner = f"[{inner}]({g.href})"
        if g.italic:
            inner = f"*{inner}*"
        if g.bold:
            inner = f"**{inner}**"
        lead = " " if g.text[:1].isspace() else ""
        trail = " " if g.text[-1:].isspace() else ""
        out.append(f"{lead}{inner}{trail}")
    return " ".join("".join(out).split())
