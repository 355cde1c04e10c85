"""Dates a desk gives whole folders of articles in `digestgen.yaml`:

    dates:
      wires/2026-12-07: 2026-12-07       # every file in content/wires/2026-12-07/
      agency: "{yyyy}{mm}{dd}-*.txt"     # read from each file's name: 20261207-ap-001.txt
      archive: "{yyyy}/{mm}/{dd}/*"      # or from its path below the folder: 2026/12/07/x.md

The deepest folder that holds a file decides. A pattern must match the file's whole path below
its folder (`*` is any run of characters within one folder name); a file it does not match gets
no date from it, and a warning says so.
"""

from __future__ import annotations

import datetime
import functools
import os
import re
from pathlib import Path

from digestgen.config import Config, FolderDate

_PARTS = {"yyyy": r"(?P<yyyy>\d{4})", "mm": r"(?P<mm>\d{2})", "dd": r"(?P<dd>\d{2})"}


@functools.lru_cache(maxsize=64)
def _regex(pattern: str) -> re.Pattern[str]:
    out = []
    for piece in re.split(r"(\{(?:yyyy|mm|dd)\}|\*)", pattern):
        if piece == "*":
            out.append(r"[^/]*")
        elif piece.startswith("{") and piece[1:-1] in _PARTS:
            out.append(_PARTS[piece[1:-1]])
        else:
            out.append(re.escape(piece))
    return re.compile("".join(out), re.IGNORECASE)


def below_content(config: Config, source_path: str) -> str | None:
    """The file's path below the content folder, with forward slashes (None if it is not below it)."""
    content = config.path(config.content_dir)
    path = Path(source_path) if os.path.isabs(source_path) else config.root / source_path
    try:
        return path.relative_to(content).as_posix()
    except ValueError:
        return None


def entry_for(config: Config, below: str) -> tuple[FolderDate, str] | None:
    """The `dates:` entry of the deepest folder holding the file, and the file's path below that folder."""
    best: tuple[FolderDate, str] | None = None
    for entry in config.dates:
        prefix = f"{entry.folder}/" if entry.folder else ""
        if below.startswith(prefix) and (best is None or len(entry.folder) > len(best[0].folder)):
            best = (entry, below[len(prefix) :])
    return best


def _config_name(config: Config) -> str:
    """The configuration file as the project names it (not as the working folder does: evidence is cached)."""
    file = config.config_file or config.default_config_file
    try:
        return file.relative_to(config.root).as_posix()
    except ValueError:
        return file.name


def folder_date(config: Config, source_path: str) -> tuple[datetime.date | None, str]:
    """(date, evidence) the configuration gives the file, or (None, why not) when an entry applies
    but its pattern does not fit; (None, "") when no entry applies."""
    if not config.dates:
        return None, ""
    below = below_content(config, source_path)
    found = entry_for(config, below) if below is not None else None
    if found is None:
        return None, ""
    entry, rest = found
    where = f"{_config_name(config)}:{entry.line}" if entry.line else _config_name(config)
    shown = entry.folder or "."
    if entry.day is not None:
        return entry.day, f"dates: {shown}: {entry.day.isoformat()} ({where})"
    assert entry.pattern is not None
    m = _regex(entry.pattern).fullmatch(rest)
    day = None
    if m:
        try:
            day = datetime.date(int(m["yyyy"]), int(m["mm"]), int(m["dd"]))
        except ValueError:
            day = None
    if day is None:
        return None, f"its path '{rest}' does not fit the dates pattern '{entry.pattern}' for {shown} ({where})"
    return day, f"dates: {shown}: '{entry.pattern}' ({where})"
