"""The pipeline, written once: load -> parse -> infer -> model -> render -> publish."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping

from digestgen.articles import parse_article
from digestgen.config import Config
from digestgen.errors import BuildFailed, Problem
from digestgen.model import Article
from digestgen.plan import plan_site
from digestgen.assets import collect_assets
from digestgen.outdir import output_problems
from digestgen.publish import Notify, publish
from digestgen.registry import Registry, load_registry
from digestgen.render import render_site
from digestgen.sources import find_sources
from digestgen.urls import output_path_problem

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class BuildReport:
    """What one build produced, for the summary line."""

    articles: int
    pages: int
    leaders: int
    topics: int
    seconds: float
    output: Path

    def summary(self) -> str:
        return (f"built {self.pages} pages ({self.articles} articles, {self.leaders} leaders, "
                f"{self.topics} topics) in {self.seconds:.2f}s")


def load_articles(config: Config, registry: Registry, progress: Progress | None = None) -> list[Article]:
    """Every article of the project; raises BuildFailed with all problems of all files."""
    sources, problems = find_sources(config)
    articles: list[Article] = []
    for i, source in enumerate(sources, 1):
        article, found = parse_article(source, config, registry)
        problems += found
        if article is not None:
            articles.append(article)
        if progress and i % 100 == 0:
            progress("reading", i, len(sources))
    if problems:
        raise BuildFailed(problems)
    return articles


def build(config: Config, *, drafts: bool = False, output: Path | None = None, force: bool = False,
          progress: Progress | None = None, notify: Notify | None = None) -> BuildReport:
    """Build the site into `output` (default: the configured folder). Nothing is written on failure."""
    started = time.perf_counter()
    out = output if output is not None else config.path(config.output_dir)
    origin = "--output" if output is not None else f"output_dir in {config.label}"
    assets = collect_assets(config)
    refused = output_problems(out, config, origin, force, assets)
    if refused:
        raise BuildFailed(refused)
    articles = load_articles(config, load_registry(config), progress)
    plan = plan_site(articles, config.per_page, drafts)
    if progress:
        progress("rendering", 0, len(plan.pages))
    files = render_site(plan, config)
    problems = asset_problems(files, assets)
    if problems:
        raise BuildFailed(problems)
    publish(files, assets, out, config.retain, notify)
    return BuildReport(len(plan.articles), len(plan.pages), len(plan.leaders), len(plan.topics),
                       time.perf_counter() - started, out)


def asset_problems(files: Mapping[str, bytes], assets: Mapping[str, Path]) -> list[Problem]:
    """Static files that cannot be published: a name no site may hold, or the path of a generated page."""
    problems = []
    for rel, path in sorted(assets.items()):
        reason = output_path_problem(rel)
        if reason:
            problems.append(Problem(str(path), None, f"static file cannot be published: {reason}"))
        elif rel in files:
            problems.append(Problem(str(path), None, f"static file collides with generated page {rel}"))
    return problems
