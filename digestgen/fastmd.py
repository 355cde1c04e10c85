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
from collections.abc import Callable, Sequence
from typing import Any, cast

import markdown
from markdown import util
from markdown.blockparser import BlockParser
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.inlinepatterns import DelimiterProcessor
from markdown.preprocessors import NormalizeWhitespace
from markdown.treeprocessors import InlineProcessor, UnescapeTreeprocessor

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


def _has_pair(text: str, first: str, second: str) -> bool:
    """`first + second in text`, found by looking for the rarer `second` first."""
    at = text.find(second, 1)
    while at != -1:
        if text[at - 1] == first:
            return True
        at = text.find(second, at + 1)
    return False


def extensions_used(text: str) -> frozenset[str]:
    """The optional extensions whose syntax occurs in `text` (a superset of those it really uses)."""
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
    if ":" in text and _has_definition_line(text):
        used.add("def_list")
    if "*" in text and _has_pair(text, "*", "["):  # abbreviation definitions
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

# The character of each multi-character substring above to look for first.
_RAREST = {"[^": "^", "![": "!", "  \n": "\n"}

# For each built-in block processor: a cheap test that holds for every block it would act on (its test
# passes and its run does not hand the block back).
BLOCK_NEEDS: dict[str, Callable[[str], bool]] = {
    "hashheader": lambda block: "#" in block,
    "setextheader": lambda block: "\n" in block and ("\n=" in block or "\n-" in block),
    "hr": lambda block: block.count("-") >= 3 or block.count("*") >= 3 or block.count("_") >= 3,
    "quote": lambda block: ">" in block,
    "table": lambda block: "|" in block,
    "deflist": lambda block: ":" in block,
    "reference": lambda block: ":" in block and "]:" in block,  # the next three always pass their test, then give back
    "footnote": lambda block: "^" in block and "[^" in block,  # the block when their expression does not match it
    "abbr": lambda block: "[" in block and "*[" in block,
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
    placeholder only removes characters, so a pattern impossible on a text stays impossible. Text with
    no pattern's substring and no placeholder (STX) is left as it is: Markdown would put it back unchanged.
    """

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self._needs: list[frozenset[str] | None] | None = None
        self._keyed: tuple[tuple[str, str], ...] = ()  # (needed substring, its rarest character)
        self._all_known = False
        self._patterns: list[Any] = []
        self._emphasis: int | None = None

    def freeze(self) -> None:
        """Look up the needs of the patterns registered now (FastMarkdown calls this once set up)."""
        self._needs = _aligned(self.inlinePatterns, INLINE_NEEDS)
        tokens = sorted(set().union(*(n for n in self._needs if n is not None)))
        self._keyed = tuple((token, _RAREST.get(token, token[0])) for token in tokens)
        self._all_known = None not in self._needs
        self._patterns = list(self.inlinePatterns)
        self._emphasis = self._simple_emphasis_index()

    def _simple_emphasis_index(self) -> int | None:
        """The index of Markdown's own `*`/`_` emphasis processor, when it is set up as Markdown does."""
        if "em_strong" not in self.inlinePatterns:
            return None
        index = self.inlinePatterns.get_index_for_name("em_strong")
        processor = self._patterns[index]
        star = processor.delimiters.get("*") if type(processor) is DelimiterProcessor else None
        if star is None or set(processor.delimiters) != {"*", "_"} or processor.ANCESTOR_EXCLUDES:
            return None
        plain_star = not star.smart and not star.double and star.tags == ("strong", "em")
        return index if plain_star else None

    def _present(self, text: str) -> list[str]:
        return [token for token, key in self._keyed if key in text and token in text]

    def _plain(self, text: str) -> bool:
        """True when Markdown's inline pass would give `text` back as it is."""
        return self._all_known and util.STX not in text and not self._present(text)

    def run(self, tree: etree.Element, ancestors: list[str] | None = None) -> etree.Element:
        """InlineProcessor.run of Markdown 3.11, except that plain text is left alone."""
        if self._needs is None:
            self.freeze()
        self.stashed_nodes = {}
        tree_parents = [] if ancestors is None else ancestors[:]
        self.parent_map = {c: p for p in tree.iter() for c in p}
        stack = [(tree, tree_parents)]
        self._InlineProcessor__build_ancestors(tree, tree_parents)  # type: ignore[attr-defined]  # private
        handle = self._InlineProcessor__handleInline
        process = self._InlineProcessor__processPlaceholders  # type: ignore[attr-defined]  # private
        plain = self._plain
        while stack:
            current, parents = stack.pop(0)
            self.ancestors = parents
            if current is not tree:
                self.ancestors.append(current.tag.lower())
            insert_queue = []
            for child in current:
                if child.text and not isinstance(child.text, util.AtomicString) and not plain(child.text):
                    self.ancestors.append(child.tag.lower())
                    text = child.text
                    child.text = None
                    found = process(handle(text), child)
                    for item in found:
                        self.parent_map[item[0]] = child
                    stack += found
                    insert_queue.append((child, found))
                    self.ancestors.pop()
                if child.tail and not plain(child.tail):
                    tail = handle(child.tail)
                    dummy = etree.Element("d")
                    child.tail = None
                    tail_result = process(tail, dummy, False)
                    if dummy.tail:
                        child.tail = dummy.tail
                    pos = list(current).index(child) + 1
                    tail_result.reverse()
                    for new_child in tail_result:
                        self.parent_map[new_child[0]] = current
                        current.insert(pos, new_child[0])
                if len(child):
                    self.parent_map[child] = current
                    stack.append((child, self.ancestors[:]))
            for element, found in insert_queue:
                for i, obj in enumerate(found):
                    element.insert(i, obj[0])
        return tree

    # Python-Markdown names its private method so; a subclass overrides it under that name.
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if isinstance(data, util.AtomicString):
            return data
        present = self._present(data)
        if not present and self._all_known:
            return data  # no pattern can match
        patterns, needs = self._patterns, self._needs or []
        apply = self._InlineProcessor__applyPattern  # type: ignore[attr-defined]  # Markdown's private method
        start, count = 0, len(patterns)
        only_stars = present == ["*"]
        while patternIndex < count:
            need = needs[patternIndex]
            if need is not None and need.isdisjoint(present):
                patternIndex, start = patternIndex + 1, 0
                continue
            if only_stars and start == 0 and patternIndex == self._emphasis:  # its first run on `data`
                paired = self._one_pair_of_stars(data, patternIndex)
                if paired is not None:  # what the emphasis processor would give, and then no match
                    data, patternIndex, start = paired, patternIndex + 1, 0
                    continue
            data, matched, start = apply(patterns[patternIndex], data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data

    def _one_pair_of_stars(self, data: str, index: int) -> str | None:
        """`data` with its emphasis stashed, when it holds just two equal runs of one or two `*` that
        Markdown's emphasis processor (at `index`, clean, first applied to `data`) pairs; else None.

        For that case the processor's general pairing loop reduces to one region spanning both runs:
        an opener that reads as start or ambiguous, a closer that reads as end or ambiguous, equal
        lengths under 3, so no rule of three and nothing left on any stack.
        """
        processor = self._patterns[index]
        if processor.regions or processor.stack or processor.cache_index or processor.cache_pos:
            return None
        if any(delimiter.stack for delimiter in processor.delimiters.values()):
            return None
        first = data.find("*")
        first_end = first + len(data[first:]) - len(data[first:].lstrip("*"))
        second = data.find("*", first_end)
        if second == -1:
            return None
        second_end = second + len(data[second:]) - len(data[second:].lstrip("*"))
        size = first_end - first
        if size > 2 or second_end - second != size or data.find("*", second_end) != -1:
            return None
        boundary = processor.delimiters["*"].boundary
        opener, closer = boundary.match(data, first), boundary.match(data, second)
        if opener is None or opener.end() != first_end or opener.lastgroup not in ("start", "ambiguous"):
            return None
        if closer is None or closer.end() != second_end or closer.lastgroup not in ("end", "ambiguous"):
            return None
        element = etree.Element("strong" if size == 2 else "em")
        element.text = data[first_end:second]
        # As InlineProcessor.__applyPattern goes on with the element a pattern returns:
        self.ancestors.append(element.tag)
        element.text = self._InlineProcessor__handleInline(element.text, index + 1)
        self.ancestors.pop()
        placeholder: str = self._InlineProcessor__stashNode(element, processor.type())  # type: ignore[attr-defined]
        return data[:first] + placeholder + data[second_end:]


class _FastBlockParser(BlockParser):
    """Markdown's block loop, skipping processors whose needs a block lacks."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.steps: list[tuple[BlockProcessor, Callable[[str], bool] | None]] | None = None

    def freeze(self) -> None:
        """Pair each processor registered now with its need (FastMarkdown calls this once set up)."""
        self.steps = list(zip(self.blockprocessors, _aligned(self.blockprocessors, BLOCK_NEEDS), strict=True))

    def parseBlocks(self, parent: etree.Element, blocks: list[str]) -> None:
        if self.steps is None:
            self.freeze()
        steps = self.steps or []
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
        lines = source.split("\n")
        # The expression empties lines made of spaces only (after the first line); skip it without one.
        if any(line and not line.strip(" ") for line in lines):
            lines = re.sub(r"(?<=\n) +\n", "\n", source).split("\n")
        return lines


class _FastUnescape(UnescapeTreeprocessor):
    """Markdown's unescape pass, not running its expression on text without an escape (STX) in it."""

    def unescape(self, text: str) -> str:
        if util.STX not in text:
            return text
        return self.RE.sub(lambda m: chr(int(m.group(1))), text)


# The versions whose internals the classes above copy or override, checked by tests/test_markup.py. With
# any other version FastMarkdown is plain Markdown and MarkdownRenderer loads every extension.
VERIFIED_VERSIONS = ((3, 11),)
ACTIVE = tuple(markdown.__version_info__[:2]) in VERIFIED_VERSIONS


class FastMarkdown(markdown.Markdown):
    """Python-Markdown with the shortcuts above: the same output as markdown.Markdown, sooner.

    It does not follow changes made to its processor registries after it is set up.
    """

    def __init__(self, extensions: Sequence[str | Extension]) -> None:
        super().__init__(extensions=list(extensions), output_format="html")
        # Read for every element by the prettifier; extensions add to the list only while setting up.
        self._block_level = frozenset(self.block_level_elements)
        if ACTIVE:
            cast(_FastBlockParser, self.parser).freeze()
            cast(FastInlineProcessor, self.treeprocessors["inline"]).freeze()

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
        self.treeprocessors.register(FastInlineProcessor(self), "inline", 20)
        self.treeprocessors.register(_FastUnescape(self), "unescape", 0)
        return self

    def is_block_level(self, tag: Any) -> bool:
        if not ACTIVE:
            return super().is_block_level(tag)
        return isinstance(tag, str) and tag.lower().rstrip("/") in self._block_level
