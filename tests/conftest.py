"""Shared fixtures: throwaway projects, tree hashes, and the location of ../shared; how the suite is split.

Plain `pytest` is the fast loop: pyproject.toml's addopts leave out `slow` and `browser` tests, and the
summary says how many and how to run them. FULL_RUN, the README's command, runs everything in parallel.
"""

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
FULL_RUN = '.venv/bin/python -m pytest -m "" -n auto --dist loadgroup'
LEFT_OUT = ("slow", "browser")
# Whole modules that are slow by nature: fault injection (a build killed at every step), other
# environments (a wheel in a fresh venv, the lowest versions), fuzzing, the W3C checker (Java), and
# worker kills and time limits. Everything under tests/e2e drives Chromium.
SLOW_MODULES = frozenset(
    {
        "test_publish_faults",
        "test_pull_faults",
        "test_install",
        "test_versions",
        "test_fuzz",
        "test_html_valid",
        "test_limits",
    }
)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the modules of SLOW_MODULES `slow`. A test that takes the `browser` fixture drives Chromium: mark it
    `browser`, and keep all such tests on one xdist worker (one Chromium, one build of the shared sites); the
    rest of tests/e2e is `browser` too. tryfirst: before `-m` deselects."""
    for item in items:
        module = item.path.stem
        if module in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.xdist_group("chromium"))
        elif item.path.parent.name == "e2e":  # its own Chromium (axe-core): free to run on any worker
            item.add_marker(pytest.mark.browser)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """After a fast run, say what it left out and the command that runs everything."""
    left_out = [
        item
        for item in terminalreporter.stats.get("deselected", [])
        if any(item.get_closest_marker(name) for name in LEFT_OUT)
    ]
    if left_out:
        counts = ", ".join(
            f"{sum(1 for item in left_out if item.get_closest_marker(name))} {name}" for name in LEFT_OUT
        )
        terminalreporter.write_sep("-", "fast suite")
        terminalreporter.write_line(f"{len(left_out)} slow or browser tests were not run ({counts}).")
        terminalreporter.write_line(f"Run everything (about 15 minutes on 2 cores): {FULL_RUN}")


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
