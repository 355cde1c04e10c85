"""Watch the project's sources with watchdog and hand over changes in debounced batches."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from digestgen.pipeline.load.sources import is_ignored


class Debouncer:
    """Collects changed paths; `wait` returns them once no new one arrived for `delay` seconds.

    Changes that arrive while the caller is busy (rebuilding) accumulate and come back as
    one more batch, so any burst costs at most one rebuild plus one for what came during it.
    """

    def __init__(self, delay: float = 0.1, limit: float = 1.0) -> None:
        self.delay, self.limit = delay, limit
        self._pending: set[Path] = set()
        self._first = self._last = 0.0
        self._cond = threading.Condition()
        self._closed = False

    def add(self, paths: Iterable[Path]) -> None:
        with self._cond:
            now = time.monotonic()
            if not self._pending:
                self._first = now
            self._pending.update(paths)
            self._last = now
            self._cond.notify_all()

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    def idle(self, seconds: float) -> None:
        """Wait up to `seconds`, returning early when a change (or the end) arrives."""
        deadline = time.monotonic() + seconds
        with self._cond:
            while not (self._pending or self._closed) and (left := deadline - time.monotonic()) > 0:
                self._cond.wait(left)

    def pending(self) -> bool:
        """Whether changes (or the end) are waiting: work in hand may stop and leave the rest to them."""
        with self._cond:
            return bool(self._pending) or self._closed

    def wait(self, timeout: float | None = None) -> frozenset[Path] | None:
        """The next batch, or None on timeout or close."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            while not self._closed:
                now = time.monotonic()
                if self._pending:
                    due = min(self._last + self.delay, self._first + self.limit)
                    if now >= due:
                        batch, self._pending = frozenset(self._pending), set()
                        return batch
                    self._cond.wait(due - now)
                    continue
                if deadline is not None and now >= deadline:
                    return None
                self._cond.wait(None if deadline is None else deadline - now)
            return None


class _Handler(FileSystemEventHandler):
    """Forwards relevant paths: not litter, not inside an ignored folder, only `files` if given."""

    def __init__(self, sink: Debouncer, ignore: tuple[Path, ...], files: frozenset[Path] | None) -> None:
        self.sink, self.ignore, self.files = sink, ignore, files

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        if event.is_directory and event.event_type == "modified":
            return  # a file inside changed; its own event follows
        paths = [Path(_str(p)) for p in (event.src_path, getattr(event, "dest_path", "")) if p]
        keep = [p for p in paths if self._relevant(p)]
        if keep:
            self.sink.add(keep)

    def _relevant(self, path: Path) -> bool:
        if self.files is not None:
            return path in self.files
        return not (is_ignored(path.name) or any(path.is_relative_to(i) for i in self.ignore))


def _str(value: str | bytes) -> str:
    return value.decode() if isinstance(value, bytes) else value


class Watcher:
    """Watch folders recursively and single files (through their folder) into a Debouncer."""

    def __init__(
        self,
        sink: Debouncer,
        folders: Iterable[Path],
        files: Iterable[Path] = (),
        ignore: Iterable[Path] = (),
        polling: bool = False,
        log: TextIO | None = None,
    ) -> None:
        self.sink = sink
        self.folders = sorted({f.resolve() for f in folders if f.is_dir()})
        self.files = frozenset(f.absolute().parent.resolve() / f.name for f in files)
        self.ignore = tuple(i.resolve() for i in ignore)
        self.polling, self.log = polling, log or sys.stderr
        self.observer: BaseObserver | None = None

    def start(self) -> None:
        """Native events where possible; polling (with a notice) where they are unavailable."""
        if not self.polling:
            try:
                self.observer = self._schedule(Observer())
                self.observer.start()
                return
            except OSError as exc:  # e.g. inotify watch limit reached
                print(f"notice: native file events unavailable ({exc}); polling for changes instead", file=self.log)
        self.observer = self._schedule(PollingObserver(timeout=0.3))
        self.observer.start()

    def _schedule(self, observer: BaseObserver) -> BaseObserver:
        for folder in self.folders:
            observer.schedule(_Handler(self.sink, self.ignore, None), str(folder), recursive=True)
        by_dir: dict[Path, set[Path]] = {}
        for file in self.files:
            if not any(file.is_relative_to(f) for f in self.folders):
                by_dir.setdefault(file.parent, set()).add(file)
        for folder, names in by_dir.items():
            if folder.is_dir():
                observer.schedule(_Handler(self.sink, self.ignore, frozenset(names)), str(folder), recursive=False)
        return observer

    def stop(self) -> None:
        if self.observer is not None:
            self.observer.stop()
            self.observer.join(timeout=5)
            self.observer = None
