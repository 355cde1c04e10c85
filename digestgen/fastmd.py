"""Python-Markdown made cheap on news copy, with output identical to stock Python-Markdown.

Each shortcut skips work that cannot change the result: a processor or pattern is not run on text that
lacks a character every one of its matches contains, and an extension is not loaded for a body that
lacks the syntax all of its processors need. A processor or pattern this module does not know (an
extension's, a newer Markdown's) runs as usual. tests/test_markup.py checks the identity on a generated
corpus and on generated Markdown; benchmarks/markdown.py measures the gain.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import markdown
from markdown import util
from markdown.blockparser import BlockParser
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.preprocessors import NormalizeWhitespace
from markdown.treeprocessors import InlineProcessor, UnescapeTreeprocessor

# Extensions that act only on text holding their syntax; "sane_lists" changes every list and stays on.
OPTIONAL_EXTENSIONS = ("tables", "fenced_code", "footnotes", "def_list", "abbr")
# A definition is ':' and a space at the start of a block line. Block lines lose list and quote markers,
# indentation and a footnote label in front of them, so any of those may stand before the ':'.
_COLON_SPACE = re.compile(r":[ \t]")
_DEFINITION_PREFIX = re.compile(r"(?:[ \t>*+\-0-9.)]|\[\^[^\]\n]*\]:)*")


def _has_definition_line(text: str) -> bool:
    for match in _COLON_SPACE.finditer(text):
        colon = match.start()
        if _DEFINITION_PREFIX.fullmatch(text, text.rfind("\n", 0, colon) + 1, colon):
            return True
    return False


def extensions_used(text: str) -> frozenset[str]:
    """The optional extensions whose syntax occurs in `text` (a superset of those it really uses)."""
    # As Markdown's NormalizeWhitespace does before any extension sees the text:
    text = text.replace(util.STX, "").replace(util.ETX, "")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    used = set()
    if "|" in text:  # table rows; the extension also makes `\|` an escape
        used.add("tables")
    if "```" in text or "~~~" in text:
        used.add("fenced_code")
    if "[^" in text:  # footnote references and definitions
        used.add("footnotes")
    if _has_definition_line(text):
        used.add("def_list")
    if "*[" in text:  # abbreviation definitions
        used.add("abbr")
    return frozenset(used)


# For each built-in inline pattern: substrings of which every match contains at least one.
INLINE_NEEDS: dict[str, frozenset[str]] = {
    "backtick": frozenset("`"),
    "escape": frozenset("\\"),
    "footnote": frozenset({"[^"}),
    "reference": frozenset("["),
    "link": frozenset("["),
    "image_link": frozenset({"!["}),
    "image_reference": frozenset({"!["}),
    "short_reference": frozenset("["),
    "short_image_ref": frozenset({"!["}),
    "autolink": frozenset("<"),
    "automail": frozenset("<"),
    "linebreak": frozenset({"  \n"}),
    "html": frozenset("<"),
    "entity": frozenset("&"),
    "em_strong": frozenset("*_"),  # Markdown < 3.11 names its '*' and '_' patterns differently
    "em_strong2": frozenset("_"),
    "not_strong": frozenset("*_"),
    "strong_em": frozenset("*"),
}

# For each built-in block processor: a cheap test that holds for every block it would act on (its test
# passes and its run does not hand the block back).
BLOCK_NEEDS: dict[str, Callable[[str], bool]] = {
    "hashheader": lambda block: "#" in block,
    "setextheader": lambda block: "\n=" in block or "\n-" in block,
    "hr": lambda block: block.count("-") >= 3 or block.count("*") >= 3 or block.count("_") >= 3,
    "quote": lambda block: ">" in block,
    "table": lambda block: "|" in block,
    "deflist": lambda block: ":" in block,
    "reference": lambda block: "]:" in block,  # the next three always pass their test, then give back
    "footnote": lambda block: "[^" in block,  # the block when their expression does not match it
    "abbr": lambda block: "*[" in block,
}


def _aligned(registry: util.Registry[Any], needs: dict[str, Any]) -> list[Any]:
    """needs[name] for each item of `registry`, in running order (None for a name not in `needs`)."""
    aligned: list[Any] = [None] * len(registry)
    for name, need in needs.items():
        if name in registry:
            aligned[registry.get_index_for_name(name)] = need
    return aligned


class FastInlineProcessor(InlineProcessor):
    """Markdown's inline pass, skipping each pattern on text that lacks what all its matches contain.

    Skipping a pattern is what Markdown does when the pattern finds no match (go on to the next pattern,
    searching from the start), and text without the substring has no match. Replacing a match by a
    placeholder only removes characters, so a pattern impossible on a text stays impossible.
    """

    _needs: list[frozenset[str] | None]
    _tokens: tuple[str, ...]
    _all_known: bool

    def run(self, tree: etree.Element, ancestors: list[str] | None = None) -> etree.Element:
        """Markdown's inline pass, with the needs of the patterns registered now."""
        self._needs = _aligned(self.inlinePatterns, INLINE_NEEDS)
        self._tokens = tuple(sorted(set().union(*(n for n in self._needs if n is not None))))
        self._all_known = None not in self._needs
        return super().run(tree, ancestors)

    # Python-Markdown names its private method so; a subclass overrides it under that name.
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if isinstance(data, util.AtomicString):
            return data
        present = frozenset(token for token in self._tokens if token in data)
        if not present and self._all_known:
            return data  # plain prose: no pattern can match
        patterns, needs = self.inlinePatterns, self._needs
        apply = self._InlineProcessor__applyPattern  # type: ignore[attr-defined]  # Markdown's private method
        start = 0
        while patternIndex < len(patterns):
            need = needs[patternIndex]
            if need is not None and need.isdisjoint(present):
                patternIndex, start = patternIndex + 1, 0
                continue
            data, matched, start = apply(patterns[patternIndex], data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


class _FastBlockParser(BlockParser):
    """Markdown's block loop, skipping processors whose needs a block lacks."""

    _steps: list[tuple[BlockProcessor, Callable[[str], bool] | None]] | None = None

    def _make_steps(self) -> list[tuple[BlockProcessor, Callable[[str], bool] | None]]:
        return list(zip(self.blockprocessors, _aligned(self.blockprocessors, BLOCK_NEEDS), strict=True))

    def parseDocument(self, lines: Iterable[str]) -> etree.ElementTree:
        self._steps = self._make_steps()  # once per document rather than once per block
        try:
            return super().parseDocument(lines)
        finally:
            self._steps = None

    def parseBlocks(self, parent: etree.Element, blocks: list[str]) -> None:
        steps = self._steps if self._steps is not None else self._make_steps()
        while blocks:
            for processor, need in steps:
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
        if " \n" in source:  # the expression removes lines of spaces
            source = re.sub(r"(?<=\n) +\n", "\n", source)
        return source.split("\n")


class _FastUnescape(UnescapeTreeprocessor):
    """Markdown's unescape pass, not running its expression on text without an escape (STX) in it."""

    def unescape(self, text: str) -> str:
        if util.STX not in text:
            return text
        return self.RE.sub(lambda m: chr(int(m.group(1))), text)


class FastMarkdown(markdown.Markdown):
    """Python-Markdown with the shortcuts above: the same output as markdown.Markdown, sooner."""

    def __init__(self, extensions: Sequence[str | Extension]) -> None:
        super().__init__(extensions=list(extensions), output_format="html")
        # Read for every element by the prettifier; extensions add to the list only while setting up.
        self._block_level = frozenset(self.block_level_elements)

    def build_parser(self) -> FastMarkdown:
        """Markdown's parts, with the fast ones in place before any extension registers its own."""
        super().build_parser()
        parser = _FastBlockParser(self)
        parser.blockprocessors = self.parser.blockprocessors
        for processor in parser.blockprocessors:
            processor.parser = parser
        self.parser = parser
        # Same names and priorities as markdown.preprocessors and markdown.treeprocessors give them.
        self.preprocessors.register(_FastNormalizeWhitespace(self), "normalize_whitespace", 30)
        self.treeprocessors.register(FastInlineProcessor(self), "inline", 20)
        self.treeprocessors.register(_FastUnescape(self), "unescape", 0)
        return self

    def is_block_level(self, tag: Any) -> bool:
        return isinstance(tag, str) and tag.lower().rstrip("/") in self._block_level
