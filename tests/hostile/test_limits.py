"""Spec limits: no output name leaves the output folder, no text field carries a character a
document cannot hold, and absurd inputs get a clear error (figures: benchmarks/limits.py)."""

from __future__ import annotations


import pytest

from authoring.pipeline import process_text
from authoring.spec.yamlread import Map, Scalar, Seq, parse, read_text
from benchmarks.limits import with_costs, with_paragraph
from tests.conftest import diagnose, minimal_text, mutate, run_pcd, seed_text


def scalars(node, path=()):
    """Every text scalar of a tree (values and keys), with a path to find it in a copy."""
    if isinstance(node, Map):
        for key, (knode, vnode) in node.items.items():
            yield path + (("key", key),), knode
            yield from scalars(vnode, path + (("value", key),))
    elif isinstance(node, Seq):
        for i, item in enumerate(node.items):
            yield from scalars(item, path + (("item", i),))
    elif isinstance(node, Scalar) and node.kind == "str":
        yield path, node


def find(root, path):
    node = root
    for kind, step in path:
        if kind == "item":
            node = node.items[step]
        else:
            knode, vnode = node.items[step]
            node = knode if kind == "key" else vnode
    return node


def with_character(root, path, char: str):
    """A copy of the tree with `char` inside one scalar (a key is renamed where it stands)."""
    if not path:
        return root._replace(text=root.text[:1] + char + root.text[1:])
    (kind, step), rest = path[0], path[1:]
    if kind == "item":
        items = list(root.items)
        items[step] = with_character(items[step], rest, char)
        return root._replace(items=items)
    knode, vnode = root.items[step]
    if kind == "key":
        key = with_character(knode, rest, char)
        return root._replace(items={key.text if k == step else k: (key, v) if k == step else (kn, v)
                                    for k, (kn, v) in root.items.items()})
    return root._replace(items={**root.items, step: (knode, with_character(vnode, rest, char))})


@pytest.mark.parametrize("char", ["\x07", "\x1b", "\x85", "\ufffe", "\uffff", "\u202e"])
@pytest.mark.parametrize("source", ["seed", "minimal"])
def test_a_character_no_document_can_hold_is_an_error_in_every_text_field(monkeypatch, source, char):
    """Put the character into each text value and key of a spec in turn (as a double-quoted YAML
    escape would): every one is refused at its own line, so no DOCX is ever written from it."""
    text = seed_text() if source == "seed" else minimal_text()
    root = parse(read_text(text.encode()))
    for path, node in list(scalars(root)):
        tree = with_character(root, path, char)
        monkeypatch.setattr("authoring.pipeline.parse", lambda _text, tree=tree: tree)
        outcome = process_text(text.encode(), "s.yaml")
        errors = [d for d in outcome.diagnostics if d.severity == "error"]
        assert not outcome.ok and any(d.line == node.line for d in errors), (path, errors)
        if path[-1][0] != "key" and any(d.code == "PCD018" for d in errors):
            assert [d.line for d in errors if d.code == "PCD018"] == [node.line]


@pytest.mark.parametrize("reference", ["../../etc/cron.d/x", "/etc/passwd", "1843/../../x",
                                       "'..'", "1843\\n", "-1", "99999999"])
def test_a_reference_cannot_name_a_file_outside_the_output_folder(tmp_path, reference):
    spec = tmp_path / "s.yaml"
    spec.write_text(mutate(minimal_text(), "reference: 2001", f"reference: {reference}"))
    out = tmp_path / "deep" / "out"
    result = run_pcd("build", str(spec), "-o", str(out))
    assert result.returncode == 1 and "error[PCD0" in result.stderr
    assert not (tmp_path / "deep").exists()


def test_a_style_code_cannot_name_a_page_outside_the_site(tmp_path):
    folder = tmp_path / "styles" / "acme"
    folder.mkdir(parents=True)
    (folder / "style.yaml").write_text("extends: mopac\ncode: ../X\n")
    spec = tmp_path / "s.yaml"
    spec.write_text("house_style: acme\n" + minimal_text())
    result = run_pcd("build", "--style-dir", str(tmp_path / "styles"), str(spec), "-o", str(tmp_path / "o"))
    assert result.returncode == 1 and "acme/style.yaml:2:7: error[PCD016] code:" in result.stderr


def test_a_10_mb_paragraph_is_refused_before_it_is_parsed():
    assert diagnose(with_paragraph("word " * 2_000_000)) == [
        "spec.yaml:1:1: error[PCD006] the file is over 1,048,576 bytes, the most a spec may be"]


def test_thousands_of_cost_lines_are_refused_as_too_large():
    assert diagnose(with_costs(10_000)) == [
        "spec.yaml:1:1: error[PCD006] the file is over 1,048,576 bytes, the most a spec may be"]
    assert diagnose(with_costs(5_000)) == [
        "spec.yaml:6085:12: error[PCD006] the document is too large for a decision spec"]


def test_many_findings_in_one_paragraph_point_at_each_place_in_turn():
    """Each doubled word is found where it is, reading on from the previous finding."""
    found = diagnose(with_paragraph(" ".join(f"w{i} w{i}" for i in range(500))))
    doubled = [d for d in found if "PCD207" in d]
    assert len(doubled) == 500
    columns = [int(d.split(":")[2]) for d in doubled]
    assert columns == sorted(columns) and len(set(columns)) == 500
