"""The one URL rule: which links and image sources may reach a page.

A URL is judged the way a browser reads it, after decoding, never by its spelling: character references
(`&#106;`, `&#x6A;`, `&colon;`, `&Tab;`, with or without `;`) are decoded, ASCII tabs, newlines, other
control characters and spaces are removed, and percent-escapes are decoded, repeatedly until nothing
changes. If any of those readings starts with a scheme, the scheme must be `http`, `https` or `mailto`.
Anything without a scheme is a relative URL and is allowed, including a protocol-relative `//host/path`
(it can only become http or https, whatever the page's own scheme).

The rule errs towards refusing: `java script:` is refused although a browser would read it as a relative
path, because no real link is spelt that way.
"""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.\-]*:")
# C0 controls, space and DEL: browsers strip them around a URL and drop tabs and newlines inside it.
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
_MAX_ROUNDS = 8  # each round decodes at least one layer; more layers than this is refused outright


def url_schemes(url: str) -> list[str] | None:
    """Every scheme (lower case) that some decoding of `url` shows, or None when it never settles."""
    schemes: list[str] = []
    seen: set[str] = set()
    text = url
    for _ in range(_MAX_ROUNDS):
        if text in seen:
            return schemes
        seen.add(text)
        cleaned = _INVISIBLE.sub("", text)
        match = _SCHEME.match(cleaned)
        if match:
            schemes.append(match.group()[:-1].lower())
        text = unquote(html.unescape(cleaned), errors="replace")
    return None


def is_safe_url(url: str) -> bool:
    """True when `url` is relative or every reading of its scheme is http, https or mailto."""
    schemes = url_schemes(url)
    return schemes is not None and all(s in ALLOWED_SCHEMES for s in schemes)


def web_address_problem(url: str) -> str | None:
    """Why `url` is not an absolute http(s) address safe to link (source_url, base_url), or None."""
    schemes = url_schemes(url)
    if not re.match(r"https?://[^/\s]", url) or schemes is None or any(s not in ("http", "https") for s in schemes):
        return "must be an absolute http:// or https:// address"
    return None
