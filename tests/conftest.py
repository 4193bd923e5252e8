"""Shared builders: specs as text, run through the real pipeline and the real CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SEED = DATA / "seed" / "1843.yaml"
MINIMAL = DATA / "valid" / "minimal.yaml"

# The suite's results cache and template cache are its own: a run never reads what a user's
# pcd (or an earlier pcd) kept, and leaves nothing in the user's home. Tests that are about
# the cache use a folder of their own.
if "PCD_TEST_CACHE" not in os.environ:
    import atexit
    import shutil
    import tempfile
    os.environ["PCD_TEST_CACHE"] = os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="pcd-test-cache-")
    atexit.register(shutil.rmtree, os.environ["PCD_TEST_CACHE"], ignore_errors=True)


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def minimal_text() -> str:
    return MINIMAL.read_text(encoding="utf-8")


def mutate(text: str, old: str, new: str) -> str:
    """Replace one exact, unique piece of a spec: the test fails if the anchor moved."""
    assert text.count(old) == 1, f"anchor not unique or missing: {old!r}"
    return text.replace(old, new)


def diagnose(text: str | bytes, name: str = "spec.yaml", **kw) -> list[str]:
    """Every diagnostic for a spec's text, formatted as the CLI prints it."""
    from authoring.pipeline import process_text

    data = text.encode("utf-8") if isinstance(text, str) else text
    return [d.format() for d in process_text(data, name, **kw).findings]


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site by relative name, except the few Pagefind does not build
    deterministically: it names its filter files from a hash map's random order, so two runs on
    the same pages differ there (and in the entry and meta files that name them)."""
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and not ("/filter/" in str(p) or p.name.endswith((".pf_meta", "pagefind-entry.json")))}


SIGNED = "signatures:\n  chief_executive: {date: 2025-06-02}\n  decision_maker: {date: 2025-06-04}\n"


def signed_examples(dest: Path) -> Path:
    """The worked examples in decisions/, each signed: most are drafts as written, and a site
    publishes only papers signed by their decision maker."""
    dest.mkdir(parents=True, exist_ok=True)
    for spec in sorted((ROOT / "decisions").glob("*.yaml")):
        text = spec.read_text(encoding="utf-8")
        (dest / spec.name).write_text(text if "\nsignatures:" in text else text + SIGNED, encoding="utf-8")
    return dest


def run_pcd(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """The real command line, as a separate process."""
    return subprocess.run([sys.executable, "-m", "authoring", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, env={**os.environ, **(env or {})}, timeout=300)


@pytest.fixture(scope="session")
def built_1843(tmp_path_factory) -> Path:
    """decisions/1843.yaml built once for the whole session through the real CLI."""
    out = tmp_path_factory.mktemp("build")
    result = run_pcd("build", "decisions/1843.yaml", "-o", str(out))
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless, through playwright (never a downloaded browser): one per module."""
    from playwright.sync_api import sync_playwright

    from tests.render.tools import chromium

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium(), headless=True, args=[
            "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run", "--disable-sync"])
        yield b
        b.close()
