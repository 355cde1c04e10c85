"""MODEL: near-duplicate articles (one event from two outlets, an agency's UPDATE 1, UPDATE 2 and
re-filed versions) grouped into stories, so that every listing shows a story once.

Articles are compared by the MinHash sketches of their texts (text/sketch.py), made when they
are parsed. Candidates come from LSH banding (articles whose sketches agree on every row of some
band), so the cost grows with the number of articles, not of pairs; a candidate pair is grouped
only when the estimated Jaccard similarity of the word shingles reaches THRESHOLD and, when both
are dated, they are at most DAYS apart (as is a whole group: a chain of pairs does not stretch a
story over weeks). A wrong grouping hides a story, so the bar is high.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from digestgen.model import Card
from digestgen.text.sketch import BINS, similarity, unpack

THRESHOLD = 0.5
"""Estimated Jaccard similarity of word 5-shingles at or above which two articles are one story."""
DAYS = 4
"""Dated versions of one story are at most this many days apart."""
ROWS = 4
BANDS = BINS // ROWS
"""LSH: 32 bands of 4 bins; a pair at the threshold shares a band with probability 0.87, at 0.6 with 0.99."""
CROWD = 24
"""In a band bucket with more articles than this (one text filed over and over), each is compared
only with the CROWD before it in lead order: the cost stays linear."""


@dataclass(frozen=True)
class Story:
    """Versions of one story: the lead (newest dated, then longest, then by path) and the others."""

    lead: Card
    others: tuple[Card, ...]
    """The other versions in the same order: newest first."""

    @property
    def versions(self) -> tuple[Card, ...]:
        return (self.lead, *self.others)


def lead_order(card: Card) -> tuple[int, float, int, str]:
    """How versions of a story are ordered: dated first, newest, longest, then by path."""
    return (
        (0, -card.date.timestamp(), -card.words, card.source_path)
        if card.date
        else (1, 0.0, -card.words, card.source_path)
    )


@dataclass
class StoryMemo:
    """Each card's unpacked sketch, by identity, so a re-plan unpacks only new cards; and the last
    result, kept while the cards are the very same objects."""

    sketches: dict[int, tuple[Card, tuple[int, ...]]] = field(default_factory=dict)
    last: tuple[tuple[Card, ...], tuple[Story, ...]] = ((), ())


def group_stories(cards: Iterable[Card], memo: StoryMemo | None = None) -> tuple[Story, ...]:
    """The stories of two or more versions among `cards`, ordered by their leads' paths.

    A pure function of the cards (`memo` only saves work): the same cards in any order give the
    same stories. Cards without a sketch (too short to compare) stand alone.
    """
    ordered = sorted((c for c in cards if c.sketch), key=lead_order)
    if memo is not None and len(memo.last[0]) == len(ordered) and all(map(operator.is_, memo.last[0], ordered)):
        return memo.last[1]
    known = memo.sketches if memo is not None else {}
    kept: dict[int, tuple[Card, tuple[int, ...]]] = {}
    bins: list[tuple[int, ...]] = []
    for card in ordered:
        found = known.get(id(card))
        if found is None or found[0] is not card:
            found = (card, unpack(card.sketch)[0])
        kept[id(card)] = found
        bins.append(found[1])
    if memo is not None:
        memo.sketches = kept
    parent = list(range(len(ordered)))
    # Each group's dated span, so that a chain of pairs never joins versions more than DAYS apart.
    span = [(c.date.timestamp(), c.date.timestamp()) if c.date else None for c in ordered]

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    checked: set[tuple[int, int]] = set()
    for band in range(BANDS):
        buckets: dict[tuple[int, ...], list[int]] = {}
        lo = band * ROWS
        for i, values in enumerate(bins):
            buckets.setdefault(values[lo : lo + ROWS], []).append(i)
        for members in buckets.values():
            for k, j in enumerate(members):
                for i in members[max(0, k - CROWD) : k]:
                    if (i, j) in checked:
                        continue
                    checked.add((i, j))
                    if not _same(ordered[i], ordered[j], bins[i], bins[j]):
                        continue
                    a, b = root(i), root(j)
                    if a == b:
                        continue
                    x, y = span[a], span[b]
                    joined = (min(x[0], y[0]), max(x[1], y[1])) if x and y else x or y
                    if joined and joined[1] - joined[0] > DAYS * 86400:
                        continue
                    parent[max(a, b)] = min(a, b)
                    span[min(a, b)] = joined
    groups: dict[int, list[Card]] = {}
    for i, card in enumerate(ordered):  # in lead order, so each group's first card is its lead
        groups.setdefault(root(i), []).append(card)
    stories = (Story(g[0], tuple(g[1:])) for g in groups.values() if len(g) > 1)
    result = tuple(sorted(stories, key=lambda s: s.lead.source_path))
    if memo is not None:
        memo.last = (tuple(ordered), result)
    return result


def _same(a: Card, b: Card, x: tuple[int, ...], y: tuple[int, ...]) -> bool:
    """Two versions of one story: texts similar enough, and not far apart in time when both are dated."""
    if a.date is not None and b.date is not None and abs((a.date - b.date).total_seconds()) > DAYS * 86400:
        return False
    return similarity(x, y) >= THRESHOLD


def collapse(cards: Sequence[Card], stories: Mapping[str, Story]) -> tuple[tuple[Card, tuple[Card, ...]], ...]:
    """A list as it shows: each story once, where its first version in the list is, as the best of
    its versions in the list (lead order) with every other version of the story.

    `stories` maps an article's slug to its story; an article in none shows alone.
    """
    present: dict[int, list[Card]] = {}
    for card in cards:
        story = stories.get(card.slug)
        if story is not None:
            present.setdefault(id(story), []).append(card)
    out: list[tuple[Card, tuple[Card, ...]]] = []
    done: set[int] = set()
    for card in cards:
        story = stories.get(card.slug)
        if story is None:
            out.append((card, ()))
            continue
        if id(story) in done:
            continue
        done.add(id(story))
        shown = min(present[id(story)], key=lead_order)
        out.append((shown, tuple(v for v in story.versions if v.slug != shown.slug)))
    return tuple(out)


def by_slug(stories: Iterable[Story]) -> dict[str, Story]:
    """Each grouped article's slug to its story."""
    return {card.slug: story for story in stories for card in story.versions}
