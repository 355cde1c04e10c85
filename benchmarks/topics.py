"""Precision/recall of topic inference against the BBC corpus categories.

Usage: python benchmarks/topics.py [--corpus PATH] [--max-topics N] [--matrix]

The BBC corpus has five editorial categories; the taxonomy has ~30 finer topics. Each
category is mapped below to the topics a BBC editor would file under it. Topics that
real newsrooms file under several desks (diplomacy, crime, health, media, science, ...)
are left unmapped: they count towards neither precision nor recall.

* precision(C): of the articles given at least one topic mapped to C, the share in C;
* recall(C): of the articles in C, the share given at least one topic mapped to C.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from digestgen.infer.topics import TopicIndex, default_topics  # noqa: E402

CATEGORY_TOPICS: dict[str, frozenset[str]] = {
    # The business desk covers the economy, companies and markets, and the sector stories
    # (trade, industry, energy, airlines, farming, jobs, housing) told as money stories.
    "business": frozenset({
        "economy", "business", "finance-markets", "trade", "industry", "energy", "labour", "housing",
        "transport", "agriculture-food",
    }),
    # Film, music, TV drama, books and awards.
    "entertainment": frozenset({"culture-entertainment"}),
    # Parliament, parties, government and campaigns, plus the home-affairs and security
    # fights the politics desk owns (asylum, anti-terror law, defence, civil liberties).
    # Health, education, crime, diplomacy, ... stay unmapped: every desk covers them.
    "politics": frozenset({
        "politics", "elections", "migration", "terrorism", "defence-security", "human-rights",
    }),
    "sport": frozenset({"sport"}),
    # Computing, internet, phones, games and online security.
    "tech": frozenset({"technology", "cybersecurity"}),
}


def read_corpus(corpus: Path) -> list[tuple[str, str, str]]:
    """(category, title, body) for every article; line 1 is the headline."""
    articles = []
    for category in sorted(CATEGORY_TOPICS):
        for path in sorted((corpus / "articles" / category).glob("*.txt")):
            title, _, body = path.read_text(encoding="utf-8").partition("\n")
            articles.append((category, title.strip(), body.strip()))
    return articles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "bbc")
    parser.add_argument("--max-topics", type=int, default=4)
    parser.add_argument("--matrix", action="store_true", help="also print topic counts per category")
    args = parser.parse_args(argv)
    if not (args.corpus / "articles").is_dir():
        print(f"BBC corpus not found at {args.corpus} (expected articles/<category>/*.txt); use --corpus", file=sys.stderr)
        return 2

    articles = read_corpus(args.corpus)
    index = TopicIndex.build(default_topics())
    start = time.perf_counter()
    inferred = [index.infer(title, body, args.max_topics) for _, title, body in articles]
    elapsed = time.perf_counter() - start

    cats = [c for c, _, _ in articles]
    print(f"{'category':<14}{'n':>6}{'predicted':>11}{'precision':>11}{'recall':>9}")
    for cat, mapped in CATEGORY_TOPICS.items():
        hits = [any(m.id in mapped for m in ms) for ms in inferred]
        predicted = sum(hits)
        correct = sum(h and c == cat for h, c in zip(hits, cats))
        total = cats.count(cat)
        precision = correct / predicted if predicted else 0.0
        print(f"{cat:<14}{total:>6}{predicted:>11}{precision:>11.3f}{correct / total:>9.3f}")
    per_article = Counter(len(ms) for ms in inferred)
    print("topics per article:", ", ".join(f"{k}: {per_article[k]}" for k in sorted(per_article)))
    print(f"{len(articles)} articles in {elapsed:.3f}s ({len(articles) / elapsed:,.0f} articles/s, index prebuilt)")

    if args.matrix:
        table: dict[str, Counter] = {}
        for cat, ms in zip(cats, inferred):
            for m in ms:
                table.setdefault(m.id, Counter())[cat] += 1
        print(f"\n{'topic':<24}" + "".join(f"{c[:8]:>9}" for c in CATEGORY_TOPICS))
        for topic in sorted(table, key=lambda t: -sum(table[t].values())):
            print(f"{topic:<24}" + "".join(f"{table[topic][c]:>9}" for c in CATEGORY_TOPICS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
