"""What users install: a wheel in a fresh virtual environment, run from a folder that is not the checkout."""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `digestgen` command of a fresh venv holding only the wheel built from this checkout."""
    work = tmp_path_factory.mktemp("install")
    source = work / "source"  # a copy, so building the wheel leaves nothing in the checkout
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    for name in ("digestgen", "templates"):
        shutil.copytree(REPO / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(work / "dist"), str(source)],
        check=True,
        cwd=work,
        timeout=600,
        capture_output=True,
        text=True,
    )
    assert "Warning" not in built.stdout + built.stderr, "packaging warnings:\n" + built.stderr[-2000:]
    [wheel] = (work / "dist").glob("digestgen-*.whl")
    venv.create(work / "venv", with_pip=True)
    subprocess.run(
        [str(work / "venv" / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)],
        check=True,
        cwd=work,
        timeout=600,
    )
    return work / "venv" / "bin" / "digestgen"


def _build(digestgen: Path, project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(digestgen), "build"], cwd=project, capture_output=True, text=True, timeout=300)


def _project(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


ARTICLE = "A plain headline\n\nRussian President Vladimir Putin met officials on Tuesday in Moscow.\n"


def _assert_styled(site: Path) -> None:
    for asset in ("static/style.css", "static/search.js", "search/manifest.js"):
        assert (site / asset).is_file() and (site / asset).stat().st_size > 0, asset
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="static/style.css"' in home
    assert (site / "articles" / "a" / "index.html").is_file() and (site / "search" / "index.html").is_file()


def test_a_folder_with_only_content_builds_the_full_styled_site(installed: Path, tmp_path: Path) -> None:
    project = _project(tmp_path / "p", {"content/a.txt": ARTICLE})
    result = _build(installed, project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("built ")
    _assert_styled(project / "site")
    assert "Vladimir Putin" in (project / "site" / "index.html").read_text(encoding="utf-8")


def test_overriding_one_template_keeps_the_shipped_theme(installed: Path, tmp_path: Path) -> None:
    override = '{% extends "base.html" %}{% block main %}<p class="mine">My own home page</p>{% endblock %}\n'
    project = _project(tmp_path / "q", {"content/a.txt": ARTICLE, "templates/home.html": override})
    result = _build(installed, project)
    assert result.returncode == 0, result.stderr
    _assert_styled(project / "site")
    assert "My own home page" in (project / "site" / "index.html").read_text(encoding="utf-8")


def test_an_editable_install_of_the_checkout_is_quiet(tmp_path: Path) -> None:
    """What tests/setup.sh and the README's quick start run: no packaging warnings."""
    venv.create(tmp_path / "venv", with_pip=True)
    run = subprocess.run(
        [str(tmp_path / "venv" / "bin" / "python"), "-m", "pip", "install", "-q", "--no-deps", "-e", str(REPO)],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "Warning" not in run.stdout + run.stderr, run.stderr[-2000:]
