"""Display names: the common English form of a person's name, chosen among the sources' names."""

from __future__ import annotations

from collections import Counter
from typing import Any

from leaders_build.names import (
    drop_patronymic,
    good_display,
    has_initial,
    norm_tokens,
    restore_case,
    similar,
    strip_honorifics,
)
from leaders_build.people import Person, year

MONARCH_KINDS = frozenset({"king", "queen", "monarch", "emir", "sultan", "emperor", "pope", "prince", "co-prince"})
_SOURCE_RANK = {"manual": 0, "wikidata": 1, "phoenix": 2, "gli": 3, "reign": 4}


def primary_country(p: Person) -> str:
    """Where the person is best attested: most sources, then the longest tenure, then the name."""
    score: Counter[str] = Counter()
    for r in p.roles:
        length = (year(r["to"]) or 2026) - (year(r["from"]) or 0)
        score[r["country"]] += len(r["sources"]) * 1000 + length
    for where, _ in p.phoenix:  # the dictionary files a person under one country
        score[where] += 1000
    return max(score, key=lambda c: (score[c], c)) if score else p.country


def display_name(p: Person, curated: dict[tuple[str, str], dict[str, Any]]) -> str:
    """The common English form: curated, else Wikidata's label, else the wire-copy (Phoenix) form,
    else the shortest full form of the other sources; never a bare surname or initials."""
    mixed = [n for n in p.names if not n.isupper()]
    for n in p.names:
        if (p.country, n) in curated:
            return n
    candidates: list[tuple[int, int, int, str]] = []
    short = {t[0] for t in p.tokens() if len(t) == 1}
    for order, n in enumerate(p.names):
        sources = p.name_sources.get(n, set())
        rank = min((_SOURCE_RANK.get(s, 9) for s in sources), default=9)
        form = restore_case(n, mixed) if n.isupper() or "phoenix" in sources else n
        form = strip_country(drop_patronymic(strip_honorifics(uncomma(form))), p.countries())
        if rank >= 3:
            form = given_and_surname(form, short)
        if good_display(form, all(r["kind"] in MONARCH_KINDS for r in p.roles)):
            words = len(form.split())
            candidates.append(
                (rank, (words > 3) * 10 + (words if rank >= 3 else -_support(form, p) * 100), order, form)
            )
    if candidates:
        return min(candidates)[3]
    return max(p.names, key=lambda n: (not has_initial(n), len(norm_tokens(n)), n))


def _support(form: str, p: Person) -> int:
    """How many other sources' names end in this name's surname (Wikidata labels disagree:
    "Lukashenko"/"Lukashenka"; REIGN, GLI and Phoenix settle it)."""
    last = norm_tokens(form)[-1:] if norm_tokens(form) else ()
    return sum(
        1
        for n, sources in p.name_sources.items()
        if "wikidata" not in sources and last and norm_tokens(n) and similar(norm_tokens(n)[-1], last[0], 0.85)
    )


def uncomma(name: str) -> str:
    """ "Salman bin Hamad, Crown Prince of Bahrain" -> "Salman bin Hamad"; "Peron, Isabel" -> "Isabel Peron"."""
    head, sep, tail = name.partition(",")
    if not sep:
        return name
    words = tail.split()
    if len(head.split()) == 1 and 1 <= len(words) <= 2 and words[0][:1].isupper():
        return f"{tail.strip()} {head}"
    return head.strip()


def given_and_surname(name: str, surnames: set[str]) -> str:
    """A formal full name cut to the given name and the surname the sources use alone:
    "Fidel Alejandro Castro Ruz" + "Castro" -> "Fidel Castro"; "Tshisekedi Tshilombo Felix"
    + "Tshisekedi" -> "Felix Tshisekedi"."""
    words = name.split()
    if len(words) < 3:
        return name
    at = [i for i, w in enumerate(words) if norm_tokens(w) and norm_tokens(w)[-1] in surnames]
    if not at:
        return name
    if at[0] == 0:
        return f"{words[-1]} {words[0]}"
    return f"{words[0]} {' '.join(words[at[0] : at[0] + 1])}"


def strip_country(name: str, countries: set[str]) -> str:
    """ "Harald V of Norway" -> "Harald V"."""
    head, sep, tail = name.partition(" of ")
    tail = tail.removeprefix("the ")
    return head if sep and tail in countries else name
