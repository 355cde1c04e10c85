"""The countries taxonomy: the sovereign states a story is about.

Read from what the registry already knows of every country (its names, aliases and adjectives in
`countries.json`) and from the leaders the story was tagged with: a country is a term when the
story's evidence for it is strong enough and not dwarfed by another country's. Evidence and its
weight: the headline naming it (3), the dateline's place (3), a tagged leader of it (3 each), each
mention in the body (1, at most 5). The country of a tagged leader is always a term (the leaders
taxonomy already judged the story to be about them); any other needs `THRESHOLD` and `SHARE`. A name that also means something else (Georgia, the US state;
Jordan, a person) counts only beside other evidence; a longer place that contains a country's
name (New Mexico, Northern Ireland) is not that country.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, ClassVar

from digestgen.model import COUNTRIES, Evidence, TaxonomyInfo
from digestgen.taxonomy import morph, ru_roles
from digestgen.taxonomy.base import Document, Found, Inferred, NearNames
from digestgen.taxonomy.mentions import WORD
from digestgen.urls import slugify

TITLE, DATELINE, LEADER, MENTION, MENTIONS_CAP = 3.0, 3.0, 3.0, 1.0, 5
THRESHOLD = 3.0
"""The weight a country's evidence must reach."""
SHARE = 0.4
"""...and its share of the best-supported country's weight."""
MOST = 4
"""Countries a story is tagged with at most."""


@dataclass(frozen=True)
class CountryDef:
    """A country: its registry name and every word that names it."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    elsewhere: tuple[str, ...] = ()
    """Names of it that also mean something else; alone they are no evidence."""


@dataclass(frozen=True)
class CountryIndex:
    """Place words -> countries; build once, then infer for many articles."""

    info: ClassVar[TaxonomyInfo] = COUNTRIES
    kind: ClassVar[str] = COUNTRIES.kind
    key: ClassVar[str] = COUNTRIES.key

    countries: tuple[CountryDef, ...]
    _names: Mapping[str, CountryDef]
    _phrases: Mapping[tuple[str, ...], int]
    """A place phrase's words -> the country's index; -1 for a place that is no country (New Mexico)."""
    _reach: Mapping[str, int]
    """A phrase's first word -> the most words of a phrase it starts (most words start none)."""
    _starts: re.Pattern[str] = field(default_factory=lambda: re.compile(r"(?!)"), compare=False)
    """Any of `_reach`'s words as a whole word: the scan jumps from one to the next in C."""
    _of_leader: Mapping[str, int] = field(default_factory=dict, compare=False)
    """A leader's id -> their country's index."""
    near: NearNames = field(default_factory=lambda: NearNames({}), compare=False)

    @classmethod
    def build(cls, countries: Mapping[str, Mapping[str, Any]], leaders: Iterable[tuple[str, str]] = ()) -> CountryIndex:
        """From `countries.json`'s table ({name: {adjectives, aliases, elsewhere, not}}) and (leader
        id, country) pairs."""
        defs = []
        names: dict[str, CountryDef] = {}
        phrases: dict[tuple[str, ...], int] = {}
        claims: dict[tuple[str, ...], set[int]] = {}
        named: dict[tuple[str, ...], int] = {}
        nots: list[tuple[str, ...]] = []
        for i, (name, spec) in enumerate(sorted(countries.items())):
            aliases = tuple(dict.fromkeys([*spec.get("aliases", ()), *spec.get("adjectives", ())]))
            d = CountryDef(slugify(name), name, aliases, tuple(spec.get("elsewhere", ())))
            defs.append(d)
            for spelling in (name, d.id, *aliases, *([spec["iso3"]] if spec.get("iso3") else [])):
                names.setdefault(spelling.casefold(), d)
            for spelling in (name, *aliases):
                words = tuple(WORD.findall(spelling))
                if words:
                    claims.setdefault(words, set()).add(i)
                    if spelling == name:
                        named[words] = i
            nots.extend(tuple(WORD.findall(other)) for other in spec.get("not", ()))
        for words, owners in claims.items():  # "Dominican", "Congolese": two countries' word is neither's
            phrases[words] = named.get(words, next(iter(owners)) if len(owners) == 1 else -1)
        phrases.update(dict.fromkeys(nots, -1))
        index = {d.name: i for i, d in enumerate(defs)}
        of_leader = {lid: index[country] for lid, country in leaders if country in index}
        near = NearNames.of((d.name, (d.name, *d.aliases)) for d in defs)
        reach: dict[str, int] = {}
        for words in phrases:
            reach[words[0]] = max(reach.get(words[0], 0), len(words))
        return cls(
            tuple(defs),
            MappingProxyType(names),
            MappingProxyType(phrases),
            MappingProxyType(reach),
            _whole_words(reach),
            MappingProxyType(of_leader),
            near,
        )

    def entries(self) -> Sequence[CountryDef]:
        return self.countries

    def resolve(self, name: str) -> CountryDef | None:
        """A front-matter country -> its entry, by name, alias, adjective or ISO code, case-insensitively."""
        return self._names.get(name.strip().casefold())

    def nearest(self, name: str) -> str | None:
        return self.near.nearest(name)

    def from_agency(self, hints: Mapping[str, Sequence[str]]) -> tuple[CountryDef, ...]:
        """The countries an agency item's place says (its `located` country), if any."""
        found = [self.resolve(place) for place in hints.get("countries", ())]
        return tuple(dict.fromkeys(d for d in found if d is not None))

    def infer(self, doc: Document) -> Inferred:
        """The countries the story is about, with the evidence for each and its weight."""
        weight: dict[int, float] = {}
        phrases: dict[int, Counter[str]] = {}
        alone: dict[int, bool] = {}

        def add(i: int, phrase: str, w: float, ambiguous: bool = False) -> None:
            weight[i] = weight.get(i, 0.0) + w
            phrases.setdefault(i, Counter())[phrase] += 1
            alone[i] = alone.get(i, True) and ambiguous

        for phrase, i in self._places(doc.title):
            add(i, phrase, TITLE, phrase in self.countries[i].elsewhere)
        if doc.place:
            for phrase, i in self._places(doc.place.split("(")[0], capitals=True):
                add(i, phrase, DATELINE, phrase in self.countries[i].elsewhere)
        led: set[int] = set()
        for term in doc.earlier.get("leaders", ()):
            i = self._of_leader.get(term.id, -1)
            if i >= 0:
                add(i, term.name, LEADER)
                led.add(i)
        body: Counter[tuple[str, int]] = Counter(self._places(doc.text))
        per: Counter[int] = Counter()
        for (phrase, i), n in body.items():
            taken = min(n, MENTIONS_CAP - per[i])
            if taken > 0:
                per[i] += taken
                weight[i] = weight.get(i, 0.0) + MENTION * taken
                alone[i] = alone.get(i, True) and phrase in self.countries[i].elsewhere
            phrases.setdefault(i, Counter())[phrase] += n
        if not weight:
            return Inferred(())
        top = max(weight.values())
        chosen = [
            i
            for i, w in weight.items()
            if (i in led or (w >= THRESHOLD and w >= SHARE * top)) and not alone.get(i, False)
        ]
        chosen.sort(key=lambda i: (-weight[i], self.countries[i].name))
        found = []
        for i in chosen[:MOST]:
            d = self.countries[i]
            said = tuple(sorted(phrases[i].items(), key=lambda kv: (-kv[1], kv[0])))
            found.append(Found(d.id, d.name, Evidence(d.id, said, float(weight[i]))))
        return Inferred(tuple(found))

    def _places(self, text: str, capitals: bool = False) -> list[tuple[str, int]]:
        """Country phrases in English (`_phrases`) and, in Cyrillic text, Russian in any case form."""
        found = self._phrases_in(text, capitals)
        if morph.CYRILLIC.search(text):
            seen = Counter(found)  # «Россия» is also an alias: count it once
            number = {d.name: i for i, d in enumerate(self.countries)}
            for phrase, country in ru_roles.country_mentions(text):
                hit = (phrase, number.get(country, -1))
                if hit[1] >= 0 and seen[hit] > 0:
                    seen[hit] -= 1
                elif hit[1] >= 0:
                    found.append(hit)
        return found

    def _phrases_in(self, text: str, capitals: bool = False) -> list[tuple[str, int]]:
        """Every country phrase in `text`, longest first, as (phrase as written, country index);
        `capitals` reads a word in capitals as a name too (datelines: "MOSCOW, Nov 26")."""
        if capitals:
            return self._phrases_in_words(text)
        out: list[tuple[str, int]] = []
        end = 0
        for start in self._starts.finditer(text):
            if start.start() < end:  # inside the phrase just taken
                continue
            words = []
            for word in WORD.finditer(text, start.start()):
                words.append(word)
                if len(words) == self._reach[start.group()]:
                    break
            for size in range(len(words), 0, -1):
                found = self._phrases.get(tuple(w.group() for w in words[:size]))
                if found is not None:
                    if found >= 0:
                        out.append((text[start.start() : words[size - 1].end()], found))
                    end = words[size - 1].end()
                    break
        return out

    def _phrases_in_words(self, text: str) -> list[tuple[str, int]]:
        """`_phrases_in` reading every word, a word in capitals as a name (a short dateline)."""
        words = [
            (m.group().title() if len(m.group()) > 3 and m.group().isupper() else m.group(), m.start(), m.end())
            for m in WORD.finditer(text)
        ]
        out: list[tuple[str, int]] = []
        i = 0
        while i < len(words):
            for size in range(min(self._reach.get(words[i][0], 0), len(words) - i), 0, -1):
                found = self._phrases.get(tuple(w[0] for w in words[i : i + size]))
                if found is not None:
                    if found >= 0:
                        out.append((text[words[i][1] : words[i + size - 1][2]], found))
                    i += size
                    break
            else:
                i += 1
        return out


def _whole_words(words: Iterable[str]) -> re.Pattern[str]:
    """One pattern for any of `words` standing as a whole word (as `WORD` cuts them), built as a
    trie so the regex engine does not try every word at every position."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def pattern(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + pattern(rest) for ch, rest in sorted(node.items()) if ch]
        if not branches:
            return ""
        alternatives = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{alternatives})?" if "" in node else alternatives

    return re.compile(r"(?<![^\W_])" + (pattern(trie) or "(?!)") + r"(?![^\W_])")
