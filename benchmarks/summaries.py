"""Score summary cards against the BBC reference summaries, beside a same-budget lead baseline.

Usage: python benchmarks/summaries.py [--corpus PATH] [--budget N] [--limit N]

Each article goes through the build's own path: headline split by `headline`, dateline by
`read_lead`, then `summarize(body, title, budget)`. The baseline is the body's opening cut to
exactly as many words as that article's card, so the two differ only in which words they pick.
ROUGE is rouge-score's F1 (P and R for ROUGE-1) with the Porter stemmer, x 100. The BBC
references are long (about 46% of the body), so recall, not precision, bounds every card.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nltk.stem import porter  # noqa: E402  (rouge-score depends on nltk)
from rouge_score import rouge_scorer, tokenize  # noqa: E402

from digestgen.infer.summary import summarize  # noqa: E402
from digestgen.infer.text import headline, read_lead, title_from  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "bbc"
METRICS = ("R-1", "R-2", "R-L", "R-1 P", "R-1 R")
_GLUED = re.compile(r"([.!?])(?=[A-Z])")


class _CachedTokenizer:
    """rouge-score's default tokenizer with a memoised stemmer: same tokens, much faster."""

    def __init__(self) -> None:
        stemmer = porter.PorterStemmer()
        self.stem = lru_cache(maxsize=None)(stemmer.stem)

    def tokenize(self, text: str) -> list[str]:
        return tokenize.tokenize(text, self)


def load(corpus: Path, limit: int | None = None) -> list[tuple[str, str, str]]:
    """(category, article text, reference) for every article with a summary, in file order."""
    out = []
    for path in sorted((corpus / "articles").glob("*/*.txt")):
        ref = corpus / "summaries" / path.parent.name / path.name
        if ref.exists():
            reference = _GLUED.sub(r"\1 ", ref.read_text(encoding="utf-8"))
            out.append((path.parent.name, path.read_text(encoding="utf-8"), reference))
    return out[:limit] if limit else out


def card(text: str, budget: int) -> tuple[str, str]:
    """(card, body) exactly as a build would make them from a headline + body text."""
    title, body = headline(text)
    lead = read_lead(body)
    return summarize(lead.text, title or title_from(body), budget), lead.text


def lead_words(body: str, n: int) -> str:
    """The first n words of the body, cut on a word boundary."""
    return " ".join(body.split()[:n])


def scores(scorer: rouge_scorer.RougeScorer, reference: str, candidate: str) -> dict[str, float]:
    s = scorer.score(reference, candidate)
    return {"R-1": s["rouge1"].fmeasure, "R-2": s["rouge2"].fmeasure, "R-L": s["rougeL"].fmeasure,
            "R-1 P": s["rouge1"].precision, "R-1 R": s["rouge1"].recall}


def evaluate(items: list[tuple[str, str, str]], budget: int) -> tuple[dict, float]:
    """Per-category sums for 'ours' and 'lead', plus the summarizer's wall time."""
    t0 = time.perf_counter()
    cards = [card(text, budget) for _, text, _ in items]
    elapsed = time.perf_counter() - t0
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True,
                                      tokenizer=_CachedTokenizer())
    totals: dict = defaultdict(lambda: defaultdict(float))
    for (cat, _, ref), (summary, body) in zip(items, cards):
        n = len(summary.split())
        for name, cand in (("ours", summary), ("lead", lead_words(body, n))):
            for key in (cat, "all"):
                row = totals[(key, name)]
                row["n"] += 1
                row["words"] += len(cand.split())
                for metric, value in scores(scorer, ref, cand).items():
                    row[metric] += value
    return totals, elapsed


def report(totals: dict, elapsed: float, count: int, budget: int) -> None:
    cats = sorted({k for k, _ in totals if k != "all"}) + ["all"]
    print(f"budget {budget} words; {count} articles; ROUGE x100 (rouge-score, stemmed)")
    print(f"| {'category':13} | {'system':6} | {'n':>4} | {'words':>5} | " + " | ".join(f"{m:>5}" for m in METRICS) + " |")
    print("|" + "---|" * (4 + len(METRICS)))
    for cat in cats:
        for name in ("ours", "lead"):
            row = totals[(cat, name)]
            n = row["n"]
            vals = " | ".join(f"{100 * row[m] / n:5.2f}" for m in METRICS)
            print(f"| {cat:13} | {name:6} | {int(n):4} | {row['words'] / n:5.1f} | {vals} |")
    ours, lead = totals[("all", "ours")], totals[("all", "lead")]
    delta = ", ".join(f"{m} {100 * (ours[m] - lead[m]) / ours['n']:+.2f}" for m in METRICS[:3])
    print(f"ours - lead (all): {delta}")
    print(f"summarizer: {count} articles in {elapsed:.2f}s ({count / elapsed:.0f} articles/s, one core)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="BBC corpus folder")
    parser.add_argument("--budget", type=int, default=60, help="card word budget (default 60)")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    args = parser.parse_args(argv)
    if not (args.corpus / "articles").is_dir() or not (args.corpus / "summaries").is_dir():
        print(f"BBC corpus not found at {args.corpus} (expected articles/ and summaries/); "
              "pass --corpus PATH", file=sys.stderr)
        return 2
    items = load(args.corpus, args.limit)
    totals, elapsed = evaluate(items, args.budget)
    report(totals, elapsed, len(items), args.budget)
    return 0


if __name__ == "__main__":
    sys.exit(main())
