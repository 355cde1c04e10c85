"""publish (WRITE): refuse foreign folders, swap atomically, keep retained files, stay reproducible."""

from __future__ import annotations

import ctypes
import errno
import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest

from digestgen.errors import BuildFailed
from digestgen.pipeline.cache.store import CACHE_DIR, WrittenPage
from digestgen.pipeline.publish import staging as publish_mod
from digestgen.pipeline.publish.outdir import MARKER
from tests.conftest import tree_hash
from tests.support import SMALL_REGISTRY, as_ordinary_user, build_project, md, publish, read_tree

Make = Callable[..., Path]


@pytest.fixture(autouse=True)
def _run_from_a_scratch_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests of code that deletes run away from the checkout: a mutated delete (`os.scandir(None)` lists the
    working folder) once emptied mutmut's `mutants/` folder, its working folder."""
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def project(make_project: Make) -> Path:
    """A small buildable project (three articles, one of them a draft)."""
    return make_project(
        {
            "content/gas.md": md("Gas deal", leaders=("Putin", "Xi")),
            "content/summit.md": md("Summit", date="2024-11-20", topics=("Diplomacy",)),
            "content/plan.md": md("Secret plan", date="2024-11-27", draft="true"),
        },
        config=SMALL_REGISTRY,
    )


def _siblings(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.parent.iterdir() if p.name != CACHE_DIR)


def test_a_foreign_folder_is_refused_without_force(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = project / "site"
    site.mkdir()
    (site / "thesis.docx").write_bytes(b"years of work")
    before = tree_hash(site)
    with pytest.raises(BuildFailed) as failure:
        build_project(project)
    [problem] = failure.value.problems
    assert problem.path == str(site)
    assert problem.message.startswith("refusing to replace a folder digestgen did not make (no .digestgen marker)")
    assert "not even --force adopts it" in problem.message
    assert tree_hash(site) == before


def test_force_replaces_a_foreign_folder(project: Path) -> None:
    site = project / "site"
    (site / "page" / "9").mkdir(parents=True)
    (site / "page" / "9" / "index.html").write_text("x")
    build_project(project, force=True)
    assert (site / MARKER).is_file() and (site / "index.html").is_file() and not (site / "page" / "9").exists()


def test_a_file_in_the_way_is_refused(project: Path) -> None:
    (project / "site").write_text("not a folder")
    with pytest.raises(BuildFailed) as failure:
        build_project(project, force=True)
    assert failure.value.problems[0].message == "output exists and is not a folder"


def test_rebuild_keeps_retained_files_and_drops_stale_pages(project: Path) -> None:
    build_project(project)
    site = project / "site"
    (site / ".git").mkdir()
    (site / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    (site / ".nojekyll").write_text("")
    (site / "CNAME").write_text("brief.example.org\n")
    (site / ".well-known").mkdir()
    (site / ".well-known" / "security.txt").write_text("Contact: x\n")
    (site / "stray.html").write_text("not retained")
    (project / "content" / "summit.md").unlink()
    build_project(project)
    assert (site / ".git" / "HEAD").read_text() == "ref: refs/heads/gh-pages\n"
    assert (site / "CNAME").read_text() == "brief.example.org\n"
    assert (site / ".nojekyll").exists() and (site / ".well-known" / "security.txt").exists()
    assert not (site / "stray.html").exists()
    assert not (site / "articles" / "summit").exists() and not (site / "topics" / "diplomacy").exists()
    assert (site / "articles" / "gas" / "index.html").exists()
    assert _siblings(site) == ["content", "digestgen.yaml", "site"]


def test_retain_names_from_config(make_project: Make) -> None:
    root = make_project({"content/a.md": md()}, config=SMALL_REGISTRY + "retain: [robots.txt]\n")
    build_project(root)
    (root / "site" / "robots.txt").write_text("User-agent: *\n")
    (root / "site" / "CNAME").write_text("x\n")
    build_project(root)
    assert (root / "site" / "robots.txt").exists() and not (root / "site" / "CNAME").exists()


def test_publish_into_a_new_folder(tmp_path: Path) -> None:
    out = tmp_path / "deep" / "out"
    publish({"index.html": b"<p>hi</p>", "a/b/index.html": b"x"}, {}, out, ())
    assert read_tree(out) == {".digestgen": publish_mod.MARKER_TEXT, "a/b/index.html": b"x", "index.html": b"<p>hi</p>"}
    assert _siblings(out) == ["out"]


def test_publish_refuses_paths_leaving_the_output(tmp_path: Path) -> None:
    out = tmp_path / "site"
    with pytest.raises(ValueError):  # the builder validates every path first: reaching this is a bug
        publish({"../escape.html": b"x"}, {}, out, ())
    assert not (tmp_path / "escape.html").exists() and sorted(os.listdir(tmp_path)) == []


def test_drafts_only_when_asked(project: Path, tmp_path: Path) -> None:
    assert build_project(project).articles == 2
    assert not (project / "site" / "articles" / "plan").exists()
    report = build_project(project, drafts=True, output=tmp_path / "preview")
    assert report.articles == 3 and (tmp_path / "preview" / "articles" / "plan" / "index.html").is_file()


def test_reproducible_builds(project: Path, tmp_path: Path) -> None:
    build_project(project)
    first = read_tree(project / "site")
    build_project(project)
    assert read_tree(project / "site") == first
    build_project(project, output=tmp_path / "elsewhere")
    assert read_tree(tmp_path / "elsewhere") == first


def test_file_times_do_not_matter(project: Path) -> None:
    """Order never comes from mtimes: touching files in any order gives identical bytes."""
    (project / "content" / "undated-b.md").write_text(md("Beta", date=None), encoding="utf-8")
    (project / "content" / "undated-a.md").write_text(md("alpha", date=None), encoding="utf-8")
    build_project(project)
    first = read_tree(project / "site")
    home = first["index.html"].decode()
    assert home.index("Gas deal") < home.index("Summit") < home.index(">alpha<") < home.index(">Beta<")
    for n, path in enumerate(sorted((project / "content").iterdir(), reverse=True)):
        os.utime(path, (1_000_000 + n * 1000, 1_000_000 + n * 1000))
    build_project(project)
    assert read_tree(project / "site") == first


def test_the_project_static_folder_is_copied_to_the_site_root(make_project: Make) -> None:
    root = make_project(
        {
            "content/x.md": md("Gas deal"),
            "static/humans.txt": "made by the desk\n",
            "static/img/logo.png": b"\x89PNG\r\n",
            "static/img/.logo.png.swp": b"vim",
        },
        config=SMALL_REGISTRY,
    )
    build_project(root)
    site = read_tree(root / "site")
    assert site["humans.txt"] == b"made by the desk\n" and site["img/logo.png"] == b"\x89PNG\r\n"
    assert "img/.logo.png.swp" not in site and "static/humans.txt" not in site


def test_the_new_site_is_written_beside_the_old_one(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every page goes into one sibling staging folder (never into site/, never elsewhere) before the swap."""
    build_project(project)
    site = (project / "site").resolve()
    before = tree_hash(site)
    written: list[Path] = []
    real_write = publish_mod._write_file

    def spy(path: Path, data: bytes) -> None:
        written.append(Path(path).resolve())
        assert tree_hash(site) == before, "the old site must not change while the new one is written"
        real_write(path, data)

    monkeypatch.setattr(publish_mod, "_write_file", spy)
    (project / "content" / "new.md").write_text(md("New article"), encoding="utf-8")
    build_project(project)
    folders = {p.relative_to(project.resolve()).parts[0] for p in written}
    assert len(written) > 5 and len(folders) == 1, folders
    (staging,) = folders
    assert staging.startswith(".site.tmp-") and not (project / staging).exists()
    assert (site / "articles" / "new" / "index.html").is_file()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2 is Linux only")
def test_on_linux_the_old_site_is_exchanged_in_one_step(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """renameat2(RENAME_EXCHANGE): site/ is never missing, not even for the instant between two renames."""
    build_project(project)
    renames: list[tuple[str, str]] = []
    real_rename = os.rename

    def spy(src: str | Path, dst: str | Path) -> None:
        renames.append((Path(src).name, Path(dst).name))
        real_rename(src, dst)

    monkeypatch.setattr(os, "rename", spy)
    (project / "content" / "new.md").write_text(md("New article"), encoding="utf-8")
    build_project(project)
    assert renames == [] and (project / "site" / "articles" / "new" / "index.html").is_file()


linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2 is Linux only")


def _libc(renameat2_errno: int | None) -> object:
    """A stand-in C library whose renameat2 fails with `renameat2_errno` (None: it has no renameat2)."""

    def renameat2(*args: object) -> int:
        ctypes.set_errno(renameat2_errno or 0)
        return -1

    return SimpleNamespace() if renameat2_errno is None else SimpleNamespace(renameat2=renameat2)


@linux_only
@pytest.mark.parametrize("failure", [errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, None])
def test_without_an_atomic_exchange_publish_falls_back_to_two_renames(
    project: Path, monkeypatch: pytest.MonkeyPatch, failure: int | None
) -> None:
    """A file system (or C library) that cannot exchange two folders still gets the new site, and no leftovers."""
    build_project(project)
    monkeypatch.setattr(ctypes, "CDLL", lambda *args, **kwargs: _libc(failure))
    (project / "content" / "new.md").write_text(md("New article"), encoding="utf-8")
    build_project(project)
    assert (project / "site" / "articles" / "new" / "index.html").is_file()
    assert [name for name in _siblings(project / "site") if name.startswith(".site.")] == []


@linux_only
def test_an_exchange_refused_for_another_reason_fails_the_build_and_keeps_the_site(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_project(project)
    before = tree_hash(project / "site")
    monkeypatch.setattr(ctypes, "CDLL", lambda *args, **kwargs: _libc(errno.EACCES))
    (project / "content" / "new.md").write_text(md("New article"), encoding="utf-8")
    (project.parent / "elsewhere").mkdir()
    monkeypatch.chdir(project.parent / "elsewhere")  # outside the working folder, the site is named in full
    with pytest.raises(BuildFailed) as failure:
        build_project(project)
    [problem] = failure.value.problems
    assert (problem.path, problem.message) == (str(project / "site"), "cannot write the site: Permission denied")
    monkeypatch.chdir(project)  # inside the working folder, the site is named relative to it
    with pytest.raises(BuildFailed) as failure:
        build_project(project)
    assert str(failure.value.problems[0]) == "site: cannot write the site: Permission denied"
    assert tree_hash(project / "site") == before


@linux_only
def test_a_real_exchange_error_carries_its_errno_and_path(tmp_path: Path) -> None:
    (tmp_path / "new").mkdir()
    ctypes.set_errno(errno.EACCES)  # stale: what a call that does not capture errno would report
    with pytest.raises(FileNotFoundError) as failure:
        publish_mod._rename_exchange(tmp_path / "new", tmp_path / "missing")
    assert failure.value.filename == str(tmp_path / "missing") and (tmp_path / "new").is_dir()


def test_a_retained_symlink_stays_a_link_to_the_same_target(project: Path) -> None:
    """A dotfile link (say `.well-known` -> a folder kept outside the site) is linked again, not copied."""
    build_project(project)
    (project / "site" / ".well-known").symlink_to("../well-known", target_is_directory=True)
    (project / "content" / "new.md").write_text(md("New article"), encoding="utf-8")
    build_project(project)
    link = project / "site" / ".well-known"
    assert link.is_symlink() and os.readlink(link) == "../well-known"
    assert (project / "site" / "articles" / "new" / "index.html").is_file()


def test_a_retained_folder_is_hard_linked_not_copied_and_keeps_its_links(project: Path) -> None:
    """`.git` can be large: its files are linked into the new site (same inode), its symlinks stay links."""
    build_project(project)
    git = project / "site" / ".git"
    git.mkdir()
    (git / "HEAD").write_text("ref: refs/heads/main\n")
    (git / "current").symlink_to("HEAD")
    inode = (git / "HEAD").stat().st_ino
    try:
        os.link(git / "HEAD", project / "probe")
    except OSError:
        pytest.skip("this file system has no hard links: the files are copied instead")
    (project / "probe").unlink()
    (project / "content" / "new.md").write_text(md("New article"), encoding="utf-8")
    build_project(project)
    assert (project / "site" / "articles" / "new" / "index.html").is_file()
    assert (git / "HEAD").stat().st_ino == inode and (git / "HEAD").read_text() == "ref: refs/heads/main\n"
    assert (git / "current").is_symlink() and os.readlink(git / "current") == "HEAD"


def test_written_pages_record_each_file_identity_for_reuse(tmp_path: Path) -> None:
    """What the next build compares to trust a page as untouched; a page that is gone is left out."""
    out = tmp_path / "site"
    publish({"index.html": b"<p>home</p>", "a/index.html": b"<p>a</p>"}, {}, out, ())
    found = publish_mod.written_pages(out, {"gone.html": "k0", "index.html": "k1", "a/index.html": "k2"})
    assert set(found) == {"index.html", "a/index.html"}
    for rel, key in (("index.html", "k1"), ("a/index.html", "k2")):
        info = (out / rel).stat()
        assert found[rel] == WrittenPage(key, info.st_size, info.st_mtime_ns, info.st_ino)


def test_a_staging_name_already_taken_by_a_stranger_is_skipped(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The random staging name is drawn again when a folder that is not ours already has it."""
    (project / ".site.tmp-0000").mkdir()
    (project / ".site.tmp-0000" / "notes.txt").write_text("mine")
    names = iter(["0000", "1111"])
    monkeypatch.setattr(publish_mod.secrets, "token_hex", lambda nbytes: next(names))
    build_project(project)
    assert (project / ".site.tmp-0000" / "notes.txt").read_text() == "mine"
    assert (project / "site" / "index.html").is_file() and not (project / ".site.tmp-1111").exists()


def test_remove_tree_never_follows_a_link_or_deletes_a_file(tmp_path: Path) -> None:
    """Whatever path it is handed, only a real folder is removed: a link to one, or a file, stays as it is."""
    folder = tmp_path / "site"
    (folder / "articles").mkdir(parents=True)
    (folder / MARKER).write_bytes(publish_mod.MARKER_TEXT)
    (folder / "articles" / "a.html").write_text("a")
    (tmp_path / "link").symlink_to(folder, target_is_directory=True)
    (tmp_path / "notes.txt").write_text("mine")
    before = tree_hash(folder)
    publish_mod.remove_tree(tmp_path / "link")
    publish_mod.remove_tree(tmp_path / "notes.txt")
    assert tree_hash(folder) == before and (tmp_path / "link").is_symlink()
    assert (tmp_path / "notes.txt").read_text() == "mine"
    publish_mod.remove_tree(folder)
    assert sorted(os.listdir(tmp_path)) == ["link", "notes.txt"]


def test_remove_tree_removes_a_link_to_a_folder_inside_it_not_what_it_points_to(tmp_path: Path) -> None:
    keep = tmp_path / "keep"
    keep.mkdir()
    (keep / "notes.txt").write_text("mine")
    folder = tmp_path / ".site.tmp-0000"
    folder.mkdir()
    (folder / MARKER).write_bytes(publish_mod.MARKER_TEXT)
    (folder / "shared").symlink_to(keep, target_is_directory=True)
    publish_mod.remove_tree(folder)
    assert not folder.exists() and (keep / "notes.txt").read_text() == "mine"


def test_remove_tree_removes_folders_a_user_made_read_only_or_unreadable() -> None:
    """Run as an ordinary user: root ignores permission bits, so CI (root) would not see a missing chmod."""

    def check(scratch: Path) -> None:
        folder = scratch / ".site.tmp-0000"
        for sub in ("read-only", "no-search"):
            (folder / sub).mkdir(parents=True)
            (folder / sub / "page.html").write_text("x")
        (folder / MARKER).write_bytes(publish_mod.MARKER_TEXT)
        (folder / "404.html").write_text("x")  # a file at the top, removed before any retry could add rights
        (folder / "read-only").chmod(0o555)
        (folder / "no-search").chmod(0o666)  # names can be listed, but nothing inside reached or removed
        folder.chmod(0o000)
        publish_mod.remove_tree(folder)
        assert os.listdir(scratch) == []

    as_ordinary_user(check)


def test_without_renameat2_off_linux_the_exchange_is_not_tried(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "from-a").touch()
    monkeypatch.setattr(sys, "platform", "darwin")
    assert publish_mod._rename_exchange(tmp_path / "a", tmp_path / "b") is False
    assert os.listdir(tmp_path / "a") == ["from-a"] and os.listdir(tmp_path / "b") == []


@linux_only
def test_a_failed_swap_names_the_site_in_full_when_the_working_folder_is_gone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    publish({"index.html": b"old"}, {}, out, ())
    monkeypatch.setattr(ctypes, "CDLL", lambda *args, **kwargs: _libc(errno.EACCES))
    (tmp_path / "gone").mkdir()
    monkeypatch.chdir(tmp_path / "gone")
    (tmp_path / "gone").rmdir()
    with pytest.raises(BuildFailed) as failure:
        publish({"index.html": b"new"}, {}, out, ())
    [problem] = failure.value.problems
    assert (problem.path, problem.message) == (str(out), "cannot write the site: Permission denied")
    assert (out / "index.html").read_bytes() == b"old"


def test_without_hard_links_retained_files_are_copied_and_their_links_stay_links(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file system with no hard links (FAT, some network mounts): `.git` is copied, its symlinks recreated."""
    build_project(project)
    git = project / "site" / ".git"
    git.mkdir()
    (git / "HEAD").write_text("ref: refs/heads/main\n")
    (git / "current").symlink_to("HEAD")

    def no_links(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    (project / "content" / "new.md").write_text(md("New article"), encoding="utf-8")
    build_project(project)
    assert (project / "site" / "articles" / "new" / "index.html").is_file()
    assert (git / "HEAD").read_text() == "ref: refs/heads/main\n"
    assert (git / "current").is_symlink() and os.readlink(git / "current") == "HEAD"
