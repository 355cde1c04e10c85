"""A local HTTP server for the pull tests: each path answers as told (feeds, errors, slowness, 304)."""

from __future__ import annotations

import contextlib
import gzip
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    """How one path answers."""

    body: bytes = b""
    status: int = 200
    content_type: str = "application/rss+xml; charset=utf-8"
    etag: str | None = None
    """Sent with the answer; a request that sends it back gets 304."""
    delay: float = 0.0
    """Seconds to wait before answering (a slow server)."""
    gzip: bool = False
    location: str | None = None
    """For a redirect status."""
    requests: list[dict[str, str]] = field(default_factory=list)
    """The headers of each request received."""


class FeedServer:
    """Serves `routes` on 127.0.0.1 until closed; `url(path)` is a route's address."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}{path}"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        routes = self.routes

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:  # quiet tests
                pass

            def do_GET(self) -> None:
                route = routes.get(self.path)
                if route is None:
                    self.send_error(404)
                    return
                route.requests.append({k.lower(): v for k, v in self.headers.items()})
                if route.delay:
                    time.sleep(route.delay)
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    self.send_response(304)
                    self.send_header("ETag", route.etag)
                    self.end_headers()
                    return
                body = gzip.compress(route.body) if route.gzip else route.body
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Content-Length", str(len(body)))
                if route.gzip:
                    self.send_header("Content-Encoding", "gzip")
                if route.etag:
                    self.send_header("ETag", route.etag)
                if route.location:
                    self.send_header("Location", route.location)
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout)
                    self.wfile.write(body)

        return Handler


def rss(*items: str, title: str = "Probe Wire") -> bytes:
    """An RSS 2.0 document with the given <item> elements."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        f"<title>{title}</title><link>https://probe.example/</link><description>Wire</description>"
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def rss_item(guid: str | None, title: str, description: str, day: str = "Fri, 06 Dec 2024 09:30:00 +0300") -> str:
    guid_tag = f'<guid isPermaLink="false">{guid}</guid>' if guid else ""
    return (
        f"<item>{guid_tag}<title>{title}</title><link>https://probe.example/{'-'.join(title.lower().split())}</link>"
        f"<pubDate>{day}</pubDate><description>{description}</description></item>"
    )


def atom(*entries: str, title: str = "Atom Desk") -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{title}</title><id>urn:atom-desk</id><updated>2024-12-06T10:00:00Z</updated>"
        + "".join(entries)
        + "</feed>"
    ).encode()


def atom_entry(ident: str, title: str, html: str, updated: str = "2024-12-06T10:00:00Z") -> str:
    from html import escape

    return (
        f'<entry><id>{ident}</id><title>{title}</title><link href="https://atom.example/{ident}"/>'
        f'<updated>{updated}</updated><content type="html">{escape(html)}</content></entry>'
    )
