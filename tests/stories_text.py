"""Invented wire copy for the story-grouping tests: one story in three versions, and two other
stories on the same topic naming the same leaders."""

from __future__ import annotations

FIRST = """Chinese President Xi Jinping and Russian President Vladimir Putin agreed on Tuesday to extend
a pipeline deal that would carry more natural gas from Siberia to northern China over the next decade,
officials from both governments said after talks in Beijing.

The agreement raises the volume promised under the existing contract and sets a new price formula
linked to oil markets, according to a statement released by the Chinese foreign ministry after the
meeting. Neither side gave the value of the deal.

Putin told reporters that the two countries had settled the last open questions on routing and that
construction of a second line could begin within two years. Xi said energy cooperation was a pillar of
relations between the neighbours.

Analysts said the deal would help Moscow replace lost European customers while giving Beijing a
stable supply at a time of rising demand from its industry."""

UPDATE_1 = """Chinese President Xi Jinping and Russian President Vladimir Putin agreed on Tuesday to extend
a pipeline deal that would carry more natural gas from Siberia to northern China over the next decade,
officials from both governments said after talks in Beijing.

The agreement raises the volume promised under the existing contract and sets a new price formula
linked to oil markets, according to a statement released by the Chinese foreign ministry after the
meeting. Neither side gave the value of the deal, but a Russian official put it at several billion
dollars a year.

Putin told reporters that the two countries had settled the last open questions on routing and that
construction of a second line could begin within two years. Xi said energy cooperation was a pillar of
relations between the neighbours.

Analysts said the deal would help Moscow replace lost European customers while giving Beijing a
stable supply at a time of rising demand from its industry.

Shares in the Russian gas exporter rose three percent in Moscow trading after the announcement."""

UPDATE_2 = """Chinese President Xi Jinping and Russian President Vladimir Putin agreed on Tuesday to extend
a pipeline deal that would carry more natural gas from Siberia to northern China over the next decade,
officials from both governments said after talks in Beijing that ran late into the evening.

The agreement raises the volume promised under the existing contract and sets a new price formula
linked to oil markets, according to a statement released by the Chinese foreign ministry after the
meeting. Neither side gave the value of the deal, but a Russian official put it at several billion
dollars a year.

Putin told reporters that the two countries had settled the last open questions on routing and that
construction of a second line could begin within two years. Xi said energy cooperation was a pillar of
relations between the neighbours.

Analysts said the deal would help Moscow replace lost European customers while giving Beijing a
stable supply at a time of rising demand from its industry.

Shares in the Russian gas exporter rose three percent in Moscow trading after the announcement.
European gas prices were little changed."""

SAME_LEADERS_OTHER_STORY = """Russian President Vladimir Putin and Chinese President Xi Jinping held a video call on
Friday about the war in Ukraine and trade between their countries, the Kremlin said in a short statement.

The two leaders discussed a planned visit by Putin to China later in the year and agreed that their
foreign ministers would prepare it. The Kremlin did not say whether energy supplies came up.

Xi urged a political settlement of the conflict and said China would keep an objective position,
Chinese state television reported. Western governments have pressed Beijing to use its influence on
Moscow.

Trade between Russia and China reached a record last year, driven by Russian oil and coal sold at a
discount and Chinese cars and machinery bought by Russian firms."""

SAME_TOPIC_OTHER_STORY = """Natural gas from Siberia began flowing through a new section of pipeline to northern China
on Sunday, the Russian energy ministry said, after engineers finished testing the line in freezing
conditions near the border.

The section adds capacity to a route opened five years ago. Russian President Vladimir Putin watched the
ceremony by video link, and a message from Chinese President Xi Jinping was read to workers at a
compressor station.

Engineers said the flow would reach full volume by the spring. Chinese importers have signed contracts
to take most of the extra gas, according to trade publications.

The opening comes as Moscow looks east for buyers and Beijing seeks to cut its use of coal in power
plants in the industrial north."""
