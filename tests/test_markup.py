"""markup: no script URL survives in any spelling, raw HTML (when allowed) is sanitised, and the fast
renderer's output is byte for byte stock Python-Markdown's."""

from __future__ import annotations

import html
import re
import subprocess
import sys
import xml.etree.ElementTree as etree
from html.parser import HTMLParser
from typing import Any

import markdown
import markdown.serializers
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from digestgen.model import SourceFile
from digestgen.pipeline.parse.frontmatter import split
from digestgen.pipeline.parse.markup import (
    EXTENSIONS,
    MarkdownRenderer,
    clean_raw_html,
    stock_markdown,
)
from digestgen.pipeline.parse.markup import FAST as fastmd
from digestgen.safety.safeurl import is_safe_url, url_schemes
from tests.conftest import SHARED, need_shared
from tests.fuzzing import example_budgets

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

# Tests of the fast path itself; with a Markdown it is not verified for, stock Markdown renders instead.
FAST_ONLY = pytest.mark.skipif(fastmd is None, reason=f"the fast path is off with Markdown {markdown.__version__}")


def markdown_to_html(body: str, allow_raw_html: bool = False) -> str:
    """One body through a fresh renderer (a build keeps one for all bodies)."""
    return MarkdownRenderer(allow_raw_html).convert(body)


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
    assert not is_safe_url(url)


@pytest.mark.parametrize("url", SAFE_URLS)
def test_web_mail_and_relative_urls_are_kept(url: str) -> None:
    assert is_safe_url(url)


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


# --- The fast renderer is stock Python-Markdown, byte for byte -------------------------------------------


class _Stock:
    """The reference: a fresh stock instance per body (Markdown 3.5's reset() keeps abbreviations)."""

    def __init__(self, allow_raw_html: bool) -> None:
        self.allow_raw_html = allow_raw_html

    def convert(self, body: str) -> str:
        out = stock_markdown(self.allow_raw_html).convert(body)
        return clean_raw_html(out) if self.allow_raw_html else out


@pytest.fixture(scope="module")
def generated_bodies(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The bodies of a 200-article corpus from ../shared/bench/gen_corpus.py (seed 42)."""
    generator = need_shared(SHARED / "bench" / "gen_corpus.py")
    out = tmp_path_factory.mktemp("corpus")
    subprocess.run(
        [sys.executable, str(generator), "--n", "200", "--seed", "42", "--out", str(out)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    paths = sorted((out / "articles").glob("*.md"))
    return [split(SourceFile(str(p), p.stem, "markdown", p.read_text(encoding="utf-8"))).body for p in paths]


@pytest.mark.parametrize("allow_raw_html", [False, True], ids=["escaped", "raw"])
def test_fast_renderer_equals_stock_on_a_generated_corpus(generated_bodies: list[str], allow_raw_html: bool) -> None:
    assert len(generated_bodies) == 200
    stock, fast = _Stock(allow_raw_html), MarkdownRenderer(allow_raw_html)
    for i, body in enumerate(generated_bodies):
        assert fast.convert(body) == stock.convert(body), f"article {i}"


# fmt: off
_WORDS = ["Putin", "said", "talks", "the", "gas", "HTML", "x", "1", "2024", "—", "ü", "a_b", "snake_case_name"]
_INLINE = [
    " ", " ", " ", ".", ",", ":", ": ", ";", '"', "'", "*", "**", "***", "_", "__", "`", "``", "[", "]", "(", ")",
    "!", "<", ">", "&", "&amp;", "&copy;", "&#106;", "&#x6A;", "\\", "\\*", "\\|", "|", "#", "~", "^", "=", "-",
    "[^1]", "[^n]", "http://x.org", "<http://x.org/a?b=1&c=2>", "<desk@x.org>", "[a](http://x.org)",
    '[a](http://x.org "t")', "[a](<java script:x>)", "[a](java&#115;cript:x)", "![i](p.png)",
    "![i *j*](javascript:x)", "![](x.png)", "[r]", "[a][r]", "[a][]", "*[", "<b>", "</b>", '<b onclick="x">', "<div>",
    "</div>", "<script>", "<!-- c -->", "`a*b`", "**bold**", "*em*", "_em_", "__strong__", "  \n", "\t",
    "\x00", "\x02", "\x03", "\u00a0", "ABC", "Term",
]
_PREFIXES = [
    "", "", "", "", "# ", "## ", "### ", "####### ", "- ", "* ", "+ ", "1. ", "2) ", "10. ", "> ", "> > ", ">",
    "    ", "        ", "  ", "\t", ": ", ":   ", "- : ", "1. : ", "> : ", "[r]: http://x.org",
    '[r]: <javascript:x> "t"', "[^1]: ", "[^n]: ", "[^1]: : ", "*[HTML]: Hyper Text ", "*[ABC]: Alpha ",
    "*[Term]: ", "| ", "- [ ] ", "<div>", "</div>", '<div markdown="1">', "<p>", "<!--", "-->",
]
_SUFFIXES = ["", "", "", "", "  ", " |", " #", " ##", "\\", " :"]
# Lines that are a whole construct: underlines, rules, fences, table rows.
_MARKER_LINES = [
    "---", "-- -", "- - -", " ---", "  * * *", "   ___", "    ---", "***", "* * *", "___", "===", "=", "-",
    "```", "~~~", "```python", "````",
    "|---|---|", "| --- | :-: |", "|:--|", "a | b", "| a | b |", ": definition", "    indented code",
]
_SEPARATORS = ["\n", "\n", "\n", "\n\n", "\n\n", "\r\n", "\r", "\n\n\n", "\n \n"]
# fmt: on


def _markdownish() -> st.SearchStrategy[str]:
    """Markdown-like text: lines of a block prefix, inline tokens and words, and a suffix, or marker lines."""
    inline = st.lists(st.sampled_from(_WORDS) | st.sampled_from(_INLINE) | st.text(max_size=3), max_size=14)
    line = st.tuples(st.sampled_from(_PREFIXES), inline.map("".join), st.sampled_from(_SUFFIXES)).map("".join)
    any_line = line | st.sampled_from(_MARKER_LINES)
    pieces = st.lists(st.tuples(any_line, st.sampled_from(_SEPARATORS)).map("".join), max_size=12)
    return st.tuples(pieces.map("".join), st.sampled_from(["", "", " ", "  ", "\n  ", "\t"])).map("".join)


# Constructs whose every shortcut must still step aside (each was checked to fail if one does not).
_CLASSIC = [
    "Title\n---\n",
    "Title\n===\n",
    "para\n ---\n",  # a rule on a later, indented line
    "---\n<div></div>: \n",  # with raw HTML, a definition may start after a tag
    "x &#106 y &amp z\n",  # the raw-HTML pass writes the ';' a character reference left out
    "text\n  * * *\nmore\n",
    "Term\n: definition\n",
    "- item\n- : definition\n",
    "> a\n> : b\n",
    "[^1]: : definition\n",
    "*[ABC]: Alpha\n\nABC and ABC.\n",
    "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "```\n*code*\n```\n",
    "~~~python\nx\n~~~\n",
    "one  \ntwo\n",
    "para\n\n    code\n",
    "x[^1]\n\n[^1]: note\n",
    "a\\|b",
    "- - -\n",
    "text\n  \nmore",
    "&copy; &amp; & &#106; <b>",
    "[a][r]\n\n[r]: http://x.org 'T'\n",
]


@pytest.fixture(scope="module")
def renderers() -> dict[bool, tuple[_Stock, MarkdownRenderer]]:
    """One stock and one fast renderer per mode, reused across examples as a build reuses them."""
    return {raw: (_Stock(raw), MarkdownRenderer(raw)) for raw in (False, True)}


@example_budgets(many=400, few=25)
@pytest.mark.parametrize("allow_raw_html", [False, True], ids=["escaped", "raw"])
def test_fast_renderer_equals_stock_on_generated_markdown(
    renderers: dict[bool, tuple[_Stock, MarkdownRenderer]], allow_raw_html: bool, examples: int
) -> None:
    stock, fast = renderers[allow_raw_html]

    @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
    @given(body=_markdownish())
    @example(body="\n\n".join(_CLASSIC))
    def check(body: str) -> None:
        assert fast.convert(body) == stock.convert(body)
        _assert_no_dangerous_url(fast.convert(body))

    check()


@pytest.mark.parametrize("body", _CLASSIC)
def test_fast_renderer_equals_stock_on_classic_constructs(body: str) -> None:
    for raw in (False, True):
        assert MarkdownRenderer(raw).convert(body) == _Stock(raw).convert(body)


def test_state_does_not_leak_between_bodies() -> None:
    """References, footnotes and abbreviations of one body are unknown in the next."""
    renderer = MarkdownRenderer()
    first = renderer.convert("[a][r] HTML[^1]\n\n[r]: http://x.org\n\n*[HTML]: Hyper\n\n[^1]: Note.\n")
    assert 'href="http://x.org"' in first and "<abbr" in first and 'class="footnote"' in first
    assert renderer.convert("[a][r] HTML[^1]\n") == "<p>[a][r] HTML[^1]</p>"


@FAST_ONLY
def test_extensions_load_only_for_their_syntax() -> None:
    assert fastmd.extensions_used("Plain wire copy: it said so, at 10:30.\n\n- a list\n") == frozenset()
    assert fastmd.extensions_used("| a | b |") == {"tables"}
    assert fastmd.extensions_used("```\ncode\n```") == {"fenced_code"}
    assert fastmd.extensions_used("~~~\ncode\n~~~") == {"fenced_code"}
    assert fastmd.extensions_used("x[^1]") == {"footnotes"}
    assert fastmd.extensions_used("*[HTML]: Hyper") == {"abbr"}
    for text in (
        "Term\n: definition",
        "> Term\n> : definition",
        "- item\n\n    : definition",
        "Term\r:\tdef",
        "[^1]: : definition",
    ):
        assert "def_list" in fastmd.extensions_used(text), text
    assert fastmd.extensions_used("``\x02`") == {"fenced_code"}  # Markdown drops STX before parsing
    assert fastmd.extensions_used("<div></div>: x") == frozenset()
    assert fastmd.extensions_used("<div></div>: x", raw_html=True) == {"def_list"}  # the div leaves its line


@FAST_ONLY
def test_an_unknown_extension_still_gives_stock_output() -> None:
    """Patterns and processors fastmd has no needs for (here smarty's) run as usual."""
    body = 'He said "it\'s -- fine..." and <<left>> *went* [a](http://x.org).\n\n> "Quote" --- end\n'
    stock = markdown.Markdown(extensions=[*EXTENSIONS, "smarty"], output_format="html").convert(body)
    assert fastmd.FastMarkdown([*EXTENSIONS, "smarty"]).convert(body) == stock
    assert "&ldquo;" in stock


@FAST_ONLY
@settings(max_examples=300, deadline=None, database=None)
@given(text=st.text(alphabet=" \t\r\nab\x02\x03", max_size=40))
def test_whitespace_normalising_equals_stock(text: str) -> None:
    md = markdown.Markdown()
    fast = fastmd._FastNormalizeWhitespace(md)
    assert fast.run(text.split("\n")) == markdown.preprocessors.NormalizeWhitespace(md).run(text.split("\n"))


def test_fast_path_is_on_for_the_newest_allowed_markdown() -> None:
    """The newest Markdown pyproject.toml allows has the fast path (an older one renders through stock Markdown)."""
    if markdown.__version_info__[:2] < (3, 11):
        pytest.skip(f"Markdown {markdown.__version__}: older than the release the fast path is verified for")
    assert fastmd is not None and fastmd.ACTIVE, (
        f"Markdown {markdown.__version__} is not in fastmd.VERIFIED_VERSIONS: run this file's identity tests "
        "on it and add it there to get the fast path back"
    )


def test_the_fast_path_is_optional_when_it_cannot_load(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Markdown whose internals the fast path cannot import renders through stock Markdown, same output."""
    import builtins

    from digestgen.pipeline.parse import markup

    real_import = builtins.__import__

    def refuse(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.endswith("fastmd") or "fastmd" in (args[2] or () if len(args) > 2 else ()):
            raise ImportError("cannot import name 'BOOLEAN_ATTRIBUTES' from 'markdown.serializers'")
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "digestgen.pipeline.parse.fastmd", raising=False)
    monkeypatch.setattr(builtins, "__import__", refuse)
    assert markup._fast_path() is None
    monkeypatch.setattr(builtins, "__import__", real_import)
    monkeypatch.setattr(markup, "FAST", None)
    body = "# Title\n\nSome *text* with [a link](http://x.org) and a table:\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    assert markup.MarkdownRenderer().convert(body) == markup.stock_markdown().convert(body)


_AROUND_STARS = ["a", "b", "word", " ", " ", "  ", ".", ",", ":", ";", "!", "?", '"', "'", "(", ")", "-", "—", "1"]


@FAST_ONLY
@example_budgets(many=400, few=40)
@pytest.mark.parametrize("allow_raw_html", [False, True], ids=["escaped", "raw"])
def test_fast_emphasis_equals_stock(
    renderers: dict[bool, tuple[_Stock, MarkdownRenderer]], allow_raw_html: bool, examples: int
) -> None:
    """Runs of `*` between words, spaces and punctuation: the shortcut for one pair must agree."""
    stock, fast = renderers[allow_raw_html]

    @settings(max_examples=examples, deadline=None, database=None)
    @given(
        parts=st.lists(
            st.sampled_from(_AROUND_STARS) | st.sampled_from(["*", "**", "***", "\n", "- ", "_"]), max_size=16
        )
    )
    @example(parts=["a", "*", "a", "**", "a", "*"])  # a pair left after Markdown's own first match is not new
    def check(parts: list[str]) -> None:
        body = "".join(parts)
        assert fast.convert(body) == stock.convert(body)

    check()


def _near_links() -> st.SearchStrategy[str]:
    """Text around something shaped like `[text](url)`, each part sometimes off: spaces, quotes, brackets."""
    words = st.lists(st.sampled_from(["a", "word", " ", ".", ",", "!", '"', "'", "(", ")", "[", "]", "\n", "*"]),
                     max_size=5).map("".join)  # fmt: skip
    url = st.lists(st.sampled_from(["http://x.org/p", "/a", " ", "\t", '"t"', "'t'", "(", ")", "<", ">", "b c", "]"]),
                   max_size=4).map("".join)  # fmt: skip
    return st.tuples(
        words, st.sampled_from(["[", "[", "![", ""]), words, st.sampled_from(["]", "]", "]]", ""]),
        st.sampled_from(["(", "(", " (", "[", ""]), url, st.sampled_from([")", ")", " )", "", ")("]), words,
    ).map("".join)  # fmt: skip


@FAST_ONLY
@example_budgets(many=400, few=40)
@pytest.mark.parametrize("allow_raw_html", [False, True], ids=["escaped", "raw"])
def test_fast_links_equal_stock(
    renderers: dict[bool, tuple[_Stock, MarkdownRenderer]], allow_raw_html: bool, examples: int
) -> None:
    """The one-link shortcut must agree with Markdown wherever the link is nearly or barely plain."""
    stock, fast = renderers[allow_raw_html]

    @settings(max_examples=examples, deadline=None, database=None)
    @given(body=_near_links())
    @example(body="([t](http://x.org/p)) [a")
    @example(body="[a]( b) and [c](d )")  # the link pattern strips the URL
    def check(body: str) -> None:
        assert fast.convert(body) == stock.convert(body)

    check()


@FAST_ONLY
def test_serializer_leaves_unusual_trees_to_markdown() -> None:
    """Comments, processing instructions and qualified names go through Markdown's own serializer."""
    root = etree.Element("div")
    etree.SubElement(root, "p", {"class": "x", "hidden": "hidden"}).text = "a < b & c"
    root.append(etree.Comment(" note "))
    etree.SubElement(root, etree.QName("{http://www.w3.org/2000/svg}svg")).tail = "tail"
    assert fastmd._to_html_string(root) == markdown.serializers.to_html_string(root)
    del root[1:]
    assert fastmd._to_html_string(root) == markdown.serializers.to_html_string(root)
    assert fastmd._to_html_string(root) == '<div><p class="x" hidden>a &lt; b &amp; c</p></div>'


def test_deep_nesting_matches_stock() -> None:
    """Quotes nested to Markdown's recursion guard: the fast serializer falls back instead of failing."""
    body = ">" * 400 + " deep\n\n" + "- " * 150 + "list\n"
    assert MarkdownRenderer().convert(body) == _Stock(False).convert(body)
