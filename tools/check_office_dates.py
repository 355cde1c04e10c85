#!/usr/bin/env python3
"""Check the curated office days (tools/office_dates.yaml) against the Wikidata snapshots.

    python tools/check_office_dates.py [--data ../shared/data/leaders]

The Wikidata history (wikidata-history.csv) records, for every holder its query listed, the first
and last snapshot that did (first_seen, last_seen). A holder is listed from a snapshot after taking
office (or, with a future start, once elected or designated), so a curated day must fall in the
holder's start year, and on or before first_seen unless the holder was listed ahead of the day (at
most `EARLY` days: an election is rarely further ahead of an inauguration); when an earlier
snapshot did not list them yet, the day should fall after it, or Wikidata was late. Every early or
late listing is printed. Holders only in the 2026 snapshot are checked against its start year.
Exit 1 if a day contradicts the data.
"""

from __future__ import annotations

import argparse
import bisect
import datetime
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tools")]

from leaders_build.curated import office_starts
from leaders_build.names import norm_tokens
from leaders_build.readers import read_csv

EARLY = 250
"""Most days a holder may be listed before taking office (Prabowo: elected February, sworn October)."""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "leaders")
    args = ap.parse_args(argv)
    folder = args.data / "wikidata-world-leaders"
    history = read_csv(folder / "wikidata-history.csv")
    latest = read_csv(folder / "wikidata-2026.csv")
    snapshots = sorted({r[k] for r in history for k in ("first_seen", "last_seen")})
    registry = json.loads((ROOT / "digestgen" / "data" / "leaders.json").read_text(encoding="utf-8"))
    qids: dict[tuple[str, tuple[str, ...]], set[str]] = {}
    for e in registry["leaders"]:
        for n in [e["name"], *(a["name"] for a in e["aliases"])]:
            if e["wikidata"]:
                qids.setdefault((e["country"], norm_tokens(n)), set()).add(e["wikidata"])
    counts = {
        "in bracket": 0,
        "listed early": 0,
        "listed late": 0,
        "year only (2026 snapshot)": 0,
        "no Wikidata row": 0,
    }
    bad = []
    for name, country, day, _ in office_starts(ROOT / "tools" / "office_dates.yaml"):
        ids = qids.get((country, norm_tokens(name)), set())
        rows = [r for r in history if r["officeholder"] in ids and r["start_year"] == day[:4]]
        now = [r for r in latest if r["officeholder"] in ids and r["start_year"] == day[:4]]
        if not rows:
            counts["year only (2026 snapshot)" if now else "no Wikidata row"] += 1
            continue
        first = min(r["first_seen"] for r in rows)
        before = snapshots[bisect.bisect_left(snapshots, first) - 1] if first > snapshots[0] else None
        ahead = (datetime.date.fromisoformat(day) - datetime.date.fromisoformat(first)).days
        if ahead > EARLY:
            bad.append(f"{name} ({country}): {day} is {ahead} days after {first}, when Wikidata listed the office")
        elif ahead > 0:
            counts["listed early"] += 1
            print(f"early: {name} ({country}) took office {day}; listed {ahead} days before, from {first}")
        elif before and day <= before:
            counts["listed late"] += 1
            print(f"late: {name} ({country}) took office {day}; first listed {first} (not in {before})")
        else:
            counts["in bracket"] += 1
    for line in bad:
        print(f"CONTRADICTS: {line}")
    print(", ".join(f"{k}: {v}" for k, v in counts.items()) + f", contradicting: {len(bad)}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
