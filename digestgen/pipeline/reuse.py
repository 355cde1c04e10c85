"""What a run may reuse: the keys that say when an article or a page must be made again.

An article's key is the hash of its file (path and text); everything else it depends on
(settings, registries, digestgen's own code) is the context key of the cache it lives in. A
page's key joins what it shows: the card key of every article it lists (a body edit that leaves
the card alone changes no list), the article key of the one article whose body it shows, its
fingerprint (pager, term, dossier...), the templates and the site settings. The site's totals
are in a page's key only if it shows them. Equal keys mean equal bytes, and no page's key
changes for what it does not show: adding an article re-renders only the pages that list it.
"""

from __future__ import annotations

import itertools
import operator
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from digestgen import __version__
from digestgen.config import Config
from digestgen.errors import Problems
from digestgen.pipeline.cache.store import WrittenPage, digest
from digestgen.pipeline.load import inputs
from digestgen.pipeline.load.sources import content_paths
from digestgen.pipeline.plan.pages import ArticlePage, ListPage, Page, SitePlan


@dataclass
class KeyMemo:
    """What `page_keys` computed last, for a plan whose pages are mostly the same objects (an
    interned or reshown plan, plan/site.py): only the other pages' keys are computed again."""

    pages: tuple[Page, ...] = ()
    keys: list[str] = field(default_factory=list)
    parts: tuple[str, str, bool] = ("", "", False)
    """The shared part of every key, the totals part, and whether every page shows the totals."""
    bodies: dict[str, tuple[int, str]] = field(default_factory=dict)
    """Per article: the index of its page and the article key that page's key was made with."""


def article_key(path: str, text: str) -> str:
    return digest(path, text)


def context_key(config: Config) -> str:
    """Everything a parsed article depends on besides its own file: settings, registries, code."""
    settings = (
        config.timezone,
        config.summary_words,
        config.allow_raw_html,
        config.default_registries,
        repr(config.leaders),
        repr(config.topics),
        repr(config.dates),
        repr(config.taxonomies),
    )
    local = config.local_registry
    refreshed = local.read_bytes() if local.is_file() else b"-"
    return digest(__version__, repr(settings), inputs.code_digest(), refreshed)


def page_keys(
    plan: SitePlan,
    config: Config,
    articles: Mapping[str, tuple[str, str]],
    templates: str,
    everywhere: bool,
    memo: KeyMemo | None = None,
) -> dict[str, str]:
    """A key per output page (by path) that changes whenever anything the page shows could change.

    `articles` maps an article's source path to its card key and article key; the
    totals are part of every key when `everywhere` (a template outside the home page shows them),
    else only of the first home page's. `memo` keeps the keys of pages that are the same objects.
    """
    site = (config.title, config.description, config.base_url, config.language, config.taxonomy_infos, __version__)
    shared = digest(templates, repr(site))
    totals = digest(shared, repr((len(plan.articles), *(len(plan.terms_of(i.key)) for i in plan.taxonomies))))
    parts = (shared, totals, everywhere)
    if memo is not None and memo.parts == parts and len(memo.pages) == len(plan.pages):
        return _changed_keys(plan.pages, articles, memo)
    found: list[str] = []
    bodies: dict[str, tuple[int, str]] = {}
    for k, page in enumerate(plan.pages):
        base = _base(page, parts)
        # An article page is the one page that shows a body: its article key joins the base.
        body = ""
        if isinstance(page, ArticlePage):
            body = articles[page.article.source_path][1]
            bodies[page.article.source_path] = (k, body)
        found.append(_key(page, base, body, articles))
    if memo is not None:
        memo.pages, memo.keys, memo.parts, memo.bodies = plan.pages, found, parts, bodies
    return {page.output_path: key for page, key in zip(plan.pages, found, strict=True)}


def _changed_keys(pages: tuple[Page, ...], articles: Mapping[str, tuple[str, str]], memo: KeyMemo) -> dict[str, str]:
    """The keys, computing again only those of pages that are not the memo's objects or whose
    article's body changed (a page that moved is a new object where it now is)."""
    redo = set(itertools.compress(range(len(pages)), map(operator.is_not, memo.pages, pages)))
    redo.update(k for path, (k, body) in memo.bodies.items() if articles.get(path, ("", ""))[1] != body)
    keys = list(memo.keys)
    for k in redo:
        page = pages[k]
        body = ""
        if isinstance(page, ArticlePage):
            path = page.article.source_path
            body = articles[path][1]
            memo.bodies[path] = (k, body)
        keys[k] = _key(page, _base(page, memo.parts), body, articles)
    memo.pages, memo.keys = pages, keys
    return {page.output_path: key for page, key in zip(pages, keys, strict=True)}


def _base(page: Page, parts: tuple[str, str, bool]) -> str:
    """The part of a page's key from outside it: the site's, with its totals if the page shows them."""
    shared, totals, everywhere = parts
    return totals if everywhere or _shows_totals(page) else shared


def _key(page: Page, base: str, body: str, articles: Mapping[str, tuple[str, str]]) -> str:
    shown = ",".join(articles[a.source_path][0] for a in page.shows)
    return digest(base, body, page.template, page.output_path, shown, page.fingerprint())


def _shows_totals(page: Page) -> bool:
    """The theme shows the site's totals on the first home page only."""
    return isinstance(page, ListPage) and page.term is None and page.pager.number == 1


def all_unchanged(site: Path, written: Mapping[str, WrittenPage]) -> bool:
    """Whether every page a previous build wrote is still exactly as written (the no-change build's
    whole work: no path object per page)."""
    prefix = f"{site}{os.sep}"
    return all(_as_written(prefix + rel, page) for rel, page in written.items())


def unchanged_on_disk(site: Path, written: Mapping[str, WrittenPage]) -> dict[str, tuple[str, Path]]:
    """Pages a previous build wrote that are still exactly as written (same file, size and time)."""
    prefix = f"{site}{os.sep}"
    return {rel: (page.key, site / rel) for rel, page in written.items() if _as_written(prefix + rel, page)}


def _as_written(path: str, page: WrittenPage) -> bool:
    try:
        info = os.stat(path)
    except OSError:
        return False
    return (info.st_size, info.st_mtime_ns, info.st_ino) == (page.size, page.mtime_ns, page.inode)


def inputs_digest(config: Config, drafts: bool, output: Path, assets: Mapping[str, Path]) -> str | None:
    """The identity of everything a build reads, from file sizes and times (no content is read).

    None when the content cannot be listed cleanly (a build will then say why). A file edited in
    any way changes its change time (ctime), which no tool can set back.
    """
    problems = Problems()
    paths = content_paths(config, problems)
    if len(problems):
        return None
    parts: list[str | bytes] = [
        __version__,
        inputs.code_digest(),
        inputs.templates_digest(config),
        repr(drafts),
        str(output.resolve()),
        repr(config),
    ]
    for file in (config.config_file, *config.registry_files, config.local_registry):
        parts.append(file.read_bytes() if file is not None and file.is_file() else b"-")
    for label, path in [*((p.as_posix(), p) for p in paths), *sorted(assets.items())]:
        try:
            info = os.stat(path)
        except OSError:
            return None
        parts.append(f"{label}\0{info.st_size}\0{info.st_mtime_ns}\0{info.st_ctime_ns}\0{info.st_ino}")
    return digest(*parts)


def site_files(site: Path, retain: tuple[str, ...]) -> list[str]:
    """Every file a build made in `site` (relative paths): all but the marker, dotfiles and retained names."""
    found: list[str] = []
    stack = [("", str(site))]
    while stack:
        rel, folder = stack.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if not rel and (entry.name.startswith(".") or entry.name in retain):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    stack.append((f"{rel}{entry.name}/", entry.path))
                else:
                    found.append(rel + entry.name)
    return found
