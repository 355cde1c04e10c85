"""What every taxonomy is: a kind of term that front matter can name and an article's text can imply.

The shipped taxonomies are leaders, topics and countries (`LeaderIndex`, `TopicIndex`,
`CountryIndex`); a project may declare more (keyword taxonomies, `TopicIndex` with their own
`TaxonomyInfo`). Everything else loops over `Registry.taxonomies` and talks to them through
`Taxonomy`; pages know them only as `TaxonomyInfo` data.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from digestgen.model import COUNTRIES, LEADERS, TOPICS, Evidence, TaxonomyInfo, Term
from digestgen.taxonomy.era import Spans
from digestgen.urls import slugify

__all__ = ["COUNTRIES", "LEADERS", "TOPICS"]


class Entry(Protocol):
    """A registry entry as a taxonomy shows it: a slug id and a display name."""

    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...


@dataclass(frozen=True)
class Document:
    """What a taxonomy reads: the headline, the story's plain text, and the date when one is known.

    `whole` is the text with its page furniture too (photo captions name people in the story);
    `captions` are where its photo captions are, whose names say nothing of when the story was written.
    """

    title: str
    text: str
    on: date | None
    whole: str | None = None
    captions: tuple[tuple[int, int], ...] = ()
    earlier: Mapping[str, tuple[Term, ...]] = field(default_factory=dict, hash=False)
    """The terms the taxonomies before this one gave, by key (countries read the leaders)."""
    place: str | None = None
    """The dateline ("MOSCOW, Nov 26 (Reuters)"), when the text opens with one."""


@dataclass(frozen=True)
class Found:
    """One term inferred for a document, with the evidence shown by `inspect`."""

    id: str
    name: str
    evidence: Evidence


@dataclass(frozen=True)
class Inferred:
    """A taxonomy's verdict on one document.

    `also`: terms named but not given, with the reason (a leader's "later" or "other office").
    `era`: for an undated document, the interval its text allows (leaders only), and the phrases it rests on.
    """

    found: tuple[Found, ...]
    also: tuple[Evidence, ...] = ()
    era: Spans | None = None
    era_evidence: tuple[str, ...] = ()
    era_label: str = ""
    """The era in words ("2009-01-20 to 2017-01-20"; "…" where it reaches the registry's ends)."""


class Taxonomy(Protocol):
    """A kind of term: resolved from front-matter names, inferred from text with evidence."""

    @property
    def info(self) -> TaxonomyInfo:
        """What its terms are called and how its pages read."""
        ...

    @property
    def kind(self) -> str:
        """Singular name: "leader"."""
        ...

    @property
    def key(self) -> str:
        """The front-matter field, the key of `Card.terms` and the URL folder: "leaders"."""
        ...

    def entries(self) -> Sequence[Entry]:
        """Every registry entry, in registry order."""
        ...

    def resolve(self, name: str) -> Entry | None:
        """A name an editor wrote -> the registry entry it means, if any."""
        ...

    def infer(self, doc: Document) -> Inferred:
        """The terms the document is about, with evidence (possibly none)."""
        ...

    def nearest(self, name: str) -> str | None:
        """For a name in no entry: the display name of the entry it most likely means, if one is close."""
        ...

    def from_agency(self, hints: Mapping[str, Sequence[str]]) -> Sequence[Entry]:
        """The entries an agency item's hints name ("people", "subjects": Media Topic codes), if any."""
        ...


NEAR = 0.85
"""How alike (difflib's ratio) a name and an entry's spelling must be for "did you mean"."""


@dataclass(frozen=True)
class NearNames:
    """The spellings of a taxonomy's entries (name, id, aliases), to suggest one for a mistyped name."""

    table: Mapping[str, str]
    """Case-folded spelling -> display name to suggest (the first entry wins)."""
    _memo: dict[str, str | None] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @classmethod
    def of(cls, entries: Iterable[tuple[str, Iterable[str]]]) -> NearNames:
        """From (display name, spellings) pairs; only ASCII spellings (difflib on other scripts suggests nonsense)."""
        table: dict[str, str] = {}
        for display, spellings in entries:
            for spelling in spellings:
                if spelling.isascii():
                    table.setdefault(spelling.casefold(), display)
        return cls(table)

    def nearest(self, name: str) -> str | None:
        key = name.casefold()
        if key not in self._memo:  # remembered: a build meets the same unknown name in many articles
            close = difflib.get_close_matches(key, list(self.table), n=1, cutoff=NEAR)
            self._memo[key] = self.table[close[0]] if close else None
        return self._memo[key]


def named_term(taxonomy: Taxonomy, name: str) -> Term:
    """The term for a front-matter name: the registry's entry, or a new term under the name given."""
    entry = taxonomy.resolve(name)
    if entry is None:
        return Term(taxonomy.kind, slugify(name), name, slugify(name), taxonomy.key)
    return Term(taxonomy.kind, entry.id, entry.name, slugify(entry.id), taxonomy.key)


def found_term(taxonomy: Taxonomy, found: Found) -> Term:
    """The term for an inferred match."""
    return Term(taxonomy.kind, found.id, found.name, slugify(found.id), taxonomy.key)


def unique(terms: Iterable[Term]) -> tuple[Term, ...]:
    """Terms in order, the first of each page (slug) kept."""
    seen: dict[str, Term] = {}
    for t in terms:
        seen.setdefault(t.slug, t)
    return tuple(seen.values())
