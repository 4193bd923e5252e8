"""The site command's progress bar: shown on a terminal, silent in logs and pipes."""


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
