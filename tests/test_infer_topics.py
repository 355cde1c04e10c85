"""Tests for digestgen.taxonomy.topics (keyword-taxonomy topic inference)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from digestgen.taxonomy.entries import default_topics, load_topics
from digestgen.taxonomy.topics import TopicDef, TopicIndex, TopicMatch

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"
BBC = SHARED / "corpora" / "bbc" / "articles"

SPORT_TEXT = """Arsenal beat Chelsea 2-1 in a tense Premiership match at Highbury on Sunday.
The striker scored twice in the first half before the goalkeeper kept out a late penalty.
The manager praised his squad and said the team could still win the league title this season,
with a Champions League quarter-final against Bayern Munich to come next month."""

TRADE_TEXT = """The European Union and China agreed a new trade deal on Tuesday that cuts tariffs
on textile imports and sets quotas for steel exports. Negotiators at the World Trade Organization
said the agreement would ease a long-running trade dispute. Exporters welcomed the tariff cuts,
while importers warned that customs checks would still slow trade. Officials said energy was not
part of the talks, which focused on import duties and export quotas for manufactured goods."""


@pytest.fixture(scope="module")
def index() -> TopicIndex:
    return TopicIndex.build(default_topics())


def ids(matches: tuple[TopicMatch, ...]) -> list[str]:
    return [m.id for m in matches]


def test_shipped_taxonomy_is_well_formed() -> None:
    topics = default_topics()
    assert len(topics) >= 20
    assert len({t.id for t in topics}) == len(topics)
    for topic in topics:
        assert topic.id.isascii() and topic.id == topic.id.lower() and " " not in topic.id
        assert topic.name and topic.keywords
        assert all(0 < weight <= 3 for _, weight in topic.keywords)
    assert default_topics() == topics  # read afresh on each call (no module cache), to the same result


def test_seed_article_gets_its_main_topics(index: TopicIndex) -> None:
    seed = SEEDS / "000_f434f5c6a6cd3bfb.txt"
    if not seed.is_file():
        pytest.skip(f"seed article not found at {seed}")
    matches = index.score("", seed.read_text(encoding="utf-8"))
    assert 1 <= len(matches) <= 4
    found = ids(matches)
    assert found[0] == "diplomacy"  # a bilateral leaders' meeting is first of all diplomacy
    assert {"borders", "industry"} <= set(found)
    assert "sport" not in found and "culture-entertainment" not in found


def test_sport_text_gets_sport(index: TopicIndex) -> None:
    matches = index.score("Arsenal edge Chelsea in thriller", SPORT_TEXT)
    assert ids(matches)[0] == "sport"


def test_passing_mention_does_not_make_a_topic(index: TopicIndex) -> None:
    matches = index.score("EU and China seal textile trade deal", TRADE_TEXT)
    assert ids(matches)[0] == "trade"
    assert "energy" not in ids(matches)


def test_matches_carry_score_and_evidence(index: TopicIndex) -> None:
    (top, *rest) = index.score("EU and China seal textile trade deal", TRADE_TEXT)
    assert top.name == "Trade" and top.score > 0
    assert top.score == round(top.score, 3)
    phrases = dict(top.evidence)
    assert phrases["tariff"] == 2  # "tariffs" and "tariff" both count, under the listed phrase
    assert phrases["trade deal"] == 2  # title and body
    assert all(count >= 1 for _, count in top.evidence)
    assert all(m.score <= top.score for m in rest)
    with pytest.raises(dataclasses.FrozenInstanceError):
        top.score = 0.0  # type: ignore[misc]


def test_whole_words_plurals_and_possessives() -> None:
    index = TopicIndex.build(load_topics([{"id": "x", "name": "X", "keywords": {"policy": 2, "oil": 2}}]))
    assert ids(index.score("", "Policies, policy's and the policy. Oil and oil's price.")) == ["x"]
    assert dict(index.score("", "policies policy's policy oil oils")[0].evidence) == {"policy": 3, "oil": 2}
    assert index.score("", "Boiling soil spoils the apolicy toil.") == ()


def test_title_counts_more_than_body() -> None:
    index = TopicIndex.build(
        load_topics([{"name": "Energy", "keywords": {"oil": 2}}, {"name": "Farm", "keywords": {"wheat": 2}}])
    )
    body = ("oil " + "filler " * 30) * 3 + ("wheat " + "filler " * 30) * 3
    in_title = index.score("Oil", body)
    assert in_title[0].id == "energy"
    assert in_title[0].score > index.score("Wheat", body)[1].score


def test_nothing_clears_the_bar(index: TopicIndex) -> None:
    assert index.score("", "") == ()
    assert index.score("Weather", "It was a quiet day with light rain in the afternoon.") == ()
    assert index.score("Title", SPORT_TEXT, max_topics=0) == ()


def test_max_topics_is_respected(index: TopicIndex) -> None:
    text = TRADE_TEXT + SPORT_TEXT + " The hospital said patients and doctors faced a flu outbreak. " * 3
    assert len(index.score("Trade, sport and flu", text, max_topics=1)) == 1
    assert len(index.score("Trade, sport and flu", text)) <= 4


def test_project_form_loading() -> None:
    topics = load_topics(
        [
            {"name": "Border Security", "keywords": ["border", "frontier patrol"]},
            {"name": "Crime & Justice"},
            "Énergie",
        ]
    )
    assert topics[0] == TopicDef("border-security", "Border Security", (("border", 1.0), ("frontier patrol", 1.0)))
    assert topics[1].id == "crime-justice" and topics[1].keywords == (("Crime & Justice", 1.0),)
    assert topics[2].id == "energie"
    index = TopicIndex.build(topics)
    found = index.score("Frontier patrols stepped up", "Border guards and frontier patrols at the border.")
    assert ids(found) == ["border-security"]
    assert ids(index.score("", "Energie: l'énergie et l'ENERGIE.")) == ["energie"]


@pytest.mark.parametrize(
    "bad",
    [
        [{"keywords": ["x"]}],
        [{"name": "A", "keywords": {"x": -1}}],
        [{"name": "A", "keywords": {"x": "heavy"}}],
        [{"name": "A"}, {"name": "a"}],
        [{"name": "A", "id": "Not A Slug"}],
        [{"name": "A", "keywords": 3}],
        "A",
    ],
)
def test_bad_taxonomy_is_rejected(bad: object) -> None:
    with pytest.raises(ValueError):
        load_topics(bad)  # type: ignore[arg-type]


def test_inference_is_deterministic(index: TopicIndex) -> None:
    again = TopicIndex.build(default_topics())
    text = TRADE_TEXT + SPORT_TEXT
    assert index.score("Mixed", text) == index.score("Mixed", text) == again.score("Mixed", text)


SAMPLE = {  # BBC category -> topic ids that count as that category (as in benchmarks/topics.py)
    "business": {
        "economy",
        "business",
        "finance-markets",
        "trade",
        "industry",
        "energy",
        "labour",
        "housing",
        "transport",
        "agriculture-food",
    },
    "entertainment": {"culture-entertainment"},
    "politics": {"politics", "elections", "migration", "terrorism", "defence-security", "human-rights", "society"},
    "sport": {"sport"},
    "tech": {"technology", "cybersecurity"},
}


@pytest.mark.parametrize("category", sorted(SAMPLE))
def test_bbc_sample_maps_to_its_category(index: TopicIndex, category: str) -> None:
    folder = BBC / category
    if not folder.is_dir():
        pytest.skip(f"BBC corpus not found at {folder}")
    files = sorted(folder.glob("*.txt"))[:40]
    hits = 0
    for path in files:
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        hits += bool(SAMPLE[category] & set(ids(index.score(title, body))))
    assert hits >= 0.8 * len(files), f"{category}: {hits}/{len(files)}"


# A story's subject is what it keeps coming back to, not one word or one sentence in passing.
COURT = """A former television star was jailed for six years on Friday after a jury at Southwark Crown Court
found him guilty of fraud. The judge told the court the defendant had stolen money from investors over a
decade. His lawyer said he would appeal against the sentence. Prosecutors said he had spent the money on
a luxury lifestyle. Police began the investigation in 2019 after a complaint from a former business partner."""

SPY = """Britain has expelled a Russian diplomat accused of spying, the Foreign Office said. The man is said to
have recruited an official at the defence ministry over several years. Officials said the espionage case
had damaged relations between the two countries, and that other spies had been identified. Moscow denied
the claims and promised to respond. He had posed as a cultural attache and organised film screenings,
concerts and a drama festival at the embassy."""

APOLOGY = """The prime minister has apologised for remarks about a school in his constituency, saying he had been
wrong to criticise its staff. Opposition MPs had demanded an apology in parliament. The government said the
minister regretted the offence caused and would meet the staff. Speaking in the Commons, he said he had
written to them. Labour said the apology came too late and called on the minister to explain himself."""


@pytest.mark.parametrize(
    "title, text, subject",
    [
        ("Former TV star jailed for fraud", COURT, "crime-justice"),
        ("Diplomat expelled in spy row", SPY, "defence-security"),
        ("Minister apologises over school remarks", APOLOGY, "politics"),
    ],
)
def test_one_word_or_one_sentence_does_not_make_a_topic(index: TopicIndex, title: str, text: str, subject: str) -> None:
    found = ids(index.score(title, text))
    assert found[0] == subject
    assert not {"culture-entertainment", "education"} & set(found)


def test_keywords_bunched_in_one_sentence_are_a_passing_mention() -> None:
    index = TopicIndex.build(
        load_topics(
            [
                {"name": "Film", "keywords": {"film": 2, "oscar": 3, "starring": 3}},
                {"name": "Law", "keywords": {"court": 2, "appeal": 2}},
            ]
        )
    )
    filler = " ".join(["word"] * 40)
    bunched = f"The court heard the appeal. {filler} The case inspired an Oscar film starring him. {filler} court"
    spread = f"The court heard the appeal. An Oscar film was made. {filler} starring him. {filler} court"
    assert ids(index.score("Ruling", bunched)) == ["law"]
    assert "film" in ids(index.score("Ruling", spread))
    assert "film" in ids(index.score("Oscar ruling", bunched)), "a headline keyword makes it more than a mention"


def test_a_lone_ambiguous_keyword_is_not_evidence() -> None:
    index = TopicIndex.build(load_topics([{"name": "Schools", "keywords": {"school": 2, "ofsted": 3}}]))
    body = "The school said sorry. " + "word " * 40 + "The school will reopen. " + "word " * 40
    assert index.score("Apology", body) == ()
    assert ids(index.score("Apology", body + "Ofsted will visit. " + "word " * 40 + " Ofsted again.")) == ["schools"]
    assert ids(index.score("Apology", body * 3)) == ["schools"], "a word the story keeps repeating is its subject"


def test_the_eu_and_society_are_topics(index: TopicIndex) -> None:
    eu = (
        "EU leaders at the Brussels summit agreed to open membership talks with Turkey. The European Commission "
        "will lead the talks, and MEPs in the European Parliament will have a say on accession."
    )
    welfare = (
        "The government plans to raise maternity pay and extend paternity leave, helping working mothers "
        "with childcare costs. Pensioners and older people will get more help with social care."
    )
    assert ids(index.score("", eu))[0] == "europe-eu"
    assert ids(index.score("", welfare))[0] == "society"
