"""PUBLISH: write the new site beside the output folder, then swap it in with one atomic exchange.

At every instant the output folder is the complete old site or the complete new one, each with
its retained files (`.git`, `CNAME`): retained entries are hard-linked (or copied) into the new
site before the swap, never moved out of the old one. One build at a time writes beside a given
folder (an exclusive lock on its parent); leftovers of an interrupted build are removed by the next
one. Nothing is deleted that does not carry digestgen's marker.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import secrets
import shutil
import stat
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from digestgen.errors import os_errors
from digestgen.pipeline.cache.store import WrittenPage
from digestgen.pipeline.publish.outdir import MARKER, MARKER_TEXT
from digestgen.urls import safe_join

Notify = Callable[[str], None]
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


@contextlib.contextmanager
def staging_for(output: Path, notify: Notify | None = None) -> Iterator[Staging]:
    """A new site folder beside `output`, under the output's lock: `commit` swaps it in, else it is removed.

    Pages may be written into `staging.folder` by any process (see `write_page`) before `commit`.
    Raises BuildFailed naming the path the file system refused; the old site is then untouched.
    """
    target = Path(os.path.realpath(output))
    shown = {str(target): _display(output)}
    with os_errors("write the site", shown[str(target)], shown):
        target.parent.mkdir(parents=True, exist_ok=True)
        with _lock(target.parent, notify):
            remove_leftovers(target)
            folder = _new_folder(target.parent, f".{target.name}.tmp-")
            shown[str(folder)] = shown[str(target)]
            staging = Staging(folder, target)
            try:
                _write_file(folder / MARKER, MARKER_TEXT)  # first, so a leftover is known to be ours
                yield staging
            finally:
                # A removal that fails must not hide the error that stopped the build, nor fail one whose
                # new site is in place: what it leaves carries the marker, and the next build removes it.
                with contextlib.suppress(OSError):
                    remove_tree(staging.leftover)


class Staging:
    """The new site being written; `commit` puts it in place of the output folder in one step."""

    def __init__(self, folder: Path, target: Path) -> None:
        self.folder, self.target = folder, target
        self.leftover = folder
        self._identity = _identity(folder)
        """What is removed when the block ends: the unfinished new site or, once swapped in, the old one."""

    def commit(self, assets: Mapping[str, Path], retain: tuple[str, ...], reused: Mapping[str, Path]) -> None:
        """Add static files, reused pages and retained entries, then swap the new site in."""
        for rel, src in sorted(assets.items()):
            shutil.copyfile(src, _parent_made(self.folder, rel))
        for rel, src in sorted(reused.items()):
            _link_or_copy(src, _parent_made(self.folder, rel))
        if not self.target.exists():
            os.rename(self.folder, self.target)
        else:
            _keep_retained(self.target, self.folder, retain)
            self.leftover = _swap_in(self.folder, self.target)

    def in_place(self) -> bool:
        """Whether the new site is the output folder now (asked after an interrupt: was it swapped in?)."""
        return self._identity is not None and _identity(self.target) == self._identity


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def write_page(folder: Path, rel: str, data: bytes) -> None:
    """Write one page into a staging folder (safe to call from several processes at once)."""
    _write_file(_parent_made(folder, rel), data)


def written_pages(output: Path, keys: Mapping[str, str]) -> dict[str, WrittenPage]:
    """The identity of each page file now in `output`, so a later build can tell it is untouched."""
    site, found = Path(os.path.realpath(output)), {}
    for rel, key in keys.items():
        try:
            info = os.stat(site / rel)
        except OSError:
            continue
        found[rel] = WrittenPage(key, info.st_size, info.st_mtime_ns, info.st_ino)
    return found


def _display(path: Path) -> str:
    """A path as messages show it: relative to the working folder when inside it."""
    try:
        return os.path.relpath(path) if not os.path.relpath(path).startswith("..") else str(path)
    except (OSError, ValueError):
        return str(path)


def leftovers(target: Path) -> list[Path]:
    """Staging and old folders of earlier builds of `target` (ours: they hold the marker, or nothing)."""
    prefixes = (f".{target.name}.tmp-", f".{target.name}.old-")
    try:
        names = sorted(os.listdir(target.parent))
    except FileNotFoundError:
        return []
    found = [target.parent / n for n in names if n.startswith(prefixes)]
    return [p for p in found if p.is_dir() and not p.is_symlink() and ((p / MARKER).is_file() or not any(p.iterdir()))]


def remove_leftovers(target: Path) -> None:
    """Clean up after a killed build; if it died between two renames, put the old site back first."""
    for path in leftovers(target):
        if not target.exists() and path.name.startswith(f".{target.name}.old-"):
            os.rename(path, target)
        else:
            remove_tree(path)


def remove_tree(path: Path) -> None:
    """Delete a folder digestgen made, read-only parts included; its marker goes last.

    Keeping the marker until the end means a removal that is interrupted leaves a folder the
    next build still recognises as its own and finishes removing.
    """

    def writable_then_retry(func: Callable[..., Any], name: str, _exc: object) -> None:
        parent = os.path.dirname(name)
        os.chmod(parent, os.stat(parent).st_mode | stat.S_IWUSR | stat.S_IXUSR)
        func(name)

    if path.is_symlink() or not path.is_dir():
        return
    os.chmod(path, os.stat(path).st_mode | stat.S_IWUSR | stat.S_IXUSR | stat.S_IRUSR)
    for entry in sorted(os.scandir(path), key=lambda e: e.name):
        if entry.name == MARKER:
            continue
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, onerror=writable_then_retry)
        else:
            os.unlink(entry.path)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path / MARKER)
    os.rmdir(path)


@contextlib.contextmanager
def _lock(folder: Path, notify: Notify | None) -> Iterator[None]:
    """Exclusive advisory lock on `folder` for as long as the block runs (no lock file is left)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no advisory locks on folders
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if notify:
                notify(f"waiting for another digestgen build that is writing into {folder}")
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _new_folder(parent: Path, prefix: str) -> Path:
    """A fresh, uniquely named folder, with the default mode (0o777 less the umask) as for any folder."""
    while True:
        path = parent / f"{prefix}{secrets.token_hex(4)}"
        try:
            os.mkdir(path)
            return path
        except FileExistsError:
            continue


def _write_file(path: Path, data: bytes) -> None:
    with open(path, "wb") as f:
        f.write(data)


def _parent_made(folder: Path, rel: str) -> Path:
    """`folder / rel` (checked to stay inside), with its parent folders made (mode 0o777 less the umask)."""
    target = safe_join(folder, rel)
    # The parent already made, or a file where it should be: the write that follows says so.
    with contextlib.suppress(FileExistsError):
        os.makedirs(target.parent)
    return target


def _keep_retained(old: Path, new: Path, retain: tuple[str, ...]) -> None:
    """Link (or copy) dotfiles and retained names of the old site into the new one; the old keeps them."""
    for entry in sorted(old.iterdir()):
        name = entry.name
        if name == MARKER or not (name.startswith(".") or name in retain) or os.path.lexists(new / name):
            continue
        if entry.is_symlink():
            os.symlink(os.readlink(entry), new / name)
        elif entry.is_dir():
            shutil.copytree(entry, new / name, symlinks=True, copy_function=_link_or_copy)
        else:
            _link_or_copy(entry, new / name)


def _link_or_copy(src: str | Path, dst: str | Path) -> None:
    """Hard-link a regular file (callers recreate symlinks themselves), or copy it where links fail."""
    try:
        os.link(src, dst)
    except OSError:  # another file system, no hard links, or too many links: copy instead
        shutil.copy2(src, dst)


def _swap_in(staging: Path, target: Path) -> Path:
    """Put `staging` at `target`; return where the old site is now."""
    if _rename_exchange(staging, target):
        return staging
    # No atomic exchange here (not Linux, or a file system without it): two renames, undone on failure.
    # Named after the output, not by editing the staging name: the output's own name may contain ".tmp-".
    old = target.with_name(f".{target.name}.old-{staging.name.rpartition('-')[2]}")
    os.rename(target, old)
    try:
        os.rename(staging, target)
    except BaseException:
        os.rename(old, target)
        raise
    return old


def _rename_exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step with Linux renameat2(RENAME_EXCHANGE); False where unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        fn = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))
