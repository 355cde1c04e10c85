"""The taxonomy path: leaders and topics behind one protocol, the registry built per call."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from digestgen.config import Config
from digestgen.errors import BuildFailed
from digestgen.model import SHIPPED
from digestgen.taxonomy.base import Document, Taxonomy, named_term, unique
from digestgen.taxonomy.registry import load_registry

SMALL = Config(
    root=Path("."),
    default_registries=False,
    leaders=(
        {"name": "Jane Doe", "aliases": ["Doe"], "country": "Utopia", "role": "Prime Minister"},
        {"name": "John Roe", "country": "Utopia", "roles": [{"title": "President", "from": "2001", "to": "2004"}]},
    ),
    topics=({"name": "Energy", "keywords": {"gas": 2, "pipeline": 2}}, {"name": "Farm Policy", "keywords": ["wheat"]}),
)


def test_leaders_topics_and_countries_are_taxonomies_of_one_protocol() -> None:
    registry = load_registry(SMALL)
    taxonomies: tuple[Taxonomy, ...] = registry.taxonomies
    assert [(t.kind, t.key) for t in taxonomies] == [
        ("leader", "leaders"),
        ("topic", "topics"),
        ("country", "countries"),
    ]
    assert [[e.id for e in t.entries()] for t in taxonomies[:2]] == [
        ["jane-doe", "john-roe"],
        ["energy", "farm-policy"],
    ]
    assert [t.info for t in taxonomies] == list(SHIPPED)


@pytest.mark.parametrize(
    ("key", "written", "expected"),
    [
        ("leaders", "doe", "jane-doe"),
        ("leaders", "Mr  John Roe", "john-roe"),
        ("topics", "ENERGY", "energy"),
        ("topics", "farm-policy", "farm-policy"),
        ("topics", "Farm policy", "farm-policy"),
    ],
)
def test_resolve_finds_the_entry_an_editor_meant(key: str, written: str, expected: str) -> None:
    (taxonomy,) = [t for t in load_registry(SMALL).taxonomies if t.key == key]
    entry = taxonomy.resolve(written)
    assert entry is not None and entry.id == expected
    assert named_term(taxonomy, written).slug == expected


def test_an_unknown_name_becomes_its_own_term_of_the_right_kind() -> None:
    leaders, topics, _ = load_registry(SMALL).taxonomies
    assert leaders.resolve("Nobody Atall") is None
    term = named_term(topics, "Space Race")
    assert (term.kind, term.id, term.name, term.slug) == ("topic", "space-race", "Space Race", "space-race")
    assert unique([term, named_term(topics, "space race"), named_term(topics, "Energy")]) == (
        term,
        named_term(topics, "energy"),
    )


def test_infer_gives_evidence_and_an_era_only_when_undated() -> None:
    leaders, topics, _ = load_registry(SMALL).taxonomies
    text = "President John Roe opened the gas pipeline. The pipeline carries gas to Utopia, Roe said."
    undated = leaders.infer(Document("Pipeline opens", text, None))
    assert [f.id for f in undated.found] == ["john-roe"]
    assert undated.era is not None and undated.era_label == "2001-01-01 to 2004-01-01"
    assert "President John Roe" in undated.era_evidence
    dated = leaders.infer(Document("Pipeline opens", text, date(2002, 5, 1)))
    assert [f.id for f in dated.found] == ["john-roe"] and dated.era is None
    (former,) = leaders.infer(Document("Pipeline opens", text, date(2010, 5, 1))).found
    assert former.evidence.note == "former"  # out of office by then, but named in that role
    untitled = "John Roe opened the gas pipeline."
    assert leaders.infer(Document("Pipeline opens", untitled, date(2010, 5, 1))).found == ()
    (energy,) = topics.infer(Document("Pipeline opens", text, None)).found
    assert energy.id == "energy" and energy.evidence.score and ("gas", 2) in energy.evidence.phrases


def test_the_registry_is_built_afresh_for_each_configuration() -> None:
    first, second = load_registry(SMALL), load_registry(SMALL)
    assert first.leaders is not second.leaders and first.topics is not second.topics
    renamed = load_registry(Config(root=Path("."), default_registries=False, topics=({"name": "Gas", "id": "energy"},)))
    assert [e.name for e in renamed.topics.entries()] == ["Gas"]  # nothing left over from the first build
    assert [e.name for e in load_registry(SMALL).topics.entries()] == ["Energy", "Farm Policy"]


def test_a_bad_entry_value_is_a_located_problem_not_a_crash() -> None:
    bad = Config(root=Path("."), default_registries=False, topics=({"name": "Energy", "keywords": {"gas": -1}},))
    with pytest.raises(BuildFailed) as failure:
        load_registry(bad)
    (problem,) = failure.value.problems
    assert problem.path == "digestgen.yaml" and "weight of 'gas' must be a positive number" in problem.message


def test_every_shipped_topic_lists_its_media_topic_codes() -> None:
    """Agency subjects map to our topics through the codes in topics.yaml (`mediatopics:`)."""
    from digestgen.safety import safeyaml

    raw = safeyaml.load((Path(__file__).parents[1] / "digestgen/data/topics.yaml").read_text(encoding="utf-8"))[0]
    assert len(raw) == 32 and all("mediatopics" in entry for entry in raw)
    topics = load_registry(Config(root=Path("."))).topics
    assert topics.by_code("medtop:20000574").id == "elections"
    assert topics.by_code("http://cv.iptc.org/newscodes/mediatopic/04000000").id == "economy"
    assert topics.by_code("13010000").id == "technology"  # an NTB subject: the Subject NewsCodes number
    assert topics.by_code("medtop:99999999") is None and topics.by_code("elections") is None
    codes = [code for entry in raw for code in entry["mediatopics"]]
    assert len(codes) == len(set(codes)), "a code names one topic"


def test_a_project_topic_may_list_media_topics_and_a_bad_code_is_refused() -> None:
    from digestgen.taxonomy.entries import entries_problems

    good = [{"name": "Union State", "mediatopics": ["medtop:20000638"]}]
    assert entries_problems("topics", good) == []
    index = load_registry(Config(root=Path("."), default_registries=False, topics=tuple(good))).topics
    assert index.by_code("20000638").id == "union-state"
    bad = [{"name": "Union State", "mediatopics": ["diplomacy"]}]
    assert entries_problems("topics", bad) == [
        (
            0,
            "topics entry 1 ('Union State'): 'mediatopics' must be a list of IPTC Media Topic codes such as medtop:20000574",
        )
    ]
