"""YAML through a safe loader that also refuses aliases, duplicate keys and unknown tags."""

from __future__ import annotations

from typing import Any

import yaml

try:  # the C composer is ~10x faster; behaviour is identical for what we allow
    _Base: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing
    _Base = yaml.SafeLoader


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """The safe loader, with impossible dates (2025-02-30) reported at their line."""

    def construct_yaml_timestamp(self, node: yaml.Node) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as exc:
            raise yaml.constructor.ConstructorError(None, None, f"invalid date '{node.value}': {exc}", node.start_mark) from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


class YamlError(Exception):
    """A YAML problem with a 1-based line relative to the parsed text."""

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def _check_node(node: yaml.Node, visited: set[int], offset: int) -> None:
    """Refuse aliases and duplicate mapping keys before anything is constructed.

    An alias composes to the very node object its anchor made, so a node met twice is an
    alias; refusing it here defuses "billion laughs" before construction can explode.
    """
    if id(node) in visited:
        raise YamlError(node.start_mark.line + 1 + offset, "anchors/aliases are not allowed")
    visited.add(id(node))
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                line = key.start_mark.line + 1 + offset
                if key.value in seen:
                    raise YamlError(line, f"duplicate key '{key.value}' (first defined on line {seen[key.value]})")
                seen[key.value] = line
            _check_node(key, visited, offset)
            _check_node(value, visited, offset)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_node(item, visited, offset)


def load(text: str, offset: int = 0) -> tuple[Any, dict[str, int]]:
    """Parse one YAML document; return the data and the line of each top-level key.

    Lines are 1-based, plus `offset` (the file line before the YAML text starts).
    """
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
        if exc.problem and "could not determine a constructor" in exc.problem:
            tag = exc.problem.split('tag ')[-1].replace('tag:yaml.org,2002:', '!!')
            raise YamlError(line, f"unsupported YAML tag {tag}") from None
        raise YamlError(line, exc.problem or str(exc)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + offset if mark else None
        raise YamlError(line, exc.problem or exc.context or "invalid YAML") from None
    except yaml.YAMLError as exc:
        raise YamlError(None, str(exc)) from None
    finally:
        loader.dispose()
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key, _ in node.value:
            lines[str(key.value)] = key.start_mark.line + 1 + offset
    return data, lines
