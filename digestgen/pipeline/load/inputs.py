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
from digestgen.errors import Problem, Problems
from digestgen.model import SourceFile
from digestgen.pipeline.cache.store import digest
from digestgen.pipeline.load.assets import theme_dir
from digestgen.pipeline.load.sources import ARTICLE_SUFFIXES, find_sources, is_ignored, read_source

_PACKAGE = Path(__file__).resolve().parents[2]  # digestgen/, above pipeline/load/
Sources = dict[str, SourceFile | Problem]


def refresh(config: Config, previous: Mapping[str, SourceFile | Problem], changed: Iterable[Path] | None) -> Sources:
    """Every content file (absolute path -> decoded source or its problem), in build order.

    With `changed` (serve's edits), only those files are read: an edited file again, a new one
    added in its place in the order, a deleted one dropped. Anything a walk would judge
    differently (a folder, a symlink, an earlier problem) rescans the content folder.
    """
    hints = None if changed is None else [Path(p).absolute().parent.resolve() / Path(p).name for p in changed]
    content = config.path(config.content_dir).resolve()
    if previous and hints is not None and not any(isinstance(v, Problem) for v in previous.values()):
        current = dict(previous)
        if all(_apply(current, path, content, config.root) for path in hints):
            start = len(str(content)) + 1
            return dict(sorted(current.items(), key=lambda item: item[0][start:].replace(os.sep, "/")))
    problems = Problems()
    found: Sources = {str(config.root / s.path): s for s in find_sources(config, problems)}
    found.update({f"\0problem {i}": p for i, p in enumerate(problems)})
    return found


def _apply(current: Sources, path: Path, content: Path, root: Path) -> bool:
    """Bring one edited path up to date in `current`; False when only a rescan can tell."""
    key = str(path)
    if path.is_symlink() or path.is_dir():
        return False
    if not path.exists():
        if key in current:
            del current[key]
            return True
        return not any(k.startswith(key + os.sep) for k in current)  # a deleted folder of articles: rescan
    if key in current:
        _put(current, key, read_source(path, root))
        return True
    if is_ignored(path.name) or path.suffix.lower() not in ARTICLE_SUFFIXES:
        return True  # a name no walk would pick up
    if not path.is_relative_to(content) or not path.is_file():
        return False
    folder = path.parent
    while folder != content:  # a new file in a plain, walked folder: read it alone
        if is_ignored(folder.name) or folder.is_symlink():
            return False
        folder = folder.parent
    _put(current, key, read_source(path, root))
    return True


def _put(current: Sources, key: str, found: SourceFile | Problem | None) -> None:
    """A file read again: its source or problem; a `.json`/`.xml` file that is no agency item is no content."""
    if found is None:
        current.pop(key, None)
    else:
        current[key] = found


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
