"""Page furniture around a story: captions, notes, prompts and bylines are not the story."""

from __future__ import annotations

import pytest

from digestgen.text.boilerplate import caption_spans, is_boilerplate, is_caption, story_lines, story_text

FURNITURE = [
    "FILE - President Joe Biden speaks in Washington, Jan. 5, 2021. (AP Photo/Evan Vucci, File)",
    "In this March 3, 2014, file photo, Vladimir Putin attends a meeting in Moscow.",
    "German Chancellor Angela Merkel arrives in Brussels. REUTERS/Francois Lenoir",
    "Editor's note: This story has been updated with comment from the ministry.",
    "This article is more than 5 years old.",
    "Read more: How the vote was counted",
    "Sign up for our morning newsletter to receive the briefing in your inbox",
    "Share this story",
    "Advertisement",
    "By Jane Smith and John Doe, Reuters",
    "Reporting by Andrew Osborn; Editing by Mark Heinrich",
    "Follow us on Twitter @newsdesk",
    "[Updated at 1:43 p.m. on Oct. 26, 2016.]",
    "Updated 1547 GMT (2347 HKT) April 12, 2015",
    "Corrected by: A. Writer @ 01/01/2013 09:07 AM",
    "This article first appeared on Pro at 11:45 a.m. on June 12, 2012.",
    "(Corrects quote in paragraph 4 of Aug. 17 story to show he said 'stability')",
    "(Photo by A Person/Agency/AP)",
    "CLOSE",
    "CLOSE The president is preaching bipartisanship as he meets members of Congress. (Sept. 13) AP",
    "Aides are drafting new language for the bill in the Senate. | REUTERS",
    "Protesters gather outside the state capitol on Monday. (Jane Doe/The Daily Journal via AP)",
    "Corrections and Clarifications: On Oct. 7, the county issued a statement correcting the figures.",
]

STORY = [
    "President Vladimir Putin met Alexander Lukashenko in Sochi on Friday.",
    "By the end of the talks, the two leaders had agreed on gas prices.",
    "Reuters reported that the share of exports read more like a list than a plan.",
    "The newsletter industry grew in 2019, analysts said.",
    "Correctional officers went on strike in three states.",
    "Updates to the tax code were passed in 2015 by the Senate after a long fight.",
    "Posted by the ministry, the letter said 12 things.",
    "Published figures show growth of 3 percent.",
    "Published on Monday, the report found 12 faults.",
    "Close to 1,000 people marched in the capital on Sunday.",
    "The plan was first reported by the Journal and shared with members via AP.",
    "CLOSE ties between the two parties were on show.",
    "Senate to vote Thursday on the trade deal | Agency eases rules for student loans",
    "",
]


@pytest.mark.parametrize("line", FURNITURE)
def test_furniture_is_boilerplate(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", STORY)
def test_story_lines_are_not_boilerplate(line: str) -> None:
    assert not is_boilerplate(line)


def test_captions_are_told_apart_from_other_furniture() -> None:
    assert is_caption(FURNITURE[0]) and is_caption(FURNITURE[1]) and is_caption(FURNITURE[2])
    assert not is_caption("Editor's note: This story has been updated.")
    assert not is_caption("By Jane Smith")


def test_story_text_keeps_paragraph_breaks_and_drops_furniture() -> None:
    text = "\n\n".join(["Leaders met.", FURNITURE[0], "They agreed.", FURNITURE[5], "More talks next week."])
    assert story_text(text) == "Leaders met.\n\nThey agreed.\n\nMore talks next week."
    assert story_lines(text.split("\n\n")) == ["Leaders met.", "They agreed.", "More talks next week."]


def test_story_text_without_furniture_is_the_same_object() -> None:
    text = "Leaders met.\n\nThey agreed."
    assert story_text(text) is text


def test_caption_spans_point_at_the_caption() -> None:
    text = "Leaders met.\n" + FURNITURE[1] + "\nThey agreed."
    ((start, end),) = caption_spans(text)
    assert text[start:end] == FURNITURE[1]


@pytest.mark.parametrize(
    ("names", "outlet"),
    [
        ("Jane Roe", "USA TODAY"),
        ("Jane Roe and John Q. Doe", "USA TODAY"),
        ("Jane Roe, and John Doe-Smith", "USA TODAY"),
        ("Jane Roe", "Detroit Free Press"),
        ("Jane Roe", "(Sioux Falls, S.D.) Argus Leader"),
        ("Jane Roe", "Opinion contributor"),
    ],
)
def test_a_byline_block_at_the_top_is_furniture(names: str, outlet: str) -> None:
    text = f"{names}\n\n{outlet}\n\nThe council voted on Monday to close the bridge.\n\nMore later."
    assert story_text(text) == "The council voted on Monday to close the bridge.\n\nMore later."


def test_a_short_headline_over_a_dateline_line_is_no_byline() -> None:
    text = "Putin Visits Minsk\n\nMOSCOW\n\nThe president arrived on Friday.\n\nMore."
    assert story_text(text) is text
    text = "The council voted.\n\nA second paragraph.\n\nA third.\n\nJane Roe\n\nUSA TODAY\n\nMore."
    assert story_text(text) is text  # only at the top of a story


def test_a_related_links_box_spliced_after_a_name_leaves_the_story() -> None:
    """A page that links a name to a box of other headlines, saved as text: the name again in full,
    glued to the box, which ends in MORE. The box's headlines are other stories' news."""
    given = (
        "Speaker Jane Roe Jane Quinn RoeBudget talks stall | Senate passes farm bill Lobbying world MORE (D-Calif.)"
        " named seven managers on Wednesday."
    )
    assert story_text(given) == "Speaker Jane Roe (D-Calif.) named seven managers on Wednesday."
    surname = (
        "President Smith John Paul SmithSmith administration asks court to rule Smith says more to come MORE"
        " said in a tweet that it was sad."
    )
    assert story_text(surname) == "President Smith said in a tweet that it was sad."
    glued = (
        "Acting Secretary Chad WolfChad WolfDemocrats press agency to stop collection | Senate acts MORE on Tuesday."
    )
    assert story_text(glued) == "Acting Secretary Chad Wolf on Tuesday."
    nickname = "Attorney General Jeff Sessions Jefferson (Jeff) Beauregard SessionsDean 'deeply troubled' MORE said."
    assert story_text(nickname) == "Attorney General Jeff Sessions said."
    plain = "John Smith met John Jones. The MORE programme, Smith said, is more than a plan."
    assert story_text(plain) is plain


def test_the_outlets_name_alone_over_a_story_is_furniture() -> None:
    text = "USA TODAY\n\nWASHINGTON - The council voted on Monday.\n\nMore."
    assert story_text(text) == "WASHINGTON - The council voted on Monday.\n\nMore."
    assert story_text("Daily News Roundup\n\nThe council voted.") == "Daily News Roundup\n\nThe council voted."
