"""A second house style needs no code; `pcd new` scaffolds a paper that checks with warnings only."""

from authoring.pipeline import process
from tests.conftest import DATA, ROOT, run_pcd

STYLES = DATA / "styles"


def test_a_second_house_style_builds_with_its_own_words(tmp_path):
    result = run_pcd("build", "--style-dir", str(STYLES), str(STYLES / "gla-2001.yaml"), "-o", str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "3301.html").read_text()
    assert "Mayoral Decision – MD 3301" in html and "Head of Paid Service" in html
    assert "<span>Expenditure and funding of MD 3301</span></caption>" in html
    assert "Deputy Mayor" not in html and "MOPAC" not in html
    assert ">The Mayor is asked to:</p>" in html  # its own phrase
    assert "will be made available on the GLA website" in html  # a phrase it inherits
    paper = process(STYLES / "gla-2001.yaml", (str(STYLES),)).paper
    assert [s.title for s in paper.sections][:2] == ["Introduction and background", "Objectives and expected outcomes"]
    assert [r.authority for r in paper.routes] == ["mayor"]


def test_an_unknown_house_style_is_a_diagnostic(tmp_path):
    spec = tmp_path / "3301.yaml"
    spec.write_text((STYLES / "gla-2001.yaml").read_text().replace("house_style: gla2019", "house_style: glx"))
    result = run_pcd("check", str(spec))
    assert result.returncode == 1
    assert "2:14: error[PCD017] house_style: unknown house style 'glx'; did you mean 'gla'?" in result.stdout


def test_new_scaffolds_the_next_reference(tmp_path):
    (tmp_path / "1843.yaml").write_text((DATA / "seed" / "1843.yaml").read_text())
    result = run_pcd("new", str(tmp_path), "--title", 'A "quoted" title', "--date", "2026-11-24")
    assert result.returncode == 0 and result.stdout.strip() == str(tmp_path / "1844.yaml")
    text = (tmp_path / "1844.yaml").read_text()
    assert "reference: 1844" in text and "drafted: 2026-11-24" in text
    check = run_pcd("check", str(tmp_path / "1844.yaml"))
    assert check.returncode == 0
    assert check.stdout.endswith("0 error(s), 23 warning(s)\n")  # 11 paragraphs, 8 declarations,
    assert check.stdout.count("warning[PCD210]") == 23  # the officer, the funder's name, the cost's
    # label and a £0 line
    # never overwrites: a second call takes the next number
    assert run_pcd("new", str(tmp_path), "--date", "2026-11-24").stdout.strip().endswith("1845.yaml")


def test_a_style_on_the_path_that_hides_a_shipped_one_is_a_warning_naming_both(tmp_path):
    old = tmp_path / "styles" / "gla"
    old.mkdir(parents=True)
    (old / "style.yaml").write_text((STYLES / "gla2019" / "style.yaml").read_text())
    result = run_pcd("check", "decisions/1843.yaml", env={"PCD_STYLE_PATH": str(tmp_path / "styles")})
    assert "PCD065" not in result.stdout  # MOPAC's is not hidden
    result = run_pcd("check", "--style-dir", str(tmp_path / "styles"), "decisions/md2973.yaml")
    assert f"warning[PCD065] house_style: house style 'gla' comes from {old}, which hides the shipped 'gla' in " \
        f"{ROOT / 'templates' / 'gla'}" in result.stdout
