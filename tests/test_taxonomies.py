"""Taxonomies as data: the shipped countries taxonomy end to end, and a taxonomy a project declares."""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import resources
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


def test_russian_copy_names_its_countries_in_every_case_form(countries: CountryIndex) -> None:
    """«в Минске», «Белоруссии», «белорусского», «Кремль»: read through lemmas, as leaders are."""
    text = (
        "МИНСК, 6 дек — РИА Новости. Делегации России и Белоруссии встретились в Минске. "
        "Кремль и глава белорусского МИД обсудили поставки в Казахстан. Российский газ "
        "пойдёт через Москву, сообщили в России."
    )
    found = countries.infer(Document("Переговоры в Минске", text, None, place="МИНСК")).found
    by_id = {f.id: dict(f.evidence.phrases) for f in found}
    assert list(by_id) == ["belarus", "russia"]  # one passing mention of Kazakhstan is no term
    assert by_id["belarus"] == {"Минске": 2, "МИНСК": 2, "Белоруссии": 1, "белорусского": 1}
    assert by_id["russia"] == {"России": 2, "Кремль": 1, "Российский": 1, "Москву": 1}
    assert _ids(countries, "Визит", "Президент прибыл в Россию. Россия и только Россия.") == ["russia"]


def test_a_tagged_leaders_country_is_a_term_however_the_others_weigh(countries: CountryIndex) -> None:
    text = "The Kremlin said Russia would send its minister. Russian officials, Kremlin aides and Moscow agreed."
    assert _ids(countries, "Kremlin says Putin will stay away", text, "MOSCOW", ("vladimir-putin",)) == ["russia"]
    both = _ids(
        countries, "Kremlin says Putin will stay away", text, "MOSCOW", ("vladimir-putin", "alexander-lukashenko")
    )
    assert both == ["russia", "belarus"]  # 3 against Russia's 13: below the share, but its leader is tagged


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


@pytest.fixture(scope="module")
def shipped_countries() -> CountryIndex:
    return CountryIndex.build(
        json.loads(resources.files("digestgen.data").joinpath("countries.json").read_text("utf-8"))
    )


@pytest.mark.parametrize(
    "title,text,expected",
    [
        ("South American presidents meet", "Brazil's president met Argentina's. Brazil, Brazil.", ["brazil"]),
        ("Latin American leaders meet", "Latin American trade. Latin American, Latin American, Latin American.", []),
        ("Cyclone in the Indian Ocean", "The Indian Ocean storm. Indian Ocean. Indian Ocean. Indian Ocean.", []),
        ("Dominican vote counted", "Dominican officials said. Dominican voters. Dominican, Dominican.", []),
        (
            "Talks in Santo Domingo",
            "The Dominican Republic said. Dominican Republic, Dominican Republic.",
            ["dominican-republic"],
        ),
    ],
)
def test_the_shipped_table_keeps_regions_and_shared_adjectives_out(
    shipped_countries: CountryIndex, title: str, text: str, expected: list[str]
) -> None:
    """ "South American" is not American; a word two countries share ("Dominican") names neither."""
    assert [f.id for f in shipped_countries.infer(Document(title, text, None)).found] == expected


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
    assert "<h2>Leaders of Belarus</h2>" in belarus
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
