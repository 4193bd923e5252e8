"""Inline prose: **bold**, *italic*, [links](https://…), {references} and abbreviations.

References go through the spec's own small namespace (see References in compute.py): a name
is looked up, never evaluated, so text that looks like template code stays text or is refused.
"""

from __future__ import annotations

import re
from typing import Callable, NamedTuple

from authoring.model.paper import Span

REF = re.compile(r"[a-z][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)*(:[a-z]+)?")
SAFE_URL = re.compile(r"(https?://|mailto:)[^\s<>\"]+")
ABBR = re.compile(r"(?<![\w&])([A-Z][A-Z0-9&]*[A-Z0-9])(s?)(?![\w&])")
# the abbreviation names a noun after it ("GLA budget", "MOPAC match funding"), not a subject
# ("MOPAC has been awarded") or an object ("to MOPAC in 2025")
ATTRIBUTIVE = re.compile(r"\s+(?!(?:has|have|had|is|was|are|were|will|would|can|could|may|might|must|shall|"
                         r"should|does|did|and|or|but|nor|to|which|who|that|in|on|for|of|with|by|at|as|from|"
                         r"its|it|also|then|not|alone|itself|now|already|itself|through|under|over|into|"
                         r"since|until|after|before|about|against|during|between|within)\b)[a-z][a-z-]+\b")
GLUED_CODE = re.compile(r"[A-Z]{2,5}\d{2,}")

Resolver = Callable[[str, str], tuple[object, str]]  # (name, format) -> (value, href)


class Problem(Exception):
    def __init__(self, code: str, message: str, needle: str = "") -> None:
        super().__init__(message)
        self.code, self.message, self.needle = code, message, needle


TOKEN = re.compile(r"\\[\\{}*\[\]]|\*\*|\*|\[|\](?:\(([^)\s]*)\))?|\{([^}]*)(\}|$)")


def parse_inline(text: str, resolve: Resolver) -> tuple[tuple[Span, ...], list[Problem], list[str]]:
    """Parse prose into spans; return the problems found and the literal text segments."""
    spans: list[Span] = []
    problems: list[Problem] = []
    literal: list[str] = []  # the author's own words, without references (for the checks)
    bold = italic = False
    link_start: int | None = None
    buf: list[str] = []
    text = " ".join(text.split())  # YAML folding leaves newlines; prose has none

    def flush() -> None:
        if buf:
            chunk = "".join(buf)
            spans.append(Span(chunk, bold, italic))
            literal.append(chunk)
            buf.clear()

    pos = 0
    for m in TOKEN.finditer(text):
        if m.start() > pos:
            buf.append(text[pos:m.start()])
        token, pos = m.group(0), m.end()
        if token[0] == "\\":
            buf.append(token[1])
        elif token == "**":
            flush()
            bold = not bold
        elif token == "*":
            flush()
            italic = not italic
        elif token == "[":
            if link_start is None:
                flush()
                link_start = len(spans)
            else:
                buf.append(token)
        elif token[0] == "]":
            if link_start is None:
                buf.append(token)
                continue
            flush()
            url = m.group(1)
            if url is None:
                problems.append(Problem("PCD205", "a link needs its address: [text](https://…)"))
            elif not SAFE_URL.fullmatch(url):
                problems.append(Problem("PCD205", f"link address '{url}' must start https://, "
                                        "http:// or mailto:"))
            elif link_start == len(spans):
                problems.append(Problem("PCD205", "a link needs text: [text](https://…)"))
            else:
                spans[link_start:] = [s._replace(href=url) for s in spans[link_start:]]
            link_start = None
        else:  # a reference
            flush()
            body = m.group(2)
            if not m.group(3) or not REF.fullmatch(body):
                shown = body if len(body) < 40 else body[:37] + "…"
                problems.append(Problem("PCD205", f"'{{{shown}}}' is not a reference; references look "
                                        "like {cost.nds_extension} (write \\{ for a brace)",
                                        "{" + body[:20]))
                continue
            name, _, form = body.partition(":")
            try:
                value, href = resolve(name, form)
            except Problem as exc:
                exc.needle = "{" + body + "}"
                problems.append(exc)
                continue
            if isinstance(value, str):
                spans.append(Span(value, bold, italic, href, ref=name))
            else:
                spans.append(Span("", bold, italic, href, figure=value, form=form, ref=name))
    if pos < len(text):
        buf.append(text[pos:])
    flush()
    if bold or italic:
        problems.append(Problem("PCD205", f"'{'**' if bold else '*'}' is opened but never closed"))
    if link_start is not None:
        problems.append(Problem("PCD205", "'[' opens a link that is never closed with ](address)"))
    return tuple(s for s in spans if s.text or s.figure is not None), problems, literal



class Abbreviations(NamedTuple):
    """What expanding abbreviations needs to know: their expansions, which take "the" ("the
    Mayor's Office for Policing and Crime"), and the names that hold one as a part ("Atos IT
    Services UK Ltd"), by abbreviation and then by (where in the name, the name's length)."""

    known: dict[str, str]
    takes_the: frozenset[str] = frozenset()
    names: dict[str, dict[tuple[int, int], set[str]]] = {}
    pattern: re.Pattern = re.compile("")  # capitals, and the mixed-case ones defined ("CoLP")

    @classmethod
    def of(cls, known: dict[str, str], takes_the=(), names=()) -> "Abbreviations":
        index: dict[str, dict[tuple[int, int], set[str]]] = {}
        for name in names:
            for m in ABBR.finditer(name):
                if m.group(1) in known and len(m.group(0)) < len(name):
                    index.setdefault(m.group(1), {}).setdefault((m.start(), len(name)), set()).add(name)
        mixed = sorted((k for k in known if not ABBR.fullmatch(k) and re.fullmatch(r"[A-Za-z][\w&]*", k)),
                       key=len, reverse=True)
        pattern = re.compile(r"(?<![\w&])(" + "|".join(map(re.escape, mixed)) + r"|[A-Z][A-Z0-9&]*[A-Z0-9])"
                             r"(s?)(?![\w&])") if mixed else ABBR
        return cls(known, frozenset(takes_the), index, pattern)


# Words after which a noun phrase needs no article of its own, and words after which "the"
# can be written before one ("approved by MOPAC" → "approved by the Mayor's Office …").
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "our", "his",
               "her", "your", "my", "each", "every", "any", "no", "some", "both", "either",
               "neither", "another", "such", "whose", "which", "what", "all"}
PREPOSITIONS = {"of", "to", "for", "by", "from", "with", "within", "without", "in", "into", "on",
                "onto", "at", "under", "between", "through", "via", "and", "or", "nor", "than",
                "as", "per", "across", "about", "against", "among", "towards", "toward", "upon",
                "after", "before", "behind", "beyond", "including", "like", "alongside"}
NOT_SENTENCE_ENDS = {"e.g", "i.e", "etc", "cf", "no", "para", "paras", "approx", "vs", "st"}
FIGURE = "\ufffc"  # a figure's place in a paragraph's text: no word, no number, no full stop
CODE_NUMBER = re.compile(r"[ \u00a0-]?\d")  # "PCD 1196", "MOPAC 957": a code, not a use
NEXT_NAME_WORD = re.compile(r" [A-Z][\w&]*")
POSSESSIVE = re.compile(r"['’]s?(?![\w])")
PARENTHESISED = re.compile(r" ?\(([^()]{1,200})\)")
DEFINED_END = re.compile(r"(?:['’]s?)?\)")  # "(MOPAC)", "(MOPAC's)": the author's definition


class Use(NamedTuple):
    """How one use of an abbreviation is written: `text` is what stands in the paragraph
    (with a plural or possessive ending), `expansion` what is written before it, in brackets
    around it, at its first use; `before` goes in front ("The "), `article` replaces a/an."""

    kind: str  # "name" (a word of a name or code), "defined", "plain" or "expand"
    text: str = ""
    expansion: str = ""
    before: str = ""
    article: str = ""


def mark_abbreviations(spans: tuple[Span, ...], rules: Abbreviations | dict[str, str],
                       seen: set[str]) -> tuple[Span, ...]:
    """Split out declared abbreviations; the first use in the paper that can be written out
    without breaking the sentence is marked for expansion.

    The officer's words stay the officer's: an abbreviation inside a name or a code ("NHS
    England", "PCD 1196") is left as typed (marked, so HTML still explains it), one the text
    spells out already ("Violence Reduction Unit (VRU)", "VRU (Violence Reduction Unit)") is
    not spelled out again, and a use where the expansion would not read ("told MOPAC", "L3
    public order uniform") waits for the next use. The expansion keeps the grammar: "the"
    where the house style says it is needed, a/an, a capital at the start of a sentence,
    plurals and possessives.
    """
    if not isinstance(rules, Abbreviations):
        rules = Abbreviations.of(rules)
    if not rules.known:
        return spans
    pieces = [FIGURE if s.figure is not None else s.text for s in spans]
    context = "".join(pieces)
    out: list[Span] = []
    offset = 0
    for span, piece in zip(spans, pieces):
        here, offset = offset, offset + len(piece)
        if span.href or span.figure is not None:
            out.append(span)
            continue
        pos = 0
        for m in rules.pattern.finditer(span.text):
            word = m.group(1)
            if word not in rules.known:
                continue
            use = _use(context, here + m.start(), here + m.end(), word, m.group(2), rules, seen)
            if m.start() > pos:
                out.append(span._replace(text=span.text[pos:m.start()]))
            expand = use.kind == "expand"
            if expand and use.article and not _fix_article(out, use.article):
                use, expand = use._replace(expansion=""), False
            if expand and use.before:
                out.append(span._replace(text=use.before))
            if expand or use.kind == "defined":
                seen.add(word)
            shown = use.text if expand else word + m.group(2)
            out.append(span._replace(text=shown, abbr=use.expansion if expand else
                                     (_plural(rules.known[word]) or rules.known[word]) if m.group(2)
                                     else rules.known[word],
                                     expand=expand))
            pos = m.start() + len(shown)
        out.append(span._replace(text=span.text[pos:]) if pos else span)
    return tuple(s for s in out if s.text or s.figure is not None)


def _use(context: str, start: int, end: int, word: str, plural: str, rules: Abbreviations,
         seen: set[str]) -> Use:
    """Decide how the abbreviation at context[start:end] is written."""
    if _inside_name(context, start, end, word, rules):
        return Use("name")
    after = context[end:end + 240]
    if context[start - 1:start] == "(" and DEFINED_END.match(after):
        return Use("defined")  # "Violence Reduction Unit (VRU)": the author's own definition
    written = PARENTHESISED.match(after)
    expansion = rules.known[word]
    if written and _same(written.group(1), expansion):
        return Use("defined")  # "VRU (Violence Reduction Unit)"
    if word in seen or after[:1] in ("-", "/") or context[start - 1:start] in ("-", "/"):
        return Use("plain")  # a compound ("MOPAC-funded") reads badly with brackets inside
    text = word + plural
    if plural:
        expansion = _plural(expansion)
        if not expansion:
            return Use("plain")
    owner = POSSESSIVE.match(after)
    if owner:
        text += owner.group(0)
        expansion += owner.group(0)[0] if expansion.endswith("s") else owner.group(0)
        after = after[owner.end():]
    window = context[max(0, start - 240):start]
    if _repeats(expansion, window, after):
        return Use("plain")  # "level 3 public order (L3) public order uniform"
    prev = _previous_word(window)[0].lower().strip("\"'“‘(")
    first = _sentence_start(window, start)
    before = article = ""
    if word in rules.takes_the:  # "that MOPAC provide": a conjunction, no determiner
        if prev in DETERMINERS - {"that", "which", "what"} or prev.endswith(("'s", "’s")):
            pass
        elif not first and ATTRIBUTIVE.match(after) and not owner:
            return Use("plain")  # "of GLA budget": "the" would be a word the officer did not write
        elif first:
            before = "The "
        elif prev in PREPOSITIONS:
            before = "the "
        else:
            return Use("plain")  # "told MOPAC that": no place for "the" the officer did not write
    elif first:
        expansion = expansion[:1].upper() + expansion[1:]
    if prev in ("a", "an") and not first:
        wanted = _a_or_an(expansion)
        if wanted != prev:
            article = wanted
    return Use("expand", text, expansion, before, article)


def _inside_name(text: str, start: int, end: int, word: str, rules: Abbreviations | None) -> bool:
    """Whether the abbreviation at text[start:end] is part of a name or a code, where it is the
    name's own word ("PCD 1196", "UK Community Foundation", "Atos IT Services UK Ltd")."""
    after = text[end:end + 2]
    if CODE_NUMBER.match(after):
        return True
    if rules is not None:
        for (at, length), names in rules.names.get(word, {}).items():
            if start >= at and text[start - at:start - at + length] in names:
                return True
    if NEXT_NAME_WORD.match(text, end) and not POSSESSIVE.match(text, end):
        return True
    window = text[max(0, start - 120):start]
    previous, at = _previous_word(window)
    if not previous[:1].isupper() or previous.endswith(("'s", "’s")):
        return False
    if not previous.isalpha() and not ABBR.fullmatch(previous):
        return False  # "Approve:", "(Appendix", "2024": not a word of a name
    return not _sentence_start(window[:at], start - len(window) + at)


def _previous_word(window: str) -> tuple[str, int]:
    """The word before the spaces that end `window`, and where it starts ("" when none)."""
    if not window.endswith(" "):
        return "", len(window)
    end = len(window.rstrip(" "))
    at = window.rfind(" ", 0, end) + 1
    return window[at:end], at


def _sentence_start(window: str, start: int) -> bool:
    """Whether text ending in `window` (which ends at `start` in its paragraph) ends a sentence."""
    before = window.rstrip().rstrip("\"'“‘(*")
    if not before.strip():
        return start - len(window) <= 0
    before = before.rstrip("\"'”’)")
    if not before.endswith((".", "!", "?")):
        return False
    last = before[:-1].rsplit(" ", 1)[-1].lower()
    return last not in NOT_SENTENCE_ENDS


def _same(written: str, expansion: str) -> bool:
    """Whether words in brackets spell out the expansion (case, plural and "the" aside)."""
    a, b = name_key(written), name_key(expansion)
    return bool(b) and a.startswith(b[:-1] if len(b) > 3 else b)


def name_key(name: str) -> str:
    """A name as compared: case, '&', punctuation, a leading 'the' and 'Limited' aside
    ('Atos IT Services UK Limited' is 'Atos IT Services UK Ltd')."""
    name = name.casefold().replace("&", " and ")
    name = re.sub(r"\bpublic limited company\b", "plc", re.sub(r"\blimited\b", "ltd", name))
    return re.sub(r"[^a-z0-9]+", "", re.sub(r"^\W*the\s+", "", name))


def _repeats(expansion: str, before: str, after: str) -> bool:
    """Whether the expansion's last words are the words that follow it, or its first words
    the words before it ("level 2 public order (L2) public order uniform")."""
    words = expansion.lower().split()
    following = re.findall(r"[\w'’-]+", after[:200].lower())
    preceding = re.findall(r"[\w'’-]+", before[-200:].lower())
    for k in range(1, min(4, len(words)) + 1):
        if words[-k:] == following[:k] or words[:k] == preceding[-k:]:
            return True
    return False


def _plural(expansion: str) -> str:
    """The expansion of a plural ("SARCs"): its last word made plural; "" when unsure."""
    head, _, last = expansion.rpartition(" ")
    if not last[-1:].isalpha():
        return ""
    low = last.lower()
    if low.endswith("s") and not low.endswith("ss"):
        return expansion  # "Services", "Regulations": plural already
    if low.endswith(("ss", "sh", "ch", "x", "z")):
        last += "es"
    elif low.endswith("y") and low[-2:-1] not in "aeiou":
        last = last[:-1] + "ies"
    else:
        last += "s"
    return f"{head} {last}" if head else last


def _a_or_an(phrase: str) -> str:
    """The indefinite article a phrase takes, by its sound: "an Integrated", "a United"."""
    low = phrase.lower()
    if low.startswith(("hour", "honest", "honour", "heir")):
        return "an"
    if low.startswith(("uni", "use", "usu", "uti", "ure", "eu", "one", "once", "ewe", "uk ")):
        return "a"
    return "an" if low[:1] in "aeiou" and low[:1] else "a"


def _fix_article(out: list[Span], article: str) -> bool:
    """Make the a/an just before the abbreviation agree with its expansion; False when it is
    not in plain text that can be changed (a link, a figure)."""
    if not out or out[-1].href or out[-1].figure is not None or out[-1].abbr:
        return False
    m = re.search(r"\b([Aa]n?) $", out[-1].text)
    if not m:
        return False
    word = article.capitalize() if m.group(1)[0] == "A" else article
    out[-1] = out[-1]._replace(text=out[-1].text[:m.start(1)] + word + " ")
    return True


def abbreviations_in(text: str) -> list[str]:
    """All-capital words of two or more letters: candidates for an abbreviation. One inside a
    name or a code ("NHS England", "PCD 1196") is the name's, and needs no definition."""
    return [m.group(1) for m in ABBR.finditer(text) if sum(ch.isupper() for ch in m.group(1)) >= 2
            and not GLUED_CODE.fullmatch(m.group(1))  # "MD1596", as the GLA writes its codes
            and not _inside_name(text, m.start(), m.end(), m.group(1), None)]


def plain_text(spans: tuple[Span, ...]) -> str:
    return "".join(s.shown for s in spans)
