"""Offices of 2010-2018 dated to the day (tools/office_dates.yaml): the shipped registry gives those
days, role phrases follow the changeovers, and tools/check_office_dates.py judges a curated day
against REIGN, GLI and the Wikidata history."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path
from typing import Any

import pytest

from digestgen.taxonomy.entries import default_registry
from digestgen.taxonomy.leaders import LeaderIndex
from tests.support import shipped_leaders

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "leaders"
D = datetime.date

# (holder, country, kind, from, to): a sample of the newly dated offices; a start the public record
# gives ends the predecessor's year-only term on the same day (Fillon, Tusk, Passos Coelho).
DATED = [
    ("Manuel Valls", "France", "prime minister", "2014-03-31", "2016-12-06"),
    ("Bernard Cazeneuve", "France", "prime minister", "2016-12-06", "2017-05-15"),
    ("Jean-Marc Ayrault", "France", "prime minister", "2012-05-15", "2014-03-31"),
    ("Francois Fillon", "France", "prime minister", "2007", "2012-05-15"),
    ("Donald Tusk", "Poland", "prime minister", "2007", "2014-09-22"),
    ("Ewa Kopacz", "Poland", "prime minister", "2014-09-22", "2015-11-16"),
    ("Pedro Passos Coelho", "Portugal", "prime minister", "2011-06-21", "2015-11-26"),
    ("Ahmet Davutoglu", "Turkey", "prime minister", "2014-08-28", "2016-05-24"),
    ("Binali Yildirim", "Turkey", "prime minister", "2016-05-24", "2018-07-09"),
    ("Li Keqiang", "China", "premier", "2013-03-15", "2023-03-11"),
    ("Reinhold Mitterlehner", "Austria", "prime minister", "2016-05-09", "2016-05-17"),  # REIGN-derived end
    ("Mykola Azarov", "Ukraine", "prime minister", "2010-03-11", "2014-01-28"),  # resigned before his successor
    ("Kabine Komara", "Guinea", "prime minister", "2009", "2010-01-26"),  # the interim Doré came between
]


def _role(name: str, country: str, kind: str) -> list[tuple[str, str | None]]:
    leaders, _, _ = default_registry()
    return [
        (r.start, r.end)
        for d in leaders
        if d.name == name or name in d.aliases
        for r in d.roles
        if r.country == country and r.kind == kind
    ]


@pytest.mark.parametrize("name,country,kind,start,end", DATED)
def test_shipped_registry_gives_the_curated_day(name: str, country: str, kind: str, start: str, end: str) -> None:
    assert (start, end) in _role(name, country, kind)


@pytest.fixture(scope="module")
def index() -> LeaderIndex:
    return shipped_leaders()


@pytest.mark.parametrize(
    "on,expected",
    [
        (D(2012, 5, 10), "francois-fillon"),
        (D(2012, 5, 20), "jean-marc-ayrault"),
        (D(2014, 3, 25), "jean-marc-ayrault"),
        (D(2014, 4, 7), "manuel-valls"),
        (D(2016, 5, 15), "manuel-valls"),  # a year-only end left him out of office all 2016
        (D(2016, 11, 29), "manuel-valls"),
        (D(2016, 12, 12), "bernard-cazeneuve"),
        (D(2017, 5, 10), "bernard-cazeneuve"),  # a year-only start left the phrase unresolved all 2017
        (D(2017, 5, 20), "edouard-philippe"),
    ],
)
def test_the_french_prime_minister_follows_the_changeovers(index: LeaderIndex, on: D, expected: str) -> None:
    assert [m.id for m in index.analyse("Talks went on with the French prime minister.", on).tags] == [expected]


# The checker's judgement of one day, against the shared datasets.


@pytest.fixture(scope="module")
def dating() -> Any:
    if not DATA.is_dir():
        pytest.skip(f"shared leader data not found at {DATA}")
    sys.path[:0] = [str(REPO / "tools")]
    from leaders_build import dating

    return dating


def _holder(dating: Any, name: str, country: str, role: dict[str, Any]) -> Any:
    from leaders_build.names import norm_tokens

    return dating.Holder(name, country, (norm_tokens(name),), None, (role,))


def test_a_start_off_reigns_day_contradicts(dating: Any) -> None:
    src = dating.load(DATA)
    role = {"country": "Guatemala", "office": "head_of_state", "kind": "president", "from": "2015", "to": "2016"}
    h = _holder(dating, "Alejandro Maldonado", "Guatemala", role)
    bad, _ = dating.start_evidence(src, h, role, "2015-09-04")
    assert bad == ["reign: the spell of Maldanado starts 2015-09-03"]
    assert dating.start_evidence(src, h, role, "2015-09-03")[0] == []
    assert dating.derived_start(src, h, role) == "2015-09-03"


def test_an_end_gli_contradicts(dating: Any) -> None:
    src = dating.load(DATA)
    role = {"country": "France", "office": "head_of_government", "kind": "prime minister", "from": "2014", "to": "2016"}
    h = _holder(dating, "Manuel Valls", "France", role)
    assert dating.end_evidence(src, h, role, "2015-06-01")[0] == ["gli: still in office on 31 December 2015"]
    assert dating.end_evidence(src, h, role, "2016-12-06")[0] == []


def test_an_end_in_another_month_than_reigns_contradicts(dating: Any) -> None:
    src = dating.load(DATA)
    role = {"country": "Austria", "office": "head_of_government", "kind": "chancellor", "from": "2016", "to": "2017"}
    h = _holder(dating, "Christian Kern", "Austria", role)
    assert dating.end_evidence(src, h, role, "2017-12-18")[0] == ["reign: the spell of Kern ends 2017-11"]


@pytest.mark.slow
def test_the_checker_passes_on_the_curated_file_and_fails_on_a_stale_explanation(
    dating: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import check_office_dates as checker

    assert checker.main([]) == 0
    assert "contradicting: 0" in capsys.readouterr().out
    stale = tmp_path / "office_dates.yaml"
    text = checker.DATES.read_text(encoding="utf-8")
    row = '  - [Manuel Valls, France, "2014-03-31", gli, "nothing disagrees"]\n'
    stale.write_text(text.replace("\nexplained:\n", "\nexplained:\n" + row), encoding="utf-8")
    monkeypatch.setattr(checker, "DATES", stale)
    assert checker.main([]) == 1
    assert "nothing disagrees any more" in capsys.readouterr().out


def test_partial_lists_what_is_left_at_the_year(dating: Any, capsys: pytest.CaptureFixture[str]) -> None:
    import check_office_dates as checker

    assert checker.main(["--partial", "--years", "2012"]) == 0
    out = capsys.readouterr().out
    assert "China | end 2012 | Hu Jintao |" in out and "left: " in out
    assert "| Manuel Valls |" not in out  # dated to the day
