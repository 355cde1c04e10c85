"""The one pipeline, load -> parse -> infer -> plan -> render -> publish, for build, serve and check.

`Builder.run()` runs every stage and collects every problem; the mode decides only what happens
to the result: BUILD publishes it into the output folder, SERVE keeps the whole site in memory
for the preview, CHECK only reports. Work whose inputs did not change is reused: parse results
and rendered pages in memory (serve), or through the persistent cache and the previous site (build,
and serve's first run). A run costs work in proportion to what changed: the plan reuses what an
earlier plan computed from equal inputs (plan/site.py), and a page is rendered again only when
the key of what it shows changed (reuse.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from digestgen.config import Config
from digestgen.errors import BuildFailed, Problem, Problems
from digestgen.model import Article, Card, SourceFile
from digestgen.pipeline.cache.store import CACHE_DIR, BuildCache, Fresh, Parsed, SiteRecord, card_key, encoded
from digestgen.pipeline.load import inputs
from digestgen.pipeline.load.assets import check_assets, check_links, collect_assets
from digestgen.pipeline.load.sources import check_content
from digestgen.pipeline.plan.pages import ArticlePage, Page, SitePlan
from digestgen.pipeline.plan.site import PlanMemo
from digestgen.pipeline.publish.outdir import check_output
from digestgen.pipeline.publish.staging import staging_for, write_page, written_pages
from digestgen.pipeline.reuse import (
    KeyMemo,
    all_unchanged,
    article_key,
    context_key,
    inputs_digest,
    page_keys,
    site_files,
    unchanged_on_disk,
)
from digestgen.pipeline.runs import BuildReport, BuildResult, InterruptedAfterPublish, Mode, Options

__all__ = ["BuildReport", "BuildResult", "Builder", "Mode", "Options"]

if TYPE_CHECKING:  # the stages below load when a run needs them, so an up-to-date build starts fast
    from digestgen.pipeline.parse.markup import MarkdownRenderer
    from digestgen.pipeline.plan.profiles import Offices
    from digestgen.pipeline.render.search import SearchIndex
    from digestgen.pipeline.render.templates import Renderer
    from digestgen.taxonomy.registry import Registry

R = TypeVar("R")
Describe = Callable[[int], tuple[str, str]]
"""Item number -> (the file it concerns, what working on it is), for a lost worker's message."""

LATER_STEP = 10
"""Pages `later` renders between two looks at whether newer edits wait (serve renders in its own
process, about 5 ms a page): a save that lands meanwhile waits for at most this many."""
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
        self.keys: dict[int, tuple[SourceFile, str]] = {}
        """id(source) -> (source, its article key): unchanged sources are not hashed again."""
        self.parsed: dict[str, Parsed] = {}
        """Article key -> parse result (card and problems) of every current content file."""
        self.bodies: dict[str, str] = {}
        """Article key -> body HTML, for articles parsed in this process (cached cards come without)."""
        self.paths: dict[str, tuple[str, str]] = {}
        """Source path of each article -> (its card key, its article key)."""
        self.memo = PlanMemo()
        self.offices: Offices | None = None
        self.page_memo = KeyMemo()
        self.search: SearchIndex | None = None
        self.in_memory: dict[str, tuple[str, bytes]] = {}
        """SERVE: every page of the last good run, with its key."""
        self.parse_count = 0

    def run(self, changed: Iterable[Path] | None = None, first: Collection[str] | None = None) -> BuildResult:
        """One run over the project; `changed` (serve) names the paths edited since the last run.

        SERVE with `first` (the pages open in a browser): of the pages that changed, only those and
        pages that did not exist before are rendered now; the rest keep their last bytes until
        `BuildResult.later` renders them and then the search index, so an edit shows in the open
        page first, however many list pages it shifts. Without `first`, everything is made now.
        """
        started, mode = time.perf_counter(), self.options.mode
        output, assets = self._output(), collect_assets(self.config)
        problems = Problems()  # the run's one collector: every stage reports into it
        self._check_output(output, assets, problems)
        if problems.failed and mode is Mode.BUILD:  # decided before any work, so a refused build writes nothing
            return BuildResult(BuildReport(0, 0, (), time.perf_counter() - started, output), tuple(problems))
        if mode is not Mode.SERVE and not check_content(self.config, problems):  # nothing to read: write nothing
            return BuildResult(BuildReport(0, 0, (), time.perf_counter() - started, output), tuple(problems))
        cache = self._open_cache()
        stamp = (
            inputs_digest(self.config, self.options.drafts, output, assets) if cache and mode is Mode.BUILD else None
        )
        if stamp is not None and cache is not None:
            record = self._up_to_date(cache, output, stamp)
            if record is not None:
                cache.close()
                articles, pages, *counts = record.counts
                terms = tuple((i.noun, i.plural, c) for i, c in zip(self.config.taxonomy_infos, counts, strict=False))
                report = BuildReport(articles, pages, terms, time.perf_counter() - started, output, up_to_date=True)
                return BuildResult(report, record.warnings)
        try:
            sources = self._load(changed, problems)
            check_links(self.config, problems)
            results = self._parse(sources, cache)
            drafts = self.options.drafts
            problems.extend(p for r in results for p in r.problems if not (p.warning and _left_out(r, drafts)))
            if self.config.strict:  # a strict project fails on what would otherwise be a warning
                problems.replace_all(replace(p, warning=False) if p.warning else p for p in problems)
            cards = [r.card for r in results if r.card is not None]
            plan = self._plan(cards, problems)
            parsed = self._full_articles(sources, results, cache) if mode is Mode.CHECK else ()
            if plan is None:
                return BuildResult(
                    BuildReport(0, 0, (), time.perf_counter() - started, output), tuple(problems), parsed=parsed
                )
            if mode is Mode.SERVE:
                files, count, later = self._serve(plan, cache, assets, problems, first)
            else:
                files, count, later = *self._render_and_keep(plan, cache, output, assets, problems, stamp), None
            report = BuildReport(
                len(plan.articles),
                len(plan.pages),
                tuple((i.noun, i.plural, len(plan.terms_of(i.key))) for i in plan.taxonomies),
                time.perf_counter() - started,
                output,
                count,
                self.parse_count,
            )
            if not problems.failed and mode is Mode.BUILD and not self.config.base_url and self.options.notify:
                self.options.notify(RELATIVE_FEEDS)
            return BuildResult(report, tuple(problems), files, parsed, later)
        finally:
            if cache is not None:
                cache.close()

    # --- stages -------------------------------------------------------------------------------

    def _load(self, changed: Iterable[Path] | None, report: Problems) -> list[SourceFile]:
        self.sources = inputs.refresh(self.config, self.sources, changed)
        report.extend(s for s in self.sources.values() if isinstance(s, Problem))
        return [s for s in self.sources.values() if isinstance(s, SourceFile)]

    def get_registry(self) -> Registry:
        """The registry, read on first need: a run whose articles all come from the cache may not need it."""
        if self.registry is None:
            from digestgen.taxonomy.registry import load_registry

            self.registry = load_registry(self.config)
        return self.registry

    def _source_keys(self, sources: Sequence[SourceFile]) -> list[str]:
        """The article key of each source, hashing only sources not seen by an earlier run."""
        known, keys = self.keys, []
        fresh: dict[int, tuple[SourceFile, str]] = {}
        for source in sources:
            found = known.get(id(source))
            key = found[1] if found is not None and found[0] is source else article_key(source.path, source.text)
            fresh[id(source)] = (source, key)
            keys.append(key)
        self.keys = fresh
        return keys

    def _parse(self, sources: Sequence[SourceFile], cache: BuildCache | None) -> list[Parsed]:
        """Parse results in source order: from memory, from the cache, or parsed now (in worker processes)."""

        keys = self._source_keys(sources)
        missing = [k for k in keys if k not in self.parsed]
        if cache is not None and missing:
            self.parsed.update(cache.articles(missing))
        todo = [i for i, k in enumerate(keys) if k not in self.parsed]
        new: dict[str, Fresh] = {}
        if todo:
            from digestgen.pipeline.parse.markup import MarkdownRenderer

            if self.options.progress:
                self.options.progress("reading", 0, len(todo))
            markdown = MarkdownRenderer(self.config.allow_raw_html)
            state = (self.config, self.get_registry(), sources, markdown, cache is not None)
            fresh = self._map(_parse_chunk, state, todo, 40, lambda n: (sources[todo[n]].path, "reading it"))
            new = dict(zip((keys[i] for i in todo), (result for chunk in fresh for result in chunk), strict=True))
        self.parse_count += len(new)
        current = set(keys)
        self.parsed = {k: new[k][0] if k in new else self.parsed[k] for k in keys}
        self.paths = {r.card.source_path: (r.card_key, k) for k, r in self.parsed.items() if r.card is not None}
        self.bodies = {k: body for k, body in self.bodies.items() if k in current}
        self.bodies.update((k, body) for k, (_, body, _) in new.items())
        if cache is not None:
            cache.put_articles(new, keys)
        return [self.parsed[k] for k in keys]

    def _plan(self, cards: list[Card], report: Problems) -> SitePlan | None:
        from digestgen.pipeline.plan.profiles import registry_offices
        from digestgen.pipeline.plan.site import plan_site

        config, registry = self.config, self.get_registry() if cards else self.registry
        if registry is not None and self.offices is None:  # one lookup per registry: the plan memo compares it
            self.offices = registry_offices({(registry.leaders.key, d.id): d for d in registry.leaders.leaders})
        offices = self.offices if registry is not None else None
        try:
            return plan_site(
                cards,
                config.per_page,
                self.options.drafts,
                tz=config.tz,
                sitemap=bool(config.base_url),
                offices=offices,
                title=config.title,
                memo=self.memo,
                taxonomies=config.taxonomy_infos,
            )
        except BuildFailed as exc:  # the plan stops at what makes a site impossible (two pages on one path)
            report.extend(exc.problems)
            return None

    def _render_and_keep(
        self,
        plan: SitePlan,
        cache: BuildCache | None,
        output: Path,
        assets: Mapping[str, Path],
        problems: Problems,
        stamp: str | None = None,
    ) -> tuple[dict[str, bytes], int]:
        """Render what changed, then publish (BUILD) or only report (CHECK)."""
        work = self._work(plan, cache, output)
        check_assets(work.keys, assets, problems)
        if self.options.mode is Mode.BUILD and not problems.failed:
            extra = self._search_files(plan)
            staged = None
            try:
                with staging_for(output, self.options.notify) as staging:
                    staged = staging
                    mark = len(problems)
                    self._render(work.todo, staging.folder, problems)
                    if len(problems) == mark:  # a page that failed to render (even a warning) publishes nothing
                        for rel, data in sorted(extra.items()):
                            write_page(staging.folder, rel, data)
                        kept = {rel: path for rel, path in work.kept.items() if isinstance(path, Path)}
                        staging.commit(assets, self.config.retain, kept)
                if not problems.failed and cache is not None:
                    written = {**dict.fromkeys([*extra, *assets], ""), **work.keys}
                    counts = (
                        len(plan.articles),
                        len(plan.pages),
                        *(len(plan.terms_of(i.key)) for i in plan.taxonomies),
                    )
                    warned = tuple(p for p in problems if p.warning)
                    record = SiteRecord(written_pages(output, written), stamp or "", counts, warned)
                    cache.put_site(output.resolve(), record)
            except KeyboardInterrupt:
                if staged is not None and staged.in_place():  # the new site is live: only tidying was cut
                    raise InterruptedAfterPublish from None
                raise
            return {}, len(work.todo)
        self._render(work.todo, None, problems)
        return {}, len(work.todo)

    def _serve(
        self,
        plan: SitePlan,
        cache: BuildCache | None,
        assets: Mapping[str, Path],
        problems: Problems,
        first: Collection[str] | None,
    ) -> tuple[dict[str, bytes], int, Callable[[Callable[[], bool]], dict[str, bytes]] | None]:
        """SERVE: the whole site in memory; pages that may wait (see `run`) come with `later`."""
        work = self._work(plan, cache, self._output())
        check_assets(work.keys, assets, problems)
        now, waiting = work.todo, []
        if first is not None:
            before = self.in_memory
            now = [p for p in work.todo if p.output_path in first or p.output_path not in before]
            waiting = [p for p in work.todo if p.output_path not in first and p.output_path in before]
        rendered = self._render(now, None, problems)
        if problems.failed:
            return {}, len(now), None
        pages = {**{rel: data for rel, data in work.kept.items() if isinstance(data, bytes)}, **rendered}
        memory = {rel: (work.keys[rel], data) for rel, data in pages.items()}
        for page in waiting:  # the last bytes, under their old key, until `later` renders them
            memory[page.output_path] = self.in_memory[page.output_path]
            pages[page.output_path] = memory[page.output_path][1]
        self.in_memory = memory
        files = {**{rel: path.read_bytes() for rel, path in assets.items()}, **pages}
        if first is None:  # nothing may wait: the search index too is made now
            return {**files, **self._search_files(plan)}, len(now), None

        def later(stop: Callable[[], bool]) -> dict[str, bytes]:
            """Render the pages that waited, a chunk at a time, then the search index; stop early
            (leaving the rest to the next run) when `stop()` says new edits are waiting."""
            done: dict[str, bytes] = {}
            for start in range(0, len(waiting), LATER_STEP):
                if stop():
                    return done
                chunk = waiting[start : start + LATER_STEP]
                errors = Problems()
                made = self._render(chunk, None, errors)
                if len(errors):  # `later` runs after the run's report: its problems stop it
                    raise BuildFailed(list(errors))
                for page in chunk:
                    self.in_memory[page.output_path] = (work.keys[page.output_path], made[page.output_path])
                done.update(made)
            # The search index (a third of a second at 10,000 articles) gives way too: the next run makes it.
            search = None if stop() else self._search(plan, stop)
            return done if search is None else {**done, **search}

        return files, len(now), later

    def _work(self, plan: SitePlan, cache: BuildCache | None, output: Path) -> _Work:
        from digestgen.pipeline.render.templates import Renderer

        templates = inputs.templates_digest(self.config)
        if templates != self.templates or self.renderer is None:  # templates changed: compile afresh
            self.renderer, self.templates = Renderer(self.config), templates
        keys = page_keys(plan, self.config, self.paths, templates, self.renderer.shows_totals, self.page_memo)
        previous = self._previous(cache, output)
        work = _Work(keys, [], {})
        serve = self.options.mode is Mode.SERVE
        for page in plan.pages:
            before = previous.get(page.output_path)
            if before is not None and before[0] == keys[page.output_path]:
                kept = before[1]
                if serve and isinstance(kept, Path):  # serve's first run, from the last build's site
                    try:
                        kept = kept.read_bytes()
                    except OSError:
                        work.todo.append(page)
                        continue
                work.kept[page.output_path] = kept
            else:
                work.todo.append(page)
        work.todo = self._with_bodies(work.todo, cache)
        self.renderer.start(plan)
        return work

    def _render(self, pages: Sequence[Page], folder: Path | None, report: Problems) -> dict[str, bytes]:
        """Render pages in worker processes: into `folder` when given, else back into memory."""
        from digestgen.pipeline.render.templates import dedupe

        if self.options.progress and pages:
            self.options.progress("rendering", 0, len(pages))
        state = (self.renderer, pages, folder)
        chunks = self._map(_render_chunk, state, range(len(pages)), 100, lambda n: _rendering(pages[n]))
        files: dict[str, bytes] = {}
        found: list[Problem] = []
        for rendered, problems in chunks:  # a worker's problems come back with its pages
            files.update(rendered)
            found += problems
        report.extend(dedupe(found))
        return files

    def _search_files(self, plan: SitePlan) -> dict[str, bytes]:
        files = self._search(plan, lambda: False)
        assert files is not None  # never told to stop
        return files

    def _search(self, plan: SitePlan, stop: Callable[[], bool]) -> dict[str, bytes] | None:
        from digestgen.pipeline.render.search import SearchIndex

        if self.search is None:
            self.search = SearchIndex()
        return self.search.files(plan, stop)

    def _map(
        self, fn: Callable[[Any, Sequence[int]], R], state: Any, items: Sequence[int], chunk: int, what: Describe
    ) -> list[R]:
        """map_chunks over the worker pool; a worker lost on an item fails the run naming that item."""
        from digestgen.pipeline.parallel import WorkerFailed, map_chunks

        try:
            return map_chunks(fn, state, items, self.jobs, chunk, self.config.time_limit)
        except WorkerFailed as exc:
            path, doing = what(exc.item) if exc.item is not None else (".", "working")
            raise BuildFailed([Problem(path, None, f"worker {exc.worker} {exc.how} while {doing}")]) from None

    # --- helpers ------------------------------------------------------------------------------

    def _check_output(self, output: Path, assets: Mapping[str, Path], report: Problems) -> None:
        if self.options.mode is Mode.SERVE:
            return
        origin = "--output" if self.options.output is not None else f"output_dir in {self.config.label}"
        force = self.options.force and self.options.mode is Mode.BUILD
        check_output(output, self.config, origin, report, force=force, static_names=assets)

    def _open_cache(self) -> BuildCache | None:
        """The persistent cache: BUILD reads and writes it; CHECK and SERVE only read one that exists
        (serve keeps its own state in memory, and starts from the cache when a build left one)."""
        folder, mode = self.config.root / CACHE_DIR, self.options.mode
        if not self.options.cache or (mode is not Mode.BUILD and not folder.is_dir()):
            return None
        if mode is Mode.SERVE and self.in_memory:  # after the first run, memory holds everything
            return None
        warn = self.options.notify or (lambda message: None)
        return BuildCache(folder, context_key(self.config), warn, readonly=mode is not Mode.BUILD)

    def _output(self) -> Path:
        return self.options.output if self.options.output is not None else self.config.path(self.config.output_dir)

    def _previous(self, cache: BuildCache | None, output: Path) -> Mapping[str, tuple[str, bytes | Path]]:
        """Pages of the last run that may be kept: in memory (serve), or on disk exactly as written (build,
        and serve's first run, which starts from the last build's site when it is still as written)."""
        if self.options.mode is Mode.SERVE and self.in_memory:
            return self.in_memory
        if cache is None:
            return {}
        site = output.resolve()
        return unchanged_on_disk(site, cache.site(site).files)

    def _up_to_date(self, cache: BuildCache, output: Path, stamp: str) -> SiteRecord | None:
        """The last build's record if it read exactly these inputs and its files are all still as written."""
        site = output.resolve()
        record = cache.site(site)
        if record.inputs != stamp or not record.files:
            return None
        if not all_unchanged(site, record.files):
            return None
        return record if record.counts and set(site_files(site, self.config.retain)) == set(record.files) else None

    def _bodies(self, wanted: Sequence[str], cache: BuildCache | None) -> dict[str, str]:
        """Body HTML by article key: from memory, else from the cache; a body the cache cannot
        vouch for is parsed again (so it is never missing, never untrusted)."""
        found = {k: self.bodies[k] for k in wanted if k in self.bodies}
        missing = [k for k in wanted if k not in found]
        if missing and cache is not None:
            found.update(cache.bodies(missing))
            missing = [k for k in missing if k not in found]
        if missing:
            by_key = {key: source for _, (source, key) in self.keys.items()}
            from digestgen.pipeline.parse.markup import MarkdownRenderer

            sources = [by_key[k] for k in missing]
            state = (self.config, self.get_registry(), sources, MarkdownRenderer(self.config.allow_raw_html), False)
            done = self._map(_parse_chunk, state, range(len(sources)), 40, lambda n: (sources[n].path, "reading it"))
            again = [r for chunk in done for r in chunk]
            for key, (_, body, _) in zip(missing, again, strict=True):
                found[key] = self.bodies[key] = body
        return found

    def _with_bodies(self, pages: list[Page], cache: BuildCache | None) -> list[Page]:
        """Article pages to render get their full article: the card with its body put back."""
        by_path = {path: key for path, (_, key) in self.paths.items()}
        wanted = [by_path[p.article.source_path] for p in pages if isinstance(p, ArticlePage)]
        if not wanted:
            return pages
        bodies = self._bodies(wanted, cache)
        out: list[Page] = []
        for page in pages:
            if isinstance(page, ArticlePage):
                full = Article.of(page.article, bodies[by_path[page.article.source_path]])
                page = replace(page, article=full)
            out.append(page)
        return out

    def _full_articles(
        self, sources: Sequence[SourceFile], results: Sequence[Parsed], cache: BuildCache | None
    ) -> tuple[tuple[SourceFile, Article], ...]:
        """CHECK: every parsed article with its body, whether it was parsed now or came from the cache."""
        keys = [key for _, (_, key) in self.keys.items()]
        pairs = [(s, r, k) for s, r, k in zip(sources, results, keys, strict=True) if r.card is not None]
        bodies = self._bodies([k for _, _, k in pairs], cache)
        return tuple((s, Article.of(r.card, bodies[k])) for s, r, k in pairs if r.card is not None)


def _rendering(page: Page) -> tuple[str, str]:
    """Where a page comes from and what rendering it is, for a message."""
    where = page.article.source_path if isinstance(page, ArticlePage) else page.output_path
    return where, f"rendering {page.output_path}"


def _left_out(result: Parsed, drafts: bool) -> bool:
    """A draft the run does not list: its warnings are for when it is listed."""
    return result.card is not None and result.card.draft and not drafts


def _parse_chunk(
    state: tuple[Config, Registry, Sequence[SourceFile], MarkdownRenderer, bool], indexes: Sequence[int]
) -> list[Fresh]:
    """Parse some sources: each gives its card and problems, its body apart (see model.Card) and,
    when the run keeps a cache, the cache's text for the result (encoded here, in the workers, rather
    than one by one in the parent)."""
    from digestgen.pipeline.budget import Overtime, time_limit
    from digestgen.pipeline.parallel import started
    from digestgen.pipeline.parse.articles import parse_article

    config, registry, sources, markdown, encode = state  # each worker process has its own copy of the renderer
    out: list[Fresh] = []
    for n, i in enumerate(indexes):
        started(n)
        found = Problems()  # per article: its problems are cached with it
        try:
            with time_limit(config.time_limit):
                article = parse_article(sources[i], config, registry, found, renderer=markdown)
        except Overtime:
            article = None
            found = Problems([Problem(sources[i].path, None, f"took longer than {config.time_limit:g} s to read")])
        card = article.card() if article is not None else None
        parsed = Parsed(card, tuple(found), card_key(card))
        out.append((parsed, article.body_html if article else "", encoded(parsed) if encode else None))
    return out


def _render_chunk(
    state: tuple[Renderer, Sequence[Page], Path | None], indexes: Sequence[int]
) -> tuple[dict[str, bytes], list[Problem]]:
    """Render some pages; write them into the staging folder if there is one, else return them (with
    the problems met: a worker's report goes back to the parent's)."""
    renderer, pages, folder = state
    problems = Problems()
    files = renderer.render_all((pages[i] for i in indexes), problems)
    if folder is None:
        return files, list(problems)
    for rel, data in files.items():
        write_page(folder, rel, data)
    return {}, list(problems)
