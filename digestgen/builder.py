"""The one pipeline, load -> parse -> infer -> model -> render -> publish, for build, serve and check.

`Builder.run()` runs every stage and collects every problem; the mode decides only what happens
to the result: BUILD publishes it into the output folder, SERVE keeps the whole site in memory
for the preview, CHECK only reports. Work whose inputs did not change is reused: parse results
and rendered pages in memory (serve), or through the persistent cache and the previous site (build).
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from digestgen import __version__, inputs
from digestgen.articles import parse_article
from digestgen.assets import collect_assets
from digestgen.cache import CACHE_DIR, BuildCache, Parsed, WrittenPage, digest
from digestgen.config import Config
from digestgen.errors import BuildFailed, Problem
from digestgen.model import Article, Source
from digestgen.pages import ArticlePage, Page, SitePlan
from digestgen.outdir import output_problems
from digestgen.parallel import available_cores, map_chunks
from digestgen.plan import plan_site
from digestgen.profiles import registry_offices
from digestgen.publish import publish, written_pages
from digestgen.registry import Registry, load_registry
from digestgen.render import Renderer, dedupe
from digestgen.search import search_files
from digestgen.urls import output_path_problem

Progress = Callable[[str, int, int], None]
Notify = Callable[[str], None]


class Mode(enum.Enum):
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
    leaders: int
    topics: int
    seconds: float
    output: Path
    rendered: int = 0
    parsed: int = 0

    def summary(self) -> str:
        def n(count: int, noun: str) -> str:
            return f"{count} {noun}" if count == 1 else f"{count} {noun}s"

        return (f"built {n(self.pages, 'page')} ({n(self.articles, 'article')}, {n(self.leaders, 'leader')}, "
                f"{n(self.topics, 'topic')}) in {self.seconds:.2f}s")


@dataclass(frozen=True)
class BuildResult:
    """A run's report and problems; SERVE adds the site's files, CHECK the parsed articles."""

    report: BuildReport
    problems: tuple[Problem, ...] = ()
    files: Mapping[str, bytes] = field(default_factory=dict)
    parsed: tuple[tuple[Source, Article], ...] = ()

    def raise_problems(self) -> BuildResult:
        if self.problems:
            raise BuildFailed(list(self.problems))
        return self


class Builder:
    """Runs the pipeline for one configuration; keeps what a later run (serve's next save) can reuse."""

    def __init__(self, config: Config, options: Options = Options()) -> None:
        self.config, self.options = config, options
        self.jobs = options.jobs or available_cores()
        self.registry: Registry | None = None
        self.renderer: Renderer | None = None
        self._templates = ""
        self.sources: dict[str, Source | Problem] = {}
        self.parsed: dict[str, Parsed] = {}
        self.rendered: dict[str, tuple[str, bytes]] = {}
        self.bodiless: set[str] = set()
        self.parse_count = 0

    # --- the run ------------------------------------------------------------------------------

    def run(self, changed: Iterable[Path] | None = None) -> BuildResult:
        """One run over the project; `changed` (serve) names the paths edited since the last run."""
        started = time.perf_counter()
        config, mode = self.config, self.options.mode
        output, assets = self._output(), collect_assets(config)
        refused = self._output_problems(output, assets)
        if refused and mode is Mode.BUILD:  # decided before any work, so a refused build writes nothing
            return BuildResult(BuildReport(0, 0, 0, 0, time.perf_counter() - started, output), tuple(refused))
        if self.registry is None:
            self.registry = load_registry(config)
        cache = self._open_cache()
        try:
            sources, problems = self._load(changed)
            results = self._parse(sources, cache)
            articles = [a for a, _ in results if a is not None]
            problems += [p for _, found in results for p in found]
            plan = self._plan(articles, problems)
            problems += refused
            files, reused, rendered = self._render(plan, cache, output, problems) if plan else ({}, {}, 0)
            problems += asset_problems(files, assets)
            report = BuildReport(len(plan.articles) if plan else 0, len(plan.pages) if plan else 0,
                                 len(plan.leaders) if plan else 0, len(plan.topics) if plan else 0,
                                 time.perf_counter() - started, output, rendered, self.parse_count)
            if problems:
                return BuildResult(report, tuple(problems), parsed=self._pairs(sources, results))
            return self._finish(report, files, reused, assets, cache, sources, results, output)
        finally:
            if cache is not None:
                cache.close()

    def _output_problems(self, output: Path, assets: Mapping[str, Path]) -> list[Problem]:
        if self.options.mode is Mode.SERVE:
            return []
        origin = "--output" if self.options.output is not None else f"output_dir in {self.config.label}"
        force = self.options.force and self.options.mode is Mode.BUILD
        return output_problems(output, self.config, origin, force, assets)

    def _finish(self, report: BuildReport, files: dict[str, bytes], reused: dict[str, Path],
                assets: Mapping[str, Path], cache: BuildCache | None, sources: Sequence[Source],
                results: Sequence[Parsed], output: Path) -> BuildResult:
        mode = self.options.mode
        if mode is Mode.SERVE:
            site = {**{rel: path.read_bytes() for rel, path in assets.items()}, **files}
            return BuildResult(report, files=site)
        if mode is Mode.BUILD:
            publish(files, assets, output, self.config.retain, self.options.notify, reused)
            if not self.config.base_url and self.options.notify:
                self.options.notify("base_url is not set, so feeds use relative links and there is no sitemap.xml; "
                                    "set base_url in the configuration for absolute ones")
            if cache is not None:
                keys = {rel: key for rel, (key, _) in self.rendered.items()}
                cache.put_site(output.resolve(), written_pages(output, keys))
        return BuildResult(report, parsed=self._pairs(sources, results))

    # --- stages -------------------------------------------------------------------------------

    def _load(self, changed: Iterable[Path] | None) -> tuple[list[Source], list[Problem]]:
        self.sources = inputs.refresh(self.config, self.sources, changed)
        found = [s for s in self.sources.values() if isinstance(s, Source)]
        return found, [s for s in self.sources.values() if isinstance(s, Problem)]

    def _parse(self, sources: Sequence[Source], cache: BuildCache | None) -> list[Parsed]:
        keys = [digest(s.path, s.text) for s in sources]
        missing = [k for k in keys if k not in self.parsed]
        if cache is not None and missing:
            found = cache.articles(missing)
            self.parsed.update(found)
            self.bodiless |= {k for k, (a, _) in found.items() if a is not None}
        todo = [i for i, k in enumerate(keys) if k not in self.parsed]
        if self.options.progress and todo:
            self.options.progress("reading", 0, len(todo))
        fresh = map_chunks(_parse_chunk, (self.config, self.registry, sources), todo, self.jobs, chunk=40)
        new = dict(zip((keys[i] for i in todo), (result for chunk in fresh for result in chunk)))
        self.parse_count += len(new)
        self.parsed.update(new)
        self.parsed = {k: self.parsed[k] for k in keys}
        self.bodiless &= set(keys)
        if cache is not None:
            cache.put_articles(new, keys)
        return [self.parsed[k] for k in keys]

    def _plan(self, articles: list[Article], problems: list[Problem]) -> SitePlan | None:
        config, registry = self.config, self.registry
        offices = registry_offices({d.id: d for d in registry.leaders.leaders}) if registry else None
        try:
            return plan_site(articles, config.per_page, self.options.drafts, tz=config.tz,
                             sitemap=bool(config.base_url), offices=offices, title=config.title)
        except BuildFailed as exc:
            problems += exc.problems
            return None

    def _render(self, plan: SitePlan, cache: BuildCache | None, output: Path,
                problems: list[Problem]) -> tuple[dict[str, bytes], dict[str, Path], int]:
        """Render what changed; returns new bytes, pages reused from the previous site, and a count."""
        templates = inputs.templates_digest(self.config)
        if templates != self._templates:  # an edited, added or removed template: compile afresh
            self.renderer, self._templates = None, templates
        keys = page_keys(plan, self.config, self._article_keys(plan), templates)
        previous = self._previous(cache, output)
        files: dict[str, bytes] = {}
        reused: dict[str, Path] = {}
        todo: list[Page] = []
        for page in plan.pages:
            key = keys[page.output_path]
            before = previous.get(page.output_path)
            if before is not None and before[0] == key:
                if isinstance(before[1], bytes):
                    files[page.output_path] = before[1]
                else:
                    reused[page.output_path] = before[1]
            else:
                todo.append(page)
        todo = self._with_bodies(todo, cache)
        if self.options.progress and todo:
            self.options.progress("rendering", 0, len(todo))
        if self.renderer is None:
            self.renderer = Renderer(self.config)
        self.renderer.start(plan)
        chunks = map_chunks(_render_chunk, (self.renderer, todo), list(range(len(todo))), self.jobs, chunk=100)
        for rendered, found in chunks:
            files.update(rendered)
            problems += found
        problems[:] = dedupe(problems)
        files.update(search_files(plan))
        self.rendered = {p.output_path: (keys[p.output_path], files.get(p.output_path, b"")) for p in plan.pages}
        if self.options.mode is not Mode.SERVE:
            self.rendered = {k: (key, b"") for k, (key, _) in self.rendered.items()}
        return files, reused, len(todo)

    # --- helpers ------------------------------------------------------------------------------

    def _open_cache(self) -> BuildCache | None:
        """The persistent cache for BUILD; CHECK only reads one that exists; SERVE keeps its own in memory."""
        folder, mode = self.config.root / CACHE_DIR, self.options.mode
        if not self.options.cache or mode is Mode.SERVE or (mode is Mode.CHECK and not folder.is_dir()):
            return None
        warn = self.options.notify or (lambda message: None)
        return BuildCache(folder, context_key(self.config), warn, readonly=mode is Mode.CHECK)

    def _output(self) -> Path:
        return self.options.output if self.options.output is not None else self.config.path(self.config.output_dir)

    def _article_keys(self, plan: SitePlan) -> dict[int, str]:
        by_path = {a.path: k for k, (a, _) in self.parsed.items() if a is not None}
        return {id(a): by_path[a.path] for a in plan.articles}

    def _previous(self, cache: BuildCache | None, output: Path) -> dict[str, tuple[str, bytes | Path]]:
        """Pages of the last run that may be reused: in memory (serve), or still on disk as written."""
        if self.options.mode is Mode.SERVE:
            return {path: (key, data) for path, (key, data) in self.rendered.items()}
        if cache is None:
            return {}
        site = output.resolve()
        return {path: (page.key, site / path) for path, page in cache.site(site).items()
                if _unchanged(site / path, page)}

    def _with_bodies(self, pages: list[Page], cache: BuildCache | None) -> list[Page]:
        """Article pages to render need their bodies, which the cache keeps apart from the cards."""
        by_path = {a.path: k for k, (a, _) in self.parsed.items() if a is not None}
        wanted = [by_path[p.article.path] for p in pages if isinstance(p, ArticlePage)
                  and by_path[p.article.path] in self.bodiless]
        if not wanted:
            return pages
        bodies = cache.bodies(wanted) if cache is not None else {}
        out: list[Page] = []
        for page in pages:
            key = by_path.get(page.article.path) if isinstance(page, ArticlePage) else None
            if key in bodies and isinstance(page, ArticlePage):
                page = replace(page, article=replace(page.article, body_html=bodies[key]))
            out.append(page)
        return out

    @staticmethod
    def _pairs(sources: Sequence[Source], results: Sequence[Parsed]) -> tuple[tuple[Source, Article], ...]:
        return tuple((s, a) for s, (a, _) in zip(sources, results) if a is not None)


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


def context_key(config: Config) -> str:
    """Everything a parsed article depends on besides its own file: settings, registries, code."""
    settings = (config.timezone, config.summary_words, config.allow_raw_html, config.default_registries,
                repr(config.leaders), repr(config.topics))
    return digest(__version__, repr(settings), inputs.code_digest())


def page_keys(plan: SitePlan, config: Config, articles: Mapping[int, str], templates: str) -> dict[str, str]:
    """A key per output page that changes whenever anything the page shows could change."""
    shared = digest(templates, repr((config.title, config.description, config.base_url,
                    config.language, __version__, len(plan.articles), len(plan.leaders), len(plan.topics))))
    keys = {}
    for page in plan.pages:
        shown = ",".join(articles[id(a)] for a in page.shows)
        keys[page.output_path] = digest(shared, page.template, page.output_path, shown, page.fingerprint())
    return keys


def _unchanged(path: Path, page: WrittenPage) -> bool:
    try:
        info = path.stat()
    except OSError:
        return False
    return (info.st_size, info.st_mtime_ns, info.st_ino) == (page.size, page.mtime_ns, page.inode)


def _parse_chunk(state: tuple[Config, Registry, Sequence[Source]], indexes: Sequence[int]) -> list[Parsed]:
    config, registry, sources = state
    out: list[Parsed] = []
    for i in indexes:
        article, problems = parse_article(sources[i], config, registry)
        out.append((article, tuple(problems)))
    return out


def _render_chunk(state: tuple[Renderer, Sequence[Page]], indexes: Sequence[int]) -> tuple[dict[str, bytes], list[Problem]]:
    renderer, pages = state
    return renderer.render_all(pages[i] for i in indexes)
