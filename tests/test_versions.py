"""The range of versions pyproject.toml declares is the range tested: the core tests run again with
the lowest version of every runtime dependency (in .venv-min, made by tests/setup.sh), while the
main environment has the newest allowed."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
MIN_PYTHON = REPO / ".venv-min" / "bin" / "python"
# What a change of dependency version can break: Markdown, templates, front matter, search, serve.
CORE = [
    "tests/test_golden.py",
    "tests/test_markup.py",
    "tests/test_render.py",
    "tests/test_frontmatter.py",
    "tests/test_search.py",
    "tests/test_serve.py",
    "tests/test_articles.py",
    # feedparser and defusedxml at their lowest: feeds, agency items, HTML to Markdown
    "tests/test_pull.py",
    "tests/test_agency.py",
    "tests/test_htmlmd.py",
]


def _declared() -> dict[str, str]:
    """Each runtime dependency's lowest allowed version, from pyproject.toml."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    found = {}
    for spec in project["dependencies"]:
        m = re.match(r"([A-Za-z0-9_.\-]+)\s*>=\s*([0-9][^,;\s]*)", spec)
        if m:
            found[m[1].lower()] = m[2]
    return found


def _pinned() -> dict[str, str]:
    lines = (REPO / "tests" / "min-versions.txt").read_text(encoding="utf-8").splitlines()
    return dict(line.split("==", 1) for line in lines if line and not line.startswith("#"))


def test_the_minimum_versions_file_matches_pyproject() -> None:
    assert _pinned() == _declared()


def test_the_main_environment_has_versions_inside_the_declared_range() -> None:
    from packaging.requirements import Requirement

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for spec in project["dependencies"]:
        req = Requirement(spec)
        assert req.specifier.contains(metadata.version(req.name)), f"{req.name} {metadata.version(req.name)}"


@pytest.mark.slow
def test_the_core_tests_pass_with_the_lowest_allowed_versions() -> None:
    if not MIN_PYTHON.exists():
        pytest.fail(f"{MIN_PYTHON} is missing: run 'bash tests/setup.sh', which makes the minimum-versions environment")
    versions = subprocess.run(
        [
            str(MIN_PYTHON),
            "-c",
            "import importlib.metadata as m, sys; print(','.join(f'{n}={m.version(n)}' for n in sys.argv[1:]))",
            *_pinned(),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert dict(p.split("=") for p in versions.split(",")) == _pinned(), "setup.sh installed other versions"
    # pyproject's addopts ask for pytest-xdist, which the minimum environment does not have.
    options = ["-o", "addopts=", "-m", "not slow and not browser", "-q", "-p", "no:cacheprovider", "-x"]
    run = subprocess.run(
        [str(MIN_PYTHON), "-m", "pytest", *options, *CORE],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    tail = "\n".join((run.stdout + run.stderr).splitlines()[-30:])
    assert run.returncode == 0, f"with the lowest allowed versions:\n{tail}"
    assert " passed" in tail and sys.executable != str(MIN_PYTHON)
