"""PARSE for agency items: a ninjs (`.json`) or NewsML-G2 newsItem (`.xml`) file -> the RawDoc a
Markdown file with front matter would give.

The item's own fields become the meta (headline -> title, versionCreated or firstCreated -> date,
provider, copyright holder or byline -> source, located -> dateline, description -> summary); its
body, HTML or plain text, becomes Markdown (htmlmd.py), so it is rendered and sanitised like any
other body. The people and subject codes it names travel as hints: articles.py resolves them
through the registry, and the fields an item lacks are inferred as for any article. Every value
comes out with `origin` "agency", which `inspect` shows.

`sniff` decides what a `.json` or `.xml` file in the content folder is: an agency item, a file
that is no article at all (left alone), or a broken agency item (an error at its line).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from digestgen.errors import DigestError
from digestgen.model import Markup, RawDoc, SourceFile
from digestgen.pipeline.parse.htmlmd import html_to_markdown, text_to_markdown
from digestgen.taxonomy.topics import media_topic_code

AGENCY = "agency"
"""The origin of every value an agency item gives."""
SUFFIXES: dict[str, Markup] = {".json": "ninjs", ".xml": "newsml"}
_NOT_TEXT = frozenset({"picture", "graphic", "video", "audio", "component"})
_NINJS_KEYS = re.compile(r'"(uri|headlines?|versioncreated|firstcreated|bodies|body_(?:text|html|xhtml))"\s*:', re.I)


def sniff(text: str, suffix: str) -> Markup | str | None:
    """The agency format of a file's text; None for a file that is no agency item (it is left
    alone); a message when it clearly means to be one and cannot be read."""
    if suffix == ".json":
        try:
            data = json.loads(text)
        except ValueError as exc:
            if len({m.group(1).lower() for m in _NINJS_KEYS.finditer(text)}) >= 2:
                return f"not valid JSON, so not a ninjs item: {_json_error(exc)}"
            return None
        return "ninjs" if isinstance(data, dict) and _is_ninjs(_lower(data)) else None
    if "newsItem" not in text:
        return None
    try:
        root = _parse_xml(text)
    except ValueError as exc:
        return str(exc) if re.search(r"<([\w.-]+:)?newsItem[\s>]", text) else None
    if _local(root.tag) != "newsItem":
        return None
    item_class = next((el.get("qcode", "") for el in _all(root, "itemClass")), "ninat:text")
    return "newsml" if item_class.split(":")[-1] in ("text", "") else None


def to_rawdoc(source: SourceFile) -> RawDoc:
    """The item as meta and a Markdown body; raises DigestError when it cannot be read."""
    if source.markup == "ninjs":
        try:
            data = json.loads(source.text)
        except ValueError as exc:
            raise DigestError(source.path, getattr(exc, "lineno", 1), f"not valid JSON: {_json_error(exc)}") from None
        if not isinstance(data, dict):
            raise DigestError(source.path, 1, "a ninjs item must be a JSON object")
        meta, body, hints = _ninjs(_lower(data))
    else:
        try:
            root = _parse_xml(source.text)
        except ValueError as exc:
            raise DigestError(source.path, _xml_line(exc), str(exc)) from None
        meta, body, hints = _newsml(root)
    meta = {k: v for k, v in meta.items() if v not in (None, "", [], ())}
    if "title" not in meta and not body.strip():
        kind = "ninjs" if source.markup == "ninjs" else "NewsML-G2"
        raise DigestError(source.path, 1, f"{kind} item has neither a headline nor a body: nothing to publish")
    lines = {key: _line_of(source.text, key, source.markup) for key in meta}
    return RawDoc(
        file=SourceFile(source.path, source.stem, "markdown", source.text, source.encoding),
        meta=meta,
        meta_lines=lines,
        body=body,
        origin=AGENCY,
        hints={k: tuple(v) for k, v in hints.items() if v},
    )


# --- ninjs ----------------------------------------------------------------------------------------


def _lower(value: Any) -> Any:
    """ninjs 1.x and 2.x spell keys in lower case (`versioncreated`), 3.0 in camelCase: read both alike."""
    if isinstance(value, dict):
        return {str(k).lower(): _lower(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_lower(v) for v in value]
    return value


def _is_ninjs(data: Mapping[str, Any]) -> bool:
    if "uri" not in data or str(data.get("type", "text")).lower() in _NOT_TEXT:
        return False
    return any(k in data for k in ("headline", "headlines", "bodies", "body_text", "body_html", "body_xhtml"))


def _ninjs(data: Mapping[str, Any]) -> tuple[dict[str, Any], str, dict[str, list[str]]]:
    headline = _text(data.get("headline")) or _by_role(data.get("headlines"), ("main", "headline"))
    provider = data.get("provider")
    source = (
        _text(provider.get("name") if isinstance(provider, dict) else provider)
        or _text(data.get("copyrightholder"))
        or _text(data.get("by") or data.get("byline"))
    )
    summary = _text(data.get("description_text")) or _by_role(data.get("descriptions"), ("summary", "text", "abstract"))
    if not summary and data.get("description_html"):
        summary = _plain(html_to_markdown(str(data["description_html"])))
    located = data.get("located")
    meta = {
        "title": headline,
        "date": _text(data.get("versioncreated")) or _text(data.get("firstcreated")),
        "source": source,
        "summary": summary,
        "id": _text(data.get("uri")),
        "lang": _text(data.get("language")),
        "dateline": _text(located.get("name") if isinstance(located, dict) else located),
    }
    people = [_text(p.get("name")) for p in _dicts(data.get("people", data.get("person")))]
    subjects = [c for s in _dicts(data.get("subjects", data.get("subject"))) if (c := _subject_code(s))]
    return meta, _ninjs_body(data), {"people": [p for p in people if p], "subjects": subjects}


def _ninjs_body(data: Mapping[str, Any]) -> str:
    for key in ("body_html", "body_xhtml"):
        if isinstance(data.get(key), str) and data[key].strip():
            return html_to_markdown(data[key])
    bodies = _dicts(data.get("bodies"))
    for body in bodies:  # HTML first: it keeps the paragraphs
        kind = f"{body.get('contenttype', '')} {body.get('role', '')}".lower()
        if "html" in kind and isinstance(body.get("value"), str):
            return html_to_markdown(body["value"])
    for body in bodies:
        if isinstance(body.get("value"), str):
            return text_to_markdown(body["value"])
    return text_to_markdown(data["body_text"]) if isinstance(data.get("body_text"), str) else ""


def _subject_code(subject: Mapping[str, Any]) -> str | None:
    """A subject's Media Topic (or Subject NewsCodes) digits, when its code says it is one."""
    for key in ("uri", "code", "qcode", "literal"):
        value = subject.get(key)
        if not isinstance(value, str):
            continue
        scheme = f"{subject.get('scheme', '')} {value}".lower()
        bare = re.fullmatch(r"\d{8}", value.strip()) is not None
        if bare or any(word in scheme for word in ("medtop", "mediatopic", "subj", "subjectcode")):
            code = media_topic_code(value)
            if code:
                return code
    return None


def _by_role(items: Any, roles: tuple[str, ...]) -> str:
    found = [(str(i.get("role", "")).lower(), _text(i.get("value"))) for i in _dicts(items)]
    for role in roles:
        for have, value in found:
            if have == role and value:
                return value
    return next((value for _, value in found if value), "")


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _text(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _plain(markdown: str) -> str:
    return " ".join(markdown.replace("\\", "").split())


# --- NewsML-G2 ------------------------------------------------------------------------------------


def _parse_xml(text: str) -> ET.Element:
    """The document's root; refuses entity declarations and external references (defusedxml)."""
    try:
        return fromstring(text.encode("utf-8"), forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise ValueError("the XML declares entities or refers outside the file: refused") from None
    except ET.ParseError as exc:
        raise ValueError(f"not well-formed XML: {exc}") from None


def _xml_line(exc: ValueError) -> int | None:
    m = re.search(r"line (\d+)", str(exc))
    return int(m.group(1)) if m else 1


def _local(tag: Any) -> str:
    return str(tag).rsplit("}", 1)[-1]


def _all(root: ET.Element, name: str) -> Iterator[ET.Element]:
    return (el for el in root.iter() if _local(el.tag) == name)


def _first(root: ET.Element | None, *path: str) -> ET.Element | None:
    """The first element along `path` of local names (each step searched at any depth)."""
    node = root
    for name in path:
        if node is None:
            return None
        node = next(_all(node, name), None)
    return node


def _content(el: ET.Element | None) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def _named(el: ET.Element | None) -> str:
    """A G2 concept's name: its <name>, else its literal, else the code after the scheme."""
    if el is None:
        return ""
    name = _content(_first(el, "name")) or el.get("literal", "")
    if name:
        return " ".join(name.split())
    code = el.get("qcode", "").split(":", 1)[-1].strip()
    return code.title() if len(code) > 3 else code.upper()


def _newsml(root: ET.Element) -> tuple[dict[str, Any], str, dict[str, list[str]]]:
    item, content = _first(root, "itemMeta"), _first(root, "contentMeta")
    nitf = _first(root, "nitf")
    date = (
        _content(_first(item, "versionCreated"))
        or _content(_first(item, "firstCreated"))
        or _content(_first(content, "contentCreated"))
    )
    source = (
        _named(_first(item, "provider"))
        or _named(_first(root, "rightsInfo", "copyrightHolder"))
        or _content(_first(content, "by"))
    )
    located = _first(content, "located")
    place = _named(located)
    country = next((b for b in _all(located, "broader") if "country" in b.get("type", "")), None) if located else None
    if country is not None and _named(country) and _named(country) != place:
        place = f"{place}, {_named(country)}" if place else _named(country)
    language = _first(content, "language")
    meta = {
        "title": _content(_first(content, "headline")) or _content(_first(nitf, "hl1")),
        "date": date,
        "source": source,
        "summary": _content(_first(content, "description")) or _content(_first(nitf, "abstract")),
        "id": root.get("guid", ""),
        "lang": language.get("tag", "")
        if language is not None
        else root.get("{http://www.w3.org/XML/1998/namespace}lang", ""),
        "dateline": place,
    }
    people, subjects = [], []
    for subject in _all(content, "subject") if content is not None else ():
        if subject.get("type", "").endswith("person"):
            people.append(_content(_first(subject, "name")))
        code = subject.get("qcode", "") or subject.get("uri", "")
        if code and (digits := _subject_code({"qcode": code})):
            subjects.append(digits)
    for person in _all(content, "person") if content is not None else ():
        people.append(_content(_first(person, "name")))
    return meta, _newsml_body(root, nitf), {"people": [p for p in people if p], "subjects": subjects}


def _newsml_body(root: ET.Element, nitf: ET.Element | None) -> str:
    if nitf is not None:
        body = _first(nitf, "body.content")
        return html_to_markdown(_markup(body)) if body is not None else ""
    inline = _first(root, "contentSet", "inlineXML")
    if inline is not None:
        body = _first(inline, "body") or inline
        return html_to_markdown(_markup(body))
    data = _first(root, "contentSet", "inlineData")
    return text_to_markdown(data.text or "") if data is not None else ""


def _markup(el: ET.Element) -> str:
    """An element's content as markup without namespaces, for the HTML converter."""
    copy = ET.fromstring(ET.tostring(el))
    for node in copy.iter():
        node.tag = _local(node.tag)
        node.attrib = {_local(k): v for k, v in node.attrib.items()}
    inner = (copy.text or "").replace("&", "&amp;").replace("<", "&lt;")
    return inner + "".join(ET.tostring(child, encoding="unicode") for child in copy)


# --- lines ----------------------------------------------------------------------------------------

_NEEDLES = {
    "ninjs": {
        "title": r'"headlines?"',
        "date": r'"(?:versioncreated|firstcreated)"',
        "source": r'"(?:provider|copyrightholder|by|byline)"',
        "summary": r'"description',
        "id": r'"uri"',
        "lang": r'"language"',
        "dateline": r'"located"',
    },
    "newsml": {
        "title": r"<(?:\w+:)?(?:headline|hl1)\b",
        "date": r"<(?:\w+:)?(?:versionCreated|firstCreated|contentCreated)\b",
        "source": r"<(?:\w+:)?(?:provider|copyrightHolder|by)\b",
        "summary": r"<(?:\w+:)?(?:description|abstract)\b",
        "id": r"\bguid=",
        "lang": r"\blang=|<(?:\w+:)?language\b",
        "dateline": r"<(?:\w+:)?located\b",
    },
}


def _line_of(text: str, key: str, markup: str) -> int:
    """The line an item gives a field on, for messages about it (1 when it cannot be found)."""
    pattern = _NEEDLES.get(markup, {}).get(key)
    m = re.search(pattern, text, re.IGNORECASE) if pattern else None
    return text.count("\n", 0, m.start()) + 1 if m else 1


def _json_error(exc: ValueError) -> str:
    return f"{exc.msg} at line {exc.lineno}" if isinstance(exc, json.JSONDecodeError) else str(exc)
