"""Shared fixtures: throwaway projects, tree hashes, and the location of ../shared; how the suite is split.

Plain `pytest` is the fast loop: pyproject.toml's addopts leave out `slow` and `browser` tests, and the
summary says how many and how to run them. FULL_RUN, the README's command, runs everything in parallel.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

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


LEFT_OUT_COUNTS = pytest.StashKey[dict[str, int]]()
"""Tests `-m` left out, per marker of LEFT_OUT and in all ("*"): counted where they are deselected
(each xdist worker, which hands them over as it finishes) and said by the controller."""


def pytest_configure(config: pytest.Config) -> None:
    config.stash[LEFT_OUT_COUNTS] = {}


def pytest_deselected(items: list[pytest.Item]) -> None:
    for item in items:
        marks = [name for name in LEFT_OUT if item.get_closest_marker(name)]
        counts = item.config.stash[LEFT_OUT_COUNTS]
        for name in [*marks, "*"] if marks else ():
            counts[name] = counts.get(name, 0) + 1


def pytest_sessionfinish(session: pytest.Session) -> None:
    if hasattr(session.config, "workeroutput"):  # an xdist worker: hand the counts to the controller
        counts: dict[str, int] = session.config.stash[LEFT_OUT_COUNTS]
        session.config.workeroutput["left_out"] = counts


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    # Every worker collects, and so deselects, the whole suite: one worker's counts are the run's.
    found = getattr(node, "workeroutput", {}).get("left_out")
    if found:
        node.config.stash[LEFT_OUT_COUNTS] = found


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """After a fast run, say what it left out and the command that runs everything."""
    counts = terminalreporter.config.stash.get(LEFT_OUT_COUNTS, {})
    if counts.get("*"):
        each = ", ".join(f"{counts.get(name, 0)} {name}" for name in LEFT_OUT)
        terminalreporter.write_sep("-", "fast suite")
        terminalreporter.write_line(f"{counts['*']} slow or browser tests were not run ({each}).")
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
