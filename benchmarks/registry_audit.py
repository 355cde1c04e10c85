"""Audit the shipped registry: who led each sovereign state on 1 January of each year 2015-2026.

    python benchmarks/registry_audit.py [--data ../shared/data/leaders] [--years 2015-2026] [--all]

For every country of tools/countries.yaml and every 1 January, the shared datasets say who held
office then:

- GLI (head of government and effective leader, as of 31 December of the year before; to 2020),
- REIGN (the effective leader, by spell with exact start days; to March 2021),
- the Wikidata history (heads of state and government listed by snapshots on both sides of the
  day, with no end before it; August 2021 to October 2024) and the 2026 snapshot (holders with
  no end, for 1 January 2026, and holders whose years cover a whole earlier year).

Each such holder must be in the registry with a role in that country covering the day. The gaps
are printed, one a line, with the source that expects the holder; so are country-years with no
head of state or of government at all. `audit()` is what tests/test_registry_audit.py samples.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from anyascii import anyascii

from digestgen.taxonomy.roles import normalise_kind

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "leaders"
SKIP = re.compile(r"^(?:houthi|military|junta|taliban|council|vacant|none|q\d+)", re.I)
COUNTRY_FIX = {
    "People's Republic of China": "China",
    "Kingdom of Denmark": "Denmark",
    "Kingdom of the Netherlands": "Netherlands",
    "The Bahamas": "Bahamas",
    "São Tomé and Príncipe": "Sao Tome and Principe",
    "United States of America": "United States",
    "Burma/Myanmar": "Myanmar",
    "Federated States of Micronesia": "Micronesia",
    "East Timor": "Timor-Leste",
    "State of Palestine": "Palestine",
    "Côte d'Ivoire": "Ivory Coast",
    "Republic of Ireland": "Ireland",
    "Islamic Emirate of Afghanistan": "Afghanistan",
    "Islamic Republic of Afghanistan": "Afghanistan",
}


@dataclass(frozen=True)
class Expected:
    """A holder a dataset says was in office in `country` on 1 January `year`."""

    country: str
    year: int
    name: str
    source: str


def _tokens(name: str) -> tuple[str, ...]:
    low = re.sub(r"\b(?:al|el|ad|ash|as|at|ar|an|az)-", "", anyascii(name).lower())
    return tuple(re.sub(r"[^a-z0-9]+", " ", low).split())


def _read(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.read_bytes().decode("utf-8", errors="replace").splitlines()))


def _day(value: str | None, first: bool) -> datetime.date | None:
    """The first (or last) day a partial date can be; None for an open end."""
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return datetime.date(*parts)
    if len(parts) == 2:
        return datetime.date(parts[0], parts[1], 1) if first else datetime.date(parts[0], parts[1], 28)
    return datetime.date(parts[0], 1, 1) if first else datetime.date(parts[0], 12, 31)


def expected(data: Path, years: range, countries: set[str], cow: dict[str, str]) -> Iterator[Expected]:
    """Every holder the shared datasets place in office on 1 January of `years`."""
    for r in _read(data / "global-leader-ideologies" / "global_leader_ideologies.csv"):
        year, where = int(r["year"]) + 1, COUNTRY_FIX.get(r["country_name"], r["country_name"])
        if year in years and where in countries:
            for name, what in ((r["hog"], "gli head of government"), (r["leader"], "gli effective leader")):
                if name.strip() and not SKIP.match(name.strip()):
                    yield Expected(where, year, name.strip(), what)
    for r in _read(data / "reign" / "leaderlist_3_21.csv"):
        where = cow.get(r["ccode"])
        start = datetime.date(int(r["syear"]), int(r["smonth"]), int(r["sdate"]))
        end = datetime.date(int(r["eyear"]), int(r["emonth"]), 1) if r["eyear"] else datetime.date(2021, 3, 1)
        for year in years:
            if where in countries and start < datetime.date(year, 1, 1) < end and not SKIP.match(r["leader"]):
                yield Expected(where, year, r["leader"], "reign")
    folder = data / "wikidata-world-leaders"
    curated = yaml.safe_load((REPO / "tools" / "leader_aliases.yaml").read_text(encoding="utf-8"))
    dropped = {(d["qid"], d["position"]) for d in curated.get("wikidata_drop", [])}
    for r in _read(folder / "wikidata-history.csv"):
        where = COUNTRY_FIX.get(r["country"], r["country"])
        if (r["officeholder"], r["position"]) in dropped or not normalise_kind(r["positionLabel"]):
            continue  # rows the tool leaves out as mistakes; offices that are no head's (a council)
        for year in years:
            day = f"{year}-01-01"
            if (
                where in countries
                and r["first_seen"] <= day <= r["last_seen"]
                and int(r["start_year"]) < year
                and (not r["end_year"] or int(r["end_year"]) > year)
                and not SKIP.match(r["officeholderLabel"])
            ):
                yield Expected(where, year, r["officeholderLabel"], "wikidata history")
    for r in _read(folder / "wikidata-2026.csv"):
        where = COUNTRY_FIX.get(r["country"], r["country"])
        if (r["officeholder"], r["position"]) in dropped or not normalise_kind(r["positionLabel"]):
            continue
        for year in years:
            open_now = not r["end_year"] and year == max(years) == 2026
            whole = int(r["start_year"]) < year and (not r["end_year"] or int(r["end_year"]) > year)
            listed = where in countries and int(r["start_year"]) < year and (open_now or whole)
            if listed and not SKIP.match(r["officeholderLabel"]) and int(r["start_year"]) >= 1900:
                yield Expected(where, year, r["officeholderLabel"], "wikidata 2026")


def _index(leaders: list[dict[str, Any]]) -> dict[str, list[tuple[set[tuple[str, ...]], dict[str, Any]]]]:
    """Per country: (every name form as tokens, role) of every role held there."""
    out: dict[str, list[tuple[set[tuple[str, ...]], dict[str, Any]]]] = defaultdict(list)
    for e in leaders:
        names = {_tokens(e["name"])} | {_tokens(a["name"]) for a in e["aliases"]}
        for r in e["roles"]:
            out[r["country"]].append((names, r))
    return out


def _covers(role: dict[str, Any], day: datetime.date) -> bool:
    """The role surely began by `day` and may not have ended before it (an end known only to the
    year is when GLI stopped listing the holder on 31 December: they were there on 1 January)."""
    start, end = _day(role["from"], first=False), _day(role["to"], first=False)
    return (start is None or start <= day) and (end is None or day < end)


def _same(a: tuple[str, ...], names: set[tuple[str, ...]]) -> bool:
    """A dataset's name is one of the entry's: equal, or every word of the shorter in the longer."""
    return any(a == n or (n and (set(a) <= set(n) or (len(n) >= 2 and set(n) <= set(a)))) for n in names)


def audit(
    leaders: list[dict[str, Any]], data: Path, years: range, countries: set[str], cow: dict[str, str]
) -> tuple[list[str], dict[tuple[str, int], dict[str, list[str]]]]:
    """(gaps, holders): each expected holder not in office in the registry on the day, and per
    (country, year) the registry's holders by office on 1 January."""
    index = _index(leaders)
    gaps = []
    seen = set()
    for x in expected(data, years, countries, cow):
        key = (x.country, x.year, _tokens(x.name))
        if key in seen:
            continue
        seen.add(key)
        day = datetime.date(x.year, 1, 1)
        if not any(_same(key[2], names) and _covers(r, day) for names, r in index.get(x.country, ())):
            known = any(_same(key[2], names) for names, _ in index.get(x.country, ()))
            why = "in the registry, but not in office that day" if known else "not in the registry"
            gaps.append(f"{x.year} {x.country}: {x.name} ({x.source}) {why}")
    holders: dict[tuple[str, int], dict[str, list[str]]] = {}
    by_id = {id(r): e["name"] for e in leaders for r in e["roles"]}
    for country in sorted(countries):
        for year in years:
            day = datetime.date(year, 1, 1)
            found: dict[str, list[str]] = defaultdict(list)
            for _, r in index.get(country, ()):
                if _covers(r, day):
                    found[r["office"]].append(by_id[id(r)])
            holders[(country, year)] = dict(found)
    return sorted(set(gaps)), holders


def _cow(data: Path) -> dict[str, str]:
    out = {}
    for r in _read(data / "global-leader-ideologies" / "global_leader_ideologies.csv"):
        out[r["country_code_cow"]] = COUNTRY_FIX.get(r["country_name"], r["country_name"])
    sys.path.insert(0, str(REPO / "tools"))
    from leaders_build.readers import COW_EXTRA

    return out | COW_EXTRA


def shipped() -> tuple[list[dict[str, Any]], set[str]]:
    data = json.loads(resources.files("digestgen.data").joinpath("leaders.json").read_text(encoding="utf-8"))
    spec = yaml.safe_load((REPO / "tools" / "countries.yaml").read_text(encoding="utf-8"))
    return data["leaders"], set(spec)


def main() -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--years", default="2015-2026")
    ap.add_argument("--all", action="store_true", help="also print every country-year's holders")
    args = ap.parse_args()
    first, last = (int(y) for y in args.years.split("-"))
    leaders, countries = shipped()
    gaps, holders = audit(leaders, args.data, range(first, last + 1), countries, _cow(args.data))
    none = [f"{y} {c}: no head of state or of government" for (c, y), h in holders.items() if not h]
    both = [
        f"{y} {c}: {len(v)} holders of the {office.replace('_', ' ')}: {', '.join(sorted(v))}"
        for (c, y), h in holders.items()
        for office, v in h.items()
        if len(v) > 1 and len(set(v)) > 1
    ]
    print(f"{len(countries)} countries x {last - first + 1} years; 1 January of each\n")
    print(f"expected holders missing ({len(gaps)}):")
    print("\n".join(f"  {g}" for g in gaps) or "  none")
    print(f"\ncountry-years with nobody in office ({len(none)}):")
    print("\n".join(f"  {g}" for g in none) or "  none")
    print(f"\ncountry-years with several holders of one office ({len(both)}; co-rulers and councils are expected):")
    print("\n".join(f"  {g}" for g in both) or "  none")
    if args.all:
        for (c, y), h in sorted(holders.items()):
            print(f"{y} {c}: " + "; ".join(f"{o}: {', '.join(v)}" for o, v in sorted(h.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
