"""Exact incremental rebuilds: a save re-renders only the pages that show what changed, and the
result always equals a full build (the plan memo, page keys and serve's deferred pages included)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from digestgen.commands.build import build
from digestgen.commands.check import check_project
from digestgen.config import load_config
from digestgen.pipeline.builder import Builder, Mode, Options
from digestgen.pipeline.plan.site import PlanMemo, plan_site
from tests.conftest import SITES
from tests.fuzzing import edit_sequences
from tests.support import make_article, md, read_tree

Make = Callable[..., Path]


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "p"
    shutil.copytree(SITES / "basic", root, ignore=shutil.ignore_patterns("expected", "site", ".digestgen-cache"))
    return root


def _rerendered(before: dict[str, tuple[str, bytes]], builder: Builder) -> set[str]:
    """Pages whose bytes are new objects: serve keeps a page it did not render as the same object."""
    return {p for p, (_, data) in builder.in_memory.items() if p not in before or before[p][1] is not data}


def _full(root: Path, tmp_path: Path) -> dict[str, bytes]:
    out = tmp_path / "full"
    shutil.rmtree(out, ignore_errors=True)
    build(load_config(None, root=root), output=out, cache=False)
    return {k: v for k, v in read_tree(out).items() if k != ".digestgen"}


def _serve_files(builder: Builder, changed: list[Path] | None) -> tuple[dict[str, bytes], set[str]]:
    before = dict(builder.in_memory)
    result = builder.run(changed).raise_problems()
    return dict(result.files), _rerendered(before, builder)


def test_adding_an_article_rerenders_only_the_pages_that_show_it(tmp_path: Path) -> None:
    root = _project(tmp_path)
    builder = Builder(load_config(None, root=root), Options(Mode.SERVE))
    earlier, _ = _serve_files(builder, None)
    new = root / "content" / "new-wheat-story.md"
    new.write_text(md("Wheat prices ease", leaders=("Xi Jinping",), date="2015-07-05"), encoding="utf-8")
    files, rendered = _serve_files(builder, [new])
    assert files == _full(root, tmp_path)
    changed = {p for p, data in files.items() if earlier.get(p) != data}
    shows = {p for p, data in files.items() if b"new-wheat-story" in data}
    assert changed - {p for p in changed if p.startswith("search/")} <= rendered <= shows | changed
    assert "articles/belarus-election/index.html" not in rendered  # shares nothing with the new story
    assert "leaders/vladimir-putin/index.html" not in rendered


def test_a_body_edit_that_keeps_the_card_rerenders_only_the_article(tmp_path: Path) -> None:
    root = _project(tmp_path)
    builder = Builder(load_config(None, root=root), Options(Mode.SERVE))
    _serve_files(builder, None)
    path = next((root / "content").rglob("*.md"))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n\n", "\n\nAdded", 1), encoding="utf-8")  # a letter: the card stays
    _serve_files(builder, [path])
    path.write_text(text.replace("\n\n", "\n\nAddex", 1), encoding="utf-8")
    files, rendered = _serve_files(builder, [path])
    assert len(rendered) == 1 and rendered.pop().startswith("articles/")
    assert files == _full(root, tmp_path)


def test_open_pages_are_rendered_first_and_the_rest_later(tmp_path: Path) -> None:
    root = _project(tmp_path)
    builder = Builder(load_config(None, root=root), Options(Mode.SERVE))
    builder.run(first=set()).raise_problems()
    path = root / "content" / "new-first.md"
    path.write_text(md("A story for the top", leaders=("Vladimir Putin",), date="2030-01-01"), encoding="utf-8")
    open_page = "leaders/vladimir-putin/index.html"
    before = dict(builder.in_memory)
    result = builder.run([path], first={open_page}).raise_problems()
    now = _rerendered(before, builder)
    assert open_page in now and "articles/new-first/index.html" in now  # open, and new: now
    assert "index.html" not in now and result.files["index.html"] is before["index.html"][1]  # may wait
    assert result.later is not None
    done = dict(result.later(lambda: False))
    assert "index.html" in done and "search/manifest.js" in done
    assert {**result.files, **done} == _full(root, tmp_path)


def test_work_that_waits_stops_for_newer_edits_and_the_next_run_finishes_it(tmp_path: Path) -> None:
    root = _project(tmp_path)
    builder = Builder(load_config(None, root=root), Options(Mode.SERVE))
    builder.run(first=set()).raise_problems()
    path = root / "content" / "new-first.md"
    path.write_text(md("A story for the top", leaders=("Vladimir Putin",), date="2030-01-01"), encoding="utf-8")
    result = builder.run([path], first=set()).raise_problems()
    assert result.later is not None and result.later(lambda: True) == {}  # stopped at once
    final = builder.run([path]).raise_problems()
    assert dict(final.files) == _full(root, tmp_path)


def test_work_that_waits_stops_before_the_search_index_and_the_next_run_makes_it(tmp_path: Path) -> None:
    """A save that lands after the last waiting page is rendered does not wait for the search index."""

    source = _project(tmp_path)

    def saved(where: Path) -> tuple[Builder, Callable[[Callable[[], bool]], Mapping[str, bytes]]]:
        root = shutil.copytree(source, where)
        builder = Builder(load_config(None, root=root), Options(Mode.SERVE))
        builder.run(first=set()).raise_problems()
        path = root / "content" / "new-first.md"
        path.write_text(md("A story for the top", leaders=("Vladimir Putin",), date="2030-01-01"), encoding="utf-8")
        later = builder.run([path], first=set()).raise_problems().later
        assert later is not None
        return builder, later

    looks = 0

    def count() -> bool:
        nonlocal looks
        looks += 1
        return False

    assert any(rel.startswith("search/") for rel in saved(tmp_path / "a")[1](count))
    assert looks >= 2  # before each step of waiting pages, and before the search index
    builder, later = saved(tmp_path / "b")
    seen = 0

    def at_the_end() -> bool:  # newer edits arrive as the last waiting page is done
        nonlocal seen
        seen += 1
        return seen == looks

    done = later(at_the_end)
    assert "index.html" in done and not any(rel.startswith("search/") for rel in done)
    again = builder.run([], first=set()).raise_problems()
    assert again.later is not None
    made = {rel: data for rel, data in again.later(lambda: False).items() if rel.startswith("search/")}
    full = _full(tmp_path / "b", tmp_path)
    assert made == {rel: data for rel, data in full.items() if rel.startswith("search/") and rel != "search/index.html"}


def test_check_says_the_same_with_and_without_a_cache(make_project: Make) -> None:
    body = "The Nordic Grid Council met again. The Nordic Grid Council said prices would fall."
    root = make_project({f"content/c{n}.md": md(f"Story {n}", body=body) for n in range(3)})
    config = load_config(None, root=root)
    cold = check_project(config)
    assert any("Nordic Grid Council" in s for s in cold.suggestions)
    build(config)
    assert (root / ".digestgen-cache").is_dir()
    assert check_project(config) == cold


# --- the plan memo never changes a plan ------------------------------------------------------------

EDITS = edit_sequences(["add", "delete", "retag", "retitle", "redate", "rebody", "resummary"], 31, 12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(EDITS)
def test_a_plan_with_a_memo_equals_a_plan_made_afresh(edits: list[tuple[str, int, int]]) -> None:
    names = ["Vladimir Putin", "Xi Jinping", "Emmanuel Macron", "Energy", "Trade"]
    start = datetime(2024, 1, 1, tzinfo=UTC)

    def article(n: int, v: int) -> object:
        leaders = tuple(names[(n + k) % 3] for k in range(v % 3))
        topics = tuple(names[3 + (n + k) % 2] for k in range((v + 1) % 3))
        date = None if (n + v) % 7 == 0 else start + timedelta(days=(n * 3 + v) % 11)
        return make_article(f"a{n:02}", date, title=f"T{(n * v) % 5}", leaders=leaders, topics=topics).card()

    current = {n: article(n, 0) for n in range(12)}
    memo = PlanMemo()
    plan_site(list(current.values()), per_page=4, memo=memo)  # type: ignore[arg-type]
    for kind, n, v in edits:
        if kind == "resummary" and n in current:  # a save that leaves tags and order alone
            current[n] = replace(current[n], summary=f"Edited {v}.")  # type: ignore[type-var]
        elif kind == "add" or (n in current and kind != "delete"):
            current[n] = article(n, v + (kind == "rebody") + 7 * (kind == "retitle") + 3 * (kind == "redate"))
        elif kind == "delete":
            current.pop(n, None)
        kept = plan_site(list(current.values()), per_page=4, memo=memo)  # type: ignore[arg-type]
        fresh = plan_site(list(current.values()), per_page=4)  # type: ignore[arg-type]
        assert kept.pages == fresh.pages and kept.terms == fresh.terms
