"""The registry of one build: the shipped leaders, topics and countries extended (or replaced) by the
project's, and the keyword taxonomies the project declares."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, TypeVar

from digestgen.config import Config
from digestgen.errors import BuildFailed, Problem
from digestgen.model import SHIPPED
from digestgen.taxonomy.base import Entry, Taxonomy
from digestgen.taxonomy.countries import CountryIndex
from digestgen.taxonomy.entries import (
    default_officials,
    default_registry,
    default_topics,
    load_leaders,
    load_topics,
    local_registry,
)
from digestgen.taxonomy.leaders import LeaderIndex
from digestgen.taxonomy.topics import TopicIndex


@dataclass(frozen=True)
class Registry:
    """The taxonomies of one configuration, built once per build (`serve` keeps it) and passed in."""

    leaders: LeaderIndex
    topics: TopicIndex
    countries: Mapping[str, Any] = field(default_factory=dict, hash=False)
    """Shipped country names, aliases and adjectives (empty without the default registries)."""
    own: Mapping[str, tuple[Entry, ...]] = field(default_factory=dict, hash=False)
    """The project's own entries per taxonomy kind, in the order its configuration lists them."""
    places: CountryIndex = field(default_factory=lambda: CountryIndex.build({}), hash=False)
    declared: tuple[TopicIndex, ...] = ()
    """The project's own keyword taxonomies (`taxonomies:` in the configuration)."""

    @property
    def taxonomies(self) -> tuple[Taxonomy, ...]:
        """Leaders first: a leader's era can date an undated article before the others are read, and
        countries read the leaders found."""
        return (self.leaders, self.topics, self.places, *self.declared)


def load_registry(config: Config) -> Registry:
    """Read the shipped data (unless `default_registries: false`), the project's refreshed registry
    over it (`registry-update.json`, whose fetch day extends the snapshot), and the project's own
    entries over both."""
    shipped = config.default_registries
    base_leaders, countries, coverage = default_registry() if shipped else ((), {}, None)
    if shipped:
        fresh = local_registry(config.local_registry, config.local_registry.name)
        if fresh is not None and coverage is not None:
            base_leaders = _merge(base_leaders, fresh[0])
            coverage = (coverage[0], max(coverage[1], fresh[1]))
    officials, post_coverage = default_officials() if shipped else ((), None)
    try:
        own_leaders, own_topics = load_leaders(config.leaders), load_topics(config.topics)
    except ValueError as exc:  # entries are type-checked with the configuration; this is a bad value
        raise BuildFailed([Problem(config.label, None, f"invalid registry entry: {exc}")]) from None
    leaders = LeaderIndex.build(_merge(base_leaders, own_leaders), countries, officials, coverage, post_coverage)
    declared = []
    own: dict[str, tuple[Entry, ...]] = {"leader": tuple(own_leaders), "topic": tuple(own_topics), "country": ()}
    for entry, info in zip(config.taxonomies, config.taxonomy_infos[len(SHIPPED) :], strict=True):
        try:
            terms = load_topics(entry.get("terms") or ())
        except ValueError as exc:
            raise BuildFailed([Problem(config.label, None, f"invalid {info.key} entry: {exc}")]) from None
        declared.append(TopicIndex.build(terms, info))
        own[info.kind] = tuple(terms)
    return Registry(
        leaders,
        TopicIndex.build(_merge(default_topics() if shipped else (), own_topics)),
        MappingProxyType(countries),
        MappingProxyType(own),
        CountryIndex.build(countries, ((d.id, d.country) for d in leaders.leaders)),
        tuple(declared),
    )


_D = TypeVar("_D", bound=Entry)


def _merge(base: Sequence[_D], extra: Sequence[_D]) -> tuple[_D, ...]:
    """Project entries replace shipped ones with the same id and add the rest."""
    by_id = {d.id: d for d in base}
    for d in extra:
        by_id[d.id] = d
    return tuple(by_id.values())
