"""The preview HTTP server: serves an in-memory site snapshot, confined and localhost-only.

Knows nothing about building. `SiteState` holds the current immutable `Snapshot`; swapping it
is one attribute assignment, so a request sees the old site or the new one, never a mix.
HTML responses get a live-reload script (Server-Sent Events) and, after a failed rebuild, an
error overlay; the built files themselves are never changed.
"""

from __future__ import annotations

import html
import ipaddress
import mimetypes
import secrets
import socket
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import MappingProxyType
from typing import Mapping
from urllib.parse import parse_qs, unquote

EVENTS = "/__digestgen/events"
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


@dataclass(frozen=True)
class Snapshot:
    """One complete site (output path -> bytes) plus the errors of the latest rebuild."""

    files: Mapping[str, bytes] = field(default_factory=lambda: MappingProxyType({}))
    errors: tuple[str, ...] = ()
    token: str = ""
    """Changes whenever anything served changes; open pages reload when it does."""


class SiteState:
    """The snapshot being served, and a way to wait for the next one."""

    def __init__(self) -> None:
        self._boot = secrets.token_hex(4)
        self._count = 0
        self._cond = threading.Condition()
        self.closed = False
        self.current = Snapshot(token=f"{self._boot}-0")

    def publish(self, files: Mapping[str, bytes] | None = None, errors: tuple[str, ...] = ()) -> Snapshot:
        """Serve `files` (None: keep the current ones) with `errors` shown over every page."""
        with self._cond:
            self._count += 1
            files = self.current.files if files is None else MappingProxyType(dict(files))
            self.current = Snapshot(files, tuple(errors), f"{self._boot}-{self._count}")
            self._cond.notify_all()
            return self.current

    def wait_change(self, token: str, timeout: float) -> Snapshot:
        """The current snapshot as soon as its token differs from `token` (or after `timeout`)."""
        with self._cond:
            self._cond.wait_for(lambda: self.closed or self.current.token != token, timeout)
            return self.current

    def close(self) -> None:
        with self._cond:
            self.closed = True
            self._cond.notify_all()


def site_path(raw: str) -> str | None:
    """The site-relative file a request path names, or None if it could leave the site.

    Refused before and after percent-decoding: `..` and `.` segments, empty segments (`//`),
    backslashes and NUL. Folder paths map to their `index.html`.
    """
    path = raw.split("?", 1)[0].split("#", 1)[0]
    for text in (path, _decode(path)):
        if text is None or not text.startswith("/") or "\\" in text or "\0" in text or "//" in text:
            return None
        if any(part in (".", "..") for part in text[1:].split("/")):
            return None
    rel = _decode(path)[1:]  # type: ignore[index]
    return rel + "index.html" if rel == "" or rel.endswith("/") else rel


def _decode(path: str) -> str | None:
    try:
        return unquote(path, errors="strict")
    except UnicodeDecodeError:
        return None


def host_allowed(header: str | None, bound: str) -> bool:
    """DNS-rebinding guard: the Host must be localhost, the bound host, or (bound to all) an IP."""
    if not header:
        return False
    name = header.strip().lower()
    if name.startswith("["):
        name = name[1:].split("]", 1)[0]
    elif name.count(":") == 1:
        name = name.split(":", 1)[0]
    if name in LOCAL_HOSTS or name == bound.lower().strip("[]"):
        return True
    if bound in ("0.0.0.0", "::", ""):
        try:
            ipaddress.ip_address(name)
            return True
        except ValueError:
            return False
    return False


def _reload_tags(snap: Snapshot) -> bytes:
    """The live-reload script, plus the error overlay when the latest rebuild failed."""
    overlay = ""
    if snap.errors:
        lines = "\n".join(html.escape(e) for e in snap.errors)
        overlay = ('<div id="digestgen-errors" role="alert" style="position:fixed;inset:0;z-index:2147483647;'
                   'overflow:auto;background:rgba(20,0,0,.92);color:#fff;font:14px/1.5 ui-monospace,monospace;'
                   'padding:2rem"><h2 style="color:#ff8080;font:bold 18px sans-serif;margin:0 0 1rem">'
                   'digestgen: rebuild failed; showing the last good build underneath</h2>'
                   f'<pre style="white-space:pre-wrap;margin:0">{lines}</pre></div>')
    script = ('<script>(function(){var t=%s;var es=new EventSource("%s?since="+encodeURIComponent(t));'
              'es.onmessage=function(e){if(e.data!==t){es.close();location.reload();}};})();</script>'
              % (_js_string(snap.token), EVENTS))
    return (overlay + script).encode("utf-8")


def _js_string(text: str) -> str:
    return '"' + "".join(c for c in text if c.isalnum() or c == "-") + '"'


def inject(page: bytes, snap: Snapshot) -> bytes:
    """Insert the reload tags before the last `</body>` (or at the end)."""
    tags = _reload_tags(snap)
    at = page.lower().rfind(b"</body>")
    return page + tags if at < 0 else page[:at] + tags + page[at:]


class _Handler(BaseHTTPRequestHandler):
    server: DevServer
    protocol_version = "HTTP/1.1"
    server_version = "digestgen-serve"

    def do_GET(self) -> None:
        self._respond(body=True)

    def do_HEAD(self) -> None:
        self._respond(body=False)

    def _respond(self, body: bool) -> None:
        if not host_allowed(self.headers.get("Host"), self.server.host):
            return self._send(403, b"Forbidden: unexpected Host header\n", "text/plain; charset=utf-8", body)
        if self.path.split("?", 1)[0] == EVENTS:
            return self._events()
        snap = self.server.state.current
        rel = site_path(self.path)
        if rel is not None and rel in snap.files:
            return self._send(200, snap.files[rel], _mime(rel), body, snap)
        if rel is not None and not rel.endswith("index.html") and f"{rel}/index.html" in snap.files:
            self.send_response(301)
            self.send_header("Location", self.path.split("?", 1)[0] + "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if not snap.files:  # nothing ever built: show the errors alone
            page = b"<!doctype html><title>digestgen</title><body><p>No successful build yet.</p></body>"
            return self._send(503, page, "text/html; charset=utf-8", body, snap)
        page = snap.files.get("404.html", b"<!doctype html><title>Not found</title><body><p>Not found</p></body>")
        return self._send(404, page, "text/html; charset=utf-8", body, snap)

    def _send(self, status: int, data: bytes, mime: str, body: bool, snap: Snapshot | None = None) -> None:
        if snap is not None and mime.startswith("text/html"):
            data = inject(data, snap)
        self.send_response(status)
        self.send_header("Content-Type", mime)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _events(self) -> None:
        """Server-Sent Events: the snapshot token whenever it changes, a comment as keep-alive."""
        query = parse_qs(self.path.split("?", 1)[1] if "?" in self.path else "")
        since = query.get("since", [""])[0]
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        state = self.server.state
        try:
            self.wfile.write(b"retry: 500\n\n")
            self.wfile.flush()
            while not state.closed:
                snap = state.wait_change(since, timeout=10)
                if state.closed:
                    break
                message = b": ping\n\n" if snap.token == since else f"data: {snap.token}\n\n".encode()
                since = snap.token
                self.wfile.write(message)
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet by default
        pass


def _mime(rel: str) -> str:
    mime = mimetypes.guess_type(rel)[0] or "application/octet-stream"
    return f"{mime}; charset=utf-8" if mime.startswith("text/") or mime.endswith(("javascript", "json")) else mime


class DevServer(ThreadingHTTPServer):
    """Threaded HTTP server bound to `host:port` serving `state`."""

    daemon_threads = True
    block_on_close = False

    def __init__(self, host: str, port: int, state: SiteState) -> None:
        self.host, self.state = host, state
        if ":" in host:
            self.address_family = socket.AF_INET6
        super().__init__((host, port), _Handler)

    @property
    def port(self) -> int:
        return int(self.server_address[1])
