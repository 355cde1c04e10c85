"""Russian role phrases, read through lemmas so every case form counts: «президент Белоруссии»,
«премьер-министром Индии», «белорусский лидер», «глава белорусского государства», «его белорусский
коллега», «президенты России и Белоруссии». This module only reads the words; `rolematch` resolves
each phrase to whoever held the office at the article's date, as it does the English ones.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from digestgen.taxonomy import morph
from digestgen.taxonomy.mentions import WORD

# Role words (lemmas) -> the English role word `rolematch` resolves.
_ROLES: dict[tuple[str, ...], str] = {
    ("президент",): "president",
    ("премьер", "министр"): "prime minister",
    ("премьер",): "premier",
    ("канцлер",): "chancellor",
    ("король",): "king",
    ("королева",): "queen",
    ("монарх",): "monarch",
    ("эмир",): "emir",
    ("султан",): "sultan",
    ("лидер",): "leaders",
    ("глава",): "leaders",
    ("коллега",): "counterpart",
    ("глава", "государство"): "heads of state",
    ("глава", "правительство"): "heads of government",
    ("председатель", "правительство"): "heads of government",
}
_LONGEST = max(len(k) for k in _ROLES)
# «глава белорусского государства»: the adjective sits inside the role.
_SPLIT_ROLES = {("глава", "государство"): "heads of state", ("глава", "правительство"): "heads of government"}
# Words that make a role phrase someone else's: «вице-президент», «бывший президент», «экс-премьер»,
# «свергнутый президент», «кандидат в президенты».
_NOT_HEAD = frozenset(
    {
        "вице",
        "экс",
        "бывший",
        "будущий",
        "избранный",
        "исполнять",
        "исполняющий",
        "первый",
        "свергнуть",
        "свергнутый",
        "покойный",
        "отставной",
        "в",
    }
)
# A country after these is the role's object, not its country: «глава МИД России».
_NOT_COUNTRY_HEADS = frozenset({"мид", "минобороны", "администрация", "аппарат", "делегация", "миссия"})


@dataclass(frozen=True)
class RolePhrase:
    """A Russian role phrase: where it is, its English role word and the countries it names."""

    start: int
    end: int
    role: str
    countries: tuple[str, ...]
    group: bool


@functools.cache
def _table() -> dict[str, Any]:
    """countries_ru.json, read once."""
    data: dict[str, Any] = json.loads(
        resources.files("digestgen.data").joinpath("countries_ru.json").read_text(encoding="utf-8")
    )
    return data


@functools.cache
def _places() -> tuple[dict[tuple[str, ...], str], dict[str, str]]:
    """(country name as lemma tuple -> country, adjective lemma -> country) from countries_ru.json."""
    raw = _table()
    names: dict[tuple[str, ...], str] = {}
    adjectives: dict[str, str] = {}
    for country, spec in raw["countries"].items():
        for name in spec["names"]:
            names[tuple(WORD.findall(name))] = country
        for adjective in spec["adjectives"]:
            adjectives[adjective] = country
    return names, adjectives


def _lemmas(word: str) -> frozenset[str]:
    low = word.lower()
    return frozenset({low, *morph.lemmas(low)})


def phrases(text: str) -> list[RolePhrase]:
    """Every Russian role phrase of `text` that names its country, in text order."""
    names, adjectives = _places()
    toks = [(m.group(), m.start(), m.end()) for m in WORD.finditer(text)]
    lem = [_lemmas(t[0]) for t in toks]
    longest_name = max(len(k) for k in names)
    n = len(toks)

    def joined(i: int) -> bool:
        """Token i follows token i-1 across a space or a hyphen only."""
        gap = text[toks[i - 1][2] : toks[i][1]]
        return 0 < len(gap) <= 2 and set(gap) <= {" ", "-", "\u00a0", "\n"}

    def role_at(i: int) -> tuple[str, int] | None:
        for size in range(min(_LONGEST, n - i), 0, -1):
            if size > 1 and not all(joined(k) for k in range(i + 1, i + size)):
                continue
            for words in _combos(lem[i : i + size]):
                if words in _ROLES:
                    return _ROLES[words], i + size
        return None

    def place_at(i: int) -> tuple[str, int] | None:
        for size in range(min(longest_name, n - i), 0, -1):
            if size > 1 and not all(joined(k) for k in range(i + 1, i + size)):
                continue
            for words in _combos(lem[i : i + size]):
                if words in names:
                    return names[words], i + size
        return None

    def adjective_at(i: int) -> str | None:
        return next((adjectives[w] for w in lem[i] if w in adjectives), None)

    def listed(i: int, item: object) -> tuple[list[str], int]:
        """Countries from token i on, joined by commas or «и»; the index after the last."""
        found: list[str] = []
        while i < n:
            j = i
            if found:
                if toks[i][0] == "и":
                    j = i + 1
                elif text[toks[i - 1][2] : toks[i][1]].strip() != ",":
                    break
                if j >= n:
                    break
            got = place_at(j) if item == "name" else ((a, j + 1) if (a := adjective_at(j)) else None)
            if got is None:
                break
            found.append(got[0])
            i = got[1]
        return found, i

    out: list[RolePhrase] = []
    i = 0
    while i < n:
        if i and (lem[i - 1] & _NOT_HEAD or text[toks[i - 1][2] : toks[i][1]] == "-"):
            i += 1
            continue
        role = role_at(i)
        if role is not None and role[1] < n and joined(role[1]) and not lem[role[1]] & _NOT_COUNTRY_HEADS:
            word, after = role
            # «глава белорусского государства»
            if word == "leaders" and after + 1 < n and (adj := adjective_at(after)) and joined(after + 1):
                split = next((r for w in lem[after + 1] if (r := _SPLIT_ROLES.get(("глава", w)))), None)
                if split:
                    out.append(RolePhrase(toks[i][1], toks[after + 1][2], split, (adj,), False))
                    i = after + 2
                    continue
            countries, end = listed(after, "name")
            if countries and word != "counterpart":
                plural = "plur" in morph.tags(toks[after - 1][0].lower())
                group = len(countries) > 1 and plural
                kept = countries if group else countries[:1]
                out.append(RolePhrase(toks[i][1], toks[end - 1 if group else after][2], word, tuple(kept), group))
                i = end
                continue
        countries, after = listed(i, "adjective")
        if countries and after < n and joined(after) and (role := role_at(after)) is not None:
            word, end = role
            plural = "plur" in morph.tags(toks[end - 1][0].lower())
            group = len(countries) > 1 and plural
            if group or len(countries) == 1:
                out.append(RolePhrase(toks[i][1], toks[end - 1][2], word, tuple(countries), group))
                i = end
                continue
        i += 1
    return out


def country_mentions(text: str) -> list[tuple[str, str]]:
    """Every Russian country name, adjective or capital in `text`, in any case form, as (the words
    as written, the country): «России», «белорусского», «в Минске»."""
    names, adjectives = _places()
    capitals = _capitals()
    toks = [(m.group(), m.start(), m.end()) for m in WORD.finditer(text)]
    lem = [_lemmas(t[0]) if morph.CYRILLIC.search(t[0]) else frozenset() for t in toks]
    longest = max(len(k) for k in (*names, *capitals))
    out: list[tuple[str, str]] = []
    i, n = 0, len(toks)
    while i < n:
        size, country = 1, None
        for longer in range(min(longest, n - i), 0, -1):
            if not all(lem[i : i + longer]):
                continue
            country = next(
                (names.get(c) or capitals[c] for c in _combos(lem[i : i + longer]) if c in names or c in capitals), None
            )
            if country is not None:
                size = longer
                break
        if country is None:
            country = next((adjectives[w] for w in sorted(lem[i]) if w in adjectives), None)
        if country is not None:
            out.append((text[toks[i][1] : toks[i + size - 1][2]], country))
        i += size
    return out


@functools.cache
def _capitals() -> dict[tuple[str, ...], str]:
    """Capitals and seats of power that stand for their country («Кремль», «Минск»), as lemma tuples."""
    raw = _table()
    return {
        tuple(WORD.findall(p)): country for country, spec in raw["countries"].items() for p in spec.get("places", ())
    }


def _combos(options: list[frozenset[str]]) -> list[tuple[str, ...]]:
    """Every sequence of one lemma per token."""
    out: list[tuple[str, ...]] = [()]
    for opts in options:
        out = [(*seq, w) for seq in out for w in sorted(opts)]
    return out
