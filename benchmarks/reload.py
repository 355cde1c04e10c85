"""Save-to-visible latency of `digestgen serve` in headless Chromium.

For each corpus size: generate the shared benchmark corpus, start the preview (real watcher,
real debounce), open one article page in Chromium, then 10 times, a second apart, append a
paragraph to that article and time from the save until the new paragraph is in the open page
(reloaded by the served script, not by this harness).

    /work/venv/bin/python benchmarks/reload.py [--sizes 1000 10000] [--edits 10]
"""

from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the checkout, for tests.browser
from tests.browser import ARGS, CHROMIUM

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
GEN = SHARED / "bench" / "gen_corpus.py"
TARGETS_MS = {1000: 300, 10000: 500}
PEERS = {1000: "hugo server ~490 ms, Eleventy --serve ~1.3 s", 10000: "hugo server ~1,650 ms, Eleventy --serve ~16 s"}


def measure(n: int, edits: int, work: Path) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    from digestgen.config import load_config
    from digestgen.serve.preview import Preview

    corpus = work / f"n{n}"
    subprocess.run(
        [sys.executable, str(GEN), "--n", str(n), "--seed", "42", "--out", str(corpus)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    project = work / f"project{n}"
    project.mkdir()
    (project / "digestgen.yaml").write_text(f"title: Reload benchmark\ncontent_dir: {corpus / 'articles'}\n")
    log = io.StringIO()
    started = time.perf_counter()
    preview = Preview(load_config(project / "digestgen.yaml"), log=log)
    url = preview.start("127.0.0.1", 0)
    first = time.perf_counter() - started
    files = sorted((corpus / "articles").glob("*.md"))
    target = files[len(files) // 2]
    article = preview.cache.entries[str(target)].article
    assert article is not None
    original = target.read_text(encoding="utf-8")
    times: list[float] = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
            page = browser.new_page()
            page.goto(url + article.output_path.removesuffix("index.html"))
            for k in range(edits):
                time.sleep(1.0)
                marker = f"reloadmark{k}x{n}"
                t0 = time.perf_counter()
                target.write_text(original + f"\n\nBenchmark edit {k}: {marker}.\n", encoding="utf-8")
                page.wait_for_selector(f"p:has-text('{marker}')", state="attached", timeout=30_000)
                times.append((time.perf_counter() - t0) * 1000)
            browser.close()
    finally:
        target.write_text(original, encoding="utf-8")
        preview.stop()
    rebuilds = [float(m) for m in __import__("re").findall(r"in (\d+) ms", log.getvalue())[1:]]
    return {
        "median": statistics.median(times),
        "min": min(times),
        "max": max(times),
        "startup": first,
        "rebuild": statistics.median(rebuilds) if rebuilds else float("nan"),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--edits", type=int, default=10)
    args = parser.parse_args()
    if not GEN.exists():
        print(f"error: corpus generator not found at {GEN} (../shared beside the checkout)", file=sys.stderr)
        return 2
    if not CHROMIUM.exists():
        print(f"error: {CHROMIUM} not found (install Debian's chromium)", file=sys.stderr)
        return 2
    print(f"save-to-visible latency, median of {args.edits} edits a second apart (headless Chromium)")
    with tempfile.TemporaryDirectory(prefix="digestgen-reload-bench-") as tmp:
        for n in args.sizes:
            r = measure(n, args.edits, Path(tmp))
            target = TARGETS_MS.get(n)
            verdict = "" if target is None else f"target < {target} ms: {'met' if r['median'] < target else 'MISSED'}"
            print(
                f"{n:>6} articles: median {r['median']:.0f} ms (min {r['min']:.0f}, max {r['max']:.0f}); "
                f"server rebuild median {r['rebuild']:.0f} ms; first build {r['startup']:.1f} s; {verdict}"
                + (f"  [peers: {PEERS[n]}]" if n in PEERS else ""),
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
