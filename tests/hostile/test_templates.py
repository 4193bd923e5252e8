"""A house style's templates are untrusted code: known template-injection payloads run nothing,
read nothing, write nothing, and each is a diagnostic at its template's line."""

from __future__ import annotations

import os
import shutil

import pytest

from authoring import cli
from tests.conftest import ROOT, minimal_text

MOPAC_HTML = ROOT / "templates" / "mopac" / "html"
MARK = "{mark}"  # replaced by a path in the test's folder that no payload may create
TOUCH = f"'touch {MARK}'"

PAYLOADS = {
    "cycler-globals": f"{{{{ cycler.__init__.__globals__.os.system({TOUCH}) }}}}",
    "joiner-globals": f"{{{{ joiner.__init__.__globals__.os.popen({TOUCH}).read() }}}}",
    "namespace-globals": f"{{{{ namespace.__init__.__globals__.os.system({TOUCH}) }}}}",
    "mro-subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "base-subclasses": "{{ ().__class__.__base__.__subclasses__()[140].__init__.__globals__"
                       f"['sys'].modules['os'].system({TOUCH}) }}}}",
    "attr-filter": "{{ ''|attr('__class__')|attr('__mro__') }}",
    "attr-globals": f"{{{{ (cycler|attr('__init__')|attr('__globals__'))['os'].system({TOUCH}) }}}}",
    "attr-chain": "{{ joiner|attr('__init__')|attr('__globals__')|attr('__getitem__')('os') }}",
    "template-reference": "{{ self._TemplateReference__context.cycler.__init__.__globals__"
                          f".os.system({TOUCH}) }}}}",
    "self-dict": "{{ self.__dict__ }}",
    "str-format-class": "{{ '{0.__class__.__mro__}'.format('') }}",
    "str-format-globals": "{{ '{0.__init__.__globals__}'.format(cycler) }}",
    "format-map": "{{ '{x.__class__}'.format_map({'x': paper}) }}",
    "format-filter": "{{ '%s'|format(cycler.__init__) }}",
    "map-attribute": "{{ paper.sections|map(attribute='__class__')|list }}",
    "lipsum-globals": f"{{{{ lipsum.__globals__['os'].system({TOUCH}) }}}}",
    "url-for-globals": f"{{{{ url_for.__globals__.os.system({TOUCH}) }}}}",
    "config-globals": "{{ config.__class__.__init__.__globals__['os'] }}",
    "request-globals": "{{ request.application.__globals__.__builtins__ }}",
    "model-dict": "{{ paper.__dict__ }}",
    "part2-summary": "{{ paper.publication.part2_summary }}",
    "part2-figures": "{{ paper.publication|attr('part2_figures') }}",
    "part2-getitem": "{{ paper.publication['part2_figures'] }}",
    # The model's records are named tuples; the one holding Part 2 material is not.
    "part2-index": "{{ paper.publication[4] }}",
    "part2-iterate": "{{ paper.publication|list }}",
    "part2-by-position": "{{ paper[15][4] }}",
    "style-folder-index": "{{ paper.style[1] }}",
    "path-read": "{{ paper.style.folder.joinpath('/etc/passwd').read_text() }}",
    "path-write": f"{{{{ paper.style.folder.joinpath('{MARK}').write_text('x') }}}}",
    "style-method": "{{ paper.style.file('/etc/passwd') }}",
    "type-method": "{{ dict.mro() }}",
    "mutate-model": "{{ paper.sections.append(1) }}",
    "mutate-set": "{% set ns = namespace() %}{{ paper.style.data.update({'x': 1}) }}",
    "include-absolute": "{% include '/etc/passwd' %}",
    "include-climb": "{% include '../../../../../../etc/passwd' %}",
    "import-climb": "{% import '../../../../../../etc/passwd' as p %}",
    "huge-string": "{{ 'x' * 100000000 }}",
    "huge-power": "{{ 2 ** 999999999 }}",
    "huge-percent": "{{ '%999999999d' % 1 }}",
    "huge-format": "{{ '{:>999999999}'.format(1) }}",
    "huge-filter": "{{ 'x'|center(999999999) }}",
    "huge-method": "{{ 'x'.ljust(999999999) }}",
    "huge-range": "{% for i in range(999999999) %}{% endfor %}",
    "recursion": "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
    "undefined": "{{ no_such_variable }}",
    "syntax": "{{ paper.title }",
    "syntax-tag": "{% if %}",
}


def evil_style(tmp_path, template: str, payload: str) -> int:
    """A style extending MOPAC whose `template` carries the payload on a line of a rendered
    block; returns that line."""
    html = tmp_path / "styles" / "evil" / "html"
    html.mkdir(parents=True)
    (html.parent / "style.yaml").write_text("extends: mopac\n")
    lines = (MOPAC_HTML / template).read_text().split("\n")
    anchor = {"paper.html": "{% block main %}", "index.html": "{% block main %}", "base.html": "<body"}
    at = next((i + 1 for i, line in enumerate(lines) if anchor.get(template, "") in line), 0)
    lines.insert(at, payload.replace(MARK, str(tmp_path / "PWNED")))
    (html / template).write_text("\n".join(lines))
    spec = tmp_path / "2001.yaml"
    spec.write_text("house_style: evil\n" + minimal_text())
    return at + 1


def run(args: list[str], capsys) -> tuple[int, str]:
    code = cli.main(args)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.mark.parametrize("name", PAYLOADS)
def test_a_payload_runs_nothing_and_writes_nothing(tmp_path, capsys, name):
    line = evil_style(tmp_path, "paper.html", PAYLOADS[name])
    out = tmp_path / "out"
    code, text = run(["build", "--style-dir", str(tmp_path / "styles"), str(tmp_path / "2001.yaml"),
                      "-o", str(out)], capsys)
    assert code == 1, text
    template = tmp_path / "styles" / "evil" / "html" / "paper.html"
    assert f"{template}:{line}:1: error[PCD06" in text, text
    assert "Traceback" not in text and "internal error" not in text
    assert not (tmp_path / "PWNED").exists()
    assert not out.exists() or list(out.iterdir()) == []
    assert "root:" not in text


@pytest.mark.parametrize("template", ["base.html", "_paragraph.html"])
def test_payloads_in_included_and_base_templates(tmp_path, capsys, template):
    line = evil_style(tmp_path, template, PAYLOADS["cycler-globals"])
    code, text = run(["build", "--style-dir", str(tmp_path / "styles"), str(tmp_path / "2001.yaml"),
                      "-o", str(tmp_path / "out")], capsys)
    assert code == 1 and f"html/{template}:{line}:1: error[PCD062]" in text, text
    assert not (tmp_path / "PWNED").exists() and not (tmp_path / "out").exists()


def test_a_template_linking_outside_its_style_is_refused(tmp_path, capsys):
    evil_style(tmp_path, "paper.html", "{% include 'leak.html' %}")
    os.symlink("/etc/passwd", tmp_path / "styles" / "evil" / "html" / "leak.html")
    code, text = run(["build", "--style-dir", str(tmp_path / "styles"), str(tmp_path / "2001.yaml"),
                      "-o", str(tmp_path / "out")], capsys)
    assert code == 1 and "leak.html: error[PCD064] template leak.html is a link to a file outside" in text
    assert "root:" not in text and not (tmp_path / "out").exists()


def test_a_template_folder_linking_outside_its_style_is_refused(tmp_path, capsys):
    evil_style(tmp_path, "paper.html", "{% include 'passwd' %}")
    html = tmp_path / "styles" / "evil" / "html"
    shutil.rmtree(html)
    os.symlink("/etc", html)
    code, text = run(["build", "--style-dir", str(tmp_path / "styles"), str(tmp_path / "2001.yaml"),
                      "-o", str(tmp_path / "out")], capsys)
    assert code == 1 and f"{html}: error[PCD064] html is a link to a folder outside" in text, text
    assert "root:" not in text and not (tmp_path / "out").exists()


def test_a_site_with_a_payload_in_its_index_writes_nothing(tmp_path, capsys):
    line = evil_style(tmp_path, "index.html", PAYLOADS["namespace-globals"])
    specs = tmp_path / "decisions"
    specs.mkdir()
    shutil.move(tmp_path / "2001.yaml", specs / "2001.yaml")
    styles = tmp_path / "styles"
    (styles / "mopac").mkdir()  # the index is rendered in the default style: replace it
    for name in ("style.yaml", "reference.docx"):
        shutil.copy(ROOT / "templates" / "mopac" / name, styles / "mopac" / name)
    shutil.copytree(MOPAC_HTML, styles / "mopac" / "html")
    shutil.copy(styles / "evil" / "html" / "index.html", styles / "mopac" / "html" / "index.html")
    code, text = run(["site", str(specs), "-o", str(tmp_path / "site"), "--style-dir", str(styles),
                      "--jobs", "1"], capsys)
    assert code == 1 and f"mopac/html/index.html:{line}:1: error[PCD062]" in text, text
    assert not (tmp_path / "PWNED").exists() and not (tmp_path / "site").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []
