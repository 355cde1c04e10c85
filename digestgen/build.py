"""The pipeline, written once: load -> parse -> infer -> model -> render -> publish."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from digestgen.articles import parse_article
from digestgen.config import Config
from digestgen.errors import BuildFailed, DigestError, Problem
from digestgen.markup import MarkdownRenderer
from digestgen.model import Article
from digestgen.plan import plan_site
from digestgen.publish import check_output, collect_assets, publish
from digestgen.registry import Registry, load_registry
from digestgen.render import render_site
from digestgen.sources import find_sources

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
    renderer = MarkdownRenderer(config.allow_raw_html)
    for i, source in enumerate(sources, 1):
        article, found = parse_article(source, config, registry, renderer=renderer)
        problems += found
        if article is not None:
            articles.append(article)
        if progress and i % 100 == 0:
            progress("reading", i, len(sources))
    if problems:
        raise BuildFailed(problems)
    return articles


def build(config: Config, *, drafts: bool = False, output: Path | None = None, force: bool = False,
          progress: Progress | None = None) -> BuildReport:
    """Build the site into `output` (default: the configured folder). Nothing is written on failure."""
    started = time.perf_counter()
    out = (output or config.path(config.output_dir)).absolute()
    try:
        check_output(out, force)
    except DigestError as exc:
        raise BuildFailed([exc.problem]) from None
    articles = load_articles(config, load_registry(config), progress)
    plan = plan_site(articles, config.per_page, drafts)
    if progress:
        progress("rendering", 0, len(plan.pages))
    files = render_site(plan, config)
    assets = collect_assets(config)
    clashes = sorted(set(files) & set(assets))
    if clashes:
        raise BuildFailed([Problem(str(assets[c]), None, f"static file collides with generated page {c}") for c in clashes])
    publish(files, assets, out, config.retain)
    return BuildReport(len(plan.articles), len(plan.pages), len(plan.leaders), len(plan.topics),
                       time.perf_counter() - started, out)
