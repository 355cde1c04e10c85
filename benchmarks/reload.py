"""Save-to-visible latency of `digestgen serve` in headless Chromium, per kind of edit.

For each corpus size: generate the shared benchmark corpus, build it once (so a cache and a site
exist), start `digestgen serve` in its own process (real watcher, real debounce), open a page in Chromium, then for each
kind of edit, a second apart, change a file and time from the save until the change is in the open
page (reloaded by the served script, not by this harness; the time is when the browser had parsed
the reloaded document, from its navigation timing):

- body: a paragraph appended to an article, whose page is open;
- title: an article's title changed, its page open;
- tag: a topic added to an article's front matter, its page open;
- new: a new article dated after every other, the home page open.

The preview's log gives, per save, how many pages were rendered before the open page was shown.
Startup is timed twice: a first `serve` with no cache, and one after `digestgen build`.

    .venv/bin/python benchmarks/reload.py [--sizes 1000 10000] [--edits 5]
"""

from __future__ import annotations

import argparse
import io
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the checkout, for tests.browser
from tests.browser import ARGS, CHROMIUM

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
GEN = SHARED / "bench" / "gen_corpus.py"
TARGETS_MS = {1000: {"body": 300}, 10000: {"body": 500}}
OTHER_TARGET_MS = 1000
PEERS = {1000: "hugo server ~490 ms, Eleventy --serve ~1.3 s", 10000: "hugo server ~1,650 ms, Eleventy --serve ~16 s"}
KINDS = ("body", "title", "tag", "new")
# When the reloaded document had its content parsed, on the browser's clock (epoch ms): Playwright's own
# wait notices a new document only on its retry schedule (up to 500 ms late), so it is not the measure.
SHOWN = "() => performance.timeOrigin + performance.getEntriesByType('navigation')[0].domInteractive"


def _corpus(n: int, work: Path) -> Path:
    corpus = work / f"n{n}"
    subprocess.run(
        [sys.executable, str(GEN), "--n", str(n), "--seed", "42", "--out", str(corpus)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return corpus / "articles"


class Served:
    """`digestgen serve` in its own process, as a user runs it; its log collected as it comes."""

    def __init__(self, project: Path) -> None:
        started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "digestgen", "serve", "--port", "0", "--config", str(project / "digestgen.yaml")],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            errors="replace",
        )
        assert self.process.stdout is not None and self.process.stderr is not None
        self.log = io.StringIO()
        # stderr is drained from the start: a first build's warnings can fill the pipe before serve
        # prints its address, and a full pipe blocks serve mid-write.
        self._reader = threading.Thread(target=self._read, args=(self.process.stderr,), daemon=True)
        self._reader.start()
        line = self.process.stdout.readline()
        found = re.search(r"serving (http://\S+)", line)
        if not found:
            self.process.kill()
            raise RuntimeError(f"serve did not start: {line}{self.log.getvalue()}")
        self.url, self.started = found[1], time.perf_counter() - started
        self._out = threading.Thread(target=self._read, args=(self.process.stdout,), daemon=True)
        self._out.start()

    def _read(self, stream: TextIO) -> None:
        for line in stream:
            self.log.write(line)

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def measure(n: int, edits: int, work: Path) -> dict[str, object]:
    from playwright.sync_api import sync_playwright

    from digestgen.cli import main as digestgen

    articles = _corpus(n, work)
    project = work / f"project{n}"
    project.mkdir()
    (project / "digestgen.yaml").write_text(f"title: Reload benchmark\ncontent_dir: {articles}\n")
    cold = Served(project)
    cold.stop()
    assert digestgen(["build", "--quiet", "--config", str(project / "digestgen.yaml")]) == 0
    served = Served(project)
    url, log = served.url, served.log
    files = sorted(articles.glob("*.md"))
    target = files[len(files) // 2]
    original = target.read_text(encoding="utf-8")
    slug = re.sub(r"\.md$", "", target.name)
    times: dict[str, list[float]] = {kind: [] for kind in KINDS}
    rendered: dict[str, list[int]] = {kind: [] for kind in KINDS}
    made: list[Path] = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
            page = browser.new_page()
            for kind in KINDS:
                page.goto(url if kind == "new" else f"{url}articles/{slug}/")
                for k in range(edits):
                    time.sleep(1.0)
                    marker = f"mark{kind}{k}x{n}"
                    selector, write = _edit(kind, marker, target, original, made)
                    lines = log.getvalue().count("\n")
                    saved = time.time() * 1000
                    write()
                    page.wait_for_selector(selector, state="attached", timeout=60_000)
                    times[kind].append(page.evaluate(SHOWN) - saved)
                    rendered[kind] += _rendered_since(log, lines)
                target.write_text(original, encoding="utf-8")
                time.sleep(1.5)
            browser.close()
    finally:
        target.write_text(original, encoding="utf-8")
        for path in made:
            path.unlink(missing_ok=True)
        served.stop()
    return {
        "times": times,
        "rendered": rendered,
        "pages": _pages(log),
        "cold_start": cold.started,
        "warm_start": served.started,
    }


def _edit(kind: str, marker: str, target: Path, original: str, made: list[Path]) -> tuple[str, Callable[[], None]]:
    """The selector that shows the edit in the open page, and the write that makes it."""
    if kind == "body":
        return f"p:has-text('{marker}')", lambda: target.write_text(original + f"\n\nEdit: {marker}.\n", "utf-8")
    if kind == "title":
        text = original.replace('title: "', f'title: "{marker} ', 1)
        return f"h1:has-text('{marker}')", lambda: target.write_text(text, "utf-8")
    if kind == "tag":
        text = original.replace("topics: [", f'topics: ["{marker}", ', 1)
        return f"a.tag:has-text('{marker}')", lambda: target.write_text(text, "utf-8")
    new = target.with_name(f"zz-{marker}.md")
    made.append(new)
    text = f'---\ntitle: "{marker} breaking"\ndate: 2099-01-01T12:00:00Z\nleaders: ["Emmanuel Macron"]\n---\nNews.\n'
    return f"a:has-text('{marker}')", lambda: new.write_text(text, "utf-8")


def _rendered_since(log: io.StringIO, lines: int) -> list[int]:
    """Pages rendered before the open page was shown, for the saves logged after line `lines`."""
    return [int(m) for m in re.findall(r"rebuilt (\d+) of", "\n".join(log.getvalue().splitlines()[lines:]))]


def _pages(log: io.StringIO) -> int:
    found = re.findall(r"of (\d+) pages", log.getvalue())
    return int(found[-1]) if found else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args()
    if not GEN.exists():
        print(f"error: corpus generator not found at {GEN} (../shared beside the checkout)", file=sys.stderr)
        return 2
    if not CHROMIUM.exists():
        print(f"error: {CHROMIUM} not found (install Debian's chromium)", file=sys.stderr)
        return 2
    print(f"save-to-visible latency in headless Chromium, median of {args.edits} edits a second apart")
    print("| articles | edit | median ms | min | max | target | pages rendered first (median) |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="digestgen-reload-bench-") as tmp:
        for n in args.sizes:
            r = measure(n, args.edits, Path(tmp))
            times, rendered = r["times"], r["rendered"]
            assert isinstance(times, dict) and isinstance(rendered, dict)
            for kind in KINDS:
                t = times[kind]
                target = TARGETS_MS.get(n, {}).get(kind, OTHER_TARGET_MS)
                verdict = "met" if statistics.median(t) <= target else "MISSED"
                pages = statistics.median(rendered[kind]) if rendered[kind] else float("nan")
                print(
                    f"| {n:,} | {kind} | {statistics.median(t):.0f} | {min(t):.0f} | {max(t):.0f} "
                    f"| ≤ {target} ({verdict}) | {pages:.0f} of {r['pages']:,} |",
                    flush=True,
                )
            print(
                f"  {n:,} articles: serve started in {r['cold_start']:.1f} s with no cache, "
                f"{r['warm_start']:.1f} s after a build  [peers: {PEERS.get(n, '-')}]",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
