"""`pcd new`: scaffold the next paper, with every section present and a prompt in each."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from authoring.checks.drafting import DEFAULT_TITLE
from authoring.commands.folder import declared_style_references
from authoring.housestyle import DEFAULT, HouseStyle, load_style


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


def next_reference(folder: Path, style: str = DEFAULT) -> int:
    """The number after the highest of this house style's series in the folder (another body's
    papers in the same folder are numbered in their own series)."""
    return max(declared_style_references(folder.glob("*.yaml"), style), default=0) + 1


def kinds(style: HouseStyle | None = None) -> list[str]:
    """The kinds of decision `pcd new --kind` can start: one fragment each in the house style."""
    return sorted(p.stem for p in (style or load_style(DEFAULT)).file("new").glob("*.yaml"))


def fragment(kind: str, today: dt.date, style: HouseStyle | None = None) -> str:
    """The kind's recommendations, finance and contracts, with its periods and dates filled in."""
    text = (style or load_style(DEFAULT)).file(f"new/{kind}.yaml").read_text(encoding="utf-8")
    start = today.year if today.month >= 4 else today.year - 1  # UK financial years start in April
    for key, value in (("{this_year}", f"{start}/{(start + 1) % 100:02d}"),
                       ("{next_year}", f"{start + 1}/{(start + 2) % 100:02d}"),
                       ("{date}", today.isoformat())):
        text = text.replace(key, value)
    return text.rstrip("\n")


def scaffold(number: int, title: str, today: dt.date, kind: str = "general",
             style: HouseStyle | None = None) -> str:
    style = style or load_style(DEFAULT)
    q = lambda text: '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'  # noqa: E731
    from authoring.model import form

    year = today.year if form.needs_year(style.data) else None
    dm = decision_maker(style)
    lines = [
        f"# {form.reference(style.data, number, year)}: drafted {today.isoformat()}. "
        "Replace every 'To be written'.",
        *([f"house_style: {style.name}"] if style.name != DEFAULT else []),
        f"reference: {number}",
        *([f"year: {year}"] if year else []),
        f"title: {q(title)}",
        f"drafted: {today.isoformat()}",
        f"decision_maker: {dm}",
        *([f"portfolio: {portfolio(style, dm)}"] if style.data.get("portfolios") else []),
        "drafting_officer: To be written",
        *front_sheet(style),
        "summary:",
        "  - " + q("To be written: the decision in a paragraph a member of the public can follow."),
    ]
    body = fragment(kind, today, style)
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


def decision_maker(style: HouseStyle) -> str:
    """The authority a new paper starts with: the highest in the style's scheme."""
    return max(style["authorities"].items(), key=lambda kv: (kv[1].get("rank", 0), kv[0]))[0]


def portfolio(style: HouseStyle, dm: str) -> str:
    """The portfolio a new paper starts in: the decision maker's first, else the style's first."""
    held = style["authorities"][dm].get("portfolios") or list(style.data["portfolios"])
    return held[0]


def front_sheet(style: HouseStyle) -> list[str]:
    """The front sheet's required fields, each with a value to replace."""
    out = []
    for f in style.data.get("fields") or []:
        if not f.get("required"):
            continue
        if f["type"] == "yes_no":
            value = "no"
        elif f["type"] in ("choice", "list"):
            first = (style.data.get("lists") or {}).get(f.get("list", ""), ["To be written"])[0]
            value = f"[{first}]" if f["type"] == "list" else first
        elif f["type"] == "money":
            value = "0"
        elif f["type"] == "date":
            value = dt.date.today().isoformat()
        else:
            value = "To be written"
        out.append(f"  {f['id']}: {value}  # {f['label']}")
    return ["fields:", *out] if out else []


def file_name(style: HouseStyle, number: int, today: dt.date | None = None) -> str:
    """1844.yaml in the default style; md2974.yaml in another, so two series never collide; a
    reference with a year names the file by it (cmd2025-055.yaml)."""
    from authoring.model import form

    if style.name == DEFAULT:
        return f"{number}.yaml"
    year = (today or dt.date.today()).year if form.needs_year(style.data) else None
    return f"{style['code'].lower()}{form.stem(style.data, number, year)}.yaml"


def new(folder: str, title: str = DEFAULT_TITLE, date: str | None = None, kind: str = "general",
        house_style: str = DEFAULT, style_dirs: tuple[str, ...] = ()) -> int:
    from authoring.housestyle import UnknownStyle, available_styles

    try:
        style = load_style(house_style, style_dirs)
    except UnknownStyle:
        print(f"pcd: unknown house style {house_style!r}; choose one of: "
              f"{', '.join(available_styles(style_dirs))}", file=sys.stderr)
        return 2
    if kind not in kinds(style):
        print(f"pcd: unknown kind {kind!r}; choose one of: {', '.join(kinds(style))}", file=sys.stderr)
        return 2
    where = Path(folder)
    try:
        today = dt.date.fromisoformat(date) if date else dt.date.today()
        where.mkdir(parents=True, exist_ok=True)
        number = next_reference(where, style.name)
        path = where / file_name(style, number, today)
        with open(path, "x", encoding="utf-8") as fh:  # never overwrite a spec
            fh.write(scaffold(number, title, today, kind, style))
    except ValueError:
        print(f"pcd: --date {date!r} is not a date (YYYY-MM-DD)", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"pcd: cannot write the new spec: {exc}", file=sys.stderr)
        return 2
    print(path)
    return 0
