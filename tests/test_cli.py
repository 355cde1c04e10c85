"""cli: options, the one summary line, exit codes and `path:line: message` errors on stderr."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from digestgen import __version__
from digestgen.cli import main, terminal_progress
from tests.conftest import tree_hash
from tests.support import SMALL_REGISTRY, md

SUMMARY = re.compile(
    r"built (\d+) pages? \((\d+) articles?, (\d+) leaders?, (\d+) topics?, (\d+) countr(?:y|ies)\) in \d+\.\d\ds"
)
Make = Callable[..., Path]


@pytest.fixture
def project(make_project: Make, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A two-article project (plus a draft), as the current directory."""
    root = make_project(
        {
            "content/gas.md": md("Gas deal", leaders=("Putin", "Xi"), topics=("Energy",)),
            "content/summit.md": md("Summit", date="2024-11-20", leaders=("Xi",), topics=("Diplomacy",)),
            "content/draft.md": md("Draft", draft="true", leaders=("Лукашенко",)),
        },
        config=SMALL_REGISTRY,
    )
    monkeypatch.chdir(root)
    return root


def test_build_prints_one_summary_line(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build"]) == 0
    out, err = capsys.readouterr()
    assert (
        err == "notice: base_url is not set, so feeds use relative links and there is no sitemap.xml; "
        "set base_url in the configuration for absolute ones\n"
    )
    [line] = out.splitlines()
    m = SUMMARY.fullmatch(line)
    assert m, line
    # home, 2 articles, leaders index + 2, topics index + 2, 2 days + archive, site Atom + JSON + 4 term feeds,
    # countries index, search, 404
    assert m.groups() == ("21", "2", "2", "2", "0")
    assert (project / "site" / "index.html").is_file()


def test_drafts_flag(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--drafts"]) == 0
    m = SUMMARY.fullmatch(capsys.readouterr().out.strip())
    assert m and m.groups() == ("24", "3", "3", "2", "0")  # + the draft, Lukashenko's page and feed
    assert (project / "site" / "articles" / "draft" / "index.html").is_file()
    assert (project / "site" / "leaders" / "lukashenko" / "index.html").is_file()


def test_quiet(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--quiet"]) == 0
    assert capsys.readouterr() == ("", "")
    assert (project / "site" / "index.html").is_file()


def test_output_option(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--output", str(tmp_path / "public")]) == 0
    assert (tmp_path / "public" / "index.html").is_file() and not (project / "site").exists()


def test_config_option(
    tmp_path: Path, make_project: Make, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project({"content/a.md": md()}, config=None)
    (root / "other.yaml").write_text(SMALL_REGISTRY + "output_dir: out\ntitle: From other.yaml\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["build", "--config", str(root / "other.yaml")]) == 0
    assert "From other.yaml" in (root / "out" / "index.html").read_text(encoding="utf-8")


def test_force_option(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "site").mkdir()
    (project / "site" / "mine.txt").write_text("keep me")
    assert main(["build"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"{(project / 'site').absolute()}: refusing to replace a folder digestgen did not make")
    assert err[-1] == "error: build failed with 1 problem; nothing was written"
    assert (project / "site" / "mine.txt").exists()
    assert main(["build", "--force"]) == 1, "--force adopts only what digestgen could have written"
    assert (project / "site" / "mine.txt").read_text() == "keep me"
    (project / "site" / "mine.txt").unlink()
    (project / "site" / "page" / "2").mkdir(parents=True)
    (project / "site" / "page" / "2" / "index.html").write_text("an old page")
    assert main(["build"]) == 1
    assert main(["build", "--force"]) == 0
    assert not (project / "site" / "page" / "2").exists()


def test_errors_exit_1_with_located_messages(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build"]) == 0
    before = tree_hash(project / "site")
    capsys.readouterr()
    (project / "content" / "bad.md").write_text("---\ntitle: x\ntopics: no\n---\nbody\n", encoding="utf-8")
    (project / "content" / "worse.md").write_text("---\ntitle: Macron: AI summit\n---\n", encoding="utf-8")
    assert main(["build"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        "content/bad.md:3: 'topics' must be a string or list of strings, got boolean "
        "(YAML reads yes/no/on/off/true/false as booleans: quote it)",
        "content/worse.md:2: mapping values are not allowed in this context",
        "error: build failed with 2 problems; nothing was written",
    ]
    assert tree_hash(project / "site") == before


def test_config_errors_exit_1(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "digestgen.yaml").write_text("per_pgae: 3\n", encoding="utf-8")
    assert main(["build"]) == 1
    assert (
        capsys.readouterr().err.splitlines()[0]
        == "digestgen.yaml:1: unknown configuration key 'per_pgae' (did you mean 'per_page'?)"
    )


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0 and capsys.readouterr().out == f"digestgen {__version__}\n"


def test_no_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "build" in capsys.readouterr().out


def test_python_dash_m(project: Path) -> None:
    ok = subprocess.run(
        [sys.executable, "-m", "digestgen", "build"], cwd=project, capture_output=True, text=True, timeout=60
    )
    assert (
        ok.returncode == 0
        and ok.stderr.startswith("notice: base_url is not set")
        and SUMMARY.fullmatch(ok.stdout.strip())
    ), ok
    (project / "content" / "bad.md").write_text("---\ntitle: x\n", encoding="utf-8")
    bad = subprocess.run(
        [sys.executable, "-m", "digestgen", "build"], cwd=project, capture_output=True, text=True, timeout=60
    )
    assert bad.returncode == 1 and bad.stdout == ""
    assert (
        bad.stderr.splitlines()[0]
        == "content/bad.md:1: front matter opened here but never closed (expected a line '---')"
    )
    version = subprocess.run(
        [sys.executable, "-m", "digestgen", "--version"], capture_output=True, text=True, timeout=60
    )
    assert version.returncode == 0 and version.stdout.strip() == f"digestgen {__version__}"


class _Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_progress_shows_only_on_a_terminal_and_only_after_the_delay() -> None:
    assert terminal_progress(io.StringIO(), delay=0) is None  # piped output: stay quiet
    slow = _Terminal()
    report = terminal_progress(slow, delay=0)
    assert report is not None
    report("reading", 100, 2000)
    report("done", 0, 0)
    assert "reading 100/2000" in slow.getvalue() and slow.getvalue().endswith("\r\033[K")
    fast = _Terminal()
    report = terminal_progress(fast, delay=60)
    assert report is not None
    report("reading", 100, 2000)
    report("done", 0, 0)
    assert fast.getvalue() == ""  # a build under the delay prints nothing but its summary


def test_every_command_has_a_description_and_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    from digestgen.cli import COMMANDS

    for name in COMMANDS:
        with pytest.raises(SystemExit) as done:
            main([name, "--help"])
        assert done.value.code == 0
        text = capsys.readouterr().out
        assert f"usage: digestgen {name}" in text and "example:\n  digestgen " + name in text
        assert COMMANDS[name][0][1:] in text  # the one-line description


def test_a_mistyped_command_gets_a_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["biuld"])
    assert done.value.code == 2
    assert "unknown command 'biuld'; did you mean 'build'?" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["zzzzzz"])
    assert "commands: build, serve, check, inspect, ingest, pull, new, registry" in capsys.readouterr().err


def test_short_version_flag(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["-V"])
    assert done.value.code == 0 and capsys.readouterr().out.startswith("digestgen ")


def test_summary_uses_singular_for_one(
    make_project: Make, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from digestgen.pipeline.builder import BuildReport

    terms = (("leader", "leaders", 1), ("topic", "topics", 0), ("country", "countries", 2))
    assert (
        BuildReport(1, 1, terms, 0.5, Path("site")).summary()
        == "built 1 page (1 article, 1 leader, 0 topics, 2 countries) in 0.50s"
    )


def test_new_makes_a_folder_that_builds_and_refuses_a_full_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new", "my-briefing"]) == 0
    assert "cd my-briefing" in capsys.readouterr().out
    root = tmp_path / "my-briefing"
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()) == [
        ".gitignore",
        "content/2024-11-18-g20-summit.md",
        "content/wire/cop29-opens.txt",
        "digestgen.yaml",
    ]
    assert 'title: "My Briefing"' in (root / "digestgen.yaml").read_text(encoding="utf-8")
    ignored = (root / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert {"/site/", "/.digestgen-cache/", "/.site.*"} <= set(ignored)  # staging folders too
    monkeypatch.chdir(root)
    assert main(["build", "--quiet"]) == 0
    site = root / "site"
    assert (site / "leaders" / "luiz-inacio-lula-da-silva" / "index.html").is_file()
    assert len(list((site / "articles").iterdir())) == 2
    monkeypatch.chdir(tmp_path)
    before = (root / "digestgen.yaml").read_bytes()
    assert main(["new", "my-briefing"]) == 1
    assert "my-briefing: already exists and is not empty" in capsys.readouterr().err
    assert (root / "digestgen.yaml").read_bytes() == before


def test_progress_and_serve_logs_use_the_stderr_of_the_moment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Defaults read sys.stderr when called, not at import (tools and tests swap it)."""
    from digestgen.serve.devserver import DevServer, SiteState

    swapped = _Terminal()
    monkeypatch.setattr(sys, "stderr", swapped)
    report = terminal_progress(delay=0)
    assert report is not None
    report("reading", 1, 2)
    assert "reading 1/2" in swapped.getvalue()
    server = DevServer("127.0.0.1", 0, SiteState())
    try:
        assert server.log is swapped
    finally:
        server.socket.close()


def test_a_folder_that_is_no_project_says_how_to_start_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    for command in (["build"], ["check"], ["serve", "--port", "0"]):
        assert main(command) == 1
        err = capsys.readouterr()
        said = err.out + err.err
        assert "no digestgen.yaml and no content/ folder here" in said and "digestgen new" in said, command
        assert "last good site" not in said and "suggestions:" not in said
    assert list(tmp_path.iterdir()) == []  # no .digestgen-cache, no site/


def test_a_project_without_its_content_folder_names_the_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "digestgen.yaml").write_text("content_dir: wire\n", encoding="utf-8")
    assert main(["build"]) == 1
    assert "wire: content folder not found (content_dir in digestgen.yaml)" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["digestgen.yaml"]


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    """`digestgen inspect … | head`: the reader stops reading; no 'internal error', the SIGPIPE status."""
    for n in range(300):
        (tmp_path / f"a{n:03}.txt").write_text(f"Story {n}\n\nPresident Vladimir Putin spoke on day {n}.\n")
    proc = subprocess.Popen(
        [sys.executable, "-m", "digestgen", "inspect", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(10)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141 and err == ""
