"""What a run may reuse: the keys that say when an article or a page must be made again.

An article's key is the hash of its file (path and text); everything else it depends on
(settings, registries, digestgen's own code) is the context key of the cache it lives in. A
page's key joins the keys of the articles it shows, its fingerprint (pager, term, dossier...),
the templates and the site-wide values every page shows. Equal keys mean equal bytes.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from digestgen import __version__
from digestgen.config import Config
from digestgen.pipeline.cache.store import WrittenPage, digest
from digestgen.pipeline.load import inputs
from digestgen.pipeline.load.sources import content_paths
from digestgen.pipeline.plan.pages import SitePlan


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
    )
    return digest(__version__, repr(settings), inputs.code_digest())


def page_keys(plan: SitePlan, config: Config, articles: Mapping[int, str], templates: str) -> dict[str, str]:
    """A key per output page (by path) that changes whenever anything the page shows could change.

    `articles` maps id(article) to its key, for every article of the plan.
    """
    shared = digest(
        templates,
        repr(
            (
                config.title,
                config.description,
                config.base_url,
                config.language,
                __version__,
                len(plan.articles),
                len(plan.leaders),
                len(plan.topics),
            )
        ),
    )
    keys = {}
    for page in plan.pages:
        shown = ",".join(articles[id(a)] for a in page.shows)
        keys[page.output_path] = digest(shared, page.template, page.output_path, shown, page.fingerprint())
    return keys


def unchanged_on_disk(site: Path, written: Mapping[str, WrittenPage]) -> dict[str, tuple[str, Path]]:
    """Pages a previous build wrote that are still exactly as written (same file, size and time)."""
    found = {}
    prefix = f"{site}{os.sep}"
    for rel, page in written.items():
        try:
            info = os.stat(prefix + rel)
        except OSError:
            continue
        if (info.st_size, info.st_mtime_ns, info.st_ino) == (page.size, page.mtime_ns, page.inode):
            found[rel] = (page.key, site / rel)
    return found


def inputs_digest(config: Config, drafts: bool, output: Path, assets: Mapping[str, Path]) -> str | None:
    """The identity of everything a build reads, from file sizes and times (no content is read).

    None when the content cannot be listed cleanly (a build will then say why). A file edited in
    any way changes its change time (ctime), which no tool can set back.
    """
    paths, problems = content_paths(config)
    if problems:
        return None
    parts: list[str | bytes] = [
        __version__,
        inputs.code_digest(),
        inputs.templates_digest(config),
        repr(drafts),
        str(output.resolve()),
        repr(config),
    ]
    for file in (config.config_file, *config.registry_files):
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
