"""One builder for build, serve and check: warm runs equal cold ones, edits move articles, the cache is safe."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from digestgen.commands.build import build
from digestgen.commands.check import check_project
from digestgen.config import load_config
from digestgen.pipeline.builder import Builder, Mode, Options
from digestgen.pipeline.cache.store import CACHE_DIR
from tests.conftest import SHARED, SITES, need_shared
from tests.support import SMALL_REGISTRY, md, project_config, read_tree

Make = Callable[..., Path]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 100-article project from the shared benchmark generator."""
    gen = need_shared(SHARED / "bench" / "gen_corpus.py")
    work = tmp_path_factory.mktemp("gen")
    subprocess.run(
        [sys.executable, str(gen), "--n", "100", "--seed", "7", "--out", str(work / "corpus")],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (work / "project" / "content").mkdir(parents=True)
    for path in sorted((work / "corpus" / "articles").glob("*.md")):
        shutil.copy(path, work / "project" / "content" / path.name)
    return work / "project"


def _copy(project: Path, to: Path) -> Path:
    shutil.copytree(project, to, ignore=shutil.ignore_patterns("site", "expected", CACHE_DIR))
    return to


@pytest.mark.parametrize("which", ["golden", "generated"])
def test_a_warm_build_writes_the_bytes_of_a_cold_one(which: str, generated: Path, tmp_path: Path) -> None:
    source = SITES / "basic" if which == "golden" else generated
    root = _copy(source, tmp_path / "p")
    config = project_config(root)
    build(config, cache=False, output=tmp_path / "cold")
    cold = read_tree(tmp_path / "cold")
    first = build(config, jobs=2)
    assert first.parsed == len(list((root / "content").rglob("*.*"))) and read_tree(root / "site") == cold
    second = build(config, jobs=2)
    assert second.parsed == 0 and second.rendered == 0, "nothing changed: nothing parsed or rendered again"
    assert read_tree(root / "site") == cold


def test_one_body_edit_reparses_one_file_and_renders_only_its_pages(generated: Path, tmp_path: Path) -> None:
    root = _copy(generated, tmp_path / "p")
    config = project_config(root)
    build(config)
    article = sorted((root / "content").glob("*.md"))[10]
    article.write_text(article.read_text(encoding="utf-8") + "\nOne more closing paragraph.\n", encoding="utf-8")
    report = build(config)
    assert report.parsed == 1 and 0 < report.rendered < report.pages / 10
    build(config, cache=False, output=tmp_path / "cold")
    assert read_tree(root / "site") == read_tree(tmp_path / "cold")


def _leader_pages(files: dict[str, bytes], slug: str) -> set[str]:
    return {
        path.split("/")[1]
        for path, data in files.items()
        if path.startswith("leaders/") and path.count("/") >= 2 and f"articles/{slug}/".encode() in data
    }


@pytest.mark.parametrize("mode", [Mode.BUILD, Mode.SERVE])
def test_a_tag_edit_moves_the_article_between_leader_pages(mode: Mode, make_project: Make, tmp_path: Path) -> None:
    root = make_project(
        {
            "content/gas.md": md("Gas deal", leaders=("Putin",)),
            "content/talks.md": md("Talks", leaders=("Xi",), date="2024-11-20"),
        },
        config=SMALL_REGISTRY,
    )
    config = project_config(root)
    builder = Builder(config, Options(mode))
    first = builder.run().raise_problems()
    files = first.files if mode is Mode.SERVE else read_tree(root / "site")
    assert _leader_pages(files, "gas") == {"vladimir-putin"}
    (root / "content" / "gas.md").write_text(md("Gas deal", leaders=("Xi",)), encoding="utf-8")
    second = builder.run([root / "content" / "gas.md"]).raise_problems()
    files = second.files if mode is Mode.SERVE else read_tree(root / "site")
    assert _leader_pages(files, "gas") == {"xi-jinping"}
    assert not any(path.startswith("leaders/vladimir-putin/") for path in files)
    build(config, cache=False, output=tmp_path / "cold")
    cold = {k: v for k, v in read_tree(tmp_path / "cold").items() if k != ".digestgen"}
    assert {k: v for k, v in files.items() if k != ".digestgen"} == cold


@pytest.mark.parametrize("damage", ["garbage", "foreign-table", "bad-entry"])
def test_a_corrupt_cache_is_ignored_with_a_warning(damage: str, make_project: Make, tmp_path: Path) -> None:
    root = make_project({"content/gas.md": md("Gas deal", leaders=("Putin",))}, config=SMALL_REGISTRY)
    config = project_config(root)
    build(config, output=tmp_path / "cold", cache=False)
    build(config)
    db = root / CACHE_DIR / "cache.sqlite"
    if damage == "garbage":
        for path in (root / CACHE_DIR).glob("cache.sqlite*"):
            path.write_bytes(b"this is not a database" * 100)
    else:
        with sqlite3.connect(db) as con:
            if damage == "foreign-table":
                con.execute("DROP TABLE articles")
                con.execute("CREATE TABLE articles (x INTEGER)")
            else:
                con.execute('UPDATE articles SET value = \'{"$dc": "os.system", "f": {}}\'')
    (root / "content" / "gas.md").write_text(md("Gas deal", leaders=("Xi",)), encoding="utf-8")
    warnings: list[str] = []
    build(config, notify=warnings.append)
    build(config, output=tmp_path / "cold2", cache=False)
    assert read_tree(root / "site") == read_tree(tmp_path / "cold2")
    if damage != "bad-entry":  # an unreadable entry is a miss; an unreadable database is worth a warning
        assert any("ignoring the build cache" in w for w in warnings), warnings


def test_two_builds_at_once_on_one_project(generated: Path, tmp_path: Path) -> None:
    root = _copy(generated, tmp_path / "p")
    code = "import sys; from digestgen.cli import main; sys.exit(main(['build', '--quiet']))"
    procs = [subprocess.Popen([sys.executable, "-c", code], cwd=root, stderr=subprocess.PIPE) for _ in range(2)]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err.decode()
    build(project_config(root), cache=False, output=tmp_path / "cold")
    assert read_tree(root / "site") == read_tree(tmp_path / "cold")
    report = build(project_config(root))
    assert report.parsed == 0, "the cache both builds wrote is whole and current"


def test_check_reports_what_build_would_fail_on(make_project: Make) -> None:
    root = make_project(
        {
            "content/gas.md": md("Gas deal"),
            "static/a\\b.css": "x",
            "static/index.html": "<p>mine</p>",
            "templates/topic.html": "{{ 1 // 0 }}",
        },
        config=SMALL_REGISTRY + "\n",
    )
    (root / "content" / "bad.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    report = check_project(load_config(root / "digestgen.yaml"))
    messages = sorted(str(p) for p in report.problems)
    assert any("content/bad.md:" in m for m in messages)
    assert any("a\\b.css: static file cannot be published: it contains a backslash" in m for m in messages)
    assert any("static file collides with generated page index.html" in m for m in messages)
    with pytest.raises(Exception) as failure:
        build(load_config(root / "digestgen.yaml"))
    assert sorted(str(p) for p in failure.value.problems) == messages  # type: ignore[attr-defined]
    assert not (root / "site").exists()


def test_an_unchanged_project_is_up_to_date_without_reading_it(
    make_project: Make, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(
        {
            "content/gas.md": md("Gas deal", leaders=("Putin",)),
            "content/talks.md": md("Talks", leaders=("Xi",), date="2024-11-20"),
        },
        config=SMALL_REGISTRY,
    )
    config = project_config(root)
    first = build(config)
    site = read_tree(root / "site")
    import digestgen.pipeline.load.sources
    import digestgen.taxonomy.registry

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("an up-to-date build must not read the registry or the content")

    with monkeypatch.context() as m:
        m.setattr(digestgen.taxonomy.registry, "load_registry", no_reading)
        m.setattr(digestgen.pipeline.load.sources, "read_source", no_reading)
        again = build(config)
    assert again.up_to_date and again.summary().startswith("up to date: ") and again.pages == first.pages
    assert read_tree(root / "site") == site
    (root / "site" / "stray.html").write_text("dropped in by hand")  # a cold build would remove it
    assert not build(config).up_to_date and not (root / "site" / "stray.html").exists()
    (root / "content" / "gas.md").touch()  # same text, new file time: checked again, nothing re-parsed
    report = build(config)
    assert not report.up_to_date and report.parsed == 0 and report.rendered == 0
    assert read_tree(root / "site") == site
    (root / "site" / "index.html").write_text("edited by hand")
    assert not build(config).up_to_date and read_tree(root / "site") == site


def _forge(root: Path, config, edit) -> None:  # type: ignore[no-untyped-def]
    """Rewrite every article row with `edit(value, body)`, its checksums made to match (as an attacker could)."""
    from digestgen.pipeline.cache.store import BuildCache
    from digestgen.pipeline.reuse import context_key

    cache = BuildCache(root / CACHE_DIR, context_key(config), lambda message: None)
    with sqlite3.connect(root / CACHE_DIR / "cache.sqlite") as con:
        for key, value, body in con.execute("SELECT key, value, body FROM articles").fetchall():
            forged = edit(value, body)
            assert forged != (value, body), "the forgery must change the row"
            value, body = forged
            con.execute(
                "UPDATE articles SET value = ?, body = ?, check_ = ?, body_check = ? WHERE key = ?",
                (value, body, cache._check(key, value), cache._check(key, body), key),
            )
    cache.close()


@pytest.mark.parametrize(
    "forgery",
    [
        "script-in-body",
        "event-handler-in-body",
        "javascript-link-in-body",
        "int-for-a-list",
        "deep-json",
        "unknown-class",
        "bad-checksum",
    ],
)
def test_a_forged_cache_row_is_a_miss_and_never_reaches_the_site(
    forgery: str, make_project: Make, tmp_path: Path
) -> None:
    """A cache may come back from a CI restore: rows are trusted only as far as they check out."""
    root = make_project(
        {"content/gas.md": md("Gas deal", leaders=("Putin",), body="Gas *flows* again.\n")}, config=SMALL_REGISTRY
    )
    config = project_config(root)
    build(config, output=tmp_path / "cold", cache=False)
    build(config)
    edits = {
        "script-in-body": lambda v, b: (v, b + "<script>alert(1)</script>"),
        "event-handler-in-body": lambda v, b: (v, b.replace("<em>", '<em onmouseover="alert(1)">')),
        "javascript-link-in-body": lambda v, b: (v, b + '<a href="java&#115;cript:alert(1)">x</a>'),
        "int-for-a-list": lambda v, b: (v.replace('["leaders",{"$t":[', '["leaders",7],["x",{"$t":['), b),
        "deep-json": lambda v, b: ("[" * 100_000 + "]" * 100_000, b),
        "unknown-class": lambda v, b: ('[{"$dc": "Popen", "f": {}}, []]', b),
        "bad-checksum": lambda v, b: (v.replace("Gas deal", "Gas DEAL"), b),
    }
    _forge(root, config, edits[forgery])
    if forgery == "bad-checksum":
        with sqlite3.connect(root / CACHE_DIR / "cache.sqlite") as con:
            con.execute("UPDATE articles SET check_ = 'x'")
    shutil.rmtree(root / "site")  # every page again, from the cached rows
    report = build(config)
    assert report.parsed == (0 if forgery.endswith("body") else 1)  # a refused card is parsed again
    assert read_tree(root / "site") == read_tree(tmp_path / "cold")
