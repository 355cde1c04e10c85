"""Persons and their offices, merged across the datasets (one person, one entry)."""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from digestgen.taxonomy.roles import HEAD_OF_GOVERNMENT, HEAD_OF_STATE, normalise_kind, office_for_kind
from leaders_build.names import covered, full_names_match, norm_tokens
from leaders_build.readers import COW_EXTRA, WikidataTerm, country, read_csv

SCOPE_YEAR = 1970
LAST_GLI_YEAR = 2020
HORIZON = 2026


def year(value: str | None) -> int | None:
    """The year of a partial date; None for "still open" or "?" (ended after the data)."""
    return int(value[:4]) if value and value != "?" else None


@dataclass
class Person:
    country: str
    names: list[str]
    qid: str | None = None
    roles: list[dict[str, Any]] = field(default_factory=list)
    name_sources: dict[str, set[str]] = field(default_factory=dict[str, Any])
    phoenix: list[tuple[str, str]] = field(default_factory=list)  # (country, name) of joined actors
    posts: list[tuple[str | None, str | None]] = field(default_factory=list)  # Phoenix government posts
    gender: set[str] = field(default_factory=set)

    def add_name(self, name: str, source: str) -> None:
        if name not in self.names:
            self.names.append(name)
        self.name_sources.setdefault(name, set()).add(source)

    def tokens(self) -> list[tuple[str, ...]]:
        return [norm_tokens(n) for n in self.names]

    def span(self) -> tuple[int, int]:
        starts = [year(r["from"]) or 0 for r in self.roles]
        ends = [year(r["to"]) or HORIZON for r in self.roles]
        return (min(starts), max(ends)) if self.roles else (0, -1)

    def countries(self) -> set[str]:
        return {r["country"] for r in self.roles} | {self.country}


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return min(a[1], b[1]) - max(a[0], b[0]) + 1


def role(
    title: str, kind: str, where: str, start: str, end: str | None, source: str, office: str | None = None
) -> dict[str, Any]:
    return {
        "title": title,
        "kind": kind,
        "office": office or office_for_kind(kind),
        "country": where,
        "from": start,
        "to": end,
        "sources": {source},
    }


def generic_title(kind: str, where: str) -> str:
    the = (
        "the "
        if where.startswith(
            (
                "United",
                "Netherlands",
                "Philippines",
                "Central",
                "Democratic",
                "Republic",
                "Dominican",
                "Czech",
                "Solomon",
                "Marshall",
                "Maldives",
                "Comoros",
            )
        )
        else ""
    )
    return f"{kind.title()} of {the}{where}"


class Registry:
    """Accumulates persons and merges the same person across sources."""

    def __init__(self, curated: dict[str, Any]) -> None:
        self.people: list[Person] = []
        self.by_qid: dict[str, Person] = {}
        self.rename: dict[tuple[str, tuple[str, ...]], str] = {}
        for entry in curated.get("leaders", []):
            for variant in [entry["name"], *entry.get("match", [])]:
                self.rename[(entry["country"], norm_tokens(variant))] = entry["name"]

    def canonical(self, where: str, name: str) -> str:
        return self.rename.get((where, norm_tokens(name)), name)

    def find_full(self, where: str, name: str) -> Person | None:
        toks = norm_tokens(self.canonical(where, name))
        for p in self.people:
            if p.country == where and any(full_names_match(toks, t) for t in p.tokens()):
                return p
        return None

    def find_short(self, where: str, name: str, span: tuple[int, int]) -> Person | None:
        """A surname-only name -> the same-country person whose years overlap most."""
        toks = norm_tokens(self.canonical(where, name))
        best, best_key = None, (0, 0.0)
        for p in self.people:
            if p.country != where or overlap(p.span(), span) <= 0:
                continue
            score = (
                1.0
                if any(covered(toks, t) for t in p.tokens())
                else max(
                    (difflib.SequenceMatcher(None, " ".join(toks), t[-1]).ratio() for t in p.tokens() if t), default=0.0
                )
            )
            key = (overlap(p.span(), span), score)
            if score >= 0.8 and key > best_key:
                best, best_key = p, key
        return best

    def person(self, where: str, name: str, span: tuple[int, int], source: str, qid: str | None = None) -> Person:
        name = re.sub(r"\s*\([^)]*\)", "", name).strip()  # "Evans Paul (acting)"
        p = self.by_qid.get(qid) if qid else None
        if p is None and len(norm_tokens(name)) >= 2:
            p = self.find_full(where, name)
        if p is None:
            p = self.find_short(where, name, span)
        if p is None:  # a surname-only leader with a second, separate spell
            p = next((q for q in self.people if q.country == where and name in q.names), None)
        if p is None:
            p = Person(where, [])
            self.people.append(p)
        canon = self.canonical(where, name)
        p.add_name(name, source)
        if canon != name:
            p.add_name(canon, "manual")
        if qid and not p.qid:
            p.qid = qid
            self.by_qid[qid] = p
        return p


def load_wikidata(reg: Registry, terms: list[WikidataTerm]) -> None:
    for t in terms:
        kind = normalise_kind(t.office)
        if kind is None:
            continue
        p = reg.person(t.country, t.label, (int(t.start), year(t.end) or HORIZON), "wikidata", t.qid)
        for label in t.labels:
            p.add_name(label, "wikidata")
        r = role(t.office[0].upper() + t.office[1:], kind, t.country, t.start, t.end, "wikidata")
        p.roles.append(r | {"_seen": t.seen, "_approx": t.approx})


def runs(years_names: list[tuple[int, str, str]]) -> list[tuple[str, str, int, int]]:
    """Consecutive years with the same (name, title) -> (name, title, first, last)."""
    out: list[tuple[str, str, int, int]] = []
    for y, name, title in sorted(years_names):
        if out and out[-1][0] == name and out[-1][1] == title and out[-1][3] == y - 1:
            out[-1] = (name, title, out[-1][2], y)
        else:
            out.append((name, title, y, y))
    return out


def fill_blank_positions(rows: list[dict[str, str]]) -> dict[int, str]:
    """Blank leader_position -> the nearest known position of the same leader's run."""
    pos = {int(r["year"]): r["leader_position"] for r in rows}
    leader = {int(r["year"]): r["leader"] for r in rows}
    for direction in (-1, 1):  # prefer the position the leader held next (a new office)
        for y in sorted(pos, reverse=direction < 0):
            prev = y - direction
            if not pos[y] and prev in pos and leader.get(prev) == leader[y]:
                pos[y] = pos[prev]
    return pos


def load_gli(reg: Registry, path: Path) -> tuple[dict[str, str], dict[str, Counter[str]]]:
    """Add head-of-government and effective-leader roles; return COW code map and office stats."""
    by_country: dict[str, list[dict[str, str]]] = defaultdict(list)
    cow: dict[str, str] = dict(COW_EXTRA)
    for r in read_csv(path):
        where = country(r["country_name"])
        cow[r["country_code_cow"]] = where
        if int(r["year"]) >= SCOPE_YEAR - 15:
            by_country[where].append(r)
    main_office: dict[str, Counter[str]] = defaultdict(Counter[str])
    positions = {where: fill_blank_positions(rows) for where, rows in by_country.items()}
    for where in by_country:
        for y, title in positions[where].items():
            if y >= 2000 and (kind := normalise_kind(title or "")):
                main_office[where][office_for_kind(kind)] += 1
    for where, rows in sorted(by_country.items()):
        hog = [(int(r["year"]), r["hog"].strip(), r["hog_title"].strip()) for r in rows if r["hog"].strip()]
        for name, title, first, last in runs(hog):
            kind = normalise_kind(title)
            if kind and last + 1 >= SCOPE_YEAR:
                add_gli_role(reg, where, name, title, kind, first, last, HEAD_OF_GOVERNMENT)
        pos = positions[where]
        hog_tokens = {int(r["year"]): norm_tokens(r["hog"]) for r in rows}
        leaders = []
        for r in rows:
            y = int(r["year"])
            if r["leader"].strip() and not covered(norm_tokens(r["leader"]), hog_tokens[y]):
                leaders.append((y, r["leader"].strip(), pos[y] or effective_title(main_office.get(where))))
        for name, title, first, last in runs(leaders):
            kind = normalise_kind(title)
            if kind and last + 1 >= SCOPE_YEAR:
                add_gli_role(reg, where, name, title, kind, first, last, None)
    return cow, main_office


def add_gli_role(
    reg: Registry, where: str, name: str, title: str, kind: str, first: int, last: int, office: str | None
) -> None:
    # In office on 31 Dec of `first` but not of first-1: took office during `first`.
    end = str(last + 1) if last < LAST_GLI_YEAR else "?"
    if kind == "president":
        office = HEAD_OF_STATE  # a president is head of state even where he also governs
    p = reg.person(where, name, (first, last), "gli")
    label = generic_title(kind, where) if "/" in title or len(title) < 25 else title
    p.roles.append(role(label, kind, where, str(first), end, "gli", office))


def load_reign(reg: Registry, path: Path, cow: dict[str, str], main_office: dict[str, Counter[str]]) -> list[str]:
    """Refine start dates with REIGN's exact dates; add spells no other source dated."""
    skipped: list[str] = []
    for r in read_csv(path):
        end_year = int(r["eyear"]) if r["eyear"] else None
        if end_year is not None and end_year < SCOPE_YEAR:
            continue
        where = cow.get(r["ccode"])
        if where is None:
            skipped.append(f"{r['stateabb']}:{r['leader']}")
            continue
        start = f"{int(r['syear']):04d}-{int(r['smonth']):02d}-{int(r['sdate']):02d}"
        span = (int(r["syear"]), end_year or 2021)
        p = reg.person(where, r["leader"], span, "reign")
        p.gender.add({"1": "m", "0": "f"}.get(r["gender"], ""))
        active = [x for x in p.roles if overlap((year(x["from"]) or 0, year(x["to"]) or HORIZON), span) > 0]
        for x in active:
            if year(x["from"]) == span[0]:
                x["from"] = start if len(x["from"]) == 4 else x["from"]
                x["sources"].add("reign")
            # An office Wikidata still listed later did not end with this spell (REIGN's Khamenei
            # spell ends in 1989, when the presidency became the effective office).
            listed_later = (x.get("_seen") or 0) > end_year if end_year else False
            if end_year and x["to"] in ("?", str(end_year)) and not listed_later:
                x["to"] = str(end_year)
                x["sources"].add("reign")
        if not active:
            kind = effective_kind(main_office.get(where)) or _wikidata_kind(reg, where)
            if kind:
                p.roles.append(
                    role(generic_title(kind, where), kind, where, start, str(end_year) if end_year else "?", "reign")
                )
    return skipped


def _wikidata_kind(reg: Registry, where: str) -> str | None:
    """For a country GLI does not cover: the kind of its head of government in Wikidata, else of
    its head of state (the effective leader REIGN lists holds one of them)."""
    kinds = {
        (r["office"], r["kind"])
        for p in reg.people
        for r in p.roles
        if r["country"] == where and "wikidata" in r["sources"]
    }
    for office in (HEAD_OF_GOVERNMENT, HEAD_OF_STATE):
        found: list[str] = sorted(k for o, k in kinds if o == office)
        if found:
            return found[0]
    return None


def effective_title(stats: Counter[str] | None) -> str:
    """The title of an effective leader whose position the data leaves blank."""
    return (effective_kind(stats) or "").title()


def effective_kind(stats: Counter[str] | None) -> str | None:
    if not stats:
        return None
    return "prime minister" if stats.most_common(1)[0][0] == HEAD_OF_GOVERNMENT else "president"


def add_manual(reg: Registry, curated: dict[str, Any]) -> None:
    for m in curated.get("manual_roles", []):
        span = (year(m["from"]) or 0, year(m.get("to")) or HORIZON)
        p = reg.person(m["country"], m["name"], span, "manual", m.get("wikidata"))
        kind = str(m.get("kind") or normalise_kind(m["title"]))
        p.roles.append(role(m["title"], kind, m["country"], m["from"], m.get("to"), "manual"))
        if m.get("gender"):
            p.gender.add(m["gender"])
