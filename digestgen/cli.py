"""Command line: the only place that turns errors into messages and exit codes."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Sequence

from digestgen import __version__
from digestgen.build import Progress, build
from digestgen.config import load_config
from digestgen.errors import BuildFailed


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; returns the process exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except BuildFailed as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        count = len(exc.problems)
        print(f"error: build failed with {count} problem{'s' if count != 1 else ''}; nothing was written", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="digestgen", description="Build a static briefing site from news articles.")
    parser.add_argument("--version", action="version", version=f"digestgen {__version__}")
    sub = parser.add_subparsers(metavar="COMMAND")
    b = sub.add_parser("build", help="build the site")
    _common(b)
    b.add_argument("--output", type=Path, help="output folder (default: output_dir from the config, 'site')")
    b.add_argument("--force", action="store_true", help="replace an output folder digestgen did not make")
    b.add_argument("--quiet", "-q", action="store_true", help="print errors only")
    b.set_defaults(func=_build)
    return parser


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", type=Path, help="configuration file (default: ./digestgen.yaml if present)")
    p.add_argument("--drafts", action="store_true", help="include articles marked draft: true")


def _build(args: argparse.Namespace) -> int:
    config = load_config(args.config)
    progress = None if args.quiet else terminal_progress()
    report = build(config, drafts=args.drafts, output=args.output, force=args.force, progress=progress)
    if progress:
        progress("done", 0, 0)
    if not args.quiet:
        print(report.summary())
    return 0


def terminal_progress(stream=sys.stderr, delay: float = 1.0) -> Progress | None:
    """Progress on a terminal, shown only once a build has taken longer than `delay`."""
    if not stream.isatty():
        return None
    started = time.perf_counter()
    shown = [False]

    def report(stage: str, done: int, total: int) -> None:
        if stage == "done":
            if shown[0]:
                stream.write("\r\033[K")
            return
        if time.perf_counter() - started < delay:
            return
        shown[0] = True
        text = f"{stage} {done}/{total}" if total and done else f"{stage} {total} pages…" if total else stage
        stream.write(f"\r\033[K{text}")
        stream.flush()

    return report


__all__ = ["main"]
