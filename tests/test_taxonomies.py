"""Taxonomies as data: the shipped countries taxonomy end to end, and a taxonomy a project declares."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from digestgen.config import Config, load_config
from digestgen.errors import BuildFailed
from digestgen.model import SHIPPED, Term
from digestgen.pipeline.render.search import read_script
from digestgen.taxonomy.base import Document
from digestgen.taxonomy.countries import CountryIndex
from digestgen.taxonomy.registry import load_registry
from tests.support import build_project, read_tree

COUNTRIES = {
    "Russia": {"adjectives": ["Russian"], "aliases": ["Moscow", "Kremlin"], "iso3": "RUS"},
    "Belarus": {"adjectives": ["Belarusian"], "aliases": ["Minsk"]},
    "Georgia": {"adjectives": ["Georgian"], "elsewhere": ["Georgia", "Georgian"]},
    "Ireland": {"adjectives": ["Irish"], "not": ["Northern Ireland"]},
    "United States": {"adjectives": ["American"], "aliases": ["US"]},
}


@pytest.fixture(scope="module")
def countries() -> CountryIndex:
    return CountryIndex.build(COUNTRIES, [("vladimir-putin", "Russia"), ("alexander-lukashenko", "Belarus")])


def _ids(
    index: CountryIndex, title: str, text: str, place: str | None = None, leaders: tuple[str, ...] = ()
) -> list[str]:
    earlier = {"leaders": tuple(Term("leader", i, i, i, "leaders") for i in leaders)}
    return [f.id for f in index.infer(Document(title, text, None, earlier=earlier, place=place)).found]


def test_a_story_is_about_the_countries_its_headline_dateline_leaders_and_text_name(countries: CountryIndex) -> None:
    text = "Russian and Belarusian officials met. Minsk said the talks would go on."
    assert _ids(countries, "Talks in Minsk", text, "MOSCOW, Nov 26 (Reuters)", ("vladimir-putin",)) == [
        "russia",
        "belarus",
    ]
    found = countries.infer(Document("Talks in Minsk", text, None, place="MOSCOW, Nov 26 (Reuters)")).found
    by_id = {f.id: f for f in found}
    assert dict(by_id["belarus"].evidence.phrases) == {"Minsk": 2, "Belarusian": 1}
    assert dict(by_id["russia"].evidence.phrases) == {"MOSCOW": 1, "Russian": 1}  # the dateline, in capitals
    assert by_id["belarus"].evidence.score == 5.0 and by_id["russia"].evidence.score == 4.0


def test_a_passing_mention_is_no_country(countries: CountryIndex) -> None:
    text = "The minister, who studied in Moscow, spoke about schools for an hour. " * 3
    assert _ids(countries, "Schools reform passes", "Schools. " + text) == ["russia"]  # three mentions
    assert _ids(countries, "Schools reform passes", "The minister once studied in Moscow.") == []


@pytest.mark.parametrize(
    "title,text",
    [
        ("Storm hits Atlanta", "Georgia braced for the storm. Georgia's governor spoke. Georgia, Georgia, Georgia."),
        ("Violence in Belfast", "Northern Ireland police said. Northern Ireland. Northern Ireland. Northern Ireland."),
    ],
)
def test_a_name_that_means_something_else_needs_other_evidence(countries: CountryIndex, title: str, text: str) -> None:
    assert _ids(countries, title, text) == []


def test_front_matter_countries_resolve_by_name_adjective_alias_or_code(countries: CountryIndex) -> None:
    assert [countries.resolve(n).id for n in ("Russia", "russian", "Kremlin", "RUS")] == ["russia"] * 4  # type: ignore[union-attr]
    assert countries.resolve("Atlantis") is None and countries.nearest("Rusia") == "Russia"


def test_countries_get_pages_dossiers_feeds_and_a_search_facet(make_project: Callable[..., Path]) -> None:
    root = make_project(
        {
            "content/a.txt": "Putin meets Lukashenko\n\nMOSCOW, Nov 26, 2024 (Reuters) - Russian President Vladimir "
            "Putin met Belarusian President Alexander Lukashenko in Moscow on Tuesday.\n",
            "content/b.md": "---\ntitle: Grain deal\ndate: 2024-11-20\ncountries: [Belarus]\n---\nA grain deal.\n",
        }
    )
    report = build_project(root)
    assert report.count("countries") == 2
    site = read_tree(root / "site")
    index = site["countries/index.html"].decode()
    assert 'href="../countries/belarus/index.html"' in index and '<h1 class="page-title">Countries</h1>' in index
    belarus = site["countries/belarus/index.html"].decode()
    assert 'Alexander Lukashenko</a> <span class="count">1</span>: President of Belarus' in belarus  # the dossier
    assert 'data-countries="belarus"' in belarus and "Grain deal" in belarus
    assert b'<category term="russia"' in site["feed.xml"] and "countries/russia/feed.xml" in site
    facets = read_script(site["search/manifest.js"])[2]["terms"]
    assert [f["key"] for f in facets] == ["leaders", "topics", "countries"]
    assert 'id="facet-country"' in site["search/index.html"].decode()
    assert '<a href="../countries/index.html">Countries</a>' in site["leaders/index.html"].decode()


def test_a_project_declares_its_own_taxonomy_with_no_code(make_project: Callable[..., Path]) -> None:
    config = (
        "taxonomies:\n"
        "  - key: regions\n"
        "    title: Regions\n"
        "    terms:\n"
        "      - name: Sahel\n"
        "        keywords: {Sahel: 3, Sahelian: 2}\n"
        "      - name: Baltic\n"
        "        keywords: {Baltic: 3}\n"
    )
    root = make_project(
        {
            "content/a.txt": "Drought in the Sahel\n\nThe Sahel faces drought. Sahelian farmers moved south.\n",
            "content/b.md": "---\ntitle: Ferry\nregions: [Baltic]\n---\nA ferry sailed.\n",
        },
        config=config,
    )
    assert [i.key for i in Config(root=root).taxonomy_infos] == [i.key for i in SHIPPED]
    config = load_config(root / "digestgen.yaml")
    assert [(i.key, i.kind, i.title, i.noun, i.plural) for i in config.taxonomy_infos[3:]] == [
        ("regions", "region", "Regions", "region", "regions")
    ]
    registry = load_registry(config)
    assert [t.key for t in registry.taxonomies] == ["leaders", "topics", "countries", "regions"]
    report = build_project(root)
    assert report.count("regions") == 2
    site = read_tree(root / "site")
    assert "Drought in the Sahel" in site["regions/sahel/index.html"].decode()
    assert "Ferry" in site["regions/baltic/index.html"].decode()
    assert '<a href="regions/index.html">Regions</a>' in site["index.html"].decode()
    assert '<a href="../../regions/index.html">Regions</a>' in site["articles/a/index.html"].decode()
    assert 'data-regions="sahel"' in site["index.html"].decode()


@pytest.mark.parametrize(
    "entry,message",
    [
        ("  - key: leaders\n", "taxonomies entry 1: 'leaders' is taken"),
        ("  - key: Regions\n", "taxonomies entry 1: 'key' must be lowercase letters"),
        ("  - title: Regions\n", "taxonomies entry 1 must be a mapping with a 'key'"),
        ("  - key: regions\n    titel: Regions\n", "taxonomies entry 1: unknown key 'titel' (did you mean 'title'?)"),
        ("  - key: regions\n    terms: [{name: Sahel, keywords: {Sahel: 0}}]\n", "taxonomies entry 1 ('regions'):"),
    ],
)
def test_a_bad_taxonomy_is_one_problem_at_its_line(
    make_project: Callable[..., Path], entry: str, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project({}, config="title: x\ntaxonomies:\n" + entry)
    monkeypatch.chdir(root)
    with pytest.raises(BuildFailed) as failure:
        load_config()
    [problem] = failure.value.problems
    assert str(problem).startswith("digestgen.yaml:3: " + message) or str(problem).startswith(
        "digestgen.yaml:4: " + message
    ), str(problem)
