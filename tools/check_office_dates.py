#!/usr/bin/env python3
"""Check the curated office days (tools/office_dates.yaml) against the shared datasets.

    python tools/check_office_dates.py [--data ../shared/data/leaders]
    python tools/check_office_dates.py --partial [--years 2010-2025]

Every curated start and end, and every end the build took from a curated start (the predecessor
in the same office), is checked against the built registry (the day must be there: the build
applied the row) and against the datasets (tools/leaders_build/dating.py):

- REIGN gives each spell's start day and end month: a start in the spell's start year must be
  that day, an end in the spell's end year must fall in that month;
- GLI names the head of government (and the effective leader, with their position) on 31
  December of each year: a holder must not be in office on the 31 December before a start or
  after an end, and a head of government who took office must be the one named at the year's end;
- the Wikidata history lists a holder from a snapshot after taking office (or, once elected, at
  most `EARLY` days before); its end years must agree with an end.

A disagreement listed under `explained:` in office_dates.yaml (with why) is printed as explained;
any other is a contradiction, and the exit code is 1. `--partial` lists every office of the
built registry whose start or end in those years is known only to the year or month, with what
each dataset says, the day the data itself gives where it gives one, and the rows left at the
year on purpose (`left_at_year:`).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tools")]

from leaders_build import dating
from leaders_build.curated import office_starts
from leaders_build.names import norm_tokens

DATES = ROOT / "tools" / "office_dates.yaml"


def _key(name: str, where: str, *rest: str) -> tuple[str, ...]:
    return (" ".join(norm_tokens(name)), where, *rest)


def _edges(people: list[dating.Holder]) -> list[tuple[str, str, str, str, list[tuple[dating.Holder, Any]]]]:
    """(name, country, edge, day, offices) for every curated day, and for every end the build took
    from a curated start (the predecessor in the same office ends on the successor's day)."""
    out = []
    for which in ("office_starts", "office_ends"):
        edge = "from" if which == "office_starts" else "to"
        for name, where, day, _ in office_starts(DATES, which):
            found = [
                (h, r)
                for h in dating.find(people, name, where)
                for r in h.roles
                if r["country"] == where and r[edge] == day
            ]
            out.append((name, where, edge, day, found))
            if edge == "to":
                continue
            offices = {r["office"] for _, r in found}
            mine = {id(h) for h, _ in found}
            for h in people:
                ended = [
                    r
                    for r in h.roles
                    if r["country"] == where and r["office"] in offices and r["to"] == day and r["from"] < day
                ]
                if ended and id(h) not in mine:
                    out.append((h.name, where, "to", day, [(h, r) for r in ended]))
    unique: dict[tuple[str, str, str, str], list[tuple[dating.Holder, Any]]] = {}
    for name, where, edge, day, found in out:
        unique.setdefault((name, where, edge, day), found)
    return [(*key, found) for key, found in unique.items()]


def check(src: dating.Sources, people: list[dating.Holder], curated: dict[str, Any]) -> int:
    explained = {_key(n, c, d, s): why for n, c, d, s, why in curated.get("explained") or []}
    used: set[tuple[str, ...]] = set()
    counts: Counter[str] = Counter()
    bad = []
    for name, where, edge, day, found in _edges(people):
        if not found:
            bad.append(f"{name} ({where}): no office in the registry {'starts' if edge == 'from' else 'ends'} {day}")
            continue
        problems: list[str] = []
        notes: list[str] = []
        for h, r in found:
            judge = dating.start_evidence if edge == "from" else dating.end_evidence
            p, n = judge(src, h, r, day)
            problems += p
            notes += n
        counts["checked"] += 1
        counts["with dataset evidence"] += bool(problems or notes)
        for line in dict.fromkeys(problems):
            key = _key(name, where, day, line.split(":")[0])
            if key in explained:
                used.add(key)
                counts["explained"] += 1
                print(f"explained: {name} ({where}) {edge} {day}: {line} -- {explained[key]}")
            else:
                bad.append(f"{name} ({where}) {edge} {day}: {line}")
        for line in dict.fromkeys(notes):
            if "early" in line or "late" in line:
                counts["listed early" if "early" in line else "listed late"] += 1
                print(f"note: {name} ({where}) {edge} {day}: {line}")
    for key in explained.keys() - used:
        bad.append(f"explained: nothing disagrees any more for {key} (drop the explanation)")
    for line in bad:
        print(f"CONTRADICTS: {line}")
    print(", ".join(f"{k}: {v}" for k, v in counts.items()) + f", contradicting: {len(bad)}")
    return 1 if bad else 0


def partial(src: dating.Sources, people: list[dating.Holder], curated: dict[str, Any], lo: int, hi: int) -> int:
    left = {_key(n, c, w, str(y)): why for n, c, w, y, why in curated.get("left_at_year") or []}
    counts: Counter[str] = Counter()
    lines = []
    offices: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for h in people:
        for r in h.roles:
            offices[(r["country"], r["office"])].append((r["from"], r["to"] or "", h.name))
    for h in people:
        for r in h.roles:
            for edge, which in (("from", "start"), ("to", "end")):
                value = r[edge]
                if not value or len(value) == 10 or not lo <= int(value[:4]) <= hi:
                    continue
                y = int(value[:4])
                span = "2010-2018" if y <= 2018 else "2019-2025" if y <= 2025 else str(y)
                counts[f"{which}s {span}"] += 1
                derived = dating.derived_start(src, h, r) if edge == "from" else dating.derived_end(src, h, r)
                why = left.get(_key(h.name, r["country"], which, value[:4]))
                status = f"left: {why}" if why else f"derived {derived}" if derived else "open"
                counts[status.split()[0].rstrip(":")] += 1
                others = sorted(x for x in offices[(r["country"], r["office"])] if x[2] != h.name)
                before = [x for x in others if x[0][:4] < r["from"][:4] or x[0] < r["from"]]
                after = [x for x in others if x[0][:4] > r["from"][:4] or x[0] > r["from"]]
                hints = [f"prev {before[-1][2]} {before[-1][0]}..{before[-1][1]}" if before else ""]
                hints += [f"next {after[0][2]} {after[0][0]}..{after[0][1]}" if after else ""]
                hints += [dating.gli_years(src, h, r, y)]
                hints += [f"reign {s.leader} {s.start}..{s.end or ''}" for s in dating.spells_of(src, h, r)]
                hints += [
                    f"wikidata {w['start_year']}-{w['end_year']} seen {w['first_seen']}..{w['last_seen']}"
                    for w in dating.wikidata_rows(src, h, r)
                ]
                lines.append(
                    f"{r['country']} | {which} {value} | {h.name} | {r['kind']} {r['from']}..{r['to'] or ''} | "
                    f"{','.join(r['sources'])} | {status} | {' ; '.join(x for x in hints if x)}"
                )
    for line in sorted(lines):
        print(line)
    print(", ".join(f"{k}: {v}" for k, v in sorted(counts.items())))
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "leaders")
    ap.add_argument("--registry", type=Path, default=ROOT / "digestgen" / "data" / "leaders.json")
    ap.add_argument("--partial", action="store_true", help="list the offices dated only to the year or month")
    ap.add_argument("--years", default="2010-2025", help="with --partial: the years to list (default 2010-2025)")
    args = ap.parse_args(argv)
    src = dating.load(args.data)
    people = dating.holders(json.loads(args.registry.read_text(encoding="utf-8")))
    curated = yaml.safe_load(DATES.read_text(encoding="utf-8")) or {}
    if args.partial:
        lo, _, hi = args.years.partition("-")
        return partial(src, people, curated, int(lo), int(hi or lo))
    return check(src, people, curated)


if __name__ == "__main__":
    sys.exit(main())
