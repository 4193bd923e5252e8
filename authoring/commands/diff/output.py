"""The report as text, markdown or json: every text from a spec is shown, never acted on."""

from __future__ import annotations

import json
import re
from dataclasses import asdict

from authoring.commands.diff.change import Change, words
from authoring.diagnostics import HIDDEN, visible


def one_line(text: str) -> str:
    """A text on one line with its control, bidi and line-break characters written as escapes:
    a spec's words cannot forge a line of the report or reorder what a terminal shows."""
    return visible(text.replace("\n• ", " • "))


def header(name: str) -> str:
    """The line git's driver writes first, naming the file (a file name cannot forge a line)."""
    return f"pcd diff {visible(name)}\n"


def as_text(changes: list[Change]) -> str:
    lines = []
    for c in changes:
        what = one_line(c.what)
        if c.kind == "confidential":
            lines.append(f"{what}: changed, confidential")
        elif c.kind in ("figure", "fact", "spec") and not (c.words and c.old and c.new):
            lines.append(f"{what}: {one_line(c.old) or '(none)'} → {one_line(c.new) or '(none)'}")
        elif not (c.old and c.new):
            change = f"added: {one_line(c.new)}" if c.new else f"removed: {one_line(c.old)}"
            lines.append(f"{what}: {change}")
        else:
            lines.append(f"{what}: {one_line(c.words) or 'renumbered'}")
    return "\n".join(lines) + ("\n" if lines else "")


def as_markdown(changes: list[Change], title: str, notes: list[str]) -> str:
    def md(text: str) -> str:
        text = one_line(text).replace("\\", "\\\\")
        return re.sub(r"([|*_`<>\[\]#~])", r"\\\1", text)

    out = [f"### {md(title)}", ""]
    out += [f"> {md(n)}" for n in notes] + ([""] if notes else [])
    groups = (("fact", "Facts"), ("recommendation", "Recommendations"), ("figure", "Figures"),
              ("paragraph", "Paragraphs"), ("confidential", "Part 2"), ("spec", "Other edits"))
    for kind, heading in groups:
        rows = [c for c in changes if c.kind == kind]
        if not rows:
            continue
        out.append(f"**{heading}**")
        out.append("")
        if kind == "confidential":
            out += [f"- {md(c.what)}: changed, confidential" for c in rows]
        elif kind in ("figure", "fact", "spec"):
            out += ["| | before | after |", "| --- | ---: | ---: |"]
            out += [f"| {md(c.what)} | {md(c.old) or '—'} | {md(c.new) or '—'} |" for c in rows]
        else:
            for c in rows:
                if c.old and c.new:
                    body = (words(md(c.old), md(c.new), ("~~", "~~", "**", "**"))
                            if c.words else "renumbered")
                else:
                    body = ("added: " + md(c.new)) if c.new else ("removed: ~~" + md(c.old) + "~~")
                out.append(f"- {md(c.what)}: {body}")
        out.append("")
    return "\n".join(out) + "\n"


def as_json(changes: list[Change], labels: tuple[str, str], notes: list[str]) -> str:
    data = {"old": visible(labels[0]), "new": visible(labels[1]), "changes": [asdict(c) for c in changes],
            "notes": notes}
    text = json.dumps(data, indent=2, ensure_ascii=False)
    # json escapes control characters in strings but leaves bidi controls and a file name's stray
    # surrogates as they are: escape them too (a raw line break is the layout's own)
    return HIDDEN.sub(lambda m: m.group() if m.group() == "\n" else f"\\u{ord(m.group()):04x}", text) + "\n"
