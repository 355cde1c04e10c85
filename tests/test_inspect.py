"""`digestgen inspect`: values a build would use, their origin and evidence, as text and versioned JSON."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

from digestgen.cli import main
from digestgen.commands.inspect import inspect_paths, render_json
from digestgen.config import load_config
from tests.conftest import SEED, need_shared

ARTICLE_KEYS = {
    "countries",
    "path",
    "problems",
    "notes",
    "title",
    "date",
    "era",
    "source",
    "source_url",
    "summary",
    "slug",
    "draft",
    "leaders",
    "topics",
}
GIVEN = """---
title: Putin and Lukashenko meet
date: 2024-12-06
leaders: [Vladimir Putin]
topics: [Diplomacy]
---
Russian President Vladimir Putin met Alexander Lukashenko in Minsk for talks on the Union State.
"""


def _seed_project(make_project: Callable[..., Path], tmp_path: Path) -> Path:
    root = make_project({})
    shutil.copy(need_shared(SEED), root / "seed.txt")  # outside content/ on purpose
    return root


def test_seed_shows_both_leaders_and_source_as_inferred_with_evidence(make_project, tmp_path, monkeypatch) -> None:
    root = _seed_project(make_project, tmp_path)
    monkeypatch.chdir(root)
    [report] = inspect_paths([Path("seed.txt")], load_config())
    assert not report.problems
    article = report.article
    assert article is not None
    assert article.origin["leaders"] == article.origin["source"] == "inferred"
    assert article.outlet == "RIA News"
    evidence = {t.id: dict(t.evidence) for t in report.terms("leaders")}
    assert list(evidence) == ["vladimir-putin", "alexander-lukashenko"]
    assert evidence["vladimir-putin"]["Vladimir Putin"] == 2
    assert evidence["alexander-lukashenko"]["Lukashenko"] >= 1
    assert all(t.score and t.evidence for t in report.terms("topics"))


def test_cli_text_marks_origins(make_project, tmp_path, monkeypatch, capsys) -> None:
    root = _seed_project(make_project, tmp_path)
    (root / "content").mkdir()
    (root / "content" / "given.md").write_text(GIVEN, encoding="utf-8")
    monkeypatch.chdir(root)
    assert main(["inspect", "seed.txt", "content/given.md"]) == 0
    out = capsys.readouterr().out
    seed, given = out.split("\n\ncontent/given.md\n")
    assert "source   RIA News  [inferred]" in seed
    assert "leaders  [inferred]" in seed and "Vladimir Putin (vladimir-putin): 'Vladimir Putin' x2" in seed
    assert "title    Putin and Lukashenko meet  [front matter]" in given
    assert "leaders  [front matter]" in given
    # The text names a leader the editor did not list.
    assert "the text also suggests:" in given and "Alexander Lukashenko" in given


def test_json_follows_the_documented_schema(make_project, tmp_path, monkeypatch, capsys) -> None:
    root = _seed_project(make_project, tmp_path)
    (root / "content").mkdir()
    (root / "content" / "given.md").write_text(GIVEN, encoding="utf-8")
    monkeypatch.chdir(root)
    assert main(["inspect", "--json", "seed.txt", "content/given.md"]) == 0
    text = capsys.readouterr().out
    data = json.loads(text)
    assert data["version"] == 2
    seed, given = data["articles"]
    assert set(seed) == set(given) == ARTICLE_KEYS
    assert seed["path"] == "seed.txt" and seed["problems"] == []
    assert seed["source"] == {"value": "RIA News", "from": "inferred"}
    assert seed["date"] == {"value": None, "from": "none", "evidence": [], "statement": None}
    assert seed["era"]["evidence"] == ["Vladimir Putin", "Alexander Lukashenko"]
    assert seed["slug"]["from"] == "file name"
    assert [leader["id"] for leader in seed["leaders"]["value"]] == ["vladimir-putin", "alexander-lukashenko"]
    assert ["Vladimir Putin", 2] in seed["leaders"]["value"][0]["evidence"]
    assert all(isinstance(t["score"], float) for t in seed["topics"]["value"])
    assert given["title"] == {"value": "Putin and Lukashenko meet", "from": "front matter"}
    assert given["date"]["value"].startswith("2024-12-06T00:00:00")
    assert given["leaders"]["from"] == "front matter"
    assert given["leaders"]["value"][0]["evidence"], "front-matter leaders still show the text's evidence"
    assert [t["id"] for t in given["leaders"]["also_inferred"]] == ["alexander-lukashenko"]
    # Deterministic: sorted keys, same bytes on a second run.
    assert text.strip() == json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False)
    main(["inspect", "--json", "seed.txt", "content/given.md"])
    assert capsys.readouterr().out == text


def test_schema_document_lists_every_key() -> None:
    doc = (Path(__file__).resolve().parents[1] / "docs" / "inspect-json.md").read_text(encoding="utf-8")
    for key in ARTICLE_KEYS | {
        "version",
        "also_inferred",
        "also_mentioned",
        "known",
        "evidence",
        "score",
        "status",
        "reason",
        "from",
        "value",
    }:
        assert f"`{key}`" in doc


def test_unknown_front_matter_leader_is_flagged(make_project, monkeypatch, capsys) -> None:
    root = make_project({"a.md": "---\nleaders: [Jane Nobody]\n---\nJane Nobody spoke.\n"})
    monkeypatch.chdir(root)
    [report] = inspect_paths([root / "a.md"], load_config())
    assert report.path == "a.md"
    assert [(t.name, t.known) for t in report.terms("leaders")] == [("Jane Nobody", False)]


def test_broken_file_reports_problem_and_exit_1(make_project, monkeypatch, capsys) -> None:
    root = make_project({"content/ok.md": "# Fine\n\nText.\n", "content/bad.md": "---\ndate: 2024-13-01\n---\nBody\n"})
    monkeypatch.chdir(root)
    assert main(["inspect", "content", "--json"]) == 1
    bad, ok = json.loads(capsys.readouterr().out)["articles"]
    assert bad["path"] == "content/bad.md" and bad["problems"][0].startswith("content/bad.md:2: ")
    assert bad["title"] is None and bad["leaders"] is None
    assert ok["problems"] == [] and ok["title"] == {"value": "Fine", "from": "inferred"}
    assert main(["inspect", "content/bad.md", "missing.md", "notes.html"]) == 1
    out = capsys.readouterr().out
    assert "problem: content/bad.md:2: " in out
    assert "problem: missing.md: cannot read file" in out
    assert "problem: notes.html: not an article file" in out


def test_render_json_of_nothing_is_valid() -> None:
    assert json.loads(render_json([])) == {"version": 2, "articles": []}


ERA_TEXT = """Brown defends pre-Budget report

Prime Minister Tony Blair backed Chancellor Gordon Brown's report on Thursday. Mr Brown said the
economy was stable.
"""


def test_inspect_shows_date_or_era_and_who_is_only_mentioned(make_project, monkeypatch, capsys) -> None:
    root = make_project(
        {"content/report.txt": ERA_TEXT, "content/2015-03-05-talks.txt": "MOSCOW, March 5 (Reuters) - Talks began.\n"}
    )
    monkeypatch.chdir(root)
    assert main(["inspect", "--json", "content/report.txt", "content/2015-03-05-talks.txt"]) == 0
    report, talks = json.loads(capsys.readouterr().out)["articles"]
    assert report["date"] == {"value": None, "from": "none", "evidence": [], "statement": None}
    assert report["era"]["value"] == "1997-05-02 to 2007-06-27"
    assert report["era"]["evidence"] == ["Prime Minister Tony Blair", "Chancellor Gordon Brown"]
    assert [(t["id"], t["status"]) for t in report["leaders"]["value"]] == [("tony-blair", "sitting")]
    [brown] = report["leaders"]["also_mentioned"]
    assert brown["id"] == "gordon-brown" and "Chancellor" in brown["reason"]
    assert talks["date"]["from"] == "text" and talks["date"]["value"].startswith("2015-03-05")
    assert talks["date"]["evidence"] == ["MOSCOW, March 5 (Reuters)", "year from 2015-03-05-talks"]
    assert talks["date"]["statement"] == "dateline" and talks["era"] is None
    assert main(["inspect", "content/report.txt"]) == 0
    text = capsys.readouterr().out
    assert "era      1997-05-02 to 2007-06-27  [from: 'Prime Minister Tony Blair'" in text
    assert "also named, not leader tags:" in text and "Gordon Brown (gordon-brown): named as Chancellor" in text
