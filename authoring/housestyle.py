"""House styles: everything specific to an organisation, read from a folder of data and templates."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from authoring.spec.yamlread import Map, Node, Scalar, Seq, parse, read_text

DEFAULT = "mopac"
MERGED = ("texts", "abbreviations")  # an extending style adds to these rather than replacing them


def style_dirs(extra: tuple[str, ...] = ()) -> list[Path]:
    """Where house styles are looked up: --style-dir, $PCD_STYLE_PATH, then the shipped ones."""
    env = [p for p in os.environ.get("PCD_STYLE_PATH", "").split(os.pathsep) if p]
    return [Path(p) for p in (*extra, *env)] + [shipped_templates()]


def shipped_templates() -> Path:
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "templates", here / "templates"):
        if (candidate / DEFAULT / "style.yaml").is_file():
            return candidate
    return here.parent / "templates"


@dataclass(frozen=True)
class HouseStyle:
    name: str
    folder: Path
    data: dict[str, Any]
    parents: tuple[Path, ...] = ()  # folders of the styles this one extends, nearest first

    def file(self, name: str) -> Path:
        """A style file from this folder, else from the style it extends."""
        for folder in (self.folder, *self.parents):
            if (folder / name).exists():
                return folder / name
        return self.folder / name

    @property
    def template_dirs(self) -> tuple[str, ...]:
        return tuple(str(f / "html") for f in (self.folder, *self.parents) if (f / "html").is_dir())

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    @property
    def sections(self) -> list[dict]:
        return self.data["sections"]

    @property
    def authorities(self) -> dict[str, dict]:
        return self.data["authorities"]

    @property
    def declarations(self) -> list[dict]:
        return self.data["declarations"]


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


def _complete(name: str, data: dict[str, Any]) -> dict[str, Any]:
    missing = [k for k in REQUIRED if k not in data]
    missing += [f"texts.{k}" for k in TEXTS if k not in (data.get("texts") or {})]
    if missing:
        raise IncompleteStyle(f"house style '{name}' lacks " + ", ".join(missing[:6])
                              + (f" and {len(missing) - 6} more" if len(missing) > 6 else ""))
    return data


@functools.lru_cache(maxsize=16)
def load_style(name: str, extra_dirs: tuple[str, ...] = (), _seen: tuple[str, ...] = ()) -> HouseStyle:
    """Load a house style by name; its name can never reach outside the style folders.

    A style may say `extends: NAME`: it then takes that style's data, templates and reference
    document wherever it has none of its own.
    """
    if not name.replace("-", "").replace("_", "").isalnum() or name in _seen:
        raise UnknownStyle(name)
    for root in style_dirs(extra_dirs):
        folder = root / name
        if (folder / "style.yaml").is_file():
            data = plain(parse(read_text((folder / "style.yaml").read_bytes())))
            if not data.get("extends"):
                return HouseStyle(name, folder, _complete(name, data))
            base = load_style(data["extends"], extra_dirs, _seen + (name,))
            merged = {**base.data, **data}
            for key in MERGED:  # word by word: a style changes the phrases it needs to
                merged[key] = {**base.data.get(key, {}), **data.get(key, {})}
            return HouseStyle(name, folder, _complete(name, merged), (base.folder, *base.parents))
    raise UnknownStyle(name)


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
