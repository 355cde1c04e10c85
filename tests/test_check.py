"""`digestgen check`: all of a build's problems in one run, nothing written, and useful suggestions."""

from __future__ import annotations

from pathlib import Path

from digestgen.cli import main
from digestgen.commands.check import check_project, render_check
from digestgen.config import load_config
from tests.conftest import tree_hash

TYPO_TEMPLATE = '{% extends "base.html" %}\n{% block main %}\n<h1>{{ article.titel }}</h1>\n{% endblock %}\n'
WIRE = (
    "MINSK (Reuters) - Belarusian President Alexander Lukashenko met Dmitri Petrovsky, head of the "
    "Eastern Grain Union, on {day}. Dmitri Petrovsky said the Eastern Grain Union would export more wheat.\n"
)


def test_broken_project_reports_everything_at_once(make_project, monkeypatch, capsys) -> None:
    root = make_project(
        {
            "content/a.md": "---\ndate: 2024-13-01\n---\nBody\n",
            "content/b.md": "---\ntitle: never closed\n",
            "content/one/summit.md": "# Summit\n\nText.\n",
            "content/two/summit.txt": "Summit\n\nText.\n",
            "templates/article.html": TYPO_TEMPLATE,
        }
    )
    monkeypatch.chdir(root)
    report = check_project(load_config())
    messages = [str(p) for p in report.problems]
    assert messages[:2] == [
        "content/a.md:2: invalid date '2024-13-01': month must be in 1..12",
        "content/b.md:1: front matter opened here but never closed (expected a line '---')",
    ]
    assert any("URL collision: articles/summit/index.html" in m for m in messages)
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert "content/a.md:2: invalid date" in out and "URL collision" in out
    assert "a build would fail" in out
    assert not (root / "site").exists(), "check never writes the site"


def test_template_errors_are_found_without_writing(make_project, monkeypatch) -> None:
    root = make_project(
        {
            "content/x.md": "# X\n\nText.\n",
            "templates/article.html": TYPO_TEMPLATE,
            "site/.digestgen": "marker\n",
            "site/index.html": "old\n",
        }
    )
    monkeypatch.chdir(root)
    before = tree_hash(root / "site")
    report = check_project(load_config())
    assert [str(p) for p in report.problems] == [
        "templates/article.html:3: 'digestgen.model.Article object' has no attribute 'titel' (rendering content/x.md)"
    ]
    assert tree_hash(root / "site") == before


def test_foreign_output_folder_is_a_problem(make_project, monkeypatch) -> None:
    root = make_project({"content/x.md": "# X\n\nText.\n", "site/mine.txt": "not digestgen's\n"})
    monkeypatch.chdir(root)
    [problem] = check_project(load_config()).problems
    assert "refusing to replace a folder digestgen did not make" in problem.message


def test_good_project_gets_suggestions(make_project, monkeypatch, capsys) -> None:
    config = "topics:\n  - name: Grain\n    keywords: [grain silo]\n  - name: Fisheries\n"
    root = make_project(
        {
            "content/a.md": "---\nleaders: [Vladmir Putin]\ntopics: [Diplomcy]\n---\n" + WIRE.format(day="Monday"),
            "content/b.txt": WIRE.format(day="Tuesday"),
            "content/c.txt": "Grain silo news\n\nThe grain silo is full. Another grain silo opened.\n",
        },
        config=config,
    )
    monkeypatch.chdir(root)
    report = check_project(load_config())
    assert report.errors == ()
    assert [str(p) for p in report.problems] == [
        "content/a.md:2: warning: leader 'Vladmir Putin' is in no registry; did you mean 'Vladimir Putin'?",
        "content/a.md:3: warning: topic 'Diplomcy' is in no registry; did you mean 'Diplomacy'?",
    ]
    recurring = [s for s in report.suggestions if "appears in 2 articles" in s]
    assert {s.split("'")[1] for s in recurring} == {"Dmitri Petrovsky", "Eastern Grain Union"}
    assert "digestgen.yaml: topic 'Fisheries' (fisheries) has no articles" in report.suggestions
    assert not any("'Grain'" in s for s in report.suggestions), "a used project topic is not flagged"
    shipped = [s for s in report.suggestions if "shipped topics have no articles" in s]
    assert len(shipped) == 1, "the 30 shipped topics are summarised in one line"
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "suggestions:" in out and "warning: leader 'Vladmir Putin' is in no registry" in out
    assert "check: 0 problems, 2 warnings," in out and out.rstrip().endswith("a build would succeed")


def test_known_names_and_common_words_are_not_suggested(make_project, monkeypatch) -> None:
    text = (
        "On Monday In January Vladimir Putin's aides met. The European Union and Russian President "
        "Vladimir Putin talked in South Korea. Reuters reported it.\n"
    )
    root = make_project({"content/a.txt": text, "content/b.txt": text})
    monkeypatch.chdir(root)
    report = check_project(load_config())
    assert not [s for s in report.suggestions if "appears in" in s]


def test_render_check_counts() -> None:
    from digestgen.commands.check import CheckReport
    from digestgen.errors import Problem

    text = render_check(CheckReport((Problem("a.md", 2, "bad"),), ("try this",), 3))
    assert text.splitlines() == [
        "a.md:2: bad",
        "",
        "suggestions:",
        "  try this",
        "check: 1 problem, 1 suggestion in 3 articles: a build would fail",
    ]


def test_no_content_folder(make_project, monkeypatch) -> None:
    root = make_project({})
    monkeypatch.chdir(root)
    assert [str(p) for p in check_project(load_config()).problems] == [
        "content: content folder not found (content_dir in digestgen.yaml); create it and put the articles there"
    ]
    assert Path("site").exists() is False


def test_a_front_matter_name_in_no_registry_is_a_warning_that_strict_makes_an_error(
    make_project, monkeypatch, capsys
) -> None:
    root = make_project({"content/a.md": "---\ntitle: Talks\nleaders: [Vladimir Puttin, Jane Nobody]\n---\nText.\n"})
    monkeypatch.chdir(root)
    assert main(["build"]) == 0
    err = capsys.readouterr().err
    assert "content/a.md:3: warning: leader 'Vladimir Puttin' is in no registry; did you mean 'Vladimir Putin'?" in err
    assert "content/a.md:3: warning: leader 'Jane Nobody' is in no registry; it gets a page of its own" in err
    assert (root / "site" / "leaders" / "vladimir-puttin" / "index.html").is_file()  # as written: it builds
    assert main(["build"]) == 0  # nothing changed: the warning is said again
    assert "warning: leader 'Vladimir Puttin'" in capsys.readouterr().err
    (root / "digestgen.yaml").write_text("strict: true\n", encoding="utf-8")
    before = tree_hash(root / "site")
    assert main(["build"]) == 1
    err = capsys.readouterr().err
    assert "content/a.md:3: leader 'Vladimir Puttin' is in no registry; did you mean 'Vladimir Putin'?" in err
    assert "warning:" not in err and tree_hash(root / "site") == before
