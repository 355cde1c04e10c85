"""Score leader tagging against the hand-labelled BBC set (../shared/corpora/bbc/leaders_dev.jsonl).

    python benchmarks/leaders.py [--corpus ../shared/corpora/bbc] [--show N] [--errors]

Each article goes through the whole pipeline as a user's undated file would (date and era are
inferred from the text; nothing is told the stories are from 2004-2005). Scored over sitting
leaders (read LEADERS_DEV.md): a tag of a sitting leader is a true positive, of a future leader
or anyone not listed a false positive; a tag of a former leader counts neither way. Also prints
the same scores per way of reference: recall over the labelled leaders referred to that way,
precision over the tags whose evidence includes that way.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from digestgen.config import Config
from digestgen.model import SourceFile
from digestgen.pipeline.load.sources import read_source
from digestgen.pipeline.parse.articles import parse_article
from digestgen.taxonomy.registry import load_registry

REPO = Path(__file__).resolve().parents[1]
FORMS = ("name", "surname-only", "role-phrase", "title-surname")
_PRED_FORM = {"name": "name", "surname": "surname-only", "role-phrase": "role-phrase", "title-surname": "title-surname"}


@dataclass
class Score:
    """Recall side: labelled sitting leaders found; precision side: tags that were right."""

    gold: int = 0
    found: int = 0
    tags: int = 0
    right: int = 0

    def row(self, label: str) -> str:
        p = self.right / self.tags if self.tags else 0.0
        r = self.found / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return f"| {label} | {self.gold} | {self.found} | {self.tags} | {self.right} | {p:.3f} | {r:.3f} | {f:.3f} |"


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpora" / "bbc")
    parser.add_argument("--errors", action="store_true", help="list every false positive and negative")
    args = parser.parse_args()
    labels = args.corpus / "leaders_dev.jsonl"
    if not labels.exists():
        print(f"labels not found at {labels} (they live in ../shared beside the checkout)", file=sys.stderr)
        return 2
    config = Config(root=args.corpus)
    registry = load_registry(config)
    total, per_form = Score(), {f: Score() for f in FORMS}
    statuses: Counter[str] = Counter()
    errors = []
    for line in labels.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        source = read_source(args.corpus / record["file"], args.corpus)
        assert isinstance(source, SourceFile), source
        article = parse_article(source, config, registry)[0]
        assert article is not None
        gold = {}
        for g in record["leaders"]:
            d = registry.leaders.resolve(g["name"])
            gold[d.id if d else g["name"]] = g
        on = article.date.date() if article.date else None
        result = registry.leaders.analyse(f"{article.title}\n\n{_plain(source.text)}", on)
        predicted = {m.id: m for m in result.tags}
        assert set(predicted) == {t.id for t in article.leaders}, record["file"]
        for lid, m in predicted.items():
            status = gold[lid]["status"] if lid in gold else "unlisted"
            statuses[status] += 1
            if status == "former":
                continue
            hit = status == "sitting"
            for score in [total, *(per_form[_PRED_FORM[f]] for f in m.forms)]:
                score.tags += 1
                score.right += hit
            if not hit:
                errors.append(f"FP {record['file']}: {m.name} ({status}) {list(m.evidence)} era={_era(result)}")
        for lid, g in gold.items():
            if g["status"] != "sitting":
                continue
            for score in [total, *(per_form[f] for f in g["referred"])]:
                score.gold += 1
                score.found += lid in predicted
            if lid not in predicted:
                also = next((m for m in result.also if m.id == lid), None)
                why = f"also: {also.status} {also.reason} {list(also.evidence)}" if also else "not found"
                errors.append(f"FN {record['file']}: {g['name']} {g['referred']} {why} era={_era(result)}")
    print(f"{labels} — {sum(1 for _ in labels.open())} articles, undated, whole pipeline\n")
    print("| reference | sitting | found | tags | right | precision | recall | F1 |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    print(total.row("**all (micro)**"))
    for form in FORMS:
        print(per_form[form].row(form))
    print(f"\ntags by labelled status: {dict(sorted(statuses.items()))} (former = neither)")
    if args.errors:
        print("\n" + "\n".join(errors))
    return 0


def _era(result: object) -> str:
    era, horizon = getattr(result, "era", None), getattr(result, "horizon", None)
    return era.label(horizon) if era is not None and horizon is not None else "-"


def _plain(text: str) -> str:
    """The body without the headline line, as parse_article reads a .txt file."""
    from digestgen.text import wire

    return wire.headline(text)[1]


if __name__ == "__main__":
    raise SystemExit(main())
