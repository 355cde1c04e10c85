"""Leaders and topics registries: the shipped defaults extended (or replaced) by the project's."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from digestgen.config import Config
from digestgen.errors import BuildFailed, Problem
from digestgen.taxonomy.leaders import LeaderDef, LeaderIndex, default_officials, default_registry, load_leaders
from digestgen.taxonomy.topics import TopicDef, TopicIndex, default_topics, load_topics
from digestgen.urls import slugify


@dataclass(frozen=True)
class Registry:
    """Matching indexes for leaders and topics, built once per configuration."""

    leaders: LeaderIndex
    topics: TopicIndex
    topic_defs: tuple[TopicDef, ...]
    topic_names: Mapping[str, TopicDef] = field(hash=False)
    """Normalised id, name and name slug of every topic -> its entry."""

    def resolve_topic(self, name: str) -> TopicDef | None:
        """A front-matter topic -> taxonomy entry, by id or name, case-insensitively."""
        return self.topic_names.get(_key(name))


def load_registry(config: Config) -> Registry:
    """Build the matching indexes for a configuration (once per build; `serve` keeps it)."""
    base_leaders, countries = default_registry() if config.default_registries else ((), {})
    try:
        leader_defs = _merge(base_leaders, load_leaders(config.leaders))
        topic_defs = _merge(default_topics() if config.default_registries else (), load_topics(config.topics))
    except (ValueError, TypeError, KeyError) as exc:
        raise BuildFailed([Problem(config.label, None, f"invalid registry entry: {exc}")]) from None
    officials = default_officials() if config.default_registries else ()
    return Registry(
        LeaderIndex.build(leader_defs, countries, officials),
        TopicIndex.build(topic_defs),
        topic_defs,
        MappingProxyType(_topic_names(topic_defs)),
    )


def _merge(base: Sequence[Any], extra: Sequence[Any]) -> tuple[Any, ...]:
    """Project entries replace shipped ones with the same id and add the rest."""
    by_id = {d.id: d for d in base}
    for d in extra:
        by_id[d.id] = d
    return tuple(by_id.values())


def _topic_names(defs: tuple[TopicDef, ...]) -> dict[str, TopicDef]:
    table: dict[str, TopicDef] = {}
    for d in defs:
        for key in (d.name, d.id, slugify(d.name)):
            table.setdefault(_key(key), d)
    return table


def _key(name: str) -> str:
    return " ".join(name.casefold().replace("-", " ").split())


__all__ = ["LeaderDef", "Registry", "TopicDef", "load_registry"]
