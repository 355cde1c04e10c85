"""Fuzz what users feed in, at scale: 20,000 generated content files (and configurations) by default.

    python benchmarks/fuzz.py [--cases 20000] [--configs 2000] [--seed 0]

Every case must parse and render, or fail with `path[:line]: message` lines. A crash is any other
exception; the script prints how many there were and the first few inputs that caused them.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, seed, settings

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from digestgen.config import Config, load_config
from digestgen.errors import BuildFailed
from digestgen.taxonomy.registry import load_registry
from tests.fuzzing import article_bytes, config_text, is_problem_line
from tests.test_fuzz import check_article


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--configs", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    config = Config(root=Path(tempfile.gettempdir()))
    registry = load_registry(config)
    crashes: Counter[tuple[str, str]] = Counter()
    samples: list[tuple[str, bytes]] = []
    counts: Counter[str] = Counter()
    run = settings(max_examples=args.cases, deadline=None, database=None, suppress_health_check=list(HealthCheck))

    def record(inputs: str, kind: str, data: bytes) -> None:
        crashes[inputs, kind] += 1
        if len(samples) < 5:
            samples.append((traceback.format_exc(limit=-3), data[:200]))

    @seed(args.seed)
    @run
    @given(article_bytes())
    def articles(data: bytes) -> None:
        counts["articles"] += 1
        try:
            check_article(data, config, registry)
        except Exception as exc:
            record("articles", type(exc).__name__, data)

    @seed(args.seed)
    @settings(run, max_examples=args.configs)
    @given(config_text())
    def configs(text: str) -> None:
        counts["configs"] += 1
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "digestgen.yaml"
            path.write_text(text, encoding="utf-8", errors="surrogatepass")
            try:
                load_config(path)
            except BuildFailed as exc:
                if not all(is_problem_line(str(p)) for p in exc.problems):
                    record("configs", "malformed problem line", text.encode("utf-8", "surrogatepass"))
            except Exception as exc:
                record("configs", type(exc).__name__, text.encode("utf-8", "surrogatepass"))

    started = time.perf_counter()
    articles()
    configs()
    seconds = time.perf_counter() - started
    print("| inputs | cases | crashes |")
    print("|---|---|---|")
    for inputs, label in (("articles", "content files"), ("configs", "configurations")):
        found = sum(n for (where, _), n in crashes.items() if where == inputs)
        print(f"| {label} | {counts[inputs]} | {found} |")
    kinds = {f"{where}: {kind}": n for (where, kind), n in crashes.items()}
    print(
        f"\n{sum(crashes.values())} crashes in {counts['articles'] + counts['configs']} cases "
        f"({seconds:.0f} s); by kind: {kinds or 'none'}"
    )
    for trace, data in samples:
        print(f"\n--- input {data!r}\n{trace}")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
