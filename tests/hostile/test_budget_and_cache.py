"""Issue 24, items 3 and 6: a template's output is counted against a budget whatever made it; no
compiled template is read from a cache; the results cache trusts only what the user's own secret
signed, stays within its size, keeps no Part 2 form, and sees a style changed behind its times."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT, minimal_text, mutate, run_pcd
from tests.hostile.test_templates import evil_style, run

OVER = "over 32,000,000 characters"

# Each makes more than the budget (32 million characters) in one expression, or in many small
# ones; none is caught by what a format string or a count looks like.
BUDGET = {
    "percent-mapping": "{{ '%(a)40000000d' % {'a': 1} }}",
    "format-many-fields": "{{ ('{0:99999}' * 400).format(1) }}",
    "format-map-fields": "{{ ('{a:99999}' * 400).format_map({'a': 1}) }}",
    "format-filter": "{{ '%(a)40000000d'|format(a=1) }}",
    "replace-growth": "{{ ('x' * 10000).replace('x', 'y' * 5000)|length }}",
    "replace-filter": "{{ ('x' * 10000)|replace('x', 'y' * 5000)|length }}",
    "list-join": "{{ (['x' * 1000000] * 40)|join|length }}",
    "str-join": "{{ ''.join(['x' * 1000000] * 40)|length }}",
    "to-bytes": "{{ (1).to_bytes(40000000, 'big')|length }}",
    "printed-list": "{{ ['x' * 1000000] * 40 }}",
    "concat-recursion": "{% macro d(s, n) %}{{ d(s ~ s, n - 1) if n else s|length }}{% endmacro %}"
                        "{{ d('x', 26) }}",
    "namespace-doubling": "{% set ns = namespace(s='x') %}{% for i in range(26) %}"
                          "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}",
    "plus-doubling": "{% set ns = namespace(s='x') %}{% for i in range(26) %}"
                     "{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s|length }}",
    "page-of-small-pieces": "{% for i in range(40) %}{{ 'x' * 1000000 }}{% endfor %}",
}


@pytest.mark.parametrize("name", BUDGET)
def test_a_template_over_the_budget_stops_the_render(tmp_path, capsys, name):
    line = evil_style(tmp_path, "paper.html", BUDGET[name])
    code, text = run(["build", str(tmp_path / "2001.yaml"), "--style-dir", str(tmp_path / "styles"),
                      "-o", str(tmp_path / "out"), "--no-cache"], capsys)
    assert code == 1 and "error[PCD062]" in text and OVER in text, text
    assert "paper.html" in text and (name == "page-of-small-pieces" or f":{line}:" in text), text
    assert not (tmp_path / "out" / "2001.html").exists()


def test_what_fits_the_budget_still_renders(tmp_path, capsys):
    """The budget stops what is too big, not what looks big: wide fields within it, a large
    amount formatted with %, a long join."""
    payload = ("{{ '%(a)9d|%d' % {'a': 1} if false else '%5d|%d' % (1, 250000000) }}"
               "{{ ('{0:999}' * 10).format(1)|length }}{{ (['ab'] * 1000)|join|length }}")
    evil_style(tmp_path, "paper.html", payload)
    code, text = run(["build", str(tmp_path / "2001.yaml"), "--style-dir", str(tmp_path / "styles"),
                      "-o", str(tmp_path / "out"), "--no-cache"], capsys)
    assert code == 0, text
    page = (tmp_path / "out" / "2001.html").read_text()
    assert "    1|250000000" in page and "9990" in page and "2000" in page


def test_shipped_templates_are_precompiled_and_the_sandbox_holds_in_compiled_code(tmp_path, monkeypatch):
    """Templates compiled ahead of time (Jinja's compile_templates, loaded by its ModuleLoader)
    call the sandbox as those compiled at run time do: an escape and an over-budget value in a
    precompiled template are refused."""
    from jinja2.sandbox import SecurityError

    from authoring.render import html, precompile

    folder = tmp_path / "shipped" / "html"
    folder.mkdir(parents=True)
    (folder / "escape.html").write_text("{{ cycler.__init__.__globals__.os.system('true') }}")
    (folder / "big.html").write_text("{{ ('{0:99999}' * 400).format(1) }}")
    (folder / "fine.html").write_text("{{ 'a' ~ 'b' }}")
    monkeypatch.setattr(precompile, "shipped_folders", lambda: {"shipped": str(folder)})
    monkeypatch.setattr(precompile, "COMPILED", str(tmp_path / "compiled"))
    assert precompile.precompile(str(tmp_path / "compiled")) == ["shipped"]
    html.environment.cache_clear()
    env = html.environment((str(folder),))
    fine = env.get_template("fine.html")
    assert fine.root_render_func.__code__.co_filename.startswith(str(tmp_path / "compiled"))
    assert fine.render() == "ab"
    with pytest.raises(SecurityError):
        env.get_template("escape.html").render()
    with pytest.raises(SecurityError, match="32,000,000"):
        env.get_template("big.html").render()
    # an edited source is compiled from itself, not served from the compiled set
    (folder / "fine.html").write_text("{{ 'c' ~ 'd' }}")
    html.environment.cache_clear()
    assert html.environment((str(folder),)).get_template("fine.html").render() == "cd"
    html.environment.cache_clear()


def test_a_planted_jinja_bytecode_cache_runs_nothing(tmp_path):
    """pcd kept compiled templates in ~/.cache/pcd/templates, read with pickle: a file planted
    there ran code on the next build. No compiled template is read from any cache now."""
    from jinja2.bccache import bc_magic

    marker = tmp_path / "PWNED"

    class Payload:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    folder = tmp_path / "cache" / "pcd" / "templates"
    folder.mkdir(parents=True, mode=0o700)
    import jinja2

    html_dir = ROOT / "templates" / "mopac" / "html"
    for template in sorted(p.name for p in html_dir.iterdir()):
        for key in (f"pcd-immutable-sandbox-1-jinja-{jinja2.__version__}:{template}", template):
            name = hashlib.sha1(f"{key}|{html_dir / template}".encode()).hexdigest()
            (folder / f"__jinja2_{name}.cache").write_bytes(bc_magic + pickle.dumps(Payload()))
    result = run_pcd("build", "decisions/1843.yaml", "-o", str(tmp_path / "out"),
                     env={"XDG_CACHE_HOME": str(tmp_path / "cache"), "PCD_NO_CACHE": ""})
    assert result.returncode == 0, result.stderr
    assert not marker.exists()


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("PCD_NO_CACHE", raising=False)
    from authoring import cache
    cache.fingerprint.cache_clear()
    yield tmp_path / "cache" / "pcd" / "results"
    cache.fingerprint.cache_clear()


def plant(folder, name: str, record: dict):
    """A record under a key anyone can compute: as plain JSON, and with a MAC made with a key
    that is not the user's."""
    from authoring import cache

    path = folder / name[:2] / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    body = json.dumps({"format": cache.FORMAT, "key": name, **record})
    return path, body


def test_a_record_planted_under_a_computable_key_is_ignored(tmp_path, cache_home):
    from authoring import cache

    spec = tmp_path / "1843.yaml"
    spec.write_text((ROOT / "decisions" / "1843.yaml").read_text().replace("reference: 1843", "reference: x"))
    honest = run_pcd("check", "--no-cache", str(spec))
    assert honest.returncode == 1
    name = cache.key("check", spec.read_bytes(), (), str(spec), False)
    path, body = plant(cache_home, name, {"ok": True, "diagnostics": []})
    forged_mac = "pcd-mac " + "0" * 64 + "\n"
    for text in (body, forged_mac + body):
        path.write_text(text)
        again = run_pcd("check", str(spec))
        assert (again.returncode, again.stdout) == (honest.returncode, honest.stdout), text


def test_a_planted_build_record_writes_no_planted_page(tmp_path, cache_home):
    from authoring import cache
    from authoring.render.reproducible import today

    spec = tmp_path / "1843.yaml"
    shutil.copy(ROOT / "decisions" / "1843.yaml", spec)
    planted = cache.put_blob(b"<p>planted</p>")
    name = cache.key("build", spec.read_bytes(), (), str(spec), False, False, today(),
                     os.environ.get("SOURCE_DATE_EPOCH", ""))
    path, body = plant(cache_home, name, {"ok": True, "diagnostics": [],
                                          "files": {"1843.html": planted, "1843.docx": planted}})
    path.write_text(body)
    out = tmp_path / "out"
    assert run_pcd("build", str(spec), "-o", str(out)).returncode == 0
    assert b"planted" not in (out / "1843.html").read_bytes()


def test_the_secret_is_made_at_first_use_and_only_the_owners(tmp_path, cache_home):
    spec = tmp_path / "1843.yaml"
    shutil.copy(ROOT / "decisions" / "1843.yaml", spec)
    assert run_pcd("check", str(spec)).returncode == 0
    secret = cache_home / ".secret"
    assert secret.stat().st_mode & 0o777 == 0o600 and len(secret.read_bytes()) == 32
    records = list(cache_home.rglob("*.json"))
    assert records and all(r.read_bytes().startswith(b"pcd-mac ") for r in records)
    # a secret others can read proves nothing: the cache is then not used
    secret.chmod(0o644)
    for r in records:
        r.unlink()
    assert run_pcd("check", str(spec)).returncode == 0
    assert list(cache_home.rglob("*.json")) == []


def test_the_cache_stays_within_its_size_and_keeps_the_newest(tmp_path, cache_home):
    specs = []
    text = (ROOT / "decisions" / "1843.yaml").read_text()
    for n in range(30):
        path = tmp_path / f"s{n:02d}.yaml"
        path.write_text(text.replace("title: GPS Acceptance", f"title: GPS Acceptance {n}")
                        .replace("reference: 1843", f"reference: {1900 + n}"))
        specs.append(str(path))
    result = run_pcd("build", *specs, "-o", str(tmp_path / "out"), env={"PCD_CACHE_MB": "1"})
    assert result.returncode == 0, result.stderr
    size = sum(p.stat().st_size for p in cache_home.rglob("*") if p.is_file())
    assert size < 1_400_000, size  # 30 builds make ~1.7 MB: the oldest went first

    def kept(n: int) -> bool:
        digest = hashlib.sha256((tmp_path / "out" / f"{1900 + n}.html").read_bytes()).hexdigest()
        return (cache_home / digest[:2] / f"{digest}.blob").exists()

    assert kept(29) and not kept(0)


def test_a_part2_form_is_never_kept_in_the_cache(tmp_path, cache_home):
    spec = tmp_path / "2001.yaml"
    spec.write_text(mutate(minimal_text(), "part2: {exists: false}",
                           "part2: {exists: true, summary: Settlement of 41500 pounds.}"))
    out = tmp_path / "out"
    result = run_pcd("build", str(spec), "-o", str(out))
    assert result.returncode == 0, result.stderr
    (form,) = out.rglob("*-part2.docx")
    blobs = [p.read_bytes() for p in cache_home.rglob("*.blob")]
    assert form.read_bytes() not in blobs
    assert not any("-part2.docx" in p.read_text() or "41500" in p.read_text()
                   for p in cache_home.rglob("*.json"))


def test_a_style_changed_with_its_size_and_times_kept_is_read_again(tmp_path, cache_home):
    styles = tmp_path / "styles"
    shutil.copytree(ROOT / "templates" / "mopac", styles / "mopac")
    spec = tmp_path / "1843.yaml"
    shutil.copy(ROOT / "decisions" / "1843.yaml", spec)
    args = ("build", str(spec), "--style-dir", str(styles))
    assert run_pcd(*args, "-o", str(tmp_path / "a")).returncode == 0
    assert "Mayor&#39;s Office" in (tmp_path / "a" / "1843.html").read_text()
    style = styles / "mopac" / "style.yaml"
    st = style.stat()
    style.write_text(style.read_text().replace("organisation: Mayor's Office", "organisation: Mayor's Offica"))
    os.utime(style, ns=(st.st_atime_ns, st.st_mtime_ns))  # touch -d, rsync -a
    assert style.stat().st_size == st.st_size and style.stat().st_mtime_ns == st.st_mtime_ns
    assert run_pcd(*args, "-o", str(tmp_path / "b")).returncode == 0
    assert "Mayor&#39;s Offica" in (tmp_path / "b" / "1843.html").read_text()


def test_a_broken_style_is_reported_without_importing_the_spec_pipeline(tmp_path):
    """housestyle is below the pipeline: it locates its own findings, the import goes one way."""
    style = tmp_path / "styles" / "bad"
    style.mkdir(parents=True)
    (style / "style.yaml").write_text("extends: mopac\norganisation: [1, 2]\n")
    code = ("import sys\nfrom authoring.diagnostics import StyleError\nfrom authoring import housestyle\n"
            f"try:\n    housestyle.load_style('bad', ({str(tmp_path / 'styles')!r},))\n"
            "except StyleError as e:\n    print(e.diagnostics[0].format())\n"
            "print('pipeline' if 'authoring.pipeline' in sys.modules else 'alone')\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                            env={**os.environ, "PCD_NO_CACHE": "1"})
    assert result.stdout.strip().endswith("alone"), result.stdout + result.stderr
    assert "style.yaml:2:" in result.stdout, result.stdout


def test_a_style_folder_is_known_by_the_parts_pcd_reads_not_by_every_file_in_it(tmp_path):
    """200,000 stray files beside a style made every check twentyfold slower: they were all
    hashed. Only style.yaml, reference.docx, html/ and new/ of each style are."""
    from authoring import cache

    style = tmp_path / "styles" / "evil"
    (style / "html").mkdir(parents=True)
    (style / "style.yaml").write_text("extends: mopac\norganisation: Evil Office\n")
    dirs = (str(tmp_path / "styles"),)
    cache.fingerprint.cache_clear()
    before = cache.fingerprint(dirs)
    (style / "junk").mkdir()
    for i in range(50):
        (style / "junk" / f"f{i}").write_text("x")
    (tmp_path / "styles" / "notes.txt").write_text("x")
    cache.fingerprint.cache_clear()  # kept once a process; a new process sees the folder anew
    assert cache.fingerprint(dirs) == before
    (style / "html" / "paper.html").write_text("{% extends 'base.html' %}")
    cache.fingerprint.cache_clear()
    assert cache.fingerprint(dirs) != before
