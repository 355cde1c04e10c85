"""Russian names (tools/leaders_ru.yaml) merged into the registry entries, with their sources.

Each entry's full forms are aliases under its own source ("nerel" or "manual"); the bare surname and
the initialled forms («В. Путин», «В. В. Путин») are derived from them ("derived").
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from leaders_build.output import NAME_FIRST

SOURCES = {"nerel": "nerel", "manual: public record": "manual"}


def load(path: Path) -> dict[str, dict[str, Any]]:
    """id -> entry ({ru, source, surname?, wikidata?}); every entry must name a source the file documents."""
    names: dict[str, dict[str, Any]] = (yaml.safe_load(path.read_text(encoding="utf-8")) or {})["names"]
    for lid, entry in names.items():
        if entry.get("source") not in SOURCES or not entry.get("ru"):
            raise SystemExit(f"{path.name}: {lid}: needs 'ru' forms and a source ({', '.join(SOURCES)})")
    return names


def _surnames(entry: dict[str, Any], country: str) -> list[str]:
    if "surname" in entry:
        return list(entry["surname"])
    first = entry["ru"][0].split()
    if len(first) < 2 or not all(w[:1].isupper() for w in first):
        return []
    return [first[0] if country in NAME_FIRST else first[-1]]


def _initials(form: str, country: str) -> list[str]:
    """«Владимир Владимирович Путин» -> «В. В. Путин»; «Владимир Путин» -> «В. Путин» (not for
    names written family name first, nor names with particles or numerals)."""
    words = form.split()
    if country in NAME_FIRST or not 2 <= len(words) <= 3 or not all(w[:1].isupper() and w.isalpha() for w in words):
        return []
    *given, last = words
    return [" ".join([*(f"{w[0]}." for w in given), last])]


def merge(leaders: list[dict[str, Any]], names: dict[str, dict[str, Any]]) -> None:
    """Add each entry's Russian forms to the registry entry of that id (in place); an id the
    registry lacks is an error (the entry would be lost silently)."""
    by_id = {e["id"]: e for e in leaders}
    stray = sorted(set(names) - set(by_id))
    if stray:
        raise SystemExit(f"tools/leaders_ru.yaml: ids that are in no registry entry: {', '.join(stray)}")
    for lid, entry in names.items():
        e = by_id[lid]
        source = SOURCES[entry["source"]]
        found: dict[str, tuple[str, set[str]]] = {
            a["name"]: (a.get("kind", "name"), set(a["sources"])) for a in e["aliases"]
        }

        def add(
            alias: str, kind: str, src: str, found: dict[str, tuple[str, set[str]]] = found, own: str = e["name"]
        ) -> None:
            alias = " ".join(alias.split())
            if alias == own:
                return
            old_kind, old = found.get(alias, (kind, set()))
            found[alias] = (old_kind, old | {src})

        for form in entry["ru"]:
            add(form, "surname" if len(form.split()) == 1 else "name", source)
            # No initials for a name without a surname (Карл III, Абдулла Абдулла).
            for short in _initials(form, e["country"]) if entry.get("surname", None) != [] else []:
                add(short, "name", "derived")
        for last in _surnames(entry, e["country"]):
            add(last, "surname", "derived")
        e["aliases"] = [
            {"name": a, **({"kind": k} if k != "name" else {}), "sources": sorted(s)}
            for a, (k, s) in sorted(found.items())
        ]
        e["sources"] = sorted(set(e["sources"]) | {source})
