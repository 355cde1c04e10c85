"""Just enough HTTP/1.1 for the preview server: read one request head from a stream, format a response head.

Strict wherever leniency would let one request be read two ways: a repeated `Host`, a header name
with spaces, a folded line, or a control character in the request line or a header is a 400.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from http import HTTPStatus

MAX_HEAD = 64 * 1024
"""Largest request head (request line and headers) read; also the stream's line limit."""
MAX_HEADERS = 100
_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_VERSION = re.compile(r"HTTP/1\.[01]")
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")  # all but horizontal tab


class BadRequest(Exception):
    """The request head cannot be read as one unambiguous request; `status` is what to answer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Request:
    """One request head. Header names are lower-case; values keep their order of arrival."""

    method: str
    target: str
    version: str
    headers: tuple[tuple[str, str], ...]

    def header(self, name: str) -> str | None:
        """The value of header `name` (the first, if repeated), or None."""
        return next((v for k, v in self.headers if k == name), None)

    def count(self, name: str) -> int:
        return sum(1 for k, _ in self.headers if k == name)

    @property
    def keep_alive(self) -> bool:
        """Whether the client wants the connection kept for another request."""
        tokens = {t.strip().lower() for k, v in self.headers if k == "connection" for t in v.split(",")}
        return "keep-alive" in tokens if self.version == "HTTP/1.0" else "close" not in tokens

    @property
    def has_body(self) -> bool:
        length = self.header("content-length")
        return self.header("transfer-encoding") is not None or (length is not None and length.strip() != "0")


async def read_request(reader: asyncio.StreamReader) -> Request | None:
    """The next request head; None if the client closed the connection first. Raises BadRequest."""
    lines: list[bytes] = []
    size = 0
    while True:
        try:
            line = await reader.readuntil(b"\n")
        except asyncio.IncompleteReadError:
            return None  # closed before a complete head: nothing to answer
        except asyncio.LimitOverrunError:
            raise BadRequest(431, "request head too large") from None
        size += len(line)
        if size > MAX_HEAD or len(lines) > MAX_HEADERS:
            raise BadRequest(431, "request head too large")
        line = line[:-2] if line.endswith(b"\r\n") else line[:-1]
        if line:
            lines.append(line)
        elif lines:  # the blank line that ends the head (blank lines before a request are ignored)
            return parse_head([raw.decode("latin-1") for raw in lines])


def parse_head(lines: list[str]) -> Request:
    """A Request from the head's lines (line ends removed). Raises BadRequest."""
    if any(_CONTROL.search(line) for line in lines):
        raise BadRequest(400, "control character in request head")
    parts = lines[0].split(" ")
    if len(parts) != 3 or not _TOKEN.fullmatch(parts[0]) or not parts[1]:
        raise BadRequest(400, "malformed request line")
    method, target, version = parts
    if not _VERSION.fullmatch(version):
        raise BadRequest(505 if version.startswith("HTTP/") else 400, "unsupported HTTP version")
    headers = []
    for line in lines[1:]:
        name, colon, value = line.partition(":")
        if not colon or not _TOKEN.fullmatch(name):  # also refuses folded lines and "Name :"
            raise BadRequest(400, "malformed header line")
        headers.append((name.lower(), value.strip(" \t")))
    return Request(method, target, version, tuple(headers))


def response_head(status: int, headers: list[tuple[str, str]]) -> bytes:
    """The status line and headers of a response, up to and including the blank line."""
    lines = [f"HTTP/1.1 {status} {HTTPStatus(status).phrase}", *(f"{k}: {v}" for k, v in headers)]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
