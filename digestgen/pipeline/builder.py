"""The one pipeline, load -> parse -> infer -> model -> render -> publish, for build, serve and check.

`Builder.run()` runs every stage and collects every problem; the mode decides only what happens
to the result: BUILD publishes it into the output folder, SERVE keeps the whole site in memory
for the preview, CHECK only reports. Work whose inputs did not change is reused: parse results
and rendered pages in memory (serve), or through the persistent cache and the previous site (build).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from digestgen.config import Config
from digestgen.errors import BuildFailed, Problem
from digestgen.model import Article, SourceFile
from digestgen.pipeline.cache.store import CACHE_DIR, BuildCache, Parsed, SiteRecord
from digestgen.pipeline.load import inputs
from digestgen.pipeline.load.assets import asset_problems, collect_assets
from digestgen.pipeline.plan.pages import ArticlePage, Page, SitePlan
from digestgen.pipeline.publish.outdir import output_problems
from digestgen.pipeline.publish.staging import staging_for, write_page, written_pages
from digestgen.pipeline.reuse import article_key, context_key, inputs_digest, page_keys, site_files, unchanged_on_disk
from digestgen.pipeline.runs import BuildReport, BuildResult, Mode, Options

__all__ = ["BuildReport", "BuildResult", "Builder", "Mode", "Options"]

if TYPE_CHECKING:  # the stages below load when a run needs them, so an up-to-date build starts fast
    from digestgen.pipeline.parse.markup import MarkdownRenderer
    from digestgen.pipeline.render.templates import Renderer
    from digestgen.taxonomy.registry import Registry

RELATIVE_FEEDS = (
    "base_url is not set, so feeds use relative links and there is no sitemap.xml; "
    "set base_url in the configuration for absolute ones"
)


@dataclass
class _Work:
    """What a run must render and what it may keep: page keys, pages to render, pages to keep."""

    keys: dict[str, str]
    todo: list[Page]
    kept: dict[str, bytes | Path]
    """Unchanged pages: their bytes (serve, in memory) or their file in the previous site (build)."""


class Builder:
    """Runs the pipeline for one configuration; keeps what a later run (serve's next save) can reuse."""

    def __init__(self, config: Config, options: Options | None = None) -> None:
        from digestgen.pipeline.parallel import available_cores

        self.config, self.options = config, options or Options()
        self.jobs = self.options.jobs or available_cores()
        self.registry: Registry | None = None
        self.renderer: Renderer | None = None
        self.templates = ""
        self.sources: dict[str, SourceFile | Problem] = {}
        self.parsed: dict[str, Parsed] = {}
        self.bodiless: set[str] = set()
        """Keys of cached articles loaded without their bodies."""
        self.in_memory: dict[str, tuple[str, bytes]] = {}
        """SERVE: every page of the last good run, with its key."""
        self.parse_count = 0

    def run(self, changed: Iterable[Path] | None = None) -> BuildResult:
        """One run over the project; `changed` (serve) names the paths edited since the last run."""
        started, mode = time.perf_counter(), self.options.mode
        output, assets = self._output(), collect_assets(self.config)
        refused = self._output_problems(output, assets)
        if refused and mode is Mode.BUILD:  # decided before any work, so a refused build writes nothing
            return BuildResult(BuildReport(0, 0, 0, 0, time.perf_counter() - started, output), tuple(refused))
        cache = self._open_cache()
        stamp = (
            inputs_digest(self.config, self.options.drafts, output, assets) if cache and mode is Mode.BUILD else None
        )
        if stamp is not None and cache is not None:
            counts = self._up_to_date(cache, output, stamp)
            if counts:
                cache.close()
                articles, pages, leaders, topics = counts
                report = BuildReport(
                    articles, pages, leaders, topics, time.perf_counter() - started, output, up_to_date=True
                )
                return BuildResult(report)
        if self.registry is None:
            from digestgen.taxonomy.registry import load_registry

            self.registry = load_registry(self.config)
        try:
            sources, problems = self._load(changed)
            results = self._parse(sources, cache)
            problems += [p for _, found in results for p in found] + refused
            plan = self._plan([a for a, _ in results if a is not None], problems)
            parsed = tuple((s, a) for s, (a, _) in zip(sources, results, strict=False) if a is not None)
            if plan is None:
                return BuildResult(
                    BuildReport(0, 0, 0, 0, time.perf_counter() - started, output), tuple(problems), parsed=parsed
                )
            files, count = self._render_and_keep(plan, cache, output, assets, problems, stamp)
            report = BuildReport(
                len(plan.articles),
                len(plan.pages),
                len(plan.leaders),
                len(plan.topics),
                time.perf_counter() - started,
                output,
                count,
                self.parse_count,
            )
            if not problems and mode is Mode.BUILD and not self.config.base_url and self.options.notify:
                self.options.notify(RELATIVE_FEEDS)
            return BuildResult(report, tuple(problems), files, parsed)
        finally:
            if cache is not None:
                cache.close()

    # --- stages -------------------------------------------------------------------------------

    def _load(self, changed: Iterable[Path] | None) -> tuple[list[SourceFile], list[Problem]]:
        self.sources = inputs.refresh(self.config, self.sources, changed)
        found = [s for s in self.sources.values() if isinstance(s, SourceFile)]
        return found, [s for s in self.sources.values() if isinstance(s, Problem)]

    def _parse(self, sources: Sequence[SourceFile], cache: BuildCache | None) -> list[Parsed]:
        """Parse results in source order: from memory, from the cache, or parsed now (in worker processes)."""
        from digestgen.pipeline.parallel import map_chunks
        from digestgen.pipeline.parse.markup import MarkdownRenderer

        keys = [article_key(s.path, s.text) for s in sources]
        missing = [k for k in keys if k not in self.parsed]
        if cache is not None and missing:
            found = cache.articles(missing)
            self.parsed.update(found)
            self.bodiless |= {k for k, (a, _) in found.items() if a is not None}
        todo = [i for i, k in enumerate(keys) if k not in self.parsed]
        if self.options.progress and todo:
            self.options.progress("reading", 0, len(todo))
        state = (self.config, self.registry, sources, MarkdownRenderer(self.config.allow_raw_html))
        fresh = map_chunks(_parse_chunk, state, todo, self.jobs, chunk=40)
        new = dict(zip((keys[i] for i in todo), (result for chunk in fresh for result in chunk), strict=False))
        self.parse_count += len(new)
        self.parsed = {k: new.get(k) or self.parsed[k] for k in keys}
        self.bodiless &= set(keys)
        if cache is not None:
            cache.put_articles(new, keys)
        return [self.parsed[k] for k in keys]

    def _plan(self, articles: list[Article], problems: list[Problem]) -> SitePlan | None:
        from digestgen.pipeline.plan.profiles import registry_offices
        from digestgen.pipeline.plan.site import plan_site

        config, registry = self.config, self.registry
        offices = registry_offices({d.id: d for d in registry.leaders.leaders}) if registry else None
        try:
            return plan_site(
                articles,
                config.per_page,
                self.options.drafts,
                tz=config.tz,
                sitemap=bool(config.base_url),
                offices=offices,
                title=config.title,
            )
        except BuildFailed as exc:
            problems += exc.problems
            return None

    def _render_and_keep(
        self,
        plan: SitePlan,
        cache: BuildCache | None,
        output: Path,
        assets: Mapping[str, Path],
        problems: list[Problem],
        stamp: str | None = None,
    ) -> tuple[dict[str, bytes], int]:
        """Render what changed, then publish (BUILD), keep in memory (SERVE) or only report (CHECK)."""
        from digestgen.pipeline.render.search import search_files

        work = self._work(plan, cache, output)
        extra = search_files(plan)
        problems += asset_problems({*work.keys, *extra}, assets)
        if self.options.mode is Mode.BUILD and not problems:
            with staging_for(output, self.options.notify) as staging:
                found = self._render(work.todo, staging.folder)[1]
                problems += found
                if not found:
                    for rel, data in sorted(extra.items()):
                        write_page(staging.folder, rel, data)
                    kept = {rel: path for rel, path in work.kept.items() if isinstance(path, Path)}
                    staging.commit(assets, self.config.retain, kept)
            if not problems and cache is not None:
                written = {**dict.fromkeys([*extra, *assets], ""), **work.keys}
                counts = (len(plan.articles), len(plan.pages), len(plan.leaders), len(plan.topics))
                cache.put_site(output.resolve(), SiteRecord(written_pages(output, written), stamp or "", counts))
            return {}, len(work.todo)
        rendered, found = self._render(work.todo, None)
        problems += found
        if self.options.mode is not Mode.SERVE or problems:
            return {}, len(work.todo)
        pages = {**{rel: data for rel, data in work.kept.items() if isinstance(data, bytes)}, **rendered}
        self.in_memory = {rel: (work.keys[rel], data) for rel, data in pages.items()}
        return {**{rel: path.read_bytes() for rel, path in assets.items()}, **pages, **extra}, len(work.todo)

    def _work(self, plan: SitePlan, cache: BuildCache | None, output: Path) -> _Work:
        from digestgen.pipeline.render.templates import Renderer

        templates = inputs.templates_digest(self.config)
        if templates != self.templates or self.renderer is None:  # templates changed: compile afresh
            self.renderer, self.templates = Renderer(self.config), templates
        keys = page_keys(plan, self.config, self._article_keys(plan), templates)
        previous = self._previous(cache, output)
        work = _Work(keys, [], {})
        for page in plan.pages:
            before = previous.get(page.output_path)
            if before is not None and before[0] == keys[page.output_path]:
                work.kept[page.output_path] = before[1]
            else:
                work.todo.append(page)
        work.todo = self._with_bodies(work.todo, cache)
        self.renderer.start(plan)
        return work

    def _render(self, pages: Sequence[Page], folder: Path | None) -> tuple[dict[str, bytes], list[Problem]]:
        """Render pages in worker processes: into `folder` when given, else back into memory."""
        from digestgen.pipeline.parallel import map_chunks
        from digestgen.pipeline.render.templates import dedupe

        if self.options.progress and pages:
            self.options.progress("rendering", 0, len(pages))
        chunks = map_chunks(_render_chunk, (self.renderer, pages, folder), range(len(pages)), self.jobs, chunk=100)
        files: dict[str, bytes] = {}
        problems: list[Problem] = []
        for rendered, found in chunks:
            files.update(rendered)
            problems += found
        return files, dedupe(problems)

    # --- helpers ------------------------------------------------------------------------------

    def _output_problems(self, output: Path, assets: Mapping[str, Path]) -> list[Problem]:
        if self.options.mode is Mode.SERVE:
            return []
        origin = "--output" if self.options.output is not None else f"output_dir in {self.config.label}"
        force = self.options.force and self.options.mode is Mode.BUILD
        return output_problems(output, self.config, origin, force, assets)

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
        by_path = {a.source_path: k for k, (a, _) in self.parsed.items() if a is not None}
        return {id(a): by_path[a.source_path] for a in plan.articles}

    def _previous(self, cache: BuildCache | None, output: Path) -> Mapping[str, tuple[str, bytes | Path]]:
        """Pages of the last run that may be kept: in memory (serve), or on disk exactly as written (build)."""
        if self.options.mode is Mode.SERVE:
            return self.in_memory
        if cache is None:
            return {}
        site = output.resolve()
        return unchanged_on_disk(site, cache.site(site).files)

    def _up_to_date(self, cache: BuildCache, output: Path, stamp: str) -> tuple[int, ...] | None:
        """The last build's counts if it read exactly these inputs and its files are all still as written."""
        site = output.resolve()
        record = cache.site(site)
        if record.inputs != stamp or not record.files:
            return None
        if len(unchanged_on_disk(site, record.files)) != len(record.files):
            return None
        return record.counts if set(site_files(site, self.config.retain)) == set(record.files) else None

    def _with_bodies(self, pages: list[Page], cache: BuildCache | None) -> list[Page]:
        """Article pages to render need their bodies, which the cache keeps apart from the cards."""
        by_path = {a.source_path: k for k, (a, _) in self.parsed.items() if a is not None}
        wanted = [
            by_path[p.article.source_path]
            for p in pages
            if isinstance(p, ArticlePage) and by_path[p.article.source_path] in self.bodiless
        ]
        bodies = cache.bodies(wanted) if cache is not None and wanted else {}
        if not bodies:
            return pages
        out: list[Page] = []
        for page in pages:
            key = by_path.get(page.article.source_path) if isinstance(page, ArticlePage) else None
            if key in bodies and isinstance(page, ArticlePage):
                page = replace(page, article=replace(page.article, body_html=bodies[key]))
            out.append(page)
        return out


def _parse_chunk(
    state: tuple[Config, Registry, Sequence[SourceFile], MarkdownRenderer], indexes: Sequence[int]
) -> list[Parsed]:
    from digestgen.pipeline.parse.articles import parse_article

    config, registry, sources, markdown = state  # each worker process has its own copy of the renderer
    out: list[Parsed] = []
    for i in indexes:
        article, problems = parse_article(sources[i], config, registry, renderer=markdown)
        out.append((article, tuple(problems)))
    return out


def _render_chunk(
    state: tuple[Renderer, Sequence[Page], Path | None], indexes: Sequence[int]
) -> tuple[dict[str, bytes], list[Problem]]:
    """Render some pages; write them into the staging folder if there is one, else return them."""
    renderer, pages, folder = state
    files, problems = renderer.render_all(pages[i] for i in indexes)
    if folder is None:
        return files, problems
    for rel, data in files.items():
        write_page(folder, rel, data)
    return {}, problems
