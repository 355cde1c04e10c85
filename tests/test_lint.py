"""The house rules run with the tests: ruff (lint and format) and mypy --strict on the package."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PATHS = ["digestgen", "tests", "benchmarks", "tools"]


def _tool(name: str) -> str:
    """The tool installed next to this Python (the venv tests/setup.sh makes), else on PATH."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: run `bash tests/setup.sh` (it installs the test extras)")
    return found


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=REPO, capture_output=True, text=True, timeout=600)


def test_ruff_finds_nothing() -> None:
    result = _run(_tool("ruff"), "check", "--no-cache", *PATHS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_code_is_formatted() -> None:
    result = _run(_tool("ruff"), "format", "--check", "--no-cache", *PATHS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_package_passes_mypy_strict() -> None:
    result = _run(_tool("mypy"), "--no-incremental", "--cache-dir", "/dev/null", "digestgen")
    assert result.returncode == 0, result.stdout + result.stderr


# Layers below the pipeline: what every stage may use. They must never import a stage back.
BELOW_THE_PIPELINE = ["digestgen/config.py", "digestgen/model.py", "digestgen/errors.py", "digestgen/urls.py"]
BELOW_THE_PIPELINE_PACKAGES = ["digestgen/safety", "digestgen/text", "digestgen/taxonomy"]


def _imported_modules(path: Path) -> set[str]:
    """Every module `path` imports, at the top or inside a function."""
    import ast

    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_the_layers_below_the_pipeline_never_import_it() -> None:
    files = [REPO / f for f in BELOW_THE_PIPELINE]
    files += [p for d in BELOW_THE_PIPELINE_PACKAGES for p in sorted((REPO / d).rglob("*.py"))]
    assert len(files) > 20
    upward = {
        str(f.relative_to(REPO)): sorted(m for m in _imported_modules(f) if m.startswith("digestgen.pipeline"))
        for f in files
    }
    assert {f: m for f, m in upward.items() if m} == {}


def test_the_wheel_lists_every_package_of_the_source_tree() -> None:
    """pyproject.toml names packages one by one; a new subpackage left out installs a digestgen that cannot import."""
    import tomllib

    declared = set(
        tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"]
    )
    on_disk = {".".join(init.parent.relative_to(REPO).parts) for init in (REPO / "digestgen").rglob("__init__.py")}
    assert on_disk - declared == set(), "add these to [tool.setuptools] packages in pyproject.toml"
