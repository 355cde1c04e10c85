"""LOAD for repeated runs: the content files as last read, refreshed from edit hints; digests of the inputs.

`refresh` re-reads only the files an edit names when it safely can (serve's next save), and
rescans the whole content folder otherwise. The digests name everything besides content that
a result depends on, for the build cache's keys.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from digestgen.config import Config
from digestgen.errors import Problem
from digestgen.model import SourceFile
from digestgen.pipeline.cache.store import digest
from digestgen.pipeline.load.assets import theme_dir
from digestgen.pipeline.load.sources import SUFFIXES, find_sources, is_ignored, read_source

_PACKAGE = Path(__file__).resolve().parents[2]  # digestgen/, above pipeline/load/
Sources = dict[str, SourceFile | Problem]


def refresh(config: Config, previous: Mapping[str, SourceFile | Problem], changed: Iterable[Path] | None) -> Sources:
    """Every content file (absolute path -> decoded source or its problem), in build order."""
    hints = None if changed is None else [Path(p).absolute().parent.resolve() / Path(p).name for p in changed]
    if previous and hints is not None and all(_in_place(previous, p) for p in hints):
        current = dict(previous)
        for path in hints:
            if str(path) in current:
                current[str(path)] = read_source(path, config.root)
        return current
    sources, problems = find_sources(config)
    found: Sources = {str(config.root / s.path): s for s in sources}
    found.update({f"\0problem {i}": p for i, p in enumerate(problems)})
    return found


def _in_place(previous: Mapping[str, SourceFile | Problem], path: Path) -> bool:
    """A known file edited in place, or a name no rescan would pick up."""
    if str(path) in previous:
        return path.is_file() and not path.is_symlink()
    return (is_ignored(path.name) or path.suffix.lower() not in SUFFIXES) and not path.is_dir()


def code_digest() -> str:
    """digestgen's own code and shipped data: a change to either invalidates every cached result."""
    return _tree_digest(_PACKAGE, lambda name: name.endswith((".py", ".json", ".yaml", ".txt")))


def templates_digest(config: Config) -> str:
    """The shipped theme and the project's templates (not their static files, which pages only link)."""
    return digest(_tree_digest(theme_dir(), _template), _tree_digest(config.path(config.templates_dir), _template))


def _template(name: str) -> bool:
    return not is_ignored(name)


def _tree_digest(folder: Path, keep: Callable[[str], bool]) -> str:
    parts: list[str | bytes] = []
    if not folder.is_dir():
        return digest("absent")
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if d not in ("static", "__pycache__") and not is_ignored(d))
        for name in sorted(filenames):
            if keep(name):
                path = Path(dirpath) / name
                parts += [path.relative_to(folder).as_posix(), path.read_bytes()]
    return digest(*parts)
