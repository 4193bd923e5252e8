"""`pcd diff OLD NEW`: what changed between two versions of a paper, figure by figure.

Word processors show that words changed; pcd knows every computed figure, so it says which
totals, shares and contract values moved because one amount was edited. Exit codes follow
diff(1): 0 nothing changed, 1 something changed, 2 trouble (unreadable, or a spec with errors).
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import subprocess
import sys
from dataclasses import asdict, dataclass
from decimal import Decimal
from pathlib import Path
from typing import TextIO

from authoring.model.paper import Paper, Paragraph, Recommendation
from authoring.pipeline import Outcome, process_text


@dataclass(frozen=True)
class Change:
    kind: str  # figure | recommendation | paragraph | fact
    what: str  # "cost.nds_extension", "recommendation 3", "paragraph 3.2"
    old: str
    new: str
    words: str = ""  # a word-level rendering of a changed text: [-old-]{+new+}


def figures(old: Paper, new: Paper) -> list[Change]:
    """Every named value that moved, in the new paper's reading order, then the ones it lost."""
    from authoring.model.references import write

    names = list(new.values) + [n for n in old.values if n not in new.values]
    names.sort(key=lambda n: ORDER.index(n.split(".")[0]) if n.split(".")[0] in ORDER else len(ORDER))
    out = []
    for name in names:
        a, b = old.values.get(name), new.values.get(name)
        text = isinstance(a, str) or isinstance(b, str)
        if name.startswith("date.") or a == b or (text and not _fact(name)):
            continue
        kind = "figure" if isinstance(a or b, Decimal) else "fact"
        out.append(Change(kind, name, "" if a is None else write(a), "" if b is None else write(b)))
    return out


# The table's reading order: each line, who funds it, the funders, the totals, then contracts.
ORDER = ["cost", "funding", "funder", "recipient", "total", "contract", "figure", "period"]


def _fact(name: str) -> bool:
    """Text values worth reporting: approval routes, names and dates; not every label."""
    return name.endswith((".route", ".name", ".supplier", ".procurement", ".term", ".label")) or name in (
        "reference", "dm.title", "officer")


def recommendations(old: Paper, new: Paper) -> list[Change]:
    before = {r.id: r for r in old.recommendations}
    after = {r.id: r for r in new.recommendations}
    out = []
    for r in new.recommendations:
        was = before.get(r.id)
        if was is None:
            out.append(Change("recommendation", f"recommendation {r.number}", "", source(r)))
        elif source(was) != source(r) or was.number != r.number:
            what = (f"recommendation {r.number}" if was.number == r.number
                    else f"recommendation {was.number} → {r.number}")
            out.append(Change("recommendation", what, source(was), source(r),
                              words(source(was), source(r))))
    out += [Change("recommendation", f"recommendation {r.number}", source(r), "")
            for r in old.recommendations if r.id not in after]
    return out


def source(p: Paragraph | Recommendation) -> str:
    """A paragraph's or recommendation's words as the author wrote them, its bullets included."""
    return "\n".join([p.text.source, *(f"• {b.source}" for b in p.bullets)])


def paragraphs(old: Paper, new: Paper) -> list[Change]:
    """Paragraphs (the executive summary's first) added, removed, changed or renumbered."""
    out = []
    before = {"summary": old.summary, **{s.id: s.paragraphs for s in old.sections}}
    after = {"summary": new.summary, **{s.id: s.paragraphs for s in new.sections}}
    for sid, b in after.items():
        a = list(before.get(sid, ()))

        def name(p: Paragraph, i: int) -> str:  # summary paragraphs have no number
            return p.number or f"{i + 1} of the summary"

        match = difflib.SequenceMatcher(None, [source(p) for p in a], [source(p) for p in b], autojunk=False)
        for op, i1, i2, j1, j2 in match.get_opcodes():
            if op == "equal":
                out += [Change("paragraph", f"paragraph {p.number} → {q.number}", source(p), source(q))
                        for p, q in zip(a[i1:i2], b[j1:j2]) if p.number != q.number]
                continue
            for k in range(max(i2 - i1, j2 - j1)):
                p = a[i1 + k] if i1 + k < i2 else None
                q = b[j1 + k] if j1 + k < j2 else None
                if p and q:
                    what = (f"paragraph {name(q, j1 + k)}" if p.number == q.number
                            else f"paragraph {p.number} → {q.number}")
                    out.append(Change("paragraph", what, source(p), source(q), words(source(p), source(q))))
                elif q:
                    out.append(Change("paragraph", f"paragraph {name(q, j1 + k)}", "", source(q)))
                elif p:
                    out.append(Change("paragraph", f"paragraph {name(p, i1 + k)}", source(p), ""))
    return out


def facts(old: Paper, new: Paper) -> list[Change]:
    """The paper's own facts: title, decision maker, signature dates, publication."""
    def date(d: dt.date | None) -> str:
        return d.isoformat() if d else ""

    pairs = [("title", old.title, new.title), ("decision maker", old.decision_maker, new.decision_maker)]
    pairs += [(f"{a.role.replace('_', ' ')} signed", date(a.date), date(b.date))
              for a, b in zip(old.signatures, new.signatures)]
    pairs += [("publication deferred until", date(old.publication.until) if old.publication.defer else "",
               date(new.publication.until) if new.publication.defer else "")]
    labels = [{c.id: c.label for c in p.finance.costs} for p in (old, new)]
    pairs += [(f"cost.{cid} label", labels[0].get(cid, ""), labels[1].get(cid, ""))
              for cid in dict.fromkeys([*labels[1], *labels[0]])]
    return [Change("fact", what, a, b) for what, a, b in pairs if a != b]


def words(a: str, b: str, marks: tuple[str, str, str, str] = ("[-", "-]", "{+", "+}")) -> str:
    """A word-level diff: unchanged words as they are, [-removed-] and {+added+}."""
    x, y = a.split(), b.split()
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, x, y, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(" ".join(x[i1:i2]))
            continue
        if i2 > i1:
            out.append(marks[0] + " ".join(x[i1:i2]) + marks[1])
        if j2 > j1:
            out.append(marks[2] + " ".join(y[j1:j2]) + marks[3])
    return " ".join(out)


def compare(old: Paper, new: Paper) -> list[Change]:
    """Every change, in reading order: the paper's facts, recommendations, figures, paragraphs."""
    return facts(old, new) + recommendations(old, new) + figures(old, new) + paragraphs(old, new)


# -- output ---------------------------------------------------------------------------------------

def as_text(changes: list[Change]) -> str:
    lines = []
    for c in changes:
        if c.kind in ("figure", "fact") or not (c.old and c.new):
            arrow = f"{c.old or '(none)'} → {c.new or '(none)'}" if c.kind in ("figure", "fact") else (
                f"added: {c.new}" if c.new else f"removed: {c.old}")
            lines.append(f"{c.what}: {arrow}")
        else:
            lines.append(f"{c.what}: {c.words or 'renumbered'}")
    return "\n".join(lines) + ("\n" if lines else "")


def as_markdown(changes: list[Change], title: str) -> str:
    def md(text: str) -> str:
        return text.replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")

    out = [f"### {md(title)}", ""]
    groups = (("fact", "Facts"), ("recommendation", "Recommendations"), ("figure", "Figures"),
              ("paragraph", "Paragraphs"))
    for kind, heading in groups:
        rows = [c for c in changes if c.kind == kind]
        if not rows:
            continue
        out.append(f"**{heading}**")
        out.append("")
        if kind in ("figure", "fact"):
            out += ["| | before | after |", "| --- | ---: | ---: |"]
            out += [f"| `{c.what}` | {md(c.old) or '—'} | {md(c.new) or '—'} |" for c in rows]
        else:
            for c in rows:
                if c.old and c.new:
                    body = (words(md(c.old), md(c.new), ("~~", "~~", "**", "**"))
                            if c.old != c.new else "renumbered")
                else:
                    body = ("added: " + md(c.new)) if c.new else ("removed: ~~" + md(c.old) + "~~")
                out.append(f"- {md(c.what)}: {body}")
        out.append("")
    return "\n".join(out) + "\n"


# -- reading the two versions ------------------------------------------------------------------------

class Trouble(Exception):
    """Something that stops a comparison: exit 2 with this message."""


def load(data: bytes, name: str, style_dirs: tuple[str, ...]) -> Paper:
    outcome: Outcome = process_text(data, name, style_dirs)
    if not outcome.ok or outcome.paper is None:
        shown = "\n".join(d.format() for d in outcome.diagnostics if d.severity == "error")
        raise Trouble(f"{name} has errors, so its figures cannot be compared:\n{shown}")
    return outcome.paper


def read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise Trouble(f"cannot read {path}: {exc.strerror or exc}") from None


def at_revision(path: str, rev: str) -> bytes:
    """The file as it was at a git revision (run as an argument list: nothing is a shell)."""
    if rev.startswith("-"):  # git would read it as an option
        raise Trouble(f"--rev {rev!r} is not a revision")
    where = Path(path).resolve()
    try:
        result = subprocess.run(["git", "-C", str(where.parent), "show", f"{rev}:./{where.name}"],
                                capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise Trouble(f"cannot run git: {exc}") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise Trouble(f"git cannot show {path} at {rev}: {message[-1] if message else 'unknown error'}")
    return result.stdout


def diff(paths: list[str], rev: str | None = None, form: str = "text",
         style_dirs: tuple[str, ...] = (), out: TextIO = sys.stdout) -> int:
    """Compare two specs (or one against a git revision); print the changes; diff(1)'s exit codes.

    Seven paths are git's external diff convention (path old-file old-hex old-mode new-file
    new-hex new-mode): `git diff` then shows figure-level changes for specs marked diff=pcd.
    """
    as_git = len(paths) == 7
    try:
        if as_git:
            name, old_file, new_file = paths[0], paths[1], paths[4]
            old_data = b"" if old_file == "/dev/null" else read(old_file)
            new_data = b"" if new_file == "/dev/null" else read(new_file)
            out.write(f"pcd diff {name}\n")
            if not old_data or not new_data:
                out.write(f"{name}: {'new' if not old_data else 'deleted'} spec\n")
                return 0
            labels = (f"a/{name}", f"b/{name}")
        elif rev is not None and len(paths) == 1:
            old_data, new_data = at_revision(paths[0], rev), read(paths[0])
            labels = (f"{paths[0]}@{rev}", paths[0])
        elif rev is None and len(paths) == 2:
            old_data, new_data = read(paths[0]), read(paths[1])
            labels = (paths[0], paths[1])
        else:
            raise Trouble("give two specs (OLD NEW), or one spec and --rev REVISION")
        old, new = load(old_data, labels[0], style_dirs), load(new_data, labels[1], style_dirs)
    except Trouble as exc:
        print(f"pcd diff: {exc}", file=sys.stderr)
        return 0 if as_git else 2
    changes = compare(old, new)
    if form == "json":
        json.dump({"old": labels[0], "new": labels[1], "changes": [asdict(c) for c in changes]},
                  out, indent=2, ensure_ascii=False)
        out.write("\n")
    elif form == "markdown":
        out.write(as_markdown(changes, f"{new.reference}: {len(changes)} change(s)") if changes
                  else f"{new.reference}: no changes\n")
    else:
        out.write(as_text(changes))
    if as_git:
        return 0  # git treats any other exit status from an external diff as a failure
    return 1 if changes else 0
