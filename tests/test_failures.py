"""Failures a user can meet outside their files: the CLI prints located one-line messages, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from digestgen.cli import main
from digestgen.pipeline.plan import site as plan_mod
from tests.conftest import tree_hash
from tests.support import SMALL_REGISTRY, md

Make = Callable[..., Path]


@pytest.fixture
def project(make_project: Make, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_project({"content/a.md": md("Gas deal", leaders=("Putin",))}, config=SMALL_REGISTRY)
    monkeypatch.chdir(root)
    assert main(["build", "--quiet"]) == 0
    return root


def _fail_on(monkeypatch: pytest.MonkeyPatch, name: str, error: OSError, when: Callable[[str], bool]) -> None:
    real = getattr(os, name)

    def faulty(path: object, *args: object, **kwargs: object) -> object:
        if when(os.fsdecode(path)):  # type: ignore[arg-type]
            raise error
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, name, faulty)


@pytest.mark.parametrize(
    ("errno_", "text"),
    [(28, "No space left on device"), (27, "File too large"), (13, "Permission denied"), (36, "File name too long")],
)
def test_file_system_refusals_are_messages(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], errno_: int, text: str
) -> None:
    (project / "content" / "b.md").write_text(md("Second"), encoding="utf-8")
    before = tree_hash(project / "site")
    _fail_on(monkeypatch, "mkdir", OSError(errno_, text, "x"), lambda p: ".site.tmp-" in p or p.endswith("/b"))
    assert main(["build"]) == 1
    err = capsys.readouterr().err
    assert f"cannot write the site: {text}" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 2
    assert tree_hash(project / "site") == before


def test_a_file_name_with_a_newline_stays_on_one_line(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "content" / "bad\nname.md").write_text("---\ntitle: [\n---\nx\n", encoding="utf-8")
    assert main(["build"]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines[0].startswith("'content/bad\\nname.md':3: ") and len(lines) == 2


@pytest.mark.parametrize("odd", ["\u2028", "\u2029", "\x85", "\r", "\x1b"])
def test_a_file_name_with_a_line_or_paragraph_separator_stays_on_one_line(
    project: Path, capsys: pytest.CaptureFixture[str], odd: str
) -> None:
    """Some terminals and editors break lines at U+2028, U+2029 and NEL: messages show them escaped."""
    (project / "content" / f"bad{odd}name.md").write_text("---\ntitle: [\n---\nx\n", encoding="utf-8")
    assert main(["build"]) == 1
    err = capsys.readouterr().err
    assert not set(err) & {"\u2028", "\u2029", "\x85", "\r", "\x1b"}
    escaped = {"\r": "\\r"}.get(odd, f"\\u{ord(odd):04x}" if ord(odd) > 0xFF else f"\\x{ord(odd):02x}")
    assert err.splitlines()[0].startswith(f"'content/bad{escaped}name.md':3: ")


def test_an_unknown_bug_is_one_line_and_debug_shows_the_traceback(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def bug(*args: object, **kwargs: object) -> None:
        raise RuntimeError("something nobody foresaw")

    monkeypatch.setattr(plan_mod, "plan_site", bug)
    (project / "content" / "b.md").write_text(md("Second"), encoding="utf-8")  # so the build is not up to date
    assert main(["build"]) == 1
    [line] = capsys.readouterr().err.strip().splitlines()
    assert "internal error (RuntimeError: something nobody foresaw)" in line and "--debug" in line
    with pytest.raises(RuntimeError):
        main(["build", "--debug"])
    with pytest.raises(RuntimeError):
        main(["--debug", "build"])


def test_a_deleted_working_folder(tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    code = "import os, sys; os.chdir(sys.argv[1]); os.rmdir(sys.argv[1]); from digestgen.cli import main; sys.exit(main(['build']))"
    result = subprocess.run(
        [sys.executable, "-c", code, str(gone)], capture_output=True, text=True, timeout=60, cwd=tmp_path
    )
    assert result.returncode == 1
    assert (
        result.stderr.strip()
        == "error: the current folder no longer exists; cd into your project and run digestgen again"
    )
