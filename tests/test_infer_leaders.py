"""Leader inference against the shipped registry, plus reproducibility of the registry tool."""

from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path

import pytest

from digestgen.infer.leaders import LeaderIndex, default_registry, load_leaders

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seeds" / "000_f434f5c6a6cd3bfb.txt"
D = datetime.date


@pytest.fixture(scope="module")
def index() -> LeaderIndex:
    return LeaderIndex.build(*default_registry())


def ids(index: LeaderIndex, text: str, on: datetime.date | None = None) -> list[str]:
    return [m.id for m in index.infer(text, on)]


def test_seed_article_yields_putin_and_lukashenko(index: LeaderIndex) -> None:
    if not SEED.exists():
        pytest.skip(f"seed article not found at {SEED}")
    assert ids(index, SEED.read_text(encoding="utf-8")) == ["vladimir-putin",
                                                           "alexander-lukashenko"]


@pytest.mark.parametrize("text,on,expected", [
    ("Talks with the Russian president.", D(2005, 6, 1), "vladimir-putin"),
    ("Talks with the Russian president.", D(2010, 6, 1), "dmitry-medvedev"),
    ("The British prime minister spoke.", D(2006, 6, 1), "tony-blair"),
    ("The British prime minister spoke.", D(2008, 6, 1), "gordon-brown"),
    ("Russia's prime minister spoke.", D(2010, 6, 1), "vladimir-putin"),
    ("He met the president of Russia.", D(2010, 6, 1), "dmitry-medvedev"),
    ("She called the German chancellor.", D(2006, 6, 1), "angela-merkel"),
    ("She called the US president.", D(2006, 6, 1), "george-w-bush"),
    ("He met his Belarusian counterpart.", D(2015, 6, 1), "alexander-lukashenko"),
    ("He met his German counterpart.", D(2015, 6, 1), "angela-merkel"),
])
def test_role_phrases_resolve_to_holder_on_date(index, text, on, expected) -> None:
    assert ids(index, text, on) == [expected]


def test_undated_role_phrase_without_era_is_not_resolved(index: LeaderIndex) -> None:
    assert ids(index, "The German chancellor arrived.") == []
    assert ids(index, "Talks with the Russian president.") == []


@pytest.mark.parametrize("text", [
    "Wes Brown scored twice. Brown was later substituted.",
    "Dan Brown's new novel sold well. Mr Brown is touring.",
    "Brown said the figures were good.",
    "The Brownfield site and Browning's poem.",
])
def test_surnames_need_a_full_mention(index: LeaderIndex, text: str) -> None:
    assert "gordon-brown" not in ids(index, text, D(2005, 1, 1))


def test_titled_surname_licenses_bare_surname(index: LeaderIndex) -> None:
    (m,) = index.infer("Prime Minister Brown said so. Later Brown repeated it. Brown left.", D(2008, 1, 1))
    assert m.id == "gordon-brown"
    assert m.evidence == (("Brown", 2), ("Prime Minister Brown", 1))


def test_possessives_hyphens_and_quotes(index: LeaderIndex) -> None:
    text = "\"Vladimir Putin\" spoke. Putin's aides and Putin\u2019s allies; a pro-Putin rally."
    (m,) = index.infer(text, None)
    assert m.id == "vladimir-putin"
    assert m.evidence == (("Putin", 3), ("Vladimir Putin", 1))


def test_no_match_inside_words(index: LeaderIndex) -> None:
    assert ids(index, "Gordon Brownfield and Putinism.", None) == []


def test_first_mention_order_and_native_script(index: LeaderIndex) -> None:
    text = "Александр Лукашенко и Владимир Путин. Путин. Later David Cameron and 习近平."
    assert ids(index, text, D(2015, 6, 1)) == ["alexander-lukashenko", "vladimir-putin", "david-cameron",
                                               "xi-jinping"]


@pytest.mark.parametrize("name,expected", [
    ("putin", "vladimir-putin"), ("Vladimir  Putin", "vladimir-putin"),
    ("Путин", "vladimir-putin"), ("Mr Putin", "vladimir-putin"),
    ("Schröder", "gerhard-schroder"), ("George Bush", "george-w-bush"),
    ("Zelenskyy", "volodymyr-zelenskyy"), ("Aleksandr Lukashenko", "alexander-lukashenko"),
    ("Nobody Atall", None),
])
def test_resolve(index: LeaderIndex, name: str, expected: str | None) -> None:
    hit = index.resolve(name)
    assert (hit.id if hit else None) == expected


def test_load_leaders_accepts_simple_project_form() -> None:
    (d,) = load_leaders([{"name": "Jane Doe", "aliases": ["Doe"], "country": "Utopia",
                          "role": "Prime Minister"}])
    assert d.id == "jane-doe" and d.roles[0].kind == "prime minister"
    assert d.roles[0].office == "head_of_government" and d.roles[0].start is None
    index = LeaderIndex.build([d], {"Utopia": {"adjectives": ["Utopian"]}})
    (m,) = index.infer("Jane Doe spoke; Doe said. The Utopian prime minister agreed.", None)
    assert m.evidence == (("Doe", 1), ("Jane Doe", 1), ("The Utopian prime minister", 1))


def test_required_leaders_present_with_sources() -> None:
    leaders, countries = default_registry()
    by_id = {d.id: d for d in leaders}
    for lid in ["vladimir-putin", "alexander-lukashenko", "tony-blair", "gordon-brown",
                "xi-jinping", "joe-biden", "donald-trump", "emmanuel-macron", "olaf-scholz",
                "angela-merkel", "gerhard-schroder", "jacques-chirac", "george-w-bush",
                "recep-tayyip-erdogan", "volodymyr-zelenskyy", "narendra-modi"]:
        assert by_id[lid].roles and by_id[lid].sources, lid
    assert "Лукашенко" in by_id["alexander-lukashenko"].surnames
    assert "Russia" in countries and "Russian" in countries["Russia"]["adjectives"]


def test_registry_tool_is_reproducible(tmp_path: Path) -> None:
    data = SHARED / "data" / "leaders"
    if not data.is_dir():
        pytest.skip(f"shared leader data not found at {data}")
    out, cout = tmp_path / "leaders.json", tmp_path / "countries.json"
    subprocess.run([sys.executable, str(REPO / "tools" / "build_leaders.py"), "--data", str(data),
                    "--out", str(out), "--countries-out", str(cout)], check=True,
                   capture_output=True)
    assert out.read_bytes() == (REPO / "digestgen" / "data" / "leaders.json").read_bytes()
    assert cout.read_bytes() == (REPO / "digestgen" / "data" / "countries.json").read_bytes()
