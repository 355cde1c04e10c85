"""Quality report of the shipped leaders registry (digestgen/data/leaders.json).

    python benchmarks/registry.py [--gaps N]

Prints: entries; entries whose display name gives a given name; aliases per entry; entries
per source; duplicate candidates (two entries of one country holding the same one-holder office
at the same time, or with nearly the same name); gaps (country-years 1995-2026 with no head of
state or of government in the registry), and the leaders left out for lack of a given name.
"""

from __future__ import annotations

import argparse
import datetime
import difflib
import json
import re
from collections import Counter, defaultdict
from importlib import resources
from typing import Any

from anyascii import anyascii

ONE_HOLDER = {
    "president",
    "prime minister",
    "premier",
    "chancellor",
    "king",
    "queen",
    "monarch",
    "emir",
    "sultan",
    "taoiseach",
    "supreme leader",
    "pope",
    "emperor",
}
YEARS = range(1995, 2027)


def _day(value: str | None, default: datetime.date) -> datetime.date:
    if not value:
        return default
    parts = [int(p) for p in value.split("-")]
    return datetime.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def _span(role: dict[str, Any]) -> tuple[datetime.date, datetime.date]:
    return _day(role["from"], datetime.date(1900, 1, 1)), _day(role["to"], datetime.date(2027, 1, 1))


def _tokens(name: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", anyascii(name).lower()).split())


def given_name(name: str) -> bool:
    """A display name of two or more words without initials (or a monarch's regnal name)."""
    words = name.split()
    regnal = len(words) >= 2 and re.fullmatch(r"[IVX]+", words[-1]) is not None
    initial = any(re.fullmatch(r"(?:\w\.)+\w?\.?,?|\w", w) for w in (words[0], words[-1]))
    return (len(words) >= 2 or regnal) and not (initial and not regnal)


def duplicates(leaders: list[dict[str, Any]]) -> list[str]:
    """Pairs that look like one person: same office at once, or nearly the same name."""
    out = []
    by_office: dict[tuple[str, str, str], list[tuple[datetime.date, datetime.date, str]]] = defaultdict(list)
    for e in leaders:
        for r in e["roles"]:
            if r["kind"] in ONE_HOLDER:
                by_office[(r["country"], r["office"], r["kind"])].append((*_span(r), e["id"]))
    for (country, _, kind), spans in sorted(by_office.items()):
        spans.sort()
        for i, (a0, a1, a) in enumerate(spans):
            for b0, b1, b in spans[i + 1 :]:
                if b0 >= a1:
                    break
                if a != b and (min(a1, b1) - max(a0, b0)).days > 366:
                    out.append(f"{a} / {b}: both {kind} of {country} {max(a0, b0).year}-{min(a1, b1).year}")
    by_country: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in leaders:
        by_country[e["country"]].append(e)
    for country, entries in sorted(by_country.items()):
        names = [(_tokens(e["name"]), e["id"]) for e in entries]
        for i, (x, a) in enumerate(names):
            for y, b in names[i + 1 :]:
                if difflib.SequenceMatcher(None, x, y).ratio() >= 0.9:
                    out.append(f"{a} / {b}: names nearly the same ({country})")
    return out


def gaps(leaders: list[dict[str, Any]], countries: dict[str, Any]) -> dict[str, dict[str, list[int]]]:
    """Per country: the years 1995-2026 with no head of state, no head of government, no leader."""
    held: dict[tuple[str, str], set[int]] = defaultdict(set)
    for e in leaders:
        for r in e["roles"]:
            start, end = _span(r)
            for y in YEARS:
                if start <= datetime.date(y, 12, 31) and end > datetime.date(y, 1, 1):
                    held[(r["country"], r["office"])].add(y)
    out = {}
    for c in sorted(countries):
        state, gov = held[(c, "head_of_state")], held[(c, "head_of_government")]
        out[c] = {
            "no head of state": [y for y in YEARS if y not in state],
            "no head of government": [y for y in YEARS if y not in gov],
            "no leader": [y for y in YEARS if y not in state | gov],
        }
    return out


def _years(ys: list[int]) -> str:
    runs: list[list[int]] = []
    for y in ys:
        if runs and runs[-1][1] == y - 1:
            runs[-1][1] = y
        else:
            runs.append([y, y])
    return ", ".join(f"{a}" if a == b else f"{a}-{b}" for a, b in runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--gaps", type=int, default=25, help="country rows of the gap table to print")
    args = parser.parse_args()
    data = resources.files("digestgen.data")
    registry = json.loads(data.joinpath("leaders.json").read_text(encoding="utf-8"))
    countries = json.loads(data.joinpath("countries.json").read_text(encoding="utf-8"))
    officials = json.loads(data.joinpath("officials.json").read_text(encoding="utf-8"))["officials"]
    leaders = registry["leaders"]
    aliases = [len(e["aliases"]) for e in leaders]
    kinds = Counter(a.get("kind", "name") for e in leaders for a in e["aliases"])
    in_scope = [e for e in leaders if any(_span(r)[1].year >= 1995 for r in e["roles"])]
    print("| measure | value |\n|---|---:|")
    rows = [
        ("entries", len(leaders)),
        ("entries in office 1995-2026", len(in_scope)),
        ("entries whose display name gives a given name", sum(given_name(e["name"]) for e in leaders)),
        (
            "display name a bare surname or an initial",
            sum(not given_name(e["name"]) for e in leaders if len(e["name"].split()) >= 2),
        ),
        ("aliases per entry (mean)", f"{sum(aliases) / len(leaders):.2f}"),
        ("aliases per entry (median)", sorted(aliases)[len(aliases) // 2]),
        ("entries with no alias", sum(a == 0 for a in aliases)),
        ("aliases: names / surnames / regnal", f"{kinds['name']} / {kinds['surname']} / {kinds['regnal']}"),
        ("aliases with their source", sum(bool(a.get("sources")) for e in leaders for a in e["aliases"])),
        ("entries with a Wikidata id", sum(bool(e.get("wikidata")) for e in leaders)),
        ("one-word display names (monarchs)", sum(len(e["name"].split()) == 1 for e in leaders)),
        ("leaders left out: no given name in any source", len(registry.get("unnamed", []))),
        ("officials (era evidence only)", len(officials)),
        ("countries", len(countries)),
    ]
    for label, value in rows:
        print(f"| {label} | {value} |")
    per_source = Counter(s for e in leaders for s in e["sources"])
    print("\n| source | entries |\n|---|---:|")
    for source, n in sorted(per_source.items()):
        print(f"| {source} | {n} |")
    dups = duplicates(leaders)
    print(f"\nduplicate candidates: {len(dups)}")
    for line in dups[:40]:
        print(f"  {line}")
    table = gaps(leaders, countries)
    total = len(countries) * len(YEARS)
    none = sum(len(g["no leader"]) for g in table.values())
    print(f"\ngaps, 1995-2026 ({len(countries)} countries, {total} country-years):")
    print(
        f"  no head of state or of government: {none} country-years in "
        f"{sum(bool(g['no leader']) for g in table.values())} countries"
    )
    print(
        f"  no head of state: {sum(len(g['no head of state']) for g in table.values())}; "
        f"no head of government: {sum(len(g['no head of government']) for g in table.values())} "
        "(presidents who also govern are counted as heads of state only)"
    )
    worst = sorted(((len(g["no leader"]), c) for c, g in table.items() if g["no leader"]), reverse=True)
    print("\n| country | years with no head of state or of government |\n|---|---|")
    for _, c in worst[: args.gaps]:
        print(f"| {c} | {_years(table[c]['no leader'])} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
