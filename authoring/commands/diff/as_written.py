"""Comparing the specs as written: what the model does not carry. Part 2 is reported as changed,
never how; any edit the comparisons of the papers do not report is named from the spec itself."""

from __future__ import annotations

from typing import Iterator

from authoring.commands.diff.change import Change, Version, either
from authoring.commands.diff.labels import item_name
from authoring.commands.diff.matching import Match, pair


def part2(old: dict, new: dict) -> list[Change]:
    """Whether a Part 2 form exists, and that its contents changed: never its words or figures."""
    def block(tree: dict) -> dict:
        return tree["part2"] if isinstance(tree.get("part2"), dict) else {}

    a, b = block(old), block(new)
    out = []
    exists = [str(x.get("exists", "")).lower() in ("true", "yes", "on") for x in (a, b)]
    if exists[0] != exists[1]:
        out.append(Change("fact", "a Part 2 form", "yes" if exists[0] else "no",
                          "yes" if exists[1] else "no", ref="part2.exists"))
    names = {"summary": "the Part 2 summary", "figures": "Part 2 figures"}
    for key in either(b, a):
        if key != "exists" and a.get(key) != b.get(key):
            out.append(Change("confidential", names.get(key, f"Part 2 {key}"), "", "", ref=f"part2.{key}"))
    return out


def abbreviations(old: dict, new: dict) -> list[Change]:
    a, b = (t["abbreviations"] if isinstance(t.get("abbreviations"), dict) else {} for t in (old, new))
    return [Change("fact", f"abbreviation {k}", str(a.get(k, "")), str(b.get(k, "")),
                   ref=f"abbreviations.{k}")
            for k in either(b, a) if a.get(k) != b.get(k)]


def background_papers(old: dict, new: dict) -> list[Change]:
    """Background papers added, removed or retitled, paired by reference, else by title."""
    def papers(tree: dict) -> dict[str, str]:
        items = tree.get("background_papers")
        return {str(p.get("ref")): str(p.get("title", "")) for p in (items if isinstance(items, list) else [])
                if isinstance(p, dict)}

    a, b = papers(old), papers(new)
    matched = pair(a, b)
    out = []
    for ref, title in b.items():
        was = next((o for o, n in matched.items() if n == ref), None)
        if was is None:
            out.append(Change("fact", f"background paper {ref}", "", title))
        elif (was, a[was]) != (ref, title):
            out.append(Change("fact", f"background paper {ref}", f"{was}: {a[was]}" if was != ref else a[was],
                              title))
    return out + [Change("fact", f"background paper {ref}", title, "") for ref, title in a.items()
                  if ref not in matched]


# The parts of the spec the comparisons of the papers report whenever they change what the paper
# says. Anything else that differs is named from the spec itself, so no edit goes unreported.
REPORTED = {
    "title", "reference", "house_style", "decision_maker", "drafting_officer", "drafted",
    "signatures", "interests", "summary", "recommendations", "sections", "background_papers",
    "publication", "abbreviations", "declarations", "part2",
    "finance.costs.*.label", "finance.costs.*.amount", "finance.costs.*.period",
    "finance.costs.*.funding.*.amount", "finance.costs.*.funding.*.funder",
    "finance.funders.*.name", "finance.funders.*.approved_by", "finance.funders.*.amount",
    "finance.recipients.*.name",
    "finance.figures.*.amount", "contracts.*.number", "contracts.*.supplier",
    "contracts.*.service", "contracts.*.value", "contracts.*.starts", "contracts.*.ends",
    "contracts.*.change.months", "contracts.*.change.until", "contracts.*.change.amount",
    "contracts.*.history.*.amount", "contracts.*.award.annual_value", "contracts.*.award.years",
    "contracts.*.award.extensions", "contracts.*.award.route",
}
UNREPORTED = {"table"}  # where the finance table goes: not in the paragraphs' words

# Where the spec names one of its own things: the namespace each id belongs to.
ID_LISTS = {("finance", "funders"): "funder", ("finance", "costs"): "cost",
            ("finance", "recipients"): "recipient", ("finance", "figures"): "figure",
            ("contracts",): "contract", ("recommendations",): "rec"}
ID_FIELDS = {"funder": "funder", "cost": "cost", "costs": "cost", "recipient": "recipient",
             "awards": "recipient", "contract": "contract"}


def leaves(tree: object, path: tuple = (), m: Match | None = None) -> Iterator[tuple[tuple, str]]:
    """Every scalar with its path; list items named by id (renamed to the new paper's), else number."""
    if isinstance(tree, dict):
        if not tree:
            yield path, "{}"
        for k, v in tree.items():
            if k == "id" and path and isinstance(path[-1], tuple):
                continue  # the id names the item in the path
            yield from leaves(v, path + (k,), m)
    elif isinstance(tree, list):
        if not tree:
            yield path, "[]"
        space = ID_LISTS.get(tuple(p for p in path if isinstance(p, str)))
        for i, v in enumerate(tree):
            ident = v.get("id") if isinstance(v, dict) else None
            if space and isinstance(ident, str):
                key: tuple = ("id", m.id(space, ident) if m else ident)
            else:
                key = ("n", i + 1)
            yield from leaves(v, path + (key,), m)
    else:
        field = next((p for p in reversed(path) if isinstance(p, str)), "")
        text = "" if tree is None else str(tree)
        if m and field in ID_FIELDS:
            text = m.id(ID_FIELDS[field], text)
        yield path, text


def _reported(path: tuple) -> bool:
    keys = [p if isinstance(p, str) else "*" for p in path]
    if keys and keys[-1] in UNREPORTED:
        return False
    return any(".".join(keys[:n]) in REPORTED for n in range(1, len(keys) + 1))


def spec_edits(old: Version, new: Version, m: Match) -> list[Change]:
    """Edits the comparisons of the papers cannot see, named by where they are in the spec."""
    computed = old.paper is not None and new.paper is not None
    a = dict(leaves({k: v for k, v in old.tree.items() if k != "part2"}, (), m))
    b = dict(leaves({k: v for k, v in new.tree.items() if k != "part2"}))
    items = [{p[:i + 1] for p in side for i, x in enumerate(p) if isinstance(x, tuple) and x[0] == "id"}
             for side in (a, b)]
    out = []
    for path in either(b, a):
        if a.get(path) == b.get(path) or (computed and _reported(path)):
            continue
        whole = [path[:i + 1] for i, x in enumerate(path) if isinstance(x, tuple) and x[0] == "id"]
        if computed and any(p not in items[0] or p not in items[1] for p in whole):
            continue  # a cost line, funder or contract added or removed: its figures say so
        out.append(Change("spec", where(path, old, new), a.get(path, ""), b.get(path, ""),
                          ref=_path_text(path)))
    return out


def where(path: tuple, old: Version, new: Version) -> str:
    """A spec path in readable words: finance › cost line "IOM Neurodiversity…" › vat."""
    steps = []
    for i, p in enumerate(path):
        if isinstance(p, str):
            steps.append(p.replace("_", " "))
            continue
        kind, value = p
        space = ID_LISTS.get(tuple(x for x in path[:i] if isinstance(x, str)))
        name = (item_name(space, str(value), new) or item_name(space, str(value), old)
                if kind == "id" else "")
        steps.append(name or (f"item {value}" if kind == "n" else str(value)))
    return " › ".join(steps)


def _path_text(path: tuple) -> str:
    out = ""
    for p in path:
        out += (("." if out else "") + p) if isinstance(p, str) else f"[{p[1]}]"
    return out
