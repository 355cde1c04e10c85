"""Russian word forms: the dictionary lemmas of an inflected word (pymorphy3 with its Russian
dictionary, shipped in its wheels), loaded on the first Cyrillic word so English builds never pay.

The analyser and each word's lemmas are cached: they depend on the word alone.
"""

from __future__ import annotations

import functools
import re
from typing import Any

CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@functools.cache
def _analyzer() -> Any:
    import pymorphy3  # type: ignore[import-untyped]

    return pymorphy3.MorphAnalyzer()


@functools.lru_cache(maxsize=1 << 16)
def lemmas(word: str) -> tuple[str, ...]:
    """The distinct normal forms of `word` over its parses, most likely first, written with the
    word's capital (Шольцем -> Шолец, Раулем -> Рауль); () for a word in capitals (an acronym)."""
    if word.isupper():
        return ()
    cap = word[:1].isupper()
    out: list[str] = []
    for parse in _analyzer().parse(word):
        form: str = parse.normal_form
        out.append(form[:1].upper() + form[1:] if cap else form)
    return tuple(dict.fromkeys(out))


@functools.lru_cache(maxsize=1 << 16)
def tags(word: str) -> frozenset[str]:
    """Every grammeme of every parse of `word` ("Surn", "Name", "NOUN", "gent", ...)."""
    return frozenset(g for parse in _analyzer().parse(word) for g in parse.tag.grammemes)


_NAMES = frozenset({"Surn", "Name", "Patr", "Geox", "Orgn", "Trad", "Abbr", "UNKN", "LATN"})


@functools.lru_cache(maxsize=1 << 12)
def is_common_word(word: str) -> bool:
    """Whether the dictionary reads `word` first as a common word rather than a name («Мая»: «май»;
    not «Путина», «Мэй», «Медведев»)."""
    analyzer = _analyzer()
    parses = analyzer.parse(word)
    return bool(parses) and analyzer.word_is_known(word.lower()) and not _NAMES & set(parses[0].tag.grammemes)


@functools.lru_cache(maxsize=1 << 12)
def reads_first_as_surname(word: str) -> bool:
    """Whether the dictionary's likeliest reading of `word` is a surname («Сталин», «Путин»; not
    «Герман», a given name first, nor «Борисов»)."""
    parses = _analyzer().parse(word)
    return bool(parses) and "Surn" in parses[0].tag.grammemes


def may_be_place_or_given_name(word: str) -> bool:
    """Whether any reading of `word` is a place or a given name («Дании», «Павла», «Василия»)."""
    return bool({"Geox", "Name"} & tags(word))
