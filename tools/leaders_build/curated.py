"""Curated corrections applied to the merged persons: days for offices the datasets date only to
the year (tools/office_dates.yaml), and Wikidata rows that are mistakes (tools/leader_aliases.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from digestgen.taxonomy.roles import office_for_kind
from leaders_build.names import full_names_match, norm_tokens
from leaders_build.people import Person


def office_starts(path: Path, key: str = "office_starts") -> list[tuple[str, str, str, str]]:
    """(name, country, day, source) rows of the office-dates file (`key`: or "office_ends")."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [
        (str(name), str(country), str(day), source)
        for source, rows in (data.get(key) or {}).items()
        for name, country, day in rows
    ]


def _persons(people: list[Person], name: str, country: str) -> list[Person]:
    """Everyone of `country` with that full name (records of one person not yet merged, too)."""
    toks = norm_tokens(name)
    return [
        p
        for p in people
        if country in p.countries() and any(t == toks or full_names_match(toks, t) for t in p.tokens())
    ]


def apply_office_starts(people: list[Person], rows: list[tuple[str, str, str, str]]) -> list[str]:
    """Give each listed person's offices that start in the day's year, known only to the year, that
    day (tagged "manual"). Returns the rows that changed nothing, for the tool to report."""
    unused = []
    for name, country, day, _ in rows:
        roles = [r for p in _persons(people, name, country) for r in p.roles if r["from"] == day[:4]]
        for r in roles:
            r["from"] = day
            r["sources"].add("manual")
        if not roles:
            unused.append(f"{name} ({country}, {day})")
    return unused


def apply_office_ends(people: list[Person], rows: list[tuple[str, str, str, str]]) -> list[str]:
    """End each listed person's offices in that country that were open on the day (tagged
    "manual"). Returns the rows that changed nothing."""
    unused = []
    for name, country, day, _ in rows:
        roles = [
            r
            for p in _persons(people, name, country)
            for r in p.roles
            if r["country"] == country
            and r["from"][:10] < day
            and (r["to"] is None or r["to"] > day or day.startswith(r["to"]))
        ]
        for r in roles:
            r["to"] = day
            r["sources"].add("manual")
        if not roles:
            unused.append(f"{name} ({country}, {day})")
    return unused


def dropped_rows(curated: dict[str, Any]) -> frozenset[tuple[str, str]]:
    """(person QID, office QID) of Wikidata rows the curated file rejects."""
    return frozenset((d["qid"], d["position"]) for d in curated.get("wikidata_drop", []))


def retitle(people: list[Person], rows: list[dict[str, Any]]) -> list[str]:
    """Give the listed offices their right title and kind, or drop them (`role_titles` in
    tools/leader_aliases.yaml: REIGN names a country's effective leader but not the office, and the
    builder's guess of the country's main office can be wrong, such as "President of Iran" for the
    Shah). Returns the rows that changed nothing."""
    unused = []
    for row in rows:
        found = 0
        for p in _persons(people, row["name"], row["country"]):
            roles = [r for r in p.roles if r["country"] == row["country"] and r["title"] == row["title"]]
            found += len(roles)
            if row["to"] is None:
                p.roles = [r for r in p.roles if not any(r is x for x in roles)]
                continue
            for r in roles:
                r["title"], r["kind"] = row["to"], row["kind"]
                r["office"] = office_for_kind(row["kind"])
                r["sources"].add("manual")
        if not found:
            unused.append(f"{row['name']} ({row['country']}, {row['title']})")
    return unused
