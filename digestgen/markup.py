"""Article bodies to HTML: Markdown with raw HTML escaped by default, plain text as paragraphs."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from functools import lru_cache

import markdown
from markdown import util
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from digestgen.infer.text import split_paragraphs
from digestgen.safeurl import is_safe_url

EXTENSIONS = ["tables", "fenced_code", "footnotes", "def_list", "abbr", "sane_lists"]
_TAG = re.compile(r"<[^>]+>")


class _DropUnsafeUrls(Treeprocessor):
    """Remove links and image sources that digestgen.safeurl refuses; keep the text and the alt text."""

    def run(self, root: etree.Element) -> None:
        for el in root.iter():
            for attr in ("href", "src"):
                value = el.get(attr)
                # Automatic mail links spell their address with `&`-placeholders until the end.
                if value is not None and not is_safe_url(value.replace(util.AMP_SUBSTITUTE, "&")):
                    del el.attrib[attr]
                    if el.tag == "img":  # an <img> must have a src: show its alt text instead
                        el.tag, el.text = "span", el.attrib.pop("alt", "")
                        el.attrib.clear()


class SafeMarkdown(Extension):
    """Treat raw HTML as text (Python-Markdown has no safe mode since 3.0) and drop unsafe URLs."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_DropUnsafeUrls(md), "drop_unsafe_urls", 1)  # before unescape (0)


@lru_cache(maxsize=2)
def _markdown(allow_raw_html: bool) -> markdown.Markdown:
    extensions: list[str | Extension] = list(EXTENSIONS)
    if not allow_raw_html:
        extensions.append(SafeMarkdown())
    return markdown.Markdown(extensions=extensions, output_format="html")


def markdown_to_html(body: str, allow_raw_html: bool = False) -> str:
    """Render a Markdown body; raw HTML is escaped unless explicitly allowed."""
    md = _markdown(allow_raw_html)
    try:
        return md.convert(body)
    finally:
        md.reset()


def text_to_html(body: str) -> str:
    """Plain wire copy: paragraphs, never interpreted as Markdown."""
    return "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in split_paragraphs(body))


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, paragraphs kept on their own lines."""
    fragment = re.sub(r"</(p|h[1-6]|li|blockquote|tr|pre|dd|dt)>", "\n\n", fragment)
    return html.unescape(_TAG.sub("", fragment)).strip()
