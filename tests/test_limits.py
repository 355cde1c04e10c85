"""One file never holds a build hostage: a lost worker fails the build at once, naming the file, and
releases the lock; every file's work has a time limit; Markdown's link scanning stays linear."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from digestgen.cli import main
from digestgen.config import load_config
from digestgen.pipeline import parallel
from digestgen.pipeline.budget import Overtime, time_limit
from digestgen.pipeline.builder import Builder, Mode, Options
from digestgen.pipeline.parallel import WorkerFailed, map_chunks, started
from tests.conftest import tree_hash
from tests.support import md

Make = Callable[..., Path]
PARENT = os.getpid()


@pytest.fixture(autouse=True)
def _fork_even_beside_other_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    """Earlier tests of the session may leave daemon threads behind (watchers, browsers); the pool
    forks only in a single-threaded process, and these tests are about the pool."""
    monkeypatch.setattr(parallel, "_can_fork", lambda jobs, chunks: jobs > 1 and chunks > 1)


def _square_or_die(state: int, items: Sequence[int]) -> list[int]:
    out = []
    for n, item in enumerate(items):
        started(n)
        if item == state and os.getpid() != PARENT:
            os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer would
        out.append(item * item)
    return out


def test_a_worker_killed_mid_chunk_fails_the_map_naming_its_item() -> None:
    assert map_chunks(_square_or_die, -1, range(40), jobs=2, chunk=5) == [
        [i * i for i in range(k, k + 5)] for k in range(0, 40, 5)
    ]
    with pytest.raises(WorkerFailed) as failed:
        map_chunks(_square_or_die, 23, range(40), jobs=2, chunk=5)
    assert failed.value.item == 23 and failed.value.how == "died (signal 9)"
    assert not any(p.startswith("z") for p in _children())  # every worker reaped: no zombie, no orphan


def _children() -> list[str]:
    """States of this process's children (from /proc), e.g. 'Z' for a zombie."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == os.getpid():
                found.append(fields[0].lower())
    return found


def _sleep_forever_in_c(state: object, items: Sequence[int]) -> list[int]:
    for n, _ in enumerate(items):
        started(n)
        if os.getpid() != PARENT:
            signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGALRM])  # as stuck as one long C call
            time.sleep(60)
    return list(items)


def test_a_worker_stuck_past_the_limit_is_killed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "GRACE", 0.5)
    started_at = time.monotonic()
    with pytest.raises(WorkerFailed) as failed:
        map_chunks(_sleep_forever_in_c, None, range(4), jobs=2, chunk=2, limit=0.5)
    assert failed.value.how == "took longer than 0.5 s" and failed.value.item in (0, 2)
    assert time.monotonic() - started_at < 30


def test_a_build_whose_worker_dies_fails_at_once_and_leaves_the_site_and_lock(
    make_project: Make, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from digestgen.pipeline.render import templates

    root = make_project({f"content/a{n:03}.md": md(f"Story {n}", date=f"2024-11-{1 + n % 28:02}") for n in range(300)})
    monkeypatch.chdir(root)
    assert main(["build"]) == 0
    before = tree_hash(root / "site")
    render = templates.Renderer.render

    def render_or_die(self: templates.Renderer, page: object) -> bytes:
        if getattr(page, "output_path", "") == "articles/a150/index.html" and os.getpid() != PARENT:
            os.kill(os.getpid(), signal.SIGKILL)
        return render(self, page)  # type: ignore[arg-type]

    monkeypatch.setattr(templates.Renderer, "render", render_or_die)
    (root / "digestgen.yaml").write_text("title: Renamed\n", encoding="utf-8")  # every page again
    assert main(["build"]) == 1
    err = capsys.readouterr().err
    assert "content/a150.md: worker" in err and "died (signal 9) while rendering articles/a150/index.html" in err
    assert tree_hash(root / "site") == before
    monkeypatch.undo()
    monkeypatch.chdir(root)
    assert main(["build"]) == 0  # the lock is free: no "waiting for another digestgen build"
    assert "waiting" not in capsys.readouterr().err


def test_a_killed_build_leaves_no_lock_behind(make_project: Make) -> None:
    """kill -9 of the build itself: its workers die with it, so the next build does not wait."""
    slow = "{% for i in range(3000000) %}{% endfor %}{{ article.title }}"
    root = make_project(
        {f"content/a{n:02}.md": md(f"Story {n}") for n in range(40)} | {"templates/article.html": slow},
        config="time_limit: 0\n",
    )
    proc = subprocess.Popen([sys.executable, "-m", "digestgen", "build"], cwd=root, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not list(root.glob(".site.tmp-*")) and time.monotonic() < deadline:  # it is rendering
        time.sleep(0.05)
    time.sleep(0.5)
    proc.kill()
    proc.wait()
    (root / "templates" / "article.html").write_text("{{ article.title }}", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "digestgen", "build"], cwd=root, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0 and "waiting for another digestgen build" not in done.stderr, done.stderr


def test_a_template_that_loops_forever_fails_its_page_in_build_and_serve(make_project: Make) -> None:
    endless = "{% for i in range(10**12) %}{% endfor %}"
    root = make_project({"content/a.md": md("Story"), "templates/article.html": endless}, config="time_limit: 1\n")
    config = load_config(None, root=root)
    result = Builder(config, Options(Mode.BUILD, jobs=1)).run()
    assert [str(p) for p in result.problems] == ["content/a.md: took longer than 1 s to render articles/a/index.html"]
    assert not (root / "site").exists()

    from digestgen.serve.preview import Preview

    preview = Preview(config)
    try:
        preview._rebuild(None)  # in the rebuild thread's place: no signal reaches it, the timer does
        assert preview.state.current.errors == ("content/a.md: took longer than 1 s to render articles/a/index.html",)
        (root / "templates" / "article.html").write_text("{{ article.title }}", encoding="utf-8")
        preview._rebuild([root / "templates" / "article.html"])
        assert preview.state.current.errors == () and b"Story" in preview.state.current.files["articles/a/index.html"]
    finally:
        preview.stop()


def test_a_file_that_takes_too_long_to_read_fails_alone(make_project: Make) -> None:
    root = make_project(
        {"content/ok.md": md("Fine"), "content/slow.md": md("Slow", body="*a" * 200_000)}, config="time_limit: 1\n"
    )
    result = Builder(load_config(None, root=root), Options(Mode.CHECK, jobs=1)).run()
    assert [str(p) for p in result.problems] == ["content/slow.md: took longer than 1 s to read"]


def test_time_limit_outside_the_main_thread_raises_in_that_thread() -> None:
    import threading

    seen: list[str] = []

    def spin() -> None:
        try:
            with time_limit(0.2):
                while True:
                    pass
        except Overtime:
            seen.append("stopped")
        with time_limit(5):  # a block that ends in time: nothing is raised later
            pass
        time.sleep(0.3)
        seen.append("clean")

    thread = threading.Thread(target=spin)
    thread.start()
    thread.join(30)
    assert seen == ["stopped", "clean"]


def test_a_paragraph_of_many_links_scans_its_brackets_a_few_times(monkeypatch: pytest.MonkeyPatch) -> None:
    """Markdown 3.11 works out every bracket of a text again after each link it replaces (N links: N
    passes, quadratic); the fast path scans each link's own brackets."""
    from markdown.inlinepatterns import LinkInlineProcessor

    from digestgen.pipeline.parse.markup import FAST, MarkdownRenderer

    if FAST is None:
        pytest.skip("the fast path is off with this Markdown")
    calls = [0]
    whole = LinkInlineProcessor._findBracketEnds

    def counted(data: str) -> list[int | None]:
        calls[0] += 1
        return whole(data)

    monkeypatch.setattr(LinkInlineProcessor, "_findBracketEnds", staticmethod(counted))
    body = " ".join(f"[link {i}](http://example.org/{i})" for i in range(1000))
    html = MarkdownRenderer().convert(body)
    assert html.count("<a href=") == 1000 and calls[0] == 0
    assert MarkdownRenderer().convert("[a](" * 20_000).startswith("<p>[a](")  # no `)` anywhere: no scan per `(`
    assert MarkdownRenderer().convert("[" * 20_000 + "x") == "<p>" + "[" * 20_000 + "x</p>"
    assert calls[0] <= 6  # once per link pattern, not once per bracket


def test_an_alarm_swallowed_where_it_lands_still_ends_the_block_overtime() -> None:
    """SIGALRM's exception raised inside a gc callback is ignored by Python (hypothesis installs one):
    the block runs on to its end and is then reported over its time (a flaky CI failure once)."""
    import gc

    def slow_callback(phase: str, info: dict[str, int]) -> None:
        time.sleep(0.3)

    gc.callbacks.append(slow_callback)
    try:
        with pytest.raises(Overtime), time_limit(0.1):
            gc.collect()
    finally:
        gc.callbacks.remove(slow_callback)
