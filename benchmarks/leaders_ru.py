"""Score Russian leader recognition: NEREL (933 documents, persons linked to Wikidata) and the 100
hand-labelled stories of benchmarks/labels/ru_dev.jsonl.

    python benchmarks/leaders_ru.py [--set nerel labelled] [--errors]

Each story goes through the whole pipeline as a user's wire file would (headline on the first line,
no date). A leader is recognised when the article tags it or names it but does not tag it for its
era ("also mentioned"), as issue 18 asks.

NEREL: gold is every registry leader whose Wikidata id NEREL links to a PERSON span of the document
(the registry's id, or the one tools/leaders_ru.yaml records). A recognised leader with a Wikidata id
that the document does not link is a false positive; one with no Wikidata id anywhere cannot be
judged and is counted apart, as are leaders found by role phrases alone (NEREL links persons'
names only: role phrases are scored on the labelled set). Misses are split by the form of their PERSON spans: a full name in the
nominative, a full name in an oblique case only, a surname only.

Labelled: gold is every leader of the record (sitting, former or future: the set asks for mentions,
not tags); the story is given its written date when the record states a day. The row "in the
registry" leaves out the labelled leaders the registry does not list (rulers before 1945, and
before 1970 outside the five permanent Security Council members). A recognised leader
not in the record is a false positive. Recall is also split by the ways the record says the leader
is referred to.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from digestgen.config import Config
from digestgen.errors import Problems
from digestgen.model import Article, SourceFile
from digestgen.pipeline.parse.articles import parse_article
from digestgen.taxonomy.registry import Registry, load_registry

CORPUS = REPO.parent / "shared" / "corpora" / "ru-dev"
NEREL = CORPUS / "nerel"
LABELS = REPO / "benchmarks" / "labels" / "ru_dev.jsonl"
FORMS = ("name", "surname-only", "title-surname", "role-phrase", "group-role-phrase")
NEREL_FORMS = ("nominative", "oblique case", "surname only")


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    tags: int = 0
    right: int = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.right / self.tags if self.tags else 0.0
        r = self.found / self.gold if self.gold else 0.0
        return p, r, 2 * p * r / (p + r) if p + r else 0.0

    def row(self, label: str) -> str:
        p, r, f = self.prf()
        return f"| {label} | {self.gold} | {self.found} | {self.tags} | {self.right} | {p:.3f} | {r:.3f} | {f:.3f} |"


@dataclass
class Run:
    total: Score = field(default_factory=Score)
    misses: Counter[str] = field(default_factory=Counter)
    forms: dict[str, Score] = field(default_factory=lambda: {f: Score() for f in FORMS})
    unjudged: int = 0
    role_only: int = 0
    listed: Score = field(default_factory=Score)
    """The labelled leaders the registry lists (heads of state and government since 1970, and the post-war
    leaders of the five permanent Security Council members)."""
    errors: list[str] = field(default_factory=list)


def _article(path: str, text: str, config: Config, registry: Registry, date: str | None = None) -> Article:
    if date:
        lines = text.split("\n", 1)
        title = json.dumps(lines[0].strip(), ensure_ascii=False)
        text = f"---\ntitle: {title}\ndate: {date}\n---\n{lines[1] if len(lines) > 1 else ''}"
        source = SourceFile(path.replace(".txt", ".md"), Path(path).stem, "markdown", text)
    else:
        source = SourceFile(path, Path(path).stem, "text", text)
    article = parse_article(source, config, registry, Problems())
    assert article is not None, path
    return article


def _recognised(article: Article, named_only: bool = False) -> dict[str, list[str]]:
    """Leader id -> phrases, for tags and the leaders named but not tagged (with `named_only`, not
    the leaders found by role phrases alone)."""
    found = {
        e.term_id: list(e.phrases)
        for e in article.evidence.get("leaders", ())
        if not named_only or not e.forms or set(e.forms) - {"role-phrase", "group-role-phrase"}
    }
    for e in article.evidence.get("also_mentioned", ()):
        if e.term_id not in found and e.note and "not a leader" not in e.note:
            found[e.term_id] = list(e.phrases)
    if not named_only:
        for t in article.leaders:
            found.setdefault(t.id, [])
    return found


def _wikidata(registry: Registry) -> tuple[dict[str, str], dict[str, str]]:
    """Leader id -> Wikidata id, and back (registry first, then tools/leaders_ru.yaml)."""
    raw = json.loads((REPO / "digestgen" / "data" / "leaders.json").read_text(encoding="utf-8"))
    ids = {e["id"]: e["wikidata"] for e in raw["leaders"] if e.get("wikidata")}
    curated = yaml.safe_load((REPO / "tools" / "leaders_ru.yaml").read_text(encoding="utf-8"))["names"]
    for lid, entry in curated.items():
        if entry.get("wikidata"):
            ids.setdefault(lid, entry["wikidata"])
    known = {d.id for d in registry.leaders.leaders}
    ids = {k: v for k, v in ids.items() if k in known}
    return ids, {v: k for k, v in sorted(ids.items())}


def _nerel_gold(ann: str, text: str, leaders_by_qid: dict[str, str]) -> dict[str, list[str]]:
    """Leader id -> the PERSON spans linked to it."""
    spans: dict[str, tuple[str, str]] = {}
    gold: dict[str, list[str]] = {}
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            kind = parts[1].split()[0]
            spans[parts[0]] = (kind, parts[2])
        elif line.startswith("N") and len(parts) >= 2:
            ref = parts[1].split()
            if len(ref) == 3 and ref[2].startswith("Wikidata:"):
                kind, phrase = spans.get(ref[1], ("", ""))
                lid = leaders_by_qid.get(ref[2].split(":", 1)[1])
                if kind == "PERSON" and lid:
                    gold.setdefault(lid, []).append(phrase)
    return gold


def _form(phrases: list[str], morph: object) -> str:
    multi = [p for p in phrases if len(p.split()) > 1]
    if not multi:
        return "surname only"
    for p in multi:
        last = p.split()[-1]
        if any("nomn" in str(q.tag) for q in morph.parse(last)):  # type: ignore[attr-defined]
            return "nominative"
    return "oblique case"


def nerel(registry: Registry, config: Config) -> Run:
    import pymorphy3

    morph = pymorphy3.MorphAnalyzer()
    qid_of, by_qid = _wikidata(registry)
    run = Run()
    for txt in sorted(NEREL.glob("*/*.txt")):
        text = txt.read_text(encoding="utf-8")
        ann = txt.with_suffix(".ann").read_text(encoding="utf-8")
        gold = _nerel_gold(ann, text, by_qid)
        linked = {q.split(":", 1)[1] for q in ann.split() if q.startswith("Wikidata:")}
        name = f"{txt.parent.name}/{txt.name}"
        article = _article(name, text, config, registry)
        found = _recognised(article, named_only=True)
        run.role_only += len({t.id for t in article.leaders} - set(found))
        for lid, phrases in found.items():
            if lid not in qid_of:
                run.unjudged += 1
                continue
            run.total.tags += 1
            ok = qid_of[lid] in linked
            run.total.right += ok
            if not ok:
                run.errors.append(f"FP {name}: {lid} {phrases}")
        for lid, phrases in gold.items():
            run.total.gold += 1
            if lid in found:
                run.total.found += 1
            else:
                form = _form(phrases, morph)
                run.misses[form] += 1
                run.errors.append(f"FN {name}: {lid} ({form}) {sorted(set(phrases))}")
    return run


def labelled(registry: Registry, config: Config) -> Run:
    run = Run()
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        text = (NEREL / record["file"]).read_text(encoding="utf-8")
        day = record["stated_date"] or (record["written"] if len(record["written"]) == 10 else None)
        article = _article(record["file"], text, config, registry, day)
        found = _recognised(article)
        # A person the registry lists twice (mao-zedong, mao-tse-tung) is found under either id.
        gold = {}
        for g in record["leaders"]:
            entries = {d.id for n in (g["name"], g["name_ru"]) if (d := registry.leaders.resolve(n))}
            gold[frozenset(entries or {g["name"]})] = g
        known = {lid for ids in gold for lid in ids}
        for lid, phrases in found.items():
            run.total.tags += 1
            run.total.right += lid in known
            if lid not in known:
                run.errors.append(f"FP {record['file']}: {lid} {phrases}")
        run.listed.tags += len(found)
        run.listed.right += len(set(found) & known)
        for ids, g in gold.items():
            hit = bool(ids & set(found))
            run.total.gold += 1
            run.total.found += hit
            if g["name"] not in ids:
                run.listed.gold += 1
                run.listed.found += hit
            for f in g["referred"]:
                run.forms[f].gold += 1
                run.forms[f].found += hit
            if not hit:
                run.misses[g["referred"][0]] += 1
                run.errors.append(f"FN {record['file']}: {g['name']} ({g['status']}) {g['referred']}")
    return run


def dates_and_outlets(registry: Registry, config: Config) -> None:
    """The labelled stories read undated: the writing date the text states, and the outlet."""
    date_right = date_wrong = date_missed = date_extra = 0
    outlet_right = outlet_wrong = outlet_missed = outlet_extra = 0
    errors = []
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        text = (NEREL / record["file"]).read_text(encoding="utf-8")
        article = _article(record["file"], text, config, registry)
        day = article.date.date().isoformat() if article.date else None
        if record["stated_date"] and day == record["stated_date"]:
            date_right += 1
        elif record["stated_date"] and day:
            date_wrong += 1
            errors.append(f"date {record['file']}: {day}, labelled {record['stated_date']}")
        elif record["stated_date"]:
            date_missed += 1
        elif day:
            date_extra += 1
            errors.append(f"date {record['file']}: {day}, none stated")
        if record["outlet"] and article.outlet == record["outlet"]:
            outlet_right += 1
        elif record["outlet"] and article.outlet:
            outlet_wrong += 1
            errors.append(f"outlet {record['file']}: {article.outlet}, labelled {record['outlet']}")
        elif record["outlet"]:
            outlet_missed += 1
            errors.append(f"outlet {record['file']}: none, labelled {record['outlet']}")
        elif article.outlet:
            outlet_extra += 1
            errors.append(f"outlet {record['file']}: {article.outlet}, none labelled")
    print("\nru_dev.jsonl read undated: the date the text states, and the outlet\n")
    print("| field | right | wrong | missed | given where the label has none |")
    print("|---|---:|---:|---:|---:|")
    print(f"| stated date | {date_right} | {date_wrong} | {date_missed} | {date_extra} |")
    print(f"| outlet | {outlet_right} | {outlet_wrong} | {outlet_missed} | {outlet_extra} |")
    if errors:
        print("\n" + "\n".join(errors))


def report(title: str, run: Run, forms: tuple[str, ...], by_form: bool, errors: bool) -> None:
    print(f"\n{title}\n")
    print("| leaders | gold | found | recognised | right | precision | recall | F1 |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    print(run.total.row("**all**"))
    if run.listed.gold:
        print(run.listed.row("in the registry"))
    if by_form:
        for f in FORMS:
            if run.forms[f].gold:
                s = run.forms[f]
                print(f"| {f} | {s.gold} | {s.found} | | | | {s.found / s.gold:.3f} | |")
    print("\nmisses by form: " + ", ".join(f"{f} {run.misses[f]}" for f in forms))
    if run.unjudged:
        print(f"recognised leaders with no Wikidata id (not judged): {run.unjudged}")
    if run.role_only:
        print(f"leaders found by role phrases alone (NEREL links no role phrase; not judged): {run.role_only}")
    if errors:
        print("\n" + "\n".join(run.errors))


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--set", nargs="+", choices=["nerel", "labelled"], default=["nerel", "labelled"])
    parser.add_argument("--errors", action="store_true", help="list every false positive and negative")
    args = parser.parse_args()
    if not NEREL.exists():
        print(f"corpus not found at {NEREL} (it lives in ../shared beside the checkout)", file=sys.stderr)
        return 2
    config = Config(root=REPO)
    registry = load_registry(config)
    if "nerel" in args.set:
        run = nerel(registry, config)
        report("NEREL (933 documents, undated)", run, NEREL_FORMS, False, args.errors)
    if "labelled" in args.set:
        run = labelled(registry, config)
        report("ru_dev.jsonl (100 hand-labelled stories)", run, FORMS, True, args.errors)
        dates_and_outlets(registry, config)
    return 0


if __name__ == "__main__":
    sys.exit(main())
