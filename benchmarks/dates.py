"""Score writing dates read from the text against hand labels on recent dev.

    python benchmarks/dates.py [--errors]

Every recent-dev story (../shared/corpora/recent-dev) goes through the pipeline as a user's wire file
would: the headline on the first line, the body after it, no front matter and a file name without a
date. Reported:

- the share of all 1,579 stories that get a date, and from what kind of statement;
- on the 338 stories labelled in benchmarks/labels/recent_dates.jsonl (RECENT_DATES.md says how):
  how many of the writing dates the text states are found (goal: at least 95 %), and how many of the
  dates assigned are wrong (goal: at most 1 %). A date is wrong when it differs from the stated one,
  or, where the text states none, from the publication date in the corpus index.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from digestgen.config import Config
from digestgen.errors import Problems
from digestgen.model import Article, SourceFile
from digestgen.pipeline.parse.articles import parse_article
from digestgen.taxonomy.registry import load_registry

CORPUS = REPO.parent / "shared" / "corpora" / "recent-dev"
LABELS = REPO / "benchmarks" / "labels" / "recent_dates.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list every miss and every wrong date")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} is not here (the recent-dev corpus is read in place, never copied)")
        return 0
    index = [json.loads(line) for line in (CORPUS / "index.jsonl").read_text(encoding="utf-8").splitlines()]
    labels = {r["id"]: r for r in map(json.loads, LABELS.read_text(encoding="utf-8").splitlines())}
    config = Config(root=REPO)
    registry = load_registry(config)

    kinds: Counter[str] = Counter()
    stated = found = assigned = wrong = 0
    errors: list[str] = []
    for meta in index:
        body = (CORPUS / "articles" / f"{meta['id']}.txt").read_text(encoding="utf-8")
        text = f"{' '.join(meta['headline'].split())}\n\n{body}"
        article: Article | None = parse_article(
            SourceFile(f"{meta['id']}.txt", "story", "text", text), config, registry, Problems()
        )
        day = article.date.date().isoformat() if article and article.date else None
        kinds[_kind(article) if day else "undated"] += 1
        label = labels.get(meta["id"])
        if label is None:
            continue
        truth = label["stated_date"]
        if truth:
            stated += 1
            found += day == truth
            if day != truth:
                errors.append(f"MISSED {meta['id']}: stated {truth} ({label['date_phrase'][:70]}), got {day}")
        if day:
            assigned += 1
            if day != (truth or meta["date"]):
                wrong += 1
                errors.append(
                    f"WRONG  {meta['id']}: got {day}, {'stated' if truth else 'published'} {truth or meta['date']}"
                )

    total = len(index)
    print(f"## Writing dates on recent dev ({total} stories, {len(labels)} labelled)\n")
    print("| dated by | stories | share |\n|---|---|---|")
    for kind, n in sorted(kinds.items(), key=lambda kv: (kv[0] == "undated", -kv[1])):
        print(f"| {kind} | {n} | {n / total:.1%} |")
    print()
    print("| labelled set | count | goal |\n|---|---|---|")
    print(f"| stated dates found | {found} of {stated} ({found / max(stated, 1):.1%}) | >= 95 % |")
    print(f"| assigned dates wrong | {wrong} of {assigned} ({wrong / max(assigned, 1):.1%}) | <= 1 % |")
    if args.errors:
        print("\n" + "\n".join(errors))
    return 0


def _kind(article: Article | None) -> str:
    """What statement dated the article (its date evidence says)."""
    if article is None:
        return "failed"
    evidence = article.evidence.get("date") or ()
    return evidence[0].note if evidence and evidence[0].note else article.origin.get("date", "?")


if __name__ == "__main__":
    raise SystemExit(main())
