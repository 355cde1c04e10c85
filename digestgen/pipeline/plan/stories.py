"""MODEL: near-duplicate articles (one event from two outlets, an agency's UPDATE 1, UPDATE 2 and
re-filed versions) grouped into stories, so that every listing shows a story once.

Articles are compared by the MinHash sketches of their texts (text/sketch.py), made when they
are parsed. Candidates come from LSH banding (articles whose sketches agree on every row of some
band), so the cost grows with the number of articles, not of pairs; a candidate pair is grouped
only when the estimated Jaccard similarity of the word shingles reaches THRESHOLD. An agency's
marked re-file ("UPDATE 1-...", "URGENT: ...") also joins the versions headlined the same, even a
flash too short to sketch. Dated versions of a story are at most DAYS apart, however they were
joined. A wrong grouping hides a story, so the bar is high.
"""

from __future__ import annotations

import bisect
import math
import operator
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from digestgen.model import Card
from digestgen.text.sketch import BINS, similarity, unpack

THRESHOLD = 0.5
"""Estimated Jaccard similarity of word 5-shingles at or above which two articles are one story."""
DAYS = 4
"""Dated versions of one story are at most this many days apart."""
ROWS = 4
BANDS = BINS // ROWS
"""LSH: 32 bands of 4 bins (every 32nd); a pair at the threshold shares a band with probability 0.87,
at 0.6 with 0.99."""
RETITLED = 0.2
"""Two texts headlined alike with an agency's marker need only this similarity (a flash too short
to sketch needs none): the marker says they are versions, the text that they are not another day's."""
MIN_HEADLINE = 4
"""Words a headline needs to identify a story by itself ("Markets close" does not)."""
_MARKER = re.compile(
    r"^\s*(?:(?:UPDATE[SD]?|WRAPUP|REFILE|CORRECTED|CORRECTION|RPT|REPEAT|URGENT|FLASH|BREAKING|ALERT"
    r"|ОБНОВЛЕНО|СРОЧНО|МОЛНИЯ)(?:\s*\d+)?\s*[-:\u2013\u2014|]\s*)+"
)
_WORDS = re.compile(r"\w+")
CROWD = 8
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


Bucket = tuple[int, tuple[int, ...]]
"""An LSH bucket: a band's number and the bins the band's members agree on."""


@dataclass
class _Entry:
    """What grouping needs of one card, worked out once: its bins, LSH buckets and filed headline."""

    card: Card
    bins: tuple[int, ...]
    buckets: tuple[Bucket, ...]
    filed: tuple[bool, str]


@dataclass
class StoryMemo:
    """The LSH index of the last grouping, kept so that a re-plan after one save compares only the
    cards that share a bucket with a changed one: the cost of a save does not grow with the site.

    Cards are known by identity (`entries` holds them, so their ids stay theirs); `members` lists
    each bucket's cards in lead order and `edges` the pairs of each bucket found alike. A save whose
    cards were and are in no story, and share no bucket pair or headline, keeps the last stories.
    """

    entries: dict[int, _Entry] = field(default_factory=dict)
    members: dict[Bucket, list[int]] = field(default_factory=dict)
    edges: dict[Bucket, tuple[tuple[int, int], ...]] = field(default_factory=dict)
    headlines: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Each headline that identifies a story (`filed_as`): how many current cards carry it, how many marked."""
    last: tuple[tuple[Card, ...], tuple[Story, ...]] = ((), ())


def group_stories(
    cards: Iterable[Card], memo: StoryMemo | None = None, swapped: Sequence[tuple[Card, Card]] = ()
) -> tuple[Story, ...]:
    """The stories of two or more versions among `cards`, ordered by their leads' paths.

    A pure function of the cards (`memo` only saves work): the same cards in any order, with or
    without a memo of any earlier grouping, give the same stories. Two versions are found by their
    texts or, for an agency's marked re-file (`filed_as`), by the same headline. `swapped` may say
    that `cards` are the memo's last cards with these (old, new) pairs swapped: then only those
    are looked at (it is checked that each old card was one of the last).
    """
    memo = memo if memo is not None else StoryMemo()
    ordered = _reordered(memo, swapped) if swapped else None
    if ordered is None:
        ordered = sorted(cards, key=lead_order)
        if len(memo.last[0]) == len(ordered) and all(map(operator.is_, memo.last[0], ordered)):
            return memo.last[1]
        gone, new, touched = _update_index(memo, ordered)
    else:
        gone, new, touched = _update_index(memo, ordered, swapped)
    had_pairs = any(bucket in memo.edges for bucket in touched)
    alike: dict[tuple[int, int], bool] = {}  # a pair shares most bands: compared once per run
    members, edges = memo.members, memo.edges
    for bucket in touched:
        if bucket in edges or len(members.get(bucket, ())) > 1:  # most buckets hold one card and had no pair
            _bucket_edges(memo, bucket, alike)
    if not had_pairs and _apart(memo, gone, new) and not any(bucket in memo.edges for bucket in touched):
        memo.last = (tuple(ordered), memo.last[1])  # no story gained or lost a version: as before
        return memo.last[1]
    place = {id(card): i for i, card in enumerate(ordered)}
    groups = _Groups(ordered)
    # Joined in one fixed order (a join can be refused by DAYS, so order matters), whatever was reused.
    pairs = sorted({tuple(sorted((place[a], place[b]))) for found in memo.edges.values() for a, b in found})
    for i, j in pairs:
        groups.join(i, j)
    bins = [memo.entries[id(card)].bins for card in ordered]
    headlines: dict[str, list[tuple[int, bool]]] = {}
    for i, card in enumerate(ordered):
        marked, headline = memo.entries[id(card)].filed
        if _identifies(headline):
            headlines.setdefault(headline, []).append((i, marked))
    for filed in headlines.values():
        if len(filed) > 1 and any(flag for _, flag in filed):
            _join_retitled([i for i, _ in filed], bins, groups)
    result = groups.stories()
    memo.last = (tuple(ordered), result)
    return result


def _identifies(headline: str) -> bool:
    return len(headline.split()) >= MIN_HEADLINE


def _apart(memo: StoryMemo, gone: Sequence[_Entry], new: Sequence[_Entry]) -> bool:
    """Whether the cards that left or came share no headline with a marked version, before or after.
    With no alike pair in their buckets either, before or after, they were and are in no story (a
    card joins one only by a pair or a marked headline), and every story is what it was."""
    delta: dict[str, tuple[int, int]] = {}
    for entry, step in [(e, -1) for e in gone] + [(e, 1) for e in new]:
        marked, headline = entry.filed
        if _identifies(headline):
            count, flagged = delta.get(headline, (0, 0))
            delta[headline] = (count + step, flagged + step * marked)
    after = memo.headlines
    for headline, (count, flagged) in delta.items():
        now = after.get(headline, (0, 0))
        for total, flags in (now, (now[0] - count, now[1] - flagged)):
            if total > 1 and flags:
                return False
    return True


def _reordered(memo: StoryMemo, swapped: Sequence[tuple[Card, Card]]) -> list[Card] | None:
    """The memo's last cards in lead order with `swapped` (old, new) pairs swapped; None unless
    every old card is one of them."""
    ordered = list(memo.last[0])
    for old, _ in swapped:
        entry = memo.entries.get(id(old))
        if entry is None or entry.card is not old:
            return None
    for old, new in swapped:
        at = bisect.bisect_left(ordered, lead_order(old), key=lead_order)  # a card's place is its own
        if at == len(ordered) or ordered[at] is not old:
            return None
        del ordered[at]
        bisect.insort(ordered, new, key=lead_order)
    return ordered


def _update_index(
    memo: StoryMemo, ordered: Sequence[Card], swapped: Sequence[tuple[Card, Card]] = ()
) -> tuple[list[_Entry], list[_Entry], set[Bucket]]:
    """Bring the memo's index to `ordered`: cards gone leave their buckets, new cards join theirs
    (only the `swapped` pairs' when given). Returns the entries gone, the entries new and the
    buckets whose members changed."""
    current = {id(new): new for _, new in swapped} if swapped else {id(card): card for card in ordered}
    leaving = [(id(old), memo.entries[id(old)]) for old, _ in swapped] if swapped else list(memo.entries.items())
    touched: set[Bucket] = set()
    gone: list[_Entry] = []
    for key, entry in leaving:
        if current.get(key) is not entry.card:
            del memo.entries[key]
            gone.append(entry)
            _count(memo.headlines, entry.filed, -1)
            for bucket in entry.buckets:
                memo.members[bucket].remove(key)
                touched.add(bucket)
    new: list[_Entry] = []
    for key, card in current.items():
        if key in memo.entries:
            continue
        bins = unpack(card.sketch)[0] if card.sketch else ()
        # A band's bins are BANDS apart: a densified bin copies the next filled one.
        buckets = tuple((band, bins[band::BANDS]) for band in range(BANDS)) if bins else ()
        entry = memo.entries[key] = _Entry(card, bins, buckets, filed_as(card.title))
        new.append(entry)
        _count(memo.headlines, entry.filed, 1)
        for bucket in buckets:
            memo.members.setdefault(bucket, []).append(key)
            touched.add(bucket)
    entries = memo.entries
    for bucket in touched:
        members = memo.members[bucket]
        if not members:
            del memo.members[bucket]
        elif len(members) > 1:
            members.sort(key=lambda k: lead_order(entries[k].card))
    return gone, new, touched


def _count(counts: dict[str, tuple[int, int]], filed: tuple[bool, str], step: int) -> None:
    marked, headline = filed
    if _identifies(headline):
        total, flagged = counts.get(headline, (0, 0))
        if total + step:
            counts[headline] = (total + step, flagged + step * marked)
        else:
            del counts[headline]


def _bucket_edges(memo: StoryMemo, bucket: Bucket, alike: dict[tuple[int, int], bool]) -> None:
    """The pairs of a bucket alike enough to be one story; in a crowded bucket (one text filed over
    and over) each card is compared only with the CROWD before it, so the cost stays linear."""
    members = memo.members.get(bucket, [])
    found: list[tuple[int, int]] = []
    for k, j in enumerate(members):
        for i in members[max(0, k - CROWD) : k]:
            same = alike.get((i, j))
            if same is None:
                same = alike[i, j] = similarity(memo.entries[i].bins, memo.entries[j].bins) >= THRESHOLD
            if same:
                found.append((i, j))
    if found:
        memo.edges[bucket] = tuple(found)
    else:
        memo.edges.pop(bucket, None)


def _join_retitled(members: list[int], bins: list[tuple[int, ...]], groups: _Groups) -> None:
    """Versions headlined alike, one with an agency's marker: texts join when RETITLED alike; a
    text too short to sketch (a flash) joins the version nearest in time that has one."""
    sketched = [i for i in members if bins[i]]
    for k, j in enumerate(sketched):
        for i in sketched[max(0, k - CROWD) : k]:
            if similarity(bins[i], bins[j]) >= RETITLED:
                groups.join(i, j)
    for i in (i for i in members if not bins[i]):
        when = groups.ordered[i].date
        nearest = min(sketched or [members[0]], key=lambda j: (groups.apart(when, j), j))
        groups.join(i, nearest)


class _Groups:
    """Union-find over cards in lead order that never joins versions more than DAYS apart."""

    def __init__(self, ordered: Sequence[Card]) -> None:
        self.ordered = ordered
        self.parent = list(range(len(ordered)))
        # Each group's dated span: a chain of close pairs must not stretch a story over weeks.
        self.span = [(c.date.timestamp(), c.date.timestamp()) if c.date else None for c in ordered]

    def root(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        a, b = self.root(i), self.root(j)
        if a == b:
            return
        x, y = self.span[a], self.span[b]
        joined = (min(x[0], y[0]), max(x[1], y[1])) if x and y else x or y
        if joined and joined[1] - joined[0] > DAYS * 86400:
            return
        self.parent[max(a, b)] = min(a, b)
        self.span[min(a, b)] = joined

    def apart(self, when: datetime | None, j: int) -> float:
        """Seconds between `when` and card j's date; infinite when either is undated."""
        other = self.ordered[j].date
        return abs((other - when).total_seconds()) if when and other else math.inf

    def stories(self) -> tuple[Story, ...]:
        found: dict[int, list[Card]] = {}
        for i, card in enumerate(self.ordered):  # in lead order: each group's first card is its lead
            found.setdefault(self.root(i), []).append(card)
        stories = (Story(g[0], tuple(g[1:])) for g in found.values() if len(g) > 1)
        return tuple(sorted(stories, key=lambda s: s.lead.source_path))


def filed_as(title: str) -> tuple[bool, str]:
    """Whether a headline carries an agency's filing marker ("UPDATE 2-", "URGENT:", "REFILE-"), and
    the headline without markers, case-folded, as words: what versions of one story share."""
    bare = _MARKER.sub("", title)
    return bare != title, " ".join(_WORDS.findall(bare.casefold()))


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
