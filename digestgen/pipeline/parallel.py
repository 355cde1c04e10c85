"""Both cores: map a function over chunks of work in forked processes, results in input order.

The work's shared state (configuration, registry, plan) reaches the workers through `fork`,
not through pickling, so starting them costs milliseconds. Where forking is unsafe or
unavailable (threads already running, no `fork`, one core, little work), the same function
runs in this process: output never depends on the path taken.
"""

from __future__ import annotations

import copyreg
import io
import multiprocessing
import os
import pickle
import threading
from collections.abc import Callable, Sequence
from types import MappingProxyType
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")
# Set only inside a worker process, by its initializer: the function and the state it runs with.
_WORKER: tuple[Callable[[Any, Any], Any], Any] | None = None


def available_cores() -> int:
    """Cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def map_chunks(
    fn: Callable[[Any, Sequence[T]], R], state: Any, items: Sequence[T], jobs: int, chunk: int = 100
) -> list[R]:
    """`[fn(state, c) for c in chunks(items)]`, spread over `jobs` processes when that pays."""
    chunks = [items[i : i + chunk] for i in range(0, len(items), chunk)]
    if not _can_fork(jobs, len(chunks)):
        return [fn(state, c) for c in chunks]
    context = multiprocessing.get_context("fork")
    with context.Pool(min(jobs, len(chunks)), initializer=_start_worker, initargs=(fn, state)) as pool:
        return [pickle.loads(data) for data in pool.map(_run_chunk, chunks, chunksize=1)]


def _can_fork(jobs: int, chunks: int) -> bool:
    return (
        jobs > 1 and chunks > 1 and "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
    )  # forking beside other threads can deadlock the child


def _start_worker(fn: Callable[[Any, Any], Any], state: Any) -> None:
    global _WORKER
    _WORKER = (fn, state)


def _run_chunk(chunk: Any) -> bytes:
    assert _WORKER is not None
    fn, state = _WORKER
    buffer = io.BytesIO()
    _Pickler(buffer, pickle.HIGHEST_PROTOCOL).dump(fn(state, chunk))
    return buffer.getvalue()


class _Pickler(pickle.Pickler):
    """Sends results home; read-only mappings (frozen model fields) travel as the dicts they wrap."""

    def __init__(self, file: io.BytesIO, protocol: int) -> None:
        super().__init__(file, protocol)
        self.dispatch_table = {**copyreg.dispatch_table, MappingProxyType: lambda m: (readonly, (dict(m),))}


def readonly(mapping: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    """Rebuilds a read-only mapping on the way out of a worker."""
    return MappingProxyType(mapping)
