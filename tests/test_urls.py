"""urls: ASCII slugs from any script, relative root prefixes, and output-path confinement."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from digestgen.urls import MAX_SLUG, output_path_problem, root_prefix, safe_join, slugify


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Vladimir Putin", "vladimir-putin"),
        ("Лукашенко", "lukashenko"),
        ("Владимир Путин", "vladimir-putin"),
        ("Recep Tayyip Erdoğan", "recep-tayyip-erdogan"),
        ("Crème brûlée & Zürich", "creme-brulee-zurich"),
        ("李强", "li-qiang"),  # Han syllables kept apart
        ("Ελλάδα", "ellada"),
        ("O'Neill", "oneill"),
        ("O’Neill", "oneill"),
        ("Xi  Jinping", "xi-jinping"),
        ("Macron: AI summit!", "macron-ai-summit"),
        ("--Already-a-slug--", "already-a-slug"),
        ("../../.ssh/x", "ssh-x"),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


@pytest.mark.parametrize("text", ["", "   ", "!!!", "—", "\u0301"])
def test_slugify_empty(text: str) -> None:
    assert slugify(text) == ""


def test_slugify_separates_words_at_tabs_and_line_breaks() -> None:
    """Characters without a Unicode name (tabs, line breaks in a pasted title) are separators, not errors."""
    assert slugify("Putin\tmeets\nXi\r\n") == "putin-meets-xi"


def test_slugify_nfc_and_nfd_agree() -> None:
    assert slugify("Macron Émile") == slugify("Macron E\u0301mile") == "macron-emile"


def test_slugify_is_idempotent_and_valid() -> None:
    for text in ("Лукашенко", "李强", "Crème brûlée", "a" * 200, "x y " * 40):
        slug = slugify(text)
        assert slugify(slug) == slug
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), slug
        assert slug.isascii() and len(slug) <= MAX_SLUG


def test_long_slug_is_cut_on_a_word_boundary() -> None:
    slug = slugify("word " * 40)
    assert len(slug) <= MAX_SLUG and not slug.endswith("-") and slug.endswith("word")


def test_the_80_character_slug_boundary() -> None:
    """80 characters are kept as they are; from 81 the slug is cut back to its last whole word."""
    words = "-".join(["abcdefghi"] * 8)  # 79 characters
    assert MAX_SLUG == 80 and len(words) == 79
    assert slugify(words + "z") == words + "z"  # 80: kept
    assert slugify(words + "zy") == words[: -len("-abcdefghi")]  # 81: the word cut at 80 goes whole
    assert slugify(words + "-z") == words  # 81: the cut falls on a hyphen


def test_a_slug_without_hyphens_is_cut_at_80() -> None:
    assert slugify("a" * 81) == "a" * 80 and slugify("a" * 80) == "a" * 80


@pytest.mark.parametrize(
    ("path", "prefix"),
    [
        ("index.html", ""),
        ("404.html", ""),
        ("leaders/index.html", "../"),
        ("articles/x/index.html", "../../"),
        ("topics/energy/page/2/index.html", "../../../../"),
    ],
)
def test_root_prefix(path: str, prefix: str) -> None:
    assert root_prefix(path) == prefix


def test_safe_join_accepts_nested_paths(tmp_path: Path) -> None:
    assert safe_join(tmp_path, "articles/x/index.html") == (tmp_path / "articles/x/index.html").resolve()


EMPTY_OR_ABSOLUTE = "it is empty or absolute"
BACKSLASH_OR_CONTROL = "it contains a backslash or a control character"
BAD_SEGMENT = "it has an empty, '.' or '..' segment"


@pytest.mark.parametrize(
    ("rel", "reason"),
    [
        ("", EMPTY_OR_ABSOLUTE),
        ("/etc/passwd", EMPTY_OR_ABSOLUTE),
        ("../x", BAD_SEGMENT),
        ("a/../../x", BAD_SEGMENT),
        ("articles/../../outside.html", BAD_SEGMENT),
        ("..", BAD_SEGMENT),
        ("articles/./x.html", BAD_SEGMENT),
        ("articles//x.html", BAD_SEGMENT),
        ("articles/", BAD_SEGMENT),
        ("\\server\\x", BACKSLASH_OR_CONTROL),
        ("a\\..\\..\\x", BACKSLASH_OR_CONTROL),
        ("a\0b", BACKSLASH_OR_CONTROL),
        ("a\nb.html", BACKSLASH_OR_CONTROL),
        ("a\x7fb.html", BACKSLASH_OR_CONTROL),
        ("articles/" + "é" * 128 + ".html", "a segment is longer than 255 bytes"),
    ],
)
def test_safe_join_refuses_escapes_and_says_why(tmp_path: Path, rel: str, reason: str) -> None:
    root = tmp_path / "site"
    root.mkdir()
    with pytest.raises(ValueError) as refused:
        safe_join(root, rel)
    assert str(refused.value) == f"unsafe output path {rel!r}: {reason}"
    assert output_path_problem(rel) == reason


def test_a_segment_of_255_bytes_is_a_valid_file_name() -> None:
    """The limit is the file system's 255 bytes per name, counted in UTF-8 bytes, not characters."""
    name = "é" * 125 + ".html"  # 250 + 5 bytes
    assert len(name.encode("utf-8")) == 255
    assert output_path_problem(f"articles/{name}") is None
    assert output_path_problem(f"articles/{name[:-5]}x.html") is not None  # 256 bytes


def test_safe_join_refuses_a_sibling_with_the_same_prefix(tmp_path: Path) -> None:
    """A string-prefix check would accept `site2` as inside `site` (Pelican sanitised_join)."""
    (tmp_path / "site").mkdir()
    with pytest.raises(ValueError):
        safe_join(tmp_path / "site", "../site2/x.html")
