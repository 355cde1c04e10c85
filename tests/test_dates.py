"""Article dates from the text or the file name, eras from claims, and how parse_article uses them."""

from __future__ import annotations

import datetime
import functools
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from digestgen.config import Config
from digestgen.errors import Problems
from digestgen.model import Article, SourceFile
from digestgen.pipeline.load.sources import read_source
from digestgen.pipeline.parse.articles import parse_article
from digestgen.taxonomy.era import OPEN_START, Claim, Horizon, Spans, infer_era
from digestgen.taxonomy.registry import Registry, load_registry
from digestgen.text.dates import FoundDate, date_in_file_name, date_in_text, full_dates, stamps, year_for

D = datetime.date


def _day(d: datetime.date) -> int:
    return d.toordinal()


@pytest.mark.parametrize(
    "text,expected",
    [
        ("LONDON, 5 March 2015 (AFP) - Britain said", D(2015, 3, 5)),
        ("WASHINGTON, March 5, 2015 /PRNewswire/ -- The company", D(2015, 3, 5)),
        ("KYIV, Ukraine, Feb 24, 2022 (Reuters) - Russian forces", D(2022, 2, 24)),
        ("BEIJING, Jan. 3, 2019 (Xinhua) -- China", D(2019, 1, 3)),
        ("Tuesday 12 May 2015\n\nThe summit opened.", D(2015, 5, 12)),
        ("Updated 0120 GMT (0920 HKT) April 13, 2015\nThe rebels", D(2015, 4, 13)),
        ("Published: 12:04 GMT, 12 May 2015\nText", D(2015, 5, 12)),
        ("2015-05-12\nText", D(2015, 5, 12)),
        ("The summit opened on Tuesday, May 12, 2015 in Riga.", D(2015, 5, 12)),
    ],
)
def test_dates_at_the_top_of_the_text(text: str, expected: datetime.date) -> None:
    found = date_in_text(text)
    assert found is not None and found.on() == expected


def test_a_dateline_without_year_needs_one_from_elsewhere() -> None:
    found = date_in_text("MOSCOW, March 5 (Reuters) - Russia said on Thursday")
    assert found is not None and found.year is None and found.on() is None
    assert found.on(2015) == D(2015, 3, 5) and found.phrase == "MOSCOW, March 5 (Reuters)"


@pytest.mark.parametrize(
    "text",
    [
        "On Monday 12 May 2015 it rained.",  # 12 May 2015 was a Tuesday: not a date we can trust
        "Ossie Davis died in Miami at the age of 87 on 4 February 2005.",  # no weekday: a cited event
        "Madison, Wisconsin (CNN)Friends called him Tony.",
        "WASHINGTON (AP) — The president spoke.",
        "The first call was made in 1985. " * 20 + "It was Tuesday 12 May 2015.",  # past the lead
    ],
)
def test_no_article_date(text: str) -> None:
    assert date_in_text(text) is None


@pytest.mark.parametrize(
    "line,expected,kind",
    [
        ("[Updated at 1:43 p.m. on Oct. 26, 2016.]", D(2016, 10, 26), "update line"),
        ("Updated 1547 GMT (2347 HKT) April 12, 2015", D(2015, 4, 12), "update line"),
        ("Last updated: Tuesday 12 May 2015 09:30", D(2015, 5, 12), "update line"),
        ("Corrected by: A. Writer @ 10/24/2012 11:10 PM", D(2012, 10, 24), "correction stamp"),
        ("This article first appeared on Pro at 11:45 a.m. on June 12, 2012.", D(2012, 6, 12), "first published"),
        ("It originally appeared on example.com on June 2, 2019.", D(2019, 6, 2), "first published"),
    ],
)
def test_stamps_anywhere_in_the_page(line: str, expected: datetime.date, kind: str) -> None:
    [found] = stamps(f"The story.\n\n{line}\n\nMore of it.")
    assert (found.on(), found.kind) == (expected, kind)


@pytest.mark.parametrize(
    "text",
    [
        "The summit opened on 12 May 2015 in Riga.",  # an event in running text
        "Updated at 5:10 p.m. ET",  # no day
        "The law was updated on March 3, 2014, to cover drones, officials said on Monday in a long statement.",
        "Published in 1998, the book sold well.",
    ],
)
def test_no_stamp(text: str) -> None:
    assert [f for f in stamps(text) if f.year] == []


def test_a_yearless_stamp_takes_the_year_of_a_nearby_full_date() -> None:
    [found] = stamps("—Updated on March 17 at 8:54 a.m.")
    assert found.year is None and found.on() is None
    text = "A tweet.\n— A Person (@someone) March 14, 2020\n—Updated on March 17 at 8:54 a.m."
    assert year_for(found, text) == (2020, "2020-03-14")
    assert year_for(found, "What we saw last year in 2013 was a Washington that did not deliver.") == (
        2014,
        "last year in 2013",
    )
    assert year_for(found, "Turnout in the 2016 election was high.") is None, "a year alone is no anchor"


def test_a_file_photo_lends_no_year_and_two_candidates_lend_none() -> None:
    found = FoundDate("Updated Jan. 28", 1, 28, None, kind="update line")
    assert year_for(found, "In this Feb. 1, 2010, file photo, the senator speaks.") is None
    assert full_dates("FILE - The senator on Feb. 1, 2010. (AP Photo/X Y, File)") == []
    assert year_for(found, "On Jan. 10, 2014 the talks began; on Jan. 12, 2015 they ended.") is None
    tuesday = FoundDate("Tuesday, Jan. 28", 1, 28, None, kind="update line", weekday_name="tue")
    assert year_for(tuesday, "On Jan. 10, 2014 the talks began; on Jan. 12, 2015 they ended.") == (2014, "2014-01-10")


@pytest.mark.parametrize(
    "stem,expected",
    [
        ("2015-04-15-summit", D(2015, 4, 15)),
        ("20150415_summit", D(2015, 4, 15)),
        ("summit_2015_04_15", D(2015, 4, 15)),
        ("001", None),
        ("2015-13-40-x", None),
        ("report-12345678", None),
    ],
)
def test_file_name_dates(stem: str, expected: datetime.date | None) -> None:
    assert date_in_file_name(stem) == expected


WIDE = Horizon.of(D(1970, 1, 1), D(2026, 1, 1))


def _spans(*pairs: tuple[datetime.date, datetime.date]) -> Spans:
    return Spans.of((_day(a), _day(b)) for a, b in pairs)


def test_era_is_the_intersection_of_office_claims() -> None:
    obama = Claim("President Barack Obama", _spans((D(2009, 1, 20), D(2017, 1, 20))), True)
    cameron = Claim("Prime Minister David Cameron", _spans((D(2010, 5, 11), D(2016, 7, 13))), True)
    era, used = infer_era([obama, cameron], WIDE)
    assert era == _spans((D(2010, 5, 11), D(2016, 7, 13))) and used == (obama, cameron)


def test_contradictory_claims_leave_the_era_open() -> None:
    heath = Claim("Prime Minister Edward Heath", _spans((D(1970, 6, 19), D(1974, 3, 4))), True)
    cameron = Claim("Prime Minister David Cameron", _spans((D(2010, 5, 11), D(2016, 7, 13))), True)
    assert infer_era([heath, cameron], WIDE) == (None, ())
    assert infer_era([], WIDE) == (None, ())


def test_weak_claims_narrow_where_most_of_their_weight_agrees() -> None:
    blair = Claim("Tony Blair", _spans((D(1997, 5, 2), D(2007, 6, 27))), False, weight=5)
    fox = Claim("Liam Fox", _spans((D(2010, 6, 1), D(2012, 1, 1))), False, weight=1)
    era, used = infer_era([blair, fox], WIDE)
    assert era is not None and used == (blair,)
    first, last = era.bounds() or (None, None)
    assert first is not None and last is not None and D(1997, 5, 2) <= first and last < D(2007, 6, 27)


def test_spans_complement_and_labels_at_the_horizon() -> None:
    s = Spans.of([(OPEN_START, _day(D(1980, 1, 1)))])
    assert (s.complement() & s).days == 0 and (s.complement() & WIDE.all()).days + (s & WIDE.all()).days == (
        WIDE.all().days
    )
    assert s.label(WIDE) == "… to 1980-01-01"
    assert Spans.of([(_day(D(2020, 1, 1)), _day(D(2100, 1, 1)))]).label(WIDE) == "2020-01-01 to …"


def test_the_horizon_reaches_an_article_later_than_the_registry() -> None:
    horizon = Horizon.of(D(1970, 1, 1), D(2026, 1, 1), D(2031, 3, 2))
    assert horizon.end == _day(D(2031, 3, 3)) and Horizon.of(D(1970, 1, 1), D(2026, 1, 1), D(2020, 1, 1)) == WIDE


@functools.cache
def _shipped() -> Registry:
    """The shipped registry, read once for the module (a project with no registry of its own has it)."""
    return load_registry(Config(root=Path(tempfile.gettempdir())))


def _article(root: Path, name: str, text: str) -> Article:
    path = root / name
    path.write_text(text, encoding="utf-8")
    config = Config(root=root)
    source = read_source(path, root)
    assert isinstance(source, SourceFile)
    article = parse_article(source, config, _shipped(), Problems())
    assert article is not None
    return article


def test_parse_article_takes_the_date_from_text_then_file_name(tmp_path: Path) -> None:
    a = _article(tmp_path, "a.txt", "Talks\n\nLONDON, 5 March 2015 (AFP) - Talks began.\n")
    assert a.date is not None and a.date.date() == D(2015, 3, 5) and a.origin["date"] == "text"
    b = _article(tmp_path, "2015-04-15-summit.txt", "Summit\n\nLeaders met.\n")
    assert b.date is not None and b.date.date() == D(2015, 4, 15) and b.origin["date"] == "file name"
    c = _article(tmp_path, "2015-03-01-talks.txt", "Talks\n\nMOSCOW, March 5 (Reuters) - Talks began.\n")
    assert c.date is not None and c.date.date() == D(2015, 3, 5) and c.origin["date"] == "text"


def test_an_event_date_in_the_lead_never_dates_the_article(tmp_path: Path) -> None:
    a = _article(tmp_path, "a.txt", "Talks\n\nPrime Minister Tony Blair met President Jacques Chirac.\n")
    assert a.date is None and a.era is not None and a.era.label == "1997-05-02 to 2007-05-16"
    b = _article(
        tmp_path, "b.txt", "Talks\n\nPrime Minister Tony Blair met President Jacques Chirac on 12 May 2005 in Paris.\n"
    )
    assert b.date is None and b.era is not None, "the meeting may have been days before the story"
    c = _article(tmp_path, "c.txt", "Talks\n\nPrime Minister Tony Blair recalled the vote on 12 May 1975.\n")
    assert c.date is None


def test_stamps_date_the_article_with_their_evidence(tmp_path: Path) -> None:
    a = _article(
        tmp_path,
        "a.txt",
        "Talks\n\nLeaders met on Monday, officials said.\n\n"
        "In this Feb. 1, 2010, file photo, the senator speaks. (AP Photo/A Person)\n\n"
        "[Updated at 1:43 p.m. on Oct. 26, 2016.]\n",
    )
    assert a.date is not None and a.date.date() == D(2016, 10, 26) and a.origin["date"] == "text"
    [evidence] = a.evidence["date"]
    assert evidence.note == "update line" and evidence.phrases == (("Updated at 1:43 p.m. on Oct. 26, 2016.", 1),)


def test_a_caption_date_is_the_photo_s_not_the_story_s(tmp_path: Path) -> None:
    text = (
        "Talks\n\nA senator speaks on Friday, Jan. 17, 2020, in Pasadena, Calif. (Photo by A Person/Agency/AP)\n\n"
        "The senator said on Friday that talks would go on.\n"
    )
    assert _article(tmp_path, "a.txt", text).date is None


def test_no_clock(make_project: Callable[..., Path]) -> None:
    root = make_project({})
    a = _article(root, "y.txt", "Talks\n\nThe German chancellor arrived.\n")
    assert a.date is None and a.era is None and a.leaders == ()


def test_a_desk_dates_whole_folders_in_the_configuration(make_project: Callable[..., Path]) -> None:
    from digestgen.config import load_config
    from tests.support import build_project

    root = make_project(
        {
            "content/wires/today/a.txt": "Talks\n\nMOSCOW, March 5, 2015 (Reuters) - Talks began.\n",
            "content/wires/today/b.md": "---\ndate: 2020-01-02\n---\nTalks resumed.\n",
            "content/agency/20261205-ap-1.txt": "Summit\n\nLeaders met.\n",
            "content/agency/by-day/2026/12/06/x.txt": "Summit\n\nLeaders met again.\n",
            "content/agency/misc.txt": "Notes\n\nNo date here.\n",
            "content/other.txt": "Other\n\nUndated copy.\n",
        },
        config="dates:\n  wires: 2026-12-07\n  agency: '{yyyy}{mm}{dd}-*.txt'\n  agency/by-day: '{yyyy}/{mm}/{dd}/*'\n",
    )
    config = load_config(root / "digestgen.yaml")
    registry = load_registry(config)  # once: a second of the fast loop each time

    def day(name: str) -> tuple[datetime.date | None, str]:
        source = read_source(root / name, root)
        assert isinstance(source, SourceFile)
        article = parse_article(source, config, registry, Problems())
        assert article is not None
        return (article.date.date() if article.date else None), article.origin["date"]

    assert day("content/wires/today/a.txt") == (D(2026, 12, 7), "configuration"), "the desk's date beats the dateline"
    assert day("content/wires/today/b.md") == (D(2020, 1, 2), "front matter"), "front matter beats the desk"
    assert day("content/agency/20261205-ap-1.txt") == (D(2026, 12, 5), "configuration")
    assert day("content/other.txt") == (None, "none")
    # the deepest folder's entry decides, reading the path below its own folder
    assert day("content/agency/by-day/2026/12/06/x.txt") == (D(2026, 12, 6), "configuration")
    source = read_source(root / "content/agency/by-day/2026/12/06/x.txt", root)
    assert isinstance(source, SourceFile)
    article = parse_article(source, config, registry, Problems())
    assert article is not None
    assert article.evidence["date"][0].phrases == (
        ("dates: agency/by-day: '{yyyy}/{mm}/{dd}/*' (digestgen.yaml:4)", 1),
    )
    report = build_project(root)
    assert [str(w) for w in report.warnings] == [
        "content/agency/misc.txt: warning: its path 'misc.txt' does not fit the dates pattern "
        "'{yyyy}{mm}{dd}-*.txt' for agency (digestgen.yaml:3)"
    ]
    (root / "digestgen.yaml").write_text("dates:\n  wires: 2026-12-07\n  agency: '{mm}/{dd}/*'\n", encoding="utf-8")
    assert [str(p).removeprefix(f"{root}/") for p in _config_problems(root)] == [
        "digestgen.yaml:3: dates: 'agency': a pattern needs each of {yyyy}, {mm} and {dd} once "
        "(or give a date: 2026-12-07)"
    ]


def _config_problems(root: Path) -> list[object]:
    from digestgen.config import load_config
    from digestgen.errors import BuildFailed

    try:
        load_config(root / "digestgen.yaml")
    except BuildFailed as failure:
        return list(failure.problems)
    return []
