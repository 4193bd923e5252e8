"""Read a DOCX package without trusting it: the one reader `pcd import` and a house style's
reference document both pass through before python-docx opens the bytes.

A DOCX is a zip of parts, tied together by relationship parts (`*.rels`) and typed by
`[Content_Types].xml`. Everything here reads those as XML, never as byte patterns, so a
character reference (`Ext&#101;rnal`), another encoding (UTF-16) or a declaration placed late
in a part cannot slip past a check that the applications reading the file would then honour.
It refuses, whatever the caller: zip bombs (members, sizes, ratio), a DTD or entity
declaration in any part, macros (by content type, by relationship type, by name and by the
VBA project's own marks inside an OLE file), a relationship to anything that is not a part of
the package unless the caller allows that kind of link, and a relationship mode it does not
know. A self-contained package (a reference document) may also carry no embedded objects and
no field that loads a file or another document.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass
from urllib.parse import unquote

from lxml import etree

RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE compound file: old .doc, VBA project, object
# A VBA project is an OLE file with these storages and streams, whatever the part is called.
VBA_MARKS = tuple(s.encode("utf-16-le") for s in ("_VBA_PROJECT", "PROJECTwm"))
# Content and relationship types that carry code: VBA, its data, key bindings to macros, ActiveX.
ACTIVE = re.compile(r"vba|macroenabled|keymapcustomizations|activex|/control$", re.I)
# Relationship kinds that put another file's content inside this one (a self-contained package
# has none, even inside itself): OLE objects, sub-documents, alternative chunks, templates.
EMBEDDING = {"oleObject", "package", "subDocument", "aFChunk", "attachedTemplate", "frame",
             "externalLinkPath", "oleObjectLink"}
# Word fields that load another file or a URL when the document is opened or updated.
LOADING_FIELD = re.compile(r"INCLUDE|(?<!HYPER)LINK|DDE|IMPORT", re.I)
# A URL, a drive letter or a network path: never the name of a part.
ADDRESS = re.compile(r"[a-z][a-z0-9+.-]*:|[\\/]{2}", re.I)


class Refused(Exception):
    """The package is not a plain, safe DOCX: the message says why, for the person who gave it."""


@dataclass(frozen=True)
class Rules:
    noun: str                 # how messages name the file: "the document", "the reference document"
    part: int                 # bytes one part may unpack to
    unpacked: int             # bytes all parts together may unpack to
    ratio: int                # how many times a part over 1 MiB may expand
    members: int              # zip members
    links: tuple[str, ...] = ()   # relationship kinds that may name an outside address (only
    # ever places to go, such as hyperlinks: never loaded)
    self_contained: bool = False  # no embedded objects, no fields loading files


@dataclass(frozen=True)
class Relationship:
    source: str    # the part it belongs to ("" for the package itself)
    kind: str      # the last segment of its type: "styles", "header", "hyperlink"
    target: str    # as written
    part: str      # the part it names; "" for an outside address


@dataclass
class Package:
    main: str                  # the main document part, as the package's relationships name it
    xml: dict[str, bytes]      # every XML part, by name
    types: dict[str, str]      # each related part's content type
    rels: list[Relationship]

    def related(self, source: str, *kinds: str) -> list[str]:
        """The parts `source` names by relationships of these kinds (any kind if none given)."""
        return [r.part for r in self.rels
                if r.source == source and r.part and (not kinds or r.kind in kinds)]


def parser() -> etree.XMLParser:
    """An XML parser that resolves no entities, loads no DTD and touches no network."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=False, remove_blank_text=False)


def read(zf: zipfile.ZipFile, rules: Rules) -> Package:
    """Check every member of an opened zip and return what was read; Refused if any fails."""
    infos = [i for i in zf.infolist() if not i.is_dir()]
    _bounded(infos, rules)
    xml: dict[str, bytes] = {}
    names = {i.filename for i in infos}
    for info in infos:
        if re.search(r"vbaproject|vbadata", info.filename, re.I):
            raise Refused(f"{rules.noun} contains macros (a .docm or vbaProject.bin): save it as "
                          f"a plain .docx (part {info.filename})")
        data = _member(zf, info)
        if _is_xml(info.filename, data):
            _plain_xml(info.filename, data, rules)
            xml[info.filename] = data
        else:
            _inert(info.filename, data, rules)
    if "[Content_Types].xml" not in xml:
        raise Refused("not a DOCX: the package has no [Content_Types].xml")
    defaults, overrides = _content_types(xml["[Content_Types].xml"], rules)
    rels = [r for name in sorted(xml) if name.endswith(".rels")
            for r in _relationships(name, xml[name], names, rules)]
    main = next((r for r in rels if r.source == "" and r.kind == "officeDocument"), None)
    if main is None:
        raise Refused("not a DOCX: the package names no main document")
    if not main.part:
        raise Refused(f"not a DOCX: the package has no {main.target.lstrip('/')[:80]}")
    types = {}
    for r in rels:
        if r.part:
            ext = r.part.rsplit(".", 1)[-1].lower() if "." in r.part.rsplit("/", 1)[-1] else ""
            found = overrides.get("/" + r.part.lower()) or defaults.get(ext)
            if found is None:
                raise Refused(f"part {r.part} has no content type: {rules.noun} is damaged")
            types[r.part] = found
    if types[main.part] != WORD_MAIN:
        raise Refused(f"not a DOCX: the main document is of type {types[main.part][:80]!r}")
    return Package(main.part, xml, types, rels)


def _bounded(infos: list[zipfile.ZipInfo], rules: Rules) -> None:
    if len(infos) > rules.members:
        raise Refused(f"the package has {len(infos):,} parts; a DOCX has a few dozen")
    for i in infos:
        if i.file_size > rules.part:
            raise Refused(f"part {i.filename} unpacks to {i.file_size:,} bytes; at most "
                          f"{rules.part:,} are allowed")
        if i.file_size > 1024 * 1024 and i.file_size > rules.ratio * max(i.compress_size, 1):
            raise Refused(f"part {i.filename} expands {i.file_size // max(i.compress_size, 1):,} "
                          "times: refused as a zip bomb")
    total = sum(i.file_size for i in infos)
    if total > rules.unpacked:
        raise Refused(f"the package unpacks to {total:,} bytes (at most {rules.unpacked:,}): "
                      "refused as a zip bomb")


def _member(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    try:
        with zf.open(info) as fh:  # never more than the header promised: a lying one cannot inflate
            data = fh.read(info.file_size + 1)
    except (zipfile.BadZipFile, EOFError, OSError, RuntimeError, NotImplementedError, ValueError,
            zlib.error) as exc:
        raise Refused(f"the DOCX is damaged or truncated ({exc})") from None
    if len(data) > info.file_size:
        raise Refused(f"the DOCX is damaged or truncated (part {info.filename} is larger than "
                      "its header says)")
    return data


def _is_xml(name: str, data: bytes) -> bool:
    """XML by its name, or by its first bytes in any encoding XML allows (an image never begins
    with '<'): whatever an application might parse as XML is parsed here."""
    if name.lower().endswith((".xml", ".rels", ".vml")):
        return True
    head = data[:4].removeprefix(b"\xef\xbb\xbf")
    return head.startswith((b"<", b"\xff\xfe<\x00", b"\xfe\xff\x00<", b"<\x00", b"\x00<"))


def _plain_xml(name: str, data: bytes, rules: Rules) -> None:
    try:
        root = etree.fromstring(data, parser())
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise Refused(f"part {name} is not well-formed XML: {str(exc)[:200]}") from None
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:  # wherever it was, in whatever encoding
        raise Refused(f"part {name} declares a DTD or entities, which a DOCX never needs")
    if rules.self_contained:
        _no_loading_fields(name, root)
        for el in root.iter():
            for attr, value in el.attrib.items():
                local = attr.rsplit("}", 1)[-1]
                # VML's o:href and src name a file or URL directly (only a place in the
                # document itself, "#…", is not loaded): in a reference document, none.
                if local in ("href", "src") and value.strip() and not value.strip().startswith("#"):
                    raise Refused(f"part {name} names an outside address ({value[:80]!r}): "
                                  f"{rules.noun} must be self-contained")


def _no_loading_fields(name: str, root) -> None:
    """No INCLUDEPICTURE, INCLUDETEXT, LINK, DDE or IMPORT field: Word and LibreOffice would
    load the file or URL it names. An instruction may be split over many runs, so a part's
    instruction text is read joined up."""
    instructions = [el.get(f"{W}instr", "") for el in root.iter(f"{W}fldSimple")]
    instructions.append("".join(el.text or "" for el in root.iter(f"{W}instrText", f"{W}delInstrText")))
    for text in instructions:
        found = LOADING_FIELD.search(text)
        if found:
            raise Refused(f"part {name} has a field that loads another file ({found.group(0).upper()}"
                          f"…): a reference document must be self-contained")


def _inert(name: str, data: bytes, rules: Rules) -> None:
    if not data.startswith(OLE):
        return
    if any(mark in data for mark in VBA_MARKS):
        raise Refused(f"{rules.noun} contains macros (a .docm or vbaProject.bin): save it as a "
                      f"plain .docx (part {name} is a VBA project)")
    if rules.self_contained:
        raise Refused(f"part {name} is an embedded object (OLE): {rules.noun} must be "
                      "self-contained")


def _content_types(data: bytes, rules: Rules) -> tuple[dict[str, str], dict[str, str]]:
    root = etree.fromstring(data, parser())
    defaults, overrides = {}, {}
    for el in root.iter(f"{TYPES}Default", f"{TYPES}Override"):
        kind = el.get("ContentType", "")
        if ACTIVE.search(kind):
            raise Refused(f"{rules.noun} contains macros (a .docm or vbaProject.bin): save it as "
                          f"a plain .docx (content type {kind[:80]!r})")
        if el.tag == f"{TYPES}Default":
            defaults[el.get("Extension", "").lower()] = kind
        elif el.tag == f"{TYPES}Override":
            overrides[el.get("PartName", "").lower()] = kind
    return defaults, overrides


def _relationships(name: str, data: bytes, names: set[str], rules: Rules) -> list[Relationship]:
    folder, file = posixpath.split(name)
    owner_folder = posixpath.dirname(folder) if posixpath.basename(folder) == "_rels" else folder
    source = posixpath.join(owner_folder, file.removesuffix(".rels")) if file != ".rels" else owner_folder
    root = etree.fromstring(data, parser())
    found = []
    for el in root.iter(f"{RELS}Relationship"):
        kind = el.get("Type", "").rstrip("/").rsplit("/", 1)[-1]
        target = el.get("Target", "")
        mode = el.get("TargetMode", "Internal")  # compared after parsing: references are resolved
        if ACTIVE.search(el.get("Type", "")):
            raise Refused(f"{rules.noun} contains macros (a .docm or vbaProject.bin): save it as "
                          f"a plain .docx ({name} names a {kind} part)")
        if mode not in ("Internal", "External"):
            raise Refused(f"part {name} has a relationship in mode {mode[:40]!r}, which is "
                          "neither Internal nor External")
        if rules.self_contained and kind in EMBEDDING:
            raise Refused(f"part {name} brings in another document ({kind} {target[:80]!r}): "
                          f"{rules.noun} must be self-contained")
        if mode == "External":
            if kind not in rules.links:
                raise Refused(f"{rules.noun} loads an external {kind} from {target[:80]!r} (part "
                              f"{name}): refused; save a copy without linked content")
            found.append(Relationship(source, kind, target, ""))
            continue
        part = _part_named(source, target, names)
        if part is None:
            if kind == "officeDocument" and source == "":
                found.append(Relationship(source, kind, target, ""))
                continue
            raise Refused(f"part {name} names {target[:80]!r}, which is not a part of the package: "
                          f"{rules.noun} must be self-contained")
        found.append(Relationship(source, kind, target, part))
    return found


def _part_named(source: str, target: str, names: set[str]) -> str | None:
    """The member an internal target names, or None: an address, a path climbing out of the
    package or a part that is not there is not a part."""
    if ADDRESS.match(target) or "\\" in target:
        return None
    path = target[1:] if target.startswith("/") else posixpath.join(posixpath.dirname(source), target)
    path = posixpath.normpath(path) if path else ""
    if not path or path == "." or path.startswith("../") or path == ".." or path.startswith("/"):
        return None
    for name in (path, unquote(path)):
        if name in names:
            return name
    return None
