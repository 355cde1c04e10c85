"""`digestgen check`: every problem a build would report, found without writing anything, plus suggestions."""

from __future__ import annotations

from dataclasses import dataclass

from digestgen.articles import parse_article
from digestgen.config import Config
from digestgen.errors import BuildFailed, Problem
from digestgen.model import Article, Source
from digestgen.plan import plan_site
from digestgen.assets import collect_assets
from digestgen.build import asset_problems
from digestgen.outdir import output_problems
from digestgen.registry import load_registry
from digestgen.render import render_site
from digestgen.sources import find_sources
from digestgen.suggest import suggestions


@dataclass(frozen=True)
class CheckReport:
    """What `check` found: problems fail a build; suggestions are advice for the editor."""

    problems: tuple[Problem, ...]
    suggestions: tuple[str, ...]
    articles: int = 0


def check_project(config: Config, drafts: bool = False) -> CheckReport:
    """Run every build stage short of writing the site (templates render in memory) and collect all problems.

    Unlike a build, later stages still run on the articles that parsed, so one run reports
    content, collision, template and output-folder problems together.
    """
    try:
        registry = load_registry(config)
    except BuildFailed as exc:  # no registry, nothing else can be checked
        return CheckReport(tuple(exc.problems), ())
    sources, problems = find_sources(config)
    articles: list[Article] = []
    parsed: list[tuple[Source, Article]] = []
    for source in sources:
        article, found = parse_article(source, config, registry)
        problems += found
        if article is not None:
            articles.append(article)
            parsed.append((source, article))
    problems += _site_problems(articles, config, drafts)
    return CheckReport(tuple(problems), tuple(suggestions(parsed, config, registry)), len(articles))


def _site_problems(articles: list[Article], config: Config, drafts: bool) -> list[Problem]:
    """Collisions, template errors, static-file clashes and a foreign output folder."""
    problems: list[Problem] = []
    assets = collect_assets(config)
    problems += output_problems(config.path(config.output_dir), config, f"output_dir in {config.label}", False, assets)
    try:
        plan = plan_site(articles, config.per_page, drafts)
        files = render_site(plan, config)
    except BuildFailed as exc:
        return problems + exc.problems
    return problems + asset_problems(files, assets)


def render_check(report: CheckReport) -> str:
    """Problems, then suggestions, then a one-line verdict."""
    lines = [str(p) for p in report.problems]
    if report.suggestions:
        if lines:
            lines.append("")
        lines += ["suggestions:"] + [f"  {s}" for s in report.suggestions]
    n, s = len(report.problems), len(report.suggestions)
    verdict = "a build would fail" if n else "a build would succeed"
    lines.append(f"check: {n} problem{'s' * (n != 1)}, {s} suggestion{'s' * (s != 1)} "
                 f"in {report.articles} article{'s' * (report.articles != 1)}: {verdict}")
    return "\n".join(lines)
