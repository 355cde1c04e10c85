"""Markdown's inline pass made cheap on news copy, with output identical to stock Python-Markdown.

Used by digestgen.pipeline.parse.fastmd.FastMarkdown (see there for the rules every shortcut follows). Besides skipping
patterns on text that lacks what they need, two shortcuts handle the commonest markup of news copy
directly, for exactly the inputs where Markdown's general code reduces to one obvious result: a single
pair of `*` runs (emphasis) and a single `[text](url)` with a plain URL.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Any

import markdown
from markdown import util
from markdown.inlinepatterns import DelimiterProcessor, LinkInlineProcessor, ReferenceInlineProcessor
from markdown.treeprocessors import InlineProcessor

# For each inline pattern of Markdown 3.11: substrings of which every match contains at least one.
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
    "em_strong": frozenset("*_"),
}

_STARS = re.compile(r"\*+")
# A URL the link pattern takes as it is: no space, quote, bracket, angle bracket or placeholder.
_PLAIN_URL = re.compile(r"[^\s()<>'\"\x02\x03]*")
# The character of each multi-character substring above to look for first.
_RAREST = {"[^": "^", "![": "!", "  \n": "\n"}


def aligned(registry: util.Registry[Any], needs: dict[str, Any]) -> list[Any]:
    """needs[name] for each item of `registry`, in running order; None for a name not in `needs` and for
    an item that is not Markdown's own (an extension may register its own class under a built-in name)."""
    aligned: list[Any] = [None] * len(registry)
    for name, need in needs.items():
        if name in registry and type(registry[name]).__module__.startswith("markdown."):
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
        self._link: int | None = None

    def freeze(self) -> None:
        """Look up the needs of the patterns registered now (FastMarkdown calls this once set up)."""
        for pattern in self.inlinePatterns:  # the link family: linear bracket and paren scanning
            if isinstance(pattern, LinkInlineProcessor) and type(pattern).__module__ == "markdown.inlinepatterns":
                _linear_links(pattern)
        self._needs = aligned(self.inlinePatterns, INLINE_NEEDS)
        tokens = sorted(set().union(*(n for n in self._needs if n is not None)))
        self._keyed = tuple((token, _RAREST.get(token, token[0])) for token in tokens)
        self._all_known = None not in self._needs
        self._patterns = list(self.inlinePatterns)
        self._emphasis = self._simple_emphasis_index()
        self._link = self._simple_link_index()

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

    def _simple_link_index(self) -> int | None:
        """The index of Markdown's own reference pattern when its own link pattern comes right after it."""
        if "reference" not in self.inlinePatterns or "link" not in self.inlinePatterns:
            return None
        index = self.inlinePatterns.get_index_for_name("reference")
        if self.inlinePatterns.get_index_for_name("link") != index + 1:
            return None
        reference, link = self._patterns[index], self._patterns[index + 1]
        if type(reference) is not ReferenceInlineProcessor or type(link) is not LinkInlineProcessor:
            return None
        return None if reference.ANCESTOR_EXCLUDES or link.ANCESTOR_EXCLUDES else index

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
        only = present[0] if len(present) == 1 and self._all_known and util.STX not in data else None
        while patternIndex < count:
            need = needs[patternIndex]
            if need is not None and need.isdisjoint(present):
                patternIndex, start = patternIndex + 1, 0
                continue
            if only is not None and start == 0:  # the first time this pattern looks at `data`
                if only == "*" and patternIndex == self._emphasis:
                    done = self._one_pair_of_stars(data, patternIndex)
                    if done is not None:  # what the emphasis processor gives, and then no more match
                        data, patternIndex = done, patternIndex + 1
                        continue
                if only == "[" and patternIndex == self._link:
                    done = self._one_plain_link(data, patternIndex + 1)
                    if done is not None:  # reference finds nothing, link gives this, then no more match
                        data, patternIndex = done, patternIndex + 2
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
        first_end = _STARS.match(data, first).end()  # type: ignore[union-attr]  # there is a '*' at first
        second = data.find("*", first_end)
        if second == -1:
            return None
        second_end = _STARS.match(data, second).end()  # type: ignore[union-attr]  # and one at second
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
        return data[:first] + self._stash(element, index) + data[second_end:]

    def _one_plain_link(self, data: str, index: int) -> str | None:
        """`data` with its link stashed, when it holds one `[`, one `]` and right after it `(url)` whose
        url has no space, quote, bracket or placeholder; else None. Markdown's link pattern is at `index`
        and its reference pattern before it.

        For that case the reference pattern finds no `[id]` after `]` and does nothing, and the link
        pattern's bracket and title scanning reduces to: text between the brackets, href up to `)`.
        """
        opening = data.find("[")
        closing = data.find("]", opening)
        if closing == -1 or data.find("[", opening + 1) != -1 or data.find("]", closing + 1) != -1:
            return None
        if data[closing + 1 : closing + 2] != "(":
            return None
        end = data.find(")", closing + 2)
        if end == -1 or not _PLAIN_URL.fullmatch(data, closing + 2, end):
            return None
        element = etree.Element("a")
        element.text = data[opening + 1 : closing]
        element.set("href", data[closing + 2 : end])
        return data[:opening] + self._stash(element, index) + data[end + 1 :]

    def _stash(self, element: etree.Element, index: int) -> str:
        """What InlineProcessor.__applyPattern does with an element the pattern at `index` returns:
        run the later patterns on its text, stash it, and give the placeholder to put in its place."""
        if element.text:
            self.ancestors.append(element.tag)
            element.text = self._InlineProcessor__handleInline(element.text, index + 1)
            self.ancestors.pop()
        placeholder: str = self._InlineProcessor__stashNode(  # type: ignore[attr-defined]  # private
            element, self._patterns[index].type()
        )
        return placeholder


_BRACKETS = re.compile(r"[\[\]]")
_NEAR = 2000
"""Characters a link's text is looked for in before the whole text's brackets are worked out."""


def _linear_links(pattern: LinkInlineProcessor) -> None:
    """Give one of Markdown's link patterns a getText and getLink with its results in linear time.

    Markdown 3.11 works out where every bracket of a text closes at once, but again after each
    link it replaces by a placeholder: a paragraph of N links cost N passes over it (a thousand
    links, seconds). Here a link's text is found by scanning from its `[` (the closing `]` is
    near), and only a bracket that does not close nearby falls back to Markdown's whole-text
    pass, which a text with no link to replace does once. getLink gives up at once, as its scan
    would at the end, when no `)` or quote follows: a text of `[a](` repeated no longer costs a
    scan to its end per `(`.
    """
    whole_text = pattern.getText
    whole_link = pattern.getLink
    last: dict[str, Any] = {"data": None, "tail": -1, "whole": None}

    def get_text(data: str, index: int) -> tuple[str, int, bool]:
        if last["whole"] is data:  # this text's brackets are worked out already
            return whole_text(data, index)
        depth = 0
        for m in _BRACKETS.finditer(data, index, min(len(data), index + _NEAR)):
            depth += 1 if m.group() == "[" else -1
            if depth < 0:
                end = m.end()
                return data[index : end - 1], end, True
        if index + _NEAR >= len(data):  # scanned to the end: the bracket never closes
            return data[index:], len(data), False
        last["whole"] = data
        return whole_text(data, index)

    def get_link(data: str, index: int) -> tuple[str, str | None, int, bool]:
        if last["data"] is not data:
            last["data"], last["tail"] = data, max(data.rfind(")"), data.rfind("'"), data.rfind('"'))
        if index > last["tail"]:
            opening = pattern.RE_LINK.match(data, pos=index)
            if opening is not None and not opening.group(1) and opening.end() > last["tail"]:
                return "", None, len(data), False  # what the scan gives: no ')' and no title quote to end it
        return whole_link(data, index)

    pattern.getText = get_text  # type: ignore[method-assign]
    pattern.getLink = get_link  # type: ignore[method-assign]
