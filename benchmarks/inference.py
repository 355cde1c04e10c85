"""Time the whole per-article stage (title, source, leaders, topics, summary, body) on the BBC corpus.

    python benchmarks/inference.py [--corpus ../shared/corpora/bbc] [--repeat N]

Prints wall and CPU time on one core for all articles (the best of N runs, since the machine may be
shared) and what was inferred, per category.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from digestgen.config import Config
from digestgen.errors import Problems
from digestgen.pipeline.load.sources import read_source
from digestgen.pipeline.parse.articles import parse_article
from digestgen.taxonomy.registry import load_registry

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpora" / "bbc")
    parser.add_argument("--repeat", type=int, default=3, help="runs; the fastest is reported (default 3)")
    args = parser.parse_args()
    files = sorted((args.corpus / "articles").glob("*/*.txt"))
    if not files:
        print(f"corpus not found at {args.corpus} (it lives in ../shared beside the checkout)", file=sys.stderr)
        return 2
    config = Config(root=args.corpus)
    started = time.perf_counter()
    registry = load_registry(config)
    registry_seconds = time.perf_counter() - started
    sources = [read_source(f, args.corpus) for f in files]
    seconds = cpu = float("inf")
    for _ in range(max(1, args.repeat)):
        started, cpu_started = time.perf_counter(), time.process_time()
        articles = [parse_article(s, config, registry, Problems()) for s in sources]  # type: ignore[arg-type]
        seconds = min(seconds, time.perf_counter() - started)
        cpu = min(cpu, time.process_time() - cpu_started)
    stats: dict[str, Counter[str]] = {}
    for path, article in zip(files, articles, strict=False):
        assert article is not None
        c = stats.setdefault(path.parent.name, Counter())
        c["articles"] += 1
        c["with leaders"] += bool(article.leaders)
        c["with topics"] += bool(article.topics)
        c["headline title"] += article.origin.get("title") == "inferred"
        c["summary words"] += len(article.summary.split())
    print(f"registry load + index: {registry_seconds:.2f} s")
    n = len(articles)
    print(
        f"{n} articles inferred in {seconds:.2f} s on one core ({n / seconds:.0f} articles/s); "
        f"CPU time {cpu:.2f} s ({n / cpu:.0f} articles/s per core); best of {max(1, args.repeat)} runs\n"
    )
    print("| category | articles | with leaders | with topics | mean summary words |")
    print("|---|---:|---:|---:|---:|")
    for cat, c in sorted(stats.items()):
        words = c["summary words"] / c["articles"]
        print(f"| {cat} | {c['articles']} | {c['with leaders']} | {c['with topics']} | {words:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
