"""The shipped leaders registry: names news uses, sources on every alias, one person one entry."""

from __future__ import annotations

import json
import re
import tomllib
from collections import Counter
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from tests.support import shipped_leaders

REPO = Path(__file__).resolve().parents[1]
SOURCES = {"wikidata", "gli", "reign", "phoenix", "manual", "derived", "nerel"}


@pytest.fixture(scope="module")
def entries() -> list[dict[str, Any]]:
    data = resources.files("digestgen.data").joinpath("leaders.json").read_text(encoding="utf-8")
    leaders: list[dict[str, Any]] = json.loads(data)["leaders"]
    return leaders


@pytest.fixture(scope="module")
def by_name(entries: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {e["name"]: e for e in entries}


def test_display_names_give_a_given_name(entries: list[dict[str, Any]]) -> None:
    monarchs = {"king", "queen", "monarch", "emir", "sultan", "emperor", "pope", "prince", "co-prince"}
    for e in entries:
        words = e["name"].split()
        one_word_monarch = len(words) == 1 and all(r["kind"] in monarchs for r in e["roles"])
        assert len(words) >= 2 or one_word_monarch, e["name"]
        regnal = re.fullmatch(r"[IVX]+", words[-1]) is not None
        assert not re.fullmatch(r"\w\.?", words[0]) and (regnal or not re.fullmatch(r"\w\.?,?", words[-1])), e["name"]


@pytest.mark.parametrize(
    "name",
    [
        "Abdelaziz Bouteflika",
        "Brian Cowen",
        "Mark Rutte",
        "Bashar al-Assad",
        "Tony Blair",
        "Jimmy Carter",
        "Fidel Castro",
        "Isaias Afwerki",
        "Nayib Bukele",
    ],
)
def test_common_english_forms(by_name: dict[str, dict[str, Any]], name: str) -> None:
    assert name in by_name


def test_every_alias_carries_its_source(entries: list[dict[str, Any]]) -> None:
    for e in entries:
        for a in e["aliases"]:
            assert a["sources"] and set(a["sources"]) <= SOURCES, (e["name"], a)
        assert set(e["sources"]) <= SOURCES and e["roles"]


def test_elizabeth_ii_is_one_british_entry_found_as_queen_elizabeth(by_name: dict[str, dict[str, Any]]) -> None:
    queen = by_name["Elizabeth II"]
    assert queen["country"] == "United Kingdom"
    assert {r["country"] for r in queen["roles"]} >= {"United Kingdom", "Canada", "Australia"}
    aliases = {a["name"]: a.get("kind", "name") for a in queen["aliases"]}
    assert "II" not in aliases and aliases["Elizabeth"] == "regnal"
    assert by_name["Charles III"].get("gender") == "m"  # never "the Queen"


def test_one_person_one_entry(entries: list[dict[str, Any]]) -> None:
    qids = Counter(e["wikidata"] for e in entries if e["wikidata"])
    assert [q for q, n in qids.items() if n > 1] == []
    assert len({e["id"] for e in entries}) == len(entries)
    saddam = [e for e in entries if e["name"] == "Saddam Hussein"]
    assert len(saddam) == 1 and {r["country"] for r in saddam[0]["roles"]} == {"Iraq", "Kuwait"}


def test_wikidata_history_fills_2021_to_2024(by_name: dict[str, dict[str, Any]]) -> None:
    for name, year in [
        ("Liz Truss", "2022"),
        ("Rishi Sunak", "2022"),
        ("Mario Draghi", "2021"),
        ("Fumio Kishida", "2021"),
        ("Keir Starmer", "2024"),
    ]:
        assert any(r["from"].startswith(year) for r in by_name[name]["roles"]), name
    trump = [(r["from"][:4], (r["to"] or "")[:4]) for r in by_name["Donald Trump"]["roles"]]
    assert trump == [("2017", "2021"), ("2025", "")]


def test_unnamed_leaders_are_listed_not_shipped() -> None:
    data = json.loads(resources.files("digestgen.data").joinpath("leaders.json").read_text(encoding="utf-8"))
    assert data["unnamed"] and all("(" in u for u in data["unnamed"])
    assert not any(e["name"] == u.split(" (")[0] for e in data["leaders"] for u in data["unnamed"])


def test_phoenix_notice_ships_with_the_data() -> None:
    notice = resources.files("digestgen.data").joinpath("NOTICE").read_text(encoding="utf-8")
    assert "Copyright (c) 2014 Open Event Data Alliance" in notice and "MIT License" in notice
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "NOTICE" in project["tool"]["setuptools"]["package-data"]["digestgen.data"]


def test_officials_date_an_article_by_their_posts() -> None:
    index = shipped_leaders()
    result = index.analyse("Foreign Secretary Jack Straw said the Queen would attend, with UK ministers.", None)
    assert result.era is not None and "Foreign Secretary Jack Straw" in result.era_evidence
    assert [m.id for m in result.tags] == ["elizabeth-ii"]
    assert index.analyse("European Commissioner Peter Mandelson spoke.", None).era is None


def test_wikidata_rows_in_error_are_left_out(by_name: dict[str, dict[str, Any]]) -> None:
    """Rows of the Wikidata snapshots that put the wrong person in an office (tools/leader_aliases.yaml,
    wikidata_drop): a 2015 story's "Afghan leaders" tagged a Nigerian emir's name as Afghanistan's."""
    for name in ("Rilwanu Adamu Jumba", "Qazi Ahsan Ahmed Shuja Abadi", "Ulrich Matthes", "Muhibbullah Babunagari"):
        assert name not in by_name
    index = shipped_leaders()
    tags = [
        m.id for m in index.analyse("Talks between Washington, Afghan leaders and NATO resumed.", date(2015, 6, 1)).tags
    ]
    assert "rilwanu-adamu-jumba" not in tags


@pytest.mark.parametrize(
    "name,start,end",
    [
        ("Harry S. Truman", "1945-04-12", "1953-01-20"),
        ("John F. Kennedy", "1961-01-20", "1963-11-22"),
        ("Joseph Stalin", "1923-03-10", "1953-03-05"),
        ("Harold Macmillan", "1957-01-10", "1963-10-18"),
        ("Charles de Gaulle", "1958-06-01", "1969-04-28"),
        ("Ye Jianying", "1978-03-05", "1983-06-18"),
    ],
)
def test_post_war_leaders_before_the_datasets_scope_are_listed(
    by_name: dict[str, dict[str, Any]], name: str, start: str, end: str
) -> None:
    """The permanent Security Council members' leaders who left before 1970 (manual_roles, REIGN's days)
    are recognised as former leaders, not missed; their earliest and latest days are the curated ones."""
    roles = by_name[name]["roles"]
    assert min(r["from"] for r in roles) == start and max(r["to"] for r in roles) == end
    index = shipped_leaders()
    result = index.analyse(f"A new book about {name} came out.", date(2020, 3, 1))
    assert [m.id for m in (*result.tags, *result.also)] == [by_name[name]["id"]]
    assert all(m.status == "former" for m in result.tags)


def test_effective_leaders_carry_the_office_they_held(by_name: dict[str, dict[str, Any]]) -> None:
    """REIGN names a country's effective leader, not the office; the builder's guess of the main
    office gave the Shah and Khomeini "President of Iran" and Rainier III "Prime Minister of Monaco"
    (role_titles in tools/leader_aliases.yaml), and hid Iran's presidents of the 1980s."""

    def titles(name: str) -> set[str]:
        return {r["title"] for r in by_name[name]["roles"]}

    assert titles("Ruhollah Khomeini") == {"Supreme Leader of Iran"}
    assert titles("Mohammad Reza Pahlavi") == {"Shah of Iran"}
    assert "Prime Minister of Monaco" not in titles("Rainier III")
    assert "President of Qatar" not in titles("Tamim bin Hamad Al Thani")
    assert "Amad Al Thani" not in by_name and "Tommy Franks" not in by_name
    index = shipped_leaders()
    tags = [m.id for m in index.analyse("The Iranian president spoke in Tehran.", date(1985, 5, 1)).tags]
    assert tags == ["ali-khamenei"]
    assert not index.analyse("The president of Iran spoke in Tehran.", date(1970, 5, 1)).tags
