"""The output guard: no flag lets a build replace a source, the project, home or root; --force adopts only output."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from digestgen.cli import main
from digestgen.config import Config, load_config
from digestgen.errors import Problem, Problems
from digestgen.pipeline import builder as build_mod
from digestgen.pipeline.publish.outdir import (
    MARKER,
    check_output,
    could_have_written,
    foreign_entry,
)
from digestgen.safety.outputs import dangerous_reason
from tests.conftest import tree_hash
from tests.support import SMALL_REGISTRY, md

Make = Callable[..., Path]


@pytest.fixture
def project(make_project: Make, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_project(
        {
            "content/a.md": md("Gas deal", leaders=("Putin",)),
            "templates/home.html": "{{ 1 }}",
            "static/logo.txt": "logo",
        },
        config=SMALL_REGISTRY,
    )
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def no_publish(monkeypatch: pytest.MonkeyPatch) -> None:
    """Belt and braces: if the guard ever failed, these tests must still not write anything."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("publish reached: the guard let a dangerous output through")

    monkeypatch.setattr(build_mod, "staging_for", refuse)


@pytest.mark.parametrize("output", [".", "content", "templates", "static", "content/sub", "digestgen.yaml", ".."])
def test_no_flag_replaces_the_project_or_its_sources(
    project: Path, output: str, no_publish: None, capsys: pytest.CaptureFixture[str]
) -> None:
    before = tree_hash(project.parent)
    assert main(["build", "--output", output, "--force"]) == 1
    err = capsys.readouterr().err
    assert "refusing to write the site here (--output)" in err
    assert "--force" not in err.split("(--output)", 1)[1], "the refusal must not suggest --force"
    assert tree_hash(project.parent) == before


def test_home_and_root_are_refused(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_publish: None, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    (home / "notes.txt").write_text("years of notes")
    monkeypatch.setenv("HOME", str(home))
    before = tree_hash(home)
    assert main(["build", "--output", str(home), "--force"]) == 1
    assert main(["build", "--output", "/", "--force"]) == 1
    err = capsys.readouterr().err
    assert "it is your home folder" in err and "it is the root of the file system" in err
    assert tree_hash(home) == before


def test_output_dir_tilde_means_home(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    (project / "digestgen.yaml").write_text(SMALL_REGISTRY + "output_dir: '~'\n", encoding="utf-8")
    assert main(["build", "--force"]) == 1
    assert "is refused: it is your home folder" in capsys.readouterr().err
    (project / "digestgen.yaml").write_text(SMALL_REGISTRY + "output_dir: ~\n", encoding="utf-8")
    assert main(["build", "--force"]) == 1
    assert "YAML reads a bare ~ as null" in capsys.readouterr().err
    assert not (project / "~").exists() and list(home.iterdir()) == []


def test_a_foreign_folder_names_what_force_cannot_adopt(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = project / "site"
    (site / "articles").mkdir(parents=True)
    (site / "articles" / "old.html").write_text("x")
    (site / "thesis.docx").write_bytes(b"years of work")
    before = tree_hash(site)
    assert main(["build", "--force"]) == 1
    err = capsys.readouterr().err
    assert "it holds 'thesis.docx', which digestgen would never write, so not even --force adopts it" in err
    assert tree_hash(site) == before


def test_force_adopts_a_folder_of_digestgen_like_output(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = project / "site"
    (site / "articles" / "x").mkdir(parents=True)
    (site / "articles" / "x" / "index.html").write_text("old")
    (site / "index.html").write_text("old")
    (site / "logo.txt").write_text("copied from static/ by an older build")
    (site / "CNAME").write_text("brief.example.org\n")
    assert main(["build"]) == 1
    assert "pass --force to adopt it" in capsys.readouterr().err
    assert main(["build", "--force"]) == 0
    assert (site / MARKER).is_file() and not (site / "articles" / "x").exists()
    assert (site / "CNAME").read_text() == "brief.example.org\n"


def test_check_reports_a_dangerous_output_dir(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "digestgen.yaml").write_text(SMALL_REGISTRY + "output_dir: templates\n", encoding="utf-8")
    assert main(["check"]) == 1
    captured = capsys.readouterr()
    assert "digestgen.yaml:" in captured.out + captured.err and "templates_dir" in captured.out + captured.err


def test_could_have_written() -> None:
    assert could_have_written("articles/x/index.html") and could_have_written("index.html")
    assert could_have_written("static/style.css") and could_have_written(".git/HEAD")
    assert could_have_written("CNAME", retain=("CNAME",)) and not could_have_written("CNAME")
    assert not could_have_written("articles/x/thesis.docx") and not could_have_written("notes.txt")
    assert could_have_written("notes.txt", static_names=frozenset({"notes.txt"}))


def test_foreign_entry_reports_the_first_stranger(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.html").write_text("x")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("x")
    assert foreign_entry(tmp_path, ()) is None
    (tmp_path / "drafts").mkdir()
    assert foreign_entry(tmp_path, ()) == "drafts/"


def test_a_symlinked_output_is_judged_by_where_it_points(project: Path, tmp_path: Path) -> None:
    (project / "out").symlink_to(project / "content", target_is_directory=True)
    config = load_config(project / "digestgen.yaml")
    [problem] = _refusals(project / "out", config, "--output", force=True)
    assert "it holds content_dir 'content'" in problem.message


def _refusals(output: Path, config: Config, origin: str, force: bool = False) -> list[Problem]:
    report = Problems()
    check_output(output, config, origin, report, force=force)
    return list(report)


def test_foreign_entry_knows_the_folders_static_files_were_copied_into(tmp_path: Path) -> None:
    (tmp_path / "img" / "icons").mkdir(parents=True)
    (tmp_path / "img" / "icons" / "logo.png").write_bytes(b"png")
    (tmp_path / "img-old").mkdir()
    (tmp_path / "img-old" / "logo.png").write_bytes(b"png")
    (tmp_path / "CNAME").write_text("x")
    static = frozenset({"img/icons/logo.png", "img-old/logo.png"})
    assert foreign_entry(tmp_path, ("CNAME",), static) is None
    assert foreign_entry(tmp_path, ("CNAME",), frozenset({"img/icons/logo.png"})) == "img-old/"
    assert foreign_entry(tmp_path, ("CNAME",), frozenset({"img-old/logo.png"})) == "img/"
    assert foreign_entry(tmp_path, (), static) == "CNAME"
    (tmp_path / "img" / "icons" / "notes.docx").write_text("x")
    assert foreign_entry(tmp_path, ("CNAME",), static) == "img/icons/notes.docx"


@pytest.mark.parametrize(
    ("output", "reason"),
    [
        ("/", "it is the root of the file system"),
        ("/nonexistent/home", "it is your home folder"),
        ("/nonexistent", "it holds your home folder"),
        (".", "it is the project folder"),
        ("..", "it holds the project folder"),
        ("content", "it holds content_dir 'content'"),
        ("content/2024", "it is inside content_dir 'content'"),
        ("templates", "it holds templates_dir 'templates'"),
        ("static/img", "it is inside static_dir 'static'"),
        ("digestgen.yaml", "it holds the configuration file digestgen.yaml"),
        ("site", None),
        ("public/site", None),
    ],
)
def test_each_dangerous_output_is_refused_for_its_own_reason(
    project: Path, monkeypatch: pytest.MonkeyPatch, output: str, reason: str | None
) -> None:
    monkeypatch.setenv("HOME", "/nonexistent/home")
    assert dangerous_reason(Path(output), load_config(project / "digestgen.yaml")) == reason


def test_output_refusals_in_words(project: Path) -> None:
    """What a build says about each kind of existing output folder (the default is not --force)."""
    config = load_config(project / "digestgen.yaml")
    assert _refusals(Path("missing"), config, "--output") == []
    (project / "notes.txt").write_text("x")
    assert _refusals(Path("notes.txt"), config, "--output") == [
        Problem("notes.txt", None, "output exists and is not a folder")
    ]
    site = project / "site"
    (site / "articles").mkdir(parents=True)
    (site / "index.html").write_text("old")
    assert _refusals(Path("site"), config, "output_dir") == [
        Problem(
            "site",
            None,
            "refusing to replace a folder digestgen did not make (no .digestgen marker); empty it, pick another "
            "--output, or pass --force to adopt it (everything in it looks like digestgen output)",
        )
    ]
    assert _refusals(Path("site"), config, "output_dir", force=True) == []
    (site / "thesis.docx").write_text("x")
    assert _refusals(Path("site"), config, "output_dir", force=True) == [
        Problem(
            "site",
            None,
            "refusing to replace a folder digestgen did not make (no .digestgen marker): it holds 'thesis.docx', "
            "which digestgen would never write, so not even --force adopts it; pick another --output",
        )
    ]
    (site / MARKER).write_bytes(b"")
    assert _refusals(Path("site"), config, "output_dir") == []  # digestgen's own: replaced whole
