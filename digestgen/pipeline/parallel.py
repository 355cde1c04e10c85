"""Both cores: map a function over chunks of work in forked processes, results in input order.

The work's shared state (configuration, registry, plan) reaches the workers through `fork`,
not through pickling, so starting them costs milliseconds. Where forking is unsafe or
unavailable (threads already running, no `fork`, one core, little work), the same function
runs in this process: output never depends on the path taken.

A worker that dies (the out-of-memory killer's `kill -9`) fails the run at once, naming the item it
was on; one that spends longer than `limit` seconds on an item inside a single C call (where its
own time limit cannot reach, see budget.py) is killed and named the same way. Workers die with
their parent, so no orphan keeps a build's lock.
"""

from __future__ import annotations

import contextlib
import copyreg
import ctypes
import io
import os
import pickle
import select
import signal
import struct
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")
GRACE = 5.0
"""Seconds past an item's own limit before its worker is killed from outside."""
_HEAD = struct.Struct("<cQ")
_TASK = struct.Struct("<q")


class WorkerFailed(Exception):
    """A worker process died or was stopped; `what` names the item it was on, `how` the cause."""

    def __init__(self, worker: int, how: str, item: int | None) -> None:
        super().__init__(f"worker {worker} {how}")
        self.worker, self.how, self.item = worker, how, item


def available_cores() -> int:
    """Cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def map_chunks(
    fn: Callable[[Any, Sequence[T]], R],
    state: Any,
    items: Sequence[T],
    jobs: int,
    chunk: int = 100,
    limit: float = 0.0,
) -> list[R]:
    """`[fn(state, c) for c in chunks(items)]`, spread over `jobs` processes when that pays.

    Raises WorkerFailed (with the index into `items` of the item a worker was on) when a worker dies
    or spends more than `limit` + GRACE seconds on one item. `fn` reports the item it starts with
    `started(i)` (the item's index in its chunk) for that to be known.
    """
    chunks = [items[i : i + chunk] for i in range(0, len(items), chunk)]
    if not _can_fork(jobs, len(chunks)):
        return [fn(state, c) for c in chunks]
    pool = _Pool(fn, state, chunks, [i * chunk for i in range(len(chunks))], min(jobs, len(chunks)), limit)
    return pool.run()


def _can_fork(jobs: int, chunks: int) -> bool:
    return (
        jobs > 1 and chunks > 1 and hasattr(os, "fork") and threading.active_count() == 1
    )  # forking beside other threads can deadlock the child


# --- inside a worker -----------------------------------------------------------------------------

_REPORT: Callable[[int], None] | None = None
"""Set only inside a worker process: how `started` tells the parent which item is running."""


def started(item: int) -> None:
    """Tell the parent (if this is a worker) that the `item`-th item of the chunk in hand starts."""
    if _REPORT is not None:
        _REPORT(item)


def _worker(fn: Callable[[Any, Any], Any], state: Any, chunks: Sequence[Any], tasks: int, results: int) -> None:
    global _REPORT
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what Ctrl-C does

    def report(item: int) -> None:
        _send(results, b"s", struct.pack("<q", item))

    _REPORT = report
    while True:
        task = _read_exact(tasks, _TASK.size)
        if not task:
            return
        (number,) = _TASK.unpack(task)
        if number < 0:
            return
        try:
            buffer = io.BytesIO()
            _Pickler(buffer, pickle.HIGHEST_PROTOCOL).dump(fn(state, chunks[number]))
            _send(results, b"d", buffer.getvalue())
        except BaseException:
            _send(results, b"e", traceback.format_exc().encode("utf-8", "replace"))


def _die_with_parent() -> None:
    """Linux: this process gets SIGKILL when its parent dies (no orphan keeps the build's lock)."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


# --- the parent ----------------------------------------------------------------------------------


@dataclass
class _Worker:
    pid: int
    tasks: int
    results: int
    buffer: bytearray = field(default_factory=bytearray)
    chunk: int | None = None
    item: int | None = None
    since: float = 0.0


class _Pool:
    """Forked workers fed chunk numbers one at a time; results come back by chunk number."""

    def __init__(
        self,
        fn: Callable[[Any, Any], Any],
        state: Any,
        chunks: Sequence[Any],
        offsets: Sequence[int],
        jobs: int,
        limit: float,
    ) -> None:
        self.fn, self.state, self.chunks, self.offsets, self.jobs, self.limit = fn, state, chunks, offsets, jobs, limit
        self.workers: list[_Worker] = []
        self.results: dict[int, Any] = {}
        self.next = 0

    def run(self) -> list[Any]:
        try:
            for _ in range(self.jobs):
                self._spawn()
            for worker in self.workers:
                self._feed(worker)
            while len(self.results) < len(self.chunks):
                self._wait()
            return [self.results[i] for i in range(len(self.chunks))]
        finally:
            self._stop()

    def _spawn(self) -> None:
        task_r, task_w = os.pipe()
        result_r, result_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns into the caller's code
            code = 0
            try:
                os.close(task_w)
                os.close(result_r)
                for other in self.workers:
                    os.close(other.tasks)
                    os.close(other.results)
                _worker(self.fn, self.state, self.chunks, task_r, result_w)
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        os.close(task_r)
        os.close(result_w)
        self.workers.append(_Worker(pid, task_w, result_r))

    def _feed(self, worker: _Worker) -> None:
        if self.next < len(self.chunks):
            worker.chunk, worker.item, worker.since = self.next, self.offsets[self.next], time.monotonic()
            os.write(worker.tasks, _TASK.pack(self.next))
            self.next += 1
        else:
            worker.chunk = None
            with contextlib.suppress(OSError):
                os.write(worker.tasks, _TASK.pack(-1))

    def _wait(self) -> None:
        busy = [w for w in self.workers if w.chunk is not None]
        timeout = None
        if self.limit > 0:
            now = time.monotonic()
            timeout = max(0.0, min(w.since + self.limit + GRACE - now for w in busy))
        readable, _, _ = select.select([w.results for w in busy], [], [], timeout)
        if not readable:
            late = min(busy, key=lambda w: w.since)
            if time.monotonic() - late.since >= self.limit + GRACE:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(late.pid, signal.SIGKILL)
                raise WorkerFailed(self.workers.index(late) + 1, f"took longer than {self.limit:g} s", late.item)
            return
        for worker in self.workers:
            if worker.results in readable:
                self._read(worker)

    def _read(self, worker: _Worker) -> None:
        data = os.read(worker.results, 1 << 20)
        if not data:  # the worker is gone before it answered
            raise WorkerFailed(self.workers.index(worker) + 1, self._how(worker), worker.item)
        worker.buffer += data
        while len(worker.buffer) >= _HEAD.size:
            kind, size = _HEAD.unpack_from(worker.buffer)
            if len(worker.buffer) < _HEAD.size + size:
                return
            payload = bytes(worker.buffer[_HEAD.size : _HEAD.size + size])
            del worker.buffer[: _HEAD.size + size]
            if kind == b"s":  # the worker starts an item of its chunk
                assert worker.chunk is not None
                worker.item = self.offsets[worker.chunk] + struct.unpack("<q", payload)[0]
                worker.since = time.monotonic()
            elif kind == b"d":
                assert worker.chunk is not None
                self.results[worker.chunk] = pickle.loads(payload)
                self._feed(worker)
            else:
                raise RuntimeError(f"a worker process failed:\n{payload.decode('utf-8', 'replace')}")

    def _how(self, worker: _Worker) -> str:
        """How a worker ended: 'died (signal 9)', 'exited with status 1'."""
        try:
            _, status = os.waitpid(worker.pid, 0)
        except ChildProcessError:
            return "died"
        worker.pid = 0
        if os.WIFSIGNALED(status):
            return f"died (signal {os.WTERMSIG(status)})"
        return f"exited with status {os.WEXITSTATUS(status)}"

    def _stop(self) -> None:
        """End every worker (asked nicely when done, killed otherwise) and reap it."""
        finished = len(self.results) == len(self.chunks)
        for worker in self.workers:
            for fd in (worker.tasks, worker.results):
                with contextlib.suppress(OSError):
                    os.close(fd)
            if worker.pid and not finished:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(worker.pid, signal.SIGKILL)
        for worker in self.workers:
            if worker.pid:
                with contextlib.suppress(ChildProcessError):
                    os.waitpid(worker.pid, 0)


def _send(fd: int, kind: bytes, payload: bytes) -> None:
    data = memoryview(_HEAD.pack(kind, len(payload)) + payload)
    while data:
        data = data[os.write(fd, data) :]


def _read_exact(fd: int, size: int) -> bytes:
    data = b""
    while len(data) < size:
        part = os.read(fd, size - len(data))
        if not part:
            return b""
        data += part
    return data


class _Pickler(pickle.Pickler):
    """Sends results home; read-only mappings (frozen model fields) travel as the dicts they wrap."""

    def __init__(self, file: io.BytesIO, protocol: int) -> None:
        super().__init__(file, protocol)
        self.dispatch_table = {**copyreg.dispatch_table, MappingProxyType: lambda m: (readonly, (dict(m),))}


def readonly(mapping: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    """Rebuilds a read-only mapping on the way out of a worker."""
    return MappingProxyType(mapping)
