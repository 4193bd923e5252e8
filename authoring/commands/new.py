"""`pcd new`: scaffold the next paper, with every section present and a prompt in each."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from authoring.commands.folder import declared_references
from authoring.housestyle import DEFAULT, load_style


PROMPTS = {
    "background": "the history and context a reader needs",
    "issues": "what the decision maker is asked to decide, and why now",
    "financial": "costs, funding and the budget they come from",
    "legal": "the powers that allow the decision",
    "commercial": "procurement route, contract changes and the scheme of delegation",
    "public_health": "how the proposal fits the public health approach to violence",
    "gdpr": "personal data, who controls it, and any impact assessment",
    "equality": "the public sector equality duty and the proposal's effects",
}


def next_reference(folder: Path) -> int:
    return max(declared_references(folder.glob("*.yaml")), default=0) + 1


def kinds() -> list[str]:
    """The kinds of decision `pcd new --kind` can start: one fragment each in the house style."""
    return sorted(p.stem for p in load_style(DEFAULT).file("new").glob("*.yaml"))


def fragment(kind: str, today: dt.date) -> str:
    """The kind's recommendations, finance and contracts, with its periods and dates filled in."""
    text = load_style(DEFAULT).file(f"new/{kind}.yaml").read_text(encoding="utf-8")
    start = today.year if today.month >= 4 else today.year - 1  # UK financial years start in April
    for key, value in (("{this_year}", f"{start}/{(start + 1) % 100:02d}"),
                       ("{next_year}", f"{start + 1}/{(start + 2) % 100:02d}"),
                       ("{date}", today.isoformat())):
        text = text.replace(key, value)
    return text.rstrip("\n")


def scaffold(number: int, title: str, today: dt.date, kind: str = "general") -> str:
    style = load_style(DEFAULT)
    q = lambda text: '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'  # noqa: E731
    lines = [
        f"# {style['code']} {number}: drafted {today.isoformat()}. Replace every 'To be written'.",
        f"reference: {number}",
        f"title: {q(title)}",
        f"drafted: {today.isoformat()}",
        "decision_maker: dmpc",
        "drafting_officer: To be written",
        "summary:",
        "  - " + q("To be written: the decision in a paragraph a member of the public can follow."),
    ]
    body = fragment(kind, today)
    lines += [body, "sections:"]
    for sec in style.sections:
        if sec.get("papers"):
            continue
        prompt = PROMPTS.get(sec["id"], sec["title"].lower())
        lines += [f"  {sec['id']}:", "    - " + q(f"To be written: {prompt}.")]
    lines += ["publication: {defer: false}"]
    if "\npart2:" not in "\n" + body:
        lines.append("part2: {exists: false}")
    lines.append("declarations:")
    lines += [f"  {d['id']}: pending" for d in style.declarations]
    return "\n".join(lines) + "\n"


def new(folder: str, title: str, date: str | None = None, kind: str = "general") -> int:
    if kind not in kinds():
        print(f"pcd: unknown kind {kind!r}; choose one of: {', '.join(kinds())}", file=sys.stderr)
        return 2
    where = Path(folder)
    try:
        today = dt.date.fromisoformat(date) if date else dt.date.today()
        where.mkdir(parents=True, exist_ok=True)
        number = next_reference(where)
        path = where / f"{number}.yaml"
        with open(path, "x", encoding="utf-8") as fh:  # never overwrite a spec
            fh.write(scaffold(number, title, today, kind))
    except ValueError:
        print(f"pcd: --date {date!r} is not a date (YYYY-MM-DD)", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"pcd: cannot write the new spec: {exc}", file=sys.stderr)
        return 2
    print(path)
    return 0
