"""What the shared datasets say about the day an office began or ended, for one holder of the
built registry: REIGN spells (exact start day, end month), GLI's holders on 31 December, and the
Wikidata history's listings (first_seen, last_seen). tools/check_office_dates.py uses it to list
the offices dated only to the year, to derive days the data gives, and to check curated days."""

from __future__ import annotations

import bisect
import datetime
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from digestgen.taxonomy.roles import HEAD_OF_GOVERNMENT, HOG_KINDS, normalise_kind
from leaders_build.names import HONORIFICS, PARTICLES, full_names_match, norm_tokens, similar, strict_match
from leaders_build.readers import COW_EXTRA, country, read_csv

_PATRONYMIC = re.compile(r"(ovych|evych|ovich|evich|ovna|evna|ivna)$")
EARLY = 250
"""Most days a holder may be listed before taking office (Prabowo: elected February, sworn October)."""


@dataclass(frozen=True)
class Spell:
    """One REIGN leader spell: the de facto leader from `start` (a day) to `end` (a month)."""

    country: str
    leader: str
    start: str
    end: str | None
    """YYYY-MM, or None when the spell was open at the March 2021 release."""


@dataclass(frozen=True)
class Holder:
    """A registry entry: its names as tokens, Wikidata id and roles."""

    name: str
    country: str
    tokens: tuple[tuple[str, ...], ...]
    qid: str | None
    roles: tuple[dict[str, Any], ...]

    shared: frozenset[str] = frozenset()
    """Surnames another holder of the same country bears too (Idriss and Mahamat Déby)."""

    def named(self, name: str) -> bool:
        """A dataset's name for this person: the same words, a spelling of them, or a surname
        that fits and is no other holder's."""
        toks = _core(norm_tokens(name))
        if len(toks) == 1:
            word = toks[0]
            return word not in self.shared and any(
                len(t) >= 2 and (word in t or any(similar(word, w, 0.85) for w in t[1:] if not _PATRONYMIC.search(w)))
                for t in self.tokens
            )
        return any(
            toks == t or (len(set(toks)) >= 2 and len(set(t)) >= 2 and strict_match(toks, t))
            for t in map(_core, self.tokens)
        )


def _core(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """A name's words without titles and particles ("Sheikh", "bin", "al"), which match too easily."""
    return tuple(t for t in tokens if t not in HONORIFICS and t not in PARTICLES) or tokens


@dataclass(frozen=True)
class Sources:
    reign: dict[str, list[Spell]]
    """Country -> spells by start."""
    gli: dict[tuple[str, int], dict[str, str]]
    """(country, year) -> the row for 31 December of that year."""
    history: list[dict[str, str]]
    latest: list[dict[str, str]]
    snapshots: list[str]


def load(data: Path) -> Sources:
    gli_rows = read_csv(data / "global-leader-ideologies" / "global_leader_ideologies.csv")
    cow = dict(COW_EXTRA) | {r["country_code_cow"]: country(r["country_name"]) for r in gli_rows}
    gli = {(country(r["country_name"]), int(r["year"])): r for r in gli_rows if int(r["year"]) >= 2000}
    reign: dict[str, list[Spell]] = defaultdict(list)
    for r in read_csv(data / "reign" / "leaderlist_3_21.csv"):
        if r["ccode"] not in cow or (r["eyear"] and int(r["eyear"]) < 2000):
            continue
        start = f"{int(r['syear']):04d}-{int(r['smonth']):02d}-{int(r['sdate']):02d}"
        end = f"{int(r['eyear']):04d}-{int(r['emonth']):02d}" if r["eyear"] else None
        reign[cow[r["ccode"]]].append(Spell(cow[r["ccode"]], r["leader"], start, end))
    for spells in reign.values():
        spells.sort(key=lambda s: s.start)
    folder = data / "wikidata-world-leaders"
    history = read_csv(folder / "wikidata-history.csv")
    snapshots = sorted({r[k] for r in history for k in ("first_seen", "last_seen")})
    return Sources(dict(reign), gli, history, read_csv(folder / "wikidata-2026.csv"), snapshots)


def holders(registry: dict[str, Any]) -> list[Holder]:
    people = []
    bearers: dict[tuple[str, str], set[str]] = defaultdict(set)
    for e in registry["leaders"]:
        names = [e["name"], *(a["name"] for a in e["aliases"] if a.get("kind") != "surname")]
        toks = tuple(dict.fromkeys(norm_tokens(n) for n in names if norm_tokens(n)))
        people.append((e, toks))
        for where in {e["country"], *(r["country"] for r in e["roles"])}:
            for t in toks:
                bearers[(where, t[-1])].add(e["id"])
    out = []
    for e, toks in people:
        wheres = {e["country"], *(r["country"] for r in e["roles"])}
        shared = frozenset(t[-1] for t in toks for w in wheres if len(bearers[(w, t[-1])]) > 1)
        out.append(Holder(e["name"], e["country"], toks, e["wikidata"], tuple(e["roles"]), shared))
    return out


def find(people: list[Holder], name: str, where: str) -> list[Holder]:
    """Registry entries of `where` with that full name (as tools/leaders_build/curated.py finds them)."""
    toks = norm_tokens(name)
    return [
        h
        for h in people
        if where in {h.country, *(r["country"] for r in h.roles)}
        and any(t == toks or full_names_match(toks, t) for t in h.tokens)
    ]


def _year(value: str | None) -> int | None:
    return int(value[:4]) if value else None


def spells_of(src: Sources, h: Holder, role: dict[str, Any]) -> list[Spell]:
    """REIGN spells of `h` in the role's country that overlap the role's years."""
    lo, hi = _year(role["from"]) or 0, _year(role["to"]) or 9999
    return [
        s
        for s in src.reign.get(role["country"], [])
        if h.named(s.leader) and int(s.start[:4]) <= hi and (s.end is None or int(s.end[:4]) >= lo)
    ]


def next_spell(src: Sources, spell: Spell) -> Spell | None:
    spells = src.reign.get(spell.country, [])
    later = [s for s in spells if s.start > spell.start]
    return later[0] if later else None


def gli_holds(src: Sources, h: Holder, role: dict[str, Any], year: int) -> bool | None:
    """Whether GLI has `h` in the role's office on 31 December of `year`: True, False, or None
    when GLI cannot say (no row; a head of state who is neither head of government nor leader)."""
    row = src.gli.get((role["country"], year))
    if row is None:
        return None
    hog = row["hog"].strip()
    if (
        hog
        and h.named(hog)
        and (role["office"] == HEAD_OF_GOVERNMENT or normalise_kind(row["hog_title"]) == role["kind"])
    ):
        return True
    leader = row["leader"].strip()
    if leader and h.named(leader) and normalise_kind(row["leader_position"] or "") == role["kind"]:
        return True
    if role["office"] == HEAD_OF_GOVERNMENT and hog and normalise_kind(row["hog_title"]) in HOG_KINDS:
        return False  # GLI names every prime minister: someone else held it
    return None


def wikidata_rows(src: Sources, h: Holder, role: dict[str, Any]) -> list[dict[str, str]]:
    """History rows of `h`'s Wikidata id for an office of the role's kind."""
    if not h.qid:
        return []
    return [
        r
        for r in src.history
        if r["officeholder"] == h.qid and normalise_kind(r["positionLabel"]) in (role["kind"], None)
    ]


def snapshot_before(src: Sources, day: str) -> str | None:
    i = bisect.bisect_left(src.snapshots, day)
    return src.snapshots[i - 1] if i > 0 else None


def days_between(a: str, b: str) -> int:
    return (datetime.date.fromisoformat(b) - datetime.date.fromisoformat(a)).days


def start_evidence(src: Sources, h: Holder, role: dict[str, Any], day: str) -> tuple[list[str], list[str]]:
    """(contradictions, notes) for an office of `h` that began on `day`."""
    bad: list[str] = []
    notes: list[str] = []
    y = int(day[:4])
    for s in spells_of(src, h, role):
        if int(s.start[:4]) == y and s.start != day:
            bad.append(f"reign: the spell of {s.leader} starts {s.start}")
        elif s.start == day:
            notes.append("reign: same day")
    before, after = gli_holds(src, h, role, y - 1), gli_holds(src, h, role, y)
    open_at_year_end = (
        role["to"] is None or role["to"][:4] > str(y) or (len(role["to"]) > 4 and role["to"] > f"{y}-12-31")
    )
    if before:
        bad.append(f"gli: already in office on 31 December {y - 1}")
    if after is False and open_at_year_end and src.gli.get((role["country"], y)):
        bad.append(f"gli: {src.gli[(role['country'], y)]['hog']} held the office on 31 December {y}")
    elif after:
        notes.append(f"gli: in office on 31 December {y}")
    rows = [r for r in wikidata_rows(src, h, role) if r["start_year"] == day[:4]]
    if rows:
        first = min(r["first_seen"] for r in rows)
        ahead = days_between(day, first)
        prior = snapshot_before(src, first)
        if -ahead > EARLY:
            bad.append(f"wikidata: listed from {first}, {-ahead} days before the day")
        elif ahead < 0:
            notes.append(f"wikidata: listed {-ahead} days early, from {first}")
        elif prior and day <= prior:
            notes.append(f"wikidata: listed late, from {first} (not in {prior})")
        else:
            notes.append(f"wikidata: first listed {first} (not in {prior})")
    elif any(r["start_year"] and r["start_year"] != day[:4] for r in wikidata_rows(src, h, role)):
        years = sorted({r["start_year"] for r in wikidata_rows(src, h, role)})
        if all(abs(int(x) - y) > 1 for x in years if x.isdigit()):
            notes.append(f"wikidata: terms from {', '.join(years)}")
    return bad, notes


def end_evidence(src: Sources, h: Holder, role: dict[str, Any], day: str) -> tuple[list[str], list[str]]:
    """(contradictions, notes) for an office of `h` that ended on `day`."""
    bad: list[str] = []
    notes: list[str] = []
    y = int(day[:4])
    for s in spells_of(src, h, role):
        if s.end and int(s.end[:4]) == y:
            if s.end != day[:7]:
                bad.append(f"reign: the spell of {s.leader} ends {s.end}")
            else:
                nxt = next_spell(src, s)
                same = nxt and nxt.start[:7] == s.end
                notes.append(f"reign: ends {s.end}" + (f", next spell from {nxt.start}" if same and nxt else ""))
    before, after = gli_holds(src, h, role, y - 1), gli_holds(src, h, role, y)
    started_before = (_year(role["from"]) or 0) < y
    if after:
        bad.append(f"gli: still in office on 31 December {y}")
    if before is False and started_before:
        bad.append(f"gli: {src.gli[(role['country'], y - 1)]['hog']} held the office on 31 December {y - 1}")
    for r in wikidata_rows(src, h, role):
        if int(r["start_year"] or 0) > y or (r["end_year"] and int(r["end_year"]) < (_year(role["from"]) or 0)):
            continue  # a later term, or one that ended before this office began
        if r["end_year"] and r["end_year"] != day[:4]:
            bad.append(f"wikidata: end year {r['end_year']}")
        elif not r["end_year"] and r["last_seen"] > day:
            notes.append(f"wikidata: still listed without an end until {r['last_seen']}")
    return bad, notes


def derived_start(src: Sources, h: Holder, role: dict[str, Any]) -> str | None:
    """The day a REIGN spell of `h` gives an office that began in the same year."""
    days = {s.start for s in spells_of(src, h, role) if s.start[:4] == role["from"][:4]}
    return days.pop() if len(days) == 1 else None


def derived_end(src: Sources, h: Holder, role: dict[str, Any]) -> str | None:
    """The day the next REIGN spell began, when `h`'s spell ends in the office's end year and that
    month (REIGN gives an end's month; its successor's start gives the day)."""
    found = set()
    for s in spells_of(src, h, role):
        if s.end and s.end[:4] == role["to"][:4]:
            nxt = next_spell(src, s)
            if nxt and nxt.start[:7] == s.end and not h.named(nxt.leader):
                found.add(nxt.start)
    return found.pop() if len(found) == 1 else None


def gli_years(src: Sources, h: Holder, role: dict[str, Any], year: int) -> str:
    """GLI's head of government (and leader) on 31 December of the years around `year`."""
    parts = []
    for y in (year - 1, year):
        row = src.gli.get((role["country"], y))
        if row:
            held = gli_holds(src, h, role, y)
            mark = {True: "yes", False: "no", None: "?"}[held]
            parts.append(f"31 Dec {y}: {mark} (hog {row['hog'] or '-'}, leader {row['leader'] or '-'})")
    return "; ".join(parts)
