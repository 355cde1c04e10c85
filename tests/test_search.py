"""search: one folding rule for index and query, the shard layout, and byte-identical index files."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from digestgen.model import Article
from digestgen.pipeline.plan.site import plan_site
from digestgen.pipeline.render import search
from digestgen.pipeline.render.search import (
    encode_postings,
    fold,
    index_tokens,
    read_script,
    search_files,
    shard_file,
    shard_key,
    tokenize,
)
from tests.support import SMALL_REGISTRY, build_project, day, make_article, md, read_tree


def decode_postings(encoded: Sequence[int]) -> list[tuple[int, bool]]:
    """The inverse of `encode_postings`, as static/search.js reads a token's postings: (id, in title)."""
    found, current = [], 0
    for value in encoded:
        current += value >> 1
        found.append((current, bool(value & 1)))
    return found


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Erdoğan meets Orbán", ["erdogan", "meets", "orban"]),
        ("ERDOĞAN's visit", ["erdogan", "s", "visit"]),
        ("Лукашенко заявил", ["лукашенко", "заявил"]),
        ("Ёлка и йогурт", ["елка", "и", "иогурт"]),
        ("Straße, Łódź, İstanbul, Søren", ["strasse", "lodz", "istanbul", "soren"]),
        ("ﬁnance ２０２４ snake_case", ["finance", "2024", "snake", "case"]),
        ("ΟΔΟΣ", ["οδοσ"]),
        ("习近平会见", ["习近平会见"]),
    ],
)
def test_tokens_fold_case_diacritics_and_compatibility_forms(text: str, tokens: list[str]) -> None:
    assert tokenize(text) == tokens


def test_fold_keeps_ascii_as_lower_case() -> None:
    assert fold("Putin, XI & the EU-27") == "putin, xi & the eu-27"


def test_words_in_other_scripts_are_also_indexed_in_latin_letters() -> None:
    assert index_tokens("Лукашенко") == {"лукашенко", "lukashenko"}
    assert index_tokens("Erdoğan") == {"erdogan"}


def test_shard_keys_and_file_names() -> None:
    assert shard_key("lukashenko") == "lu" and shard_key("a") == "a"
    assert shard_file("lu") == "lu" and shard_file("лу") == "_43b_443" and shard_file("19") == "19"
    assert shard_file(shard_key("习近平")) == "_4e60_8fd1"


def test_postings_round_trip_with_title_flags() -> None:
    flagged = [2 * 0 + 1, 2 * 3, 2 * 4 + 1, 2 * 40]
    assert encode_postings(flagged) == [1, 6, 3, 72]
    assert decode_postings(encode_postings(flagged)) == [(0, True), (3, False), (4, True), (40, False)]


def _articles() -> list[Article]:
    erdogan = replace(
        make_article(
            "erdogan-visit", day(5), title="Erdoğan visits Minsk", leaders=("Recep Erdoğan",), topics=("Diplomacy",)
        ),
        outlet="Reuters",
    )
    cyrillic = replace(
        make_article("minsk-talks", day(4), title="Talks in Minsk", topics=("Diplomacy",)),
        summary="Лукашенко заявил о переговорах.",
        outlet="BelTA",
    )
    energy = replace(
        make_article("gas-deal", day(3), title="Gas deal signed", leaders=("Vladimir Putin",), topics=("Energy",)),
        summary="A pipeline deal worth billions; Erdogan absent.",
    )
    undated = make_article("old-notes", None, title="Notes on pipelines", topics=("Energy",))
    return [energy, undated, cyrillic, erdogan]


def _index(articles: list[Article]) -> tuple[dict[str, bytes], dict[str, Any], Any]:
    plan = plan_site(articles, per_page=10)
    files = search_files(plan)
    return files, read_script(files[search.MANIFEST])[2], plan


def _find(files: dict[str, bytes], query: str) -> list[int]:
    """What static/search.js does for a query: every word a prefix of some token, title hits first."""
    scores: dict[int, int] | None = None
    for word in dict.fromkeys(tokenize(query)):
        path = f"search/t/{shard_file(shard_key(word))}.js"
        tokens = read_script(files[path])[2] if path in files else {}
        hits: dict[int, int] = {}
        for token, postings in tokens.items():
            if token.startswith(word) if len(word) >= search.KEY_LENGTH else token == word:
                for i, in_title in decode_postings(postings):
                    hits[i] = max(hits.get(i, 0), 3 if in_title else 1)
        scores = hits if scores is None else {i: s + hits[i] for i, s in scores.items() if i in hits}
    return sorted(scores or {}, key=lambda i: (-(scores or {})[i], i))


def test_a_query_finds_the_expected_articles_by_id() -> None:
    files, _, plan = _index(_articles())
    ids = {a.slug: i for i, a in enumerate(plan.articles)}
    assert [a.slug for a in plan.articles] == ["erdogan-visit", "minsk-talks", "gas-deal", "old-notes"]
    assert _find(files, "Erdogan") == [ids["erdogan-visit"], ids["gas-deal"]]  # title hit ranks first
    assert _find(files, "ERDOĞAN") == _find(files, "erdogan")
    assert _find(files, "лукашенко") == [ids["minsk-talks"]] == _find(files, "lukashenko")
    assert _find(files, "pipe") == [ids["old-notes"], ids["gas-deal"]]  # a prefix; the title hit first
    assert _find(files, "minsk diplomacy") == [ids["erdogan-visit"], ids["minsk-talks"]]
    assert _find(files, "reuters") == [ids["erdogan-visit"]]
    assert _find(files, "minsk nothing") == []


def test_manifest_holds_facets_dates_and_the_shard_list() -> None:
    files, manifest, _ = _index(_articles())
    assert manifest["n"] == 4 and manifest["records"] == search.RECORDS
    leaders, topics, countries = manifest["terms"]
    assert (leaders["key"], leaders["kind"], leaders["noun"]) == ("leaders", "leader", "Leader")
    assert leaders["values"] == [["Recep Erdoğan", "recep-erdoğan"], ["Vladimir Putin", "vladimir-putin"]]
    assert [t[0] for t in topics["values"]] == ["Diplomacy", "Energy"]
    assert countries["key"] == "countries" and countries["values"] == [] and countries["of"] == [[], [], [], []]
    assert manifest["sources"] == ["BelTA", "Reuters"]
    assert leaders["of"] == [[0], [], [1], []] and topics["of"] == [[0], [0], [1], [1]]
    assert manifest["source"] == [1, 0, -1, -1]
    epoch_day = (day(5).date() - day(5).date().replace(year=1970, month=1, day=1)).days
    assert manifest["date"] == [epoch_day, -1, -1, None]
    shard_paths = {p for p in files if p.startswith("search/t/")}
    assert shard_paths == {f"search/t/{shard_file(k)}.js" for k in manifest["shards"]}
    for path in shard_paths:
        kind, key, tokens = read_script(files[path])
        assert kind == "t" and tokens and all(shard_key(t) == key for t in tokens)
    assert set(files) == shard_paths | {"search/manifest.js", "search/r/0.js"}


def test_record_shards_hold_consecutive_ids() -> None:
    articles = [make_article(f"a{n:03}", day(1 + n % 28)) for n in range(search.RECORDS + 3)]
    files, _, plan = _index(articles)
    first, second = read_script(files["search/r/0.js"]), read_script(files["search/r/1.js"])
    assert first[:2] == ("r", 0) and second[:2] == ("r", 1)
    assert len(first[2]) == search.RECORDS and len(second[2]) == 3
    assert [r[1] for r in first[2] + second[2]] == [a.slug for a in plan.articles]
    assert first[2][0] == [plan.articles[0].title, plan.articles[0].slug, plan.articles[0].summary, 1]
    assert "search/r/2.js" not in files


def test_index_files_are_scripts_that_no_text_can_end() -> None:
    evil = replace(
        make_article("evil", day(2), title="</script><script>alert(1)</script>"),
        summary="line\u2028separator \u2029 too",
    )
    files, _, _ = _index([evil])
    for path, data in files.items():
        text = data.decode("utf-8")
        assert text.startswith("(window.digestSearch=window.digestSearch||[]).push([") and text.endswith("]);\n")
        assert "</" not in text and "\u2028" not in text and "\u2029" not in text, path
    assert read_script(files["search/r/0.js"])[2][0][0] == "</script><script>alert(1)</script>"


def test_index_files_are_byte_identical_across_builds(tmp_path: Path) -> None:
    root = tmp_path / "p"
    (root / "content").mkdir(parents=True)
    (root / "digestgen.yaml").write_text(SMALL_REGISTRY, encoding="utf-8")
    for n in range(1, 8):
        (root / "content" / f"a{n}.md").write_text(
            md(f"Article {n} on gas", date=f"2024-11-0{n}", leaders=("Putin", "Xi")[: 1 + n % 2]), encoding="utf-8"
        )
    build_project(root, output=tmp_path / "one", cache=False)
    build_project(root, output=tmp_path / "two", jobs=1)
    one, two = read_tree(tmp_path / "one"), read_tree(tmp_path / "two")
    searched = {p: d for p, d in one.items() if p.startswith("search/") and p.endswith(".js")}
    assert len(searched) > 3 and all(two[p] == d for p, d in searched.items())
    manifest = json.loads(one["search/manifest.js"].decode().split(".push(", 1)[1][: -len(");\n")])
    assert manifest[2]["n"] == 7 and len(manifest[2]["v"]) == 12


def test_the_search_page_loads_only_the_manifest_and_the_script(tmp_path: Path) -> None:
    root = tmp_path / "p"
    (root / "content").mkdir(parents=True)
    (root / "digestgen.yaml").write_text(SMALL_REGISTRY, encoding="utf-8")
    (root / "content" / "a.md").write_text(md("Gas talks"), encoding="utf-8")
    build_project(root)
    page = (root / "site" / "search" / "index.html").read_text(encoding="utf-8")
    assert '<script src="../search/manifest.js"></script>' in page and "search-index.js" not in page
    assert not (root / "site" / "search-index.js").exists()


def test_an_index_told_to_stop_gives_up_and_remembers_nothing() -> None:
    """serve's search index gives way to a newer save; the next full run is as if it never started."""
    articles = [
        make_article(f"a{n:04}", day(1 + n % 28), title=f"Story {n} on gas") for n in range(2 * search.LOOK_EVERY)
    ]
    plan = plan_site(articles, per_page=50)
    index = search.SearchIndex()
    looks = 0

    def stop_at_second_look() -> bool:
        nonlocal looks
        looks += 1
        return looks == 2

    assert index.files(plan, stop_at_second_look) is None and looks == 2  # gave up half way
    assert index.files(plan) == search_files(plan)
