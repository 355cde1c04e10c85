"""LOAD, the other half: where the shipped theme lives, and the static files a site copies as they are."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from digestgen.config import Config
from digestgen.errors import Problems
from digestgen.pipeline.load.sources import is_ignored
from digestgen.urls import output_path_problem

_PACKAGE = Path(__file__).resolve().parents[2]  # digestgen/, above pipeline/load/


def theme_dir() -> Path:
    """The templates that ship with digestgen, as `digestgen/theme/` (in a checkout, a link to `templates/`)."""
    return _PACKAGE / "theme"


def collect_assets(config: Config) -> dict[str, Path]:
    """Static files to copy: theme assets under `static/` (project overrides), project static at the root.

    A symlink that leaves its folder is not among them (see `check_links`)."""
    assets: dict[str, Path] = {}
    for folder in (theme_dir() / "static", config.path(config.templates_dir) / "static"):
        assets.update({f"static/{rel}": path for rel, path in _files(folder)[0]})
    assets.update(dict(_files(config.path(config.static_dir))[0]))
    return assets


def check_links(config: Config, report: Problems) -> None:
    """Report symlinks in the project's templates or static folder that point outside it: refused, as
    in content (a link to /etc/passwd must not be published, nor a template read from elsewhere)."""
    for folder, name in ((config.path(config.templates_dir), "templates"), (config.path(config.static_dir), "static")):
        for path, target in _files(folder)[1]:
            report.add(_label(path, config.root), None, f"symlink points outside the {name} folder ({target})")


def _files(folder: Path) -> tuple[list[tuple[str, Path]], list[tuple[Path, str]]]:
    """The files under `folder` (relative path, path), and the symlinks that leave it (path, target)."""
    if not folder.is_dir():
        return [], []
    inside = folder.resolve()
    found, leaving = [], []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not is_ignored(d))
        for name in [*dirnames, *sorted(filenames)]:
            path = Path(dirpath) / name
            if not is_ignored(name) and path.is_symlink() and not path.resolve().is_relative_to(inside):
                leaving.append((path, str(path.resolve())))
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if not is_ignored(name) and not any(p == path for p, _ in leaving):
                found.append((path.relative_to(folder).as_posix(), path))
    return found, leaving


def _label(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


GENERATED_FOLDERS = ("search/",)
"""Folders whose every file digestgen writes (the search index): no static file may go there."""


def check_assets(outputs: Iterable[str], assets: Mapping[str, Path], report: Problems) -> None:
    """Report static files that cannot be published: a name no site may hold, or the path of a generated file."""
    generated = set(outputs)
    for rel, path in sorted(assets.items()):
        reason = output_path_problem(rel)
        if reason:
            report.add(str(path), None, f"static file cannot be published: {reason}")
        elif rel in generated:
            report.add(str(path), None, f"static file collides with generated page {rel}")
        elif rel.startswith(GENERATED_FOLDERS):
            folder = next(f for f in GENERATED_FOLDERS if rel.startswith(f))
            report.add(str(path), None, f"static file is inside {folder}, which digestgen writes")
