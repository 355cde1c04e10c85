"""The folders no build may replace, whatever the flags: the file system's root, the home folder,
the project and its sources, and anything holding them."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # config imports this module for its own checks
    from digestgen.config import Config


def dangerous_reason(output: Path, config: Config) -> str | None:
    """The reason no build may ever replace `output`, whatever the flags, or None."""
    target, root = real_path(output), real_path(config.root)
    if target == Path(target.anchor):
        return "it is the root of the file system"
    home = real_path(Path.home())
    if target == home or target in home.parents:
        return "it is your home folder" if target == home else "it holds your home folder"
    if target == root or target in root.parents:
        return "it is the project folder" if target == root else "it holds the project folder"
    sources = {
        "content_dir": config.content_dir,
        "templates_dir": config.templates_dir,
        "static_dir": config.static_dir,
    }
    for key, folder in sources.items():
        src = real_path(config.path(folder))
        if target == src or target in src.parents:
            return f"it holds {key} '{folder}'"
        if src in target.parents:
            return f"it is inside {key} '{folder}'"
    for file in (config.default_config_file, *filter(None, [config.config_file]), *config.registry_files):
        if real_path(file) == target or target in real_path(file).parents:
            return f"it holds the configuration file {file.name}"
    return None


def real_path(path: Path) -> Path:
    """Absolute, with symlinks and `~` resolved, whether or not the path exists."""
    return Path(os.path.realpath(path.expanduser()))
