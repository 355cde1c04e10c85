"""The registry of one build: the shipped leaders and topics extended (or replaced) by the project's."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, TypeVar

from digestgen.config import Config
from digestgen.errors import BuildFailed, Problem
from digestgen.taxonomy.base import Entry, Taxonomy
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

    @property
    def taxonomies(self) -> tuple[Taxonomy, ...]:
        """Leaders first: a leader's era can date an undated article before topics are read."""
        return (self.leaders, self.topics)


def load_registry(config: Config) -> Registry:
    """Read the shipped data (unless `default_registries: false`), the project's refreshed registry
    over it (`registry-update.json`, whose fetch day extends the snapshot), and the project's own
    entries over both."""
    shipped = config.default_registries
    base_leaders, countries, coverage = default_registry() if shipped else ((), {}, None)
    if shipped:
        try:
            fresh = local_registry(config.local_registry)
        except ValueError as exc:
            raise BuildFailed([Problem(config.local_registry.name, None, str(exc))]) from None
        if fresh is not None and coverage is not None:
            base_leaders = _merge(base_leaders, fresh[0])
            coverage = (coverage[0], max(coverage[1], fresh[1]))
    officials, post_coverage = default_officials() if shipped else ((), None)
    try:
        own_leaders, own_topics = load_leaders(config.leaders), load_topics(config.topics)
    except ValueError as exc:  # entries are type-checked with the configuration; this is a bad value
        raise BuildFailed([Problem(config.label, None, f"invalid registry entry: {exc}")]) from None
    return Registry(
        LeaderIndex.build(_merge(base_leaders, own_leaders), countries, officials, coverage, post_coverage),
        TopicIndex.build(_merge(default_topics() if shipped else (), own_topics)),
        MappingProxyType(countries),
        MappingProxyType({"leader": tuple(own_leaders), "topic": tuple(own_topics)}),
    )


_D = TypeVar("_D", bound=Entry)


def _merge(base: Sequence[_D], extra: Sequence[_D]) -> tuple[_D, ...]:
    """Project entries replace shipped ones with the same id and add the rest."""
    by_id = {d.id: d for d in base}
    for d in extra:
        by_id[d.id] = d
    return tuple(by_id.values())
