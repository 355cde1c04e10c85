"""markup: no script URL survives in any spelling, and raw HTML, when allowed, is sanitised."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest

from digestgen.markup import clean_raw_html, markdown_to_html
from digestgen.safeurl import is_safe_url, safe_url, url_schemes

# The OWASP XSS filter-evasion spellings of `javascript:` (and friends) that a browser still runs.
SCRIPT_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "\tjavascript:alert(1)",
    "java&#115;cript:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "&#X6a;avascript:alert(1)",
    "&#0000106avascript:alert(1)",
    "&#106&#97&#118&#97&#115&#99&#114&#105&#112&#116&#58alert(1)",
    "&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)",
    "javascript&colon;alert(1)",
    "javascript&#58;alert(1)",
    "javascript&#x3a;alert(1)",
    "jav&Tab;ascript:alert(1)",
    "jav&NewLine;ascript:alert(1)",
    "jav&#x09;ascript:alert(1)",
    "jav&#x0A;ascript:alert(1)",
    "jav&#x0D;ascript:alert(1)",
    "jav&#9;ascript:alert(1)",
    "jav\tascript:alert(1)",
    "java\x00script:alert(1)",
    "&#14; javascript:alert(1)",
    "javascript:%61lert(1)",
    "%6Aavascript:alert(1)",
    "%6A%61%76%61%73%63%72%69%70%74%3Aalert(1)",
    "java%09script:alert(1)",
    "&amp;#106;avascript:alert(1)",
    "javascript://%0Aalert(1)",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "livescript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,<script>alert(1)</script>",
    "d&#97;ta:text/html,<script>alert(1)</script>",
    "data&colon;image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+",
    "&#100;ata:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "file:///etc/passwd",
    "blob:https://example.org/uuid",
]
SAFE_URLS = [
    "https://example.org/a?b=c&d=e#f",
    "http://example.org",
    "HTTPS://EXAMPLE.ORG",
    "mailto:desk@example.org",
    "/articles/x/",
    "../topics/energy/",
    "x.html",
    "#section",
    "?page=2",
    "",
    "//cdn.example.org/p.png",
    "https://example.org/javascript:alert(1)",
    "https://example.org/%6Aavascript:x",
    "page.html?t=10:30",
]
_DANGEROUS = re.compile(r"^(javascript|vbscript|livescript|data|file|blob):", re.IGNORECASE)


def _browser_scheme_view(value: str) -> str:
    """An independent oracle: the attribute as a browser would use it (decoded, tabs/newlines removed)."""
    decoded = html.unescape(value)
    return re.sub(r"[\t\n\r]", "", decoded).lstrip("\x00 \x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f")


class _Urls(HTMLParser):
    """Every href/src attribute in a fragment, decoded as the HTML parser of a browser would."""

    def __init__(self, fragment: str) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str, str]] = []
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls += [(tag, name, value or "") for name, value in attrs if name in ("href", "src", "cite")]


def _assert_no_dangerous_url(fragment: str) -> None:
    for tag, name, value in _Urls(fragment).urls:
        view = _browser_scheme_view(value)
        assert not _DANGEROUS.match(view) and not _DANGEROUS.match(re.sub(r"[\x00-\x20]", "", view)), (
            f"<{tag} {name}={value!r}> in {fragment!r}"
        )


@pytest.mark.parametrize("url", SCRIPT_URLS)
def test_script_urls_are_refused_in_every_spelling(url: str) -> None:
    assert not is_safe_url(url) and safe_url(url) is None


@pytest.mark.parametrize("url", SAFE_URLS)
def test_web_mail_and_relative_urls_are_kept(url: str) -> None:
    assert is_safe_url(url) and safe_url(url) == url


def test_schemes_are_read_after_each_decoding() -> None:
    assert url_schemes("https://x") == ["https"]
    assert url_schemes("/a") == []
    assert url_schemes("%26%23106;avascript:x") == ["javascript"]  # percent hides a character reference
    assert url_schemes("&" * 3 + "amp;" * 20 + "#106;avascript:x") is None  # too many layers: refused
    assert not is_safe_url("&" * 3 + "amp;" * 20 + "#106;avascript:x")


def _contexts(url: str) -> dict[str, str]:
    """The Markdown forms that put `url` in an href or src."""
    return {
        "inline link": f"Read [the text]({url}) now.",
        "angle link": f"Read [the text](<{url}>) now.",
        "link with title": f'Read [the text]({url} "t") now.',
        "image": f"See ![the alt]({url}) here.",
        "reference link": f"Read [the text][r] now.\n\n[r]: {url}",
        "reference image": f"See ![the alt][r] here.\n\n[r]: <{url}>",
        "short reference": f"Read [r] now.\n\n[r]: {url}",
        "autolink": f"Go <{url}> now.",
    }


@pytest.mark.parametrize("allow_raw_html", [False, True], ids=["escaped", "raw"])
@pytest.mark.parametrize("url", SCRIPT_URLS)
def test_markdown_never_emits_a_script_url(url: str, allow_raw_html: bool) -> None:
    for context, text in _contexts(url).items():
        out = markdown_to_html(text, allow_raw_html)
        _assert_no_dangerous_url(out)
        if "link" in context and "autolink" not in context:
            assert "the text" in out, (context, out)  # the link text stays, without a target
        if "image" in context:
            assert "the alt" in out and "<img" not in out, (context, out)


def test_refused_link_and_image_fallbacks() -> None:
    out = markdown_to_html(
        "[click](java&#115;cript:alert(1)) ![a chart](data:image/png;base64,xx) [ok](https://example.org)"
    )
    assert out == ('<p><a>click</a> <span>a chart</span> <a href="https://example.org">ok</a></p>')


def test_mail_autolinks_survive() -> None:
    out = markdown_to_html("Write to <desk@example.org>.")
    assert "href=" in out and "&#109;&#97;&#105;&#108;&#116;&#111;&#58;" in out  # "mailto:", obfuscated


def test_raw_html_is_sanitised_when_allowed() -> None:
    body = (
        '<div class="chart" onclick="alert(1)">\n<b>42</b>\n</div>\n\n'
        '<script>alert(2)</script>\n\nInline <kbd>x</kbd> <img src=x onerror="alert(3)"> '
        '<a href="java&#115;cript:alert(4)">a</a> <a href="https://example.org" target="_blank">b</a> '
        '<iframe src="https://evil.example"></iframe><svg onload="alert(5)"></svg>\n\n'
        "| a | b |\n|:--|--:|\n| 1 | 2 |\n"
    )
    out = markdown_to_html(body, allow_raw_html=True)
    assert '<div class="chart">\n<b>42</b>\n</div>' in out and "<kbd>x</kbd>" in out
    assert '<a href="https://example.org">b</a>' in out and "<a>a</a>" in out
    assert not re.search(r"script|onclick|onerror|onload|iframe|svg|alert\(4", out), out
    assert '<th style="text-align:left">a</th>' in out


def test_raw_html_sanitiser_uses_the_same_url_rule() -> None:
    assert clean_raw_html('<a href="jav&#x09;ascript:alert(1)">x</a>') == "<a>x</a>"
    assert clean_raw_html('<img src="%6Aavascript:x" alt="y">') == '<img alt="y">'
    assert clean_raw_html('<a href="/rel/">x</a>') == '<a href="/rel/">x</a>'


def test_raw_html_is_escaped_by_default() -> None:
    out = markdown_to_html('<b onclick="x">hi</b>\n\n<div>\nblock\n</div>\n')
    assert "<b" not in out and '&lt;b onclick="x"&gt;hi&lt;/b&gt;' in out
    assert "&lt;div&gt;" in out
