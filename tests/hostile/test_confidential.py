"""Part 2 and deferred content never reach a public output; build outputs are all-or-nothing."""

from pathlib import Path

from tests.conftest import minimal_text, mutate, run_pcd

PART2 = "PART2-MARKER-7f3a"
DEFERRED = "DEFERRED-MARKER-91c2"


def deferred_spec() -> str:
    """A paper deferred until 2030 with a marker in every piece of its prose."""
    text = mutate(minimal_text(), "reference: 2001", "reference: 2002")
    text = mutate(text, "publication: {defer: false}",
                  f"publication: {{defer: true, reason: {DEFERRED} reason., until: 2030-01-01}}")
    for old in ("Acceptance of grant funding for a pilot", "The pilot tests a new approach.",
                "The grant covers the whole cost.", "label: Pilot", "name: The Grantor",
                "Sam Example"):
        key, _, value = old.rpartition(": ")
        text = mutate(text, old, f"{key}{': ' if key else ''}{value} {DEFERRED}")
    return text


def unpacked(path):
    """A public file's bytes as a reader gets them: Pagefind's index files are gzipped."""
    import gzip
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix.startswith(".pf_") else data


def test_confidential_markers_never_reach_public_files(tmp_path):
    specs = tmp_path / "decisions"
    specs.mkdir()
    (specs / "2001.yaml").write_text(mutate(minimal_text(), "part2: {exists: false}",
                                            f"part2: {{exists: true, summary: {PART2} advice.}}"))
    (specs / "2002.yaml").write_text(deferred_spec())
    site = tmp_path / "site"
    assert run_pcd("site", str(specs), "-o", str(site), "--as-of", "2026-01-01").returncode == 0
    build = tmp_path / "build"
    assert run_pcd("build", str(specs / "2001.yaml"), str(specs / "2002.yaml"), "-o", str(build),
                   env={"SOURCE_DATE_EPOCH": "1767225600"}).returncode == 0  # 2026-01-01
    public = sorted(site.rglob("*")) + sorted(build.glob("*.html"))
    pages = {p.name for p in site.glob("*.html")}
    assert "pcd-2001.html" in pages and "pcd-2002.html" not in pages  # 2002 is deferred
    assert list(site.glob("search/*/fragment/*.pf_fragment"))  # the search index is there, and read below
    part1 = sorted(p for p in build.glob("*.docx") if "part2" not in p.name)
    public = [p for p in public if p.is_file()]
    for path in public + part1:
        assert PART2.encode() not in unpacked(path), path
    # Part 2 goes to its own form, and only there
    from docx import Document
    form = Document(str(build / "part2" / "2001-part2.docx"))
    assert PART2 in "\n".join(p.text for p in form.paragraphs)
    assert form.core_properties.title == "PCD 2001: Part 2 (confidential)"
    from tests.render.docx_a11y import check
    assert check(build / "part2" / "2001-part2.docx") == []
    for path in public:
        assert DEFERRED.encode() not in unpacked(path), path
    assert b"deferred until 1 January 2030" in (build / "2002.html").read_bytes()


def test_a_deferred_paper_is_published_from_its_date(tmp_path):
    specs = tmp_path / "decisions"
    specs.mkdir()
    (specs / "2002.yaml").write_text(deferred_spec())
    site = tmp_path / "site"
    assert run_pcd("site", str(specs), "-o", str(site), "--as-of", "2030-01-02").returncode == 0
    assert DEFERRED in (site / "pcd-2002.html").read_text()


def test_site_leaves_out_papers_with_errors_and_links_only_live_papers(tmp_path):
    specs = tmp_path / "decisions"
    specs.mkdir()
    good = minimal_text() + "background_papers:\n  - {ref: PCD 2003, title: A broken paper}\n  - {ref: PCD 2004, title: A good one}\n"
    (specs / "2001.yaml").write_text(good)
    (specs / "2003.yaml").write_text(mutate(minimal_text(), "reference: 2001", "reference: 2003").replace("amount: 10000", "amount: 1.5"))
    (specs / "2004.yaml").write_text(mutate(minimal_text(), "reference: 2001", "reference: 2004"))
    site = tmp_path / "site"
    result = run_pcd("site", str(specs), "-o", str(site), "--jobs", "1")
    assert result.returncode == 1
    assert "2003.yaml: left out of the site" in result.stderr
    assert not (site / "pcd-2003.html").exists()
    page = (site / "pcd-2001.html").read_text()
    assert '<a href="pcd-2004.html">PCD 2004</a>' in page and "pcd-2003.html" not in page
    assert not list(Path(tmp_path).glob(".site.*"))  # no staging folder left behind


def test_the_part2_form_has_a_folder_of_its_own_readable_only_by_its_owner(tmp_path):
    import os
    import stat
    spec = tmp_path / "2001.yaml"
    spec.write_text(mutate(minimal_text(), "part2: {exists: false}", f"part2: {{exists: true, summary: {PART2} advice.}}"))
    result = run_pcd("build", str(spec), "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    form = tmp_path / "out" / "part2" / "2001-part2.docx"
    assert stat.S_IMODE(form.stat().st_mode) == 0o600 and stat.S_IMODE(form.parent.stat().st_mode) == 0o700
    assert not (tmp_path / "out" / "2001-part2.docx").exists()
    assert "holds the confidential Part 2 form: circulate it, never publish that folder" in result.stderr
    old = os.umask(0o027)  # the outputs follow the umask: a team that shares none gets none
    try:
        assert run_pcd("build", str(spec), "-o", str(tmp_path / "strict")).returncode == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "strict" / "2001.html").stat().st_mode) == 0o640
    assert stat.S_IMODE((tmp_path / "out" / "2001.html").stat().st_mode) == 0o666 & ~old


def test_a_forged_source_date_does_not_publish_a_deferred_paper(tmp_path):
    specs = tmp_path / "decisions"
    specs.mkdir()
    (specs / "2002.yaml").write_text(deferred_spec())
    env = {"SOURCE_DATE_EPOCH": "4102444800"}  # 2100-01-01, after the deferral
    assert run_pcd("site", str(specs), "-o", str(tmp_path / "site"), env=env).returncode == 0
    assert not (tmp_path / "site" / "pcd-2002.html").exists()
    assert run_pcd("build", str(specs / "2002.yaml"), "-o", str(tmp_path / "b"), env=env).returncode == 0
    assert DEFERRED.encode() not in (tmp_path / "b" / "2002.html").read_bytes()
