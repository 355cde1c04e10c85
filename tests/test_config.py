"""config: defaults, the schema (types, unknown keys with did-you-mean) and output-folder safety."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from digestgen.config import CONFIG_NAME, Config, load_config
from digestgen.errors import BuildFailed
from tests.support import build_project, md, read_tree


def _problems(root: Path, text: str, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The messages load_config reports for `text` (labels relative to the project)."""
    (root / CONFIG_NAME).write_text(text, encoding="utf-8")
    monkeypatch.chdir(root)
    with pytest.raises(BuildFailed) as failure:
        load_config()
    return [str(p) for p in failure.value.problems]


def test_missing_config_means_defaults(tmp_path: Path) -> None:
    config = load_config(root=tmp_path)
    assert config == Config(root=tmp_path.resolve())
    assert (config.per_page, config.timezone, config.allow_raw_html) == (50, "UTC", False)
    assert config.output_dir == Path("site") and config.default_registries is True


@pytest.mark.parametrize("text", ["", "# only a comment\n", "\ufeff"])
def test_empty_config_means_defaults(tmp_path: Path, text: str) -> None:
    (tmp_path / CONFIG_NAME).write_text(text, encoding="utf-8")
    assert load_config(root=tmp_path) == Config(root=tmp_path.resolve())


def test_values_are_read(make_project: Callable[..., Path]) -> None:
    root = make_project(
        {},
        config="title: My briefing\nper_page: 3\ntimezone: Europe/Moscow\n"
        "allow_raw_html: true\nretain: [CNAME, robots.txt]\noutput_dir: public\n",
    )
    config = load_config(root / CONFIG_NAME)
    assert config.title == "My briefing" and config.per_page == 3 and config.allow_raw_html is True
    assert config.tz.key == "Europe/Moscow" and config.retain == ("CNAME", "robots.txt")
    assert config.path(config.output_dir) == root.resolve() / "public"


def test_explicit_config_file_sets_the_root(tmp_path: Path) -> None:
    """`--config other/x.yaml`: relative folders resolve against that file's folder."""
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "x.yaml").write_text("title: Elsewhere\n", encoding="utf-8")
    config = load_config(tmp_path / "other" / "x.yaml")
    assert config.root == (tmp_path / "other").resolve() and config.title == "Elsewhere"


def test_unknown_key_suggests_the_known_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _problems(tmp_path, "title: x\nper_pgae: 3\n", monkeypatch) == [
        "digestgen.yaml:2: unknown configuration key 'per_pgae' (did you mean 'per_page'?)"
    ]


def test_unknown_key_without_a_near_match(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _problems(tmp_path, "zzzzzz: 1\n", monkeypatch) == ["digestgen.yaml:1: unknown configuration key 'zzzzzz'"]


def test_every_problem_is_reported_in_line_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = 'per_page: "3"\ntimezone: Mars/Olympus\nallow_raw_html: "yes"\ntitel: x\nsummary_words: 0\n'
    assert _problems(tmp_path, text, monkeypatch) == [
        "digestgen.yaml:1: 'per_page' must be a whole number, got a string",
        "digestgen.yaml:2: unknown timezone 'Mars/Olympus'",
        "digestgen.yaml:3: 'allow_raw_html' must be true or false, got a string",
        "digestgen.yaml:4: unknown configuration key 'titel' (did you mean 'title'?)",
        "digestgen.yaml:5: 'summary_words' must be at least 1",
    ]


def test_a_boolean_is_not_a_number(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _problems(tmp_path, "per_page: yes\n", monkeypatch) == [
        "digestgen.yaml:1: 'per_page' must be a whole number, got true or false"
    ]


def test_malformed_yaml_is_located(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    [problem] = _problems(tmp_path, "title: a\nper_page: [1\n", monkeypatch)
    assert problem.startswith("digestgen.yaml:3: ")


def test_config_must_be_a_mapping(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _problems(tmp_path, "- a\n- b\n", monkeypatch) == [
        "digestgen.yaml:1: configuration must be a mapping of keys"
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("output_dir: content\n", "output_dir 'content' is refused: it holds content_dir 'content'"),
        ("output_dir: content/site\n", "output_dir 'content/site' is refused: it is inside content_dir 'content'"),
        (
            "output_dir: out\ncontent_dir: out/articles\n",
            "output_dir 'out' is refused: it holds content_dir 'out/articles'",
        ),
        ("output_dir: templates\n", "output_dir 'templates' is refused: it holds templates_dir 'templates'"),
        ("output_dir: static/site\n", "output_dir 'static/site' is refused: it is inside static_dir 'static'"),
        (
            "output_dir: digestgen.yaml\n",
            "output_dir 'digestgen.yaml' is refused: it holds the configuration file digestgen.yaml",
        ),
    ],
)
def test_output_overlapping_sources_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, message: str
) -> None:
    problems = _problems(tmp_path, text, monkeypatch)
    assert any(p.startswith("digestgen.yaml:") and p.endswith(message) for p in problems), problems


@pytest.mark.parametrize(
    ("folder", "reason"),
    [
        (".", "it is the project folder"),
        ("..", "it holds the project folder"),
        ("./", "it is the project folder"),
        ("/", "it is the root of the file system"),
    ],
)
def test_output_at_or_above_the_project_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folder: str, reason: str
) -> None:
    problems = _problems(tmp_path, f"output_dir: '{folder}'\n", monkeypatch)
    assert f"digestgen.yaml:1: output_dir '{folder.rstrip('/') or '/'}' is refused: {reason}" in problems


def test_output_beside_the_project_is_fine(tmp_path: Path) -> None:
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / CONFIG_NAME).write_text("output_dir: ../public\n", encoding="utf-8")
    config = load_config(tmp_path / "p" / CONFIG_NAME)
    assert config.path(config.output_dir).resolve() == (tmp_path / "public").resolve()


def test_registry_from_a_file(make_project: Callable[..., Path]) -> None:
    root = make_project(
        {"people.yaml": "- name: Alexander Lukashenko\n  aliases: [Лукашенко]\n"}, config="leaders: people.yaml\n"
    )
    config = load_config(root / CONFIG_NAME)
    assert config.leaders[0]["aliases"] == ["Лукашенко"]
    assert config.registry_files == (root.resolve() / "people.yaml",)


def test_registry_entries_need_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _problems(tmp_path, "leaders:\n  - aliases: [x]\n", monkeypatch) == [
        "digestgen.yaml:2: leaders entry 1: needs a non-empty 'name'"
    ]


def test_registry_entries_are_typed_and_fields_known(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "leaders:\n  - name: Jonas Gahr Store\n    country: NO\ntopics:\n  - name: Fish\n    keyword: [cod]\n"
    assert _problems(tmp_path, text, monkeypatch) == [
        "digestgen.yaml:2: leaders entry 1 ('Jonas Gahr Store'): 'country' has the wrong type (bool) (quote it)",
        "digestgen.yaml:5: topics entry 1 ('Fish'): unknown field 'keyword' (did you mean 'keywords'?)",
    ]


def test_every_problem_of_every_registry_entry_is_reported_at_its_line_in_one_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One bad entry no longer hides the rest, nor reports the whole block at its first line."""
    text = (
        "title: Desk\n"
        "topics:\n"
        "  - {id: energy, name: Energy, keywords: {oil: 0}}\n"
        "  - {id: energy, name: Power, keywords: [gas]}\n"
        "  - 3\n"
        "  - {name: Fish, wieght: 2}\n"
        "leaders:\n"
        "  - {name: Ann Lee}\n"
        "  - {name: Ann Lee, country: Nowhere}\n"
    )
    assert _problems(tmp_path, text, monkeypatch) == [
        "digestgen.yaml:3: topics entry 1 ('Energy'): keyword 'oil' has weight 0; a weight must be above 0",
        "digestgen.yaml:4: topics entry 2 ('Power'): id 'energy' is already taken by entry 1",
        "digestgen.yaml:5: topics entry 3 must be a mapping with a 'name', not int",
        "digestgen.yaml:6: topics entry 4 ('Fish'): unknown field 'wieght'",
        "digestgen.yaml:9: leaders entry 2 ('Ann Lee'): id 'ann-lee' is already taken by entry 1",
    ]


def test_a_registry_file_s_problems_name_that_file_and_its_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "topics.yaml").write_text("# ours\n- {name: Oil}\n- {name: Gas, id: Big Id}\n", encoding="utf-8")
    assert _problems(tmp_path, "topics: topics.yaml\n", monkeypatch) == [
        "topics.yaml:3: topics entry 2 ('Gas'): id 'Big Id' must be lowercase letters, digits and hyphens, e.g. 'big-id'"
    ]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/", "example.org", "//example.org/"])
def test_base_url_must_be_a_web_address(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    problems = _problems(tmp_path, f"base_url: '{url}'\n", monkeypatch)
    assert problems == ["digestgen.yaml:1: 'base_url' must be an absolute http:// or https:// address, or empty"]


def test_a_project_registry_entry_replaces_the_shipped_one_with_its_id(make_project: Callable[..., Path]) -> None:
    config = (
        "default_registries: true\n"
        "leaders:\n  - id: vladimir-putin\n    name: V. V. Putin\n    aliases: [VVP]\n    country: Russia\n"
        "topics:\n  - id: energy\n    name: Power and Fuel\n    keywords: {kilowatt: 3}\n"
    )
    shipped_words = "Crude oil and natural gas prices rose as the oil pipeline and the refinery closed.\n"
    root = make_project(
        {
            "content/a.md": md("A", leaders=("VVP",), topics=None, body="The kilowatt price of the kilowatt rose.\n"),
            "content/b.md": md("B", leaders=("Путин",), topics=None, body=shipped_words),
        },
        config=config,
    )
    build_project(root)
    site = read_tree(root / "site")
    putin = site["leaders/vladimir-putin/index.html"].decode()
    assert "V. V. Putin" in putin and putin.count('<article class="card" ') == 1, "the shipped aliases are gone"
    energy = site["topics/energy/index.html"].decode()
    assert "Power and Fuel" in energy and energy.count('<article class="card" ') == 1, "so are the shipped keywords"
    assert "leaders/putin/index.html" in site  # a name no registry knows gets its own page


# --- feeds: -------------------------------------------------------------------------------------


def test_feeds_are_read_with_their_defaults(tmp_path: Path) -> None:
    (tmp_path / CONFIG_NAME).write_text(
        "feeds:\n  - name: probe-wire\n    url: https://example.org/rss\n"
        "  - name: local\n    url: feeds/local.xml\n    folder: content/wire/local\n"
        "    source: Local Desk\n    lang: pt-BR\n    max_items: 5\n",
        encoding="utf-8",
    )
    first, second = load_config(tmp_path / CONFIG_NAME).feeds
    root = tmp_path.resolve()
    assert (first.name, first.url, first.folder) == (
        "probe-wire",
        "https://example.org/rss",
        root / "content/probe-wire",
    )
    assert (first.source, first.lang, first.max_items) == (None, None, None)
    assert second.folder == root / "content/wire/local"
    assert (second.source, second.lang, second.max_items) == ("Local Desk", "pt-BR", 5)


def test_each_bad_feed_is_one_problem_at_its_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = (
        "feeds:\n"
        "  - name: fine\n    url: https://example.org/rss\n"  # 2-3
        "  - name: typo\n    urll: https://example.org\n"  # 4-5
        "  - name: script\n    url: javascript:alert(1)\n"  # 6-7
        "  - name: out\n    url: a.xml\n    folder: ../elsewhere\n"  # 8-10
        "  - just a string\n"  # 11
        "  - name: fine\n    url: https://example.org/other\n"  # 12-13
        "  - name: many\n    url: https://example.org/m\n    max_items: 0\n"  # 14-16
        "  - name: bad name!\n    url: https://example.org/n\n"  # 17-18
        "  - url: https://example.org/n\n"  # 19
        "  - name: tag\n    url: https://example.org/t\n    lang: english language\n"  # 20-22
        "  - name: same-folder\n    url: https://example.org/s\n    folder: content/fine\n"  # 23-25
    )
    assert _problems(tmp_path, text, monkeypatch) == [
        "digestgen.yaml:5: feeds entry 2 ('typo'): unknown key 'urll' (did you mean 'url'?)",
        "digestgen.yaml:7: feeds entry 3 ('script'): 'url' must be an absolute http:// or https:// address, "
        "or a local file path",
        "digestgen.yaml:10: feeds entry 4 ('out'): 'folder' must be a folder inside the content folder (content)",
        "digestgen.yaml:11: feeds entry 5 must be a mapping with 'name' and 'url'",
        "digestgen.yaml:12: feed 'fine' is listed twice (first as entry 1)",
        "digestgen.yaml:16: feeds entry 7 ('many'): 'max_items' must be a whole number of at least 1",
        "digestgen.yaml:17: feeds entry 8 ('bad name!'): 'name' may hold only letters, digits, '-' and '_'",
        "digestgen.yaml:19: feeds entry 9 needs 'name'",
        "digestgen.yaml:22: feeds entry 10 ('tag'): 'lang' must be a language tag such as 'en' or 'pt-BR'",
        "digestgen.yaml:23: feed 'same-folder' writes into the folder of feed 'fine'",
    ]


def test_feeds_must_be_a_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _problems(tmp_path, "feeds: https://example.org/rss\n", monkeypatch) == [
        "digestgen.yaml:1: 'feeds' must be a list of {name, url} entries"
    ]


def test_folder_dates_are_read(tmp_path: Path) -> None:
    from datetime import date

    from digestgen.config import FolderDate

    (tmp_path / CONFIG_NAME).write_text(
        "dates:\n  wires/2026-12-07: 2026-12-07\n  agency/: '{yyyy}{mm}{dd}-*.txt'\n  .: '2026-01-02'\n",
        encoding="utf-8",
    )
    assert load_config(root=tmp_path).dates == (
        FolderDate("wires/2026-12-07", day=date(2026, 12, 7), line=2),
        FolderDate("agency", pattern="{yyyy}{mm}{dd}-*.txt", line=3),
        FolderDate("", day=date(2026, 1, 2), line=4),
    )


def test_every_bad_folder_date_is_reported_at_its_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = (
        "title: x\n"
        "dates:\n"
        "  ../outside: 2026-12-07\n"
        "  /abs: 2026-12-07\n"
        "  fine: 2026-12-07\n"
        "  nodate: yesterday\n"
        "  odd: '{yyyy}-{month}-{dd}'\n"
        "  half: '{yyyy}{mm}-*.txt'\n"
        "  number: 20261207\n"
    )
    assert _problems(tmp_path, text, monkeypatch) == [
        "digestgen.yaml:3: dates: '../outside' must be a folder inside the content folder",
        "digestgen.yaml:4: dates: '/abs' must be a folder inside the content folder",
        "digestgen.yaml:6: dates: 'nodate': a pattern needs each of {yyyy}, {mm} and {dd} once (or give a date: 2026-12-07)",
        "digestgen.yaml:7: dates: 'odd': unknown placeholder '{month}' (use {yyyy}, {mm} and {dd})",
        "digestgen.yaml:8: dates: 'half': a pattern needs each of {yyyy}, {mm} and {dd} once (or give a date: 2026-12-07)",
        "digestgen.yaml:9: dates: 'number': give a date (2026-12-07) or a file-name pattern such as '{yyyy}{mm}{dd}-*.txt'",
    ]
    assert _problems(tmp_path, "dates: 2026-12-07\n", monkeypatch) == [
        "digestgen.yaml:1: 'dates' must map content folders to a date or a file-name pattern"
    ]
