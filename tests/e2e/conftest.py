"""Shared by the browser tests: Debian's Chromium through Playwright, and sites to test in it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from digestgen.commands.build import build
from digestgen.config import load_config
from tests.browser import ARGS, CHROMIUM
from tests.conftest import REPO, SHARED, need_shared

AXE = REPO / ".venv" / "npm" / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium for the session, shared by every browser test (never a downloaded browser).

    Playwright's sync API allows one instance per thread, so no test starts its own.
    """
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed at /usr/bin/chromium (tests/setup.sh installs it)")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample project, built."""
    root = tmp_path_factory.mktemp("sample")
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "digestgen.yaml", root / "digestgen.yaml")
    return build(load_config(root / "digestgen.yaml"), output=root / "site").output


@pytest.fixture(scope="session")
def generated_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 200-article site from the shared benchmark generator, built."""
    gen = need_shared(SHARED / "bench" / "gen_corpus.py")
    work = tmp_path_factory.mktemp("generated")
    subprocess.run(
        [sys.executable, str(gen), "--n", "200", "--seed", "3", "--out", str(work / "corpus")],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (work / "project" / "content").mkdir(parents=True)
    for path in sorted((work / "corpus" / "articles").glob("*.md")):
        shutil.copy(path, work / "project" / "content" / path.name)
    (work / "project" / "digestgen.yaml").write_text("title: Generated Briefing\nbase_url: https://example.org/b/\n")
    return build(load_config(work / "project" / "digestgen.yaml"), output=work / "site").output
