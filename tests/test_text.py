"""Tests for digestgen.text.wire: sentences, headlines, datelines, sources and titles."""

from __future__ import annotations

from pathlib import Path

import pytest

from digestgen.config import load_config
from digestgen.errors import Problems
from digestgen.model import SourceFile
from digestgen.pipeline.parse.articles import parse_article
from digestgen.taxonomy.registry import load_registry
from digestgen.text.titles import headlinese
from digestgen.text.wire import (
    find_source,
    headline,
    read_lead,
    split_paragraphs,
    split_sentences,
    title_from,
)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mr. Smith met Dr. Jones on Jan. 5. They talked.", ["Mr. Smith met Dr. Jones on Jan. 5.", "They talked."]),
        ("The U.S. economy grew. The U.K. did not.", ["The U.S. economy grew.", "The U.K. did not."]),
        (
            "The book by J. K. Rowling sold well. It was a hit.",
            ["The book by J. K. Rowling sold well.", "It was a hit."],
        ),
        ("George W. Bush spoke. He left.", ["George W. Bush spoke.", "He left."]),
        ("Profits rose to $3.5bn. Shares fell 2.5%.", ["Profits rose to $3.5bn.", "Shares fell 2.5%."]),
        ('He said: "We will win." The crowd cheered.', ['He said: "We will win."', "The crowd cheered."]),
        ('Was it "fair?" Nobody knew.', ['Was it "fair?"', "Nobody knew."]),
        ("Sales fell. 2004 was worse.", ["Sales fell.", "2004 was worse."]),
        ("Wait! What? Go.", ["Wait!", "What?", "Go."]),
        ("Prices rose... Then they fell.", ["Prices rose...", "Then they fell."]),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # "No." is an abbreviation before a number only.
        (
            "He lives at No. 10 now. The answer was no. Then he left.",
            ["He lives at No. 10 now.", "The answer was no.", "Then he left."],
        ),
        # Acronyms and lower-case unit letters end sentences; they are not initials.
        ("He told the FT. But Rover said no.", ["He told the FT.", "But Rover said no."]),
        ("Sales at M&S. Either way it fell.", ["Sales at M&S.", "Either way it fell."]),
        ("It moves at 3.7m/h. Its feet are big.", ["It moves at 3.7m/h.", "Its feet are big."]),
        ("Goals, plans etc. I spend hours.", ["Goals, plans etc.", "I spend hours."]),
        # A closing quote after an abbreviation's full stop ends the sentence.
        ('He loved the U.S." Then he left.', ['He loved the U.S."', "Then he left."]),
    ],
)
def test_split_sentences_abbreviation_edges(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_sentences_do_not_cross_paragraphs() -> None:
    assert split_sentences("First para without stop\n\nSecond para.") == ["First para without stop", "Second para."]
    assert split_paragraphs("a\nb") == ["a", "b"]
    assert split_paragraphs("a\nb\n\nc") == ["a b", "c"]
    assert split_sentences("") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Big headline here\n\nBody text.", ("Big headline here", "Body text.")),
        ('"Quoted" headline\n\nBody.', ('"Quoted" headline', "Body.")),
        ("# Markdown heading\n\nBody.", ("Markdown heading", "Body.")),
        ("Head\n   \nBody.", ("Head", "   \nBody.")),
        ("Wait...\n\nBody.", ("Wait...", "Body.")),
        ("* Ministers agree on the budget\n\nBody.", ("Ministers agree on the budget", "Body.")),  # a bullet
        # A scraped page's first paragraph: a photo caption, its credit, then the headline. The caption
        # stays in the body (where the credit marks it as one), the headline leaves it.
        (
            "Aides are drafting new language for the bill in the Senate. | REUTERS Uphill battle for the bill\n\nBody.",
            (
                "Uphill battle for the bill",
                "Aides are drafting new language for the bill in the Senate. | REUTERS\n\nBody.",
            ),
        ),
        (
            "Some claims were, at best, half true. | Jane Doe/ for POLITICO Checking the facts on health care\n\nBody.",
            (
                "Checking the facts on health care",
                "Some claims were, at best, half true. | Jane Doe/ for POLITICO\n\nBody.",
            ),
        ),
        (
            "Leaders meet during the summit, Friday. | AP Trump with Abe: the nuclear problem will be dealt with\n\nBody.",
            (
                "Trump with Abe: the nuclear problem will be dealt with",
                "Leaders meet during the summit, Friday. | AP\n\nBody.",
            ),
        ),
        ("BREAKING: Putin resigns\n\nBody.", ("BREAKING: Putin resigns", "Body.")),
        (
            "The senator visits a school in Philadelphia on Thursday. Senator not greeted warmly in the city\n\nBody.",
            (
                "Senator not greeted warmly in the city",
                "The senator visits a school in Philadelphia on Thursday.\n\nBody.",
            ),
        ),
    ],
)
def test_headline_detected(text: str, expected: tuple[str, str]) -> None:
    assert headline(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "A sentence that ends with a stop.\n\nBody.",  # reads as prose
        "No blank line and the text\nwraps on to this line.",  # the next line does not start anew
        # a paragraph wrapped at a width, whatever letter its next line starts with
        "The president met with the prime minister on Friday to discuss the\nBudget and the pensions bill"
        " that has divided the governing coalition\nfor most of the year, officials said.\n\nMore.",
        "Talks between the two leaders ended without agreement on Friday\nAfter hours of negotiation.\n\nMore.",
        # a line that ends mid-phrase, and dates and datelines, which the date finder reads from the top
        "Officials in Washington said the\nSenate would vote on the bill next week, aides said.\n\nMore.",
        "May 5, 2016\nThe senate voted on the bill, aides said on Thursday in a long statement.\n\nMore.",
        "6 декабря 2024 года\nМинск принял делегацию из Москвы и Пекина на переговоры о торговле.\n\nДалее.",
        "WASHINGTON (Reuters) -\nThe senate voted on the bill, aides said on Thursday in a long statement.\n\nMore.",
        "lowercase start\n\nBody.",
        "Headline with nothing after\n\n",
        " ".join(["word"] * 21) + "\n\nBody.",  # too long for a headline
        "14:55\n\nBody of a live page.",  # a time stamp
        "WASHINGTON –\n\nThe president spoke on Monday.",  # a dateline on a line of its own
    ],
)
def test_headline_rejected(text: str) -> None:
    assert headline(text) == (None, text)


@pytest.mark.parametrize(
    "text",
    [
        "Speaker Paul Ryan met Sen. Mitch McConnell. Officials said the talks in Washington D.C\n\nBody.",
        "The ministers met in Geneva on Friday for talks. Officials said the\n\nBody.",
    ],
)
def test_a_lead_cut_short_is_no_caption_then_headline(text: str) -> None:
    found, rest = headline(text)
    assert found is None or found == text.split("\n")[0]
    assert rest.endswith("Body.") and "Officials said the" in (found or rest)


def test_a_headline_line_of_a_scraped_page_stands_alone_without_a_blank_line() -> None:
    """Headline, photo caption and lead on consecutive lines (as pages are often saved): the lines
    are not one wrapped paragraph, so the first is the headline and the title is not all three run together."""
    page = "Boris Johnson admitted to hospital\nBoris Johnson in Downing Street\nThe prime minister was taken to hospital on Sunday evening, Downing Street said.\n\nMore."
    assert headline(page) == (
        "Boris Johnson admitted to hospital",
        "Boris Johnson in Downing Street\nThe prime minister was taken to hospital on Sunday evening, Downing Street said.\n\nMore.",
    )


@pytest.mark.parametrize(
    "text, dateline, agency, rest",
    [
        (
            "SIOUX FALLS, S.D. — Five days off cost him the job.",
            "SIOUX FALLS, S.D.",
            None,
            "Five days off cost him the job.",
        ),
        ("NAPA, Calif. – Scores of shops stayed shut.", "NAPA, Calif.", None, "Scores of shops stayed shut."),
        ("MOSCOW, Nov 26 (Reuters) - Russia said.", "MOSCOW, Nov 26 (Reuters)", "Reuters", "Russia said."),
        ("WASHINGTON (AP) — The president spoke.", "WASHINGTON (AP)", "AP", "The president spoke."),
        ("(CNN) — A storm hit.", "(CNN)", "CNN", "A storm hit."),
        ("AP — A storm hit.", "AP", "AP", "A storm hit."),
        (
            "NEW YORK, Jan. 5, 2024 (Reuters) - Stocks rose.",
            "NEW YORK, Jan. 5, 2024 (Reuters)",
            "Reuters",
            "Stocks rose.",
        ),
        ("PARIS (AFP) -- Talks ended.", "PARIS (AFP)", "AFP", "Talks ended."),
        ("LONDON - Prices rose.", "LONDON", None, "Prices rose."),
        # Five agencies' house styles.
        (
            "Madison, Wisconsin (CNN)Friends called him Tony.",
            "Madison, Wisconsin (CNN)",
            "CNN",
            "Friends called him Tony.",
        ),
        ("Moscow  (CNN)The girlfriend spoke.", "Moscow (CNN)", "CNN", "The girlfriend spoke."),
        ("MOSCOW, March 5. /TASS/. Russian forces said.", "MOSCOW, March 5. /TASS/", "TASS", "Russian forces said."),
        ("BEIJING, March 5 (Xinhua) -- China said.", "BEIJING, March 5 (Xinhua)", "Xinhua", "China said."),
        ("Berlin (dpa) - Germany's chancellor said.", "Berlin (dpa)", "dpa", "Germany's chancellor said."),
        ("TOKYO, March 5 Kyodo - Japan said.", "TOKYO, March 5 Kyodo", "Kyodo", "Japan said."),
        (
            "MOSCOW. March 5 (Interfax) - The Kremlin said.",
            "MOSCOW. March 5 (Interfax)",
            "Interfax",
            "The Kremlin said.",
        ),
        ("New Delhi, Mar 5 (PTI) Officials said.", "New Delhi, Mar 5 (PTI)", "PTI", "Officials said."),
        # A byline line goes too; its agency is the source when the dateline names none.
        ("By Jane Doe, Reuters\nLONDON - Prices rose.", "LONDON", "Reuters", "Prices rose."),
        (
            "By JANE DOE Associated Press\n\nWASHINGTON — Prices rose.",
            "WASHINGTON",
            "Associated Press",
            "Prices rose.",
        ),
        # A date alone opening the text.
        ("March 20, 2015 . Today's coverage begins.", "March 20, 2015", None, "Today's coverage begins."),
    ],
)
def test_read_lead_dateline(text: str, dateline: str, agency: str | None, rest: str) -> None:
    lead = read_lead(text)
    assert (lead.dateline, lead.agency, lead.text) == (dateline, agency, rest)


@pytest.mark.parametrize(
    "text",
    [
        "A normal sentence - with a dash.",
        "UK: prices rose.",
        "Plain text.",
        "Ms Smith told CNN: the vote is lost.",  # an agency named mid-sentence is no dateline
        "By far the largest group\nPrices rose.",  # not a byline
    ],
)
def test_read_lead_without_dateline(text: str) -> None:
    assert read_lead(text).dateline is None
    assert read_lead(text).text == text


@pytest.mark.parametrize(
    "text, source",
    [
        ("MOSCOW, Nov 26 (Reuters) - Russia said.", "Reuters"),
        ("Madison, Wisconsin (CNN)Friends called him Tony.", "CNN"),
        ("Oil prices rose on Monday (Reuters) in Asian trade.", "Reuters"),
        ("By Jane Doe | AFP\nThe talks failed.", "AFP"),
        # The article credits its own copy, in its lead or its sign-off.
        ("The leaders met in Minsk, with coverage by RIA News.\n\nThey talked.", "RIA News"),
        ("The leaders met.\n\nThey talked, as reported by RIA News.", "RIA News"),
        ("Prices rose.\n\nCopyright 2024 The Associated Press. All rights reserved.", "Associated Press"),
        ("Nothing names a source here.", None),
    ],
)
def test_find_source(text: str, source: str | None) -> None:
    assert find_source(text) == source


@pytest.mark.parametrize(
    "text",
    [
        # A BBC story quoting an agency's interview is not that agency's copy.
        (
            'Fiat is to stop making engines.\n\n"It is a blow," a union leader told the Reuters news agency.'
            "\n\nTalks go on."
        ),
        "Prices fell.\n\nThe deal is done, according to the Associated Press.",
        "Shares rose.\n\nThe firm told Reuters it would cut jobs. Others agreed.",
        "The union spoke, as reported by the Reuters news agency.\n\nTalks go on.",
        "The firm is reported by Reuters to have won a contract.\n\nTalks go on.",
        "A spokesman told BBC News the plan was safe.",
    ],
)
def test_agency_quoted_in_the_body_is_not_the_source(text: str) -> None:
    assert find_source(text) is None


def test_agency_quoted_inside_another_agencys_story() -> None:
    text = "WASHINGTON (AP) — The senator spoke.\n\nAn aide later told Reuters the vote was close."
    assert find_source(text) == "AP"


def test_title_from_a_long_phrase_without_boundary_is_cut_with_an_ellipsis() -> None:
    text = "Officials " + " ".join(f"w{i}" for i in range(20)) + " agreed."
    title = title_from(text)
    assert title.endswith("…") and len(title.split()) == 12 and text.startswith(title[:-1])


@pytest.mark.parametrize(
    "text, title",
    [
        # The day of the week and the attribution go; the clause left is short enough.
        (
            (
                "The government announced sweeping changes to the tax system on Monday that will affect millions of "
                "households, officials said."
            ),
            "Government announced sweeping changes to the tax system that will affect millions of households",
        ),
        # An opening adverbial goes, but not a subject that starts like one.
        (
            (
                "As many as 13 senior leaders of the group, including its military commander, were killed in two "
                "airstrikes Thursday, a security source said."
            ),
            "As many as 13 senior leaders of the group were killed in two airstrikes Thursday",
        ),
        # An opening adverbial goes.
        (
            "In the past eight months, ISIS has seeded itself in some dozen countries around the globe, experts say.",
            "ISIS has seeded itself in some dozen countries around the globe",
        ),
        # An appositive between commas goes.
        (
            (
                "Boko Haram, the Islamist extremist group already blamed for numerous horrific attacks in West Africa, "
                "posted a graphic video online Monday showing the apparent beheadings of two men."
            ),
            "Boko Haram posted graphic video online Monday showing apparent beheadings of two men",
        ),
        # Asides in brackets and between dashes go.
        (
            (
                "Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn (£600m) for the three months to "
                "December, from $639m year-earlier."
            ),
            "Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn for the three months",
        ),
        # A relative clause: the title stops before it, not inside a list ("himself and Tony Blair").
        (
            (
                "Gordon Brown has criticised a union leader who said conflict between himself and Tony Blair was "
                "harming "
                "the workings of government."
            ),
            "Gordon Brown has criticised union leader",
        ),
        # A verb that needs its clause keeps it: not "Chelsea's win at Fulham proves".
        (
            (
                "Chelsea's win at Fulham - confirming their position at the Premiership summit - proves that they "
                "now have "
                "everything in place to mount serious challenges on all fronts this season."
            ),
            "Chelsea's win at Fulham proves that they now have everything in place",
        ),
        # CNN's glued dateline is no part of the title.
        (
            "Madison, Wisconsin (CNN)Friends called him Tony. Family knew him by his middle name.",
            "Friends called him Tony",
        ),
    ],
)
def test_title_from_reads_like_a_headline(text: str, title: str) -> None:
    assert title_from(text) == title
    assert not title.endswith("…")


def test_title_from_prefers_a_clause_and_skips_dateline() -> None:
    text = (
        "MOSCOW, Nov 26 (Reuters) - Russia's foreign minister said talks would resume, "
        "officials in Geneva and Washington told reporters on Tuesday evening."
    )
    assert title_from(text) == "Russia's foreign minister said talks would resume"


def test_title_from_keeps_a_subject_that_opens_with_at_least() -> None:
    """ "At least a dozen tourists ..., Tunis, are among ..." is no opening adverbial up to its comma."""
    text = (
        "At least a dozen tourists on two cruises that visited the capital, Tunis, are among more than"
        " 20 people who were killed this week at the museum, officials said."
    )
    assert title_from(text).startswith("At least a dozen tourists")


def test_title_from_skips_a_line_that_opens_a_list_and_a_bullet() -> None:
    assert title_from("In this week's edition:\n\nThe truth about US manufacturing jobs.") == (
        "Truth about US manufacturing jobs"
    )
    assert title_from("• A daily summary of global reports on security issues.") == (
        "Daily summary of global reports on security issues"
    )


def test_title_from_short_and_empty() -> None:
    assert title_from("Short lead here. Then more.") == "Short lead here"
    assert title_from("") == ""


def test_a_cnn_story_gets_its_source_and_loses_its_dateline_in_title_and_card(tmp_path: Path) -> None:
    """End to end through the article stage: no headline line, CNN's glued dateline, an agency quoted."""
    (tmp_path / "digestgen.yaml").write_text("", encoding="utf-8")
    cfg = load_config(tmp_path / "digestgen.yaml")
    text = (
        "Madison, Wisconsin (CNN)Friends called him Tony. Family knew him by his middle name, Terrell. "
        'Now his name is on signs carried by demonstrators, one of whom told Reuters: "We want justice."\n'
    )
    source = SourceFile("content/tony.txt", "tony", "text", text)
    report = Problems()
    article = parse_article(source, cfg, load_registry(cfg), report)
    problems = list(report)
    assert problems == [] and article is not None
    assert (article.title, article.outlet) == ("Friends called him Tony", "CNN")
    assert "CNN" not in article.summary and article.summary.startswith("Friends called him Tony.")


@pytest.mark.parametrize(
    "title,expected",
    [
        ("The talks collapsed after a row over gas", "Talks collapsed after row over gas"),
        ("A court in Paris jailed the former minister", "Court in Paris jailed former minister"),
        ("The Hague court rules on the border", "The Hague court rules on the border"),
        ('Minister calls it "a disgrace" in parliament', 'Minister calls it "a disgrace" in parliament'),
        ("A short one", "A short one"),
    ],
)
def test_headlinese_leaves_out_articles(title: str, expected: str) -> None:
    assert headlinese(title) == expected
