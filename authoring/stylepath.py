"""Where house styles are found; light (no pathlib), so the cache can name them cheaply."""

from __future__ import annotations

import os

DEFAULT = "mopac"


def style_dirs(extra: tuple[str, ...] = ()) -> list[str]:
    """Where house styles are looked up: --style-dir, $PCD_STYLE_PATH, then the shipped ones."""
    env = [p for p in os.environ.get("PCD_STYLE_PATH", "").split(os.pathsep) if p]
    return [*extra, *env, shipped_templates()]


def shipped_templates() -> str:
    here = os.path.dirname(os.path.realpath(__file__))
    for candidate in (os.path.join(os.path.dirname(here), "templates"), os.path.join(here, "templates")):
        if os.path.isfile(os.path.join(candidate, DEFAULT, "style.yaml")):
            return candidate
    return os.path.join(os.path.dirname(here), "templates")
