"""The preview HTTP server under hostile or heavy use, over raw sockets: hang-ups, stalls, floods, odd requests.

These tests count threads and connections and check replies; they never assert timings (benchmarks/serve_load.py
measures those).
"""

from __future__ import annotations

import contextlib
import io
import re
import socket
import struct
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack

import pytest

from digestgen.serve import devserver
from digestgen.serve.devserver import DevServer, Limits, SiteState

PAGE = b"<!doctype html><title>Home</title><body><p>Home page</p></body>"
BIG = 32 * 1024 * 1024  # more than the kernel buffers of both ends hold, so the server is mid-write at a hang-up


def wait_until(predicate: Callable[[], bool], timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()


def request(port: int, head: str) -> bytes:
    """Send `head` byte for byte and return everything the server sends until it closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(head.encode("latin-1"))
        return read_to_end(sock)


def read_to_end(sock: socket.socket) -> bytes:
    data = b""
    while chunk := sock.recv(65536):
        data += chunk
    return data


def read_until(sock: socket.socket, marker: bytes) -> bytes:
    """What arrives until `marker` has (or the server closes)."""
    data = b""
    while marker not in data and (chunk := sock.recv(4096)):
        data += chunk
    return data


def get(port: int, path: str = "/", extra: str = "") -> tuple[int, bytes]:
    data = request(port, f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{extra}Connection: close\r\n\r\n")
    return int(data.split(b" ", 2)[1]), data.partition(b"\r\n\r\n")[2]


def status_of(data: bytes) -> int:
    return int(data.split(b" ", 2)[1])


def start(state: SiteState, limits: Limits | None = None, log: io.StringIO | None = None) -> DevServer:
    if limits is None and log is None:  # the plain call, which the thread-per-connection server also took
        server = DevServer("127.0.0.1", 0, state)
    else:
        server = DevServer("127.0.0.1", 0, state, limits, log or sys.stderr)
    threading.Thread(target=server.serve_forever, name="test-devserver", daemon=True).start()
    return server


@pytest.fixture
def state() -> SiteState:
    state = SiteState()
    state.publish({"index.html": PAGE, "big.bin": b"x" * BIG, "static/style.css": b"body{}"})
    return state


@pytest.fixture
def server(state: SiteState) -> Iterator[DevServer]:
    server = start(state)
    yield server
    server.shutdown()
    server.server_close()


def open_sockets(port: int, count: int, send: bytes = b"") -> ExitStack:
    """`count` connections that send `send` (maybe nothing) and then nothing more; closed with the stack."""
    stack = ExitStack()
    for _ in range(count):
        sock = stack.enter_context(socket.create_connection(("127.0.0.1", port), timeout=5))
        if send:
            sock.sendall(send)
    return stack


# --- hang-ups and HEAD ---------------------------------------------------------------------------


def test_client_hanging_up_mid_response_prints_no_traceback(
    server: DevServer, capfd: pytest.CaptureFixture[str]
) -> None:
    threads = threading.active_count()
    for _ in range(3):
        sock = socket.create_connection(("127.0.0.1", server.port), timeout=5)
        sock.sendall(f"GET /big.bin HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n\r\n".encode())
        assert sock.recv(65536)  # the reply has started
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()  # a reset, as when a browser tab closes mid-download
    # the server is done with them once no connection (or, thread per connection, no handler) is left
    assert wait_until(lambda: getattr(server, "connections", 0) == 0 and threading.active_count() <= threads)
    assert get(server.port)[0] == 200
    err = capfd.readouterr().err
    assert "Traceback" not in err and "Error" not in err, err


def test_head_on_the_reload_endpoint_sends_headers_only(server: DevServer) -> None:
    data = request(server.port, f"HEAD /__digestgen/events HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n\r\n")
    head, _, body = data.partition(b"\r\n\r\n")
    assert status_of(head) == 200 and b"Content-Type: text/event-stream" in head
    assert body == b""


def test_head_on_a_page_sends_its_length_but_no_body(server: DevServer) -> None:
    port = server.port
    data = request(port, f"HEAD / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n")
    head, _, body = data.partition(b"\r\n\r\n")
    assert status_of(head) == 200 and body == b""
    assert f"Content-Length: {len(get(port)[1])}".encode() in head


# --- ambiguous and malformed requests ------------------------------------------------------------


@pytest.mark.parametrize(
    "hosts", [("127.0.0.1", "evil.example"), ("evil.example", "127.0.0.1"), ("127.0.0.1", "127.0.0.1")]
)
def test_two_host_headers_are_refused(server: DevServer, hosts: tuple[str, str]) -> None:
    first, second = hosts
    head = f"GET / HTTP/1.1\r\nHost: {first}\r\nhost: {second}\r\nConnection: close\r\n\r\n"
    assert status_of(request(server.port, head)) == 400


@pytest.mark.parametrize(
    ("head", "status"),
    [
        ("GET /\r\n\r\n", 400),  # HTTP/0.9: no version, no Host
        ("GET / HTTP/1.1\r\nHost : 127.0.0.1\r\n\r\n", 400),  # space before the colon
        ("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n folded\r\n\r\n", 400),
        ("GET /a\rLocation: x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 400),  # bare CR in the target
        ("GET / HTTP/2.0\r\nHost: 127.0.0.1\r\n\r\n", 505),
        ("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n", 405),
        ("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a" * 70_000 + "\r\n\r\n", 431),
    ],
)
def test_malformed_requests_get_a_clear_status(server: DevServer, head: str, status: int) -> None:
    assert status_of(request(server.port, head)) == status


def test_keep_alive_answers_requests_in_turn_on_one_connection(server: DevServer) -> None:
    port = server.port
    one = f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"
    two = f"GET /static/style.css HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    data = request(port, one + two)
    assert data.count(b"HTTP/1.1 200 OK\r\n") == 2 and data.endswith(b"body{}")
    assert status_of(request(port, f"GET / HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n")) == 200  # closes


# --- many connections ----------------------------------------------------------------------------


def test_idle_connections_cost_no_threads(server: DevServer) -> None:
    threads = threading.active_count()
    with open_sockets(server.port, 200):
        assert get(server.port)[0] == 200  # answered after every earlier connection was accepted
        assert threading.active_count() <= threads
        assert server.connections >= 200


def test_a_normal_request_succeeds_while_many_half_open_connections_are_held(server: DevServer) -> None:
    half = f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\nUser-Agent: slo".encode()
    with open_sockets(server.port, 300, half):
        for path in ("/", "/static/style.css", "/nowhere"):
            assert get(server.port, path)[0] in (200, 404)
        assert get(server.port)[1].startswith(b"<!doctype html>")


def test_reload_streams_share_the_server_thread_and_all_hear_a_change(state: SiteState, server: DevServer) -> None:
    threads = threading.active_count()
    token = state.current.token
    streams = []
    with ExitStack() as stack:
        for _ in range(30):
            sock = stack.enter_context(socket.create_connection(("127.0.0.1", server.port), timeout=5))
            sock.sendall(f"GET /__digestgen/events?since={token} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
            streams.append(sock)
        for sock in streams:
            assert b"retry: 500\n\n" in read_until(sock, b"retry: 500\n\n")
        assert threading.active_count() <= threads
        new = state.publish({"index.html": PAGE + b"<!-- v2 -->"}).token
        for sock in streams:
            assert f"data: {new}\n\n".encode() in read_until(sock, f"data: {new}\n\n".encode())


def test_stalled_connections_are_closed_at_the_deadline(state: SiteState) -> None:
    server = start(state, Limits(head=0.2))
    try:
        with socket.create_connection(("127.0.0.1", server.port), timeout=5) as idle:
            assert idle.recv(1) == b""  # closed by the server, well before the socket timeout
        with socket.create_connection(("127.0.0.1", server.port), timeout=5) as half:
            half.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            assert half.recv(1) == b""
        assert get(server.port)[0] == 200
    finally:
        server.shutdown()
        server.server_close()


def test_connections_beyond_the_cap_get_503_until_some_close(state: SiteState) -> None:
    """At the cap with every connection in real use (reload streams), a new one is told to retry."""
    server = start(state, Limits(connections=3))
    stream = f"GET /__digestgen/events?since=x HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n\r\n".encode()
    try:
        with open_sockets(server.port, 3, stream):
            assert wait_until(lambda: server.connections == 3 and not server._waiting)
            assert get(server.port)[0] == 503
        assert wait_until(lambda: server.connections == 0)
        assert get(server.port)[0] == 200
    finally:
        server.shutdown()
        server.server_close()


def test_half_open_connections_at_the_cap_give_way_to_real_requests(state: SiteState) -> None:
    """Thousands of half-sent requests (a slowloris, or a flaky proxy) no longer lock readers out until they time out."""
    server = start(state, Limits(connections=20))
    half = f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\nUser-Agent: slo".encode()
    try:
        with open_sockets(server.port, 25, half):
            assert wait_until(lambda: server.connections >= 20)
            for _ in range(5):
                assert get(server.port)[0] == 200
    finally:
        server.shutdown()
        server.server_close()


def test_an_internal_error_is_one_line_and_the_server_keeps_serving(
    state: SiteState, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = io.StringIO()
    server = start(state, log=log)
    try:
        monkeypatch.setattr(devserver, "answer", lambda *args: 1 // 0)
        with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
            sock.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
            assert read_to_end(sock) == b""
        monkeypatch.undo()
        assert get(server.port)[0] == 200
    finally:
        server.shutdown()
        server.server_close()
    assert log.getvalue().count("\n") == 1 and "ZeroDivisionError" in log.getvalue()
    assert "Traceback" not in log.getvalue()


def test_shutdown_closes_open_connections_quietly(state: SiteState, capfd: pytest.CaptureFixture[str]) -> None:
    server = start(state)
    with open_sockets(server.port, 20) as stack:
        stream = stack.enter_context(socket.create_connection(("127.0.0.1", server.port), timeout=5))
        token = state.current.token
        stream.sendall(f"GET /__digestgen/events?since={token} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
        read_until(stream, b"retry: 500\n\n")
        assert wait_until(lambda: server.connections == 21)
        server.shutdown()
        server.server_close()
        assert read_to_end(stream) == b""  # the end of the stream, not a socket timeout
        assert server.connections == 0
    assert capfd.readouterr().err == ""


def test_a_page_reloads_when_what_it_shows_changes_and_only_then(state: SiteState) -> None:
    server = start(state, Limits(ping=0.2))
    try:
        _reload_only_what_changed(state, server)
    finally:
        server.shutdown()
        server.server_close()


def _reload_only_what_changed(state: SiteState, server: DevServer) -> None:
    other = b"<!doctype html><title>Other</title><body><p>Other</p></body>"
    state.publish({**state.current.files, "other/index.html": other})
    page = get(server.port, "/other/")[1].decode()
    version = re.search(r'var t="([0-9a-f]+)"', page)
    assert version and "page=other/index.html" in page
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as stream:
        stream.sendall(
            f"GET /__digestgen/events?page=other/index.html&since={version[1]} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode()
        )
        read_until(stream, b"retry: 500\n\n")
        assert wait_until(lambda: server.watched() == {"other/index.html"})
        state.publish({**state.current.files, "index.html": PAGE + b"<!-- home changed -->"})
        time.sleep(0.5)
        stream.settimeout(0.1)
        heard = b""
        with contextlib.suppress(TimeoutError):
            while chunk := stream.recv(4096):
                heard += chunk
        assert b"data:" not in heard  # another page changed (only pings came): this one is not told to reload
        stream.settimeout(5)
        state.publish({**state.current.files, "other/index.html": other + b"<!-- v2 -->"})
        # Pings may come first on a loaded machine; the reload must follow within the 5 s timeout.
        assert b"data: " in read_until(stream, b"data: ")
    assert wait_until(lambda: server.watched() == frozenset())


def test_a_closed_reload_stream_frees_its_place_before_the_next_ping(state: SiteState) -> None:
    """The server hears a tab close at once; waiting for the next keep-alive ping would hold the place."""
    server = start(state, Limits(connections=3, ping=60.0))
    stream = f"GET /__digestgen/events?since=x HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n\r\n".encode()
    try:
        with open_sockets(server.port, 3, stream):
            assert wait_until(lambda: server.connections == 3)
        assert wait_until(lambda: server.connections == 0, timeout=5.0)
    finally:
        server.shutdown()
        server.server_close()
