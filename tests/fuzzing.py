"""What users feed in, generated: front matter of any YAML type and tag, odd bodies, odd configuration.

Shared by tests/test_fuzz.py (a few hundred cases per run) and benchmarks/fuzz.py (20,000).
The property is always the same: digestgen either succeeds or reports `path[:line]: message`
problems, one line each; it never lets an exception escape.
"""

from __future__ import annotations

import re
import string

import pytest
import yaml
from hypothesis import strategies as st

from digestgen.pipeline.parse.articles import KNOWN_FIELDS


def edit_sequences(kinds: list[str], cards: int, most: int) -> st.SearchStrategy[list[tuple[str, int, int]]]:
    """Saves in a row, for the plan memo's property tests: (kind of edit, which card, a variant)."""
    return st.lists(
        st.tuples(st.sampled_from(kinds), st.integers(0, cards - 1), st.integers(0, 4)), min_size=1, max_size=most
    )


def example_budgets(many: int, few: int = 10) -> pytest.MarkDecorator:
    """Run a property test twice over: `few` examples in the fast loop, `many` (marked slow) in the full run.

    The test takes `examples` and gives it to an inner @given function as settings(max_examples=examples).
    """
    return pytest.mark.parametrize(
        "examples", [pytest.param(few, id="few"), pytest.param(many, id="many", marks=pytest.mark.slow)]
    )


# One problem line: a path, maybe a line number, a message; never a newline.
PROBLEM = re.compile(r"^[^\n]+?(:\d+)?: [^\n]+$")
ODD_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
CONTROL = st.text(
    alphabet=st.sampled_from(["\x00", "\x07", "\x1b", "\x7f", "\u2028", "\ufeff", "\t", "\r", " "]), max_size=3
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**4000, max_value=10**4400),
    st.floats(allow_nan=True, allow_infinity=True),
    ODD_TEXT,
    st.dates(),
    st.datetimes(),
    st.text(string.ascii_letters + " ", min_size=1, max_size=30),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(string.ascii_lowercase, min_size=1, max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
# YAML the parser accepts but PyYAML's constructors may choke on, and tags no loader should run.
RAW_VALUES = st.sampled_from(
    [
        "!!int ''",
        "!!float ''",
        "!!timestamp x",
        "!!int 'abc'",
        "!!bool maybe",
        "!!null x",
        "!!binary '%%'",
        "!!set {a}",
        "!!omap [a]",
        "!!python/object/apply:os.system ['id']",
        "!custom x",
        "&a [*a]",
        "*nowhere",
        "9" * 4400,
        "1e999999",
        "2025-02-30",
        "2024-13-01T25:61:61",
        "[",
        "{a: [b",
        "'unclosed",
        "|\n  block",
        "- [a, {b: c}]",
        "? [a, b]\n: c",
        "[{name: x}, {name: y}]",
        "@reserved",
        "`tick",
        "%TAG ! x",
    ]
)
KEYS = st.sampled_from([*KNOWN_FIELDS, "desk", "extra", "Title", "leaders ", "1", "null", "true", "~", "<<"])


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    """A front-matter block: dumped YAML of any types, or hand-written lines with raw and broken values."""
    if draw(st.booleans()):
        data = draw(st.dictionaries(KEYS, VALUES, max_size=6))
        try:
            text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        except (yaml.YAMLError, ValueError, OverflowError):
            text = ""
    else:
        lines = [f"{draw(KEYS)}: {draw(RAW_VALUES | ODD_TEXT)}" for _ in range(draw(st.integers(0, 5)))]
        text = "\n".join(lines) + "\n"
    return text


@st.composite
def article_bytes(draw: st.DrawFn) -> bytes:
    """A whole content file: optional BOM, front matter or not, a body, mixed line endings."""
    body = draw(
        st.lists(
            ODD_TEXT
            | CONTROL
            | st.sampled_from(
                [
                    "# Heading",
                    "MOSCOW, March 5 (Reuters) - Vladimir Putin said",
                    "[x](javascript:alert(1))",
                    "<script>alert(1)</script>",
                    "*",
                    "---",
                    "...",
                    "> quote",
                    "- item",
                    "| a | b |",
                    "```",
                    "[^1]: note",
                ]
            ),
            max_size=8,
        )
    )
    text = "\n".join(body)
    if draw(st.booleans()):
        closing = draw(st.sampled_from(["---", "...", "--- ", "", "---\n---"]))
        text = f"---\n{draw(front_matter())}{closing}\n{text}"
    newline = draw(st.sampled_from(["\n", "\r\n", "\r", "mixed"]))
    if newline == "mixed":
        text = text.replace("\n", draw(st.sampled_from(["\r\n", "\r"])), 1)
    elif newline != "\n":
        text = text.replace("\n", newline)
    data = text.encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        data = b"\xef\xbb\xbf" + data
    if draw(st.integers(0, 20)) == 0:
        data += draw(st.binary(max_size=8))
    return data


# Whole numbers as YAML text, up to past Python's 4,300-digit conversion limit (str() of such an int
# raises in the generator itself, so they are drawn as digits).
_NUMERALS = st.from_regex(r"-?[0-9]{1,5000}", fullmatch=True)


@st.composite
def config_text(draw: st.DrawFn) -> str:
    """A digestgen.yaml of real keys with values of any type (output folders stay inside the project)."""
    keys = st.sampled_from(
        [
            "title",
            "description",
            "base_url",
            "language",
            "timezone",
            "per_page",
            "summary_words",
            "allow_raw_html",
            "retain",
            "leaders",
            "topics",
            "default_registries",
            "unknown_key",
        ]
    )
    lines = [f"{draw(keys)}: {draw(RAW_VALUES | ODD_TEXT | _NUMERALS)}" for _ in range(draw(st.integers(0, 5)))]
    if draw(st.booleans()):
        data = draw(st.dictionaries(keys, VALUES, max_size=4))
        try:
            return yaml.safe_dump(data, allow_unicode=True)
        except (yaml.YAMLError, ValueError, OverflowError):
            return ""
    return "\n".join(lines) + "\n"


def is_problem_line(line: str) -> bool:
    """Whether a reported problem is one `path[:line]: message` line."""
    return bool(PROBLEM.match(line))
