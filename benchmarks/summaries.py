"""Score summary cards on two reference styles, each beside the lead cut to the same number of words.

Usage: python benchmarks/summaries.py [--bbc PATH] [--cnn PATH] [--budget N] [--limit N] [--categories]

* BBC (../shared/corpora/bbc): 2225 stories; references are sentences copied from the article
  (extractive, about 46% of the body, so recall bounds every card).
* CNN (../shared/corpora/cnn-dev): 500 stories; references are the highlights CNN's editors wrote
  (abstractive, about 35 words).

Each article goes through the build's own path: headline split by `headline`, dateline by
`read_lead`, then `summarize(body, title, budget)`. The baseline is the body's opening cut to exactly
as many words as that article's card, so the two differ only in which words they pick. ROUGE is
rouge-score's F1 with the Porter stemmer, x 100. The card method has no per-corpus switch.

To guard against tuning to these sets, each corpus is also reported on its two halves (even and odd
file positions): the method was tuned on the even half only; the odd half is held out.

Titles: `title_from` on bodies with no headline line (BBC bodies without their first line, CNN
stories) should read as a headline, not a phrase cut with "…"; the count of such cuts is printed.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from nltk.stem import porter  # type: ignore[import-untyped]  # nltk ships no type hints
from rouge_score import rouge_scorer, tokenize  # type: ignore[import-untyped]  # nor does rouge-score

from digestgen.text.summary import summarize
from digestgen.text.wire import headline, read_lead, title_from

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpora"
METRICS = ("R-1", "R-2", "R-L")
_GLUED = re.compile(r"([.!?])(?=[A-Z])")


@lru_cache(maxsize=1)
def _stem() -> porter.PorterStemmer:
    return porter.PorterStemmer()


class _CachedTokenizer:
    """rouge-score's default tokenizer with a memoised stemmer: same tokens, much faster."""

    def __init__(self) -> None:
        self.stem = lru_cache(maxsize=None)(_stem().stem)

    def tokenize(self, text: str) -> list[str]:
        tokens: list[str] = tokenize.tokenize(text, self)
        return tokens


# (group, article text, reference)
Item = tuple[str, str, str]


def load_bbc(corpus: Path) -> list[Item]:
    """Every BBC article with a reference summary, in file order; group = category."""
    out = []
    for path in sorted((corpus / "articles").glob("*/*.txt")):
        ref = corpus / "summaries" / path.parent.name / path.name
        if ref.exists():
            reference = _GLUED.sub(r"\1 ", ref.read_text(encoding="utf-8"))
            out.append((path.parent.name, path.read_text(encoding="utf-8"), reference))
    return out


def load_cnn(corpus: Path) -> list[Item]:
    """Every CNN story with its highlights (one a line), in file order."""
    out = []
    for path in sorted((corpus / "articles").glob("*.txt")):
        ref = corpus / "summaries" / path.name
        if ref.exists():
            out.append(("cnn", path.read_text(encoding="utf-8"), ref.read_text(encoding="utf-8")))
    return out


def split_article(text: str) -> tuple[str, str]:
    """(title, body without dateline) exactly as a build would make them."""
    title, body = headline(text)
    return title or title_from(body), read_lead(body).text


def evaluate(items: list[Item], budget: int) -> tuple[list[dict[str, float]], list[dict[str, float]], float]:
    """Per-article scores of ours and of the same-length lead, plus the summarizer's own time."""
    parts = [split_article(text) for _, text, _ in items]
    elapsed = float("inf")
    for _ in range(3):  # best of three: the machine may be shared
        t0 = time.perf_counter()
        cards = [summarize(body, title, budget) for title, body in parts]
        elapsed = min(elapsed, time.perf_counter() - t0)
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True, tokenizer=_CachedTokenizer())
    ours: list[dict[str, float]] = []
    lead: list[dict[str, float]] = []
    for (_, _, ref), (_, body), card in zip(items, parts, cards, strict=False):
        n = len(card.split())
        for rows, cand in ((ours, card), (lead, " ".join(body.split()[:n]))):
            s = scorer.score(ref, cand)
            rows.append(
                {"R-1": s["rouge1"].fmeasure, "R-2": s["rouge2"].fmeasure, "R-L": s["rougeL"].fmeasure, "words": n}
            )
    return ours, lead, elapsed


def _mean(rows: list[dict[str, float]], key: str) -> float:
    return sum(r[key] for r in rows) / len(rows) if rows else 0.0


def report(
    name: str, groups: list[str], ours: list[dict[str, float]], lead: list[dict[str, float]], by_group: bool
) -> None:
    """Rows: all, the tuning half, the held-out half (and each group when asked)."""
    subsets: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(groups):
        subsets["all"].append(i)
        subsets["tune (even)" if i % 2 == 0 else "held out (odd)"].append(i)
        if by_group:
            subsets[g].append(i)
    for label, idx in subsets.items():
        o, b = [ours[i] for i in idx], [lead[i] for i in idx]
        cells = [
            f"{100 * _mean(o, m):5.2f} | {100 * _mean(b, m):5.2f} | {100 * (_mean(o, m) - _mean(b, m)):+5.2f}"
            for m in METRICS
        ]
        print(f"| {name:5} | {label:15} | {len(idx):4} | {_mean(o, 'words'):5.1f} | " + " | ".join(cells) + " |")


def title_report(name: str, bodies: list[str], show: int) -> None:
    """How many titles for headline-less text end in a cut ("…"), with a few examples."""
    titles = [title_from(body) for body in bodies]
    cut = [t for t in titles if t.endswith("…")]
    words = sum(len(t.split()) for t in titles) / max(len(titles), 1)
    print(f"titles, {name}: {len(cut)} of {len(titles)} end in '…'; mean {words:.1f} words")
    for t in titles[:: max(1, len(titles) // show)][:show] if show else []:
        print(f"    {t}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bbc", type=Path, default=SHARED / "bbc", help="BBC corpus folder")
    parser.add_argument("--cnn", type=Path, default=SHARED / "cnn-dev", help="CNN corpus folder")
    parser.add_argument("--budget", type=int, default=60, help="card word budget (default 60)")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N articles of each")
    parser.add_argument("--categories", action="store_true", help="also a row per BBC category")
    parser.add_argument("--show-titles", type=int, default=0, help="print N sample titles per corpus")
    args = parser.parse_args(argv)
    corpora = [("BBC", load_bbc(args.bbc)), ("CNN", load_cnn(args.cnn))]
    missing = [name for name, items in corpora if not items]
    if missing:
        print(
            f"corpus not found: {', '.join(missing)} (expected ../shared/corpora/bbc and cnn-dev; pass --bbc / --cnn)",
            file=sys.stderr,
        )
        return 2
    print(
        f"budget {args.budget} words; ROUGE F1 x100 (rouge-score, stemmed); "
        "lead = body opening cut to the card's length"
    )
    print("| corpus | subset | n | words | " + " | ".join(f"{m} ours | {m} lead | {m} Δ" for m in METRICS) + " |")
    print("|---|---|---:|---:|" + "---:|" * 3 * len(METRICS))
    timing = []
    for name, items in corpora:
        items = items[: args.limit] if args.limit else items
        ours, lead, elapsed = evaluate(items, args.budget)
        report(name, [g for g, _, _ in items], ours, lead, args.categories and name == "BBC")
        timing.append(f"{name} {len(items)} in {elapsed:.2f} s ({len(items) / elapsed:.0f}/s)")
    print("summarizer alone, best of 3 runs (one core): " + "; ".join(timing))
    bbc_bodies = [headline(text)[1] for _, text, _ in corpora[0][1]]
    title_report("BBC bodies without their headline", bbc_bodies, args.show_titles)
    title_report("CNN", [text for _, text, _ in corpora[1][1]], args.show_titles)
    return 0


if __name__ == "__main__":
    sys.exit(main())
