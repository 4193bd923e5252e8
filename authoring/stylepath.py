"""Where house styles are found; light, so the cache can name them without reading any."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT = "mopac"


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
