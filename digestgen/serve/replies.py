"""What the preview server answers: confined site paths, the Host check, the 404 page, reload script and overlay.

Plain functions of a request and a `Snapshot`; no sockets, no threads.
"""

from __future__ import annotations

import hashlib
import html
import ipaddress
import mimetypes
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from urllib.parse import quote, unquote

from digestgen.serve.httpio import Request

EVENTS = "/__digestgen/events"
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


# A page that loads data from other files reloads when they change too.
DEPENDS = {"search/index.html": ("search/manifest.js",)}


@dataclass(frozen=True)
class Snapshot:
    """One complete site (output path -> bytes) plus the errors of the latest rebuild."""

    files: Mapping[str, bytes] = field(default_factory=lambda: MappingProxyType({}))
    errors: tuple[str, ...] = ()
    token: str = ""
    """Changes whenever anything served changes."""
    _versions: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def version(self, rel: str | None) -> str:
        """What an open page shows, as a short digest: the page reloads when it changes (and only then)."""
        key = rel or ""
        found = self._versions.get(key)
        if found is None:
            h = hashlib.blake2b(digest_size=8)
            for part in (self._served(rel), *(self.files.get(d, b"") for d in DEPENDS.get(key, ()))):
                h.update(len(part).to_bytes(8, "little") + part)
            h.update("\0".join(self.errors).encode("utf-8", "replace"))
            found = self._versions[key] = h.hexdigest()
        return found

    def _served(self, rel: str | None) -> bytes:
        if rel is not None and rel in self.files:
            return self.files[rel]
        return self.files.get("404.html", NOT_FOUND)


def site_path(raw: str) -> str | None:
    """The site-relative file a request path names, or None if it could leave the site.

    Refused before and after percent-decoding: `..` and `.` segments, empty segments (`//`),
    backslashes and NUL. Folder paths map to their `index.html`.
    """
    path = raw.split("?", 1)[0].split("#", 1)[0]
    decoded = _decode(path)
    if decoded is None:
        return None
    for text in (path, decoded):
        if not text.startswith("/") or "\\" in text or "\0" in text or "//" in text:
            return None
        if any(part in (".", "..") for part in text[1:].split("/")):
            return None
    rel = decoded[1:]
    return rel + "index.html" if rel == "" or rel.endswith("/") else rel


def _decode(path: str) -> str | None:
    try:
        return unquote(path, errors="strict")
    except UnicodeDecodeError:
        return None


def host_allowed(header: str | None, bound: str, port: int | None = None) -> bool:
    """DNS-rebinding guard: the Host must be localhost, the bound host, or (bound to all) an IP;
    a port in it must be a number, and the server's own (`port`) when that is known."""
    if not header:
        return False
    name, given = header.strip().lower(), ""
    if name.startswith("["):
        name, _, rest = name[1:].partition("]")
        if rest and not rest.startswith(":"):
            return False
        given = rest[1:]
    elif name.count(":") == 1:
        name, given = name.split(":", 1)
    if ":" in header.strip() and not (given.isascii() and given.isdigit() and int(given) <= 65535):
        return False
    if given and port is not None and int(given) != port:
        return False
    if name in LOCAL_HOSTS or name == bound.lower().strip("[]"):
        return True
    if bound in ("0.0.0.0", "::", ""):
        try:
            ipaddress.ip_address(name)
            return True
        except ValueError:
            return False
    return False


def _reload_tags(snap: Snapshot, rel: str | None) -> bytes:
    """The live-reload script, plus the error overlay when the latest rebuild failed.

    The script listens for changes to what this page shows (`rel`), so saving one article reloads
    its own page and the lists that show it, not every open page.
    """
    overlay = ""
    if snap.errors:
        lines = "\n".join(html.escape(e) for e in snap.errors)
        overlay = (
            '<div id="digestgen-errors" role="alert" style="position:fixed;inset:0;z-index:2147483647;'
            "overflow:auto;background:rgba(20,0,0,.92);color:#fff;font:14px/1.5 ui-monospace,monospace;"
            'padding:2rem"><h2 style="color:#ff8080;font:bold 18px sans-serif;margin:0 0 1rem">'
            "digestgen: rebuild failed; showing the last good build underneath</h2>"
            f'<pre style="white-space:pre-wrap;margin:0">{lines}</pre></div>'
        )
    page = quote(rel or "", safe="/")
    script = (
        f"<script>(function(){{var t={_js_string(snap.version(rel))};"
        f'var es=new EventSource("{EVENTS}?page={page}&since="+encodeURIComponent(t));'
        "es.onmessage=function(e){if(e.data!==t){es.close();location.reload();}};})();</script>"
    )
    return (overlay + script).encode("utf-8")


def _js_string(text: str) -> str:
    return '"' + "".join(c for c in text if c.isalnum() or c == "-") + '"'


def inject(page: bytes, snap: Snapshot, rel: str | None = None) -> bytes:
    """Insert the reload tags of the page at `rel` before the last `</body>` (or at the end)."""
    tags = _reload_tags(snap, rel)
    at = page.lower().rfind(b"</body>")
    return page + tags if at < 0 else page[:at] + tags + page[at:]


@dataclass(frozen=True)
class Reply:
    """What to answer: status, body and extra headers; `stream` means the reload event stream follows."""

    status: int
    body: bytes = b""
    mime: str = "text/plain; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()
    stream: bool = False


NO_BUILD = b"<!doctype html><title>digestgen</title><body><p>No successful build yet.</p></body>"
NOT_FOUND = b"<!doctype html><title>Not found</title><body><p>Not found</p></body>"
HTML = "text/html; charset=utf-8"


def answer(request: Request, snap: Snapshot, bound: str, port: int | None = None) -> Reply:
    """The reply to `request` from `snap` for a server bound to `bound` on `port` (no I/O)."""
    if request.method not in ("GET", "HEAD"):
        return Reply(405, b"Method not allowed\n", headers=(("Allow", "GET, HEAD"),))
    if request.count("host") > 1:
        return Reply(400, b"Bad request: more than one Host header\n")
    if not host_allowed(request.header("host"), bound, port):
        return Reply(403, b"Forbidden: unexpected Host header\n")
    path = request.target.split("?", 1)[0]
    if path == EVENTS:
        return Reply(200, mime="text/event-stream", stream=True)
    rel = site_path(request.target)
    if rel is not None and rel in snap.files:
        return _page(200, snap.files[rel], _mime(rel), snap, rel)
    if rel is not None and not rel.endswith("index.html") and f"{rel}/index.html" in snap.files:
        return Reply(301, headers=(("Location", path + "/"),))
    if not snap.files:  # nothing ever built: show the errors alone
        return _page(503, NO_BUILD, HTML, snap, rel)
    return _page(404, snap.files.get("404.html", NOT_FOUND), HTML, snap, rel)


def _page(status: int, data: bytes, mime: str, snap: Snapshot, rel: str | None) -> Reply:
    return Reply(status, inject(data, snap, rel) if mime.startswith("text/html") else data, mime)


def _mime(rel: str) -> str:
    mime = mimetypes.guess_type(rel)[0] or "application/octet-stream"
    return f"{mime}; charset=utf-8" if mime.startswith("text/") or mime.endswith(("javascript", "json")) else mime
