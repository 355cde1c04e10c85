"""htmlmd: HTML from feeds and agencies -> Markdown, allow-listed, with every text character kept literal."""

from __future__ import annotations

import pytest

from digestgen.pipeline.parse.htmlmd import html_to_markdown, text_to_markdown
from digestgen.pipeline.parse.markup import MarkdownRenderer


@pytest.mark.parametrize(
    ("html", "markdown"),
    [
        ("<p>One</p><p>Two</p>", "One\n\nTwo\n"),
        ("<p>Bold <b>b</b>, <strong>s</strong>, <em>e</em> and <i>i</i></p>", "Bold **b**, **s**, *e* and *i*\n"),
        ('<p><a href="https://x.org/a b">link</a></p>', "[link](https://x.org/a%20b)\n"),
        ('<p><a href="javascript:alert(1)">kept text</a></p>', "kept text\n"),
        ('<p><a href="java&#115;cript:alert(1)">kept text</a></p>', "kept text\n"),
        ('<p><img src="data:text/html,x" alt="alt text"></p>', "alt text\n"),
        ('<p><img src="/a.png" alt="pic"></p>', "![pic](/a.png)\n"),
        ("<ul><li>one<li>two</ul>", "- one\n- two\n"),
        ("<ol><li>one</li><li>two</li></ol>", "1. one\n2. two\n"),
        ("<blockquote><p>quoted</p></blockquote>", "> quoted\n"),
        ("<h2>Head</h2><p>text</p>", "## Head\n\ntext\n"),
        ("<pre>a *b*\n  c</pre>", "```\na *b*\n  c\n```\n"),
        ("<p>line<br>break</p>", "line  \nbreak\n"),
        ("<script>alert(1)</script><p>after</p><style>p{}</style>", "after\n"),
        ("<p>a<iframe src='https://evil'>inner</iframe>b</p>", "ab\n"),
        ("<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</p>", "&lt;script>alert(1)&lt;/script> &amp; more\n"),
        ("<p>*not* _emphasis_ [not](a link)</p>", "\\*not\\* \\_emphasis\\_ \\[not\\](a link)\n"),
        (
            "<p># not a heading</p><p>1. not a list</p><p>- nor this</p>",
            "\\# not a heading\n\n1\\. not a list\n\n\\- nor this\n",
        ),
        ("<p>unclosed<p>next", "unclosed\n\nnext\n"),
        ("<div><span>inline</span> text</div>", "inline text\n"),
        ("<!-- comment --><p>x</p>", "x\n"),
        ("plain text", "plain text\n"),
    ],
)
def test_html_becomes_markdown(html: str, markdown: str) -> None:
    assert html_to_markdown(html) == markdown


@pytest.mark.parametrize("allow_raw_html", [False, True])
def test_nothing_in_the_text_becomes_markup_when_rendered(allow_raw_html: bool) -> None:
    md = html_to_markdown('<p>&lt;img src=x onerror=alert(1)&gt; <a href="vbscript:x">y</a> [z](javascript:q)</p>')
    out = MarkdownRenderer(allow_raw_html).convert(md)
    assert "<img" not in out and "<a" not in out and "&lt;img src=x onerror=alert(1)&gt;" in out


def test_deep_nesting_is_read_without_recursion_errors() -> None:
    assert html_to_markdown("<div>" * 5000 + "deep" + "</div>" * 5000) == "deep\n"


def test_plain_text_becomes_paragraphs_read_literally() -> None:
    assert text_to_markdown("First *para*.\n\n# Second\n") == "First \\*para\\*.\n\n\\# Second\n"
