#!/usr/bin/env python3
"""Build digestgen/data/leaders.json and countries.json from the shared leader datasets.

Sources (see ../shared/data/leaders/*/SOURCE.md):
  wikidata  - wikidata-world-leaders: heads of state and government, years, QIDs (2021-2026)
  gli       - global-leader-ideologies: head of government and effective leader per country-year
  reign     - REIGN leader list: effective-leader spells with exact start dates (to Feb 2021)
  manual    - tools/leader_aliases.yaml: display names, aliases and a few hand-checked roles the
              three sources miss (e.g. Medvedev's presidency); every such role is tagged "manual".

Usage: python tools/build_leaders.py [--data DIR] [--out FILE] [--countries-out FILE]
Output is sorted and stable, so rerunning on the same input gives byte-identical files.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from anyascii import anyascii

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from digestgen.urls import slugify  # noqa: E402
from digestgen.infer.roles import (  # noqa: E402
    HEAD_OF_GOVERNMENT, HEAD_OF_STATE, MULTI_HOLDER_KINDS, normalise_kind, office_for_kind)

SCOPE_YEAR = 2000
LAST_GLI_YEAR = 2020
COUNTRY_FIX = {
    "People's Republic of China": "China", "Kingdom of Denmark": "Denmark",
    "Kingdom of the Netherlands": "Netherlands", "The Bahamas": "Bahamas",
    "São Tomé and Príncipe": "Sao Tome and Principe", "United States of America": "United States",
    "Burma/Myanmar": "Myanmar", "Federated States of Micronesia": "Micronesia",
}
# Countries whose names put the family name first (or have none): no automatic surname alias.
NO_SURNAME = {"China", "Taiwan", "North Korea", "South Korea", "Vietnam", "Cambodia", "Myanmar",
              "Indonesia", "Mongolia", "Laos", "Hungary"}
# Single-token aliases that are ordinary capitalised words; too noisy even behind the gate.
NOISY_TOKENS = {"may", "march", "june", "july", "august", "key", "major", "will", "hope", "king",
                "little", "young", "long", "rich", "said", "ali", "mohamed", "muhammad", "ahmed"}
_QID = re.compile(r"^Q\d+$")
_PATRONYMIC = re.compile(r"(ovich|evich|avich|ovna|evna|ichna)$", re.I)


def norm_tokens(name: str) -> tuple[str, ...]:
    """ASCII, lower-case word tokens of a name: "G.W. Bush" -> ("g", "w", "bush")."""
    return tuple(re.sub(r"[^a-z0-9]+", " ", anyascii(name).lower()).split())


def covered(small: tuple[str, ...], big: tuple[str, ...]) -> bool:
    """Every token of `small` is in `big` (a one-letter token may stand for an initial)."""
    return bool(small) and all(
        t in big or (len(t) == 1 and any(b.startswith(t) for b in big)) for t in small)


def full_names_match(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two multi-token names denote one person: one's tokens contain the other's."""
    if len(a) < 2 or len(b) < 2:
        return False
    if len(a) >= 3 and len(b) >= 3:
        return a == b or (a[0] == b[0] and a[-1] == b[-1] and (covered(a, b) or covered(b, a))
                          and abs(len(a) - len(b)) == 0)
    return covered(a, b) or covered(b, a)


def year(value: str | None) -> int | None:
    """The year of a partial date; None for "still open" or "?" (ended after the data)."""
    return int(value[:4]) if value and value != "?" else None


@dataclass
class Person:
    country: str
    names: list[str]
    qid: str | None = None
    display: str | None = None
    aliases: set[str] = field(default_factory=set)
    roles: list[dict] = field(default_factory=list)

    def tokens(self) -> list[tuple[str, ...]]:
        return [norm_tokens(n) for n in self.names]

    def span(self) -> tuple[int, int]:
        starts = [year(r["from"]) for r in self.roles]
        ends = [year(r["to"]) or 2026 for r in self.roles]
        return (min(starts), max(ends)) if self.roles else (0, -1)


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return min(a[1], b[1]) - max(a[0], b[0]) + 1


class Registry:
    """Accumulates persons per country and merges the same person across sources."""

    def __init__(self, curated: dict) -> None:
        self.people: list[Person] = []
        self.by_qid: dict[str, Person] = {}
        self.rename: dict[tuple[str, tuple[str, ...]], str] = {}
        for entry in curated.get("leaders", []):
            for variant in [entry["name"], *entry.get("match", [])]:
                self.rename[(entry["country"], norm_tokens(variant))] = entry["name"]

    def canonical(self, country: str, name: str) -> str:
        return self.rename.get((country, norm_tokens(name)), name)

    def find_full(self, country: str, name: str) -> Person | None:
        toks = norm_tokens(self.canonical(country, name))
        for p in self.people:
            if p.country == country and any(full_names_match(toks, t) for t in p.tokens()):
                return p
        return None

    def find_short(self, country: str, name: str, span: tuple[int, int]) -> Person | None:
        """A surname-only name -> the same-country person whose years overlap most."""
        toks = norm_tokens(self.canonical(country, name))
        best, best_key = None, (0, 0.0)
        for p in self.people:
            if p.country != country or overlap(p.span(), span) <= 0:
                continue
            score = 1.0 if any(covered(toks, t) for t in p.tokens()) else max(
                (difflib.SequenceMatcher(None, " ".join(toks), t[-1]).ratio()
                 for t in p.tokens() if t), default=0.0)
            key = (overlap(p.span(), span), score)
            if score >= 0.8 and key > best_key:
                best, best_key = p, key
        return best

    def person(self, country: str, name: str, span: tuple[int, int], qid: str | None = None
               ) -> Person:
        name = name.strip()
        p = self.by_qid.get(qid) if qid else None
        if p is None and len(norm_tokens(name)) >= 2:
            p = self.find_full(country, name)
        if p is None:
            p = self.find_short(country, name, span)
        if p is None:  # a surname-only leader with a second, separate spell
            p = next((q for q in self.people if q.country == country and name in q.names), None)
        if p is None:
            p = Person(country, [])
            self.people.append(p)
        canon = self.canonical(country, name)
        for n in (canon, name):
            if n not in p.names:
                p.names.append(n)
        if qid and not p.qid:
            p.qid = qid
            self.by_qid[qid] = p
        return p


def role(title: str, kind: str, country: str, start: str, end: str | None, source: str,
         office: str | None = None) -> dict:
    return {"title": title, "kind": kind, "office": office or office_for_kind(kind),
            "country": country, "from": start, "to": end, "sources": {source}}


def generic_title(kind: str, country: str) -> str:
    the = "the " if country.startswith(("United", "Netherlands", "Philippines", "Central",
                                         "Democratic", "Republic", "Dominican", "Czech",
                                         "Solomon", "Marshall", "Maldives", "Comoros")) else ""
    return f"{kind.title()} of {the}{country}"


def read_csv(path: Path) -> list[dict]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:  # one stray cp1252 byte in a REIGN notes cell
        text = raw.decode("utf-8", errors="replace")
    return list(csv.DictReader(text.splitlines()))


def load_wikidata(reg: Registry, folder: Path, curated: dict) -> None:
    files = [("wikidata.csv", False), ("wikidata-2026.csv", True)]
    rows = [(r, latest) for f, latest in files for r in read_csv(folder / f)]
    labels = {r["officeholder"]: r["officeholderLabel"] for r, _ in rows
              if not _QID.match(r["officeholderLabel"])}
    labels.update(curated.get("wikidata_labels", {}))
    terms: dict[tuple[str, str], dict] = {}
    for r, latest in rows:
        qid, start = r["officeholder"], r["start_year"]
        if qid not in labels or not start.isdigit() or int(start) < 1900:
            continue
        t = terms.setdefault((qid, r["position"]), {"row": r, "start": start, "ends": set(),
                                                    "current": False})
        t["start"] = min(t["start"], start)
        if r["end_year"]:
            t["ends"].add(r["end_year"])
        elif latest:
            t["current"] = True
        else:
            t["ends"].add("open-2024")
    for (qid, _), t in sorted(terms.items()):
        r = t["row"]
        label = r["positionLabel"]
        kind = normalise_kind(label)
        if kind is None:
            continue
        country = COUNTRY_FIX.get(r["country"], r["country"])
        # Open in 2024 but gone from the 2026 run: ended by 2026, closed by successor below.
        ended = sorted(t["ends"] - {"open-2024"})
        end = None if t["current"] else (ended[-1] if ended else "?")
        p = reg.person(country, labels[qid], (int(t["start"]), year(end) or 2026), qid)
        p.roles.append(role(label[0].upper() + label[1:], kind, country, t["start"], end,
                            "wikidata"))


def runs(years_names: list[tuple[int, str, str]]) -> list[tuple[str, str, int, int]]:
    """Consecutive years with the same (name, title) -> (name, title, first, last)."""
    out: list[tuple[str, str, int, int]] = []
    for y, name, title in sorted(years_names):
        if out and out[-1][0] == name and out[-1][1] == title and out[-1][3] == y - 1:
            out[-1] = (name, title, out[-1][2], y)
        else:
            out.append((name, title, y, y))
    return out


def fill_blank_positions(rows: list[dict]) -> dict[int, str]:
    """Blank leader_position -> the nearest known position of the same leader's run."""
    pos = {int(r["year"]): r["leader_position"] for r in rows}
    leader = {int(r["year"]): r["leader"] for r in rows}
    for direction in (-1, 1):  # prefer the position the leader held next (a new office)
        for y in sorted(pos, reverse=direction < 0):
            prev = y - direction
            if not pos[y] and prev in pos and leader.get(prev) == leader[y]:
                pos[y] = pos[prev]
    return pos


def load_gli(reg: Registry, path: Path) -> tuple[dict[str, str], dict[str, Counter]]:
    """Add head-of-government and effective-leader roles; return COW code map and office stats."""
    by_country: dict[str, list[dict]] = defaultdict(list)
    cow: dict[str, str] = {}
    for r in read_csv(path):
        country = COUNTRY_FIX.get(r["country_name"], r["country_name"])
        cow[r["country_code_cow"]] = country
        if int(r["year"]) >= 1985:
            by_country[country].append(r)
    main_office: dict[str, Counter] = defaultdict(Counter)
    for country, rows in sorted(by_country.items()):
        hog = [(int(r["year"]), r["hog"].strip(), r["hog_title"].strip()) for r in rows
               if r["hog"].strip()]
        for name, title, first, last in runs(hog):
            kind = normalise_kind(title)
            if kind and (last + 1 >= SCOPE_YEAR):
                add_gli_role(reg, country, name, title, kind, first, last, HEAD_OF_GOVERNMENT)
        pos = fill_blank_positions(rows)
        hog_tokens = {int(r["year"]): norm_tokens(r["hog"]) for r in rows}
        leaders = []
        for r in rows:
            y = int(r["year"])
            kind = normalise_kind(pos[y] or "")
            if y >= SCOPE_YEAR and kind:
                main_office[country][office_for_kind(kind)] += 1
            if r["leader"].strip() and not covered(norm_tokens(r["leader"]), hog_tokens[y]):
                leaders.append((y, r["leader"].strip(), pos[y]))
        for name, title, first, last in runs(leaders):
            kind = normalise_kind(title)
            if kind and last + 1 >= SCOPE_YEAR:
                add_gli_role(reg, country, name, title, kind, first, last, None)
    return cow, main_office


def add_gli_role(reg: Registry, country: str, name: str, title: str, kind: str, first: int,
                 last: int, office: str | None) -> None:
    # In office on 31 Dec of `first` but not of first-1: took office during `first`.
    end = str(last + 1) if last < LAST_GLI_YEAR else "?"
    if kind == "president":
        office = HEAD_OF_STATE  # a president is head of state even where he also governs
    p = reg.person(country, name, (first, last))
    label = generic_title(kind, country) if "/" in title or kind != normalise_kind(
        f"{title}") or len(title) < 25 else title
    p.roles.append(role(label, kind, country, str(first), end, "gli", office))


def load_reign(reg: Registry, path: Path, cow: dict[str, str], main_office: dict[str, Counter]
               ) -> list[str]:
    """Refine start dates with REIGN's exact dates; add spells no other source dated."""
    skipped: list[str] = []
    for r in read_csv(path):
        end_year = int(r["eyear"]) if r["eyear"] else None
        if end_year is not None and end_year < SCOPE_YEAR:
            continue
        country = cow.get(r["ccode"])
        if country is None:
            skipped.append(f"{r['stateabb']}:{r['leader']}")
            continue
        start = f"{int(r['syear']):04d}-{int(r['smonth']):02d}-{int(r['sdate']):02d}"
        span = (int(r["syear"]), end_year or 2021)
        p = reg.person(country, r["leader"], span)
        active = [x for x in p.roles if overlap((year(x["from"]), year(x["to"]) or 2026), span) > 0]
        for x in active:
            if year(x["from"]) == span[0]:
                x["from"] = start if len(x["from"]) == 4 else x["from"]
                x["sources"].add("reign")
            if end_year and x["to"] in ("?", str(end_year)):
                x["to"] = str(end_year)
                x["sources"].add("reign")
        if not active:
            kind = effective_kind(main_office.get(country))
            if kind:
                p.roles.append(role(generic_title(kind, country), kind, country, start,
                                    str(end_year) if end_year else "?", "reign"))
    return skipped


def effective_kind(stats: Counter | None) -> str | None:
    if not stats:
        return None
    office = stats.most_common(1)[0][0]
    return "prime minister" if office == HEAD_OF_GOVERNMENT else "president"


def add_manual(reg: Registry, curated: dict) -> None:
    for m in curated.get("manual_roles", []):
        span = (year(m["from"]), year(m.get("to")) or 2026)
        p = reg.person(m["country"], m["name"], span, m.get("wikidata"))
        kind = m.get("kind") or normalise_kind(m["title"])
        p.roles.append(role(m["title"], kind, m["country"], m["from"], m.get("to"), "manual"))


def merge_roles(p: Person) -> None:
    """One role per continuous tenure of an office: union dates and sources, prefer exact dates."""
    merged: list[dict] = []
    for r in sorted(p.roles, key=lambda r: (r["office"], r["kind"], r["from"][:4], r["from"])):
        prev = merged[-1] if merged else None
        if prev and (prev["office"], prev["kind"]) == (r["office"], r["kind"]) and (
                prev["to"] in (None, "?") or year(r["from"]) <= year(prev["to"])):
            if len(prev["from"]) < len(r["from"]) and prev["from"][:4] == r["from"][:4]:
                prev["from"] = r["from"]
            prev["to"] = later_end(prev["to"], r["to"])
            prev["sources"] |= r["sources"]
            if "wikidata" in r["sources"] or "manual" in r["sources"]:
                prev["title"] = r["title"]
        else:
            merged.append(dict(r, sources=set(r["sources"])))
    p.roles = merged


def later_end(a: str | None, b: str | None) -> str | None:
    """The later of two tenure ends; None is "still in office", "?" is "after the data ends"."""
    if a is None or b is None:
        return None
    if "?" in (a, b):
        known = [x for x in (a, b) if x != "?"]
        return known[0] if known and known[0][:4] > str(LAST_GLI_YEAR) else "?"
    if a[:4] == b[:4]:
        return a if len(a) >= len(b) else b
    return max(a, b)


def close_timelines(people: list[Person]) -> None:
    """Close open tenures at the successor's start; sharpen year-only ends to the exact date."""
    timelines: dict[tuple[str, str, str], list[tuple[dict, Person]]] = defaultdict(list)
    for p in people:
        for r in p.roles:
            timelines[(r["country"], r["office"], r["kind"])].append((r, p))
    for (_, _, kind), items in timelines.items():
        items.sort(key=lambda rp: (rp[0]["from"][:4], rp[0]["from"]))
        for i, (r, p) in enumerate(items):
            later = [x for x, q in items[i + 1:] if q is not p and x["from"][:4] >= r["from"][:4]
                     and x["from"] > r["from"]]
            nxt = later[0] if later else None
            if r["to"] in (None, "?") and nxt and kind not in MULTI_HOLDER_KINDS:
                r["to"] = nxt["from"]
            elif r["to"] and r["to"] != "?" and len(r["to"]) == 4 and nxt and \
                    nxt["from"][:4] == r["to"] and len(nxt["from"]) == 10:
                r["to"] = nxt["from"]
            if r["to"] == "?":  # left by the 2026 snapshot (or after 2020) with no dated successor
                r["to"] = None if "wikidata" not in r["sources"] else "2026"


def display_name(p: Person, curated_names: dict[tuple[str, str], dict]) -> str:
    """Curated name, else the Wikidata label, else the shortest full name with no patronymic."""
    for n in p.names:
        if (p.country, n) in curated_names:
            return n
    full = [n for n in p.names if len(norm_tokens(n)) >= 2]
    if not full:
        return p.names[0]
    if p.qid:
        return full[0]
    name = min(full, key=lambda n: (len(norm_tokens(n)) > 3, -len(norm_tokens(n)), n))
    words = name.split()
    if len(words) >= 3:
        words = [w for i, w in enumerate(words) if i in (0, len(words) - 1)
                 or not _PATRONYMIC.search(w)]
    return " ".join(words)


def auto_aliases(p: Person, name: str) -> set[str]:
    """Source spellings, first+last name, and the surname where names end in one."""
    out = {n for n in p.names if not _QID.match(n)}
    words = name.split()
    if len(words) >= 3:
        out.add(f"{words[0]} {words[-1]}")
    if len(words) >= 2 and p.country not in NO_SURNAME:
        out.add(words[-1])
    return {a for a in out if not (len(a.split()) == 1 and a.lower() in NOISY_TOKENS)} - {name}


def same_person(p: Person, q: Person) -> bool:
    """Loose second-pass identity: spelling variants of one name within a few years."""
    if p.country != q.country or p.qid and q.qid and p.qid != q.qid:
        return False
    gap = max(p.span()[0], q.span()[0]) - min(p.span()[1], q.span()[1])
    for a in p.tokens():
        for b in q.tokens():
            if len(a) < 2 or len(b) < 2 or a[-1] != b[-1] or gap > 4:
                continue
            if a[0] == b[0] and (covered(a, b) or covered(b, a)):
                return True
            if a[1:] == b[1:] and (a[0].startswith(b[0]) or b[0].startswith(a[0]) or
                                   difflib.SequenceMatcher(None, a[0], b[0]).ratio() >= 0.8):
                return True
    return False


def absorb(keep: Person, drop: Person) -> None:
    keep.names += [n for n in drop.names if n not in keep.names]
    keep.roles += drop.roles
    keep.qid = keep.qid or drop.qid


def merge_duplicates(people: list[Person]) -> list[Person]:
    """Fold surname-only and variant-spelling entries into the one full-name person."""
    out: list[Person] = []
    for p in people:
        target = next((q for q in out if same_person(q, p)), None)
        if target:
            absorb(target, p)
        else:
            out.append(p)
    for p in [p for p in out if all(len(t) == 1 for t in p.tokens())]:
        hits = [q for q in out if q is not p and q.country == p.country and any(
            len(t) >= 2 and covered(pt, t) for t in q.tokens() for pt in p.tokens())]
        if len(hits) == 1:
            absorb(hits[0], p)
            out.remove(p)
    return out


def finalise(reg: Registry, curated: dict) -> list[dict]:
    curated_names = {(e["country"], e["name"]): e for e in curated.get("leaders", [])}
    out, used = [], Counter()
    reg.people = merge_duplicates(reg.people)
    for p in reg.people:
        merge_roles(p)
    close_timelines(reg.people)
    for p in reg.people:
        p.roles = [r for r in p.roles if r["to"] is None or year(r["to"]) >= SCOPE_YEAR]
        if not p.roles:
            continue
        name = display_name(p, curated_names)
        entry = curated_names.get((p.country, name), {})
        aliases = auto_aliases(p, name) | set(entry.get("aliases", [])) - {name}
        roles = sorted(({**r, "sources": sorted(r["sources"])} for r in p.roles),
                       key=lambda r: (r["from"], r["office"], r["title"]))
        sources = sorted({s for r in roles for s in r["sources"]}
                         | ({"wikidata"} if p.qid else set()) | ({"manual"} if entry else set()))
        out.append({"id": slugify(name), "name": name, "country": p.country,
                    "aliases": sorted(aliases), "wikidata": p.qid,
                    "roles": [{k: r[k] for k in ("title", "kind", "office", "country", "from",
                                                 "to", "sources")} for r in roles],
                    "sources": sources})
    for e in out:
        used[e["id"]] += 1
    for e in out:  # disambiguate namesakes by country, then by first year in office
        if used[e["id"]] > 1:
            e["id"] = f"{e['id']}-{slugify(e['country'])}"
    seen = Counter(e["id"] for e in out)
    for e in out:
        if seen[e["id"]] > 1:
            e["id"] = f"{e['id']}-{e['roles'][0]['from'][:4]}"
    return sorted(out, key=lambda e: e["id"])


def countries(leaders: list[dict], curated: dict, main_office: dict[str, Counter]) -> dict:
    """Adjectives/aliases per registry country, plus the office its main leader holds."""
    out = {}
    for c in sorted({e["country"] for e in leaders}):
        spec = curated.get(c) or {}
        stats = main_office.get(c)
        office = stats.most_common(1)[0][0] if stats else HEAD_OF_STATE
        out[c] = {"adjectives": list(spec.get("adjectives", [])),
                  "aliases": list(spec.get("aliases", [])), "main_office": office}
    return out


ABOUT = (
    "Heads of state and of government, 2000 to 2026, generated by tools/build_leaders.py from "
    "three datasets; each role lists the source(s) that attest it. "
    "wikidata: Wikidata statements via every-politician-scrapers/world-leaders-2021 (CC0 1.0). "
    "reign: Bell, Curtis, Clayton Besaw and Matthew Frank. 2021. The Rulers, Elections, and "
    "Irregular Governance (REIGN) Dataset. Broomfield, CO: One Earth Future "
    "(https://oefdatascience.github.io/REIGN.github.io/); only derived facts are shipped. "
    "gli: Herre, Bastian. 2023. Identifying Ideologues: A Global Dataset on Political Leaders, "
    "1945-2020. British Journal of Political Science 53(2): 740-748 "
    "(https://doi.org/10.1017/S0007123422000217); only derived facts are shipped. "
    "manual: hand-checked names, aliases and a few roles missing from all three "
    "(tools/leader_aliases.yaml). Dates are YYYY-MM-DD, or YYYY when only the year is known; "
    "'to' is null for a holder in office at the 2026 snapshot. Titled forms (Mr X, President X) "
    "are generated by the matcher, not stored.")


def build(data: Path) -> tuple[dict, dict, list[str]]:
    """Read the three sources under `data` and return (leaders.json, countries.json, skipped)."""
    tools = Path(__file__).resolve().parent
    curated = yaml.safe_load((tools / "leader_aliases.yaml").read_text(encoding="utf-8"))
    country_spec = yaml.safe_load((tools / "countries.yaml").read_text(encoding="utf-8"))
    reg = Registry(curated)
    load_wikidata(reg, data / "wikidata-world-leaders", curated)
    cow, main_office = load_gli(reg, data / "global-leader-ideologies"
                                / "global_leader_ideologies.csv")
    skipped = load_reign(reg, data / "reign" / "leaderlist_3_21.csv", cow, main_office)
    add_manual(reg, curated)
    leaders = finalise(reg, curated)
    return {"about": ABOUT, "leaders": leaders}, countries(leaders, country_spec,
                                                          main_office), skipped


def dump(obj: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=1, sort_keys=False) + "\n",
                    encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "leaders")
    ap.add_argument("--out", type=Path, default=ROOT / "digestgen" / "data" / "leaders.json")
    ap.add_argument("--countries-out", type=Path,
                    default=ROOT / "digestgen" / "data" / "countries.json")
    args = ap.parse_args(argv)
    leaders, country_map, skipped = build(args.data)
    dump(leaders, args.out)
    dump(country_map, args.countries_out)
    print(f"{len(leaders['leaders'])} leaders, {len(country_map)} countries -> {args.out}; "
          f"{len(skipped)} REIGN spells skipped (country not in GLI)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
