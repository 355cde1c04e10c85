"""What a first search downloads on a large site: the split search index measured in a real browser.

    .venv/bin/python benchmarks/search_size.py [--articles 10000] [--work /tmp/digestgen-search-size]

Generates a corpus with ../shared/bench/gen_corpus.py (seed 42), builds it with digestgen, then opens
search/index.html from file:// in Chromium (/usr/bin/chromium, through Playwright) once per case, each
in a fresh browser context (empty cache): a search for the most frequent indexed word, for a common
word, a click on the largest leader facet, and a word with a leader and a date range. Every file the
page loads is counted (the page, its CSS and script, and the index files), raw and gzip -9. Prints the
whole index (files, raw, gzip) and a row per case; the target is at most 1.5 MB gzip per first search.
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlparse
from urllib.request import url2pathname

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the checkout, for tests.browser
from digestgen.commands.build import build
from digestgen.config import load_config
from digestgen.pipeline.builder import Builder, Mode, Options
from digestgen.pipeline.plan.site import plan_site
from digestgen.pipeline.render.search import decode_postings, read_script, search_files
from tests.browser import ARGS, CHROMIUM

REPO = Path(__file__).resolve().parents[1]
GEN = REPO.parent / "shared" / "bench" / "gen_corpus.py"
TARGET = 1.5e6
COMMON_WORD = "president"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/digestgen-search-size"))
    args = parser.parse_args()
    if not GEN.exists():
        print(f"corpus generator not found at {GEN} (it lives in ../shared beside the checkout)", file=sys.stderr)
        return 2
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("playwright is not installed: pip install -e '.[test]'", file=sys.stderr)
        return 2
    site, seconds = build_site(args.articles, args.work / f"n{args.articles}")
    index = sorted(p for p in (site / "search").rglob("*.js"))
    print(
        f"\n### Search index at {args.articles:,} articles (site built in {seconds:.1f} s; "
        f"of that, writing the index takes {index_seconds(site.parent):.2f} s, on every build)\n"
    )
    print("| part | files | raw KB | gzip -9 KB |")
    print("|---|---|---|---|")
    for label, files in (
        ("manifest", [site / "search" / "manifest.js"]),
        ("token shards", [p for p in index if p.parent.name == "t"]),
        ("record shards", [p for p in index if p.parent.name == "r"]),
        ("whole index", index),
    ):
        raw, packed = sizes(files)
        print(f"| {label} | {len(files)} | {raw / 1e3:,.1f} | {packed / 1e3:,.1f} |")
    word, leader, last = probes(site)
    cases: list[tuple[str, Callable[[Any], None]]] = [
        (f"most frequent word '{word}'", lambda page: page.fill("#search-input", word)),
        (f"common word '{COMMON_WORD}'", lambda page: page.fill("#search-input", COMMON_WORD)),
        (f"leader facet '{leader}' (no words)", lambda page: page.locator("#facet-leader label").first.click()),
        (f"'{COMMON_WORD}' + that leader + {last[:4]}", lambda page: combined(page, last)),
    ]
    print("\n### A first search from file:// (fresh cache; everything the page loads)\n")
    print("| case | results | files | raw KB | gzip -9 KB | index files | index gzip KB | within 1.5 MB |")
    print("|---|---|---|---|---|---|---|---|")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        for label, act in cases:
            found, loaded = first_search(browser, site, act)
            raw, packed = sizes(loaded)
            indexed = [p for p in loaded if (site / "search") in p.parents and p.name != "index.html"]
            _, index_packed = sizes(indexed)
            verdict = "yes" if packed <= TARGET else "NO"
            print(
                f"| {label} | {found} | {len(loaded)} | {raw / 1e3:,.1f} | {packed / 1e3:,.1f} | {len(indexed)} "
                f"| {index_packed / 1e3:,.1f} | {verdict} |"
            )
        browser.close()
    return 0


def build_site(n: int, work: Path) -> tuple[Path, float]:
    """The generated corpus as a digestgen project, built; the site folder and the build's seconds."""
    corpus = work / "corpus"
    if not (corpus / "expected.json").exists():
        subprocess.run(
            [sys.executable, str(GEN), "--n", str(n), "--seed", "42", "--out", str(corpus)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    project = work / "project"
    if not (project / "content").is_dir():
        shutil.copytree(corpus / "articles", project / "content")
        (project / "digestgen.yaml").write_text("title: Benchmark\nper_page: 20\n", encoding="utf-8")
    started = time.perf_counter()
    build(load_config(project / "digestgen.yaml"))
    return project / "site", time.perf_counter() - started


def index_seconds(project: Path) -> float:
    """Best of three timings of search_files() alone, on the plan of the project just built."""
    result = Builder(load_config(project / "digestgen.yaml"), Options(Mode.CHECK)).run()
    plan = plan_site([article for _, article in result.parsed], per_page=20)
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        search_files(plan)
        timings.append(time.perf_counter() - started)
    return min(timings)


def sizes(files: list[Path]) -> tuple[int, int]:
    """Summed raw and gzip -9 sizes (no name or time in the gzip header, as `gzip -9n`)."""
    data = [p.read_bytes() for p in files]
    return sum(map(len, data)), sum(len(gzip.compress(d, compresslevel=9, mtime=0)) for d in data)


def probes(site: Path) -> tuple[str, str, str]:
    """The most frequent indexed word, the slug of the leader with most articles, and the newest date."""
    best, best_count = "", -1
    for shard in (site / "search" / "t").glob("*.js"):
        for token, postings in read_script(shard.read_bytes())[2].items():
            if len(postings) > best_count:
                best, best_count = token, len(postings)
    manifest = read_script((site / "search" / "manifest.js").read_bytes())[2]
    leader = manifest["leaders"][0][1]
    newest = next(d for d in manifest["date"] if d is not None)
    assert decode_postings([2]) == [(1, False)]  # the id coding these figures rely on
    return best, leader, time.strftime("%Y-%m-%d", time.gmtime(newest * 86400))


def combined(page: Any, newest: str) -> None:
    """Type the common word, pick the first leader offered, and keep only the newest year."""
    page.fill("#search-input", COMMON_WORD)
    settle(page)
    page.locator("#facet-leader label").first.click()
    settle(page)
    page.fill("#search-from", f"{newest[:4]}-01-01")
    settle(page)
    page.fill("#search-to", newest)


def settle(page: Any) -> None:
    """Wait until the search the last action started has changed the page."""
    page.locator('#search-results[aria-busy="false"]').wait_for(state="attached")


def first_search(browser: Any, site: Path, act: Callable[[Any], None]) -> tuple[str, list[Path]]:
    """Open the search page in a fresh context, act, wait for the results; the status and files loaded."""
    context = browser.new_context()
    page = context.new_page()
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    page.goto((site / "search" / "index.html").resolve().as_uri())
    settle(page)
    act(page)
    settle(page)
    status = page.locator("#search-status").inner_text()
    context.close()
    files = sorted({Path(url2pathname(urlparse(u).path)) for u in urls if u.startswith("file:")})
    return status.removesuffix(" found."), files


if __name__ == "__main__":
    raise SystemExit(main())
