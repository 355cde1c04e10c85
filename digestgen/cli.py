"""Command line: the only place that turns errors into messages and exit codes."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Sequence

from digestgen import __version__
from digestgen.build import Progress, build
from digestgen.config import load_config
from digestgen.errors import BuildFailed, one_line


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; returns the process exit code (0 ok, 1 problems, 2 usage, 130 interrupted)."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        os.getcwd()
    except FileNotFoundError:
        print("error: the current folder no longer exists; cd into your project and run digestgen again",
              file=sys.stderr)
        return 1
    try:
        return int(args.func(args) or 0)
    except BuildFailed as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        count = len(exc.problems)
        plural = "s" if count != 1 else ""
        if args.func is _build:
            print(f"error: build failed with {count} problem{plural}; nothing was written", file=sys.stderr)
        else:
            print(f"error: {count} problem{plural}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the last resort: an unknown bug never greets a user with a stack
        if getattr(args, "debug", False):
            raise
        print(f"error: digestgen stopped on an internal error ({type(exc).__name__}: {one_line(str(exc))}); "
              "run the same command with --debug to see the traceback, and please report it", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="digestgen", description="Build a static briefing site from news articles.")
    parser.add_argument("--version", action="version", version=f"digestgen {__version__}")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an internal error")
    sub = parser.add_subparsers(metavar="COMMAND")
    b = sub.add_parser("build", help="build the site")
    _common(b)
    b.add_argument("--output", type=Path, help="output folder (default: output_dir from the config, 'site')")
    b.add_argument("--force", action="store_true", help="replace an output folder digestgen did not make")
    b.add_argument("--quiet", "-q", action="store_true", help="print errors only")
    b.set_defaults(func=_build)

    s = sub.add_parser("serve", help="preview the site with live reload while you edit")
    _common(s)
    s.add_argument("--host", default="127.0.0.1", help="interface to bind (default 127.0.0.1)")
    s.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 picks a free one)")
    s.add_argument("--open", action="store_true", help="open the site in a browser")
    s.set_defaults(func=_serve)

    i = sub.add_parser("inspect", help="show what a build would infer for article files")
    i.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    i.add_argument("--config", type=Path, help="configuration file (default: ./digestgen.yaml if present)")
    i.add_argument("--json", action="store_true", help="machine-readable output (stable, documented)")
    i.set_defaults(func=_inspect)

    c = sub.add_parser("check", help="report everything a build would fail on, plus suggestions")
    _common(c)
    c.set_defaults(func=_check)

    g = sub.add_parser("ingest", help="print (or write) an inferred front-matter block for article files")
    g.add_argument("paths", nargs="+", type=Path, metavar="FILE")
    g.add_argument("--config", type=Path, help="configuration file (default: ./digestgen.yaml if present)")
    g.add_argument("--write", action="store_true", help="write the block onto each file")
    g.set_defaults(func=_ingest)
    return parser


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show the traceback of an internal error")
    p.add_argument("--config", type=Path, help="configuration file (default: ./digestgen.yaml if present)")
    p.add_argument("--drafts", action="store_true", help="include articles marked draft: true")


def _build(args: argparse.Namespace) -> int:
    config = load_config(args.config)
    progress = None if args.quiet else terminal_progress()
    notify = None if args.quiet else (lambda message: print(f"notice: {message}", file=sys.stderr))
    report = build(config, drafts=args.drafts, output=args.output, force=args.force, progress=progress, notify=notify)
    if progress:
        progress("done", 0, 0)
    if not args.quiet:
        print(report.summary())
    return 0


def _serve(args: argparse.Namespace) -> int:
    from digestgen.serve import serve  # watchdog and http.server load only when serving

    return serve(load_config(args.config), host=args.host, port=args.port, open_browser=args.open, drafts=args.drafts)


def _inspect(args: argparse.Namespace) -> int:
    from digestgen.inspect import inspect_paths, render_json, render_text

    reports = inspect_paths(args.paths, load_config(args.config))
    print(render_json(reports) if args.json else render_text(reports))
    return 1 if any(r.problems for r in reports) else 0


def _check(args: argparse.Namespace) -> int:
    from digestgen.check import check_project, render_check

    report = check_project(load_config(args.config), drafts=args.drafts)
    print(render_check(report))
    return 1 if report.problems else 0


def _ingest(args: argparse.Namespace) -> int:
    from digestgen.ingest import ingest

    return ingest(args.paths, load_config(args.config), write=args.write)


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
