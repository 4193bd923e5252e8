"""The site command: a progress bar only on a terminal; an output folder it never wrongly replaces."""

from tests.conftest import ROOT


def test_progress_bar_only_on_a_terminal(monkeypatch):
    import io
    from authoring.commands import site

    class Tty(io.StringIO):
        def isatty(self):
            return True

    fake = Tty()
    monkeypatch.setattr(site.sys, "stderr", fake)
    bar = site.Progress(4)
    for _ in range(4):
        bar.tick(None)
    assert fake.getvalue().endswith("\r[" + "#" * 30 + "] 4/4\n")
    monkeypatch.setattr(site.sys, "stderr", io.StringIO())
    assert site.Progress(4).show is False


def test_the_site_never_replaces_a_folder_it_did_not_write(tmp_path):
    """The output folder is swapped whole: it must never be the specs, the current folder or
    someone's other files."""
    from tests.conftest import run_pcd
    specs = tmp_path / "decisions"
    specs.mkdir()
    (specs / "1843.yaml").write_text((ROOT / "decisions" / "1843.yaml").read_text())
    other = tmp_path / "other"
    other.mkdir()
    (other / "keep.txt").write_text("mine")
    for out, why in ((specs, "it holds the specs themselves"), (tmp_path, "it holds the specs themselves"),
                     (other, "it is not empty and is not a site pcd wrote")):
        result = run_pcd("site", str(specs), "-o", str(out), cwd=tmp_path)
        assert result.returncode == 2 and why in result.stderr
    assert (specs / "1843.yaml").exists() and (other / "keep.txt").read_text() == "mine"
    site = tmp_path / "site"
    assert run_pcd("site", str(specs), "-o", str(site)).returncode == 0
    assert run_pcd("site", str(specs), "-o", str(site)).returncode == 0  # its own site: replaced
