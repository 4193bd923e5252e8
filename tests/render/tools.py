"""Locate the external checkers; missing ones fail the suite under scripts/test, else skip."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NODE = ROOT / ".tools" / "node" / "node_modules"


def need(path_or_none, what: str):
    if path_or_none:
        return path_or_none
    if os.environ.get("PCD_REQUIRE_TOOLS"):
        pytest.fail(f"{what} is required: run the tests with scripts/test, which installs it")
    pytest.skip(f"{what} is not installed")


def axe_js() -> Path:
    p = Path(os.environ.get("PCD_AXE_JS", NODE / "axe-core" / "axe.min.js"))
    return need(p if p.is_file() else None, "axe-core")


# The Nu checker's CSS profile predates CSS Scroll-driven Animations (W3C, 2023; in Chromium since
# 115): it reports these properties as unknown. Only that message, for only these names, is let by.
VNU_NEWER_CSS = ["--filterpattern",
                 ".*“(animation-timeline|scroll-timeline|timeline-scope)”: Property “[a-z-]+” doesn.t exist.*"]


def vnu_jar() -> Path:
    p = Path(os.environ.get("PCD_VNU_JAR", NODE / "vnu-jar" / "build" / "dist" / "vnu.jar"))
    return need(p if p.is_file() and shutil.which("java") else None, "the Nu HTML Checker (vnu.jar and java)")


def chromium() -> str:
    return need(shutil.which("chromium") or shutil.which("chromium-browser"), "Debian's chromium")
