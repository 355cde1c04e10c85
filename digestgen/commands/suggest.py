"""Advice for `digestgen check`: recurring unknown names and unused registry entries."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from digestgen.config import Config
from digestgen.model import Article, SourceFile
from digestgen.pipeline.parse.markup import html_to_text
from digestgen.taxonomy.leaders import TITLES
from digestgen.taxonomy.registry import Registry
from digestgen.text.dates import DAY_NAMES, MONTH_NAMES
from digestgen.text.wire import AGENCIES

MIN_ARTICLES = 2  # an unknown name must recur in this many articles to be worth a line
MAX_NAMES = 10
MAX_LISTED = 8

_CAP = r"[A-Z][a-z]+(?:[A-Z][a-z]+)*(?:['\u2019-][A-Za-z]+)*"  # McConnell, Kilroy-Silk, Blair's
_RUN = re.compile(rf"{_CAP}(?:[ \t]+{_CAP})+")
_MONTHS = " ".join(MONTH_NAMES)
_DAYS = " ".join(DAY_NAMES)
# Capitalised only because they open a sentence, or titles/dates that are no part of a name.
_STOP = frozenset(
    f"""
{_MONTHS} {_DAYS} The A An And But Or If When While As At In On Of For To By With From That This
These Those Then So Yet After Before Since Because Although Though Meanwhile However Also Both Not
Only Even Under Over Said Says Asked Told Later Earlier Now Today Yesterday Tonight Last Next Still
Here There Where Why How What Who Which Indeed Instead Thus Again Once Perhaps Like Unlike Despite
Among Between Against Without Within During Until Unless Whether Every Each Some Many Most Such It
Its He She They We I You His Her Their Our Your Mr Mrs Ms Dr Sir Minister Secretary Senator
Governor Leader Leaders Prince Former Acting Deputy Vice President Prime Chancellor King Queen
General Colonel Foreign Defence Defense Chief Head Officials Official Speaking Both Two Three
""".split()
) | {t for title in TITLES for t in title}


def suggestions(parsed: Sequence[tuple[SourceFile, Article]], config: Config, registry: Registry) -> list[str]:
    """Advice beyond the warnings a build gives (a front-matter name in no registry is one of those)."""
    return unknown_names([a for _, a in parsed], registry) + unused_entries([a for _, a in parsed], config, registry)


def unknown_names(articles: Sequence[Article], registry: Registry) -> list[str]:
    """Capitalised multi-word names recurring across articles that no registry knows."""
    known = _known_phrases(registry)
    seen: dict[str, dict[str, None]] = defaultdict(dict)  # name -> articles, in order
    for article in articles:
        for name in proper_names(html_to_text(article.body_html), known):
            seen[name][article.source_path] = None
    recurring = sorted(
        ((n, list(paths)) for n, paths in seen.items() if len(paths) >= MIN_ARTICLES),
        key=lambda item: (-len(item[1]), item[0]),
    )
    out = []
    for name, paths in recurring[:MAX_NAMES]:
        shown = ", ".join(paths[:3]) + (", …" if len(paths) > 3 else "")
        out.append(
            f"'{name}' appears in {len(paths)} articles ({shown}) but is in no registry; "
            "add it to 'leaders' or 'topics' in the configuration if it deserves a page"
        )
    if len(recurring) > MAX_NAMES:
        out.append(f"… and {len(recurring) - MAX_NAMES} more recurring names in no registry")
    return out


def proper_names(text: str, known: frozenset[str]) -> set[str]:
    """Runs of two or more capitalised words, cut at stop words, that are not known phrases."""
    found = set()
    for m in _RUN.finditer(text):
        for run in _split_at_stops(m.group().split()):
            name = " ".join(run)
            if len(run) >= 2 and not _is_known(run, known):
                found.add(name)
    return found


def _split_at_stops(words: list[str]) -> list[list[str]]:
    runs: list[list[str]] = [[]]
    for word in words:
        bare = re.sub(r"['\u2019]s$", "", word)
        if bare in _STOP:
            runs.append([])
            continue
        runs[-1].append(bare)
        if bare != word:  # a possessive ends a name: "Brown's Budget"
            runs.append([])
    return [r for r in runs if r]


def _is_known(run: list[str], known: frozenset[str]) -> bool:
    """Known if the run, or any part of it of two or more words, is a registry phrase or a country."""
    folded = [w.casefold() for w in run]
    n = len(folded)
    return all(w in known for w in folded) or any(
        " ".join(folded[i:j]) in known for i in range(n) for j in range(i + 2, n + 1)
    )


def _known_phrases(registry: Registry) -> frozenset[str]:
    """Leader names and aliases, topic names and keywords, countries, demonyms and agencies, case-folded."""
    phrases = {p for d in registry.leaders.entries() for p in (d.name, *d.aliases)}
    phrases |= {p for d in registry.topics.entries() for p in (d.name, *(k for k, _ in d.keywords))}
    phrases |= {
        p for name, c in registry.countries.items() for p in (name, *c.get("aliases", ()), *c.get("adjectives", ()))
    }
    phrases |= set(AGENCIES.values())
    return frozenset(" ".join(p.casefold().split()) for p in phrases)


def unused_entries(articles: Sequence[Article], config: Config, registry: Registry) -> list[str]:
    """Project-defined leaders and topics no article is listed under; shipped topics in one line."""
    used: set[tuple[str, str]] = {
        (t.kind, term.id) for a in articles for t in registry.taxonomies for term in a.terms_of(t.key)
    }
    out = [
        f"{config.label}: {t.kind} '{d.name}' ({d.id}) has no articles"
        for t in registry.taxonomies
        for d in registry.own[t.kind]
        if (t.kind, d.id) not in used
    ]
    if config.default_registries:
        own_topics = {d.id for d in registry.own["topic"]}
        shipped = [d for d in registry.topics.entries() if d.id not in own_topics]
        empty = [d.name for d in shipped if ("topic", d.id) not in used]
        if empty:
            names = ", ".join(empty[:MAX_LISTED]) + (", …" if len(empty) > MAX_LISTED else "")
            out.append(f"{len(empty)} of the {len(shipped)} shipped topics have no articles yet ({names})")
    return out
