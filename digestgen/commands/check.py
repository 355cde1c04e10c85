"""`digestgen check`: every problem a build would report, found without writing anything, plus suggestions."""

from __future__ import annotations

from dataclasses import dataclass

from digestgen.commands.suggest import suggestions
from digestgen.config import Config
from digestgen.errors import BuildFailed, Problem
from digestgen.pipeline.builder import Builder, Mode, Options


@dataclass(frozen=True)
class CheckReport:
    """What `check` found: problems fail a build; suggestions are advice for the editor."""

    problems: tuple[Problem, ...]
    """Errors, and warnings (`Problem.warning`) a build would print and go on."""
    suggestions: tuple[str, ...]
    articles: int = 0

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.warning)


def check_project(config: Config, drafts: bool = False) -> CheckReport:
    """Run the builder in CHECK mode (every stage, nothing written) and add suggestions.

    Later stages run on the articles that parsed, so one run reports content, collision,
    template, static-file and output-folder problems together.
    """
    builder = Builder(config, Options(Mode.CHECK, drafts=drafts))
    try:
        result = builder.run()
        if not config.path(config.content_dir).is_dir():  # nothing read: nothing to suggest either
            return CheckReport(result.problems, ())
        registry = builder.get_registry()
    except BuildFailed as exc:  # the registry itself is broken: nothing else can be checked
        return CheckReport(tuple(exc.problems), ())
    advice = suggestions(list(result.parsed), config, registry)
    return CheckReport(result.problems, tuple(advice), len(result.parsed))


def render_check(report: CheckReport) -> str:
    """Problems (errors and warnings), then suggestions, then a one-line verdict."""
    lines = [str(p) for p in report.problems]
    if report.suggestions:
        if lines:
            lines.append("")
        lines += ["suggestions:"] + [f"  {s}" for s in report.suggestions]
    n, s = len(report.errors), len(report.suggestions)
    w = len(report.problems) - n
    warned = f", {w} warning{'s' * (w != 1)}" if w else ""
    verdict = "a build would fail" if n else "a build would succeed"
    lines.append(
        f"check: {n} problem{'s' * (n != 1)}{warned}, {s} suggestion{'s' * (s != 1)} "
        f"in {report.articles} article{'s' * (report.articles != 1)}: {verdict}"
    )
    return "\n".join(lines)
