"""House styles: everything specific to an organisation, read from a folder of data and templates."""

from __future__ import annotations

import functools
import json
import os
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from authoring.diagnostics import Diagnostic, SpecError, StyleError
from authoring.spec.schema import did_you_mean
from authoring.spec.style_shape import NAME, scalar_at, style_schema, validate_style
from authoring.spec.yamlread import MAX_BYTES, Map, Node, Scalar, Seq, parse, read_text
from authoring.stylepath import DEFAULT
from authoring.stylepath import shipped_templates as shipped
from authoring.stylepath import style_dirs as lookup

# An extending style changes these entry by entry (null removes an inherited entry); every
# other key it sets replaces the inherited value whole. docs/styles.md says so key by key.
MERGED = ("texts", "abbreviations")
# Wording a style prints that it may inherit: inherited, it must not name the organisation of
# the style it comes from (PCD066).
PRINTED = ("heading", "part1_heading", "table_caption", "paper_label")


class HouseStyle:
    """A loaded style. Not a tuple (which a template could index to reach its folder's path)."""

    __slots__ = ("name", "folder", "data", "parents", "_warnings", "lineage")

    def __init__(self, name: str, folder: Path, data: dict[str, Any], parents: tuple[Path, ...] = (),
                 warnings: tuple[Diagnostic, ...] = (), lineage: tuple[tuple[str, dict], ...] = ()):
        self.name, self.folder, self.data = name, folder, data
        self.parents = parents  # folders of the styles this one extends, nearest first
        # Findings in its style.yaml that do not stop it being used (warnings_of). Underscored:
        # a template, which the sandbox keeps from underscores, cannot print their file paths.
        self._warnings = warnings
        self.lineage = lineage  # (name, the names it goes by) of each style it extends, farthest first

    def __repr__(self) -> str:
        return f"HouseStyle({self.name!r})"

    def file(self, name: str) -> Path:
        """A style file from this folder, else from the style it extends."""
        for folder in (self.folder, *self.parents):
            if (folder / name).exists():
                try:
                    inside(folder, folder / name)
                except SpecError as exc:
                    raise StyleError([Diagnostic(exc.code, exc.message, (), "error",
                                                 str(folder / name))]) from None
                return folder / name
        return self.folder / name

    @property
    def template_dirs(self) -> tuple[str, ...]:
        """The html/ folders templates are read from, this style's first."""
        found = []
        for f in (self.folder, *self.parents):
            if (f / "html").is_dir():
                if not (f / "html").resolve().is_relative_to(f.resolve()):
                    raise StyleError([Diagnostic("PCD064", "html is a link to a folder outside the "
                                                 "house style's folder", (), "error", str(f / "html"))])
                found.append(str(f / "html"))
        return tuple(found)

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def for_maker(self, maker: str) -> "HouseStyle":
        """The style as the decision maker's own form: a GLA paper the Executive Director
        decides is a Director's Decision (DD), headed and introduced as one. `forms` gives each
        such form its keys; its texts change entry by entry."""
        form = (self.data.get("forms") or {}).get(maker)
        if not form:
            return self
        data = {**self.data, **{k: v for k, v in form.items() if k != "texts"},
                "texts": {**self.data.get("texts", {}), **(form.get("texts") or {})},
                "form_of": self.data.get("code")}  # its files are named by their own code: dd-2093
        return HouseStyle(self.name, self.folder, data, self.parents, self._warnings, self.lineage)

    @property
    def sections(self) -> list[dict]:
        return self.data["sections"]

    @property
    def authorities(self) -> dict[str, dict]:
        return self.data["authorities"]

    @property
    def declarations(self) -> list[dict]:
        return self.data["declarations"]


def warnings_of(style: HouseStyle) -> tuple[Diagnostic, ...]:
    """The style's warnings (PCD066), positioned in its style.yaml."""
    return style._warnings


class UnknownStyle(Exception):
    pass


class IncompleteStyle(Exception):
    """A house style that lacks something every paper needs."""


REQUIRED = ("organisation", "short_name", "decision_type", "code", "heading", "part1_heading",
            "table_caption", "authorities", "chief_executive", "sections", "paper_label",
            "delegation", "declarations", "texts", "abbreviations", "money_forbidden", "money_advice")
# The form's fixed wording: the keys of texts every style must have (MOPAC's style.yaml has them all).
TEXTS = ("summary_heading", "recommendations_heading", "recommendations_intro", "dm_declaration",
         "no_interests", "dm_approval", "public_access_heading", "public_access", "deferral_note",
         "deferral_question", "deferral_reason", "deferral_until", "part2_note", "part2_question",
         "part2_heading", "part2_notice", "declarations_heading", "declarations_statement",
         "declarations_tick", "table_item", "table_amount", "table_total", "table_funded_by",
         "table_total_funding", "deferral_label", "part2_label", "ceo_statement")


def json_schema() -> dict:
    """The JSON Schema of a style.yaml, for editors (`pcd schema --style`). A style that does
    not extend another must have every key a paper needs."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://pcd.invalid/schema/style.json",
        "title": "pcd house style (style.yaml)",
        **style_schema(_text_keys()).json_schema(),
        "if": {"not": {"required": ["extends"]}},
        "then": {"required": list(REQUIRED),
                 "properties": {"texts": {"required": list(TEXTS)}}},
    }


def _complete(name: str, data: dict[str, Any]) -> dict[str, Any]:
    missing = [k for k in REQUIRED if k not in data]
    missing += [f"texts.{k}" for k in TEXTS if k not in (data.get("texts") or {})]
    if missing:
        raise IncompleteStyle(f"house style '{name}' lacks " + ", ".join(missing[:6])
                              + (f" and {len(missing) - 6} more" if len(missing) > 6 else ""))
    return data


@functools.lru_cache(maxsize=16)
def load_style(name: str, extra_dirs: tuple[str, ...] = ()) -> HouseStyle:
    """Load a house style by name; its name can never reach outside the style folders.

    A style may say `extends: NAME`: it then takes that style's data, templates and reference
    document wherever it has none of its own. Every style.yaml on the way is validated.
    A style that loaded cleanly is kept in pcd's cache (keyed by every style file and pcd's
    code), so a changed spec is checked without reading and validating its style again.
    """
    from authoring import cache

    # With the cache off, no key: making one reads every style file and stats pcd's code.
    key = cache.key("style", name.encode("utf-8", "surrogateescape"), extra_dirs) \
        if cache.folder() is not None else ""
    kept = _from_record(name, cache.load(key)) if key else None
    if kept is not None:
        return kept
    style = _load(name, extra_dirs, ())
    if not key:
        return style
    # Amounts are Decimal; in a style they are whole numbers, so JSON integers carry them.
    cache.store(key, {"style": json.dumps([str(style.folder), [str(p) for p in style.parents],
                                           style.data, [list(w) for w in style._warnings],
                                           [list(n) for n in style.lineage]], default=int)})
    return style


def _from_record(name: str, record: dict | None) -> HouseStyle | None:
    try:
        folder, parents, data, warned, lineage = json.loads(record["style"],  # type: ignore[index]
                                                            parse_int=Decimal)
        warnings = tuple(Diagnostic(c, m, tuple(p), s, f, int(ln), int(col))
                         for c, m, p, s, f, ln, col, _, _ in warned)
        lineage = tuple((str(n), dict(names)) for n, names in lineage)
    except (TypeError, KeyError, ValueError, RecursionError):
        return None
    if not (isinstance(folder, str) and isinstance(data, dict) and isinstance(parents, list)
            and all(isinstance(p, str) for p in parents)):
        return None
    return HouseStyle(name, Path(folder), data, tuple(Path(p) for p in parents), warnings, lineage)


def _load(name: str, extra_dirs: tuple[str, ...], seen: tuple[str, ...]) -> HouseStyle:
    if not re.fullmatch(NAME, name):
        raise UnknownStyle(name)
    folder = find_style(name, extra_dirs)
    if folder is None:
        raise UnknownStyle(name)
    path = folder / "style.yaml"
    root = _read(path, folder)
    parent_name = scalar_at(root, "extends")
    base = None
    if parent_name is not None:
        base = _parent(parent_name, path, extra_dirs, seen + (name,))
    ctx = validate_style(root, _text_keys(), base.data if base else None,
                         base.name if base else "", TEXTS)
    if ctx.report.items:
        raise StyleError(located(ctx.report.items, ctx.pos, str(path)))
    data = plain(root)
    if base is None:
        return HouseStyle(name, folder, _complete(name, data))
    merged = merge(base.data, data)
    lineage = (*base.lineage, (base.name, names_of(base.data)))
    warned = located(inherited_names(data, merged, base.name, lineage), ctx.pos, str(path))
    return HouseStyle(name, folder, _complete(name, merged), (base.folder, *base.parents),
                      tuple(warned), lineage)


def merge(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """A style that extends `parent`: every key it sets replaces the inherited value, except
    texts and abbreviations, changed entry by entry (null removes one), and the organisations
    it knows, which add to the parent's (an entry of the same name replaces the parent's: the
    Home Office a London style knows is the one a Lancashire style knows)."""
    merged = {**parent, **child}
    for key in MERGED:
        both = {**(parent.get(key) or {}), **(child.get(key) or {})}
        merged[key] = {k: v for k, v in both.items() if v is not None}
    if "organisations" in child and parent.get("organisations"):
        own = {o.get("name") for o in child["organisations"] or []}
        merged["organisations"] = [o for o in parent["organisations"] if o.get("name") not in own] + \
            list(child["organisations"] or [])
    return merged


def names_of(data: dict[str, Any]) -> dict[str, str]:
    """The names a style's organisation goes by, each with what it is: its name, short name,
    code, form and authorities, and the abbreviations that stand for any of them."""
    names = {data.get("organisation"): "name", data.get("short_name"): "short name",
             data.get("code"): "code", data.get("decision_type"): "form's name"}
    for a in (data.get("authorities") or {}).values():
        names.setdefault(a.get("title"), "authority")
        names.setdefault(a.get("short"), "authority")
    for key, expansion in (data.get("abbreviations") or {}).items():
        if expansion in names:
            names.setdefault(key, "abbreviation")
    return {str(n): what for n, what in names.items() if n}


def inherited_names(own: dict[str, Any], merged: dict[str, Any], parent: str,
                    lineage: tuple[tuple[str, dict], ...]) -> list[Diagnostic]:
    """PCD066: wording the style inherits and prints that names an organisation it extends
    by a name this style does not go by (or an abbreviation it removed)."""
    mine = names_of(merged)
    removed = {k for k, v in (own.get("abbreviations") or {}).items() if v is None}
    foreign: dict[str, str] = {}  # name -> whose it is
    for style, names in lineage:
        for n, what in names.items():
            if n not in mine:
                foreign[n] = f"the {what} of '{style}'"
    for n in removed:
        foreign.setdefault(n, "an abbreviation this style removes")
    if not foreign:
        return []
    # Longest first: "Mayor's Office for Policing and Crime" before a shorter name inside it.
    find = re.compile("|".join(rf"(?<!\w){re.escape(n)}(?!\w)"
                               for n in sorted(foreign, key=len, reverse=True)))
    printed: list[tuple[str, tuple, str]] = []  # (what it is, where it is found, its text)
    printed += [(k, ("extends", "<key>"), merged[k]) for k in PRINTED if k not in own and k in merged]
    where = ("texts", "<key>") if "texts" in own else ("extends", "<key>")
    printed += [(f"texts.{k}", where, v) for k, v in merged.get("texts", {}).items()
                if k not in (own.get("texts") or {})]
    if "declarations" not in own:
        printed += [(f"declarations[{i}] ({d['id']}) {part}", ("extends", "<key>"), d[part])
                    for i, d in enumerate(merged.get("declarations", []))
                    for part in ("title", "text", "not_required") if part in d]
    if "sections" not in own:
        printed += [(f"sections[{i}] ({s['id']}) title", ("extends", "<key>"), s["title"])
                    for i, s in enumerate(merged.get("sections", []))]
    if "procurement_routes" not in own:
        printed += [(f"procurement_routes.{k}", ("extends", "<key>"), v)
                    for k, v in (merged.get("procurement_routes") or {}).items()]
    out = []
    for key, path, text in printed:
        found = find.search(str(text))
        if found:
            out.append(Diagnostic("PCD066", f"{key}, inherited from '{parent}', names "
                                  f"'{found.group()}' ({foreign[found.group()]}), which this "
                                  "style's papers would print: write this style's own wording "
                                  "here, or remove it", path))
    return out


def located(items: list[Diagnostic], pos: dict, file: str) -> list[Diagnostic]:
    """A style.yaml's findings at the place of the key each is about (or the nearest key above
    it). A style has no `# pcd: ignore`: nothing in it is silenced, so the spec pipeline's
    locating (which the style must not import: the pipeline imports this) is not needed."""
    from authoring.rules import severity_of

    def position(path: tuple) -> tuple[int, int]:
        for end in range(len(path), -1, -1):
            if path[:end] in pos:
                return pos[path[:end]]
        return (1, 1) if pos else (0, 0)

    out = [d._replace(path=tuple(p for p in d.path if p != "<key>"), file=file,
                      severity=d.severity or severity_of(d.code), line=position(d.path)[0],
                      col=position(d.path)[1]) for d in items]
    return sorted(out, key=lambda d: (d.line, d.col, d.code))


def style_dirs(extra: tuple[str, ...] = ()) -> list[Path]:
    return [Path(p) for p in lookup(extra)]


def shipped_templates() -> Path:
    return Path(shipped())


def find_style(name: str, extra_dirs: tuple[str, ...] = ()) -> Path | None:
    for root in style_dirs(extra_dirs):
        if (root / name / "style.yaml").is_file():
            return root / name
    return None


def _parent(node: Scalar, path: Path, extra_dirs: tuple[str, ...], seen: tuple[str, ...]) -> HouseStyle:
    """The style this one extends, refusing a missing one and a loop of styles."""
    def fail(message: str) -> StyleError:
        return StyleError([Diagnostic("PCD060", message, ("extends",), "error", str(path),
                                      node.line, node.col)])

    if node.text in seen:
        return_path = " → ".join((*seen[seen.index(node.text):], node.text))
        raise fail(f"'extends' goes round in a circle: {return_path}")
    if not re.fullmatch(NAME, node.text) or find_style(node.text, extra_dirs) is None:
        raise fail(f"extends '{node.text}', which is not a house style on the style path"
                   + did_you_mean(node.text, available_styles(extra_dirs)))
    return _load(node.text, extra_dirs, seen)


def _read(path: Path, folder: Path) -> Node:
    """A style.yaml's nodes; bytes, YAML and size are held to a spec's limits."""
    try:
        inside(folder, path)
        return _nodes(str(path))
    except SpecError as exc:
        raise StyleError([Diagnostic(exc.code, exc.message, (), "error", str(path),
                                     exc.line, exc.col)]) from None
    except OSError as exc:
        raise StyleError([Diagnostic("PCD005", f"cannot read the file: {exc.strerror}", (), "error",
                                     str(path))]) from None


def _nodes(path: str) -> Node:
    """A style.yaml parsed, once a process while it is unchanged: MOPAC's is read both as a style
    and for the phrases every style may set."""
    st = os.stat(path)  # the change time too: `touch -d` sets a modification time back, not it
    return _parsed(path, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


@functools.lru_cache(maxsize=32)
def _parsed(path: str, *state: int) -> Node:  # a failure raises, and is not kept
    with open(path, "rb") as fh:
        return parse(read_text(fh.read(MAX_BYTES + 1)))


def inside(folder: Path, path: Path) -> Path:
    """`path`, provided it is a regular file or folder that stays inside `folder` once links are
    followed: a style cannot lend its templates or reference document a file from elsewhere."""
    real = path.resolve()
    if not real.is_relative_to(folder.resolve()) or not (real.is_file() or real.is_dir()):
        raise SpecError("PCD064", f"{path.name} is a link to a file outside the house style's "
                        "folder, or not a regular file", 1, 1)
    return real


@functools.lru_cache(maxsize=1)
def _text_keys() -> tuple[str, ...]:
    """The phrases a style may set: those of the shipped default style (and the required ones)."""
    root = _nodes(str(shipped_templates() / DEFAULT / "style.yaml"))
    texts = root.items.get("texts") if isinstance(root, Map) else None
    keys = list(texts[1].items) if texts and isinstance(texts[1], Map) else []
    from authoring.model.form import FORM_WORDS

    return tuple(dict.fromkeys([*TEXTS, *keys, *FORM_WORDS]))


def available_styles(extra_dirs: tuple[str, ...] = ()) -> list[str]:
    names = set()
    for root in style_dirs(extra_dirs):
        if root.is_dir():
            names |= {p.parent.name for p in root.glob("*/style.yaml")}
    return sorted(names)


def plain(node: Node) -> Any:
    """Turn trusted house-style nodes into Python values; integers become Decimal."""
    if isinstance(node, Map):
        return {k: plain(v) for k, (_, v) in node.items.items()}
    if isinstance(node, Seq):
        return [plain(v) for v in node.items]
    assert isinstance(node, Scalar)
    if node.kind == "int":
        return Decimal(node.text)
    if node.kind == "bool":
        return node.text.lower() in ("true", "yes", "on")
    if node.kind == "null":
        return None
    return node.text
