"""Only signed papers reach the public site; drafts only in a preview that says so."""

from __future__ import annotations

import json

import pytest

from tests.conftest import diagnose, minimal_text, mutate, run_pcd

UNSIGNED = "signatures:\n  chief_executive: {date: 2025-06-02}\n  decision_maker: {date: 2025-06-04}\n"


def folder(tmp_path, **specs: str):
    out = tmp_path / "decisions"
    out.mkdir()
    for number, text in specs.items():
        (out / f"{number}.yaml").write_text(text.replace("reference: 2001", f"reference: {number}"))
    return out


def unsigned() -> str:
    return mutate(minimal_text(), UNSIGNED, "")


def test_an_unsigned_paper_is_left_out_of_the_site_with_one_line(tmp_path):
    specs = folder(tmp_path, **{"2001": minimal_text(), "2002": unsigned()})
    site = tmp_path / "site"
    result = run_pcd("site", str(specs), "-o", str(site), "--base-url", "https://example.gov.uk/d/")
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"{specs}/2002.yaml: left out of the site: not signed by its decision maker\n"
    assert result.stdout.startswith("site: 1 paper(s) published")
    assert "1 unsigned" in result.stdout
    assert (site / "pcd-2001.html").exists() and not (site / "pcd-2002.html").exists()
    every = "".join(p.read_text(errors="replace") for p in site.rglob("*") if p.is_file())
    assert "PCD 2002" not in every and "DRAFT" not in every and "noindex" not in every


def test_a_preview_of_drafts_is_marked_on_every_page_and_kept_out_of_feed_data_and_sitemap(tmp_path):
    specs = folder(tmp_path, **{"2001": minimal_text(), "2002": unsigned()})
    site = tmp_path / "site"
    result = run_pcd("site", str(specs), "-o", str(site), "--drafts", "--base-url", "https://example.gov.uk/d/")
    assert result.returncode == 0, result.stderr
    assert "1 of them DRAFTS" in result.stdout
    assert (site / "pcd-2002.html").exists()
    for page in site.glob("*.html"):
        text = page.read_text()
        assert '<meta name="robots" content="noindex, nofollow">' in text, page.name
        assert "<strong>DRAFT</strong>" in text, page.name
    assert not (site / "sitemap.xml").exists()
    assert "PCD 2002" not in (site / "feed.xml").read_text()
    data = json.loads((site / "decisions.json").read_text())
    assert [d["reference"] for d in data["decisions"]] == ["PCD 2001"]


def test_a_deferral_with_no_date_is_never_published_even_silenced(tmp_path):
    text = mutate(minimal_text(), "publication: {defer: false}",
                  "publication: {defer: true, reason: Operational reasons.}  # pcd: ignore[PCD304] date to come")
    specs = folder(tmp_path, **{"2001": text})
    site = tmp_path / "site"
    result = run_pcd("site", str(specs), "-o", str(site), "--as-of", "2199-01-01")
    assert not (site / "pcd-2001.html").exists()
    assert "2001.yaml: left out of the site" in result.stderr


def test_placeholders_keep_a_paper_off_the_site_and_fail_a_strict_build(tmp_path):
    text = mutate(minimal_text(), "drafting_officer: Sam Example", "drafting_officer: To be confirmed")
    specs = folder(tmp_path, **{"2001": text})
    assert run_pcd("check", str(specs / "2001.yaml")).returncode == 0  # a warning while drafting
    result = run_pcd("site", str(specs), "-o", str(tmp_path / "site"))
    assert result.returncode == 1
    assert ("2001.yaml:5:19: error[PCD210] drafting_officer: the drafting officer is still to be filled in "
            "('To be confirmed')") in result.stderr
    built = run_pcd("build", "--strict", str(specs / "2001.yaml"), "-o", str(tmp_path / "out"))
    assert built.returncode == 1 and "error[PCD210]" in built.stderr
    assert not (tmp_path / "out" / "2001.html").exists()


def test_a_scaffold_of_pcd_new_is_never_published(tmp_path):
    specs = tmp_path / "decisions"
    specs.mkdir()
    for kind in ("general", "contract_award", "extension", "onward_grant"):
        assert run_pcd("new", str(specs), "--kind", kind, "--date", "2026-12-01").returncode == 0
    for spec in specs.glob("*.yaml"):  # even signed, a scaffold holds placeholders
        spec.write_text(spec.read_text() + UNSIGNED)
    result = run_pcd("site", str(specs), "-o", str(tmp_path / "site"))
    assert result.returncode == 1
    assert "site: 0 paper(s) published" in result.stdout
    assert "('Title of the decision')" in result.stderr


def test_site_strict_treats_warnings_as_errors(tmp_path):
    text = mutate(minimal_text(), "The pilot tests a new approach.", "The pilot tests a a new approach.")
    specs = folder(tmp_path, **{"2001": text})
    plain = run_pcd("site", str(specs), "-o", str(tmp_path / "plain"))
    assert plain.returncode == 0 and (tmp_path / "plain" / "pcd-2001.html").exists()
    strict = run_pcd("site", "--strict", str(specs), "-o", str(tmp_path / "strict"))
    assert strict.returncode == 1 and "error[PCD207]" in strict.stderr
    assert not (tmp_path / "strict" / "pcd-2001.html").exists()


def test_two_specs_with_one_reference_are_both_named_and_neither_published(tmp_path):
    specs = folder(tmp_path, **{"2001": minimal_text(), "2002": minimal_text()})
    (specs / "2002.yaml").write_text(minimal_text())  # also reference 2001
    result = run_pcd("site", str(specs), "-o", str(tmp_path / "site"))
    assert result.returncode == 1, result.stderr
    assert (f"{specs}/2001.yaml:2:12: error[PCD019] reference: reference 2001 is also declared by "
            f"{specs}/2002.yaml: give each paper its own number") in result.stderr
    assert f"{specs}/2002.yaml" in result.stderr and "internal error" not in result.stderr
    assert not (tmp_path / "site" / "pcd-2001.html").exists()


def test_organisations_that_slug_alike_never_share_a_page_name():
    from types import SimpleNamespace

    from authoring.commands.listing import PER_PAGE, facets

    def paper(org):
        return SimpleNamespace(year="2025", decision_maker="DMPC", kinds=(), organisations=(org,))

    entries = [paper("Acme") for _ in range(PER_PAGE + 1)] + [paper("Acme 2")]
    orgs = next(f for f, _ in facets(entries, "Decision") if f.id == "organisation")
    names = {v["label"]: v["stem"] for v in orgs.values}
    assert names["Acme"] == "organisation-acme"  # and its second page is organisation-acme-2.html
    assert names["Acme 2"] not in ("organisation-acme-2",)


def test_a_bad_edit_never_takes_a_published_decision_down(tmp_path):
    specs = folder(tmp_path, **{"2001": minimal_text(), "2002": minimal_text()})
    site = tmp_path / "site"
    assert run_pcd("site", str(specs), "-o", str(site)).returncode == 0
    before = (site / "pcd-2001.html").read_bytes()
    (specs / "2001.yaml").write_text(mutate(minimal_text(), "amount: 10000", "amount: 10000.5"))
    result = run_pcd("site", str(specs), "-o", str(site))
    assert result.returncode == 1
    assert "error[PCD013]" in result.stderr
    assert "the site was not replaced" in result.stderr and "2001.yaml (PCD 2001): it has errors" in result.stderr
    assert (site / "pcd-2001.html").read_bytes() == before
    (specs / "2001.yaml").unlink()  # withdrawn on purpose: removing its spec takes it down
    assert run_pcd("site", str(specs), "-o", str(site)).returncode == 0
    assert not (site / "pcd-2001.html").exists() and (site / "pcd-2002.html").exists()


@pytest.mark.parametrize("right, wrong", [
    ("- {id: grantor, name: The Grantor}", "- {id: grantor, name: The Grantor (to be confirmed)}"),
    ("      label: Pilot", "      label: Pilot (TBC)"),
    ("part2: {exists: false}", "part2: {exists: false}\nbackground_papers:\n  - {ref: PCD 1900, title: To be written}"),
])
def test_a_placeholder_inside_a_name_label_or_background_paper_is_still_a_placeholder(right, wrong):
    """Not only a field that is wholly "To be confirmed": a name or label that holds one, or a
    background paper still to be written, keeps the paper off the site."""
    found = diagnose(mutate(minimal_text(), right, wrong), strict=True)
    assert any("error[PCD210]" in d for d in found), found
