"""Project configuration: `digestgen.yaml`, validated against a declarative schema."""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from digestgen.errors import BuildFailed, Problem, Problems
from digestgen.model import SHIPPED, TaxonomyInfo
from digestgen.safety import safeyaml
from digestgen.safety.outputs import dangerous_reason
from digestgen.safety.safeurl import web_address_problem
from digestgen.text.chars import without_controls

CONFIG_NAME = "digestgen.yaml"
LOCAL_REGISTRY = "registry-update.json"
"""The refreshed registry `digestgen registry update` writes beside the configuration."""


@dataclass(frozen=True)
class Feed:
    """One entry of `feeds:`: where `digestgen pull` fetches items from, and where it writes them."""

    name: str
    """Names the feed in messages and on the command line; the default folder is `content/<name>`."""
    url: str
    """An http(s) address, or a local file path (resolved against the project folder)."""
    folder: Path
    """Where its articles are written (absolute; inside the content folder)."""
    source: str | None = None
    """The outlet written into each article; default: the feed's own title."""
    lang: str | None = None
    max_items: int | None = None
    """Write at most this many items of one fetch (the newest); default: all."""


@dataclass(frozen=True)
class FolderDate:
    """One entry of `dates:`: the articles of a content folder are dated by the desk, not by their text.

    Either `day` (every file in the folder, at any depth) or `pattern` (a date read from each file's
    path below the folder, `{yyyy}{mm}{dd}-*.txt`)."""

    folder: str
    """Below the content folder, with forward slashes; "" for the whole content folder."""
    day: datetime.date | None = None
    pattern: str | None = None
    line: int | None = None
    """Where the entry is in the configuration file."""


@dataclass(frozen=True)
class Config:
    """Everything a build depends on besides the content files themselves."""

    root: Path
    """Project folder; relative folders below are resolved against it."""
    title: str = "Briefing"
    description: str = ""
    base_url: str = ""
    """Absolute URL the site is published at: feeds' links and ids, sitemap.xml and robots.txt, canonical
    links, and the 404 page (served at any depth); empty keeps every link relative."""
    language: str = "en"
    timezone: str = "UTC"
    """Applied to naive front-matter dates."""
    content_dir: Path = Path("content")
    output_dir: Path = Path("site")
    templates_dir: Path = Path("templates")
    static_dir: Path = Path("static")
    per_page: int = 50
    """Summary cards per list page."""
    summary_words: int = 60
    """Word budget of an inferred summary."""
    allow_raw_html: bool = False
    """Trust raw HTML in Markdown bodies (otherwise it is escaped)."""
    retain: tuple[str, ...] = ("CNAME",)
    """Names in the output folder kept across builds, besides dotfiles."""
    leaders: tuple[Mapping[str, Any], ...] = ()
    """Project leaders registry entries (inline, or loaded from a named file)."""
    topics: tuple[Mapping[str, Any], ...] = ()
    default_registries: bool = True
    """Extend the registries that ship with digestgen (false: use only the project's)."""
    strict: bool = False
    """Warnings (a front-matter name in no registry, a file in a legacy encoding) fail the build."""
    time_limit: float = 30.0
    """Seconds one file may take to read, or one page to render, before it fails (0: no limit)."""
    feeds: tuple[Feed, ...] = ()
    """What `digestgen pull` fetches."""
    dates: tuple[FolderDate, ...] = ()
    """Dates a desk gives whole folders of articles (front matter still wins)."""
    taxonomies: tuple[Mapping[str, Any], ...] = ()
    """Taxonomies the project declares besides the shipped ones: {key, title, noun?, terms?} each."""
    config_file: Path | None = field(default=None, compare=False)
    """The configuration file read, if any."""
    registry_files: tuple[Path, ...] = field(default=(), compare=False)
    """Files the registries were read from (watched by `serve`)."""
    label: str = field(default=CONFIG_NAME, compare=False)
    """How messages name the configuration file."""

    def path(self, folder: Path) -> Path:
        """Resolve a configured folder against the project root."""
        return folder if folder.is_absolute() else self.root / folder

    @property
    def local_registry(self) -> Path:
        """The project's refreshed registry, read by builds when present."""
        return self.root / LOCAL_REGISTRY

    @property
    def default_config_file(self) -> Path:
        """Where the configuration file is looked for when none is named."""
        return self.root / CONFIG_NAME

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def taxonomy_infos(self) -> tuple[TaxonomyInfo, ...]:
        """The site's taxonomies: the shipped ones, then the project's in the order it declares them."""
        return SHIPPED + tuple(declared_info(d) for d in self.taxonomies)


_SCALARS: dict[str, type] = {
    "title": str,
    "description": str,
    "base_url": str,
    "language": str,
    "timezone": str,
    "per_page": int,
    "summary_words": int,
    "allow_raw_html": bool,
    "default_registries": bool,
    "strict": bool,
}
_TYPE_NAMES = {
    str: "a string",
    int: "a whole number",
    bool: "true or false",
    float: "a number",
    list: "a list",
    dict: "a mapping",
}
_FOLDERS = ("content_dir", "output_dir", "templates_dir", "static_dir")
_KNOWN = set(_SCALARS) | set(_FOLDERS) | {"retain", "leaders", "topics", "time_limit", "feeds", "dates", "taxonomies"}


def load_config(path: Path | None = None, root: Path | None = None) -> Config:
    """Read and validate the configuration; a missing default file means defaults.

    Raises BuildFailed listing every problem found.
    """
    root = (root or Path.cwd()).resolve()
    if path is None:
        path = root / CONFIG_NAME
        if not path.exists():
            return Config(root=root)
    else:
        path = path.resolve()
        root = path.parent
    label = _label(path, root)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise BuildFailed([Problem(label, None, f"cannot read configuration: {exc}")]) from None
    try:
        data, lines = safeyaml.load(text, deep=True)
    except safeyaml.YamlError as exc:
        raise BuildFailed([Problem(label, exc.line, exc.message)]) from None
    if data is None:
        return Config(root=root, config_file=path, label=label)
    if not isinstance(data, dict):
        raise BuildFailed([Problem(label, 1, "configuration must be a mapping of keys")])
    return _validate(data, lines, root, label, path)


def _label(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _validate(data: dict[str, Any], lines: dict[str, int], root: Path, label: str, file: Path) -> Config:
    report = Problems()  # every entry is checked in this one pass; the configuration stage stops only after
    values: dict[str, Any] = {}
    files: list[Path] = []
    for key, value in data.items():
        if key in ("feeds", "dates", "taxonomies"):  # checked below, with their entries' lines
            continue
        if key in ("leaders", "topics"):
            _check_registry(key, value, root, values, files, label, lines, report)
            continue
        message = _key_problem(str(key), value, values)
        if message:
            report.add(label, lines.get(str(key)), message)
    config = replace(Config(root=root), **values, config_file=file, registry_files=tuple(files), label=label)
    if "feeds" in data:
        config = replace(config, feeds=_check_feeds(data["feeds"], config, label, lines, report))
    if "taxonomies" in data:
        config = replace(config, taxonomies=_check_taxonomies(data["taxonomies"], label, lines, report))
    if "dates" in data:
        config = replace(config, dates=_check_dates(data["dates"], label, lines, report))
    _check_semantics(config, label, lines, report)
    if len(report):
        raise BuildFailed(sorted(report, key=lambda p: (p.path != label, p.path, p.line or 0)))
    return config


def _key_problem(key: str, value: Any, out: dict[str, Any]) -> str | None:
    """Validate one key into `out`; what is wrong with it, or None."""
    if key not in _KNOWN:
        close = difflib.get_close_matches(key, sorted(_KNOWN), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return f"unknown configuration key '{key}'{hint}"
    if key in _SCALARS:
        want = _SCALARS[key]
        if not isinstance(value, want) or (want is int and isinstance(value, bool)):
            return f"'{key}' must be {_TYPE_NAMES[want]}, got {_TYPE_NAMES.get(type(value), type(value).__name__)}"
        out[key] = without_controls(value).strip() if isinstance(value, str) else value
    elif key in _FOLDERS:
        if value is None:
            return f"'{key}' must be a folder name, got null (YAML reads a bare ~ as null; quote it to mean home)"
        if not isinstance(value, str) or not value.strip():
            return f"'{key}' must be a folder name"
        out[key] = Path(value.strip()).expanduser()  # `~` is the home folder, as in a shell
    elif key == "time_limit":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            return "'time_limit' must be a number of seconds (0 for none)"
        out[key] = float(value)
    elif key == "retain":
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            return "'retain' must be a list of file names"
        out[key] = tuple(value)
    else:
        raise AssertionError(f"no check for configuration key {key!r}")
    return None


def _check_registry(
    key: str,
    value: Any,
    root: Path,
    out: dict[str, Any],
    files: list[Path],
    label: str,
    lines: dict[str, int],
    report: Problems,
) -> None:
    """`leaders`/`topics`: an inline list, or the name of a YAML file holding one; every problem of
    every entry, each at its entry's line (in the configuration or in that file)."""
    where, whole = label, lines.get(key)
    at = {name[len(key) :]: n for name, n in lines.items() if name.startswith(f"{key}[")}  # "[0]": its line
    if isinstance(value, str):
        file = root / value
        try:
            value, file_lines = safeyaml.load(file.read_text(encoding="utf-8-sig"), deep=True)
        except OSError as exc:
            report.add(label, whole, f"cannot read {key} registry '{value}': {exc.strerror}")
            return
        except UnicodeDecodeError as exc:
            report.add(label, whole, f"cannot read {key} registry '{value}': {exc}")
            return
        except safeyaml.YamlError as exc:
            report.add(_label(file, root), exc.line, exc.message)
            return
        files.append(file)
        where, at, whole = _label(file, root), file_lines, 1
    # Imported here: the taxonomy modules are only needed by configurations that define entries.
    from digestgen.taxonomy.entries import entries_problems

    found = entries_problems(key, value)
    if not found:
        out[key] = tuple(value)
    for i, message in found:
        report.add(where, whole if i is None else at.get(f"[{i}]", whole), message)


def _check_semantics(config: Config, label: str, lines: dict[str, int], report: Problems) -> None:
    """Cross-field checks: timezone exists, numbers sane, output not overlapping sources."""
    try:
        _ = config.tz  # the property raises for an unknown zone
    except (ZoneInfoNotFoundError, ValueError):
        report.add(label, lines.get("timezone"), f"unknown timezone '{config.timezone}'")
    reason = web_address_problem(config.base_url) if config.base_url else None
    if reason:
        report.add(label, lines.get("base_url"), f"'base_url' {reason}, or empty")
    for key in ("per_page", "summary_words"):
        if getattr(config, key) < 1:
            report.add(label, lines.get(key), f"'{key}' must be at least 1")
    reason = dangerous_reason(config.path(config.output_dir), config)
    if reason:
        report.add(label, lines.get("output_dir"), f"output_dir '{config.output_dir}' is refused: {reason}")


_FEED_KEYS = ("name", "url", "folder", "source", "lang", "max_items")
_FEED_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
_LANG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def _check_feeds(value: Any, config: Config, label: str, lines: dict[str, int], report: Problems) -> tuple[Feed, ...]:
    """`feeds:`: a list of {name, url, folder?, source?, lang?, max_items?}; one problem per bad entry, at its line."""
    if not isinstance(value, list):
        report.add(label, lines.get("feeds"), "'feeds' must be a list of {name, url} entries")
        return ()
    feeds: list[Feed] = []
    names: dict[str, int] = {}
    folders: dict[Path, str] = {}
    for i, entry in enumerate(value):
        line = lines.get(f"feeds[{i}]", lines.get("feeds"))
        feed_or_error = _feed(entry, i, config, lines)
        if isinstance(feed_or_error, tuple):
            where, message = feed_or_error
            report.add(label, where or line, message)
            continue
        feed = feed_or_error
        if feed.name in names:
            report.add(label, line, f"feed '{feed.name}' is listed twice (first as entry {names[feed.name]})")
            continue
        if feed.folder in folders:
            report.add(label, line, f"feed '{feed.name}' writes into the folder of feed '{folders[feed.folder]}'")
            continue
        names[feed.name], folders[feed.folder] = i + 1, feed.name
        feeds.append(feed)
    return tuple(feeds)


def _feed(entry: Any, i: int, config: Config, lines: dict[str, int]) -> Feed | tuple[int | None, str]:
    """One feed entry, or (line, message) for its first problem."""
    where = f"feeds entry {i + 1}"
    if not isinstance(entry, dict):
        return None, f"{where} must be a mapping with 'name' and 'url'"
    name = entry.get("name")
    if isinstance(name, str) and name:
        where += f" ('{name}')"

    def at(key: str) -> int | None:
        return lines.get(f"feeds[{i}].{key}")

    for key in entry:
        if key not in _FEED_KEYS:
            close = difflib.get_close_matches(str(key), _FEED_KEYS, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f" (known: {', '.join(_FEED_KEYS)})"
            return at(str(key)), f"{where}: unknown key '{key}'{hint}"
    for key in ("name", "url"):
        if key not in entry:
            return None, f"{where} needs '{key}'"
    for key in ("name", "url", "folder", "source", "lang"):
        if key in entry and not isinstance(entry[key], str):
            got = _TYPE_NAMES.get(type(entry[key]), type(entry[key]).__name__)
            hint = " (quote it)" if isinstance(entry[key], (bool, int, float)) else ""
            return at(key), f"{where}: '{key}' must be a string, got {got}{hint}"
        if key in entry and not entry[key].strip():
            return at(key), f"{where}: '{key}' cannot be empty"
    name = str(entry["name"]).strip()
    if not _FEED_NAME.fullmatch(name):
        return at("name"), f"{where}: 'name' may hold only letters, digits, '-' and '_'"
    url = entry["url"].strip()
    if _SCHEME.match(url):
        reason = web_address_problem(url)
        if reason:
            return at("url"), f"{where}: 'url' {reason}, or a local file path"
    content = config.path(config.content_dir).resolve()
    given = str(entry.get("folder", "")).strip()
    folder = (config.root / Path(given).expanduser()).resolve() if given else content / name
    if not folder.is_relative_to(content) or folder == content:
        return at("folder"), f"{where}: 'folder' must be a folder inside the content folder ({config.content_dir})"
    lang = entry.get("lang")
    if lang is not None and not _LANG.fullmatch(lang.strip()):
        return at("lang"), f"{where}: 'lang' must be a language tag such as 'en' or 'pt-BR'"
    most = entry.get("max_items")
    if most is not None and (isinstance(most, bool) or not isinstance(most, int) or most < 1):
        return at("max_items"), f"{where}: 'max_items' must be a whole number of at least 1"
    source = entry.get("source")
    return Feed(
        name=name,
        url=url,
        folder=folder,
        source=" ".join(without_controls(source).split()) if source else None,
        lang=lang.strip() if lang else None,
        max_items=most,
    )


_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_DATE_PARTS = ("yyyy", "mm", "dd")


def _check_dates(value: Any, label: str, lines: dict[str, int], report: Problems) -> tuple[FolderDate, ...]:
    """`dates:`: a mapping of content folder -> a date or a pattern with {yyyy}, {mm} and {dd};
    one problem per bad entry, at its line."""
    if not isinstance(value, dict):
        report.add(label, lines.get("dates"), "'dates' must map content folders to a date or a file-name pattern")
        return ()
    out: list[FolderDate] = []
    for key, given in value.items():
        line = lines.get(f"dates.{key}", lines.get("dates"))
        folder = str(key).strip().replace("\\", "/").strip("/")
        parts = folder.split("/") if folder not in ("", ".") else []
        if not isinstance(key, str) or key.startswith(("/", "~")) or any(p in ("", ".", "..") for p in parts):
            report.add(label, line, f"dates: '{key}' must be a folder inside the content folder")
            continue
        entry = _folder_date("/".join(parts), given, line)
        if isinstance(entry, str):
            report.add(label, line, f"dates: '{key}': {entry}")
        else:
            out.append(entry)
    return tuple(out)


def _folder_date(folder: str, given: Any, line: int | None) -> FolderDate | str:
    """One entry, or why it is refused."""
    if isinstance(given, datetime.datetime):
        given = given.date()
    if isinstance(given, datetime.date):
        return FolderDate(folder, day=given, line=line)
    if not isinstance(given, str) or not given.strip():
        return "give a date (2026-12-07) or a file-name pattern such as '{yyyy}{mm}{dd}-*.txt'"
    text = given.strip()
    try:
        return FolderDate(folder, day=datetime.date.fromisoformat(text), line=line)
    except ValueError:
        pass
    names = _PLACEHOLDER.findall(text)
    unknown = [n for n in names if n not in _DATE_PARTS]
    if unknown:
        return f"unknown placeholder '{{{unknown[0]}}}' (use {{yyyy}}, {{mm}} and {{dd}})"
    if sorted(names) != sorted(_DATE_PARTS):
        return "a pattern needs each of {yyyy}, {mm} and {dd} once (or give a date: 2026-12-07)"
    return FolderDate(folder, pattern=text, line=line)


_TAXONOMY_KEYS = ("key", "title", "noun", "plural", "peers", "terms")
_TAXONOMY_KEY = re.compile(r"[a-z][a-z0-9-]{0,39}")
# Top-level output folders a taxonomy's pages may not take.
_RESERVED = frozenset({"articles", "page", "search", "static", "feeds", "briefings", "archive", "assets"})


def declared_info(entry: Mapping[str, Any]) -> TaxonomyInfo:
    """A project taxonomy's page data from its (validated) `taxonomies:` entry."""
    key = str(entry["key"])
    noun = str(entry.get("noun") or (key[:-1] if key.endswith("s") else key))
    return TaxonomyInfo(
        key,
        noun.replace(" ", "-"),
        str(entry.get("title") or key.replace("-", " ").capitalize()),
        noun,
        str(entry.get("plural") or key.replace("-", " ")),
        peers=str(entry.get("peers") or "Related"),
    )


def _check_taxonomies(value: Any, label: str, lines: dict[str, int], report: Problems) -> tuple[Mapping[str, Any], ...]:
    """`taxonomies:`: a list of {key, title?, noun?, plural?, peers?, terms?}; `terms` are keyword
    entries as `topics:` has them. One problem per bad entry, at its line."""
    if not isinstance(value, list):
        report.add(label, lines.get("taxonomies"), "'taxonomies' must be a list of {key, title, terms} entries")
        return ()
    from digestgen.taxonomy.entries import entries_problems  # only projects that declare taxonomies need it

    out: list[Mapping[str, Any]] = []
    taken = {info.key for info in SHIPPED} | _RESERVED
    for i, entry in enumerate(value):
        line = lines.get(f"taxonomies[{i}]", lines.get("taxonomies"))
        where = f"taxonomies entry {i + 1}"
        if not isinstance(entry, dict) or "key" not in entry:
            report.add(label, line, f"{where} must be a mapping with a 'key' (its URL folder)")
            continue
        key = entry["key"]
        unknown = [k for k in entry if k not in _TAXONOMY_KEYS]
        if unknown:
            close = difflib.get_close_matches(str(unknown[0]), _TAXONOMY_KEYS, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f" (known: {', '.join(_TAXONOMY_KEYS)})"
            report.add(
                label,
                lines.get(f"taxonomies[{i}].{unknown[0]}", line),
                f"{where}: unknown key '{unknown[0]}'{hint}",
            )
            continue
        if not isinstance(key, str) or not _TAXONOMY_KEY.fullmatch(key):
            report.add(label, line, f"{where}: 'key' must be lowercase letters, digits and hyphens, e.g. 'regions'")
            continue
        if key in taken:
            report.add(label, line, f"{where}: '{key}' is taken (by a shipped taxonomy or the site's own folders)")
            continue
        bad = next(
            (k for k in ("title", "noun", "plural", "peers") if k in entry and not isinstance(entry[k], str)), None
        )
        if bad:
            report.add(label, lines.get(f"taxonomies[{i}].{bad}", line), f"{where}: '{bad}' must be a string")
            continue
        found = entries_problems("topics", entry.get("terms", []))
        if found:
            at = lines.get(f"taxonomies[{i}].terms", line)
            report.extend(Problem(label, at, f"{where} ('{key}'): {message}") for _, message in found)
            continue
        taken.add(key)
        out.append(MappingProxyType(dict(entry)))
    return tuple(out)
