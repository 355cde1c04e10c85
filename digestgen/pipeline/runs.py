"""What a run is asked to do (Mode, Options) and what it gives back (BuildReport, BuildResult)."""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from digestgen.errors import BuildFailed, Problem
from digestgen.model import Article, SourceFile

Progress = Callable[[str, int, int], None]
Notify = Callable[[str], None]


class InterruptedAfterPublish(KeyboardInterrupt):
    """Ctrl-C (or SIGTERM) that came after the new site was swapped in: the build's work is done."""


class Mode(enum.Enum):
    """What happens to a run's result: published (BUILD), kept in memory (SERVE), only reported (CHECK)."""

    BUILD = "build"
    SERVE = "serve"
    CHECK = "check"


@dataclass(frozen=True)
class Options:
    """How to run: the mode and the switches of the command line."""

    mode: Mode = Mode.BUILD
    drafts: bool = False
    output: Path | None = None
    force: bool = False
    jobs: int = 0
    """Worker processes (0: one per core)."""
    cache: bool = True
    progress: Progress | None = None
    notify: Notify | None = None


@dataclass(frozen=True)
class BuildReport:
    """What one run produced, for the summary line."""

    articles: int
    pages: int
    terms: tuple[tuple[str, str, int], ...]
    """Per taxonomy: its noun, its plural and how many terms the site has ("leader", "leaders", 3)."""
    seconds: float
    output: Path
    rendered: int = 0
    parsed: int = 0
    up_to_date: bool = False
    """Nothing the site is made from changed since the last build, and the site is as it wrote it."""
    warnings: tuple[Problem, ...] = ()
    """What the run found worth saying that did not stop it."""

    def summary(self) -> str:
        def n(count: int, noun: str) -> str:
            return f"{count} {noun}" if count == 1 else f"{count} {noun}s"

        what = "up to date:" if self.up_to_date else "built"
        counted = [n(self.articles, "article")] + [f"{c} {one if c == 1 else many}" for one, many, c in self.terms]
        return f"{what} {n(self.pages, 'page')} ({', '.join(counted)}) in {self.seconds:.2f}s"

    def count(self, plural: str) -> int:
        """How many terms of the taxonomy called `plural` ("leaders") the site has."""
        return next((c for _, many, c in self.terms if many == plural), 0)


@dataclass(frozen=True)
class BuildResult:
    """A run's report and problems; SERVE adds the site's files, CHECK the parsed articles."""

    report: BuildReport
    problems: tuple[Problem, ...] = ()
    files: Mapping[str, bytes] = field(default_factory=dict)
    parsed: tuple[tuple[SourceFile, Article], ...] = ()
    later: Callable[[Callable[[], bool]], Mapping[str, bytes]] | None = None
    """SERVE: the files that may follow the pages (pages that waited, the search index), made when
    called; the argument says when to stop early because newer edits are waiting."""

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.warning)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.warning)

    def raise_problems(self) -> BuildResult:
        """Raise BuildFailed with every problem if any is an error; warnings alone let the run stand
        (and go with its report)."""
        if self.errors:
            raise BuildFailed(list(self.problems))
        if self.warnings and not self.report.warnings:
            return replace(self, report=replace(self.report, warnings=self.warnings))
        return self
