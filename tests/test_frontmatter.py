"""frontmatter (PARSE): splitting, file line numbers, and YAML refused unless plainly safe."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from digestgen.errors import DigestError
from digestgen.model import SourceFile
from digestgen.pipeline.parse.frontmatter import MAX_FRONT_MATTER, split, type_name
from digestgen.safety import safeyaml

PACKAGE = Path(__file__).resolve().parents[1] / "digestgen"


def _src(text: str, markup: str = "markdown") -> SourceFile:
    return SourceFile(path="content/x.md", stem="x", markup=markup, text=text)  # type: ignore[arg-type]


def _error(text: str) -> str:
    with pytest.raises(DigestError) as failure:
        split(_src(text))
    return str(failure.value.problem)


def test_front_matter_and_body() -> None:
    source = _src("---\ntitle: Gas talks\ntopics: [Energy]\n---\n# Body\n\ntext\n")
    raw = split(source)
    assert raw.file is source
    assert dict(raw.meta) == {"title": "Gas talks", "topics": ["Energy"]}
    assert dict(raw.meta_lines) == {"title": 2, "topics": 3}
    assert raw.body == "# Body\n\ntext\n"


def test_no_front_matter_is_plain_wire_copy() -> None:
    text = "Putin meets Xi\n\nMOSCOW, Nov 26 (Reuters) - Text.\n"
    source = _src(text, "text")
    raw = split(source)
    assert dict(raw.meta) == {} and dict(raw.meta_lines) == {} and raw.body == text and raw.file is source


@pytest.mark.parametrize(
    "text", ["--- \ntitle: x\n", "text\n---\ntitle: x\n---\n", "----\nx\n", "---\f", "--- X", "---X\ntitle: x\n---\n"]
)
def test_only_a_first_line_fence_opens_front_matter(text: str) -> None:
    raw = split(_src(text))
    assert dict(raw.meta) == {} and raw.body == text  # the whole file is body


def test_empty_front_matter_block() -> None:
    raw = split(_src("---\n---\nbody\n"))
    assert dict(raw.meta) == {} and raw.body == "body\n"  # the fences are gone: it was front matter


def test_a_file_of_two_fences_is_empty_front_matter_and_no_body() -> None:
    raw = split(_src("---\n---"))
    assert dict(raw.meta) == {} and raw.body == ""


def test_an_empty_block_may_close_with_trailing_spaces_too() -> None:
    raw = split(_src("---\n---  \nbody\n"))
    assert dict(raw.meta) == {} and raw.body == "body\n"


def test_dots_close_front_matter_too() -> None:
    raw = split(_src("---\ntitle: x\n...\nbody\n"))
    assert raw.meta["title"] == "x" and raw.body == "body\n"


def test_front_matter_at_end_of_file() -> None:
    raw = split(_src("---\ntitle: x\n---"))
    assert raw.meta["title"] == "x" and raw.body == ""


def test_quoted_no_stays_a_string() -> None:
    raw = split(_src("---\ntopics: \"no\"\nleaders: ['on']\ndraft: no\n---\n"))
    assert raw.meta == {"topics": "no", "leaders": ["on"], "draft": False}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "---\ntitle: a\ntitle2: Macron: AI summit\n---\n",
            "content/x.md:3: mapping values are not allowed in this context",
        ),
        ("---\ntitle: x\n", "content/x.md:1: front matter opened here but never closed (expected a line '---')"),
        ("---\n- a\n- b\n---\n", "content/x.md:2: front matter must be a mapping of keys, got list"),
        ("---\njust a string\n---\n", "content/x.md:2: front matter must be a mapping of keys, got string"),
        (
            "---\ntitle: a\ntopics: [x]\n\ntopics: [y]\n---\n",
            "content/x.md:5: duplicate key 'topics' (first defined on line 3)",
        ),
        ("---\ndate: 2025-02-30\n---\n", "content/x.md:2: invalid date '2025-02-30': day is out of range for month"),
    ],
)
def test_errors_carry_file_lines(text: str, expected: str) -> None:
    assert _error(text) == expected


def test_a_yaml_error_without_a_line_is_reported_at_the_opening_fence(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every problem names a line: one PyYAML could not locate points at the block's first line."""

    def unlocated(text: str, offset: int = 0) -> None:
        raise safeyaml.YamlError(None, "something went wrong")

    monkeypatch.setattr(safeyaml, "load", unlocated)
    assert _error("---\ntitle: x\n---\n") == "content/x.md:1: something went wrong"


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (yaml.YAMLError("the stream\n   broke"), "the stream broke"),
        (yaml.MarkedYAMLError(context="while scanning a block"), "while scanning a block"),
        (yaml.MarkedYAMLError(), "invalid YAML"),
        (yaml.constructor.ConstructorError(None, None, "cannot construct", None), "cannot construct"),
    ],
)
def test_a_yaml_error_pyyaml_cannot_locate_is_one_line_without_a_line_number(
    monkeypatch: pytest.MonkeyPatch, error: yaml.YAMLError, message: str
) -> None:
    """No PyYAML error escapes as a traceback; one without a position has no line (split says line 1)."""

    def fail(self: object) -> None:
        raise error

    monkeypatch.setattr(safeyaml._Loader, "get_single_node", fail)
    with pytest.raises(safeyaml.YamlError) as failure:
        safeyaml.load("title: x\n", offset=1)
    assert (failure.value.line, failure.value.message) == (None, message)


def test_anchors_and_aliases_are_refused_fast() -> None:
    bomb = (
        "---\na: &a [x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
            for p, c in zip("abcdefgh", "bcdefghi", strict=False)
        )
        + "---\n"
    )
    assert _error(bomb) == "content/x.md:2: anchors/aliases are not allowed"  # the anchor's line


def test_an_alias_used_as_a_key_is_refused_too() -> None:
    message = _error("---\ntitle: x\na: &k b\n*k : 2\n---\n")
    assert message == "content/x.md:3: anchors/aliases are not allowed"  # the anchor's line, as for values


def test_aliases_are_refused_before_anything_is_constructed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The defence against alias bombs is that construction never starts, not that it is quick."""

    def explode(*args: object, **kwargs: object) -> None:
        raise AssertionError("a document with an alias reached construction")

    monkeypatch.setattr(safeyaml._Loader, "construct_document", explode)
    assert _error("---\ntitle: x\na: &a [x]\nb: *a\n---\n") == "content/x.md:3: anchors/aliases are not allowed"


@pytest.mark.parametrize(
    ("tag", "shown"),
    [
        ('!!python/object/apply:os.system ["touch pwned"]', "'!!python/object/apply:os.system'"),
        ("!!python/name:os.system", "'!!python/name:os.system'"),
        ("!custom x", "'!custom'"),
    ],
)
def test_unsafe_tags_are_refused(tag: str, shown: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    message = _error(f"---\ntitle: x\nevil: {tag}\n---\n")
    assert message == f"content/x.md:3: unsupported YAML tag {shown}"
    assert not (tmp_path / "pwned").exists()


def test_oversized_front_matter() -> None:
    text = "---\n" + "k: " + "x" * MAX_FRONT_MATTER + "\n---\n"
    assert _error(text) == "content/x.md:1: front matter is larger than 64 KiB"


def _block_of(size: int) -> str:
    """A front-matter block (between the fences, final newline included) of exactly `size` characters."""
    return "k: " + "x" * (size - 4) + "\n"


def test_exactly_64_kib_of_front_matter_is_read() -> None:
    block = _block_of(MAX_FRONT_MATTER)
    assert MAX_FRONT_MATTER == 64 * 1024 and len(block) == MAX_FRONT_MATTER
    raw = split(_src("---\n" + block + "---\nbody\n"))
    assert raw.meta == {"k": "x" * (MAX_FRONT_MATTER - 4)} and raw.body == "body\n"


def test_one_character_over_64_kib_is_refused() -> None:
    text = "---\n" + _block_of(MAX_FRONT_MATTER + 1) + "---\nbody\n"
    assert _error(text) == "content/x.md:1: front matter is larger than 64 KiB"


@pytest.mark.parametrize("fence", ["---   ", "---\t", "...  "])
def test_closing_fence_may_have_trailing_spaces(fence: str) -> None:
    raw = split(_src(f"---\ntitle: x\n{fence}\nbody\n"))
    assert raw.meta == {"title": "x"} and raw.body == "body\n"


@pytest.mark.parametrize("text", ["---\ntitle: x", "---\ntitle: x\nbody without a fence", "---\n"])
def test_unclosed_block_without_a_final_newline(text: str) -> None:
    assert _error(text) == "content/x.md:1: front matter opened here but never closed (expected a line '---')"


@pytest.mark.parametrize("text", ["---", "--- ", "---\t"])
def test_a_file_that_is_only_a_fence_is_an_unclosed_block(text: str) -> None:
    assert _error(text) == "content/x.md:1: front matter opened here but never closed (expected a line '---')"


@pytest.mark.parametrize(("char", "line"), [("\x07", 3), ("\x1b", 3), ("\x7f", 4), ("\x80", 2), ("\x0c", 4)])
def test_a_control_character_is_reported_at_its_own_line(char: str, line: int) -> None:
    rows = ["title: Bell", "source: RIA", "desk: Europe"]
    rows[line - 2] += char
    message = _error("---\n" + "\n".join(rows) + "\n---\nBody.\n")
    assert message == f"content/x.md:{line}: character U+{ord(char):04X} is not allowed in YAML"


@pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029"])
def test_a_yaml_only_line_break_is_reported_at_its_own_line(char: str) -> None:
    """YAML 1.1 breaks lines at NEL, LS and PS; left in, they would shift every later line number."""
    message = _error(f"---\ntitle: Bell\nsource: RIA{char}News\ndesk: Europe\n---\nBody.\n")
    assert message == f"content/x.md:3: character U+{ord(char):04X} is not allowed in YAML"


@pytest.mark.parametrize("char", ["\u2028", "\x07"])
def test_a_refused_character_after_a_blank_first_line_keeps_its_line(char: str) -> None:
    message = _error(f"---\n\ntitle: Bell{char}News\n---\n")
    assert message == f"content/x.md:3: character U+{ord(char):04X} is not allowed in YAML"


def test_yaml_lines_count_from_one_without_an_offset() -> None:
    """digestgen.yaml and registry files are whole YAML files: their first line is line 1."""
    data, lines = safeyaml.load("a: 1\n\nb: [x]\n")
    assert data == {"a": 1, "b": ["x"]} and lines == {"a": 1, "b": 3}
    with pytest.raises(safeyaml.YamlError, match=r"^duplicate key 'a' \(first defined on line 1\)$") as failure:
        safeyaml.load("a: 1\na: 2\n")
    assert failure.value.line == 2


def test_no_unsafe_yaml_loading_in_the_package() -> None:
    """Only safeyaml talks to PyYAML; nothing may call a loader that can construct objects."""
    pattern = re.compile(r"\byaml\.load\(|full_load|unsafe_load|yaml\.Loader|yaml\.UnsafeLoader|yaml\.FullLoader")
    offenders = [
        f"{path.relative_to(PACKAGE)}:{n}: {line.strip()}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []
    assert len(list(PACKAGE.rglob("*.py"))) > 10, "the grep must actually look at the package"


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        ("42", "front matter must be a mapping of keys, got number"),
        ("1.5", "front matter must be a mapping of keys, got number"),
        ("true", "front matter must be a mapping of keys, got boolean"),
        ("n: !!float ''", "cannot read '' as a number"),
        ("n: !!bool maybe", "cannot read 'maybe' as true or false"),
        ("n: !!timestamp x", "cannot read 'x' as a date"),
        ("n: !!timestamp 2024-13-01", "invalid date '2024-13-01': month must be in 1..12"),
        ("n: !!int " + "x" * 40, f"cannot read '{'x' * 40}' as a whole number (at most 4,300 digits)"),
        ("n: !!int " + "x" * 41, "cannot read a value of 41 characters as a whole number (at most 4,300 digits)"),
        ("n: !!int " + "9" * 5000, "cannot read a value of 5000 characters as a whole number (at most 4,300 digits)"),
    ],
)
def test_values_yaml_cannot_build_are_named_in_words(yaml_text: str, expected: str) -> None:
    assert _error(f"---\n{yaml_text}\n---\n") == f"content/x.md:2: {expected}"


@pytest.mark.parametrize(
    ("yaml_text", "name"),
    [
        ("{a: 1}", "mapping"),
        ("[a]", "list"),
        ("x", "string"),
        ("'2024'", "string"),
        ("2024", "number"),
        ("1.5", "number"),
        ("yes", "boolean"),
        ("2024-01-01", "date"),
        ("2024-01-01 10:00:00", "datetime"),
    ],
)
def test_messages_name_yaml_types_in_words(yaml_text: str, name: str) -> None:
    """The word messages use for a wrong value ("'title' must be a string, got mapping")."""
    value, _ = safeyaml.load(yaml_text)
    assert type_name(value) == name


@pytest.mark.parametrize("key", ["? [a, b]\n: c", "? {a: 1}\n: c"])
def test_a_list_or_mapping_as_a_key_is_named_in_words_at_its_line(key: str) -> None:
    assert _error(f"---\ntitle: x\n{key}\n---\nBody.\n") == "content/x.md:3: a list or mapping cannot be used as a key"


def test_any_constructor_that_fails_gives_a_located_message_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    """The guard is general: a list (or any other node) a constructor cannot build, as another PyYAML might."""

    def refuse(loader: object, node: yaml.Node) -> object:
        raise TypeError("cannot build this")

    constructors = {**safeyaml._Loader.yaml_constructors, "tag:yaml.org,2002:seq": refuse}
    monkeypatch.setattr(safeyaml._Loader, "yaml_constructors", constructors)
    with pytest.raises(safeyaml.YamlError) as failure:
        safeyaml.load("title: x\nnames: [a, b]\n", offset=1)
    assert (failure.value.line, failure.value.message) == (3, "cannot read the value as !!seq")


def test_deeply_nested_front_matter_is_refused_at_its_line() -> None:
    """A 500-deep list crashed the cache encoder (and a deeper one the YAML checks themselves)."""
    for depth in (65, 500, 990):
        text = "---\ntitle: Deep\nextra: " + "[" * depth + "]" * depth + "\n---\nBody.\n"
        with pytest.raises(DigestError) as failed:
            split(_src(text))
        assert failed.value.problem.line == 3 and "nested more than 64 deep" in failed.value.problem.message
    text = "---\ntitle: Deep\nextra: " + "[" * 60 + "]" * 60 + "\n---\nBody.\n"
    assert split(_src(text)).meta["extra"] is not None
