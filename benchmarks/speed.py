"""digestgen against Hugo and Pelican on the same generated corpus, alternating in one run.

    python benchmarks/speed.py [--sizes 1000,10000] [--runs 3] [--peers hugo,pelican]

For each size: the corpus of ../shared/bench/gen_corpus.py (seed 42), laid out for the peers with
../shared/bench/adapt.py. Cases: cold build; rebuild with nothing changed; rebuild after
appending a paragraph to one article (body edit); rebuild after changing one article's leaders
(tag edit). Each run of each case times every tool in turn (the machine is noisy: compare
within a run). Wall is spawn to exit; CPU is user+sys of the process and its children; memory
is the peak of the summed RSS of the process tree, sampled every 10 ms. Prints medians and
ratios to Hugo, and checks digestgen's page set with ../shared/bench/count_pages.py.
Peers missing on the machine are installed as run_peers.sh does; one that cannot be is skipped.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO.parent / "shared" / "bench"
PELICAN_VENV = Path("/tmp/bench-venv")
CASES = ("cold", "no change", "body edit", "tag edit")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--peers", default="hugo,pelican")
    parser.add_argument("--work", type=Path, default=Path("/tmp/digestgen-speed"))
    args = parser.parse_args()
    if not (BENCH / "gen_corpus.py").exists():
        print(f"benchmark tools not found at {BENCH} (they live in ../shared beside the checkout)", file=sys.stderr)
        return 2
    peers = [p for p in args.peers.split(",") if p and ensure_peer(p)]
    digestgen = shutil.which("digestgen") or str(Path(sys.executable).with_name("digestgen"))
    for n in (int(s) for s in args.sizes.split(",")):
        work = args.work / f"n{n}"
        sites = prepare(n, work, peers)
        tools = {
            "digestgen": Tool(
                "digestgen",
                sites["digestgen"],
                "site",
                [digestgen, "build", "--quiet"],
                "content",
                [".digestgen-cache"],
            )
        }
        if "hugo" in peers:
            tools["hugo"] = Tool("hugo", sites["hugo"], "public", ["hugo", "--quiet"], "content/articles", [])
        if "pelican" in peers:
            pelican = [
                str(PELICAN_VENV / "bin" / "pelican"),
                "content",
                "-q",
                "-s",
                "pelicanconf.py",
                "-o",
                "output",
                "-e",
                "CACHE_CONTENT=true",
                "LOAD_CONTENT_CACHE=true",
            ]
            tools["pelican"] = Tool("pelican", sites["pelican"], "output", pelican, "content", ["cache"])
        results = {case: {name: [] for name in tools} for case in CASES}
        pages: dict[str, object] = {}
        for run in range(args.runs + 1):  # run 0 warms the page cache and is not counted
            for case in CASES:
                for name, tool in tools.items():
                    measured = tool.measure(case, run)
                    if run:
                        results[case][name].append(measured)
                    if not pages and name == "digestgen":  # the corpus as generated, before the edit cases
                        pages = page_set(tool, work)
        report(n, results, tools, pages)
    return 0


class Tool:
    """One generator on its own copy of the corpus."""

    def __init__(self, name: str, site: Path, output: str, command: list[str], articles: str, caches: list[str]):
        self.name, self.site, self.output, self.command = name, site, output, command
        self.articles, self.caches = site / articles, caches
        articles = sorted(self.articles.glob("*.md"))
        self.edited = articles[len(articles) // 2]

    def measure(self, case: str, run: int) -> dict[str, float]:
        if case == "cold":
            for name in [self.output, *self.caches]:
                trash = self.site / f".trash-{time.monotonic_ns()}"
                if (self.site / name).exists():
                    os.rename(self.site / name, trash)
                    shutil.rmtree(trash)
        elif case == "body edit":
            with open(self.edited, "a", encoding="utf-8") as f:
                f.write(f"\nUpdated paragraph {run} for the incremental case.\n")
        elif case == "tag edit":
            self._toggle_leader()
        elif case == "no change":
            self._run()  # make sure the previous case's output is current, untimed
        return self._run()

    def _toggle_leader(self) -> None:
        text = self.edited.read_text(encoding="utf-8")
        a, b = "Jens Stoltenberg", "Ursula von der Leyen"  # the first is no leader of the corpus: a new term page
        for line in text.splitlines():
            if line.startswith(("leaders:", "Authors:")):
                new = (
                    line.replace(a, b)
                    if a in line
                    else line.replace(b, a)
                    if b in line
                    else (line[:-1] + f', "{a}"]' if line.endswith("]") else f"{line}, {a}")
                )
                text = text.replace(line, new, 1)
                break
        self.edited.write_text(text, encoding="utf-8")

    def _run(self) -> dict[str, float]:
        before = os.times()
        started = time.monotonic()
        proc = subprocess.Popen(self.command, cwd=self.site, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        peak = 0.0
        while proc.poll() is None:
            peak = max(peak, tree_rss_mb(proc.pid))
            time.sleep(0.01)
        wall = time.monotonic() - started
        after = os.times()
        err = proc.stderr.read().decode() if proc.stderr else ""
        if proc.returncode != 0:
            raise SystemExit(f"{self.name} failed in {self.site}: {err}")
        cpu = after.children_user + after.children_system - before.children_user - before.children_system
        return {"wall": wall, "cpu": cpu, "rss": peak}


def tree_rss_mb(pid: int) -> float:
    """Summed resident memory of a process and all its descendants."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        child, parent = int(entry.name), int(fields[1])
        children.setdefault(parent, []).append(child)
        rss[child] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += rss.get(current, 0)
        stack += children.get(current, [])
    return total / 2**20


def prepare(n: int, work: Path, peers: list[str]) -> dict[str, Path]:
    corpus = work / "neutral"
    if not (corpus / "expected.json").exists():
        subprocess.run(
            [sys.executable, str(BENCH / "gen_corpus.py"), "--n", str(n), "--seed", "42", "--out", str(corpus)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    if peers:
        subprocess.run(
            [
                sys.executable,
                str(BENCH / "adapt.py"),
                "--corpus",
                str(corpus),
                "--out",
                str(work),
                "--peers",
                ",".join(peers),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    site = work / "digestgen"
    shutil.rmtree(site, ignore_errors=True)
    (site / "content").mkdir(parents=True)
    for path in (corpus / "articles").glob("*.md"):
        shutil.copy(path, site / "content" / path.name)
    (site / "digestgen.yaml").write_text("title: Benchmark\nper_page: 20\n", encoding="utf-8")
    return {"digestgen": site, **{p: work / p for p in peers}}


def ensure_peer(peer: str) -> bool:
    """Install a peer the way ../shared/bench/run_peers.sh does; False (and say so) if that fails."""
    try:
        if peer == "hugo" and not shutil.which("hugo"):
            subprocess.run(["apt-get", "install", "-y", "-qq", "hugo"], check=True, capture_output=True, timeout=900)
        if peer == "pelican" and not (PELICAN_VENV / "bin" / "pelican").exists():
            subprocess.run([sys.executable, "-m", "venv", str(PELICAN_VENV)], check=True, timeout=300)
            subprocess.run(
                [str(PELICAN_VENV / "bin" / "pip"), "install", "-q", "pelican==4.12.0", "markdown==3.11.3"],
                check=True,
                capture_output=True,
                timeout=900,
            )
    except (OSError, subprocess.SubprocessError) as exc:
        print(f"{peer}: could not be installed ({exc}); skipped", file=sys.stderr)
        return False
    found = shutil.which("hugo") if peer == "hugo" else (PELICAN_VENV / "bin" / "pelican").exists()
    if not found:
        print(f"{peer}: not available; skipped", file=sys.stderr)
    return bool(found)


def page_set(tool: Tool, work: Path) -> dict[str, object]:
    """../shared/bench/count_pages.py's count of the built site against the corpus's expected pages."""
    counted = subprocess.run(
        [
            sys.executable,
            str(BENCH / "count_pages.py"),
            str(tool.site / "site"),
            str(work / "neutral" / "expected.json"),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    found: dict[str, object] = json.loads(counted.stdout)
    return found


def report(
    n: int, results: dict[str, dict[str, list[dict[str, float]]]], tools: dict[str, Tool], pages: dict[str, object]
) -> None:
    med = {
        case: {
            name: {k: statistics.median(r[k] for r in runs) for k in ("wall", "cpu", "rss")}
            for name, runs in by_tool.items()
            if runs
        }
        for case, by_tool in results.items()
    }
    print(f"\n### {n:,} articles (median of {len(next(iter(results['cold'].values())))} runs)\n")
    head = "| case | digestgen wall s | CPU s | peak MiB |"
    for peer in (t for t in tools if t != "digestgen"):
        head += f" {peer} wall s | ratio to {peer} (wall / CPU / memory) |"
    print(head)
    print("|" + "---|" * (head.count("|") - 1))
    for case in CASES:
        d = med[case]["digestgen"]
        row = f"| {case} | {d['wall']:.2f} | {d['cpu']:.2f} | {d['rss']:.0f} |"
        for peer in (t for t in tools if t != "digestgen"):
            p = med[case][peer]
            row += (
                f" {p['wall']:.2f} | {d['wall'] / p['wall']:.2f} / {d['cpu'] / max(p['cpu'], 1e-9):.2f}"
                f" / {d['rss'] / max(p['rss'], 1e-9):.2f} |"
            )
        print(row)
    verdict = "matches" if not pages.get("diff_vs_expected") else f"DIFFERS {pages['diff_vs_expected']}"
    print(
        f"\ndigestgen page set of the cold build {verdict} the expected {pages.get('expected_total')} pages "
        f"(plus {pages['other']} of its own: search, 404)"
    )


if __name__ == "__main__":
    sys.exit(main())
