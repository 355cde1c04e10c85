"""`digestgen pull`: fetch the configured feeds and write one article per new item.

Idempotent: an item is known by its id in the feed folder's state file (pull/store.py), so a
second pull of unchanged feeds changes no byte, and one new item upstream gives one new file. An
item changed upstream (same id, other date or content) rewrites its file only if nobody edited
the file since it was written (its hash is kept); an edited file is never overwritten: the
update is written beside it (`x.md.upstream`) and the report says so. One feed's failure is
reported on its own line and never stops the others.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from digestgen.config import Config, Feed
from digestgen.errors import BuildFailed, Problem, one_line
from digestgen.pipeline.parse.htmlmd import html_to_markdown, text_to_markdown
from digestgen.pull.feed import FeedError, Item, read_feed
from digestgen.pull.fetch import FetchError, Limits, fetch
from digestgen.pull.store import (
    STATE_NAME,
    Busy,
    Entry,
    FeedState,
    StateError,
    file_hash,
    project_lock,
    read_state,
    sha256,
    tidy,
    write_atomic,
)
from digestgen.safety import safeyaml
from digestgen.safety.safeurl import web_address_problem
from digestgen.urls import slugify

__all__ = ["Busy", "FeedReport", "Limits", "PullReport", "pull"]

UPSTREAM = ".upstream"
"""Suffix of an update written beside a file an editor changed (no build reads it)."""
NAME_CHARS = 30
"""Longest title part of a file name: `2024-12-06-putin-and-lukashenko-sign.md`."""
_TRAILING = frozenset(("a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "with", "by", "from"))


@dataclass(frozen=True)
class FeedReport:
    """What one feed's pull did, or why it failed."""

    name: str
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    error: str | None = None
    notes: tuple[str, ...] = field(default=())
    """Files an editor changed whose update went beside them."""

    def line(self) -> str:
        """`probe-wire: 3 new, 1 updated, 12 unchanged`, or `probe-wire: <why it failed>`."""
        if self.error is not None:
            return f"{self.name}: {one_line(self.error)}"
        return f"{self.name}: {self.new} new, {self.updated} updated, {self.unchanged} unchanged"


@dataclass(frozen=True)
class PullReport:
    feeds: tuple[FeedReport, ...]

    @property
    def failed(self) -> tuple[FeedReport, ...]:
        return tuple(f for f in self.feeds if f.error is not None)


def pull(
    config: Config,
    names: Sequence[str] = (),
    *,
    limits: Limits | None = None,
    on_feed: Callable[[FeedReport], None] | None = None,
) -> PullReport:
    """Pull every configured feed (or those named), each on its own; raises Busy when another pull
    runs in the project, BuildFailed when there is nothing to pull (no feeds, an unknown name)."""
    feeds = _chosen(config, names)
    reports: list[FeedReport] = []
    with project_lock(config.root):
        for feed in feeds:
            report = _pull_safely(feed, config, limits or Limits())
            reports.append(report)
            if on_feed is not None:
                on_feed(report)
    return PullReport(tuple(reports))


def _chosen(config: Config, names: Sequence[str]) -> list[Feed]:
    if not config.feeds:
        where = config.label if config.config_file else "digestgen.yaml"
        raise BuildFailed([Problem(where, None, "no feeds to pull: list them under 'feeds:' (see README, Feeds)")])
    by_name = {f.name: f for f in config.feeds}
    unknown = [n for n in names if n not in by_name]
    if unknown:
        raise BuildFailed(
            [
                Problem(config.label, None, f"no feed named '{n}' (feeds: {', '.join(by_name)})")
                for n in dict.fromkeys(unknown)
            ]
        )
    return [by_name[n] for n in dict.fromkeys(names)] if names else list(config.feeds)


def _pull_safely(feed: Feed, config: Config, limits: Limits) -> FeedReport:
    """One feed; whatever goes wrong is that feed's one-line report, never the end of the run."""
    try:
        return _pull_feed(feed, config, limits)
    except (FetchError, FeedError, StateError) as exc:
        return FeedReport(feed.name, error=str(exc))
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        return FeedReport(feed.name, error=f"cannot write{where}: {exc.strerror or exc}")
    except Exception as exc:  # a bug met on one feed's data must not cost the other feeds their pull
        return FeedReport(feed.name, error=f"internal error ({type(exc).__name__}: {exc}); please report it")


def _pull_feed(feed: Feed, config: Config, limits: Limits) -> FeedReport:
    folder = feed.folder
    state = read_state(folder)
    fetched = fetch(feed.url, config.root, limits, state.etag, state.last_modified)
    if fetched.body is None:  # 304 Not Modified
        return FeedReport(feed.name, unchanged=len(state.items))
    doc = read_feed(fetched.body, fetched.url, fetched.content_type)
    folder.mkdir(parents=True, exist_ok=True)
    tidy(folder)
    before = (folder / STATE_NAME).read_bytes() if (folder / STATE_NAME).exists() else None
    state.etag, state.last_modified = fetched.etag, fetched.last_modified
    source = feed.source or doc.title or None
    items = [i for i in _unique(doc.items) if i.title or i.content.strip()]
    if feed.max_items is not None:
        items = items[: feed.max_items]
    counts = {"new": 0, "updated": 0, "unchanged": 0}
    notes: list[str] = []
    taken = {e.file for e in state.items.values()}
    for item in items:
        data = render_item(item, source, feed, config)
        counts[_put(item, data, folder, state, taken, notes, config)] += 1
    after = state.to_bytes()
    if after != before:
        write_atomic(folder / STATE_NAME, after)
    return FeedReport(feed.name, counts["new"], counts["updated"], counts["unchanged"], notes=tuple(notes))


def _unique(items: Sequence[Item]) -> list[Item]:
    """The first of each id (a feed that lists an item twice gives one file)."""
    seen: dict[str, Item] = {}
    for item in items:
        seen.setdefault(item.id, item)
    return list(seen.values())


def _put(
    item: Item, data: bytes, folder: Path, state: FeedState, taken: set[str], notes: list[str], config: Config
) -> str:
    """Write what the item needs; returns "new", "updated" or "unchanged"."""
    digest = sha256(data)
    known = state.items.get(item.id)
    if known is None:
        name = _file_name(item, data, folder, taken, config)
        if file_hash(folder / name) != digest:  # the same bytes: a pull killed before its state was written
            write_atomic(folder / name, data)
        state.items[item.id] = Entry(name, digest)
        taken.add(name)
        return "new"
    if known.sha256 == digest:
        return "unchanged"
    path = folder / known.file
    current = file_hash(path)
    if current is None:  # an editor deleted it: that stands
        return "unchanged"
    if current in (known.sha256, digest):  # untouched since written (or written by a pull cut short)
        if current != digest:
            write_atomic(path, data)
        state.items[item.id] = Entry(known.file, digest)
        return "updated"
    beside = path.with_name(path.name + UPSTREAM)
    if file_hash(beside) == digest:  # said before; the editor has not merged it yet
        return "unchanged"
    write_atomic(beside, data)
    shown = _shown(path, config)
    notes.append(f"{shown} was edited since the last pull, so it was kept; the update is in {shown}{UPSTREAM}")
    return "updated"


def _file_name(item: Item, data: bytes, folder: Path, taken: set[str], config: Config) -> str:
    """A stable, readable name: `2024-12-06-putin-and-lukashenko-sign.md`, numbered when taken."""
    words = slugify(item.title).split("-") if item.title else []
    short = ""
    for word in words:
        if short and len(short) + 1 + len(word) > NAME_CHARS:
            break
        short = f"{short}-{word}" if short else word[:NAME_CHARS]
    while "-" in short and short.rsplit("-", 1)[1] in _TRAILING:  # "…-sign-a" reads as "…-sign"
        short = short.rsplit("-", 1)[0]
    day = item.date.astimezone(config.tz).date().isoformat() if item.date else ""
    stem = "-".join(part for part in (day, short) if part) or "item"
    digest = sha256(data)
    for n in range(1, 10_000):
        name = f"{stem}.md" if n == 1 else f"{stem}-{n}.md"
        if name not in taken and file_hash(folder / name) in (None, digest):
            return name
    raise FeedError(f"no free file name for '{stem}' in {folder}")


def render_item(item: Item, source: str | None, feed: Feed, config: Config) -> bytes:
    """The article file for an item: front matter (title, date, source, source_url, id, lang) and a
    Markdown body converted from the item's HTML and sanitised on the way."""
    meta: dict[str, object] = {}
    if item.title:
        meta["title"] = item.title
    if item.date is not None:
        meta["date"] = item.date.astimezone(config.tz)
    if source:
        meta["source"] = source
    if item.link and web_address_problem(item.link) is None:
        meta["source_url"] = item.link
    meta["id"] = item.id
    lang = feed.lang or item.lang
    if lang:
        meta["lang"] = lang
    body = html_to_markdown(item.content) if item.is_html else text_to_markdown(item.content)
    return f"---\n{safeyaml.dump(meta)}---\n{body.lstrip()}".encode()


def _shown(path: Path, config: Config) -> str:
    try:
        return path.relative_to(config.root).as_posix()
    except ValueError:
        return str(path)
