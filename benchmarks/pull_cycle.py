"""The unattended cycle, `digestgen pull && digestgen build`, at 1,000 and 10,000 articles.

    python benchmarks/pull_cycle.py [--sizes 1000,10000] [--runs 3]

For each size: the corpus of ../shared/bench/gen_corpus.py (seed 42) in content/, plus one feed
of 20 items served by a local HTTP server started here (127.0.0.1 only). After a first pull and a
cold build (not timed), each run times, as separate processes spawned as cron would:

- unchanged: `pull` of the unchanged feed (the server answers 200 with the same bytes; no ETag,
  so the items are read and compared), then `build` with nothing changed;
- one new item: one item added at the top of the feed, `pull` (one new file), then `build`.

Prints the median wall time of each step and of the cycle.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO.parent / "shared" / "bench"
sys.path.insert(0, str(REPO))

from tests.feedserver import FeedServer, Route, rss, rss_item  # the test suite's local feed server


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/digestgen-pull-cycle"))
    args = parser.parse_args()
    if not (BENCH / "gen_corpus.py").exists():
        print(f"skipped: {BENCH} is absent (the benchmark corpus generator)")
        return 0
    server = FeedServer()
    try:
        rows = []
        for n in (int(s) for s in args.sizes.split(",")):
            rows += measure(n, args.runs, args.work / f"n{n}", server)
    finally:
        server.close()
    print()
    print("| site size | case | pull s | build s | cycle s |")
    print("|---|---|---|---|---|")
    for n, case, pull_s, build_s in rows:
        print(f"| {n:,} articles | {case} | {pull_s:.2f} | {build_s:.2f} | {pull_s + build_s:.2f} |")
    return 0


def _items(count: int, first: int = 0) -> list[str]:
    return [
        rss_item(
            f"urn:bench:{i}",
            f"Wire item {i} on gas talks",
            f"&lt;p&gt;Item {i}: the pipeline talks went on in Minsk, officials said.&lt;/p&gt;",
            day=f"Fri, {1 + i % 27:02d} Nov 2024 09:30:00 +0000",
        )
        for i in range(first + count - 1, first - 1, -1)
    ]


def measure(n: int, runs: int, work: Path, server: FeedServer) -> list[tuple[int, str, float, float]]:
    corpus = work / "neutral"
    if not (corpus / "expected.json").exists():
        subprocess.run(
            [sys.executable, str(BENCH / "gen_corpus.py"), "--n", str(n), "--seed", "42", "--out", str(corpus)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    site = work / "digestgen"
    shutil.rmtree(site, ignore_errors=True)
    (site / "content").mkdir(parents=True)
    for path in (corpus / "articles").glob("*.md"):
        shutil.copy(path, site / "content" / path.name)
    route = f"/bench-{n}.xml"
    server.routes[route] = Route(rss(*_items(20)))
    (site / "digestgen.yaml").write_text(
        f"title: Benchmark\nper_page: 20\nfeeds:\n  - name: wire\n    url: {server.url(route)}\n", encoding="utf-8"
    )
    print(f"{n:,} articles: first pull and cold build…", flush=True)
    _step(site, "pull")
    _step(site, "build")
    unchanged: list[tuple[float, float]] = []
    added: list[tuple[float, float]] = []
    next_item = 20
    for run in range(runs):
        unchanged.append((_step(site, "pull"), _step(site, "build")))
        server.routes[route].body = rss(*_items(next_item + 1))
        next_item += 1
        added.append((_step(site, "pull"), _step(site, "build")))
        print(f"  run {run + 1}: unchanged {sum(unchanged[-1]):.2f} s, one new item {sum(added[-1]):.2f} s", flush=True)
    return [
        (n, "pull of an unchanged feed + no-change build", *_medians(unchanged)),
        (n, "one new item: pull + build", *_medians(added)),
    ]


def _medians(pairs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(p for p, _ in pairs), statistics.median(b for _, b in pairs)


def _step(site: Path, command: str) -> float:
    """Wall time of one digestgen command, spawned as cron would run it."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "digestgen", command, *(["--quiet"] if command == "build" else [])],
        cwd=site,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"digestgen {command} failed:\n{done.stdout}{done.stderr}")
    return elapsed


if __name__ == "__main__":
    raise SystemExit(main())
