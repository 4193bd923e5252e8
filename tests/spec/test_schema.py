"""The schema: money from the scalar's text, JSON Schema export, and unknown-key hints."""

import json
from decimal import Decimal

import pytest

from authoring.spec.schema import Ctx, Money
from authoring.spec.shape import SPEC, json_schema
from authoring.spec.yamlread import parse
from tests.conftest import ROOT, run_pcd


def money(text):
    ctx = Ctx()
    return Money(remainder=True).validate(parse(f"x: {text}").items["x"][1], ("x",), ctx), ctx.report.items


@pytest.mark.parametrize("text,value", [
    ("273497", Decimal("273497")), ("'273497.50'", Decimal("273497.50")),
    ('"0.10"', Decimal("0.10")), ("remainder", "remainder"), ("0", Decimal(0)),
])
def test_money_is_decimal_from_the_scalar_text(text, value):
    got, problems = money(text)
    assert got == value and problems == []
    assert type(got) is type(value)


@pytest.mark.parametrize("text,code", [
    ("1.10", "PCD013"), ("1e6", "PCD013"), ("'£5'", "PCD013"), ("'1,000'", "PCD013"),
    ("-5", "PCD014"), ("'1.234'", "PCD014"), ("five", "PCD014"), ("true", "PCD014"),
    ("[1]", "PCD012"), ("", "PCD012"),
])
def test_bad_money_is_refused(text, code):
    got, problems = money(text)
    assert [p.code for p in problems] == [code]
    # A form whose meaning is certain keeps its value, so the rest of the paper is still checked;
    # 1e6 is no amount anyone types, and the others are no amount at all.
    meant = {"1.10": Decimal("1.10"), "'£5'": Decimal(5), "'1,000'": Decimal(1000)}
    assert got == meant.get(text)


def test_a_value_error_does_not_hide_the_checks_that_can_still_run():
    from tests.conftest import diagnose, minimal_text, mutate
    text = mutate(minimal_text(), "amount: 10000", "amount: 10,000")
    text = mutate(text, "{funder: grantor, amount: remainder}", "{funder: grantor, amount: 9000}")
    assert [d.split("] ")[0].split("error[")[1] for d in diagnose(text)] == ["PCD101", "PCD013", "PCD102"]


def test_json_schema_covers_every_key_and_forbids_others():
    schema = json_schema()
    assert schema["additionalProperties"] is False
    assert set(schema["properties"]) == set(SPEC.fields)
    assert set(schema["required"]) >= {"reference", "title", "declarations"}  # finance is optional (a Part 2 settlement)
    costs = schema["properties"]["finance"]["properties"]["costs"]["items"]
    one, by_period = costs["properties"]["amount"]["anyOf"]
    assert one["pattern"] == r"^\d+(\.\d{1,2})?$"
    assert by_period["additionalProperties"] == one


def test_pcd_schema_prints_valid_json():
    result = run_pcd("schema")
    assert result.returncode == 0
    assert json.loads(result.stdout)["title"] == "pcd decision spec"


@pytest.mark.parametrize("spec", sorted((ROOT / "decisions").glob("*.yaml")), ids=lambda p: p.name)
def test_every_worked_example_matches_the_json_schema(spec):
    jsonschema = pytest.importorskip("jsonschema")
    from ruamel.yaml import YAML

    data = YAML(typ="safe", pure=True).load(spec.read_text())
    data = json.loads(json.dumps(data, default=str))  # dates as ISO text, as an editor sees them
    jsonschema.validate(data, json_schema())
