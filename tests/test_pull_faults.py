"""`digestgen pull` killed after each step: no half-written article, ever, and the next pull completes.

A stand-in for a kill (a BaseException, as Ctrl-C or SIGTERM would be) is raised at the n-th file-system
call of a pull, for every n until a pull runs through; a failing call (disk full) is tried the same
way. After each, every article file must be complete (its bytes before the pull or after a clean
one), and a second, undisturbed pull must leave exactly what one clean pull leaves.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from digestgen.commands.pull import pull
from digestgen.config import load_config
from digestgen.errors import BuildFailed
from digestgen.pull import store
from tests.feedserver import FeedServer, Route, rss, rss_item
from tests.support import read_tree

STEPS = ("open", "write", "fsync", "replace", "unlink", "mkdir")


class Signal(BaseException):
    """A kill arriving between two system calls."""


@pytest.fixture
def server() -> Iterator[FeedServer]:
    served = FeedServer()
    yield served
    served.close()


ITEMS = [rss_item(f"urn:f:{n}", f"Item number {n}", f"&lt;p&gt;Body {n}.&lt;/p&gt;") for n in range(3)]
NEXT = [
    rss_item("urn:f:9", "A new one", "&lt;p&gt;New.&lt;/p&gt;"),
    ITEMS[0].replace("Body 0.", "Body 0, updated."),
    *ITEMS[1:],
]


def _project(root: Path, url: str) -> Path:
    (root / "content").mkdir(parents=True)
    (root / "digestgen.yaml").write_text(f"feeds:\n  - name: wire\n    url: {url}\n", encoding="utf-8")
    return root


def _pull(root: Path) -> None:
    pull(load_config(root / "digestgen.yaml"))


def _visible(tree: dict[str, bytes]) -> dict[str, bytes]:
    """What a build or an editor sees: everything but pull's own temporary files."""
    return {k: v for k, v in tree.items() if not Path(k).name.startswith(store.TEMP_PREFIX)}


class Faults:
    """Make the `at`-th file-system call of the pull fail: with a kill (Signal) or an OSError."""

    def __init__(self, at: int, kill: bool) -> None:
        self.at, self.kill, self.count, self.hit = at, kill, 0, False

    def wrap(self, name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            self.count += 1
            if self.count == self.at:
                self.hit = True
                if name == "write" and len(args) > 1:  # a kill mid-write leaves half the bytes behind
                    real(args[0], bytes(args[1])[: max(1, len(args[1]) // 2)])
                raise Signal() if self.kill else OSError(errno.ENOSPC, "No space left on device")
            return real(*args, **kwargs)

        return call


def _reference(root: Path, server: FeedServer) -> dict[str, bytes]:
    """What a first pull and then an undisturbed second pull (one new item, one updated) leave."""
    server.routes["/feed"].body = rss(*ITEMS)
    _pull(root)
    server.routes["/feed"].body = rss(*NEXT)
    _pull(root)
    return read_tree(root / "content")


@pytest.mark.slow
@pytest.mark.parametrize("kill", [True, False], ids=["kill", "error"])
def test_a_pull_cut_short_at_any_step_leaves_whole_files(
    tmp_path: Path, server: FeedServer, monkeypatch: pytest.MonkeyPatch, kill: bool
) -> None:
    server.routes["/feed"] = Route()
    after = _reference(_project(tmp_path / "reference", server.url("/feed")), server)
    at = 0
    while True:
        at += 1
        root = _project(tmp_path / f"run{at}", server.url("/feed"))
        server.routes["/feed"].body = rss(*ITEMS)
        _pull(root)
        before = read_tree(root / "content")
        faults = Faults(at, kill)
        server.routes["/feed"].body = rss(*NEXT)
        with monkeypatch.context() as m:
            for name in STEPS:
                m.setattr(os, name, faults.wrap(name, getattr(os, name)))
            with contextlib.suppress(Signal, BuildFailed):  # BuildFailed: the lock could not be taken
                _pull(root)
        seen = _visible(read_tree(root / "content"))
        for rel, data in seen.items():
            assert data in (before.get(rel), after.get(rel)), f"step {at}: {rel} is neither the old file nor the new"
        _pull(root)  # undisturbed: it finishes the job and tidies up
        assert read_tree(root / "content") == after, f"step {at}: the next pull did not end where a clean one does"
        shutil.rmtree(root)
        if not faults.hit:
            break
    assert at > 10, "the sweep reached every write of the pull"
