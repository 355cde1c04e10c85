"""Incremental rebuilds for `digestgen serve`: redo only what an edit affects, in memory.

The caller owns a BuildCache and passes the paths that changed. Unchanged files keep their
Article objects, so unchanged pages keep their Page objects (or compare equal cheaply) and
their rendered bytes are reused. Nothing here writes to disk.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import jinja2

from digestgen.articles import parse_article
from digestgen.build import BuildReport
from digestgen.config import Config
from digestgen.errors import BuildFailed, Problem
from digestgen.model import Article, Page, SitePlan, Source, TermIndex
from digestgen.plan import plan_site
from digestgen.assets import collect_assets
from digestgen.registry import Registry, load_registry
from digestgen.render import make_environment, render_page, render_site, search_entry, search_script
from digestgen.sources import SUFFIXES, find_sources, is_ignored, read_source


@dataclass(frozen=True)
class _Entry:
    """One content file as last read: its text and what parsing it gave."""

    text: str | None
    article: Article | None
    problems: tuple[Problem, ...]


@dataclass
class BuildCache:
    """What survives between rebuilds of one project; owned and mutated by one caller."""

    config: Config
    drafts: bool = False
    registry: Registry | None = None
    entries: dict[str, _Entry] = field(default_factory=dict)
    """Per content file (absolute path): last text and parse result, in build order."""
    plan: SitePlan | None = None
    refs: dict[int, list[int]] = field(default_factory=dict)
    """id(article) -> indexes of the plan's pages whose context mentions it."""
    env: jinja2.Environment | None = None
    shared: dict[str, int] = field(default_factory=dict)
    rendered: dict[str, tuple[Page, bytes]] = field(default_factory=dict)
    search: dict[int, tuple[Article, str]] = field(default_factory=dict)
    assets: dict[str, bytes] | None = None
    parsed: int = 0
    """parse_article calls so far (tests and benchmarks read these counters)."""
    renders: int = 0
    plans: int = 0

    def templates_changed(self) -> None:
        """Templates (or their static files) changed: re-render everything, re-read assets."""
        self.env, self.rendered, self.assets = None, {}, None

    def static_changed(self) -> None:
        self.assets = None


@dataclass(frozen=True)
class SiteResult:
    """An in-memory site: every output path and its bytes."""

    files: dict[str, bytes]
    report: BuildReport
    rendered: int
    """Pages rendered by this rebuild (the rest were reused)."""


def rebuild(cache: BuildCache, changed: Iterable[Path] | None = None) -> SiteResult:
    """Bring the site up to date after `changed` content paths (None: rescan everything).

    Raises BuildFailed with every problem; the cache stays usable for the next call.
    """
    started = time.perf_counter()
    config = cache.config
    if cache.registry is None:
        cache.registry = load_registry(config)
    hints = None if changed is None else {str(Path(p).absolute().parent.resolve() / Path(p).name) for p in changed}
    replaced = _refresh(cache, hints)
    problems = [p for e in cache.entries.values() for p in e.problems]
    if problems:
        cache.plan = None
        raise BuildFailed(problems)
    if cache.plan is None or replaced is None or not _substitute(cache, replaced):
        articles = [e.article for e in cache.entries.values() if e.article is not None]
        cache.plan = plan_site(articles, config.per_page, cache.drafts)
        cache.refs = _page_refs(cache.plan)
        cache.plans += 1
    plan = cache.plan
    files, count = _render_changed(cache, plan)
    files["search-index.js"] = _search_index(cache, plan)
    if cache.assets is None:
        cache.assets = {rel: path.read_bytes() for rel, path in collect_assets(config).items()}
    clashes = sorted(set(files) & set(cache.assets))
    if clashes:
        raise BuildFailed([Problem(c, None, f"static file collides with generated page {c}") for c in clashes])
    files.update(cache.assets)
    report = BuildReport(len(plan.articles), len(plan.pages), len(plan.leaders), len(plan.topics),
                         time.perf_counter() - started, config.path(config.content_dir))
    return SiteResult(files, report, count)


def _refresh(cache: BuildCache, changed: set[str] | None) -> dict[int, tuple[Article, Article]] | None:
    """Re-read what changed; returns {id(old): (old, new)} of edited articles, or None after a rescan."""
    content = cache.config.path(cache.config.content_dir)
    if cache.entries and changed is not None and all(_quick(cache, Path(p)) for p in changed):
        replaced: dict[int, tuple[Article, Article]] = {}
        moved = False
        for key in sorted(p for p in changed if p in cache.entries):
            old = cache.entries[key]
            entry = _read(cache, read_source(Path(key), cache.config.root), old)
            cache.entries[key] = entry
            if old.article is None or entry.article is None:
                moved = moved or old.article is not entry.article
            elif old.article is not entry.article:
                replaced[id(old.article)] = (old.article, entry.article)
        return None if moved else replaced
    sources, problems = find_sources(cache.config)
    entries = {str(cache.config.root / s.path): s for s in sources}
    old_entries = cache.entries
    cache.entries = {key: _read(cache, s, old_entries.get(key)) for key, s in entries.items()}
    if problems:
        cache.entries[str(content)] = _Entry(None, None, tuple(problems))
    return None


def _quick(cache: BuildCache, path: Path) -> bool:
    """True when `path` is a known file edited in place, or a name no rescan would pick up."""
    if str(path) in cache.entries:
        return path.is_file()
    return (is_ignored(path.name) or path.suffix.lower() not in SUFFIXES) and not path.is_dir()


def _read(cache: BuildCache, source: Source | Problem, old: _Entry | None) -> _Entry:
    if isinstance(source, Problem):
        return _Entry(None, None, (source,))
    if old is not None and old.text == source.text:
        return old
    article, problems = parse_article(source, cache.config, cache.registry)  # type: ignore[arg-type]
    cache.parsed += 1
    return _Entry(source.text, article, tuple(problems))


def _placement(a: Article) -> tuple[Any, ...]:
    """Everything plan_site looks at besides the article's identity."""
    return (a.path, a.slug, a.title, a.date, a.draft, a.leaders, a.topics)


def _substitute(cache: BuildCache, replaced: dict[int, tuple[Article, Article]]) -> bool:
    """Swap edited articles into the previous plan when none of them moved; False if one did."""
    if any(_placement(old) != _placement(new) for old, new in replaced.values()):
        return False
    if not replaced:
        return True
    plan = cache.plan
    assert plan is not None
    swap = {key: new for key, (_, new) in replaced.items()}
    pages = list(plan.pages)
    for key, (_, new) in replaced.items():
        indexes = cache.refs.pop(key, [])
        cache.refs[id(new)] = indexes
        for i in indexes:
            page = pages[i]
            pages[i] = Page(page.path, page.template, {k: _swap(v, swap) for k, v in page.context.items()}, page.sources)
    cache.plan = SitePlan(_swap(plan.articles, swap), _swap(plan.leaders, swap), _swap(plan.topics, swap), tuple(pages))
    return True


def _swap(value: Any, swap: dict[int, Article]) -> Any:
    if isinstance(value, Article):
        return swap.get(id(value), value)
    if isinstance(value, tuple):
        return tuple(_swap(v, swap) for v in value)
    if isinstance(value, TermIndex):
        return TermIndex(value.term, _swap(value.articles, swap))
    return value


def _page_refs(plan: SitePlan) -> dict[int, list[int]]:
    refs: dict[int, list[int]] = defaultdict(list)
    for i, page in enumerate(plan.pages):
        seen: set[int] = set()
        stack = list(page.context.values())
        while stack:
            value = stack.pop()
            if isinstance(value, Article):
                seen.add(id(value))
            elif isinstance(value, tuple):
                stack.extend(value)
            elif isinstance(value, TermIndex):
                stack.extend(value.articles)
        for key in seen:
            refs[key].append(i)
    return dict(refs)


def _render_changed(cache: BuildCache, plan: SitePlan) -> tuple[dict[str, bytes], int]:
    """Render pages that differ from last time; reuse the bytes of the rest."""
    shared = {"leader_count": len(plan.leaders), "topic_count": len(plan.topics), "article_count": len(plan.articles)}
    if cache.env is None or shared != cache.shared:
        cache.env, cache.shared, cache.rendered = cache.env or make_environment(cache.config), shared, {}
    env, old = cache.env, cache.rendered
    fresh: dict[str, tuple[Page, bytes]] = {}
    count = 0
    for page in plan.pages:
        prev = old.get(page.path)
        if prev is not None and (prev[0] is page or prev[0] == page):
            fresh[page.path] = (page, prev[1])
            continue
        try:
            fresh[page.path] = (page, render_page(env, page, cache.config, shared).encode("utf-8"))
        except Exception:  # noqa: BLE001 - any template fault; render_site locates them all
            cache.rendered = {**old, **fresh}
            failed = {p.path for p in plan.pages if p.path not in fresh}
            render_site(plan, cache.config, only=lambda p: p.path in failed)  # raises with located problems
            raise
        count += 1
    cache.rendered = fresh
    cache.renders += count
    return {path: data for path, (_, data) in fresh.items()}, count


def _search_index(cache: BuildCache, plan: SitePlan) -> bytes:
    """Same bytes as render.search_index, with each article's entry serialised once."""
    old, fresh, parts = cache.search, {}, []
    for a in plan.articles:
        hit = old.get(id(a))
        if hit is None or hit[0] is not a:
            hit = (a, search_entry(a))
        fresh[id(a)] = hit
        parts.append(hit[1])
    cache.search = fresh
    return search_script(parts)
