"""Topic inference: score an article against a weighted keyword taxonomy.

Matching is token based: the text is folded to lower-case ASCII-ish tokens once, and
keyword phrases are looked up as token n-grams in a dict, so the cost is one pass per
article whatever the size of the taxonomy.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from digestgen.model import Evidence, TaxonomyInfo
from digestgen.taxonomy import morph
from digestgen.taxonomy.base import TOPICS, Document, Found, Inferred, NearNames
from digestgen.urls import slugify

# A word, with a trailing possessive ('s / ’s) swallowed so "Russia's" reads as "russia".
_TOKEN = re.compile(r"([^\W_]+)(?:['\u2019]s\b)?")

TITLE_WEIGHT = 2.0  # a keyword in the headline counts this many times its weight, once
REF_TOKENS = 250  # bodies longer than this are scaled down by sqrt(length / REF_TOKENS)
MIN_SCORE = 4.0  # absolute bar, for a topic whose anchor weight is ANCHOR_WEIGHT (scaled otherwise)
RELATIVE = 0.4  # a secondary topic must reach this fraction of the best topic's score
MIN_HITS = 2  # occurrences (title + body) a topic needs; one passing mention is not a subject
ANCHOR_WEIGHT = 2.0  # a topic needs one keyword this strong (or its strongest) among its evidence
MIN_SPREAD = 30  # tokens between a topic's first and last keyword in the body (at most a quarter of it),
# unless the headline has one
SURE_WEIGHT = 3.0  # "unmistakable" (see topics.yaml): only such a keyword may stand alone as evidence,
LONE_HITS = 5  # or one the story keeps repeating


@dataclass(frozen=True)
class TopicDef:
    """A topic: slug id, display name and weighted keyword phrases."""

    id: str
    name: str
    keywords: tuple[tuple[str, float], ...]
    mediatopics: tuple[str, ...] = ()
    """IPTC Media Topic codes (8 digits, no scheme) an agency subject may carry to mean this topic."""


_CODE = re.compile(r"(?:.*[:/])?(\d{8})")


def media_topic_code(text: str) -> str | None:
    """The 8 digits of a Media Topic (or Subject NewsCodes) code: `medtop:20000574`, a cv.iptc.org URI, bare."""
    m = _CODE.fullmatch(text.strip())
    return m.group(1) if m else None


@dataclass(frozen=True)
class TopicMatch:
    """A topic inferred for one article; evidence is (phrase, count), strongest first."""

    id: str
    name: str
    score: float
    evidence: tuple[tuple[str, int], ...]


def tokenize(text: str) -> list[str]:
    """Case-fold, strip accents and split into word tokens (possessives dropped)."""
    text = text.casefold()
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return _TOKEN.findall(text)


def text_tokens(text: str) -> list[str]:
    """An article's tokens: `tokenize`'s, and for Russian copy each word's dictionary lemma
    («санкциями» -> «санкция»), as the Russian keywords are written; then folded alike."""
    if not morph.CYRILLIC.search(text):
        return tokenize(text)
    out = []
    for word in _TOKEN.findall(text.casefold()):
        if morph.CYRILLIC.match(word):
            found = morph.lemmas(word)
            word = found[0] if found else word
        out.extend(tokenize(word))
    return out


def _inflections(tokens: tuple[str, ...]) -> set[tuple[str, ...]]:
    """The phrase plus plural forms of its last word (tariff -> tariffs, policy -> policies)."""
    *head, last = tokens
    forms = {last, last + "s", last + "es"}
    if len(last) > 2 and last.endswith("y") and last[-2] not in "aeiou":
        forms.add(last[:-1] + "ies")
    return {(*head, form) for form in forms}


def _keep_heavier(
    table: dict[tuple[str, ...], tuple[str, float]], form: tuple[str, ...], phrase: str, weight: float
) -> None:
    if form not in table or table[form][1] < weight:
        table[form] = (phrase, weight)


# One keyword entry: (topic index, canonical phrase, weight).
_Entry = tuple[int, str, float]


@dataclass(frozen=True)
class TopicIndex:
    """An n-gram lookup over a taxonomy; build once, then infer for many articles."""

    topics: tuple[TopicDef, ...]
    _names: Mapping[str, TopicDef]  # normalised id, name and name slug -> entry
    _phrases: Mapping[tuple[str, ...], tuple[_Entry, ...]]
    _longest: Mapping[str, int]  # first token -> longest phrase starting with it
    _anchor: tuple[float, ...]  # per topic: the weight one piece of evidence must reach
    _sure: tuple[float, ...]  # per topic: the weight a keyword needs to be the only evidence
    near: NearNames = field(default_factory=lambda: NearNames({}), compare=False)
    """Spellings of every topic, for "did you mean"."""
    _codes: Mapping[str, TopicDef] = field(default_factory=lambda: MappingProxyType({}), compare=False)
    """Media Topic code -> the topic that lists it (the first one)."""
    info: TaxonomyInfo = TOPICS
    """Topics, or a keyword taxonomy a project declares."""

    @property
    def kind(self) -> str:
        return self.info.kind

    @property
    def key(self) -> str:
        return self.info.key

    @classmethod
    def build(cls, topics: Sequence[TopicDef], info: TaxonomyInfo = TOPICS) -> TopicIndex:
        """Index every keyword phrase (and its plural forms) of every topic (or of every term of the
        keyword taxonomy `info`)."""
        best: dict[tuple[str, ...], dict[int, tuple[str, float]]] = {}
        for ti, topic in enumerate(topics):
            exact: dict[tuple[str, ...], tuple[str, float]] = {}
            plural: dict[tuple[str, ...], tuple[str, float]] = {}
            for phrase, weight in topic.keywords:
                tokens = tuple(tokenize(phrase))
                _keep_heavier(exact, tokens, phrase, weight)
                for form in _inflections(tokens) - {tokens}:
                    _keep_heavier(plural, form, phrase, weight)
            # A listed spelling always beats a generated plural of another keyword.
            for form, kept in (plural | exact).items():
                best.setdefault(form, {})[ti] = kept
        phrases = {form: tuple((ti, p, w) for ti, (p, w) in sorted(s.items())) for form, s in best.items()}
        longest: dict[str, int] = {}
        for form in phrases:
            longest[form[0]] = max(longest.get(form[0], 0), len(form))
        # Weak words alone ("show", "star", "role") add up in any long text; demand a strong one.
        strongest = [max((w for _, w in t.keywords), default=0.0) for t in topics]
        anchor = tuple(min(ANCHOR_WEIGHT, w) for w in strongest)
        # One ambiguous word ("school", "drama", "star"), however often repeated, is not a subject.
        sure = tuple(min(SURE_WEIGHT, w) for w in strongest)
        names: dict[str, TopicDef] = {}
        for d in topics:
            for spelling in (d.name, d.id, slugify(d.name)):
                names.setdefault(_name_key(spelling), d)
        near = NearNames.of((d.name, (d.name, d.id)) for d in topics)
        codes: dict[str, TopicDef] = {}
        for d in topics:
            for code in d.mediatopics:
                codes.setdefault(code, d)
        return cls(
            tuple(topics),
            MappingProxyType(names),
            MappingProxyType(phrases),
            MappingProxyType(longest),
            anchor,
            sure,
            near,
            MappingProxyType(codes),
            info,
        )

    def _count(self, tokens: list[str], spans: dict[int, list[int]] | None = None) -> dict[_Entry, int]:
        """Greedy longest-match phrase counts, keyed by (topic index, phrase, weight).

        `spans`, if given, receives per topic the token positions of its first and last match.
        """
        counts: dict[_Entry, int] = {}
        phrases, longest = self._phrases, self._longest
        n, resume = len(tokens), 0
        # Only tokens that start some phrase can start a match; most tokens start none.
        for i in [i for i, token in enumerate(tokens) if token in longest]:
            if i < resume:  # inside the previous (longest) match
                continue
            for size in range(min(longest[tokens[i]], n - i), 0, -1):
                entries = phrases.get(tuple(tokens[i : i + size]))
                if entries:
                    for entry in entries:
                        counts[entry] = counts.get(entry, 0) + 1
                        if spans is not None:
                            spans.setdefault(entry[0], [i, i])[1] = i
                    resume = i + size
                    break
        return counts

    # --- the Taxonomy protocol (taxonomy/base.py) --------------------------------------------

    def nearest(self, name: str) -> str | None:
        return self.near.nearest(name)

    def entries(self) -> Sequence[TopicDef]:
        return self.topics

    def by_code(self, code: str) -> TopicDef | None:
        """The topic an agency subject code (`medtop:20000574`, a URI, or the bare digits) means, if any."""
        digits = media_topic_code(code)
        return self._codes.get(digits) if digits else None

    def from_agency(self, hints: Mapping[str, Sequence[str]]) -> tuple[TopicDef, ...]:
        """The topics whose Media Topic codes an agency item's subjects carry, in the item's order."""
        found = [self.by_code(code) for code in hints.get("subjects", ())]
        return tuple(dict.fromkeys(d for d in found if d is not None))

    def resolve(self, name: str) -> TopicDef | None:
        """A front-matter topic -> taxonomy entry, by id or name, case-insensitively."""
        return self._names.get(_name_key(name))

    def infer(self, doc: Document) -> Inferred:
        """The topics the document is mainly about, with the keywords found and the score."""
        return Inferred(
            tuple(Found(m.id, m.name, Evidence(m.id, m.evidence, m.score)) for m in self.score(doc.title, doc.text))
        )

    def score(self, title: str, text: str, max_topics: int = 4) -> tuple[TopicMatch, ...]:
        """The topics the article is mainly about, best first (possibly none)."""
        if max_topics <= 0:
            return ()
        body_tokens = text_tokens(text)
        in_title = self._count(text_tokens(title))
        spans: dict[int, list[int]] = {}
        in_body = self._count(body_tokens, spans)
        # Long bodies mention more keywords in passing; damp them, but sub-linearly.
        damp = math.sqrt(max(1.0, len(body_tokens) / REF_TOKENS))
        per_topic: dict[int, list[tuple[float, str, int, float]]] = {}
        for key in in_title.keys() | in_body.keys():
            ti, phrase, weight = key
            t, b = in_title.get(key, 0), in_body.get(key, 0)
            value = weight * (TITLE_WEIGHT * (t > 0) + (1.0 + math.log(b) if b else 0.0) / damp)
            per_topic.setdefault(ti, []).append((value, phrase, t + b, weight))
        # Keywords bunched in one sentence ("the Oscar-nominated film, starring ...") are a passing mention.
        titled = {key[0] for key in in_title}
        spread = min(MIN_SPREAD, len(body_tokens) // 4)
        passing = {ti for ti, (first, last) in spans.items() if last - first < spread and ti not in titled}
        scored = [m for ti, items in per_topic.items() if ti not in passing and (m := self._match(ti, items))]
        if not scored:
            return ()
        scored.sort(key=lambda m: (-m.score, m.id))
        bar = RELATIVE * scored[0].score
        return tuple(m for m in scored[:max_topics] if m.score >= bar)

    def _match(self, ti: int, items: list[tuple[float, str, int, float]]) -> TopicMatch | None:
        """A candidate match, or None when the evidence is only passing or only weak words."""
        anchor, strongest = self._anchor[ti], max(item[3] for item in items)
        if sum(item[2] for item in items) < MIN_HITS or strongest < anchor:
            return None
        if len(items) == 1 and strongest < self._sure[ti] and items[0][2] < LONE_HITS:
            return None
        items.sort(key=lambda item: (-item[0], item[1]))
        score = round(sum(item[0] for item in items), 3)
        # The bar is in units of the topic's anchor weight, so an all-weight-1 taxonomy works too.
        if score < MIN_SCORE * anchor / ANCHOR_WEIGHT:
            return None
        topic = self.topics[ti]
        return TopicMatch(topic.id, topic.name, score, tuple((item[1], item[2]) for item in items))


def _name_key(name: str) -> str:
    return " ".join(name.casefold().replace("-", " ").split())
