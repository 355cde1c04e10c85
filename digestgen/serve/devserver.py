"""The preview HTTP server: serves the current in-memory site snapshot, localhost-only.

Knows nothing about building. `SiteState` holds the current immutable `Snapshot`; swapping it
is one attribute assignment, so a request sees the old site or the new one, never a mix.
What a request gets is decided in replies.py; this module does the connections.

Every connection (page requests, idle keep-alives, reload streams) is served by one asyncio loop
in the thread that runs `serve_forever`: an open connection costs a file descriptor, never a
thread. Deadlines (`Limits`) close connections that stall, and past a cap new ones get a 503.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import socket
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email.utils import formatdate
from types import MappingProxyType
from typing import Any, TextIO
from urllib.parse import parse_qs

from digestgen.serve.httpio import MAX_HEAD, BadRequest, Request, read_request, response_head
from digestgen.serve.replies import Reply, Snapshot, answer, site_path


class SiteState:
    """The snapshot being served, and who to tell when it changes."""

    def __init__(self) -> None:
        self._boot = secrets.token_hex(4)
        self._count = 0
        self._lock = threading.Lock()
        self._listeners: list[Callable[[], None]] = []
        self.closed = False
        self.current = Snapshot(token=f"{self._boot}-0")

    def publish(self, files: Mapping[str, bytes] | None = None, errors: tuple[str, ...] = ()) -> Snapshot:
        """Serve `files` (None: keep the current ones) with `errors` shown over every page."""
        with self._lock:
            self._count += 1
            files = self.current.files if files is None else MappingProxyType(dict(files))
            self.current = snap = Snapshot(files, tuple(errors), f"{self._boot}-{self._count}")
        self._notify()
        return snap

    def listen(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Call `listener` (from the publishing thread) after every change; returns the way to stop."""
        with self._lock:
            self._listeners.append(listener)
        return lambda: self._remove(listener)

    def close(self) -> None:
        self.closed = True
        self._notify()

    def _remove(self, listener: Callable[[], None]) -> None:
        with self._lock:
            self._listeners.remove(listener)

    def _notify(self) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            listener()


def _connection_cap() -> int:
    """4,096 open connections, fewer where the process may not open that many files (256 kept for builds)."""
    try:
        import resource

        soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    except (ImportError, OSError, ValueError):
        return 4096
    return 4096 if soft == resource.RLIM_INFINITY else max(16, min(4096, soft - 256))


@dataclass(frozen=True)
class Limits:
    """Deadlines and caps that keep stalled or surplus clients from starving the rest (times in seconds)."""

    head: float = 10.0
    """For a complete request head, from the connection's start or the end of the previous response."""
    write: float = 30.0
    """For the client to take each response or event; a client that stops reading is dropped."""
    ping: float = 10.0
    """Between keep-alive comments on a quiet reload stream."""
    connections: int = field(default_factory=_connection_cap)
    """Open at once; a connection beyond this gets a 503 and is closed."""
    backlog: int = 1024
    """Connections the kernel queues until the server accepts them."""


class DevServer:
    """HTTP/1.1 server on `host:port` answering from `state`, in one thread however many clients connect."""

    def __init__(
        self, host: str, port: int, state: SiteState, limits: Limits | None = None, log: TextIO | None = None
    ) -> None:
        self.host, self.state, self.limits, self.log = host, state, limits or Limits(), log or sys.stderr
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        dual = host == "::" and socket.has_dualstack_ipv6()
        self.socket = socket.create_server(
            (host, port), family=family, backlog=self.limits.backlog, dualstack_ipv6=dual
        )
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._stopping = False
        self._done = threading.Event()
        self._changed = asyncio.Event()
        self._tasks: set[asyncio.Task[Any]] = set()
        self._watching: Counter[str] = Counter()
        self._waiting: dict[asyncio.Task[Any], float] = {}
        """Connections waiting for a request head, with since when (the first to go at the cap)."""

    @property
    def port(self) -> int:
        return int(self.socket.getsockname()[1])

    def watched(self) -> frozenset[str]:
        """The pages open in a browser right now (those with a reload stream)."""
        with self._lock:
            return frozenset(p for p, n in self._watching.items() if n > 0)

    @property
    def connections(self) -> int:
        """Connections open right now: requests, idle keep-alives and reload streams."""
        return len(self._tasks)

    def serve_forever(self) -> None:
        """Answer requests until `shutdown` is called from another thread."""
        try:
            asyncio.run(self._serve())
        finally:
            self._done.set()

    def shutdown(self, timeout: float = 10.0) -> None:
        """Close every connection, stop `serve_forever` and wait (up to `timeout` s) until it has returned."""
        with self._lock:
            self._stopping = True
            loop, stop = self._loop, self._stop
        if loop is not None and stop is not None:
            self._call_soon(loop, stop.set)
        if not self._done.wait(timeout):
            print(f"digestgen serve: the server thread did not stop within {timeout:g} s", file=self.log)

    def server_close(self) -> None:
        """Close the listening socket."""
        self.socket.close()

    async def _serve(self) -> None:
        loop = asyncio.get_running_loop()
        loop.set_exception_handler(self._loop_error)
        stop = asyncio.Event()
        with self._lock:
            if self._stopping:
                return
            self._loop, self._stop = loop, stop
        unlisten = self.state.listen(lambda: self._call_soon(loop, self._wake))
        server = await asyncio.start_server(
            self._connection, sock=self.socket, backlog=self.limits.backlog, limit=MAX_HEAD
        )
        try:
            await stop.wait()
        finally:
            unlisten()
            server.close()
            for task in self._tasks:
                task.cancel()
            await asyncio.gather(*self._tasks, return_exceptions=True)

    @staticmethod
    def _call_soon(loop: asyncio.AbstractEventLoop, callback: Callable[[], None]) -> None:
        with contextlib.suppress(RuntimeError):  # the loop has already finished
            loop.call_soon_threadsafe(callback)

    def _wake(self) -> None:
        """A new snapshot (or the end): wake every reload stream."""
        self._changed.set()
        self._changed = asyncio.Event()

    def _loop_error(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        """One line instead of asyncio's traceback (e.g. out of file descriptors while accepting)."""
        exc = context.get("exception")
        print(f"digestgen serve: {context.get('message', 'error')}" + (f": {exc!r}" if exc else ""), file=self.log)

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        writer.transport.set_write_buffer_limits(high=0)  # drain() returns only once all is in the kernel
        try:
            over = len(self._tasks) > self.limits.connections and not self._evict_one()
            while await self._exchange(reader, writer, over):
                pass
        except (ConnectionError, TimeoutError):
            pass  # the client hung up or stopped reading: there is no one left to tell
        except asyncio.CancelledError:
            pass  # shutdown; ending normally spares Python 3.11's stream callback an error about it
        except Exception as exc:
            print(f"digestgen serve: internal error while answering: {exc!r}", file=self.log)
        finally:
            self._tasks.discard(task)
            self._waiting.pop(task, None)
            if writer.transport.get_write_buffer_size():
                writer.transport.abort()
            else:
                writer.close()

    def _evict_one(self) -> bool:
        """At the cap: close the connection that has waited longest without sending a whole request
        (idle or half-open), so that it, not a reader with a real request, loses its place."""
        if not self._waiting:
            return False
        oldest = min(self._waiting, key=self._waiting.__getitem__)
        del self._waiting[oldest]
        oldest.cancel()
        return True

    async def _exchange(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, over: bool) -> bool:
        """Read one request and answer it; whether the connection stays open for the next one."""
        task = asyncio.current_task()
        assert task is not None
        self._waiting[task] = time.monotonic()
        try:
            async with asyncio.timeout(min(self.limits.head, 1.0) if over else self.limits.head):
                request = await read_request(reader)
        except TimeoutError:
            return False  # idle or half-sent for too long: close without a word
        except BadRequest as exc:
            self._waiting.pop(task, None)
            await self._send(writer, Reply(exc.status, f"Bad request: {exc}\n".encode()), close=True)
            return False
        finally:
            self._waiting.pop(task, None)
        if request is None:
            return False
        if over:
            reply = Reply(503, b"Too many open connections; try again\n", headers=(("Retry-After", "1"),))
        else:
            reply = answer(request, self.state.current, self.host, self.port)
        if reply.stream and request.method == "GET":
            await self._events(request, reader, writer)
            return False
        close = over or reply.stream or not request.keep_alive or request.has_body or reply.status == 405
        await self._send(writer, reply, close, head_only=request.method == "HEAD")
        return not close

    async def _send(self, writer: asyncio.StreamWriter, reply: Reply, close: bool, head_only: bool = False) -> None:
        headers = [
            ("Server", "digestgen-serve"),
            ("Date", formatdate(usegmt=True)),
            ("Content-Type", reply.mime),
            ("Cache-Control", "no-store"),
            ("X-Content-Type-Options", "nosniff"),
            *reply.headers,
        ]
        if not reply.stream:
            headers.append(("Content-Length", str(len(reply.body))))
        if close:
            headers.append(("Connection", "close"))
        await self._write(writer, response_head(reply.status, headers), b"" if head_only else reply.body)

    async def _events(self, request: Request, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Server-Sent Events: the version of what a page shows (`page=`), or else the snapshot token,
        whenever it changes; a comment as keep-alive."""
        query = parse_qs(request.target.split("?", 1)[1] if "?" in request.target else "")
        since = query.get("since", [""])[0]
        page = query.get("page")
        rel = site_path("/" + page[0].lstrip("/")) if page else None
        if rel is not None:
            with self._lock:
                self._watching[rel] += 1
        try:
            await self._stream(reader, writer, since, rel if page else None, bool(page))
        finally:
            if rel is not None:
                with self._lock:
                    self._watching[rel] -= 1
                    if self._watching[rel] <= 0:
                        del self._watching[rel]

    async def _stream(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, since: str, rel: str | None, per_page: bool
    ) -> None:
        await self._send(writer, Reply(200, b"retry: 500\n\n", "text/event-stream", stream=True), close=True)
        # A closed tab ends its stream at once, not at the next ping: its place counts against the cap.
        gone = asyncio.ensure_future(_until_closed(reader))
        try:
            while not self.state.closed and not gone.done():
                changed = self._changed
                current = self.state.current
                token = current.version(rel) if per_page else current.token
                if token != since:
                    message, since = f"data: {token}\n\n".encode(), token
                else:
                    waiter = asyncio.ensure_future(changed.wait())
                    try:
                        await asyncio.wait(
                            (waiter, gone), timeout=self.limits.ping, return_when=asyncio.FIRST_COMPLETED
                        )
                    finally:
                        waiter.cancel()
                    if waiter.done() or gone.done():
                        continue
                    message = b": ping\n\n"
                await self._write(writer, message)
        finally:
            gone.cancel()

    async def _write(self, writer: asyncio.StreamWriter, *chunks: bytes) -> None:
        """Send `chunks`; TimeoutError if the client has not taken them all within the write deadline."""
        writer.writelines(chunks)
        async with asyncio.timeout(self.limits.write):  # not wait_for: in 3.11 it can swallow a cancel
            await writer.drain()


async def _until_closed(reader: asyncio.StreamReader) -> None:
    """Return when the client closes its end (an event stream's client sends nothing after its request)."""
    try:
        while await reader.read(4096):
            pass
    except ConnectionError:
        pass
