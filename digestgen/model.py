"""The plain data passed between pipeline stages: frozen dataclasses, no I/O."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import datetime
from types import MappingProxyType
from typing import Any, Literal

Markup = Literal["markdown", "text", "ninjs", "newsml"]
"""How a content file is read: Markdown, plain wire copy, or an agency item (ninjs JSON, NewsML-G2 XML)."""

EMPTY: Mapping[str, Any] = MappingProxyType({})


def _mapping(**kwargs: Any) -> Any:
    """A read-only mapping field, left out of hashing (mappings are unhashable)."""
    return field(default_factory=lambda: EMPTY, hash=False, **kwargs)


@dataclass(frozen=True)
class SourceFile:
    """One content file, decoded: the output of the load stage."""

    path: str
    """Project-relative path used in every message, e.g. `content/x.md`."""
    stem: str
    """File name without suffix (the default slug)."""
    markup: Markup
    text: str
    """The decoded text, BOM removed and newlines normalised to `\\n`."""
    encoding: str = "utf-8"
    """What the file was read as: anything but UTF-8 draws a warning (MOJIBAKE: UTF-8 whose text had
    been decoded twice before it was saved, repaired)."""


MOJIBAKE = "utf-8, repaired"


@dataclass(frozen=True)
class RawDoc:
    """A source file split into front matter and body: the output of the parse stage."""

    file: SourceFile
    meta: Mapping[str, Any] = field(hash=False)
    meta_lines: Mapping[str, int] = field(hash=False)
    """File line of each front-matter key."""
    body: str
    origin: str = "front matter"
    """Where the meta came from, as `inspect` says it: "front matter", or "agency" for an agency item."""
    hints: Mapping[str, tuple[str, ...]] = _mapping()
    """What an agency item names for the taxonomies to resolve: "people", "subjects" (Media Topic codes)."""


@dataclass(frozen=True)
class TaxonomyInfo:
    """A taxonomy as data: what its terms are called and how its pages read. The shipped ones are
    leaders, topics and countries (taxonomy/registry.py); a project may declare more."""

    key: str
    """The front-matter field, the key of `Card.terms` and the URL folder: "leaders"."""
    kind: str
    """One term's kind, in CSS classes and template names: "leader"."""
    title: str
    """The index page's heading and the navigation's link: "Leaders"."""
    noun: str
    """A term in running text, for counts: "leader" ("3 leaders")."""
    plural: str
    """The noun's plural: "leaders"."""
    peers: str = "Related"
    """A dossier's heading for the terms of this taxonomy most often on the same articles."""
    lists: str | None = None
    """A dossier lists the terms of this taxonomy (by key) that belong to the term: a country's leaders."""


LEADERS = TaxonomyInfo("leaders", "leader", "Leaders", "leader", "leaders", peers="Most often with")
TOPICS = TaxonomyInfo("topics", "topic", "Topics", "topic", "topics", peers="Related topics")
COUNTRIES = TaxonomyInfo(
    "countries", "country", "Countries", "country", "countries", peers="Most often with", lists="leaders"
)
SHIPPED = (LEADERS, TOPICS, COUNTRIES)
"""The taxonomies every build has, in this order (a project may add its own after them)."""


@dataclass(frozen=True)
class Term:
    """A term of a taxonomy (a leader, a topic, a country): the key of an index page."""

    kind: str
    """The taxonomy's `kind`: "leader"."""
    id: str
    name: str
    slug: str
    key: str
    """The taxonomy's `key`: "leaders"."""

    @property
    def output_path(self) -> str:
        """Output path of the term's first page, relative to the site root."""
        return f"{self.key}/{self.slug}/index.html"


@dataclass(frozen=True)
class Evidence:
    """Why an inferred leader or topic was given: phrases found and how often."""

    term_id: str
    phrases: tuple[tuple[str, int], ...]
    score: float | None = None
    note: str = ""
    """Leaders: "former" for a former leader named in that role; for a person named but not
    tagged (`evidence["also_mentioned"]`), the reason."""
    forms: tuple[str, ...] = ()
    """Leaders: how the text refers to the person ("name", "title-surname", "surname", "role-phrase")."""
    basis: str = ""
    """Leaders: why a weak reference was enough ("surname; the only sitting leader of that name on ...")."""


@dataclass(frozen=True)
class Era:
    """When an undated article was written, as far as its text says (see taxonomy/era.py)."""

    label: str
    """ "2003-01-01 to 2007-06-27"; several intervals are joined by ", "."""
    evidence: tuple[str, ...]
    """The phrases it rests on: "Prime Minister Tony Blair", "Foreign Secretary Jack Straw"."""


@dataclass(frozen=True)
class Card:
    """An article as every listing shows it: everything but its body.

    The plan, listings, feeds, the search index and the build cache's rows hold cards; only an
    article's own page needs the body (`Article`). Keeping the two types apart means no list page
    can depend on a body, so a cached card (stored without its body) lists exactly as a fresh one.
    """

    source_path: str
    """The content file, as messages name it (`content/x.md`)."""
    slug: str
    title: str
    date: datetime | None
    outlet: str | None
    """The news agency or publication (front matter's `source`)."""
    source_url: str | None
    terms: Mapping[str, tuple[Term, ...]] = field(hash=False)
    """The article's terms per taxonomy key, in the order the taxonomies are declared."""
    summary: str
    words: int
    draft: bool = False
    extra: Mapping[str, Any] = _mapping()
    origin: Mapping[str, str] = _mapping()
    """Per field: "front matter" or "inferred"; "text" or "file name" for a date, "file name" for the slug."""
    evidence: Mapping[str, tuple[Evidence, ...]] = _mapping()
    """Per inferred field ("leaders", "topics"): the evidence of each term; "also_mentioned":
    people named who are not leader tags, with the reason; "date": the words a date was read from."""
    era: Era | None = None
    """For an article without a date: the era its text allows, if any."""
    lang: str = ""
    """The language of the text: `lang:` in front matter, else detected ("ru", "uk", "be"); "" for
    one not detected (then the site's)."""
    sketch: bytes = field(default=b"", repr=False)
    """The MinHash sketch of the story's text (text/sketch.py), to group versions of one story; b"" for
    a text too short. Left out of `repr`, so of the card key: what a listing shows of a story's
    grouping is in the page's own key (pipeline/reuse.py)."""

    @property
    def output_path(self) -> str:
        """Output path of the article page, relative to the site root."""
        return f"articles/{self.slug}/index.html"

    def terms_of(self, key: str) -> tuple[Term, ...]:
        """The terms of one taxonomy, by its key ("leaders"); none for a taxonomy it has no terms of."""
        return self.terms.get(key, ())

    @property
    def leaders(self) -> tuple[Term, ...]:
        """Shorthand for templates: `terms_of("leaders")`."""
        return self.terms_of("leaders")

    @property
    def topics(self) -> tuple[Term, ...]:
        """Shorthand for templates: `terms_of("topics")`."""
        return self.terms_of("topics")

    @property
    def all_terms(self) -> tuple[Term, ...]:
        """Every term of every taxonomy, taxonomy by taxonomy."""
        return tuple(t for terms in self.terms.values() for t in terms)

    def inferred_tags(self) -> tuple[tuple[Term, Evidence], ...]:
        """Terms inferred from the text, each with the evidence behind it."""
        found = []
        for key, terms in self.terms.items():
            by_id = {e.term_id: e for e in self.evidence.get(key, ())}
            found += [(t, by_id[t.id]) for t in terms if t.id in by_id]
        return tuple(found)

    @property
    def reading_minutes(self) -> int:
        """Reading time at 220 words a minute, at least one minute."""
        return max(1, round(self.words / 220))


CARD_FIELDS = tuple(f.name for f in fields(Card))


@dataclass(frozen=True)
class Article(Card):
    """One article, fully inferred, with its body as sanitised HTML: what its own page shows."""

    body_html: str = field(kw_only=True)

    def card(self) -> Card:
        """The article without its body, as listings show it."""
        return Card(**{name: getattr(self, name) for name in CARD_FIELDS})

    @classmethod
    def of(cls, card: Card, body_html: str) -> Article:
        """A card with its body put back."""
        return cls(**{name: getattr(card, name) for name in CARD_FIELDS}, body_html=body_html)


@dataclass(frozen=True)
class TermIndex:
    """A term and the articles listed on its pages, newest first."""

    term: Term
    articles: tuple[Card, ...]
