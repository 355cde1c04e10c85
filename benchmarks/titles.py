"""Score titles made for text without a headline line against the real headline.

    python benchmarks/titles.py [--show N]

The body goes in without its headline, exactly as a wire file with no title line would; the title
`title_from` makes is scored with ROUGE-1 and ROUGE-2 F1 (rouge-score, Porter stemmer, x 100)
against the headline the outlet wrote. The baseline is the body's first 12 words (dateline removed).

* BBC (../shared/corpora/bbc): 2,225 stories of 2004-05; the first line of each file is its headline.
* recent dev (../shared/corpora/recent-dev): 1,579 stories of 2012-2020 and 2025 from eight outlets;
  headlines in index.jsonl.

Each corpus is also reported on its two halves (even and odd positions): tune on the even half only.
"""

from __future__ import annotations

import argparse
import json
import sys
from functools import lru_cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from nltk.stem import porter  # type: ignore[import-untyped]  # nltk ships no type hints
from rouge_score import rouge_scorer, tokenize  # type: ignore[import-untyped]  # nor does rouge-score

from digestgen.text import boilerplate
from digestgen.text.wire import headline, read_lead, title_from

MAX = int(__import__("os").environ.get("TITLE_MAX", "12"))
SHARED = REPO.parent / "shared" / "corpora"


class _Tokenizer:
    """rouge-score's default tokenizer with a memoised stemmer: same tokens, much faster."""

    def __init__(self) -> None:
        self.stem = lru_cache(maxsize=None)(porter.PorterStemmer().stem)

    def tokenize(self, text: str) -> list[str]:
        tokens: list[str] = tokenize.tokenize(text, self)
        return tokens


def bbc() -> list[tuple[str, str]]:
    """(headline, body) of every BBC story."""
    out = []
    for path in sorted((SHARED / "bbc" / "articles").glob("*/*.txt")):
        title, body = headline(path.read_text(encoding="utf-8"))
        if title:
            out.append((title, body))
    return out


def recent() -> list[tuple[str, str]]:
    """(headline, body) of every recent-dev story, the body without its page furniture."""
    corpus = SHARED / "recent-dev"
    out = []
    for line in (corpus / "index.jsonl").read_text(encoding="utf-8").splitlines():
        meta = json.loads(line)
        body = (corpus / "articles" / f"{meta['id']}.txt").read_text(encoding="utf-8")
        out.append((" ".join(meta["headline"].split()), body))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=0, help="print N examples per corpus")
    args = parser.parse_args()
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True, tokenizer=_Tokenizer())
    print("| corpus | subset | n | words | R-1 ours | R-1 first 12 | R-2 ours | R-2 first 12 |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for name, load, folder in (("BBC", bbc, "bbc"), ("recent dev", recent, "recent-dev")):
        if not (SHARED / folder).is_dir():
            print(f"| {name} | skipped: ../shared/corpora/{folder} is not here | | | | | | |")
            continue
        rows = []
        for i, (real, body) in enumerate(load()):
            ours = title_from(boilerplate.story_text(body), max_words=MAX)
            first = " ".join(read_lead(boilerplate.story_text(body)).text.split()[:12])
            a, b = scorer.score(real, ours), scorer.score(real, first)
            rows.append(
                (
                    i,
                    len(ours.split()),
                    a["rouge1"].fmeasure,
                    b["rouge1"].fmeasure,
                    a["rouge2"].fmeasure,
                    b["rouge2"].fmeasure,
                )
            )
            if i < args.show:
                print(f"  real: {real}\n  ours: {ours}\n")
        for label, part in (("all", rows), ("tune (even)", rows[::2]), ("held out (odd)", rows[1::2])):
            n = len(part)
            mean = [sum(r[k] for r in part) / n for k in range(1, 6)]
            print(
                f"| {name} | {label} | {n} | {mean[0]:.1f} | {100 * mean[1]:.1f} | {100 * mean[2]:.1f} | "
                f"{100 * mean[3]:.1f} | {100 * mean[4]:.1f} |"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
