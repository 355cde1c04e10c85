"""A time budget for one file's work: past it, the work is stopped and that file fails cleanly.

`time_limit(seconds)` raises `Overtime` inside the block once it has run that long. Python code is
stopped at its next bytecode: in the main thread by SIGALRM, in another thread (serve's rebuild
thread) by an exception set on that thread from a timer. Work stuck inside one C call (a regular
expression) is beyond both; a worker process stuck so is killed by its parent (pipeline/parallel.py).
"""

from __future__ import annotations

import contextlib
import ctypes
import signal
import threading
from collections.abc import Iterator
from types import FrameType


class Overtime(Exception):
    """The block ran past its time limit."""


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise Overtime


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Run the block with a limit of `seconds` (0 or less: none); raises Overtime when it is passed."""
    if seconds <= 0:
        yield
        return
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        with _by_signal(seconds):
            yield
    else:
        with _by_thread(seconds):
            yield


@contextlib.contextmanager
def _by_signal(seconds: float) -> Iterator[None]:
    fired = []

    def alarm(signum: int, frame: FrameType | None) -> None:
        fired.append(True)
        _alarm(signum, frame)

    earlier = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, earlier)
    # The alarm's exception can be swallowed where it lands (a gc callback, a bare `except`): the
    # block then ran to its end, and is still over its time.
    if fired:
        raise Overtime


@contextlib.contextmanager
def _by_thread(seconds: float) -> Iterator[None]:
    target = threading.get_ident()
    lock = threading.Lock()
    state = {"done": False, "fired": False}

    def fire() -> None:
        with lock:
            if not state["done"]:
                state["fired"] = True
                _set_async(target, Overtime)

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            state["done"] = True
            if state["fired"]:  # fired, but the block ended first: take back what was not raised yet
                _set_async(target, None)
    if state["fired"]:
        raise Overtime


def _set_async(thread: int, exc: type[BaseException] | None) -> None:
    """Raise `exc` in `thread` at its next bytecode (None: clear a pending one)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread), ctypes.py_object(exc) if exc else None)
