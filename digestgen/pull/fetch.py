"""PULL: fetch one feed, politely and within bounds.

The standard library's urllib is enough for one GET per feed: it keeps redirects to a count
(`max_redirections`), takes a timeout per socket operation, and leaves the body to us, so the
size limit and the overall deadline are checked as the bytes arrive and gzip is inflated in
bounded steps (a small compressed answer cannot become a huge one). Conditional GET sends the
ETag and Last-Modified of the last answer; 304 means nothing changed. A feed given as a local
file path is read from disk with the same size limit.
"""

from __future__ import annotations

import http.client
import re
import time
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from digestgen import __version__

USER_AGENT = f"digestgen/{__version__} (feed pull; +https://pypi.org/project/digestgen/)"


@dataclass(frozen=True)
class Limits:
    """How long and how much one feed may take."""

    timeout: float = 15.0
    """Seconds any one network operation (connect, a read) may wait."""
    deadline: float = 60.0
    """Seconds the whole fetch of one feed may take."""
    max_bytes: int = 10 * 1024 * 1024
    """Largest answer read, before and after decompression."""
    max_redirects: int = 5


@dataclass(frozen=True)
class Fetched:
    """An answer: the body (None when the server says it has not changed) and its validators."""

    body: bytes | None
    url: str
    """Where the body came from after redirects (the base for relative links)."""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None


class FetchError(Exception):
    """Why a feed could not be fetched, in words for one line."""


def fetch(url: str, root: Path, limits: Limits, etag: str | None = None, last_modified: str | None = None) -> Fetched:
    """The feed at `url` (http, https, or a file path relative to `root`); raises FetchError."""
    if not url.startswith(("http://", "https://")):
        return _read_file(root / Path(url).expanduser(), limits)
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip", "Accept": _ACCEPT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    opener = urllib.request.build_opener(_Redirects(limits.max_redirects))
    started = time.monotonic()
    try:
        with opener.open(urllib.request.Request(url, headers=headers), timeout=limits.timeout) as answer:
            body = _read(answer, limits, started)
            info = answer.headers
            return Fetched(
                _inflate(body, limits) if "gzip" in info.get("Content-Encoding", "").lower() else body,
                answer.geturl(),
                info.get("Content-Type", ""),
                info.get("ETag"),
                info.get("Last-Modified"),
            )
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return Fetched(None, url, etag=etag, last_modified=last_modified)
        raise FetchError(f"HTTP {exc.code} {exc.reason}".rstrip()) from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            raise FetchError(f"timed out after {limits.timeout:g} s") from None
        raise FetchError(f"cannot fetch: {getattr(reason, 'strerror', None) or reason}") from None
    except TimeoutError:
        raise FetchError(f"timed out after {limits.timeout:g} s") from None
    except (http.client.HTTPException, OSError, ValueError) as exc:
        raise FetchError(f"cannot fetch: {exc.__class__.__name__}: {exc}") from None


_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"
)


class _Redirects(urllib.request.HTTPRedirectHandler):
    """At most `limit` redirects, and only to http or https."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        # urllib reads these per instance; its stubs call them class variables.
        self.__dict__.update(max_redirections=limit, max_repeats=min(self.max_repeats, limit))

    def redirect_request(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: Any, newurl: str
    ) -> urllib.request.Request | None:
        if not newurl.lower().startswith(("http://", "https://")):
            raise FetchError(f"redirected to a non-web address ({newurl.split(':', 1)[0]}:)")
        return super().redirect_request(req, fp, code, msg, headers, newurl)

    def http_error_302(self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: Any) -> Any:
        try:
            return super().http_error_302(req, fp, code, msg, headers)
        except urllib.error.HTTPError as exc:
            reason = str(exc.reason).lower()
            if "not allowed" in reason:  # urllib's own refusal of a scheme other than http, https, ftp
                target = re.search(r"url '([^':]*):", str(exc.reason))
                raise FetchError(f"redirected to a non-web address ({target.group(1) if target else '?'}:)") from None
            if "redirect" in reason:
                raise FetchError(f"more than {self.max_redirections} redirects") from None
            raise

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _read(answer: IO[bytes], limits: Limits, started: float) -> bytes:
    """The body, chunk by chunk, within the size limit and the deadline."""
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() - started > limits.deadline:
            raise FetchError(f"took longer than {limits.deadline:g} s")
        chunk = answer.read(64 * 1024)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limits.max_bytes:
            raise FetchError(f"answer is larger than {_mib(limits.max_bytes)}")
        chunks.append(chunk)


def _inflate(data: bytes, limits: Limits) -> bytes:
    """gzip, inflated no further than the size limit (a small bomb stays small)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, limits.max_bytes + 1)
    except zlib.error as exc:
        raise FetchError(f"answer is not valid gzip: {exc}") from None
    if len(out) > limits.max_bytes or inflater.unconsumed_tail:
        raise FetchError(f"answer is larger than {_mib(limits.max_bytes)} once decompressed")
    return out


def _read_file(path: Path, limits: Limits) -> Fetched:
    try:
        if path.stat().st_size > limits.max_bytes:
            raise FetchError(f"{path} is larger than {_mib(limits.max_bytes)}")
        return Fetched(path.read_bytes(), path.resolve().as_uri())
    except OSError as exc:
        raise FetchError(f"cannot read {path}: {exc.strerror or exc}") from None


def _mib(n: int) -> str:
    return f"{n / 1024 / 1024:g} MiB"
