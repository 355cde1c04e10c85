"""Shared fixtures: throwaway projects, tree hashes, and the location of ../shared."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seeds" / "000_f434f5c6a6cd3bfb.txt"
BBC = SHARED / "corpora" / "bbc"
SITES = Path(__file__).resolve().parent / "sites"


def need_shared(path: Path) -> Path:
    """Skip (with the reason) when the shared test data is absent, as in a user's fresh clone."""
    if not path.exists():
        pytest.skip(f"shared test data not found at {path} (only present beside the project checkout)")
    return path


def tree_hash(folder: Path) -> str:
    """One hash over every file's relative path and bytes (and every folder's name)."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(path.relative_to(folder).as_posix().encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """Write `files` ({relative path: text or bytes}) into a fresh project folder."""

    def make(files: dict[str, str | bytes], config: str | None = "default_registries: true\n") -> Path:
        root = tmp_path / "project"
        root.mkdir(exist_ok=True)
        if config is not None:
            (root / "digestgen.yaml").write_text(config, encoding="utf-8")
        for rel, data in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, bytes):
                path.write_bytes(data)
            else:
                path.write_text(data, encoding="utf-8")
        return root

    return make
