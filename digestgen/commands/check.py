"""`digestgen check`: every problem a build would report, found without writing anything, plus suggestions."""

from __future__ import annotations

from dataclasses import dataclass

from digestgen.commands.suggest import suggestions
from digestgen.config import Config
from digestgen.errors import BuildFailed, Problem
from digestgen.pipeline.load.sources import content_problem
from digestgen.pipeline.builder import Builder, Mode, Options


@dataclass(frozen=True)
class CheckReport:
    """What `check` found: problems fail a build; suggestions are advice for the editor."""

    problems: tuple[Problem, ...]
    suggestions: tuple[str, ...]
    articles: int = 0


def check_project(config: Config, drafts: bool = False) -> CheckReport:
    """Run the builder in CHECK mode (every stage, nothing written) and add suggestions.

    Later stages run on the articles that parsed, so one run reports content, collision,
    template, static-file and output-folder problems together.
    """
    builder = Builder(config, Options(Mode.CHECK, drafts=drafts))
    try:
        result = builder.run()
        if content_problem(config) is not None:  # nothing read: nothing to suggest either
            return CheckReport(result.problems, ())
        registry = builder.get_registry()
    except BuildFailed as exc:  # the registry itself is broken: nothing else can be checked
        return CheckReport(tuple(exc.problems), ())
    advice = suggestions(list(result.parsed), config, registry)
    return CheckReport(result.problems, tuple(advice), len(result.parsed))


def render_check(report: CheckReport) -> str:
    """Problems, then suggestions, then a one-line verdict."""
    lines = [str(p) for p in report.problems]
    if report.suggestions:
        if lines:
            lines.append("")
        lines += ["suggestions:"] + [f"  {s}" for s in report.suggestions]
    n, s = len(report.problems), len(report.suggestions)
    verdict = "a build would fail" if n else "a build would succeed"
    lines.append(
        f"check: {n} problem{'s' * (n != 1)}, {s} suggestion{'s' * (s != 1)} "
        f"in {report.articles} article{'s' * (report.articles != 1)}: {verdict}"
    )
    return "\n".join(lines)
