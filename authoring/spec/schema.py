"""A small schema language: each field type validates positioned nodes and describes itself
as JSON Schema, so `pcd check` and an editor's YAML extension read the same rules."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from authoring.diagnostics import Report
from authoring.spec.yamlread import Map, Node, Scalar, Seq

Positions = dict  # path tuple -> (line, col)

MONEY_TEXT = re.compile(r"\d+(\.\d{1,2})?")
GROUPED = re.compile(r"(£|GBP)?\s?(\d{1,3}(,\d{3})*|\d+)(\.\d\d)?")  # £5, 10,000, £1,234.50: meaning certain
# C0 controls other than tab and newline, DEL and C1, and the noncharacters U+FFFE and U+FFFF:
# no paper needs them, XML cannot hold most of them, and HTML forbids them. Also the
# bidirectional overrides and isolates, which can make a figure or a name display other than
# it reads (as in "Trojan source").
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\u202a-\u202e\u2066-\u2069]")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class Ctx:
    """What validation carries along: findings and where each value came from."""

    def __init__(self) -> None:
        self.report = Report()
        self.pos: Positions = {}
        self.repaired = 0  # errors whose intended value is certain, so the paper can still be computed

    def error(self, code: str, message: str, path: tuple, node: Node, repaired: bool = False) -> None:
        """A finding; `repaired` when the value meant is beyond doubt (10,000 is 10000) and was
        kept, so the checks that do not depend on the form of it still run and report."""
        self.report.add(code, message, path)
        self.pos.setdefault(path, (node.line, node.col))
        self.repaired += repaired

    @property
    def computable(self) -> bool:
        """Whether every finding so far left a value that means what the author meant."""
        return len(self.report.items) == self.repaired


class Field:
    description = ""

    def __init__(self, description: str = "") -> None:
        self.description = description or self.description

    def validate(self, node: Node, path: tuple, ctx: Ctx) -> Any:
        raise NotImplementedError

    def json_schema(self) -> dict:
        raise NotImplementedError

    def _doc(self, schema: dict) -> dict:
        if self.description:
            schema["description"] = self.description
        return schema

    def _scalar(self, node: Node, path: tuple, ctx: Ctx, what: str) -> Scalar | None:
        if isinstance(node, Scalar) and node.kind != "null":
            return node
        found = {Map: "a mapping", Seq: "a list"}.get(type(node), "nothing")
        ctx.error("PCD012", f"expected {what}, found {found}", path, node)
        return None


class Text(Field):
    """A line or paragraph of text; numbers written bare are taken as their text."""

    def __init__(self, description: str = "", min_length: int = 0, pattern: str = "") -> None:
        super().__init__(description)
        self.min_length, self.pattern = min_length, pattern

    def validate(self, node, path, ctx):
        if self.min_length and isinstance(node, Scalar) and node.kind == "null":
            ctx.error("PCD203", "empty text: write it, or remove the line", path, node)
            return None
        s = self._scalar(node, path, ctx, "text")
        if s is None:
            return None
        if s.kind == "bool" and not s.quoted:
            ctx.error("PCD012", f"expected text, found the yes/no value '{s.text}' (quote it)", path, s)
            return None
        if has_control(s, path, ctx):
            return None
        if self.pattern and not re.fullmatch(self.pattern, s.text):
            ctx.error("PCD016", f"'{s.text}' does not match the expected form {self.pattern}", path, s)
            return None
        if len(s.text.strip()) < self.min_length:
            ctx.error("PCD203", "empty text: write it, or remove the line", path, s)
            return None
        return s.text

    def json_schema(self):
        schema = {"type": ["string", "number"]}
        if self.pattern:
            schema = {"type": "string", "pattern": f"^{self.pattern}$"}
        return self._doc(schema)


class Choice(Field):
    def __init__(self, choices: list[str], description: str = "") -> None:
        super().__init__(description)
        self.choices = choices

    def validate(self, node, path, ctx):
        s = self._scalar(node, path, ctx, "one of " + ", ".join(self.choices))
        if s is None:
            return None
        if s.text not in self.choices:
            ctx.error("PCD016", f"'{s.text}' is not one of: {', '.join(self.choices)}"
                      + did_you_mean(s.text, self.choices), path, s)
            return None
        return s.text

    def json_schema(self):
        return self._doc({"enum": self.choices})


class Integer(Field):
    def __init__(self, description: str = "", minimum: int = 0, maximum: int = 10**9) -> None:
        super().__init__(description)
        self.minimum, self.maximum = minimum, maximum

    def validate(self, node, path, ctx):
        s = self._scalar(node, path, ctx, "a whole number")
        if s is None:
            return None
        if s.kind != "int" or not s.text.isdigit():
            ctx.error("PCD012", f"expected a whole number, found '{s.text}'", path, s)
            return None
        value = int(s.text)
        if not self.minimum <= value <= self.maximum:
            ctx.error("PCD016", f"{value} is outside {self.minimum}–{self.maximum}", path, s)
            return None
        return value

    def json_schema(self):
        return self._doc({"type": "integer", "minimum": self.minimum, "maximum": self.maximum})


class Flag(Field):
    def validate(self, node, path, ctx):
        s = self._scalar(node, path, ctx, "yes or no")
        if s is None:
            return None
        if s.kind != "bool":
            ctx.error("PCD012", f"expected yes or no (true/false), found '{s.text}'", path, s)
            return None
        return s.text.lower() in ("true", "yes", "on", "y")

    def json_schema(self):
        return self._doc({"type": "boolean"})


class Money(Field):
    """Pounds as Decimal, made from the scalar's own text; never through float."""

    description = "Pounds: a whole number (273497) or quoted with pence ('273497.50')."

    def __init__(self, description: str = "", remainder: bool = False) -> None:
        super().__init__(description)
        self.remainder = remainder

    def validate(self, node, path, ctx):
        s = self._scalar(node, path, ctx, "an amount of money")
        if s is None:
            return None
        text = s.text.strip()
        if self.remainder and text == "remainder":
            return "remainder"
        if s.kind == "float" and not s.quoted:
            pounds, _, pence = text.lstrip("+").partition(".")
            meant = MONEY_TEXT.fullmatch(text.lstrip("+"))  # the text, not the float, says what was meant
            ctx.error("PCD013", f"'{text}' is a YAML float, which cannot hold money exactly: write "
                      f"whole pounds ({pounds}) or quote pence ('{pounds}.{(pence + '00')[:2]}')",
                      path, s, repaired=bool(meant))
            return Decimal(text.lstrip("+")) if meant else None
        if text.startswith(("£", "GBP")) or "," in text:
            plain = re.sub(r"[£,\s]|GBP", "", text)
            meant = MONEY_TEXT.fullmatch(plain) and GROUPED.fullmatch(text)
            ctx.error("PCD013", f"write money as a plain number without '£' or commas: {plain}", path, s,
                      repaired=bool(meant))
            return Decimal(plain) if meant else None
        if text.startswith("-"):
            ctx.error("PCD014", f"money cannot be negative: {text}", path, s)
            return None
        if not MONEY_TEXT.fullmatch(text):
            ctx.error("PCD014", f"'{text}' is not an amount of money (pounds, optionally with two "
                      "decimal places of pence)", path, s)
            return None
        try:
            return Decimal(text)
        except InvalidOperation:  # pragma: no cover - the pattern above already guards this
            ctx.error("PCD014", f"'{text}' is not an amount of money", path, s)
            return None

    def json_schema(self):
        money = {"type": ["integer", "string"], "pattern": r"^\d+(\.\d{1,2})?$", "minimum": 0}
        if self.remainder:
            money = {"anyOf": [money, {"const": "remainder"}]}
        return self._doc(money)


class Date(Field):
    description = "An ISO date, YYYY-MM-DD."

    def validate(self, node, path, ctx):
        s = self._scalar(node, path, ctx, "a date (YYYY-MM-DD)")
        if s is None:
            return None
        if not ISO_DATE.fullmatch(s.text):
            ctx.error("PCD015", f"'{s.text}' is not a date in the form YYYY-MM-DD", path, s)
            return None
        try:
            value = dt.date.fromisoformat(s.text)
        except ValueError as exc:
            ctx.error("PCD015", f"'{s.text}' is not a real date ({exc})", path, s)
            return None
        if not 1990 <= value.year <= 2200:
            ctx.error("PCD015", f"{s.text} is outside the years 1990–2200", path, s)
            return None
        return value

    def json_schema(self):
        return self._doc({"type": "string", "format": "date"})


class ListOf(Field):
    def __init__(self, item: Field, description: str = "", min_items: int = 0) -> None:
        super().__init__(description)
        self.item, self.min_items = item, min_items

    def validate(self, node, path, ctx):
        if not isinstance(node, Seq):
            ctx.error("PCD012", "expected a list (items starting with '- ')", path, node)
            return None
        if len(node.items) < self.min_items:
            ctx.error("PCD011", f"expected at least {self.min_items} item(s)", path, node)
        out = []
        for i, item in enumerate(node.items):
            ctx.pos[path + (i,)] = (item.line, item.col)
            value = self.item.validate(item, path + (i,), ctx)
            if value is not None:
                out.append(value)
        return out

    def json_schema(self):
        return self._doc({"type": "array", "items": self.item.json_schema(),
                          **({"minItems": self.min_items} if self.min_items else {})})


class MapOf(Field):
    """A mapping whose keys the author chooses (abbreviations, declaration states)."""

    def __init__(self, value: Field, description: str = "", key_pattern: str = "") -> None:
        super().__init__(description)
        self.value, self.key_pattern = value, key_pattern

    def validate(self, node, path, ctx):
        if not isinstance(node, Map):
            ctx.error("PCD012", "expected a mapping (key: value lines)", path, node)
            return None
        out = {}
        for key, (knode, vnode) in node.items.items():
            if self.key_pattern and not re.fullmatch(self.key_pattern, key):
                ctx.error("PCD016", f"key '{key}' does not match {self.key_pattern}", path + (key,), knode)
                continue
            ctx.pos[path + (key,)] = (vnode.line, vnode.col)
            ctx.pos[path + (key, "<key>")] = (knode.line, knode.col)
            value = self.value.validate(vnode, path + (key,), ctx)
            if value is not None:
                out[key] = value
        return out

    def json_schema(self):
        schema = {"type": "object", "additionalProperties": self.value.json_schema()}
        if self.key_pattern:
            schema["propertyNames"] = {"pattern": f"^{self.key_pattern}$"}
        return self._doc(schema)


class Obj(Field):
    def __init__(self, fields: dict[str, Field], required: tuple[str, ...] = (),
                 description: str = "") -> None:
        super().__init__(description)
        self.fields, self.required = fields, required

    def validate(self, node, path, ctx):
        if not isinstance(node, Map):
            ctx.error("PCD012", "expected a mapping (key: value lines)", path, node)
            return None
        out: dict[str, Any] = {}
        for key, (knode, vnode) in node.items.items():
            field = self.fields.get(key)
            if field is None:
                ctx.error("PCD010", f"unknown key '{key}'" + (did_you_mean(key, self.fields)
                          or _comma_hint(key, vnode)), path + (key,), knode)
                continue
            ctx.pos[path + (key,)] = (vnode.line, vnode.col)
            value = field.validate(vnode, path + (key,), ctx)
            if value is not None:
                out[key] = value
        for key in self.required:
            if key not in node.items:
                ctx.error("PCD011", f"missing required key '{key}'", path, node)
        return out

    def json_schema(self):
        return self._doc({
            "type": "object", "additionalProperties": False,
            "properties": {k: f.json_schema() for k, f in self.fields.items()},
            **({"required": list(self.required)} if self.required else {}),
        })


class TextOr(Field):
    """Either plain text or a mapping with more detail (a paragraph with an id, say)."""

    def __init__(self, text: Field, obj: Obj, key: str, description: str = "") -> None:
        super().__init__(description)
        self.text, self.obj, self.key = text, obj, key

    def validate(self, node, path, ctx):
        if isinstance(node, Map):
            return self.obj.validate(node, path, ctx)
        value = self.text.validate(node, path, ctx)
        return None if value is None else {self.key: value}

    def json_schema(self):
        return self._doc({"anyOf": [self.text.json_schema(), self.obj.json_schema()]})


def _comma_hint(key: str, value: Node) -> str:
    """Keys are single words; words with spaces and no value are what is left of a text after a
    comma inside {…}, where a comma ends the value."""
    if " " in key.strip() and isinstance(value, Scalar) and value.kind == "null":
        return ("; is it the rest of a text cut at a comma? Inside {…} a comma ends a value: quote "
                "text that holds one (title: \"…, …\")")
    return ""


def has_control(s, path, ctx) -> bool:
    """A control character in a scalar's text is PCD018, at the scalar."""
    bad = CONTROL.search(s.text)
    if bad:
        ctx.error("PCD018", f"the text contains the control character U+{ord(bad.group()):04X}; "
                  "remove it", path, s)
    return bool(bad)


def did_you_mean(word: str, choices) -> str:
    import difflib  # only when a name is wrong

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


class PeriodMoney(Field):
    """An amount, or amounts by period ({2023/24: 455631.44, 2024/25: 534692.84})."""

    description = ("Pounds, or a mapping of period (as declared under finance.periods) to pounds.")

    def __init__(self, description: str = "", remainder: bool = False) -> None:
        super().__init__(description)
        self.money = Money(remainder=remainder)

    def validate(self, node, path, ctx):
        if not isinstance(node, Map):
            return self.money.validate(node, path, ctx)
        out = {}
        for key, (knode, vnode) in node.items.items():
            ctx.pos[path + (key,)] = (vnode.line, vnode.col)
            ctx.pos[path + (key, "<key>")] = (knode.line, knode.col)
            value = self.money.validate(vnode, path + (key,), ctx)
            if value is not None:
                out[key] = value
        if not node.items:
            ctx.error("PCD011", "expected at least one period's amount", path, node)
            return None
        return out

    def json_schema(self):
        one = self.money.json_schema()
        return self._doc({"anyOf": [one, {"type": "object", "additionalProperties": one,
                                          "minProperties": 1}]})
