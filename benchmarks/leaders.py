"""Tag every BBC article with leaders and compare politics counts with BASELINES.md.

Usage: python benchmarks/leaders.py [BBC_DIR]   (default ../shared/corpora/bbc)
BBC articles are from 2004-2005, so they are inferred with on=2005-01-01.
"""

from __future__ import annotations

import datetime
import sys
import time
from collections import Counter
from pathlib import Path

from digestgen.infer.leaders import LeaderIndex, default_registry

BASELINE = {"tony-blair": 164, "gordon-brown": 81, "george-w-bush": 14}  # surname docs, politics


def main() -> int:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else \
        Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bbc"
    files = sorted((root / "articles").glob("*/*.txt"))
    texts = [(f.parent.name, f.read_text(encoding="utf-8", errors="replace")) for f in files]
    t0 = time.perf_counter()
    index = LeaderIndex.build(*default_registry())
    t1 = time.perf_counter()
    per_cat: dict[str, Counter] = {}
    for cat, text in texts:
        for m in index.infer(text, datetime.date(2005, 1, 1)):
            per_cat.setdefault(cat, Counter())[m.id] += 1
    t2 = time.perf_counter()
    print(f"{len(texts)} articles; build {t1 - t0:.3f}s; infer {t2 - t1:.2f}s")
    pol = per_cat.get("politics", Counter())
    for lid, base in BASELINE.items():
        print(f"politics docs {lid:16} {pol[lid]:4}  (surname docs in BASELINES.md: {base})")
    print("top in politics:", pol.most_common(10))
    for cat, c in sorted(per_cat.items()):
        print(cat, c.most_common(6))
    return 0


if __name__ == "__main__":
    sys.exit(main())
