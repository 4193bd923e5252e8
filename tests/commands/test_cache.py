"""The results cache: an answer is reused only when nothing it depends on has changed, a damaged
or foreign entry is never trusted, and a site built from the cache is the site built without it."""

from __future__ import annotations

import hashlib
import json
import shutil

import pytest

from tests.conftest import ROOT, run_pcd, site_files


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    """A cache of this test's own, for the test process and the pcd it runs."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    from authoring import cache
    cache.fingerprint.cache_clear()
    yield folder / "pcd" / "results"
    cache.fingerprint.cache_clear()


def records(folder):
    """The cache's records of answers (a house style it loaded is kept as a record too)."""
    return sorted(r for r in folder.rglob("*.json") if "style" not in body(r))


def body(record):
    """A record's JSON, after the line with its MAC."""
    return json.loads(record.read_text().partition("\n")[2])


def spec(tmp_path, text=None):
    path = tmp_path / "1843.yaml"
    path.write_text(text or (ROOT / "decisions" / "1843.yaml").read_text())
    return path


def test_check_answers_from_the_cache_only_what_it_would_answer_itself(tmp_path, cache_dir):
    path = spec(tmp_path)
    first = run_pcd("check", str(path))
    assert first.returncode == 0 and len(records(cache_dir)) == 1
    assert run_pcd("check", str(path)).stdout == first.stdout
    # a changed spec is a new key: the error is found, not the old answer repeated
    path.write_text(path.read_text().replace("{funder: hmpps, amount: 80000}", "{funder: hmpps, amount: 90000}"))
    changed = run_pcd("check", str(path))
    assert changed.returncode == 1 and "error[PCD1" in changed.stdout
    assert run_pcd("check", str(path)).stdout == changed.stdout  # and that answer is kept too
    assert len(records(cache_dir)) == 2


def test_a_changed_house_style_or_pcd_version_is_a_new_key(tmp_path, cache_dir, monkeypatch):
    from authoring import cache

    styles = tmp_path / "styles"
    shutil.copytree(ROOT / "templates" / "mopac", styles / "mopac")
    key = cache.key("check", b"spec", (str(styles),))
    assert cache.key("check", b"spec", (str(styles),)) == key
    (styles / "mopac" / "style.yaml").write_text((styles / "mopac" / "style.yaml").read_text() + "\n")
    cache.fingerprint.cache_clear()
    assert cache.key("check", b"spec", (str(styles),)) != key
    edited = cache.key("check", b"spec", (str(styles),))
    monkeypatch.setattr("authoring.__version__", "99.0")
    cache.fingerprint.cache_clear()
    assert cache.key("check", b"spec", (str(styles),)) != edited
    assert cache.key("check", b"spec", ()) != cache.key("check", b"spec2", ())
    assert cache.key("check", b"spec", (), "a.yaml", False) != cache.key("check", b"spec", (), "a.yaml", True)


def test_a_damaged_or_foreign_entry_is_never_trusted(tmp_path, cache_dir):
    path = spec(tmp_path)
    clean = run_pcd("check", str(path))
    (record,) = records(cache_dir)
    data = body(record)
    # a record that says the paper has a finding it does not have, under the wrong key
    forged = {**data, "key": "0" * 64, "ok": False,
              "diagnostics": [["PCD101", "forged", [], "error", str(path), 1, 1, "", ""]]}
    for text in ("{not json", json.dumps(forged), json.dumps({**data, "format": 0}),
                 json.dumps({**data, "diagnostics": [[1, 2, 3]]}), "[]"):
        record.write_text(text)
        again = run_pcd("check", str(path))
        assert (again.returncode, again.stdout) == (clean.returncode, clean.stdout), text
    # a blob whose bytes do not match its name is a miss: the build is made again, correctly
    out = tmp_path / "out"
    assert run_pcd("build", str(path), "-o", str(out)).returncode == 0
    good = (out / "1843.html").read_bytes()
    for blob in cache_dir.rglob("*.blob"):
        blob.write_bytes(b"tampered")
    (out / "1843.html").unlink()
    assert run_pcd("build", str(path), "-o", str(out)).returncode == 0
    assert (out / "1843.html").read_bytes() == good


def test_a_house_style_is_kept_until_a_file_of_it_changes(tmp_path, cache_dir, monkeypatch):
    from authoring import cache, housestyle

    styles = (str(tmp_path / "styles"),)
    shutil.copytree(ROOT / "templates" / "mopac", tmp_path / "styles" / "mopac")
    housestyle.load_style.cache_clear()
    read = housestyle.load_style("mopac", styles)
    housestyle.load_style.cache_clear()
    with monkeypatch.context() as m:  # from the cache, not the files
        m.setattr(housestyle, "_load", lambda *a: pytest.fail("the style was read again"))
        kept = housestyle.load_style("mopac", styles)
    assert (kept.data, kept.folder, kept.parents) == (read.data, read.folder, read.parents)
    assert kept.data["delegation"] == read.data["delegation"]  # amounts stay Decimal
    style_yaml = tmp_path / "styles" / "mopac" / "style.yaml"
    style_yaml.write_text(style_yaml.read_text().replace("organisation: Mayor's", "organisation: The Mayor's"))
    cache.fingerprint.cache_clear()
    housestyle.load_style.cache_clear()
    assert housestyle.load_style("mopac", styles)["organisation"].startswith("The Mayor's")
    # a damaged record is read afresh, never trusted
    for record in cache_dir.rglob("*.json"):
        record.write_text(json.dumps({**body(record), "style": '["/", [], []]'}))
    housestyle.load_style.cache_clear()
    assert housestyle.load_style("mopac", styles)["organisation"].startswith("The Mayor's")
    housestyle.load_style.cache_clear()


def test_no_cache_and_the_environment_variable_turn_it_off(tmp_path, cache_dir):
    path = spec(tmp_path)
    assert run_pcd("check", "--no-cache", str(path)).returncode == 0
    assert run_pcd("build", "--no-cache", str(path), "-o", str(tmp_path / "o")).returncode == 0
    assert run_pcd("check", str(path), env={"PCD_NO_CACHE": "1"}).returncode == 0
    assert records(cache_dir) == []


def test_a_cache_folder_others_can_write_is_not_used(tmp_path, cache_dir):
    cache_dir.mkdir(parents=True)
    cache_dir.chmod(0o777)
    path = spec(tmp_path)
    assert run_pcd("check", str(path)).returncode == 0
    assert records(cache_dir) == []


def test_an_incremental_site_is_the_clean_site(tmp_path, cache_dir):
    """Build, change one paper, build again from the cache: byte for byte the site a build with
    no cache makes. The pages that list the changed paper change; the others come from the cache."""
    from benchmarks.corpus import archive

    specs = tmp_path / "specs"
    paths = archive(specs, 24)
    warm, clean = tmp_path / "warm", tmp_path / "clean"
    args = ("--as-of", "2026-01-01", "--base-url", "https://example.gov.uk/decisions/", "--jobs", "2")
    assert run_pcd("site", str(specs), "-o", str(warm), *args).returncode == 0
    before = site_files(warm)
    changed = paths[3]
    changed.write_text(changed.read_text().replace("title: Paper 20003, ", "title: Paper 20003 (revised), "))
    assert run_pcd("site", str(specs), "-o", str(warm), *args).returncode == 0
    assert run_pcd("site", str(specs), "-o", str(clean), *args, "--no-cache").returncode == 0
    after = site_files(warm)
    assert after == site_files(clean)  # byte for byte (but for Pagefind's own nondeterminism)
    differ = {name for name in after if before.get(name) != after[name]}
    page = next(n for n in after if n.endswith("-20003.html"))
    assert page in differ and "index.html" in differ and "decisions.json" in differ
    assert not any(n.endswith("-20004.html") for n in differ)  # an unchanged paper is untouched
    assert "(revised)" in after[page].decode()


def test_a_live_file_changed_or_gone_since_the_last_build_is_written_again(tmp_path, cache_dir):
    """pcd keeps the hash and state of each file of a site it built, and links a file it knows
    unchanged into the next build unread; a file edited, replaced or removed since is written
    afresh, and a record of another site or a damaged one is not used."""
    from benchmarks.corpus import archive

    specs = tmp_path / "specs"
    archive(specs, 8)
    site, clean = tmp_path / "site", tmp_path / "clean"
    args = ("--as-of", "2026-01-01", "--jobs", "1")
    assert run_pcd("site", str(specs), "-o", str(clean), *args, "--no-cache").returncode == 0
    assert run_pcd("site", str(specs), "-o", str(site), *args).returncode == 0
    from authoring.commands.output import _site_record, known_files
    _site_record.cache_clear()
    known = known_files(site)
    assert sorted(known) == sorted(str(p.relative_to(site)) for p in site.rglob("*") if p.is_file())
    assert all(known[n][0] == hashlib.sha256((site / n).read_bytes()).hexdigest() for n in known)
    page = next(site.glob("*-20003.html"))
    index = next(site.glob("search/*/pagefind-index.json"), None) or next(site.glob("search/*/index/*"))
    page.write_bytes(page.read_bytes().replace(b"Paper 20003", b"Tampered 20003"))  # in place
    (site / "index.html").unlink()
    tampered_index = index.read_bytes()[::-1]
    index.unlink()
    index.write_bytes(tampered_index)  # a new file where the old one was
    assert run_pcd("site", str(specs), "-o", str(site), *args).returncode == 0
    assert site_files(site) == site_files(clean)
    # the record of the site's files, damaged: every file is compared or written, none trusted
    for record in cache_dir.rglob("*.json"):
        if '"files": {"' in record.read_text() and ".pcd-site" in record.read_text():
            record.write_text(record.read_text().replace('"files": {', '"files": {"x": 1, ', 1)[:-20])
    page.write_bytes(page.read_bytes().replace(b"Paper 20003", b"Tampered 20003"))
    assert run_pcd("site", str(specs), "-o", str(site), *args).returncode == 0
    assert site_files(site) == site_files(clean)


def test_a_spec_the_last_build_saw_as_it_is_now_is_not_read_again(tmp_path, cache_dir, monkeypatch):
    """pcd keeps each spec's hash and state (size, modification and change times, inode) with
    what it knows of the site: a spec still so is known by its hash, unread. An edit is seen
    even when it restores the size and modification time (the change time cannot be set back),
    and a spec changed within the last RACY_NS is read whatever its state says."""
    import datetime as dt
    import os

    from authoring.commands import output
    from authoring.commands import site as site_command
    from benchmarks.corpus import archive

    paths = archive(tmp_path / "specs", 6)
    target = tmp_path / "site"
    read: list[str] = []

    def readable(path):
        read.append(os.path.basename(path))
        return output_readable(path)

    output_readable = site_command.readable
    monkeypatch.setattr(site_command, "readable", readable)

    def build() -> list[str]:
        read.clear()
        output._site_record.cache_clear()
        site_command.build_site(paths, target, dt.date(2026, 1, 1), (), 1, quiet=True)
        return sorted(set(read))  # a spec the cache cannot answer is read by both passes

    monkeypatch.setattr(output, "RACY_NS", 0)
    assert build() == sorted(p.name for p in paths)
    assert build() == []  # nothing changed: no spec read
    before = paths[2].stat()
    paths[2].write_text(paths[2].read_text().replace("title: Paper 20002", "title: Pxper 20002"))
    os.utime(paths[2], ns=(before.st_atime_ns, before.st_mtime_ns))  # same size, same time
    assert build() == [paths[2].name]
    assert "Pxper 20002" in next(target.glob("*-20002.html")).read_text()
    assert build() == []
    monkeypatch.setattr(output, "RACY_NS", 3600 * 10**9)  # every spec "just changed"
    assert build() == sorted(p.name for p in paths)
