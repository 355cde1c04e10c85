"""PULL: what a feed folder holds, kept safe across runs, crashes and a second pull at once.

- The state file (`.digestgen-pull.json` in the feed's folder, beside its articles; a dotfile, so
  no build reads it) maps each item id to the file written for it and the hash of the bytes
  written. Deleting `.digestgen-cache/` leaves it alone.
- Every file is written beside its target under a dotted temporary name, flushed to disk, then
  renamed over it: a reader (or a build) sees the old file or the new one, never half of one. The
  state is written last, the same way; a pull killed before that finds its own files next time
  (same bytes: adopted) and tidies its temporary files.
- One pull at a time per project: an exclusive lock on `.digestgen-pull.lock` (the kernel drops it
  when the process dies, so a kill leaves no stale lock).
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from digestgen.errors import os_errors

STATE_NAME = ".digestgen-pull.json"
LOCK_NAME = ".digestgen-pull.lock"
TEMP_PREFIX = ".digestgen-pull-"
STATE_VERSION = 1


@dataclass
class Entry:
    """One item pulled: its file (name in the feed folder) and the hash of the bytes written."""

    file: str
    sha256: str


@dataclass
class FeedState:
    """The state of one feed folder."""

    etag: str | None = None
    last_modified: str | None = None
    items: dict[str, Entry] = field(default_factory=dict)

    def to_bytes(self) -> bytes:
        data = {
            "version": STATE_VERSION,
            "etag": self.etag,
            "last_modified": self.last_modified,
            "items": {k: {"file": e.file, "sha256": e.sha256} for k, e in sorted(self.items.items())},
        }
        return (json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


class StateError(Exception):
    """The state file cannot be read: pulling on would write every item again."""


def read_state(folder: Path) -> FeedState:
    """The folder's state; an empty one when there is no state file yet."""
    path = folder / STATE_NAME
    try:
        raw = json.loads(path.read_bytes())
    except FileNotFoundError:
        return FeedState()
    except (OSError, ValueError) as exc:
        raise StateError(f"cannot read {path.name} ({exc}); move it aside to pull this feed afresh") from None
    try:
        items = {str(k): Entry(str(v["file"]), str(v["sha256"])) for k, v in raw["items"].items()}
        return FeedState(raw.get("etag"), raw.get("last_modified"), items)
    except (KeyError, TypeError, AttributeError):
        raise StateError(f"{path.name} is not a pull state file; move it aside to pull this feed afresh") from None


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_hash(path: Path) -> str | None:
    """The hash of a file's bytes, None when it is gone."""
    try:
        return sha256(path.read_bytes())
    except FileNotFoundError:
        return None


def write_atomic(path: Path, data: bytes) -> None:
    """Write beside, flush to disk, rename over: `path` is the old file or the new one, never half."""
    temp = path.with_name(f"{TEMP_PREFIX}{os.getpid()}-{path.name}")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException:
        with _quietly():
            os.unlink(temp)
        raise


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def tidy(folder: Path) -> None:
    """Remove temporary files a killed pull left (the lock is held, so none is another's)."""
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return
    for name in names:
        if name.startswith(TEMP_PREFIX):
            with _quietly():
                os.unlink(folder / name)


def _quietly() -> suppress:
    return suppress(OSError)


class Busy(Exception):
    """Another pull holds the project's lock."""


@contextmanager
def project_lock(root: Path) -> Iterator[None]:
    """Hold the project's pull lock for the block; raises Busy at once when another pull holds it,
    BuildFailed when the lock file cannot be made."""
    path = root / LOCK_NAME
    with os_errors("take the pull lock", str(path)):
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        with os_errors("take the pull lock", str(path)):
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    raise Busy(os.pread(fd, 32, 0).decode("ascii", "replace").strip()) from None
                raise
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # closing drops the lock
