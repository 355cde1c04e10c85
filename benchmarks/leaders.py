"""Score leader tagging against hand-labelled sets: BBC dev (2004-05) and recent dev (2012-2020, 2025).

    python benchmarks/leaders.py [--set bbc recent unlabelled] [--errors] [--half tune|check]

Each story goes through the whole pipeline as a user's file would: the BBC files as they are
(undated; date and era are inferred), the recent-dev stories (labels in benchmarks/labels/
recent_dev.jsonl, texts in ../shared/corpora/recent-dev) twice, as wire copy with the headline on
the first line and no date, and with front matter giving the headline and the publication date.

Scored over sitting leaders (BBC's LEADERS_DEV.md, and benchmarks/labels/RECENT_DEV.md): a tag of a
sitting leader is a true positive, of a future leader or anyone not listed a false positive; a tag
of a former leader counts neither way. Recall per way of reference is over the labelled leaders
referred to that way; precision over the tags whose evidence includes that way. The recent set is
split in two halves by id (tune on one, check on the other); `--half` scores one of them.

`--set unlabelled` reads each recent-dev story that is not labelled (about 1,275) twice, undated
and with its publication date, and compares the tags: the dated reading is the precise one, so a
tag only the undated reading gives is most likely wrong (an era misread), and one only the dated
reading gives is a miss of the era. No labels needed: a change that hurts undated copy shows here.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from digestgen.config import Config
from digestgen.errors import Problems
from digestgen.model import Article, SourceFile
from digestgen.pipeline.parse.articles import parse_article
from digestgen.taxonomy.registry import Registry, load_registry

SHARED = REPO.parent / "shared" / "corpora"
FORMS = ("name", "surname-only", "title-surname", "role-phrase", "group-role-phrase")
_PRED_FORM = {
    "name": "name",
    "surname": "surname-only",
    "role-phrase": "role-phrase",
    "title-surname": "title-surname",
    "group-role-phrase": "group-role-phrase",
}


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


@dataclass
class Story:
    """One labelled story as the pipeline reads it, with its gold leaders."""

    name: str
    source: SourceFile
    leaders: list[dict[str, object]]


@dataclass
class Run:
    total: Score = field(default_factory=Score)
    forms: dict[str, Score] = field(default_factory=lambda: {f: Score() for f in FORMS})
    statuses: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)


def bbc() -> Iterator[Story]:
    corpus = SHARED / "bbc"
    for line in (corpus / "leaders_dev.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        text = (corpus / record["file"]).read_text(encoding="utf-8")
        yield Story(record["file"], SourceFile(record["file"], "bbc", "text", text), record["leaders"])


def recent(dated: bool, half: str | None) -> Iterator[Story]:
    corpus = SHARED / "recent-dev"
    index = {r["id"]: r for r in map(json.loads, (corpus / "index.jsonl").read_text(encoding="utf-8").splitlines())}
    labels = REPO / "benchmarks" / "labels" / "recent_dev.jsonl"
    for line in labels.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if half and _half(record["id"]) != half:
            continue
        yield Story(record["id"], _source(index[record["id"]], dated), record["leaders"])


def _source(meta: dict[str, str], dated: bool) -> SourceFile:
    """A recent-dev story as a user's file: wire text with its headline on the first line, or with
    front matter giving the headline and the publication date."""
    body = (SHARED / "recent-dev" / "articles" / f"{meta['id']}.txt").read_text(encoding="utf-8")
    headline = " ".join(meta["headline"].split())
    if not dated:
        return SourceFile(f"{meta['id']}.txt", meta["id"], "text", f"{headline}\n\n{body}")
    text = f"---\ntitle: {json.dumps(headline, ensure_ascii=False)}\ndate: {meta['date']}\n---\n{body}"
    return SourceFile(f"{meta['id']}.md", meta["id"], "text", text)


def _half(story: str) -> str:
    return "tune" if hashlib.sha256(story.encode()).digest()[0] % 2 == 0 else "check"


def score(stories: Iterator[Story], registry: Registry, config: Config) -> Run:
    run = Run()
    for story in stories:
        article = parse_article(story.source, config, registry, Problems())
        assert article is not None, story.name
        gold = {}
        for g in story.leaders:
            d = registry.leaders.resolve(str(g["name"]))
            gold[d.id if d else str(g["name"])] = g
        predicted = {t.id: t for t in article.leaders}
        evidence = {e.term_id: e for e in article.evidence.get("leaders", ())}
        forms = {e.term_id: {_PRED_FORM[f] for f in e.forms} for e in evidence.values()}
        era = article.era.label if article.era else (article.date.date().isoformat() if article.date else "-")
        for lid, term in predicted.items():
            status = str(gold[lid]["status"]) if lid in gold else "unlisted"
            run.statuses[status] += 1
            if status == "former":
                continue
            hit = status == "sitting"
            for s in [run.total, *(run.forms[f] for f in forms.get(lid, ()))]:
                s.tags += 1
                s.right += hit
            if not hit:
                phrases = list(evidence[lid].phrases) if lid in evidence else []
                run.errors.append(f"FP {story.name}: {term.name} ({status}) {phrases} era={era}")
        for lid, g in gold.items():
            if g["status"] != "sitting":
                continue
            referred = [str(f) for f in g["referred"]]  # type: ignore[attr-defined]
            for s in [run.total, *(run.forms[f] for f in referred if f in run.forms)]:
                s.gold += 1
                s.found += lid in predicted
            if lid not in predicted:
                also = next((e for e in article.evidence.get("also_mentioned", ()) if e.term_id == lid), None)
                why = f"also: {also.note} {list(also.phrases)}" if also else "not found"
                run.errors.append(f"FN {story.name}: {g['name']} {referred} {why} era={era}")
    return run


def report(title: str, run: Run, errors: bool) -> None:
    print(f"\n{title}\n")
    print("| reference | sitting | found | tags | right | precision | recall | F1 |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    print(run.total.row("**all (micro)**"))
    for form in FORMS:
        if run.forms[form].gold or run.forms[form].tags:
            print(run.forms[form].row(form))
    print(f"\ntags by labelled status: {dict(sorted(run.statuses.items()))} (former = neither)")
    if errors:
        print("\n" + "\n".join(run.errors))


def unlabelled(registry: Registry, config: Config, errors: bool) -> None:
    """Tags on the unlabelled recent-dev stories read undated, against the same stories read with
    their publication date (the dated reading is the precise one: 0.985 on the labelled set)."""
    corpus = SHARED / "recent-dev"
    labels = REPO / "benchmarks" / "labels" / "recent_dev.jsonl"
    labelled = {json.loads(line)["id"] for line in labels.read_text(encoding="utf-8").splitlines()}
    stories = both = 0
    extra: list[str] = []
    missed: list[str] = []
    for line in (corpus / "index.jsonl").read_text(encoding="utf-8").splitlines():
        meta = json.loads(line)
        if meta["id"] in labelled:
            continue
        undated_tags, dated_tags = (
            {t.id: t.name for t in _parsed(_source(meta, dated), config, registry).leaders} for dated in (False, True)
        )
        stories += 1
        both += len(undated_tags.keys() & dated_tags.keys())
        extra += [
            f"undated only {meta['id']} ({meta['date']}): {n}" for i, n in undated_tags.items() if i not in dated_tags
        ]
        missed += [
            f"dated only {meta['id']} ({meta['date']}): {n}" for i, n in dated_tags.items() if i not in undated_tags
        ]
    print(f"\nrecent dev, unlabelled: {stories} stories, each read undated and with its publication date")
    print(f"leader tags in both readings: {both}; undated only: {len(extra)}; dated only: {len(missed)}")
    if errors:
        print("\n" + "\n".join(extra + missed))


def _parsed(source: SourceFile, config: Config, registry: Registry) -> Article:
    article = parse_article(source, config, registry, Problems())
    assert article is not None, source.path
    return article


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--set", nargs="+", choices=["bbc", "recent", "unlabelled"], default=["bbc", "recent"])
    parser.add_argument("--half", choices=["tune", "check"])
    parser.add_argument("--errors", action="store_true", help="list every false positive and negative")
    args = parser.parse_args()
    if not SHARED.exists():
        print(f"corpora not found at {SHARED} (they live in ../shared beside the checkout)", file=sys.stderr)
        return 2
    config = Config(root=REPO)
    registry = load_registry(config)
    if "bbc" in args.set:
        report("BBC dev (160 stories, 2004-05), undated", score(bbc(), registry, config), args.errors)
    if "recent" in args.set:
        what = f" ({args.half} half)" if args.half else ""
        for dated in (False, True):
            label = "dated (front matter)" if dated else "undated (headline line, no date)"
            run = score(recent(dated, args.half), registry, config)
            report(f"recent dev{what}: {label}", run, args.errors)
    if "unlabelled" in args.set:
        unlabelled(registry, config, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
