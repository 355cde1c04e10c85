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
