"""Command line: the only place that turns errors into messages and exit codes.

Exit codes: 0 success, 1 problems in the project, a feed that failed to pull (or an internal error), 2 usage,
130 interrupted.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from digestgen import __version__
from digestgen.commands.build import Progress, build
from digestgen.config import load_config
from digestgen.errors import BuildFailed, Problems, one_line
from digestgen.pipeline.runs import InterruptedAfterPublish

Handler = Callable[[argparse.Namespace], int]


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; returns the process exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        os.getcwd()
    except FileNotFoundError:
        print(
            "error: the current folder no longer exists; cd into your project and run digestgen again", file=sys.stderr
        )
        return 1
    try:
        return int(args.func(args) or 0)
    except BuildFailed as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        count = _count(len(exc.problems), "problem")
        tail = "; nothing was written" if args.func is _build else ""
        print(f"error: {args.command} failed with {count}{tail}", file=sys.stderr)
        return 1
    except InterruptedAfterPublish:
        print("interrupted after the new site was published: it is complete; the next build tidies up", file=sys.stderr)
        return 0
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `digestgen inspect … | head`: the reader has all it wants
        _quiet_stdout()
        return 141  # as a Unix tool killed by SIGPIPE
    except Exception as exc:  # the last resort: an unknown bug never greets a user with a stack
        if getattr(args, "debug", False):
            raise
        print(
            f"error: digestgen stopped on an internal error ({type(exc).__name__}: {one_line(str(exc))}); "
            "run the same command with --debug to see the traceback, and please report it",
            file=sys.stderr,
        )
        return 1


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so flushing it at exit cannot fail on the closed pipe again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


class _Parser(argparse.ArgumentParser):
    """argparse, with 'did you mean' for a mistyped command."""

    def error(self, message: str) -> NoReturn:
        if "invalid choice" in message and self.prog == "digestgen":
            wrong = message.split("'")[1] if "'" in message else ""
            close = difflib.get_close_matches(wrong, list(COMMANDS), n=1, cutoff=0.5)
            hint = f"; did you mean '{close[0]}'?" if close else f"; commands: {', '.join(COMMANDS)}"
            message = f"unknown command '{wrong}'{hint}"
        super().error(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="digestgen",
        description="Build a static briefing site from a folder of news articles.",
        epilog="Run 'digestgen COMMAND --help' for a command's options and an example.",
    )
    parser.add_argument("-V", "--version", action="version", version=f"digestgen {__version__}")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an internal error")
    sub = parser.add_subparsers(metavar="COMMAND", dest="command", parser_class=argparse.ArgumentParser)
    for name, (summary, example, options, handler) in COMMANDS.items():
        command = sub.add_parser(
            name,
            help=summary,
            description=f"{summary[0].upper()}{summary[1:]}.",
            epilog=f"example:\n  {example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        command.add_argument(
            "--debug", action="store_true", default=argparse.SUPPRESS, help="show the traceback of an internal error"
        )
        options(command)
        command.set_defaults(func=handler)
    return parser


def _config_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", type=Path, help="configuration file (default: ./digestgen.yaml if present)")


def _common(p: argparse.ArgumentParser) -> None:
    _config_option(p)
    p.add_argument("--drafts", action="store_true", help="include articles marked draft: true")


def _build_options(p: argparse.ArgumentParser) -> None:
    _common(p)
    p.add_argument("--output", type=Path, help="output folder (default: output_dir from the config, 'site')")
    p.add_argument(
        "--force",
        action="store_true",
        help="adopt an output folder without digestgen's marker, if it holds only site files",
    )
    p.add_argument("--quiet", "-q", action="store_true", help="print errors only")


def _serve_options(p: argparse.ArgumentParser) -> None:
    _common(p)
    p.add_argument("--host", default="127.0.0.1", help="interface to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 picks a free one)")
    p.add_argument("--open", action="store_true", help="open the site in a browser")


def _inspect_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="article files or folders")
    _config_option(p)
    p.add_argument("--json", action="store_true", help="machine-readable output (stable, documented)")


def _ingest_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", type=Path, metavar="FILE", help="article files")
    _config_option(p)
    p.add_argument("--write", action="store_true", help="write the block onto each file")


def _pull_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("names", nargs="*", metavar="NAME", help="feeds to pull (default: every feed in the configuration)")
    _config_option(p)


def _new_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("folder", type=Path, metavar="DIR", help="the folder to create (it must not hold anything)")


def _registry_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=["update"], help="update: refresh heads of state and government from Wikidata")
    _config_option(p)
    p.add_argument(
        "--endpoint",
        metavar="URL",
        help="SPARQL endpoint (default: $DIGESTGEN_SPARQL_ENDPOINT, else Wikidata's query service)",
    )


def _build(args: argparse.Namespace) -> int:
    config = load_config(args.config)
    progress = None if args.quiet else terminal_progress()
    notify = None if args.quiet else (lambda message: print(f"notice: {message}", file=sys.stderr))
    report = build(config, drafts=args.drafts, output=args.output, force=args.force, progress=progress, notify=notify)
    if progress:
        progress("done", 0, 0)
    if not args.quiet:
        for warning in report.warnings:
            print(warning, file=sys.stderr)
        print(report.summary())
    return 0


def _serve(args: argparse.Namespace) -> int:
    from digestgen.pipeline.load.sources import check_content
    from digestgen.serve.preview import PortInUse, serve  # watchdog and the HTTP server load only when serving

    config = load_config(args.config)
    missing = Problems()
    if not check_content(config, missing) and config.config_file is None:  # a project may yet create its content
        raise BuildFailed(list(missing))
    try:
        serve(config, host=args.host, port=args.port, open_browser=args.open, drafts=args.drafts)
    except PortInUse as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def _inspect(args: argparse.Namespace) -> int:
    from digestgen.commands.inspect import inspect_each, render_json, render_text

    config = load_config(args.config)
    if args.json:
        reports = list(inspect_each(args.paths, config))
        print(render_json(reports))
        return 1 if any(not p.warning for r in reports for p in r.problems) else 0
    failed = False
    for n, report in enumerate(inspect_each(args.paths, config)):  # each as it is read: `| head` sees it at once
        print(("\n" if n else "") + render_text([report]), flush=True)
        failed = failed or any(not p.warning for p in report.problems)
    return 1 if failed else 0


def _check(args: argparse.Namespace) -> int:
    from digestgen.commands.check import check_project, render_check

    report = check_project(load_config(args.config), drafts=args.drafts)
    print(render_check(report))
    return 1 if report.errors else 0


def _ingest(args: argparse.Namespace) -> int:
    from digestgen.commands.ingest import ingest

    ingest(args.paths, load_config(args.config), write=args.write)
    return 0


def _pull(args: argparse.Namespace) -> int:
    from digestgen.commands.pull import Busy, FeedReport, pull

    def show(report: FeedReport) -> None:  # each feed as it is done: a slow feed does not hide the others
        print(report.line(), file=sys.stderr if report.error is not None else sys.stdout, flush=True)
        for note in report.notes:
            print(f"{report.name}: {note}", flush=True)

    config = load_config(args.config)
    try:
        result = pull(config, args.names, on_feed=show)
    except Busy as exc:
        holder = f" (process {exc})" if str(exc).isdigit() else ""
        print(
            f"error: another digestgen pull is running in this project{holder}; this one did nothing", file=sys.stderr
        )
        return 1
    if result.failed:
        print(f"error: {len(result.failed)} of {_count(len(result.feeds), 'feed')} failed", file=sys.stderr)
        return 1
    return 0


def _registry(args: argparse.Namespace) -> int:
    import datetime

    from digestgen.commands.registry_update import UpdateFailed, endpoint_from, render, update
    from digestgen.taxonomy.entries import default_registry

    config = load_config(args.config)
    endpoint = endpoint_from(args.endpoint)
    try:
        report = update(config.root, endpoint, datetime.date.today())  # the fetch day is the file's as-of
    except UpdateFailed as exc:
        print(f"error: {exc}; nothing was changed", file=sys.stderr)
        return 1
    print(render(report, default_registry()[2][1].isoformat()))
    return 0


def _new(args: argparse.Namespace) -> int:
    from digestgen.commands.scaffold import new_project

    made = new_project(args.folder)
    print(
        f"created {args.folder} with {_count(len(made), 'file')}; next:\n"
        f"  cd {args.folder}\n  digestgen serve      # preview at http://127.0.0.1:8000/ while you add articles\n"
        f"  digestgen build      # write the site into site/"
    )
    return 0


COMMANDS: dict[str, tuple[str, str, Callable[[argparse.ArgumentParser], None], Handler]] = {
    "build": ("build the site into the output folder", "digestgen build --output public", _build_options, _build),
    "serve": ("preview the site with live reload while you edit", "digestgen serve --open", _serve_options, _serve),
    "check": ("report everything a build would fail on, plus suggestions", "digestgen check", _common, _check),
    "inspect": (
        "show what a build would infer for article files, with evidence",
        "digestgen inspect content/wire/story.txt --json",
        _inspect_options,
        _inspect,
    ),
    "ingest": (
        "print (or write) an inferred front-matter block for article files",
        "digestgen ingest content/wire/*.txt --write",
        _ingest_options,
        _ingest,
    ),
    "pull": (
        "fetch the configured feeds and write one article per new item",
        "digestgen pull && digestgen build",
        _pull_options,
        _pull,
    ),
    "new": (
        "create a briefing folder with a configuration and two sample articles",
        "digestgen new my-briefing",
        _new_options,
        _new,
    ),
    "registry": (
        "refresh the leaders registry from Wikidata into registry-update.json (never run by a build)",
        "digestgen registry update",
        _registry_options,
        _registry,
    ),
}


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def terminal_progress(stream: TextIO | None = None, delay: float = 1.0) -> Progress | None:
    """Progress on a terminal (stderr unless given), shown only once a build has taken longer than `delay`."""
    # sys.stderr is read per call, not bound at import: tests and tools swap it.
    stream = stream or sys.stderr
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
        text = f"{stage} {done}/{total}" if total and done else f"{stage} {total} items…" if total else stage
        stream.write(f"\r\033[K{text}")
        stream.flush()

    return report


__all__ = ["main"]
