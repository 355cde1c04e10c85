"""Publishing under fault injection: a failure, a signal or a kill at every file-system step of publish.

At every step the output folder must be the complete old site or the complete new one, each with
its retained files; after a signal nothing is left beside it; after a kill the next build cleans up.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from digestgen.errors import BuildFailed
from digestgen.pipeline.cache.store import CACHE_DIR
from digestgen.pipeline.publish import staging as publish_mod
from digestgen.pipeline.publish.outdir import MARKER
from digestgen.pipeline.publish.staging import leftovers
from tests.support import SMALL_REGISTRY, build_project, md, publish, read_tree

Make = Callable[..., Path]


@pytest.fixture(autouse=True)
def _run_from_a_scratch_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests of code that deletes run away from the checkout: a mutated delete (`os.scandir(None)` lists the
    working folder) once emptied mutmut's `mutants/` folder, its working folder."""
    monkeypatch.chdir(tmp_path)


# Every call through which publish changes the file system.
STEPS: list[tuple[Any, str]] = [
    (os, "mkdir"),
    (os, "rename"),
    (os, "link"),
    (os, "symlink"),
    (os, "unlink"),
    (os, "rmdir"),
    (os, "chmod"),
    (shutil, "copyfile"),
    (shutil, "copy2"),
    (publish_mod, "_write_file"),
    (publish_mod, "_rename_exchange"),
]


class Signal(BaseException):
    """Stands in for Ctrl-C or SIGTERM arriving between two system calls."""


class Faults:
    """Fail the `at`-th file-system call of publish; with `kill`, every later call fails too."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, at: int, error: BaseException, kill: bool) -> None:
        self.calls, self.at, self.error, self.kill, self.hit, self.active = 0, at, error, kill, False, False
        for owner, name in STEPS:
            monkeypatch.setattr(owner, name, self._wrap(getattr(owner, name)))

    def _wrap(self, real: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            if self.active:
                self.calls += 1
                if self.calls == self.at or (self.kill and self.hit):
                    self.hit = True
                    raise self.error
            return real(*args, **kwargs)

        return call


@pytest.fixture
def project(make_project: Make) -> Path:
    root = make_project(
        {"content/gas.md": md("Gas deal", leaders=("Putin",)), "content/summit.md": md("Summit", date="2024-11-20")},
        config=SMALL_REGISTRY,
    )
    build_project(root)
    site = root / "site"
    (site / "CNAME").write_text("brief.example.org\n")
    (site / ".git" / "objects").mkdir(parents=True)
    (site / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    (site / ".git" / "objects" / "ab").write_bytes(b"\x00object")
    (site / ".git" / "link").symlink_to("HEAD")
    (root / "content" / "new.md").write_text(md("New article", topics=("Energy",)), encoding="utf-8")
    (root / "content" / "summit.md").unlink()
    return root


def _expected_new(root: Path, tmp_path: Path, old: dict[str, bytes]) -> dict[str, bytes]:
    build_project(root, output=tmp_path / "reference")
    new = read_tree(tmp_path / "reference")
    return new | {k: v for k, v in old.items() if k == "CNAME" or k.startswith(".git/")}


def _run_with_fault(files: dict[str, bytes], site: Path, faults: Faults) -> BaseException | None:
    faults.active = True
    try:
        publish(files, {}, site, ("CNAME",))
    except (Signal, BuildFailed) as exc:
        return exc
    finally:
        faults.active = False
    return None


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "two-renames"])
@pytest.mark.parametrize("mode", ["error", "signal", "kill"])
def test_a_fault_at_every_step_leaves_a_whole_site(
    project: Path, tmp_path: Path, mode: str, exchange: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not exchange:  # systems without an atomic exchange: rename aside, rename in, undo on failure
        monkeypatch.setattr(publish_mod, "_rename_exchange", lambda a, b: False)
    site = project / "site"
    old = read_tree(site)
    new = _expected_new(project, tmp_path, old)
    files = {k: v for k, v in read_tree(tmp_path / "reference").items() if k != MARKER}
    assert old != new
    error: BaseException = OSError(28, "No space left on device") if mode == "error" else Signal()
    at = 0
    while True:
        at += 1
        shutil.rmtree(site)
        _restore(site, old)
        with pytest.MonkeyPatch.context() as mp:
            faults = Faults(mp, at, error, kill=mode == "kill")
            outcome = _run_with_fault(files, site, faults)
        now = read_tree(site) if site.exists() else {}
        if exchange or mode != "kill":
            assert now in (old, new), f"fault at step {at} ({mode}) left a broken site"
        else:  # killed between the two renames: no site until the next build puts the old one back
            assert now in (old, new, {}), f"fault at step {at} ({mode}) left a broken site"
        if not faults.hit:
            assert outcome is None and now == new
            break
        if outcome is None:  # a fallback absorbed the fault (a hard link that became a copy)
            assert now == new
        elif mode == "error":
            assert isinstance(outcome, BuildFailed) and "No space left on device" in str(outcome)
        if mode != "kill" and now == old:  # undone: nothing may be left beside the site
            assert leftovers(site) == [] and _siblings(project) == ["content", "digestgen.yaml", "site"]
        publish(files, {}, site, ("CNAME",))  # the next build cleans up whatever an interrupted one left
        assert read_tree(site) == new and _siblings(project) == ["content", "digestgen.yaml", "site"]
    assert at > 10, "the fault plan must reach the steps of a real publish"


def _restore(site: Path, tree: dict[str, bytes]) -> None:
    for rel, data in tree.items():
        path = site / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if rel == ".git/link":
            path.symlink_to("HEAD")
        else:
            path.write_bytes(data)


def _siblings(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name != CACHE_DIR)


def test_leftovers_of_a_killed_build_are_removed_but_look_alikes_are_not(project: Path) -> None:
    site = project / "site"
    for name in (".site.tmp-dead", ".site.old-dead"):
        (project / name / "articles").mkdir(parents=True)
        (project / name / MARKER).write_bytes(b"")
        (project / name / "articles" / "big.html").write_bytes(b"x" * 1000)
    (project / ".site.tmp-mine").mkdir()  # no marker, not empty: not ours, never touched
    (project / ".site.tmp-mine" / "notes.txt").write_text("mine")
    build_project(project)
    assert _siblings(project) == [".site.tmp-mine", "content", "digestgen.yaml", "site"]
    assert (site / ".git" / "HEAD").is_file()


def test_a_lost_site_is_put_back_before_publishing(project: Path) -> None:
    """Killed between the two renames of the fallback swap: the old site waits at .site.old-*."""
    site = project / "site"
    site.rename(project / ".site.old-killed")
    build_project(project)
    assert (site / ".git" / "HEAD").read_text() == "ref: refs/heads/gh-pages\n" and (site / "CNAME").is_file()
    assert _siblings(project) == ["content", "digestgen.yaml", "site"]


def _refuse_deletes_in_read_only_folders(monkeypatch: pytest.MonkeyPatch) -> None:
    """Root (as CI runs) may delete inside a read-only folder: make unlink and rmdir refuse as for anyone else."""

    def guarded(real: Callable[..., None]) -> Callable[..., None]:
        def call(path: Any, *, dir_fd: int | None = None) -> None:
            parent = os.fstat(dir_fd) if dir_fd is not None else os.stat(os.path.dirname(os.path.abspath(path)))
            if not parent.st_mode & stat.S_IWUSR:
                raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
            real(path, dir_fd=dir_fd)

        return call

    monkeypatch.setattr(os, "unlink", guarded(os.unlink))
    monkeypatch.setattr(os, "rmdir", guarded(os.rmdir))


def test_a_read_only_site_is_replaced_without_leftovers(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _refuse_deletes_in_read_only_folders(monkeypatch)
    site = project / "site"
    for path in sorted(site.rglob("*"), reverse=True):
        if not path.is_symlink():
            path.chmod(0o555 if path.is_dir() else 0o444)
    site.chmod(0o555)
    build_project(project)
    assert (site / "articles" / "new" / "index.html").is_file()
    assert _siblings(project) == ["content", "digestgen.yaml", "site"]


def test_the_site_respects_the_umask(make_project: Make) -> None:
    root = make_project({"content/a.md": md("Gas deal")}, config=SMALL_REGISTRY)
    old = os.umask(0o022)
    try:
        build_project(root)
    finally:
        os.umask(old)
    site = root / "site"
    assert site.stat().st_mode & 0o777 == 0o755
    assert (site / "articles").stat().st_mode & 0o777 == 0o755
    assert (site / "index.html").stat().st_mode & 0o777 == 0o644


def test_a_second_build_waits_for_the_lock(project: Path) -> None:
    import fcntl

    site = project / "site"
    waiting = threading.Event()
    fd = os.open(project, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    worker = threading.Thread(target=lambda: build_project(project, notify=lambda message: waiting.set()))
    try:
        worker.start()
        assert waiting.wait(30), "the build must say it is waiting"
        assert not (site / "articles" / "new").exists(), "nothing is published while another build holds the lock"
    finally:
        os.close(fd)
    worker.join(30)
    assert (site / "articles" / "new" / "index.html").is_file()


def test_concurrent_builds_keep_retained_files(project: Path) -> None:
    """Two builds at a time, five times over: every one succeeds and .git survives each pair."""
    code = "import sys; from digestgen.cli import main; sys.exit(main(['build', '--quiet']))"
    for _ in range(5):
        procs = [subprocess.Popen([sys.executable, "-c", code], cwd=project, stderr=subprocess.PIPE) for _ in range(2)]
        for proc in procs:
            _, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err.decode()
        assert (project / "site" / ".git" / "objects" / "ab").read_bytes() == b"\x00object"
        assert (project / "site" / "CNAME").is_file()
    assert _siblings(project) == ["content", "digestgen.yaml", "site"]


def _rmdir_refused_for_staging_names(monkeypatch: pytest.MonkeyPatch) -> None:
    real_rmdir = os.rmdir

    def rmdir(path: Any, *, dir_fd: int | None = None) -> None:
        if Path(path).name.startswith(".site.tmp-"):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        real_rmdir(path, dir_fd=dir_fd)

    monkeypatch.setattr(os, "rmdir", rmdir)


def test_an_old_site_that_cannot_be_removed_after_the_swap_does_not_fail_the_build(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The new site is in place: what is left of the old one is removed by the next build that publishes."""
    with monkeypatch.context() as mp:
        _rmdir_refused_for_staging_names(mp)
        build_project(project)
    assert (project / "site" / "articles" / "new" / "index.html").is_file()
    [left] = [name for name in _siblings(project) if name.startswith(".site.")]
    assert os.listdir(project / left) == []
    (project / "content" / "later.md").write_text(md("Later article"), encoding="utf-8")
    build_project(project)
    assert _siblings(project) == ["content", "digestgen.yaml", "site"]


def test_a_staging_folder_that_cannot_be_removed_does_not_hide_the_error_that_stopped_the_build(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = read_tree(project / "site")
    _rmdir_refused_for_staging_names(monkeypatch)
    with pytest.raises(ValueError):  # the builder validates every path first: this stands in for any failure
        publish({"../escape.html": b"x"}, {}, project / "site", ())
    assert read_tree(project / "site") == before


def test_a_site_whose_name_looks_like_a_staging_folder_is_put_back_after_a_kill(
    make_project: Make, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Killed between the two renames of the fallback swap, for an output folder named `out.tmp-1`."""
    root = make_project({"content/a.md": md("Gas deal")}, config=SMALL_REGISTRY + "output_dir: out.tmp-1\n")
    build_project(root)
    site = root / "out.tmp-1"
    (site / "CNAME").write_text("brief.example.org\n")
    (root / "content" / "b.md").write_text(md("Summit"), encoding="utf-8")
    real_rename, renames = os.rename, []

    def rename(src: Any, dst: Any) -> None:
        renames.append(src)
        if len(renames) > 1:  # the site is already aside: killed here, so not even the swap's own undo runs
            raise Signal
        real_rename(src, dst)

    with monkeypatch.context() as mp:
        mp.setattr(publish_mod, "_rename_exchange", lambda a, b: False)
        mp.setattr(os, "rename", rename)
        with pytest.raises(Signal):
            build_project(root)
    assert not site.exists()
    build_project(root)
    assert (site / "CNAME").read_text() == "brief.example.org\n" and (site / "articles" / "b" / "index.html").is_file()
    assert _siblings(root) == ["content", "digestgen.yaml", "out.tmp-1"]


@pytest.mark.parametrize("when", ["before-the-swap", "after-the-swap"])
def test_ctrl_c_after_the_swap_reports_the_build_done(
    when: str, project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An interrupt that lands once the new site is in place (while the old one is removed) is not a failure."""
    from digestgen.cli import main
    from digestgen.pipeline.publish import staging

    monkeypatch.chdir(project)
    assert main(["build", "--quiet"]) == 0
    (project / "digestgen.yaml").write_text("title: Second\n", encoding="utf-8")
    hit = staging.remove_tree if when == "after-the-swap" else staging._keep_retained

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(staging, hit.__name__, interrupted)
    code = main(["build", "--quiet"])
    err = capsys.readouterr().err
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    if when == "after-the-swap":
        assert code == 0 and "interrupted after the new site was published" in err and "Second" in home
    else:
        assert code == 130 and err.strip() == "interrupted" and "Second" not in home
