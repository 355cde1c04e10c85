"""The cache's codec: model values round-trip; anything it did not write is refused."""

from __future__ import annotations

from datetime import UTC, date, datetime
from types import MappingProxyType

import pytest

from digestgen.errors import Problem
from digestgen.pipeline.cache import codec
from tests.support import make_article


def test_a_card_and_its_problems_round_trip() -> None:
    card = make_article("x", datetime(2024, 11, 26, 9, 30, tzinfo=UTC), leaders=("Vladimir Putin",)).card()
    value = [card, [Problem("content/x.md", 3, "odd", warning=True)]]
    assert codec.loads(codec.dumps(value)) == value


def test_values_of_every_kind_round_trip() -> None:
    value = [
        (1, "a", None, True, 2.5),
        MappingProxyType({"k": (date(2024, 1, 2),)}),
        {"plain": [b"\x00\xff"]},
        frozenset({"a", "b"}),
        {3},
    ]
    back = codec.loads(codec.dumps(value))
    assert back == value and type(back[1]) is MappingProxyType and type(back[2]) is dict


@pytest.mark.parametrize(
    "text",
    [
        '{"title": "x"}',  # a bare object: only a dataclass's field table is one
        '[{"title": "x"}]',
        '[{"$dc": "Problem", "f": {"$t": []}}]',  # the field table must be a table
        '[{"$dc": "Problem"}]',
        '[{"$dc": "Popen", "f": {}}]',
        '[{"$dc": "Problem", "f": {"path": "a", "line": "3", "message": "m"}}]',  # a str for an int
        '[{"$dc": "Problem", "f": {"path": "a", "line": 3, "message": "m", "shell": 1}}]',
        '[{"$zz": 1}]',
        '[{"$m": [[["unhashable"], 1]]}]',
        "[" * 100_000 + "]" * 100_000,
    ],
)
def test_what_the_codec_did_not_write_is_refused(text: str) -> None:
    with pytest.raises(codec.CodecError):
        codec.loads(text)


def test_a_bare_object_in_a_mapping_field_is_refused() -> None:
    card = make_article("x", None, leaders=("Vladimir Putin",)).card()
    text = codec.dumps([card, []])
    start = text.index('"terms":') + len('"terms":')
    end = text.index(',"summary"') if '"summary"' in text[start:] else None
    assert end is not None and text[start:].startswith('{"$m"')
    forged = text[:start] + '{"leaders": {"$t": []}}' + text[end:]
    with pytest.raises(codec.CodecError):
        codec.loads(forged)
    assert codec.loads(text[:start] + '{"$m": [["leaders", {"$t": []}]], "ro": true}' + text[end:])


@pytest.mark.parametrize(
    "text",
    [{"a": 1}, "[]", '{"index.html": ["k", 1, 2]}', '{"index.html": ["k", 1, 2, "3"]}', '{"index.html": [1, 1, 2, 3]}'],
)
def test_a_site_records_file_list_of_another_shape_is_refused(text: object) -> None:
    from digestgen.pipeline.cache.store import _files

    with pytest.raises(codec.CodecError):
        _files(text)


def test_a_site_records_file_list_round_trips() -> None:
    from digestgen.pipeline.cache.store import WrittenPage, _files

    assert _files('{"index.html": ["k", 1, 2, 3]}') == {"index.html": WrittenPage("k", 1, 2, 3)}
