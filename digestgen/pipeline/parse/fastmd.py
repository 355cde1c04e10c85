"""Python-Markdown made cheap on news copy, with output identical to stock Python-Markdown.

Each shortcut skips work that cannot change the result: a processor or pattern is not run on text that
lacks a character every one of its matches contains, and an extension is not loaded for a body that
lacks the syntax all of its processors need. A processor or pattern this module does not know (an
extension's, a newer Markdown's) runs as usual. tests/test_markup.py checks the identity on a generated
corpus and on generated Markdown; benchmarks/markdown_speed.py measures the gain.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Sequence
from typing import Any

import markdown
from markdown import util
from markdown.blockparser import BlockParser
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.preprocessors import HtmlBlockPreprocessor, NormalizeWhitespace
from markdown.serializers import (  # type: ignore[attr-defined]  # helpers the stubs leave out
    BOOLEAN_ATTRIBUTES,
    HTML_EMPTY,
    _escape_attrib_html,
    _escape_cdata,
    to_html_string,
)
from markdown.treeprocessors import UnescapeTreeprocessor

from digestgen.pipeline.parse.fastinline import FastInlineProcessor, aligned

# Extensions that act only on text holding their syntax; "sane_lists" changes every list and stays on.
OPTIONAL_EXTENSIONS = ("tables", "fenced_code", "footnotes", "def_list", "abbr")
# A definition is ':' and a space at the start of a block line. Block lines lose list and quote markers,
# indentation and a footnote label in front of them, so any of those may stand before the ':'.
_DEFINITION_PREFIX = re.compile(r"(?:[ \t>*+\-0-9.)]|\[\^[^\]\n]*\]:)*")
# A note on speed: `"x" in text` for one character is a memchr, some 50 times faster than looking for
# two or more characters (or a regular expression) in a long text, so each test looks for one first.


def _has_definition_line(text: str) -> bool:
    colon = text.find(":")
    while colon != -1:
        if text[colon + 1 : colon + 2] in (" ", "\t"):
            line_start = text.rfind("\n", 0, colon) + 1
            if _DEFINITION_PREFIX.fullmatch(text, line_start, colon):
                return True
        colon = text.find(":", colon + 1)
    return False


def _has_colon_space(text: str) -> bool:
    return ": " in text or ":\t" in text


def _has_pair(text: str, first: str, second: str) -> bool:
    """`first + second in text`, found by looking for the rarer `second` first."""
    at = text.find(second, 1)
    while at != -1:
        if text[at - 1] == first:
            return True
        at = text.find(second, at + 1)
    return False


def extensions_used(text: str, raw_html: bool = False) -> frozenset[str]:
    """The optional extensions whose syntax occurs in `text` (a superset of those it really uses).

    With `raw_html`, Markdown lifts block HTML out of its line, so a line may start after any tag.
    """
    # As Markdown's NormalizeWhitespace does before any extension sees the text:
    if util.STX in text or util.ETX in text:
        text = text.replace(util.STX, "").replace(util.ETX, "")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    used = set()
    if "|" in text:  # table rows; the extension also makes `\|` an escape
        used.add("tables")
    if ("`" in text and "```" in text) or ("~" in text and "~~~" in text):
        used.add("fenced_code")
    if "^" in text and _has_pair(text, "[", "^"):  # footnote references and definitions
        used.add("footnotes")
    if ":" in text and (_has_definition_line(text) or (raw_html and "<" in text and _has_colon_space(text))):
        used.add("def_list")
    if "*" in text and _has_pair(text, "*", "["):  # abbreviation definitions
        used.add("abbr")
    return frozenset(used)


def _later_line_opens(block: str, characters: str) -> bool:
    """True when a line after the first starts with one of `characters`."""
    return "\n" in block and any(f"\n{c}" in block for c in characters)


# The processors Markdown 3.11 runs before "paragraph" with digestgen's always-on extensions.
_BEFORE_PARAGRAPH = ["empty", "indent", "code", "hashheader", "setextheader", "hr", "olist", "ulist", "quote",
                     "reference"]  # fmt: skip


def _plain_paragraph(block: str) -> bool:
    """True when none of _BEFORE_PARAGRAPH acts on `block` (the needs below, written out at once)."""
    if not block or block[0] in " \n0123456789*+-_#>":  # empty, indented, list, rule, heading, quote
        return False
    if "#" in block or ">" in block or (":" in block and "]:" in block):  # heading, quote, reference
        return False
    return not _later_line_opens(block, "=-*_ ")  # underline, rule


# For each built-in block processor: a cheap test that holds for every block it would act on (its test
# passes and its run does not hand the block back).
BLOCK_NEEDS: dict[str, Callable[[str], bool]] = {
    "hashheader": lambda block: "#" in block,
    "setextheader": lambda block: "\n" in block and ("\n=" in block or "\n-" in block),
    "hr": lambda block: block[:1] in " -*_" or _later_line_opens(block, "-*_ "),
    "quote": lambda block: ">" in block,
    "table": lambda block: "|" in block,
    "deflist": lambda block: ":" in block,
    "reference": lambda block: ":" in block and "]:" in block,  # the next three always pass their test, then give back
    "footnote": lambda block: "^" in block and "[^" in block,  # the block when their expression does not match it
    "abbr": lambda block: "[" in block and "*[" in block,
}


class _FastBlockParser(BlockParser):
    """Markdown's block loop, skipping processors whose needs a block lacks."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.steps: list[tuple[BlockProcessor, Callable[[str], bool] | None]] | None = None
        self.paragraph_steps: list[tuple[BlockProcessor, Callable[[str], bool] | None]] | None = None

    def freeze(self) -> None:
        """Pair each processor registered now with its need (FastMarkdown calls this once set up)."""
        registry = self.blockprocessors
        self.steps = list(zip(registry, aligned(registry, BLOCK_NEEDS), strict=True))
        # Plain paragraphs go straight to "paragraph" when the processors before it are Markdown's usual ones.
        names = {name: True for name in _BEFORE_PARAGRAPH}
        usual = "paragraph" in registry and aligned(registry, names)[: registry.get_index_for_name("paragraph")]
        plain = usual == [True] * len(_BEFORE_PARAGRAPH)
        self.paragraph_steps = self.steps[registry.get_index_for_name("paragraph") :] if plain else None

    def parseBlocks(self, parent: etree.Element, blocks: list[str]) -> None:
        if self.steps is None:
            self.freeze()
        steps, paragraph_steps = self.steps or [], self.paragraph_steps
        while blocks:
            block_steps = paragraph_steps if paragraph_steps and _plain_paragraph(blocks[0]) else steps
            for processor, need in block_steps:
                if need is not None and not need(blocks[0]):
                    continue
                if processor.test(parent, blocks[0]) and processor.run(parent, blocks) is not False:
                    break


class _FastNormalizeWhitespace(NormalizeWhitespace):
    """Markdown's NormalizeWhitespace, each step skipped when the text lacks what it replaces."""

    def run(self, lines: list[str]) -> list[str]:
        source = "\n".join(lines)
        if util.STX in source or util.ETX in source:
            source = source.replace(util.STX, "").replace(util.ETX, "")
        if "\r" in source:
            source = source.replace("\r\n", "\n").replace("\r", "\n")
        source += "\n\n"
        if "\t" in source:
            source = source.expandtabs(self.md.tab_length)
        lines = source.split("\n")
        # The expression empties lines made of spaces only (after the first line); skip it without one.
        if any(line and not line.strip(" ") for line in lines):
            lines = re.sub(r"(?<=\n) +\n", "\n", source).split("\n")
        return lines


class _FastHtmlBlock(HtmlBlockPreprocessor):
    """Markdown's raw-HTML block pass (allow_raw_html), skipped for text without '<' or '&': its HTML
    parser then sees only character data, which it passes through unchanged."""

    def run(self, lines: list[str]) -> list[str]:
        if any("<" in line or "&" in line for line in lines):
            return super().run(lines)
        return lines


class _FastUnescape(UnescapeTreeprocessor):
    """Markdown's unescape pass, not running its expression on text without an escape (STX) in it."""

    def unescape(self, text: str) -> str:
        if util.STX not in text:
            return text
        return self.RE.sub(lambda m: chr(int(m.group(1))), text)


_BOOLEAN = BOOLEAN_ATTRIBUTES["html"]


class _Unusual(Exception):
    """A tree the fast serializer leaves to Markdown's (comments, qualified names, ...)."""


def _serialize(element: etree.Element, out: list[str]) -> None:
    """markdown.serializers._serialize_html for the "html" format, recursive, for str tags and attributes."""
    tag = element.tag
    if type(tag) is not str:
        raise _Unusual
    items = element.items()
    if items:
        out.append(f"<{tag}")
        for key, value in sorted(items):
            if type(key) is not str or (value is not None and type(value) is not str):
                raise _Unusual
            if value is None:
                out.append(f" {key}")
                continue
            value = _escape_attrib_html(value)
            out.append(f" {value}" if key == value and key in _BOOLEAN else f' {key}="{value}"')
        out.append(">")
    else:
        out.append(f"<{tag}>")
    lower = tag.lower()
    if element.text:
        out.append(element.text if lower in ("script", "style") else _escape_cdata(element.text))
    for child in element:
        _serialize(child, out)
    if lower not in HTML_EMPTY:
        out.append(f"</{tag}>")
    if element.tail:
        out.append(_escape_cdata(element.tail))


def _to_html_string(element: etree.Element) -> str:
    """Markdown's to_html_string, by the recursive serializer when the tree allows it."""
    out: list[str] = []
    try:
        _serialize(element, out)
    except (_Unusual, RecursionError):
        return to_html_string(element)
    return "".join(out)


# The versions whose internals the classes above copy or override, checked by tests/test_markup.py. With
# any other version FastMarkdown is plain Markdown and MarkdownRenderer loads every extension.
VERIFIED_VERSIONS = ((3, 11),)
ACTIVE = tuple(markdown.__version_info__[:2]) in VERIFIED_VERSIONS


class FastMarkdown(markdown.Markdown):
    """Python-Markdown with the shortcuts above: the same output as markdown.Markdown, sooner.

    It does not follow changes made to its processor registries after it is set up.
    """

    def __init__(self, extensions: Sequence[str | Extension]) -> None:
        self._block_tags: dict[Any, bool] = {}
        self._set_up = False
        super().__init__(extensions=list(extensions), output_format="html")
        if not ACTIVE:
            return
        self._set_up = True  # extensions change block_level_elements only while setting up
        self.serializer = _to_html_string
        for part in (self.parser, self.treeprocessors["inline"]):
            if isinstance(part, (_FastBlockParser, FastInlineProcessor)):
                part.freeze()

    def build_parser(self) -> FastMarkdown:
        """Markdown's parts, with the fast ones in place before any extension registers its own."""
        super().build_parser()
        if not ACTIVE:
            return self
        parser = _FastBlockParser(self)
        parser.blockprocessors = self.parser.blockprocessors
        for processor in parser.blockprocessors:
            processor.parser = parser
        self.parser = parser
        # Same names and priorities as markdown.preprocessors and markdown.treeprocessors give them.
        self.preprocessors.register(_FastNormalizeWhitespace(self), "normalize_whitespace", 30)
        self.preprocessors.register(_FastHtmlBlock(self), "html_block", 20)
        self.treeprocessors.register(FastInlineProcessor(self), "inline", 20)
        self.treeprocessors.register(_FastUnescape(self), "unescape", 0)
        return self

    def is_block_level(self, tag: Any) -> bool:
        """Markdown's answer, remembered per tag once set up (the prettifier asks for every element)."""
        known = self._block_tags.get(tag)
        if known is None:
            known = super().is_block_level(tag)
            if self._set_up:
                self._block_tags[tag] = known
        return known
