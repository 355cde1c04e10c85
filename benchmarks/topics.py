"""Precision/recall of topic inference against the BBC corpus categories and the editors' topics,
and first-topic agreement with the issue tags of recent-dev (../shared/corpora/recent-dev).

Usage: python benchmarks/topics.py [--corpus PATH] [--max-topics N] [--matrix] [--misses]

The BBC corpus has five editorial categories; the taxonomy has ~30 finer topics. Each
category is mapped below to the topics a BBC editor would file under it. Topics that
real newsrooms file under several desks (diplomacy, crime, health, media, science, ...)
are left unmapped: they count towards neither precision nor recall.

* precision(C): of the articles given at least one topic mapped to C, the share in C;
* recall(C): of the articles in C, the share given at least one topic mapped to C.

Second, against people: `leaders_dev.jsonl` (read LEADERS_DEV.md) gives 160 of these articles 1-3
topics chosen by an editor from 20 labels. TOPIC_LABEL maps each topic of the taxonomy onto one
of those labels, once, here. It prints

* agreement: the share of articles whose first inferred topic is one of the editor's labels
  (an article with no inferred topic counts as a miss);
* micro precision and recall of the set of labels inferred (all topics, mapped) against the editor's.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from digestgen.taxonomy.entries import default_topics
from digestgen.taxonomy.topics import TopicIndex
from digestgen.text import boilerplate

ROOT = Path(__file__).resolve().parents[1]

CATEGORY_TOPICS: dict[str, frozenset[str]] = {
    # The business desk covers the economy, companies and markets, and the sector stories
    # (trade, industry, energy, airlines, farming, jobs, housing) told as money stories.
    "business": frozenset(
        {
            "economy",
            "business",
            "finance-markets",
            "trade",
            "industry",
            "energy",
            "labour",
            "housing",
            "transport",
            "agriculture-food",
        }
    ),
    # Film, music, TV drama, books and awards.
    "entertainment": frozenset({"culture-entertainment"}),
    # Parliament, parties, government and campaigns, plus the home-affairs and security
    # fights the politics desk owns (asylum, anti-terror law, defence, civil liberties) and
    # social policy (welfare, equality, gambling and hunting laws).
    # Health, education, crime, diplomacy, the EU, ... stay unmapped: every desk covers them.
    "politics": frozenset(
        {
            "politics",
            "elections",
            "migration",
            "terrorism",
            "defence-security",
            "human-rights",
            "society",
        }
    ),
    "sport": frozenset({"sport"}),
    # Computing, internet, phones, games and online security.
    "tech": frozenset({"technology", "cybersecurity"}),
}


# Each taxonomy topic onto the editors' 20 labels (LEADERS_DEV.md). Home-affairs topics with no label
# of their own go where the editors file them: jobs, housing and farming under the economy;
# disasters and aid under society; sanctions and borders under diplomacy.
TOPIC_LABEL: dict[str, str] = {
    "diplomacy": "diplomacy",
    "borders": "diplomacy",
    "sanctions": "diplomacy",
    "europe-eu": "europe-eu",
    "defence-security": "defence-security",
    "terrorism": "terrorism",
    "crime-justice": "crime-justice",
    "energy": "energy",
    "trade": "trade",
    "economy": "economy",
    "labour": "economy",
    "housing": "economy",
    "agriculture-food": "economy",
    "business": "business-markets",
    "finance-markets": "business-markets",
    "industry": "business-markets",
    "transport": "transport",
    "technology": "technology",
    "cybersecurity": "technology",
    "science-space": "science-environment",
    "climate-environment": "science-environment",
    "elections": "politics-elections",
    "politics": "politics-elections",
    "migration": "migration",
    "health": "health",
    "education": "education",
    "human-rights": "human-rights",
    "disasters-aid": "society",
    "society": "society",
    "media": "media-entertainment",
    "culture-entertainment": "media-entertainment",
    "sport": "sport",
}
LABELS = frozenset(TOPIC_LABEL.values())


def read_corpus(corpus: Path) -> list[tuple[str, str, str]]:
    """(category, title, body) for every article; line 1 is the headline."""
    articles = []
    for category in sorted(CATEGORY_TOPICS):
        for path in sorted((corpus / "articles" / category).glob("*.txt")):
            title, _, body = path.read_text(encoding="utf-8").partition("\n")
            articles.append((category, title.strip(), body.strip()))
    return articles


def corpus_dev(corpus: Path, index: TopicIndex, max_topics: int, misses: bool) -> str | None:
    """Agreement and micro P/R against the editors' topics in leaders_dev.jsonl, as printable text."""
    path = corpus / "leaders_dev.jsonl"
    if not path.is_file():
        return f"{path} not found: no comparison with the editors' topics"
    unmapped = {t.id for t in index.topics} - TOPIC_LABEL.keys()
    if unmapped:
        return f"topics not mapped onto the editors' labels: {', '.join(sorted(unmapped))}"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    agree = tp = fp = fn = 0
    per_label: dict[str, Counter[str]] = {}
    lines = []
    for rec in records:
        title, _, body = (corpus / rec["file"]).read_text(encoding="utf-8").partition("\n")
        matches = index.score(title.strip(), body.strip(), max_topics)
        labels = [TOPIC_LABEL[m.id] for m in matches]
        gold = set(rec["topics"])
        first_ok = bool(labels) and labels[0] in gold
        agree += first_ok
        tp += len(set(labels) & gold)
        fp += len(set(labels) - gold)
        fn += len(gold - set(labels))
        for label in gold:
            per_label.setdefault(label, Counter())["first ok" if first_ok else "first missed"] += 1
        if misses and not first_ok:
            lines.append(
                f"  {rec['file']}: {title.strip()!r} editors {sorted(gold)}; "
                f"inferred {[(m.id, m.score) for m in matches]}"
            )
    n = len(records)
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    head = (
        f"\neditors' topics (leaders_dev.jsonl, {n} articles, {len(LABELS)} labels used of 20): "
        f"agreement {agree}/{n} = {agree / n:.1%} (first topic among the editor's labels); "
        f"micro precision {precision:.3f}, recall {recall:.3f}, F1 {f1:.3f}"
    )
    return "\n".join([head, *lines])


# recent-dev's one issue tag per story (AllSides' topic pages) -> the topic an editor would file it under;
# tags naming a place, a genre or a party rather than a subject ("world", "features", "opinions") are left out.
ALLSIDES_TOPIC = {
    **dict.fromkeys(["elections", "campaign_finance", "voting_rights_and_voter_fraud"], "elections"),
    **dict.fromkeys(
        [
            "politics",
            "white_house",
            "us_senate",
            "us_house",
            "us_congress",
            "impeachment",
            "republican_party",
            "democratic_party",
            "polarization",
            "domestic_policy",
        ],
        "politics",
    ),
    "immigration": "migration",
    **dict.fromkeys(["healthcare", "coronavirus", "ebola"], "health"),
    **dict.fromkeys(
        ["supreme_court", "justice", "criminal_justice", "justice_department", "fbi", "violence_in_america"],
        "crime-justice",
    ),
    "environment": "climate-environment",
    **dict.fromkeys(
        ["economy_and_jobs", "economy", "economic_policy", "federal_budget", "fiscal_cliff", "taxes", "treasury"],
        "economy",
    ),
    "labor": "labour",
    "trade": "trade",
    "energy": "energy",
    **dict.fromkeys(["technology", "science_tech"], "technology"),
    **dict.fromkeys(["cybersecurity", "nsa"], "cybersecurity"),
    **dict.fromkeys(["terrorism", "isis"], "terrorism"),
    **dict.fromkeys(
        ["national_security", "defense", "national_defense", "us_military", "nuclear_weapons", "homeland_security"],
        "defence-security",
    ),
    **dict.fromkeys(["foreign_policy", "state_department"], "diplomacy"),
    "education": "education",
    **dict.fromkeys(["lgbt_rights", "civil_rights", "race_and_racism", "free_speech"], "human-rights"),
    "media_bias": "media",
    "sports": "sport",
    "culture": "culture-entertainment",
    "banking_and_finance": "finance-markets",
    "transportation": "transport",
    "disaster": "disasters-aid",
    "religion_and_faith": "society",
}


def recent_dev(corpus: Path, index: TopicIndex, max_topics: int, misses: bool) -> str:
    """First-topic agreement with recent-dev's issue tags (2012-2020, 2025; eight outlets), per tag."""
    records = [json.loads(line) for line in (corpus / "index.jsonl").read_text(encoding="utf-8").splitlines() if line]
    per: dict[str, Counter[str]] = {}
    lines = []
    for rec in records:
        wanted = ALLSIDES_TOPIC.get(rec["allsides_topic"])
        if wanted is None:
            continue
        body = (corpus / "articles" / f"{rec['id']}.txt").read_text(encoding="utf-8")
        # As a build reads it: the story without its page furniture (captions, bylines, link boxes).
        found = [m.id for m in index.score(rec["headline"], boilerplate.story_text(body), max_topics)]
        outcome = "first" if found[:1] == [wanted] else "listed" if wanted in found else "missed"
        per.setdefault(wanted, Counter())[outcome] += 1
        if misses and outcome != "first":
            lines.append(f"  {rec['id']} [{rec['allsides_topic']} -> {wanted}] {rec['headline']!r}: {found}")
    total = Counter[str]()
    for counts in per.values():
        total.update(counts)
    n = sum(total.values())
    rows = [
        f"\nrecent dev ({n} stories whose issue tag names a subject; tags mapped in ALLSIDES_TOPIC): first topic "
        f"agrees {total['first']}/{n} = {total['first'] / n:.1%}; among the {max_topics} listed "
        f"{total['first'] + total['listed']}/{n} = {(total['first'] + total['listed']) / n:.1%}",
        f"{'topic':<24}{'n':>5}{'first':>7}{'listed':>8}{'missed':>8}",
    ]
    for topic, c in sorted(per.items(), key=lambda kv: -sum(kv[1].values())):
        rows.append(f"{topic:<24}{sum(c.values()):>5}{c['first']:>7}{c['listed']:>8}{c['missed']:>8}")
    return "\n".join([*rows, *lines])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "bbc")
    parser.add_argument("--max-topics", type=int, default=4)
    parser.add_argument("--matrix", action="store_true", help="also print topic counts per category")
    parser.add_argument(
        "--misses", action="store_true", help="list the editor-labelled articles the first topic misses"
    )
    args = parser.parse_args(argv)
    if not (args.corpus / "articles").is_dir():
        print(
            f"BBC corpus not found at {args.corpus} (expected articles/<category>/*.txt); use --corpus", file=sys.stderr
        )
        return 2

    articles = read_corpus(args.corpus)
    index = TopicIndex.build(default_topics())
    start = time.perf_counter()
    inferred = [index.score(title, body, args.max_topics) for _, title, body in articles]
    elapsed = time.perf_counter() - start

    cats = [c for c, _, _ in articles]
    print(f"{'category':<14}{'n':>6}{'predicted':>11}{'precision':>11}{'recall':>9}")
    for cat, mapped in CATEGORY_TOPICS.items():
        hits = [any(m.id in mapped for m in ms) for ms in inferred]
        predicted = sum(hits)
        correct = sum(h and c == cat for h, c in zip(hits, cats, strict=False))
        total = cats.count(cat)
        precision = correct / predicted if predicted else 0.0
        print(f"{cat:<14}{total:>6}{predicted:>11}{precision:>11.3f}{correct / total:>9.3f}")
    per_article = Counter(len(ms) for ms in inferred)
    print("topics per article:", ", ".join(f"{k}: {per_article[k]}" for k in sorted(per_article)))
    print(f"{len(articles)} articles in {elapsed:.3f}s ({len(articles) / elapsed:,.0f} articles/s, index prebuilt)")

    if args.matrix:
        table: dict[str, Counter[str]] = {}
        for cat, ms in zip(cats, inferred, strict=False):
            for m in ms:
                table.setdefault(m.id, Counter())[cat] += 1
        print(f"\n{'topic':<24}" + "".join(f"{c[:8]:>9}" for c in CATEGORY_TOPICS))
        for topic in sorted(table, key=lambda t: -sum(table[t].values())):
            print(f"{topic:<24}" + "".join(f"{table[topic][c]:>9}" for c in CATEGORY_TOPICS))

    dev = corpus_dev(args.corpus, index, args.max_topics, args.misses)
    if dev:
        print(dev)
    recent = args.corpus.parent / "recent-dev"
    if (recent / "index.jsonl").is_file():
        print(recent_dev(recent, index, args.max_topics, args.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
