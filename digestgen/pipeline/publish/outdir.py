"""Which folder a build may replace: never a source, never home or root, and only digestgen's own output.

Every path that deletes or replaces anything asks this module first. No flag overrides the
overlap rules; `--force` only lets a build adopt a folder without the marker when every entry in
it is something digestgen itself could have written.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from digestgen.errors import Problems
from digestgen.model import SHIPPED
from digestgen.safety.outputs import dangerous_reason, real_path

if TYPE_CHECKING:  # config imports this module for its own checks
    from digestgen.config import Config

MARKER = ".digestgen"
MARKER_TEXT = b"This folder is written by digestgen; it is replaced on every build.\n"
# Top-level names a build writes besides folders of pages, and the folders it writes pages into.
GENERATED_FILES = frozenset(
    {
        "index.html",
        "404.html",
        "search-index.js",
        "sitemap.xml",
        "robots.txt",
        "feed.xml",
        "feed.json",
        "favicon.svg",
        MARKER,
    }
)
GENERATED_FOLDERS = frozenset({"articles", "page", "search", "static", "feeds", "briefings", "archive"})
"""Folders every site has; each taxonomy adds its own (`leaders`, `topics`, ...: `site_folders`)."""
SHIPPED_FOLDERS = GENERATED_FOLDERS | {info.key for info in SHIPPED}
GENERATED_SUFFIXES = frozenset(
    {".html", ".js", ".css", ".xml", ".json", ".svg", ".txt", ".ico", ".png", ".woff", ".woff2"}
)


def check_output(
    output: Path,
    config: Config,
    origin: str,
    report: Problems,
    *,
    force: bool = False,
    static_names: Iterable[str] = (),
) -> None:
    """Report why `output` must not be replaced by a build (nothing reported: it may be).

    `origin` says where the folder was chosen (`--output` or the configuration) for the message;
    `static_names` are the project's static files, which a previous build copied to the root.
    """
    target = real_path(output)
    label = _shown(output)
    reason = dangerous_reason(target, config)
    if reason:
        report.add(label, None, f"refusing to write the site here ({origin}): {reason}")
        return
    if target.exists() and not target.is_dir():
        report.add(label, None, "output exists and is not a folder")
        return
    if not target.is_dir() or (target / MARKER).is_file():
        return
    stranger = foreign_entry(target, config.retain, frozenset(static_names), site_folders(config))
    if stranger is None:
        if not force and any(target.iterdir()):
            report.add(
                label,
                None,
                f"refusing to replace a folder digestgen did not make (no {MARKER} marker); "
                "empty it, pick another --output, or pass --force to adopt it "
                "(everything in it looks like digestgen output)",
            )
        return
    report.add(
        label,
        None,
        f"refusing to replace a folder digestgen did not make (no {MARKER} marker): "
        f"it holds {stranger!r}, which digestgen would never write, so not even --force adopts it; "
        "pick another --output",
    )


def site_folders(config: Config) -> frozenset[str]:
    """The top-level folders a build of this configuration writes: the fixed ones and one per taxonomy."""
    return GENERATED_FOLDERS | {info.key for info in config.taxonomy_infos}


def foreign_entry(
    folder: Path,
    retain: Iterable[str],
    static_names: frozenset[str] = frozenset(),
    folders: frozenset[str] = SHIPPED_FOLDERS,
) -> str | None:
    """The first entry (sorted, as a relative path) digestgen could not have written, or None."""
    kept = set(retain)
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        rel_dir = PurePosixPath(Path(dirpath).relative_to(folder).as_posix())
        if rel_dir == PurePosixPath("."):
            dirnames[:] = [d for d in dirnames if not (d.startswith(".") or d in kept)]
            stray = [d for d in dirnames if d not in folders and not _static_prefix(d, static_names)]
            if stray:
                return stray[0] + "/"
        for name in sorted(filenames):
            rel = (rel_dir / name).as_posix()  # PurePosixPath(".") / name is name
            if not could_have_written(rel, kept, static_names, folders):
                return rel
    return None


def could_have_written(
    rel: str,
    retain: Iterable[str] = (),
    static_names: frozenset[str] = frozenset(),
    folders: frozenset[str] = SHIPPED_FOLDERS,
) -> bool:
    """Whether a build could have produced (or keeps) the file at site-relative `rel`."""
    parts = PurePosixPath(rel).parts
    if rel in static_names or parts[0].startswith(".") or parts[0] in set(retain):
        return True  # copied from static/, or kept across builds
    if len(parts) == 1:
        return parts[0] in GENERATED_FILES
    return parts[0] in folders and PurePosixPath(rel).suffix.lower() in GENERATED_SUFFIXES


def _static_prefix(folder: str, static_names: frozenset[str]) -> bool:
    return any(name.startswith(folder + "/") for name in static_names)


def _shown(path: Path) -> str:
    """The output folder as the user named it (relative names stay relative)."""
    return os.fspath(path)
