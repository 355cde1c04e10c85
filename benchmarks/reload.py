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

`hugo server` (default fast render mode, `--buildFuture` for the new article's date) is measured
the same way in the same run on the same corpus laid out by ../shared/bench/adapt.py, and the
table gives digestgen's ratio to it; it is skipped, and said so, when `hugo` is not installed
(`apt-get install hugo`).

    .venv/bin/python benchmarks/reload.py [--sizes 1000 10000] [--edits 5] [--no-peer]
"""

from __future__ import annotations

import argparse
import io
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the checkout, for tests.browser
from tests.browser import ARGS, CHROMIUM

if TYPE_CHECKING:
    from playwright.sync_api import Page

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
GEN = SHARED / "bench" / "gen_corpus.py"
TARGETS_MS = {1000: {"body": 300}, 10000: {"body": 500}}
OTHER_TARGET_MS = 1000
ADAPT = SHARED / "bench" / "adapt.py"
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


class _Server:
    """A preview server in its own process, its log collected as it comes; stopped with Ctrl-C."""

    process: subprocess.Popen[str]
    log: io.StringIO

    def _read(self, stream: TextIO) -> None:
        for line in stream:
            self.log.write(line)

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


class Served(_Server):
    """`digestgen serve` in its own process, as a user runs it."""

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


class HugoServed(_Server):
    """`hugo server` on the same corpus, as its users run it; `url` once it serves."""

    def __init__(self, site: Path) -> None:
        with socket.socket() as sock:  # hugo has no --port 0
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        started = time.perf_counter()
        self.process = subprocess.Popen(
            ["hugo", "server", "--bind", "127.0.0.1", "--port", str(port), "--buildFuture", "--quiet"],
            cwd=site,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
        )
        assert self.process.stdout is not None
        self.log = io.StringIO()
        for line in self.process.stdout:
            self.log.write(line)
            if "Web Server is available" in line:
                break
        else:
            raise RuntimeError(f"hugo server did not start: {self.log.getvalue()}")
        self.url, self.started = f"http://127.0.0.1:{port}/", time.perf_counter() - started
        threading.Thread(target=self._read, args=(self.process.stdout,), daemon=True).start()


def _edits(
    page: Page, url: str, articles: Path, kinds: tuple[str, ...], edits: int, log: io.StringIO | None, tag: str
) -> tuple[dict[str, list[float]], dict[str, list[int]]]:
    """Each kind of edit `edits` times, a second apart, timed from the save to the open page shown."""
    files = sorted(articles.glob("*.md"))
    target = files[len(files) // 2]
    original = target.read_text(encoding="utf-8")
    slug = re.sub(r"\.md$", "", target.name)
    times: dict[str, list[float]] = {kind: [] for kind in kinds}
    rendered: dict[str, list[int]] = {kind: [] for kind in kinds}
    made: list[Path] = []
    try:
        for kind in kinds:
            _open(page, url if kind == "new" else f"{url}articles/{slug}/")
            for k in range(edits):
                time.sleep(1.0)
                marker = f"mark{kind}{k}x{len(files)}"
                selector, write = _edit(kind, marker, target, original, made, tag)
                lines = log.getvalue().count("\n") if log else 0
                saved = time.time() * 1000
                write()
                page.wait_for_selector(selector, state="attached", timeout=60_000)
                times[kind].append(page.evaluate(SHOWN) - saved)
                if log is not None:
                    rendered[kind] += _rendered_since(log, lines)
            target.write_text(original, encoding="utf-8")
            time.sleep(1.5)
    finally:
        target.write_text(original, encoding="utf-8")
        for path in made:
            path.unlink(missing_ok=True)
    return times, rendered


def measure(n: int, edits: int, work: Path, peer: bool) -> dict[str, object]:
    from playwright.sync_api import sync_playwright

    from digestgen.cli import main as digestgen

    articles = _corpus(n, work)
    project = work / f"project{n}"
    project.mkdir()
    (project / "digestgen.yaml").write_text(f"title: Reload benchmark\ncontent_dir: {articles}\n")
    cold = Served(project)
    cold.stop()
    assert digestgen(["build", "--quiet", "--config", str(project / "digestgen.yaml")]) == 0
    result: dict[str, object] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        served = Served(project)
        try:
            times, rendered = _edits(browser.new_page(), served.url, articles, KINDS, edits, served.log, "a.tag")
        finally:
            served.stop()
        result.update(times=times, rendered=rendered, pages=_pages(served.log))
        result.update(cold_start=cold.started, warm_start=served.started)
        if peer:
            site = _hugo_site(n, work)
            hugo = HugoServed(site)
            try:
                result["hugo"], _ = _edits(
                    browser.new_page(), hugo.url, site / "content" / "articles", KINDS, edits, None, "a"
                )
            finally:
                hugo.stop()
            result["hugo_start"] = hugo.started
        browser.close()
    return result


def _open(page: Page, url: str) -> None:
    """Go to `url`; a reload the server still sends for the last edit (the restore) can abort the
    navigation, so it is tried again after a pause."""
    from playwright.sync_api import Error

    for attempt in range(10):
        try:
            page.goto(url)
            return
        except Error:
            if attempt == 9:
                raise
            time.sleep(1.0)


def _hugo_site(n: int, work: Path) -> Path:
    """The corpus laid out for Hugo by the shared bench's adapt.py."""
    out = work / f"peers{n}"
    subprocess.run(
        [sys.executable, str(ADAPT), "--corpus", str(work / f"n{n}"), "--out", str(out), "--peers", "hugo"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return out / "hugo"


def _edit(
    kind: str, marker: str, target: Path, original: str, made: list[Path], tag: str
) -> tuple[str, Callable[[], object]]:
    """The selector that shows the edit in the open page, and the write that makes it."""
    if kind == "body":
        return f"p:has-text('{marker}')", lambda: target.write_text(original + f"\n\nEdit: {marker}.\n", "utf-8")
    if kind == "title":
        text = original.replace('title: "', f'title: "{marker} ', 1)
        return f"h1:has-text('{marker}')", lambda: target.write_text(text, "utf-8")
    if kind == "tag":
        text = original.replace("topics: [", f'topics: ["{marker}", ', 1)
        return f"{tag}:has-text('{marker}')", lambda: target.write_text(text, "utf-8")
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
    parser.add_argument("--no-peer", action="store_true", help="do not measure hugo server")
    args = parser.parse_args()
    if not GEN.exists():
        print(f"error: corpus generator not found at {GEN} (../shared beside the checkout)", file=sys.stderr)
        return 2
    if not CHROMIUM.exists():
        print(f"error: {CHROMIUM} not found (install Debian's chromium)", file=sys.stderr)
        return 2
    peer = not args.no_peer and shutil.which("hugo") is not None
    if not args.no_peer and not peer:
        print("hugo is not installed (apt-get install hugo): measuring digestgen only")
    print(f"save-to-visible latency in headless Chromium, median of {args.edits} edits a second apart")
    print("| articles | edit | median ms | min | max | target | pages rendered first (median) | hugo server | ratio |")
    print("|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="digestgen-reload-bench-") as tmp:
        for n in args.sizes:
            r = measure(n, args.edits, Path(tmp), peer)
            times, rendered, hugo = r["times"], r["rendered"], r.get("hugo", {})
            assert isinstance(times, dict) and isinstance(rendered, dict) and isinstance(hugo, dict)
            for kind in KINDS:
                t, median = times[kind], statistics.median(times[kind])
                target = TARGETS_MS.get(n, {}).get(kind, OTHER_TARGET_MS)
                verdict = "met" if median <= target else "MISSED"
                pages = statistics.median(rendered[kind]) if rendered[kind] else float("nan")
                peer_ms = statistics.median(hugo[kind]) if hugo.get(kind) else None
                against = f"{peer_ms:.0f} | {median / peer_ms:.2f}" if peer_ms else "- | -"
                print(
                    f"| {n:,} | {kind} | {median:.0f} | {min(t):.0f} | {max(t):.0f} "
                    f"| ≤ {target} ({verdict}) | {pages:.0f} of {r['pages']:,} | {against} |",
                    flush=True,
                )
            hugo_start = f"; hugo server started in {r['hugo_start']:.1f} s" if "hugo_start" in r else ""
            print(
                f"  {n:,} articles: serve started in {r['cold_start']:.1f} s with no cache, "
                f"{r['warm_start']:.1f} s after a build{hugo_start}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
