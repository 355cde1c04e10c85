"""YAML through a safe loader that also refuses aliases, duplicate keys and unknown tags."""

from __future__ import annotations

import re
from typing import Any

import yaml

try:  # the C composer is ~10x faster; behaviour is identical for what we allow
    _Base: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing
    _Base = yaml.SafeLoader


class _Loader(_Base):  # type: ignore[misc]  # the base is chosen at import: C loader when present
    """The safe loader; a value its constructors cannot build is a located error, never a crash.

    PyYAML's constructors raise ValueError (a 5,000-digit integer, 2025-02-30), IndexError
    (`!!float ''`), AttributeError (`!!timestamp x`) or KeyError (`!!bool maybe`) for input its
    parser accepted.
    """

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, IndexError, AttributeError, KeyError, TypeError, OverflowError) as exc:
            raise yaml.constructor.ConstructorError(None, None, _unreadable(node, exc), node.start_mark) from None


def _unreadable(node: yaml.Node, exc: Exception) -> str:
    """Why a node could not be read, in words, without the value when it is huge."""
    tag = str(node.tag).replace("tag:yaml.org,2002:", "")
    value = node.value
    if not isinstance(value, str):  # a list or mapping (no built-in constructor fails on one, another might)
        shown = "the value"
    else:
        shown = f"'{value}'" if len(value) <= 40 else f"a value of {len(value)} characters"
    if tag == "timestamp" and isinstance(exc, ValueError):  # a date that does not exist: say why
        return f"invalid date {shown}: {exc}"
    return f"cannot read {shown} as {_TAG_WORDS.get(tag, f'!!{tag}')}"


_TAG_WORDS = {
    "int": "a whole number (at most 4,300 digits)",
    "float": "a number",
    "bool": "true or false",
    "timestamp": "a date",
}


class YamlError(Exception):
    """A YAML problem with a 1-based line relative to the parsed text."""

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


MAX_DEPTH = 64
"""Lists and mappings nested deeper than this are refused: no front matter needs it, and building
(or caching) such a value would run out of stack."""


def _check_node(root: yaml.Node, visited: set[int], offset: int) -> None:
    """Refuse aliases, duplicate mapping keys and deep nesting before anything is constructed.

    An alias composes to the very node object its anchor made, so a node met twice is an
    alias; refusing it here defuses "billion laughs" before construction can explode.
    """
    stack: list[tuple[yaml.Node, int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if id(node) in visited:
            raise YamlError(node.start_mark.line + 1 + offset, "anchors/aliases are not allowed")
        visited.add(id(node))
        if depth > MAX_DEPTH:
            raise YamlError(node.start_mark.line + 1 + offset, f"lists or mappings nested more than {MAX_DEPTH} deep")
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, int] = {}
            for key, _ in node.value:
                if isinstance(key, yaml.ScalarNode):
                    line = key.start_mark.line + 1 + offset
                    if key.value in seen:
                        raise YamlError(line, f"duplicate key '{key.value}' (first defined on line {seen[key.value]})")
                    seen[key.value] = line
            stack += [(n, depth + 1) for key, value in reversed(node.value) for n in (value, key)]
        elif isinstance(node, yaml.SequenceNode):
            stack += [(item, depth + 1) for item in reversed(node.value)]


_ODD_BREAK = re.compile("[\x85\u2028\u2029]")


def load(text: str, offset: int = 0, deep: bool = False) -> tuple[Any, dict[str, int]]:
    """Parse one YAML document; return the data and the line of each top-level key.

    Lines are 1-based, plus `offset` (the file line before the YAML text starts). With `deep`, the
    items of a top-level list are located too: `feeds[0]` is the first item's line, and
    `feeds[0].url` the line of its `url` key; so are the keys of a top-level mapping (`dates.wires`),
    and the items of a document that is a list (`[0]`).
    """
    # YAML 1.1 reads these as line breaks, which would shift every later line number: refuse them.
    odd_break = _ODD_BREAK.search(text)
    if odd_break:
        at = text.count("\n", 0, odd_break.start()) + 1 + offset
        raise YamlError(at, f"character U+{ord(odd_break.group()):04X} is not allowed in YAML")
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        _check_node(node, set(), offset)
        data = loader.construct_document(node)
    except YamlError:
        raise
    except yaml.constructor.ConstructorError as exc:
        line = exc.problem_mark.line + 1 + offset if exc.problem_mark else None
        if exc.problem == "found unhashable key":
            raise YamlError(line, "a list or mapping cannot be used as a key") from None
        if exc.problem and "could not determine a constructor" in exc.problem:
            tag = exc.problem.split("tag ")[-1].replace("tag:yaml.org,2002:", "!!")
            raise YamlError(line, f"unsupported YAML tag {tag}") from None
        raise YamlError(line, exc.problem or str(exc)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + offset if mark else None
        raise YamlError(line, exc.problem or exc.context or "invalid YAML") from None
    except yaml.reader.ReaderError as exc:  # a control character: located by its offset in the text
        line = text.count("\n", 0, exc.position) + 1 + offset
        raise YamlError(line, f"character U+{exc.character:04X} is not allowed in YAML") from None
    except yaml.YAMLError as exc:
        raise YamlError(None, " ".join(str(exc).split())) from None
    finally:
        loader.dispose()
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            lines[str(key.value)] = key.start_mark.line + 1 + offset
            if deep and isinstance(value, yaml.SequenceNode):
                _item_lines(str(key.value), value, offset, lines)
            elif deep and isinstance(value, yaml.MappingNode):
                for sub, _ in value.value:
                    lines[f"{key.value}.{sub.value}"] = sub.start_mark.line + 1 + offset
    elif deep and isinstance(node, yaml.SequenceNode):  # a file that is one list: `[0]`, `[0].name`
        _item_lines("", node, offset, lines)
    return data, lines


def _item_lines(key: str, node: yaml.SequenceNode, offset: int, lines: dict[str, int]) -> None:
    """The line of each item of a top-level list, and of each key of an item that is a mapping."""
    for i, item in enumerate(node.value):
        lines[f"{key}[{i}]"] = item.start_mark.line + 1 + offset
        if isinstance(item, yaml.MappingNode):
            for sub, _ in item.value:
                lines[f"{key}[{i}].{sub.value}"] = sub.start_mark.line + 1 + offset


def dump(data: dict[str, Any]) -> str:
    """A mapping as block YAML that `load` reads back to the same values (front matter digestgen writes).

    Keys keep their order; strings that YAML would read as something else (`no`, `2024-01-01`)
    are quoted, and text stays readable (no escaping of non-ASCII letters).
    """
    out: str = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False, width=1000)
    return out
