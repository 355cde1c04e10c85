"""Markdown bodies: stock Python-Markdown (what markdown_to_html did) against digestgen's MarkdownRenderer.

Usage: python benchmarks/markdown_speed.py [--n 1000] [--seed 42] [--rounds 7] [--corpus DIR] [--raw-html]

Generates the peer-benchmark corpus with ../shared/bench/gen_corpus.py (unless --corpus names one),
takes each article's body after its front matter, and renders every body with both renderers, one
after the other (the machine is shared and noisy: both see the same noise), in several rounds. Prints
ms per article (wall: median and best round; CPU: median) and articles per second, the speed-up, and how
many outputs differ (must be 0). On a busy machine trust the CPU column and the ratios more than wall.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# This file is named markdown.py: keep its own folder off the path so `import markdown` finds the library.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "benchmarks"]
sys.path.insert(0, str(ROOT))

from digestgen.model import SourceFile
from digestgen.pipeline.parse.frontmatter import split
from digestgen.pipeline.parse.markup import MarkdownRenderer, clean_raw_html, stock_markdown

GEN_CORPUS = ROOT.parent / "shared" / "bench" / "gen_corpus.py"


def load_bodies(corpus: Path) -> list[str]:
    """Each article's Markdown body, as the build reads it, in file order."""
    bodies = []
    for path in sorted((corpus / "articles").glob("*.md")):
        source = SourceFile(path=str(path), stem=path.stem, markup="markdown", text=path.read_text(encoding="utf-8"))
        bodies.append(split(source).body)
    return bodies


def stock_renderer(allow_raw_html: bool) -> Callable[[str], str]:
    """markdown_to_html as it was: one stock Python-Markdown instance, reset after every body."""
    md = stock_markdown(allow_raw_html)

    def convert(body: str) -> str:
        try:
            out: str = md.convert(body)
        finally:
            md.reset()
        return clean_raw_html(out) if allow_raw_html else out

    return convert


Timing = tuple[float, float, list[str]]  # wall seconds, CPU seconds, outputs


def timed_round(renderers: dict[str, Callable[[str], str]], bodies: list[str]) -> dict[str, Timing]:
    """One round: each body through every renderer in turn (order alternating by body), so that the noise
    of a shared machine falls on both alike; wall and CPU seconds and the outputs, per renderer."""
    wall = dict.fromkeys(renderers, 0.0)
    cpu = dict.fromkeys(renderers, 0.0)
    outputs: dict[str, list[str]] = {name: [] for name in renderers}
    names = list(renderers)
    for i, body in enumerate(bodies):
        for name in names if i % 2 == 0 else reversed(names):
            start, start_cpu = time.perf_counter(), time.process_time()
            out = renderers[name](body)
            cpu[name] += time.process_time() - start_cpu
            wall[name] += time.perf_counter() - start
            outputs[name].append(out)
    return {name: (wall[name], cpu[name], outputs[name]) for name in renderers}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--corpus", type=Path, help="a corpus made by gen_corpus.py (default: generate one)")
    parser.add_argument("--raw-html", action="store_true", help="render with allow_raw_html: true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = args.corpus
        if corpus is None:
            if not GEN_CORPUS.exists():
                sys.exit(f"{GEN_CORPUS} not found: pass --corpus DIR")
            corpus = Path(tmp) / "corpus"
            subprocess.run(
                [sys.executable, str(GEN_CORPUS), "--n", str(args.n), "--seed", str(args.seed), "--out", str(corpus)],
                check=True,
                stdout=subprocess.DEVNULL,
            )
        bodies = load_bodies(corpus)
    if not bodies:
        sys.exit(f"{corpus}: no articles/*.md")
    renderers = {"stock": stock_renderer(args.raw_html), "fast": MarkdownRenderer(args.raw_html).convert}
    wall: dict[str, list[float]] = {name: [] for name in renderers}
    cpu: dict[str, list[float]] = {name: [] for name in renderers}
    outputs: dict[str, list[str]] = {}
    for _ in range(args.rounds):
        for name, (seconds, cpu_seconds, out) in timed_round(renderers, bodies).items():
            wall[name].append(seconds)
            cpu[name].append(cpu_seconds)
            outputs[name] = out
    differ = sum(a != b for a, b in zip(outputs["stock"], outputs["fast"], strict=True))
    words = sum(len(body.split()) for body in bodies) / len(bodies)
    n = len(bodies)
    print(
        f"{n} articles, {words:.0f} words each on average, {args.rounds} rounds, renderers interleaved"
        f"{', allow_raw_html' if args.raw_html else ''}"
    )
    print("| renderer | ms/article wall (median) | wall (best) | CPU (median) | articles/s (median wall) |")
    print("|---|---|---|---|---|")
    for name in renderers:
        median, best, median_cpu = statistics.median(wall[name]), min(wall[name]), statistics.median(cpu[name])
        print(
            f"| {name} | {median * 1000 / n:.3f} | {best * 1000 / n:.3f} | {median_cpu * 1000 / n:.3f} | {n / median:.0f} |"
        )
    ratios = [statistics.median(t["stock"]) / statistics.median(t["fast"]) for t in (wall, cpu)]
    best_ratio = min(wall["stock"]) / min(wall["fast"])
    print(
        f"speed-up: {ratios[0]:.2f}x wall (median), {best_ratio:.2f}x wall (best rounds), {ratios[1]:.2f}x CPU (median)"
    )
    print(f"outputs that differ: {differ}")


if __name__ == "__main__":
    main()
