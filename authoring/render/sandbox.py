"""Where house-style templates run: Jinja2's immutable sandbox, narrowed further for pcd.

A style folder may come from another organisation, so its templates are treated as untrusted
code. The sandbox refuses underscore attributes and mutation; on top of that a template may call
only methods of plain values (text, numbers, dates, lists, mappings) and Jinja's own helpers,
never reach a path, a module or a Part 2 field, never make a huge string, and read only files
in the style's own folders.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import posixpath
import re
from decimal import Decimal
from hashlib import sha256
from pathlib import Path, PurePath
from types import ModuleType
from typing import Any, Callable

from jinja2 import (FileSystemLoader, ModuleLoader, StrictUndefined, TemplateNotFound, TemplateSyntaxError,
                    select_autoescape)
from jinja2.compiler import CodeGenerator
from jinja2.loaders import split_template_path
from jinja2.runtime import BlockReference, LoopContext, Macro
from jinja2.sandbox import (ImmutableSandboxedEnvironment, SandboxedEscapeFormatter,
                            SandboxedFormatter, SecurityError)
from jinja2.utils import Cycler, Joiner, Namespace
from markupsafe import Markup

from authoring.diagnostics import Diagnostic
from authoring.diagnostics import StyleError

MAX_TEMPLATE = 256 * 1024  # bytes; the shipped paper.html is 4 KB
MAX_TEMPLATES = 200
# The budget: the most characters a rendered page may hold, and the most any one value a
# template makes (a text, a list's printed form) may. The longest shipped page, the 1 MB spec's,
# is ~6 MB of HTML. It is counted on what is made, not guessed from how a template is written.
MAX_TEXT = 32_000_000
MAX_ITEMS = 1_000_000  # the longest list `*` or `+` may make
PLAIN = (str, int, float, Decimal, dt.date, tuple, list, dict, set, frozenset)
# The model's confidential fields (Publication.part2_summary, .part2_figures) are named so: no
# template, however written, can put Part 2 material into a public page.
CONFIDENTIAL = "part2_"
HELPERS = (LoopContext, Cycler, Joiner, Namespace)
# Filters that take a width or a count: bounded so that one call cannot fill memory.
SIZED_FILTERS = ("center", "indent", "wordwrap", "truncate", "batch", "slice")
WIDTH_METHODS = ("center", "ljust", "rjust", "zfill")
UNUSED_FILTERS = ("random", "shuffle", "pprint", "xmlattr")  # nondeterministic or verbose


class OverBudget(SecurityError):
    """A value or page over the budget: stopped before it is made wherever its size is known."""

    def __init__(self, what: str, size: int) -> None:
        super().__init__(f"{what} would be over {MAX_TEXT:,} characters ({size:,} or more)")


def text_size(value: Any, limit: int = MAX_TEXT) -> int:
    """An upper estimate of len(str(value)), stopping once past `limit`: a list of a thousand
    references to one long text is small in memory and enormous when printed or joined."""
    if isinstance(value, (str, bytes)):
        return len(value) if value.isascii() else 4 * len(value)  # repr's escapes at most ×4
    if isinstance(value, bool) or value is None:
        return 5
    if isinstance(value, int):
        return value.bit_length() // 3 + 2
    if isinstance(value, Decimal):
        # format(d, "f") writes every zero of the exponent: Decimal("1E+999999") is 1 MB of text
        return len(str(value)) + (abs(value.adjusted()) if value.is_finite() else 0)
    if isinstance(value, (list, tuple, set, frozenset, dict)):
        total = 2
        for item in (value.items() if isinstance(value, dict) else value):
            total += text_size(item, limit - total) + 2
            if total > limit:
                break
        return total
    return 64  # dates, helpers, the model's records: short when printed


def guard(value: Any, what: str = "a value") -> Any:
    """Refuse a value whose printed form is over the budget; else return it."""
    if not isinstance(value, (int, float)) or isinstance(value, Decimal):
        size = text_size(value)
        if size > MAX_TEXT:
            raise OverBudget(what, size)
    return value


class BoundedCodeGenerator(CodeGenerator):
    """Jinja's code generator, but `a ~ b` sizes its parts before joining them (a macro calling
    itself with `s ~ s` would otherwise double a text without limit)."""

    def visit_Concat(self, node: Any, frame: Any) -> None:
        if frame.eval_ctx.volatile:
            join = "(markup_join if context.eval_ctx.volatile else str_join)"
        else:
            join = "markup_join" if frame.eval_ctx.autoescape else "str_join"
        self.write(f"{join}(environment.bounded_parts((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write(")))")


# How every style's templates are compiled, shipped (ahead of time) or not: the compiled code
# depends on these and on this file, whose hash names a precompiled set (see precompile.py).
OPTIONS: dict[str, Any] = dict(
    autoescape=select_autoescape(default=True, default_for_string=True), undefined=StrictUndefined,
    trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
FILTERS = ("spans", "plain", "money", "number", "date")  # pcd's own, added by render/html.py


class Sandbox(ImmutableSandboxedEnvironment):
    intercepted_binops = frozenset(["*", "**", "%", "+"])
    code_generator_class = BoundedCodeGenerator

    def __init__(self, **options: Any) -> None:
        super().__init__(finalize=guard_printed, **options)
        self.globals.pop("lipsum", None)  # random text: outputs must be reproducible
        self.globals["namespace"] = BoundedNamespace
        for name in UNUSED_FILTERS:
            self.filters.pop(name, None)
        for name, f in list(self.filters.items()):
            self.filters[name] = _bounded(f, FILTER_BOUNDS.get(name))

    def add_filters(self, **filters: Callable) -> None:
        self.filters.update({name: _bounded(f, None) for name, f in filters.items()})

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if attr.startswith(CONFIDENTIAL):
            return False
        if isinstance(obj, (PurePath, ModuleType, io.IOBase)):
            return False
        if isinstance(value, (PurePath, ModuleType, io.IOBase, type)):
            return False
        return super().is_safe_attribute(obj, attr, value)

    def is_safe_callable(self, obj: Any) -> bool:
        if not super().is_safe_callable(obj):
            return False
        owner = getattr(obj, "__self__", None)
        if owner is not None and not isinstance(owner, (ModuleType, type)):
            return isinstance(owner, PLAIN + HELPERS)
        if isinstance(obj, (Macro, BlockReference, LoopContext, Cycler, Joiner)):
            return True
        if getattr(obj, "pcd_format", False):
            return True
        return obj in (dict, Namespace, BoundedNamespace, Cycler, Joiner) or \
            obj is self.globals.get("range")

    def unsafe_undefined(self, obj: Any, attribute: str) -> Any:
        # Jinja returns an undefined that fails only when printed; a list of them prints fine.
        raise SecurityError(f"access to attribute {attribute!r} of {type(obj).__name__!r} "
                            "object is unsafe")

    def call(__self, __context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        # Every argument is within the budget (a macro calling itself with its text doubled
        # stops there), and the methods that make text from a count are sized before they run.
        given = {k: v for k, v in kwargs.items() if k != "_block_vars"}  # Jinja's own, in blocks
        for a in (*args, *given.values()):
            guard(a, "an argument")
        name, owner = getattr(__obj, "__name__", ""), getattr(__obj, "__self__", None)
        if isinstance(owner, (str, bytes)) and name in METHOD_BOUNDS:
            size = METHOD_BOUNDS[name](owner, *args, **given)
            if size > MAX_TEXT:
                raise OverBudget(f"{type(owner).__name__}.{name}()", size)
        if isinstance(owner, int) and name == "to_bytes":
            length = args[0] if args else given.get("length", 1)
            if isinstance(length, int) and length > MAX_TEXT:
                raise OverBudget("int.to_bytes()", length)
        return guard(super().call(__context, __obj, *args, **kwargs), f"what {name or 'a call'} made")

    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and _big(right, 64):
            raise SecurityError("a power above 64 is refused in a template")
        if operator == "*":
            n, seq = (left, right) if isinstance(left, int) else (right, left)
            if isinstance(n, int) and isinstance(seq, (list, tuple)) and len(seq) * n > MAX_ITEMS:
                raise SecurityError(f"a repeated list over {MAX_ITEMS:,} items is refused")
            if isinstance(n, int) and isinstance(seq, (str, bytes, list, tuple)) and n > 1:
                guard_size(text_size(seq) * n, "a repeated text or list")
            if isinstance(left, int) and isinstance(right, int) and not isinstance(left, bool):
                guard_size((left.bit_length() + right.bit_length()) // 3, "a product")
        if operator == "+":
            if isinstance(left, (str, bytes)) and isinstance(right, (str, bytes)):
                guard_size(len(left) + len(right), "a joined text")
            elif isinstance(left, (list, tuple)) and isinstance(right, (list, tuple)):
                if len(left) + len(right) > MAX_ITEMS:
                    raise SecurityError(f"a list over {MAX_ITEMS:,} items is refused")
        if operator == "%" and isinstance(left, str):
            guard_size(printf_size(left, right), "a %-formatted text")
        return super().call_binop(context, operator, left, right)

    def bounded_parts(self, parts: tuple) -> tuple:
        guard_size(sum(text_size(p) for p in parts), "a joined text")
        return parts

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """str.format and format_map through a formatter that counts what each field makes."""
        if getattr(value, "__name__", "") not in ("format", "format_map") or \
                not isinstance(getattr(value, "__self__", None), str):
            return None
        text = value.__self__
        is_map = value.__name__ == "format_map"

        def checked(*args: Any, **kwargs: Any) -> str:
            if is_map and (kwargs or len(args) != 1):
                raise TypeError("format_map() takes exactly one argument")
            formatter = (BoundedEscapeFormatter(self, escape=text.escape) if isinstance(text, Markup)
                         else BoundedFormatter(self))
            if is_map:
                return type(text)(formatter.vformat(text, (), args[0]))
            return type(text)(formatter.vformat(text, args, kwargs))

        checked.pcd_format = True  # type: ignore[attr-defined]
        return checked


def guard_size(size: int, what: str) -> None:
    if size > MAX_TEXT:
        raise OverBudget(what, size)


def guard_printed(value: Any) -> Any:
    """Every value a template prints: its printed form within the budget before it is made."""
    return guard(value, "a printed value")


class BoundedNamespace(Namespace):
    """`namespace()`, whose values stay within the budget: a loop cannot grow one without end."""

    def __setitem__(self, name: str, value: Any) -> None:
        super().__setitem__(name, guard(value, f"namespace value {name!r}"))


class BoundedFormatter(SandboxedFormatter):
    """The sandbox's str.format, sizing each field before it is made and adding up the text made:
    `("{0:99999}" * 1000).format(1)` stops at the budget whatever the format looks like."""

    def __init__(self, env: Any, **kwargs: Any) -> None:
        super().__init__(env, **kwargs)
        self.made = 0

    def format_field(self, value: Any, format_spec: str) -> Any:
        # A width or precision is a number in the spec: its digits bound what the field adds.
        widths = sum(int(n) for n in re.findall(r"\d+", format_spec))
        guard_size(self.made + widths + text_size(value) + 64 * len(format_spec), "a formatted text")
        out = super().format_field(value, format_spec)
        self.made += len(out)
        guard_size(self.made, "a formatted text")
        return out


class BoundedEscapeFormatter(BoundedFormatter, SandboxedEscapeFormatter):
    pass


def printf_size(fmt: str, args: Any) -> int:
    """An upper estimate of the length of `fmt % args`, read the way Python reads the format:
    each conversion's mapping key, flags, width and precision (a `*` takes them from the
    arguments), then its value."""
    values = list(args) if isinstance(args, tuple) else [args]
    mapping = args if hasattr(args, "keys") and not isinstance(args, str) else None
    size, i, n = 0, 0, len(fmt)

    def take() -> Any:
        return values.pop(0) if values else 0

    def number(i: int) -> tuple[int, int]:
        """A width or precision at i: `*` (from the arguments) or digits; and where it ends."""
        if i < n and fmt[i] == "*":
            return _int(take()), i + 1
        k = i
        while i < n and fmt[i].isdigit():
            i += 1
        return int(fmt[k:i] or 0), i

    while i < n:
        j = fmt.find("%", i)
        if j < 0:
            return size + n - i
        size, i = size + j - i, j + 1
        value: Any = None
        if i < n and fmt[i] == "(":  # a key: parentheses may nest, as Python counts them
            depth, k = 1, i + 1
            while k < n and depth:
                depth += {"(": 1, ")": -1}.get(fmt[k], 0)
                k += 1
            key, i = fmt[i + 1:k - 1], k
            value = mapping.get(key) if mapping is not None and hasattr(mapping, "get") else None
        while i < n and fmt[i] in "-+ #0":
            i += 1
        width, i = number(i)
        precision = 0
        if i < n and fmt[i] == ".":
            precision, i = number(i + 1)
        while i < n and fmt[i] in "hlL":
            i += 1
        if i < n and fmt[i] == "%":
            size += 1
        elif mapping is None or value is None:
            value = take()
        size += width + precision + text_size(value) + 8
        i += 1
    return size


def _int(value: Any) -> int:
    return abs(value) if isinstance(value, int) else 0


def _replace_size(text: Any, old: Any = "", new: Any = "", count: Any = -1) -> int:
    if not isinstance(old, type(text)) or not isinstance(new, type(text)):
        return len(text)
    found = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    return len(text) + found * max(0, len(new) - len(old))


def _join_size(sep: Any, items: Any = (), *_: Any, **__: Any) -> int:
    if not isinstance(items, (list, tuple, set, frozenset, dict, str)):
        return 0  # a generator: its items are checked as made, the result after
    sep_len = text_size(sep) if isinstance(sep, (str, bytes)) else 0
    return text_size(list(items)) + sep_len * len(items)


def _width_size(text: str, width: Any = 0, *_: Any) -> int:
    return max(len(text), width if isinstance(width, int) else 0)


def _tabs_size(text: str, tabsize: Any = 8) -> int:
    return len(text) + text.count("\t") * (tabsize if isinstance(tabsize, int) else 8)


METHOD_BOUNDS: dict[str, Callable[..., int]] = {
    "replace": _replace_size, "join": _join_size, "expandtabs": _tabs_size,
    **{name: _width_size for name in WIDTH_METHODS},
}


def _indent_size(text: Any, width: Any = 4, first: Any = False, blank: Any = False) -> int:
    pad = len(width) if isinstance(width, str) else _int(width)
    return text_size(text) + (text_size(text) + 1) * pad


# Filters whose output can outgrow their input: sized before they run.
FILTER_BOUNDS: dict[str, Callable[..., int]] = {
    "format": lambda fmt, *args, **kwargs: printf_size(str(fmt), kwargs or args),
    "replace": lambda _ctx, text, old="", new="", count=None: _replace_size(
        str(text), str(old), str(new), -1 if count is None else count),
    "join": lambda _ctx, items, sep="", attribute=None: _join_size(sep, items),
    "center": lambda text, width=80: _width_size(str(text), width),
    "indent": _indent_size,
    "wordwrap": lambda _env, text, width=79, *rest, **kw: text_size(text) * 2 + _int(width),
}


def _big(value: Any, limit: int) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool) and \
        bool(abs(value) > limit)  # type: ignore[operator]


def _bounded(f: Callable, size: Callable[..., int] | None) -> Callable:
    """A filter whose arguments, and what it returns, are within the budget; one that can make
    more than it is given is sized first."""
    def bounded(*args: Any, **kwargs: Any) -> Any:
        for a in (*args, *kwargs.values()):
            if isinstance(a, (str, bytes, list, tuple, dict, set, frozenset)):
                guard(a, "a filter's argument")
        if f.__name__ in SIZED or size is not None:
            if any(_big(a, MAX_ITEMS // 100) for a in (*args[1:], *kwargs.values())):
                raise SecurityError(f"a filter width or count over {MAX_ITEMS // 100:,} is refused")
        if size is not None:
            guard_size(size(*args, **kwargs), "what the filter makes")
        return guard(f(*args, **kwargs), "what the filter makes")

    for attr in ("jinja_pass_arg",):  # keep how Jinja passes the environment or context
        if hasattr(f, attr):
            setattr(bounded, attr, getattr(f, attr))
    bounded.__name__ = f.__name__
    return bounded


SIZED = {f"do_{name}" for name in SIZED_FILTERS}


class StyleLoader(FileSystemLoader):
    """Templates from the style's folders only: no links out, no huge files, no link loops.

    `compiled` maps a shipped html/ folder to its templates compiled when pcd was built, with the
    hash of each one's source: a template whose source still has that hash is loaded compiled
    (no parsing, no code generation); any other is compiled from its source here."""

    def __init__(self, searchpath: list[str], compiled: dict[str, tuple[str, dict]] | None = None):
        super().__init__(searchpath)
        self.compiled = {folder: (ModuleLoader(path), hashes)
                         for folder, (path, hashes) in (compiled or {}).items()}

    def load(self, environment, name: str, globals=None):
        pieces = split_template_path(name)
        for folder in self.searchpath:
            path = os.path.join(folder, *pieces)
            if not os.path.isfile(path):
                continue
            if folder in self.compiled:
                modules, hashes = self.compiled[folder]
                with open(path, "rb") as fh:
                    unchanged = hashes.get(name) == sha256(fh.read(MAX_TEMPLATE + 1)).hexdigest()
                if unchanged:
                    template = modules.load(environment, name, globals)
                    template.filename = path  # failures name the template, not the module
                    return template
            break
        return super().load(environment, name, globals)

    def shipped(self, name: str) -> bool:
        """Whether `name` is one of the precompiled templates (a shipped style's, unchanged)."""
        pieces = split_template_path(name)
        for folder in self.searchpath:
            if os.path.isfile(os.path.join(folder, *pieces)):
                return folder in self.compiled and name in self.compiled[folder][1]
        return False

    def get_source(self, environment, template: str):
        pieces = split_template_path(template)
        for folder in self.searchpath:
            path = Path(posixpath.join(folder, *pieces))
            if not path.is_file():
                continue
            real = path.resolve()
            if not real.is_relative_to(Path(folder).resolve()):
                raise StyleError([Diagnostic("PCD064", f"template {template} is a link to a file "
                                             "outside the house style's folder", (), "error", str(path))])
            with open(real, "rb") as fh:
                data = fh.read(MAX_TEMPLATE + 1)
            if len(data) > MAX_TEMPLATE:
                raise StyleError([Diagnostic("PCD064", f"template {template} is over "
                                             f"{MAX_TEMPLATE:,} bytes", (), "error", str(path))])
            try:
                source = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise StyleError([Diagnostic("PCD061", f"template {template} is not UTF-8 text "
                                             f"(byte 0x{data[exc.start]:02x})", (), "error",
                                             str(path), data[:exc.start].count(b"\n") + 1, 1)]) from None
            return source, str(path), _unchanged(real)
        raise TemplateNotFound(template)

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for folder in self.searchpath:
            for dirpath, _, names in os.walk(folder):  # links to folders are not followed
                for name in names:
                    rel = os.path.relpath(os.path.join(dirpath, name), folder)
                    found.add(rel.replace(os.sep, "/"))
                    if len(found) > MAX_TEMPLATES:
                        raise StyleError([Diagnostic("PCD064", f"the style's html folders hold over "
                                                     f"{MAX_TEMPLATES} files", (), "error", folder)])
        return sorted(found)


def _unchanged(path: Path) -> Callable[[], bool]:
    """Whether a template is as it was read (`pcd serve` reloads one that is not). The change
    time is in it: `touch -d` can set a file's modification time back, not its change time."""
    def state() -> tuple:
        st = os.stat(path)
        return st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino

    seen = state()
    return lambda: state() == seen


def template_diagnostic(exc: BaseException, env, name: str = "") -> Diagnostic:
    """Name the template file and line a failure came from (Jinja puts them in the traceback)."""
    if isinstance(exc, TemplateSyntaxError):
        return Diagnostic("PCD061", f"template {exc.name or name} does not parse: {_short(exc.message)}",
                          (), "error", exc.filename or name, exc.lineno or 1, 1)
    file, line = name, 0
    folders = [str(Path(f).resolve()) for f in env.loader.searchpath]
    tb = exc.__traceback__
    while tb is not None:
        where = tb.tb_frame.f_code.co_filename
        if any(str(Path(where).resolve()).startswith(f + os.sep) for f in folders):
            file, line = where, tb.tb_lineno
        tb = tb.tb_next
    what = ("the sandbox refused it" if isinstance(exc, SecurityError) else
            "no such template" if isinstance(exc, TemplateNotFound) else type(exc).__name__)
    return Diagnostic("PCD062", f"template failed: {what}: {_short(str(exc))}", (), "error",
                      file or "template", line, 1 if line else 0)


def _short(text: str | None) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= 300 else text[:297] + "..."
