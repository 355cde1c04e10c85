"""Article bodies to HTML: Markdown with raw HTML escaped by default, plain text as paragraphs.

`MarkdownRenderer` is what a build uses: one per build, owned by the caller. Its output is byte for
byte what `stock_markdown` (plain Python-Markdown with the same extensions) gives, only cheaper; see
fastmd.py for how. The fast path reaches into Markdown's internals, so it is used only with a Markdown
version it was verified against; with any other (or if it fails to load at all) bodies go through
stock Markdown, with the same output. Every link and image URL goes through safeurl.py.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from html.parser import HTMLParser
from types import ModuleType

import markdown
import nh3
from markdown import util
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from digestgen.safety.safeurl import ALLOWED_SCHEMES, is_safe_url
from digestgen.text.wire import split_paragraphs

EXTENSIONS = ("tables", "fenced_code", "footnotes", "def_list", "abbr", "sane_lists")
_TAG = re.compile(r"<[^>]+>")


def _fast_path() -> ModuleType | None:
    """fastmd, if it loads and knows the installed Markdown; None: stock Markdown (the same output)."""
    try:
        from digestgen.pipeline.parse import fastmd
    except Exception:  # another Markdown's internals: any failure to load means "not verified"
        return None
    return fastmd if fastmd.ACTIVE else None


FAST = _fast_path()


class _DropUnsafeUrls(Treeprocessor):
    """Remove links and image sources that digestgen.safety.safeurl refuses; keep the text and the alt text."""

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
    """Treat raw HTML as text (Python-Markdown has no safe mode since 3.0) unless allowed; drop unsafe URLs."""

    def __init__(self, allow_raw_html: bool = False) -> None:
        super().__init__()
        self.allow_raw_html = allow_raw_html

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        if not self.allow_raw_html:
            md.preprocessors.deregister("html_block")
            md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_DropUnsafeUrls(md), "drop_unsafe_urls", 1)  # before unescape (0)


# Raw HTML that `allow_raw_html: true` lets through keeps its layout and formatting but never runs
# script: only these tags and attributes survive, and URLs follow the same rule as Markdown links.
_RAW_TAGS = nh3.ALLOWED_TAGS | {"tfoot", "section", "main", "address"}
_RAW_ATTRIBUTES = {
    **{tag: set(attributes) for tag, attributes in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": {"class", "id", "title", "lang", "dir"},
    "a": {"href", "hreflang", "title"},
    "img": {"src", "alt", "title", "width", "height", "align"},
    "th": nh3.ALLOWED_ATTRIBUTES["th"] | {"style"},  # Markdown tables align cells with style="text-align"
    "td": nh3.ALLOWED_ATTRIBUTES["td"] | {"style"},
}
_URL_ATTRIBUTES = frozenset({"href", "src", "cite"})


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    """nh3 hands over the decoded value: refuse the URLs safeurl refuses."""
    return None if attribute in _URL_ATTRIBUTES and not is_safe_url(value) else value


def clean_raw_html(fragment: str) -> str:
    """Sanitise HTML that may hold an author's raw HTML: allow-listed tags and attributes, safe URLs."""
    return nh3.clean(
        fragment,
        tags=set(_RAW_TAGS),
        attributes=_RAW_ATTRIBUTES,
        url_schemes=set(ALLOWED_SCHEMES),
        link_rel=None,
        attribute_filter=_keep_attribute,
        filter_style_properties={"text-align"},
    )


_ALIGN = re.compile(r"\s*text-align\s*:\s*(?:left|right|center|justify)\s*;?\s*", re.IGNORECASE)


class _Audit(HTMLParser):
    """Walks an HTML fragment and notes anything a rendered body could not contain."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.unsafe = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _RAW_TAGS:
            self.unsafe = True
            return
        allowed = _RAW_ATTRIBUTES.get(tag, set()) | _RAW_ATTRIBUTES["*"]
        for name, value in attrs:
            if (
                name not in allowed
                or (value is None and name in _URL_ATTRIBUTES)
                or (name in _URL_ATTRIBUTES and value is not None and not is_safe_url(value))
                or (name == "style" and not _ALIGN.fullmatch(value or ""))
            ):
                self.unsafe = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_decl(self, decl: str) -> None:
        self.unsafe = True

    def handle_pi(self, data: str) -> None:
        self.unsafe = True

    def unknown_decl(self, data: str) -> None:
        self.unsafe = True


def is_safe_html(fragment: str) -> bool:
    """Whether `fragment` keeps the renderer's promise: only allow-listed tags and attributes, safe URLs.

    Every body this module renders passes; the build cache uses it to refuse a tampered row rather
    than publish HTML the renderer would never have made.
    """
    audit = _Audit()
    try:
        audit.feed(fragment)
        audit.close()
    except (AssertionError, ValueError):
        return False
    return not audit.unsafe


def stock_markdown(allow_raw_html: bool = False) -> markdown.Markdown:
    """Plain Python-Markdown with every extension digestgen supports: the reference for the fast path."""
    return markdown.Markdown(extensions=[*EXTENSIONS, SafeMarkdown(allow_raw_html)], output_format="html")


class MarkdownRenderer:
    """Renders the Markdown bodies of one build, reusing Python-Markdown instances between bodies."""

    def __init__(self, allow_raw_html: bool = False) -> None:
        self.allow_raw_html = allow_raw_html
        self._instances: dict[frozenset[str], markdown.Markdown] = {}

    def _instance(self, used: frozenset[str]) -> markdown.Markdown:
        """The fast instance with the always-on extensions plus the optional ones in `used`."""
        assert FAST is not None
        md = self._instances.get(used)
        if md is None:
            names = [name for name in EXTENSIONS if name in used or name not in FAST.OPTIONAL_EXTENSIONS]
            md = self._instances[used] = FAST.FastMarkdown([*names, SafeMarkdown(self.allow_raw_html)])
        return md

    def convert(self, body: str) -> str:
        """HTML for a Markdown body; raw HTML is escaped, or sanitised when allowed."""
        if FAST is None:  # an unverified Markdown may not reset every extension's state: one per body
            out = stock_markdown(self.allow_raw_html).convert(body)
        else:
            md = self._instance(FAST.extensions_used(body, self.allow_raw_html))
            try:
                out = md.convert(body)
            finally:
                md.reset()
        return clean_raw_html(out) if self.allow_raw_html else out


def text_to_html(body: str) -> str:
    """Plain wire copy: paragraphs, never interpreted as Markdown."""
    return "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in split_paragraphs(body))


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, paragraphs kept on their own lines."""
    fragment = re.sub(r"</(p|h[1-6]|li|blockquote|tr|pre|dd|dt)>", "\n\n", fragment)
    return html.unescape(_TAG.sub("", fragment)).strip()
