"""Story grouping (plan/stories.py): pair precision and recall on labelled pairs, and its cost.

    python benchmarks/duplicates.py [--sizes 2000,10000] [--sweep] [--builds 10000 --runs 3]

Quality: every file of ../shared/corpora/recent-dev (1,579 dated stories, eight outlets) and
../shared/corpora/bbc (2,225 undated BBC stories) is sketched as the parse stage does and the
whole corpus is grouped, as a build would; each labelled pair of benchmarks/labels/duplicates.tsv
counts as found when both files end up in one story. `--sweep` repeats it at other thresholds.

Cost: the corpus of ../shared/bench/gen_corpus.py (seed 42) at each size, timed in this process:
sketching every body (parse stage, in its worker processes in a build) and grouping them all
(plan stage). The generated stories are all different, so any group found there is a false one.

Share of a build (`--builds N`): cold `digestgen build` of that corpus (no cache, a fresh output
folder) in its own process, with grouping and without (sketching and grouping stubbed out), in
alternation, `--runs` times each: the median wall time of each and what grouping adds.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType

from digestgen.model import Card
from digestgen.pipeline.plan import stories
from digestgen.text import boilerplate
from digestgen.text.sketch import sketch

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
LABELS = REPO / "benchmarks" / "labels" / "duplicates.tsv"


def card(path: str, text: str, when: datetime | None, title: str) -> Card:
    """A card with only what grouping reads: path, headline, date, length and the sketch of the story text."""
    story = boilerplate.story_text(text)
    return Card(
        source_path=path,
        slug=path.replace("/", "-"),
        title=title,
        date=when,
        outlet=None,
        source_url=None,
        terms=MappingProxyType({}),
        summary="",
        words=len(story.split()),
        sketch=sketch(story),
    )


def corpus(name: str) -> list[Card]:
    folder = SHARED / "corpora" / name / "articles"
    dates: dict[str, datetime] = {}
    headlines: dict[str, str] = {}
    index = SHARED / "corpora" / name / "index.jsonl"
    if index.is_file():  # recent-dev: the headline and date are in the index, the file is the body
        for line in index.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            dates[f"{row['id']}.txt"] = datetime.fromisoformat(row["date"]).replace(hour=12, tzinfo=UTC)
            headlines[f"{row['id']}.txt"] = row["headline"]
    cards = []
    for path in sorted(folder.rglob("*.txt")):
        rel = path.relative_to(folder).as_posix()
        text = path.read_text(encoding="utf-8", errors="replace")
        if rel not in headlines:  # BBC: the first line is the headline
            headline, _, text = text.partition("\n")
            headlines[rel] = headline.strip()
        cards.append(card(f"{name}/{rel}", text, dates.get(rel), headlines[rel]))
    return cards


def labelled() -> list[tuple[str, str, bool]]:
    pairs = []
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        name, a, b, label = line.split("\t")
        pairs.append((f"{name}/{a}", f"{name}/{b}", label == "same"))
    return pairs


def quality(cards: list[Card], pairs: list[tuple[str, str, bool]]) -> dict[str, float]:
    found = stories.group_stories(cards)
    story_of = {c.source_path: n for n, s in enumerate(found) for c in s.versions}
    tp = fp = fn = 0
    for a, b, same in pairs:
        together = a in story_of and story_of.get(a) == story_of.get(b)
        tp += together and same
        fp += together and not same
        fn += same and not together
    by_corpus: dict[str, int] = {}
    for s in found:
        name = s.lead.source_path.split("/")[0]
        by_corpus[name] = by_corpus.get(name, 0) + 1
    return {
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        **{f"groups {k}": v for k, v in sorted(by_corpus.items())},
        "articles grouped": sum(len(s.versions) for s in found),
    }


def generated(n: int, work: Path) -> list[tuple[str, str, datetime | None, str]]:
    out = work / f"n{n}"
    if not (out / "index.json").is_file():
        subprocess.run(
            [sys.executable, str(SHARED / "bench" / "gen_corpus.py"), "--n", str(n), "--seed", "42", "--out", str(out)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    docs = []
    for path in sorted((out / "articles").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        fields = dict(line.split(":", 1) for line in front.splitlines() if ":" in line)
        when = fields.get("date", "").strip().strip("'\"")
        title = fields.get("title", "").strip().strip("'\"")
        date = datetime.fromisoformat(when.replace("Z", "+00:00")) if when else None
        if date is not None and date.tzinfo is None:
            date = date.replace(tzinfo=UTC)
        docs.append((f"content/{path.name}", body, date, title))
    return docs


def cost(n: int, work: Path) -> dict[str, float]:
    docs = generated(n, work)
    t0 = time.process_time()
    cards = [card(path, body, when, title) for path, body, when, title in docs]
    t1 = time.process_time()
    found = stories.group_stories(cards)
    t2 = time.process_time()
    return {"articles": n, "sketch s": round(t1 - t0, 2), "group s": round(t2 - t1, 3), "groups": len(found)}


_WITHOUT = """
import sys
import digestgen.pipeline.parse.articles as articles
import digestgen.pipeline.plan.site as site
articles.sketch = lambda text: b""
site.group_stories = lambda cards, memo=None: ()
from digestgen.cli import main
sys.exit(main(sys.argv[1:]))
"""
_WITH = "import sys\nfrom digestgen.cli import main\nsys.exit(main(sys.argv[1:]))\n"


def build_share(n: int, runs: int, work: Path) -> str:
    """Median cold-build wall time with and without grouping, alternating in one run."""
    generated(n, work)  # writes the corpus
    project = work / f"n{n}-project"
    if not project.exists():
        project.mkdir(parents=True)
        (project / "content").symlink_to(work / f"n{n}" / "articles")
        (project / "digestgen.yaml").write_text("title: Bench\n", encoding="utf-8")
    times: dict[str, list[float]] = {"with": [], "without": []}
    for _ in range(runs):
        for name, code in (("with", _WITH), ("without", _WITHOUT)):
            out = work / "site-out"
            shutil.rmtree(out, ignore_errors=True)
            shutil.rmtree(project / ".digestgen-cache", ignore_errors=True)
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "-c", code, "build", "--output", str(out), "--quiet"],
                cwd=project,
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            times[name].append(time.perf_counter() - started)
    on, off = statistics.median(times["with"]), statistics.median(times["without"])
    return f"cold build of {n}: {on:.1f} s with grouping, {off:.1f} s without (median of {runs}): +{(on / off - 1) * 100:.1f} %"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,10000")
    parser.add_argument("--sweep", action="store_true", help="also report other thresholds")
    parser.add_argument("--builds", type=int, default=0, help="also time cold builds of this size with and without")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "digestgen-duplicates")
    args = parser.parse_args()
    if not (SHARED / "corpora" / "recent-dev").is_dir():
        print(f"corpora not found under {SHARED} (they live in ../shared beside the checkout)", file=sys.stderr)
        return 2
    cards = corpus("recent-dev") + corpus("bbc")
    pairs = labelled()
    print(f"{len(pairs)} labelled pairs ({sum(s for _, _, s in pairs)} same), {len(cards)} articles")
    thresholds = [0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7] if args.sweep else [stories.THRESHOLD]
    chosen = stories.THRESHOLD
    for threshold in thresholds:
        stories.THRESHOLD = threshold
        row = quality(cards, pairs)
        mark = " (shipped)" if threshold == chosen else ""
        print(
            f"threshold {threshold:.2f}{mark}: "
            + ", ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in row.items())
        )
    stories.THRESHOLD = chosen
    for n in (int(s) for s in args.sizes.split(",") if s):
        print("cost:", ", ".join(f"{k} {v}" for k, v in cost(n, args.work).items()))
    if args.builds:
        print(build_share(args.builds, args.runs, args.work))
    return 0


if __name__ == "__main__":
    sys.exit(main())
