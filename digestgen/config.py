"""Project configuration: `digestgen.yaml`, validated against a declarative schema."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from digestgen.errors import BuildFailed, Problem
from digestgen.pipeline.parse import safeyaml
from digestgen.pipeline.parse.safeurl import web_address_problem
from digestgen.pipeline.publish.outdir import dangerous_reason
from digestgen.text.chars import without_controls

CONFIG_NAME = "digestgen.yaml"
LOCAL_REGISTRY = "registry-update.json"
"""The refreshed registry `digestgen registry update` writes beside the configuration."""


@dataclass(frozen=True)
class Config:
    """Everything a build depends on besides the content files themselves."""

    root: Path
    """Project folder; relative folders below are resolved against it."""
    title: str = "Briefing"
    description: str = ""
    base_url: str = ""
    """Absolute URL the site is published at; only used for the 404 page and canonical links."""
    language: str = "en"
    timezone: str = "UTC"
    """Applied to naive front-matter dates."""
    content_dir: Path = Path("content")
    output_dir: Path = Path("site")
    templates_dir: Path = Path("templates")
    static_dir: Path = Path("static")
    per_page: int = 20
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
_KNOWN = set(_SCALARS) | set(_FOLDERS) | {"retain", "leaders", "topics", "time_limit"}


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
        data, lines = safeyaml.load(text)
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
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    files: list[Path] = []
    for key, value in data.items():
        line = lines.get(str(key))
        err = _check_key(str(key), value, root, values, files)
        if err:
            problems.append(Problem(label, line, err))
    config = replace(Config(root=root), **values, config_file=file, registry_files=tuple(files), label=label)
    problems += _check_semantics(config, label, lines)
    if problems:
        raise BuildFailed(sorted(problems, key=lambda p: p.line or 0))
    return config


def _check_key(key: str, value: Any, root: Path, out: dict[str, Any], files: list[Path]) -> str | None:
    """Validate one key into `out`; return an error message or None."""
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
        return _check_registry(key, value, root, out, files)
    return None


def _check_registry(key: str, value: Any, root: Path, out: dict[str, Any], files: list[Path]) -> str | None:
    """`leaders`/`topics`: an inline list, or the name of a YAML file holding one."""
    if isinstance(value, str):
        file = root / value
        try:
            value, _ = safeyaml.load(file.read_text(encoding="utf-8-sig"))
        except OSError as exc:
            return f"cannot read {key} registry '{value}': {exc.strerror}"
        except safeyaml.YamlError as exc:
            return f"{value}:{exc.line}: {exc.message}"
        files.append(file)
    # Imported here: the taxonomy modules are only needed by configurations that define entries.
    from digestgen.taxonomy.entries import entries_problem

    err = entries_problem(key, value)
    if err:
        return err
    out[key] = tuple(value)
    return None


def _check_semantics(config: Config, label: str, lines: dict[str, int]) -> list[Problem]:
    """Cross-field checks: timezone exists, numbers sane, output not overlapping sources."""
    problems: list[Problem] = []
    try:
        _ = config.tz  # the property raises for an unknown zone
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(Problem(label, lines.get("timezone"), f"unknown timezone '{config.timezone}'"))
    reason = web_address_problem(config.base_url) if config.base_url else None
    if reason:
        problems.append(Problem(label, lines.get("base_url"), f"'base_url' {reason}, or empty"))
    for key in ("per_page", "summary_words"):
        if getattr(config, key) < 1:
            problems.append(Problem(label, lines.get(key), f"'{key}' must be at least 1"))
    reason = dangerous_reason(config.path(config.output_dir), config)
    if reason:
        problems.append(
            Problem(label, lines.get("output_dir"), f"output_dir '{config.output_dir}' is refused: {reason}")
        )
    return problems
