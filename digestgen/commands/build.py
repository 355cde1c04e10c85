"""`digestgen build`: the builder in BUILD mode, publishing into the output folder."""

from __future__ import annotations

from pathlib import Path

from digestgen.config import Config
from digestgen.pipeline.builder import Builder
from digestgen.pipeline.runs import BuildReport, Mode, Notify, Options, Progress


def build(
    config: Config,
    *,
    drafts: bool = False,
    output: Path | None = None,
    force: bool = False,
    progress: Progress | None = None,
    notify: Notify | None = None,
    jobs: int = 0,
    cache: bool = True,
) -> BuildReport:
    """Build the site into `output` (default: the configured folder). Nothing is written on failure.

    Raises BuildFailed with every problem of the run.
    """
    options = Options(Mode.BUILD, drafts, output, force, jobs, cache, progress, notify)
    return Builder(config, options).run().raise_problems().report


__all__ = ["BuildReport", "Progress", "build"]
