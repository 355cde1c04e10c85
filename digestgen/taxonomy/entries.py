"""Registry entries: every reading and validating of leader and topic data, shipped or the project's.

Shipped data (digestgen/data) is read on each call of a `default_*` function: a build reads it once,
through `taxonomy.registry.load_registry`, and passes the result on. Project entries are checked with
`entries_problems` when the configuration is loaded, so the readers below see well-formed input.
"""

from __future__ import annotations

import datetime
import difflib
import json
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from digestgen.errors import BuildFailed, Problem
from digestgen.safety import safeyaml
from digestgen.taxonomy.leaders import Coverage, LeaderDef, Official, Role
from digestgen.taxonomy.roles import normalise_kind, office_for_kind
from digestgen.taxonomy.topics import TopicDef, media_topic_code, tokenize
from digestgen.urls import slugify


def entries_problems(key: str, value: Any) -> list[tuple[int | None, str]]:
    """Everything wrong with a project's `leaders`/`topics` list (or a taxonomy's `terms`), found in
    one pass: (the entry's index, or None for the list as a whole; the message). Entries that pass
    are ones `load_leaders`/`load_topics` accept."""
    if not isinstance(value, list):
        return [(None, f"'{key}' must be a list of entries (mappings) or the name of a YAML file holding one")]
    found: list[tuple[int | None, str]] = []
    ids: dict[str, int] = {}
    for i, entry in enumerate(value):
        if not isinstance(entry, dict):
            found.append((i, f"{key} entry {i + 1} must be a mapping with a 'name', not {_type_name(entry)}"))
            continue
        where = f"{key} entry {i + 1}{_entry_name(entry)}"
        found += [(i, f"{where}: {message}") for message in _entry_problems(key, entry)]
        name, raw_id = entry.get("name"), entry.get("id")
        term_id = raw_id if isinstance(raw_id, str) and raw_id else slugify(name) if isinstance(name, str) else ""
        if not term_id:
            continue
        if term_id in ids:
            found.append((i, f"{where}: id '{term_id}' is already taken by entry {ids[term_id] + 1}"))
        else:
            ids[term_id] = i
    return found


def _type_name(value: Any) -> str:
    return (
        "null"
        if value is None
        else {"str": "a string", "list": "a list"}.get(type(value).__name__, type(value).__name__)
    )


_ENTRY_FIELDS: dict[str, dict[str, str]] = {
    "leaders": {
        "id": "str",
        "name": "str",
        "aliases": "strs",
        "country": "str",
        "role": "str",
        "roles": "maps",
        "wikidata": "str",
        "sources": "strs",
    },
    "topics": {"id": "str", "name": "str", "keywords": "keywords", "mediatopics": "codes"},
}


def _entry_problems(key: str, entry: dict[str, Any]) -> list[str]:
    """One registry entry: known fields of the right type (YAML's `NO` for Norway is a boolean)."""
    fields = _ENTRY_FIELDS[key]
    found = []
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        found.append("needs a non-empty 'name'")
    for field_name, value in entry.items():
        kind = fields.get(str(field_name))
        if kind is None:
            close = difflib.get_close_matches(str(field_name), sorted(fields), n=1)
            found.append(f"unknown field '{field_name}'" + (f" (did you mean '{close[0]}'?)" if close else ""))
        elif not _is_kind(value, kind) and kind == "codes":
            found.append(f"'{field_name}' must be a list of IPTC Media Topic codes such as medtop:20000574")
        elif not _is_kind(value, kind):
            hint = " (quote it)" if isinstance(value, (bool, int, float)) else ""
            found.append(f"'{field_name}' has the wrong type ({type(value).__name__}){hint}")
        elif kind == "keywords":
            phrases = value.items() if isinstance(value, dict) else ((phrase, 1) for phrase in value)
            for phrase, weight in phrases:
                if not tokenize(phrase):
                    found.append(f"keyword {phrase!r} has no words")
                elif not weight > 0:
                    found.append(f"keyword '{phrase}' has weight {weight}; a weight must be above 0")
        elif field_name == "id" and key == "topics" and slugify(value) != value:
            found.append(
                f"id '{value}' must be lowercase letters, digits and hyphens, e.g. '{slugify(value) or 'energy'}'"
            )
    return found


def _is_kind(value: Any, kind: str) -> bool:
    if kind == "str":
        return isinstance(value, str)
    if kind == "strs":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if kind == "maps":
        return isinstance(value, list) and all(isinstance(v, dict) for v in value)
    if kind == "codes":
        return isinstance(value, list) and all(isinstance(v, str) and media_topic_code(v) for v in value)
    if isinstance(value, dict):  # keywords as {phrase: weight}
        return all(
            isinstance(k, str) and isinstance(w, (int, float)) and not isinstance(w, bool) for k, w in value.items()
        )
    return _is_kind(value, "strs")


def _entry_name(entry: dict[str, Any]) -> str:
    name = entry.get("name")
    return f" ('{name}')" if isinstance(name, str) else ""


def _role(raw: Mapping[str, Any], country: str) -> Role:
    kind = raw.get("kind") or normalise_kind(raw.get("title", "")) or "leader"
    return Role(
        title=raw.get("title", kind.title()),
        kind=kind,
        office=raw.get("office") or office_for_kind(kind),
        country=raw.get("country") or country,
        start=raw.get("from", raw.get("start")),
        end=raw.get("to", raw.get("end")),
    )


def load_leaders(data: Sequence[Mapping[str, Any]]) -> tuple[LeaderDef, ...]:
    """Leaders from the shipped JSON list or the simple {name, aliases?, country?, role?} form.

    An alias is a string or {"name", "kind"?, "sources"?}; kind "regnal" marks a given name
    that counts only after a monarch's title."""
    out = []
    for raw in data:
        country = raw.get("country") or ""
        roles = [_role(r, country) for r in raw.get("roles") or ()]
        if raw.get("role"):
            roles.append(_role({"title": raw["role"]}, country))
        aliases: list[str] = []
        regnal: list[str] = []
        surnames: list[str] = []
        for a in raw.get("aliases") or ():
            name, kind = (a, "name") if isinstance(a, str) else (a["name"], a.get("kind", "name"))
            {"regnal": regnal, "surname": surnames}.get(kind, aliases).append(name)
        out.append(
            LeaderDef(
                id=raw.get("id") or slugify(raw["name"]),
                name=raw["name"],
                aliases=tuple(aliases),
                country=country,
                roles=tuple(roles),
                sources=tuple(raw.get("sources") or ()),
                regnal=tuple(regnal),
                surnames=tuple(surnames),
                gender=raw.get("gender"),
                posts=tuple((a, b) for a, b in raw.get("posts") or ()),
            )
        )
    return tuple(out)


def load_officials(rows: Sequence[Sequence[Any]]) -> tuple[Official, ...]:
    """Officials from officials.json rows: [name, country, [[from, to], ...], [aliases]]."""
    return tuple(Official(r[0], r[1], tuple((a, b) for a, b in r[2]), tuple(r[3]) if len(r) > 3 else ()) for r in rows)


def default_registry() -> tuple[tuple[LeaderDef, ...], dict[str, Any], Coverage]:
    """The shipped leaders.json and countries.json (package digestgen.data) and what the registry
    covers (its first day and its snapshot); read on each call."""
    pkg = resources.files("digestgen.data")
    data = json.loads(pkg.joinpath("leaders.json").read_text(encoding="utf-8"))
    countries = json.loads(pkg.joinpath("countries.json").read_text(encoding="utf-8"))
    return load_leaders(data["leaders"]), countries, _read_coverage(data["coverage"])


def local_registry(path: Path, label: str) -> tuple[tuple[LeaderDef, ...], datetime.date] | None:
    """The project's refreshed registry (`digestgen registry update` writes it) and the day it was
    fetched, or None when there is none. Raises BuildFailed with the problem at `label`:line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise BuildFailed([Problem(label, None, f"cannot read it: {exc}")]) from None
    try:
        data = json.loads(text)
        as_of = datetime.date.fromisoformat(data["as_of"])
        leaders = data["leaders"]
        if not isinstance(leaders, list) or not all(
            isinstance(e, dict) and isinstance(e.get("name"), str) for e in leaders
        ):
            raise ValueError("'leaders' is not a list of entries with a name")
        return load_leaders(leaders), as_of
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        line = exc.lineno if isinstance(exc, json.JSONDecodeError) else None
        detail = (
            f"missing {exc}"
            if isinstance(exc, KeyError)
            else exc.msg
            if isinstance(exc, json.JSONDecodeError)
            else str(exc)
        )
        message = f"not a registry file ({detail}); run 'digestgen registry update' again"
        raise BuildFailed([Problem(label, line, message)]) from None


def default_officials() -> tuple[tuple[Official, ...], Coverage]:
    """The shipped officials.json and what its dictionary covers; read on each call."""
    pkg = resources.files("digestgen.data")
    data = json.loads(pkg.joinpath("officials.json").read_text(encoding="utf-8"))
    return load_officials(data["officials"]), _read_coverage(data["coverage"])


def _read_coverage(raw: Mapping[str, str]) -> Coverage:
    return datetime.date.fromisoformat(raw["from"]), datetime.date.fromisoformat(raw["to"])


def _keywords(entry: Mapping[str, Any], name: str) -> tuple[tuple[str, float], ...]:
    raw = entry.get("keywords")
    if raw is None:
        return ((name, 1.0),)
    if isinstance(raw, str):
        raw = [raw]
    if isinstance(raw, Mapping):
        pairs = list(raw.items())
    elif isinstance(raw, Sequence):
        pairs = [(phrase, 1.0) for phrase in raw]
    else:
        raise ValueError(f"topic {name!r}: keywords must be a mapping or a list, not {type(raw).__name__}")
    out: list[tuple[str, float]] = []
    for phrase, weight in pairs:
        if not isinstance(phrase, str) or not tokenize(phrase):
            raise ValueError(f"topic {name!r}: keyword {phrase!r} is not a non-empty phrase")
        if isinstance(weight, bool) or not isinstance(weight, (int, float)) or weight <= 0:
            raise ValueError(f"topic {name!r}: weight of {phrase!r} must be a positive number")
        out.append((phrase.strip(), float(weight)))
    return tuple(out)


def _media_topics(entry: Mapping[str, Any], name: str) -> tuple[str, ...]:
    codes = []
    for raw in entry.get("mediatopics") or ():
        code = media_topic_code(raw) if isinstance(raw, str) else None
        if code is None:
            raise ValueError(
                f"topic {name!r}: {raw!r} is not an IPTC Media Topic code (8 digits, e.g. medtop:20000574)"
            )
        codes.append(code)
    return tuple(codes)


def load_topics(data: Sequence[Mapping[str, Any] | str]) -> tuple[TopicDef, ...]:
    """Build TopicDefs from a parsed YAML list.

    Accepts the shipped form (``{id, name, mediatopics: [code], keywords: {phrase: weight}}``) and the project
    form: ``keywords`` a plain list (weight 1) or missing (the name is the keyword), ``id``
    optional (slug of the name), or an entry that is just the name string.
    """
    if isinstance(data, (str, bytes)) or not isinstance(data, Sequence):
        raise ValueError("topics must be a list")
    topics: list[TopicDef] = []
    seen: set[str] = set()
    for entry in data:
        if isinstance(entry, str):
            entry = {"name": entry}
        if not isinstance(entry, Mapping):
            raise ValueError(f"topic entry must be a mapping or a name, not {type(entry).__name__}")
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"topic entry {dict(entry)!r} has no name")
        name = name.strip()
        topic_id = entry.get("id") or slugify(name)
        if not isinstance(topic_id, str) or slugify(topic_id) != topic_id:
            raise ValueError(f"topic {name!r}: id {topic_id!r} is not an ascii slug")
        if topic_id in seen:
            raise ValueError(f"duplicate topic id {topic_id!r}")
        seen.add(topic_id)
        topics.append(TopicDef(topic_id, name, _keywords(entry, name), _media_topics(entry, name)))
    return tuple(topics)


def default_topics() -> tuple[TopicDef, ...]:
    """The shipped taxonomy (digestgen/data/topics.yaml); read on each call."""
    text = resources.files("digestgen.data").joinpath("topics.yaml").read_text(encoding="utf-8")
    return load_topics(safeyaml.load(text)[0])
