"""docs/styles.md is the reference of style.yaml: it names every key the schema has, and each
key's `extends` merge rule it documents is what loading a style does."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import ROOT, run_pcd

DOC = ROOT / "docs" / "styles.md"

# A value of each key a child of MOPAC may set, unlike MOPAC's own. A key the schema gains needs
# one here (and a row in docs/styles.md), or test_every_documented_key_has_a_sample fails.
SAMPLES = {
    "organisation": "Office of Somewhere",
    "short_name": "OOS",
    "decision_type": "Somewhere Decision",
    "code": "SOM",
    "heading": '"Decision – {reference}"',
    "part1_heading": "Part One",
    "table_caption": '"Money of {reference}"',
    "authorities": "\n  dmpc: {title: Deputy, short: Dep, rank: 3}\n  ceo: {title: Chief, short: Chief, rank: 2}"
                   "\n  clerk: {title: Clerk, short: Clerk, rank: 1}",
    "chief_executive": "dmpc",
    "sections": "\n" + "\n".join(f"  - {{id: {s}, title: {s.title()} matters}}" for s in (
        "financial", "legal", "equality", "public_health", "commercial", "gdpr")),
    "paper_label": "Annex",
    "delegation": "\n  - {id: all, action: any, authority: ceo}",
    "declarations": '\n  - {id: only, title: "Only:", text: One statement.}',
    "texts": "\n  table_item: Programme\n  no_papers: Nothing.",
    "forms": "\n  ceo:\n    decision_type: Chief Executive's Decision\n    code: CED",
    "abbreviations": "\n  OOS: Office of Somewhere\n  MOPAC: Mayor's Office",
    "abbreviations_take_the": "[OOS]",
    "money_forbidden": "'£\\d+k'",
    "money_advice": "write amounts out",
    "procurement_routes": "\n  open_tender: a tender",
    "numbers_in_words": "false",
    "percent_places": "2",
    "organisations": "\n  - {name: Somewhere Fund, aliases: [SF]}",
    "reference_format": '"{year}/{number:03}"',
    "signatories": "\n  - {id: chief_executive, authority: ceo, statement: ceo_statement}"
                   "\n  - {id: decision_maker, decides: true, statement: dm_declaration, "
                   "after: [chief_executive]}",
    "form": "[summary, recommendations, part1, publication, declarations, chief_executive, "
            "decision_maker]",
    "fields": "\n  - {id: key_decision, label: Key decision, type: yes_no}",
    "lists": "\n  wards: [North, South]",
    "blocks": "{deferral: false}",
    "call_in": "{working_days: 5, holidays: ['2025-12-25']}",
    "portfolios": "\n  finance: Finance",
    "key_decision": "{threshold: 500000}",
    "award_value": "annual",
}


def documented() -> dict[str, str]:
    """Each key of the keys table in docs/styles.md with its merge rule ("Under `extends`")."""
    section = DOC.read_text(encoding="utf-8").split("## The keys of style.yaml")[1].split("\n## ")[0]
    return {m.group(1): m.group(2).strip()
            for m in re.finditer(r"^\| `(\w+)` \| [^|]+ \| ([^|]+) \|", section, re.M)}


def schema_keys():
    """Every key the style's schema has, at any depth, with the texts' keys apart."""
    from authoring.housestyle import _text_keys
    from authoring.spec.schema import ListOf, MapOf, Obj
    from authoring.spec.style_shape import Removable, style_schema

    found: set[str] = set()

    def walk(field) -> None:
        if isinstance(field, Obj):
            for name, sub in field.fields.items():
                found.add(name)
                walk(sub)
        elif isinstance(field, (ListOf,)):
            walk(field.item)
        elif isinstance(field, MapOf):
            walk(field.value)
        elif isinstance(field, Removable):
            walk(field.value)

    root = style_schema(_text_keys())
    walk(root)
    return set(root.fields), found, set(_text_keys())


def load(tmp_path, text: str, name: str = "child"):
    from authoring.housestyle import load_style

    (tmp_path / name).mkdir(parents=True, exist_ok=True)
    (tmp_path / name / "style.yaml").write_text(text, encoding="utf-8")
    return load_style(name, (str(tmp_path),))


def value_of(yaml_text: str):
    """A sample as the loaded style holds it (integers as Decimal, as style.yaml gives them)."""
    from authoring.housestyle import plain
    from authoring.spec.yamlread import parse

    return plain(parse(f"v: {yaml_text}\n")).get("v")


def test_the_reference_names_every_key_the_schema_has():
    top, every, texts = schema_keys()
    doc = DOC.read_text(encoding="utf-8")
    assert sorted(k for k in every if f"`{k}`" not in doc) == []
    assert set(documented()) == top  # each top-level key has its row, with its merge rule
    rows = doc.split("## Texts")[1].split("\n## ")[0]
    assert sorted(k for k in texts if not re.search(rf"^\| `{k}` \|", rows, re.M)) == []


def test_every_documented_key_has_a_sample():
    assert sorted(set(documented()) - {"extends"} - set(SAMPLES)) == []


def test_every_rule_documented_is_one_the_loader_knows():
    from authoring.housestyle import MERGED

    rules = documented()
    assert set(rules.values()) == {"replaced", "merged entry by entry", "merged by name", "not inherited"}
    assert {k for k, r in rules.items() if r == "merged entry by entry"} == set(MERGED)


@pytest.mark.parametrize("key", sorted(set(documented()) - {"extends"}))
def test_a_child_that_sets_the_key(tmp_path, key):
    from authoring.housestyle import load_style

    parent = load_style("mopac").data
    sample = value_of(SAMPLES[key])
    assert sample != parent.get(key)  # or the test could not tell replacing from inheriting
    merged = load(tmp_path, f"extends: mopac\n{key}: {SAMPLES[key]}\n").data
    if documented()[key] == "replaced":
        assert merged[key] == sample
    elif documented()[key] == "merged by name":  # the parent's bodies, then the child's
        named = {o["name"] for o in sample}
        assert merged[key] == [o for o in parent[key] if o["name"] not in named] + sample
    else:  # merged entry by entry: the child's entries over the parent's
        assert merged[key] == {**parent[key], **sample}
        assert set(parent[key]) - set(sample) <= set(merged[key])  # the rest inherited


@pytest.mark.parametrize("key", sorted(set(documented()) - {"extends"}))
def test_a_child_that_does_not_set_the_key(tmp_path, key):
    from authoring.housestyle import load_style

    parent = load_style("mopac").data
    other = "paper_label" if key == "organisation" else "organisation"
    merged = load(tmp_path, f"extends: mopac\n{other}: {SAMPLES[other]}\n").data
    assert merged.get(key) == parent.get(key)


def test_extends_is_the_childs_own(tmp_path):
    """`extends` is not inherited: a grandchild extends its parent, not its parent's parent;
    and it takes what its parent inherited."""
    load(tmp_path, "extends: mopac\norganisation: Office of Somewhere\n", "middle")
    child = load(tmp_path, "extends: middle\nshort_name: OOS\n")
    assert child.data["extends"] == "middle"
    assert child.data["organisation"] == "Office of Somewhere"
    assert child.data["code"] == "PCD"  # from mopac, through middle


def test_pcd_schema_style_is_the_style_schema_and_the_shipped_styles_match_it(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    from ruamel.yaml import YAML

    schema = json.loads(run_pcd("schema", "--style").stdout)
    read = YAML(typ="safe", pure=True).load
    for style in sorted((ROOT / "templates").glob("*/style.yaml")):
        jsonschema.validate(read(style.read_text(encoding="utf-8")), schema)
    child = read("extends: mopac\nabbreviations: {DMPC: null}\ntexts: {in_part2: null}\n")
    jsonschema.validate(child, schema)
    with pytest.raises(jsonschema.ValidationError, match="'organisation' is a required property"):
        jsonschema.validate({k: v for k, v in read((ROOT / "templates" / "mopac" / "style.yaml").read_text(
            encoding="utf-8")).items() if k != "organisation"}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**child, "texts": {"summary_headng": "Summary"}}, schema)
