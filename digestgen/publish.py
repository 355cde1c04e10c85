"""PUBLISH: write the site beside the output folder, then swap it in; a failure changes nothing."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Mapping

from digestgen.config import Config
from digestgen.errors import DigestError
from digestgen.render import theme_dir
from digestgen.sources import is_ignored
from digestgen.urls import safe_join

MARKER = ".digestgen"
MARKER_TEXT = b"This folder is written by digestgen; it is replaced on every build.\n"


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


def check_output(output: Path, force: bool = False) -> None:
    """Refuse to replace a non-empty folder digestgen did not make (unless forced)."""
    if output.is_dir() and not (output / MARKER).exists() and any(output.iterdir()) and not force:
        raise DigestError(str(output), None, "refusing to replace a folder digestgen did not make "
                          f"(no {MARKER} marker); empty it, pick another --output, or pass --force")
    if output.exists() and not output.is_dir():
        raise DigestError(str(output), None, "output exists and is not a folder")


def publish(files: Mapping[str, bytes], assets: Mapping[str, Path], output: Path, retain: tuple[str, ...]) -> None:
    """Write everything into a sibling temporary folder and swap it in as `output`.

    Dotfiles and names in `retain` (`.git`, `CNAME`) found in the old output are carried over.
    """
    output = output.absolute()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=output.parent, prefix=f".{output.name}.tmp-"))
    try:
        _write_tree(staging, files, assets)
        _swap(staging, output, retain)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _write_tree(staging: Path, files: Mapping[str, bytes], assets: Mapping[str, Path]) -> None:
    made: set[Path] = set()
    for rel, src in sorted(assets.items()):
        target = safe_join(staging, rel)
        _mkdir(target.parent, made)
        shutil.copyfile(src, target)
    for rel, data in sorted(files.items()):
        target = safe_join(staging, rel)
        _mkdir(target.parent, made)
        target.write_bytes(data)
    (staging / MARKER).write_bytes(MARKER_TEXT)


def _mkdir(folder: Path, made: set[Path]) -> None:
    if folder not in made:
        folder.mkdir(parents=True, exist_ok=True)
        made.add(folder)


def _swap(staging: Path, output: Path, retain: tuple[str, ...]) -> None:
    """Move kept files across, then rename: output -> old, staging -> output (undone on failure)."""
    if not output.exists():
        os.rename(staging, output)
        return
    moved = _carry_over(output, staging, retain)
    old = Path(tempfile.mkdtemp(dir=output.parent, prefix=f".{output.name}.old-"))
    os.rmdir(old)
    try:
        os.rename(output, old)
    except OSError:
        _restore(moved)
        raise
    try:
        os.rename(staging, output)
    except OSError:
        os.rename(old, output)
        _restore(moved)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _carry_over(old: Path, new: Path, retain: tuple[str, ...]) -> list[tuple[Path, Path]]:
    moved = []
    for entry in sorted(old.iterdir()):
        name = entry.name
        if name == MARKER or not (name.startswith(".") or name in retain) or (new / name).exists():
            continue
        os.rename(entry, new / name)
        moved.append((new / name, entry))
    return moved


def _restore(moved: list[tuple[Path, Path]]) -> None:
    for src, dst in moved:
        os.rename(src, dst)
