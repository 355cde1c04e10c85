"""`digestgen ingest`: an inferred front-matter block that builds exactly what inference built."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from digestgen.cli import main
from digestgen.commands.build import build
from digestgen.commands.ingest import ingest
from digestgen.config import load_config
from digestgen.pipeline.builder import Builder, Mode, Options
from tests.conftest import SEED, need_shared, tree_hash

WIRE = (
    "Putin meets Xi in Beijing\r\n\r\nBEIJING, May 16 (Reuters) - Russian President Vladimir Putin met "
    "Chinese President Xi Jinping on Thursday for talks on trade. The bilateral summit focused on trade "
    "and a new trade agreement.\r\n"
)
GIVEN = "---\ntitle: Given title  # kept\n# an editor's note\nslug: given\n---\n# Heading stays\n\nVladimir Putin spoke about sanctions.\n"
KEYS = ("source_path", "title", "outlet", "summary", "body_html", "slug", "date")


def _built(root: Path) -> list[tuple]:
    result = Builder(load_config(), Options(Mode.CHECK, cache=False)).run()
    return [(*tuple(getattr(a, k) for k in KEYS), a.leaders, a.topics) for _, a in result.parsed]


def _project(make_project) -> Path:
    root = make_project(
        {
            "content/wire.txt": WIRE.encode("utf-8"),
            "content/given.md": GIVEN,
            "content/plain.md": "# Markdown heading\n\nAlexander Lukashenko met Vladimir Putin.\n",
        }
    )
    shutil.copy(need_shared(SEED), root / "content" / "seed.txt")
    return root


def test_prints_a_yaml_block(make_project, monkeypatch, capsys) -> None:
    root = _project(make_project)
    monkeypatch.chdir(root)
    assert main(["ingest", "content/seed.txt"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("---\n") and out.endswith("---\n")
    meta = yaml.safe_load(out.strip().strip("-"))
    assert list(meta) == ["title", "source", "leaders", "topics", "summary"]
    assert meta["source"] == "RIA News"
    assert meta["leaders"] == ["Vladimir Putin", "Alexander Lukashenko"]
    assert "Diplomacy" in meta["topics"]
    assert (root / "content" / "seed.txt").read_bytes() == SEED.read_bytes(), "printing writes nothing"


def test_write_round_trip_builds_the_same(make_project, monkeypatch, capsys) -> None:
    root = _project(make_project)
    monkeypatch.chdir(root)
    before = _built(root)
    assert main(["ingest", "--write", *sorted(str(p) for p in Path("content").iterdir())]) == 0
    assert "content/wire.txt: added title, source, leaders, topics, summary" in capsys.readouterr().out
    assert _built(root) == before
    wire = (root / "content" / "wire.txt").read_bytes()
    assert wire.startswith(b"---\r\ntitle: Putin meets Xi in Beijing\r\n"), "line endings follow the file"
    assert wire.endswith(WIRE.encode("utf-8").split(b"\r\n\r\n", 1)[1]), "body bytes kept; headline moved to title"
    assert b"Putin meets Xi in Beijing" not in wire.split(b"---\r\n", 2)[2]
    plain = (root / "content" / "plain.md").read_text(encoding="utf-8")
    assert plain.startswith("---\ntitle: Markdown heading\n") and "# Markdown heading" not in plain
    # A second run finds nothing left to add and changes nothing.
    snapshot = tree_hash(root / "content")
    assert main(["ingest", "--write", "content/wire.txt", "content/seed.txt"]) == 0
    assert capsys.readouterr().out.count("nothing to add") == 2
    assert tree_hash(root / "content") == snapshot
    build(load_config())  # and the whole site still builds


def test_existing_front_matter_wins_and_is_kept(make_project, monkeypatch) -> None:
    root = _project(make_project)
    monkeypatch.chdir(root)
    path = root / "content" / "given.md"
    ingest([path], load_config(), write=True)
    text = path.read_text(encoding="utf-8")
    head, body = text.split("---\n", 2)[1:]
    assert head.startswith("title: Given title  # kept\n# an editor's note\nslug: given\n")
    assert "leaders:\n- Vladimir Putin\n" in head and "title" not in head.split("slug: given\n")[1]
    assert body == "# Heading stays\n\nVladimir Putin spoke about sanctions.\n"


def test_problems_exit_1_and_write_nothing(make_project, monkeypatch, capsys) -> None:
    root = make_project({"content/bad.md": "---\ntitle: open\n", "content/ok.txt": "Headline here\n\nBody text.\n"})
    monkeypatch.chdir(root)
    assert main(["ingest", "--write", "content/bad.md", "content/ok.txt", "notes.html"]) == 1
    captured = capsys.readouterr()
    assert "content/bad.md:1: front matter opened here but never closed" in captured.err
    assert "notes.html: not an article file" in captured.err
    assert (root / "content" / "bad.md").read_text() == "---\ntitle: open\n"
    assert (root / "content" / "ok.txt").read_text().startswith("---\ntitle: Headline here\n")
    assert not [p for p in (root / "content").iterdir() if p.name.startswith(".")], "no temp files left"


def test_the_date_inspect_found_is_written(make_project, monkeypatch, capsys) -> None:
    text = "Talks in Minsk\n\nMINSK, 5 March 2015 (Reuters) - President Alexander Lukashenko met officials.\n"
    root = make_project({"content/dated.txt": text, "content/2016-04-02-named.txt": "Named\n\nA story.\n"})
    monkeypatch.chdir(root)
    before = _built(root)
    assert main(["ingest", "--write", "content/dated.txt", "content/2016-04-02-named.txt"]) == 0
    out = capsys.readouterr().out
    assert (
        "content/dated.txt: added title, date, source" in out
        and "content/2016-04-02-named.txt: added title, date" in out
    )
    assert "\ndate: 2015-03-05\n" in (root / "content" / "dated.txt").read_text(encoding="utf-8")
    assert "\ndate: 2016-04-02\n" in (root / "content" / "2016-04-02-named.txt").read_text(encoding="utf-8")
    assert _built(root) == before
