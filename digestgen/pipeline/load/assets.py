"""LOAD, the other half: where the shipped theme lives, and the static files a site copies as they are."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from digestgen.config import Config
from digestgen.errors import Problem
from digestgen.pipeline.load.sources import is_ignored
from digestgen.urls import output_path_problem

_PACKAGE = Path(__file__).resolve().parents[2]  # digestgen/, above pipeline/load/


def theme_dir() -> Path:
    """The templates that ship with digestgen, as `digestgen/theme/` (in a checkout, a link to `templates/`)."""
    return _PACKAGE / "theme"


def collect_assets(config: Config) -> dict[str, Path]:
    """Static files to copy: theme assets under `static/` (project overrides), project static at the root."""
    assets: dict[str, Path] = {}
    for folder in (theme_dir() / "static", config.path(config.templates_dir) / "static"):
        assets.update({f"static/{rel}": path for rel, path in _files(folder)})
    assets.update(dict(_files(config.path(config.static_dir))))
    return assets


def _files(folder: Path) -> list[tuple[str, Path]]:
    if not folder.is_dir():
        return []
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not is_ignored(d))
        for name in sorted(filenames):
            if not is_ignored(name):
                path = Path(dirpath) / name
                found.append((path.relative_to(folder).as_posix(), path))
    return found


GENERATED_FOLDERS = ("search/",)
"""Folders whose every file digestgen writes (the search index): no static file may go there."""


def asset_problems(outputs: Iterable[str], assets: Mapping[str, Path]) -> list[Problem]:
    """Static files that cannot be published: a name no site may hold, or the path of a generated file."""
    generated = set(outputs)
    problems = []
    for rel, path in sorted(assets.items()):
        reason = output_path_problem(rel)
        if reason:
            problems.append(Problem(str(path), None, f"static file cannot be published: {reason}"))
        elif rel in generated:
            problems.append(Problem(str(path), None, f"static file collides with generated page {rel}"))
        elif rel.startswith(GENERATED_FOLDERS):
            folder = next(f for f in GENERATED_FOLDERS if rel.startswith(f))
            problems.append(Problem(str(path), None, f"static file is inside {folder}, which digestgen writes"))
    return problems
