"""PARSE: split the optional YAML front-matter block from the body."""

from __future__ import annotations

from digestgen.errors import DigestError
from digestgen.model import RawDoc, SourceFile
from digestgen.safety import safeyaml

MAX_FRONT_MATTER = 64 * 1024


def split(source: SourceFile) -> RawDoc:
    """Separate front matter (if the file opens with `---`) from the body.

    A file without front matter is plain wire copy and is valid. Raises DigestError with
    the file line of the problem.
    """
    text = source.text
    if not text.startswith("---\n") and text.rstrip(" \t") != "---":
        return RawDoc(source, {}, {}, text)
    end = _closing_fence(text)
    if end is None:
        raise DigestError(source.path, 1, "front matter opened here but never closed (expected a line '---')")
    block = text[4:end]
    if len(block) > MAX_FRONT_MATTER:
        raise DigestError(source.path, 1, f"front matter is larger than {MAX_FRONT_MATTER // 1024} KiB")
    try:
        meta, key_lines = safeyaml.load(block, offset=1)
    except safeyaml.YamlError as exc:
        raise DigestError(source.path, exc.line or 1, exc.message) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise DigestError(source.path, 2, f"front matter must be a mapping of keys, got {type_name(meta)}")
    after = text.find("\n", end + 1)
    body = "" if after == -1 else text[after + 1 :]
    return RawDoc(source, meta, key_lines, body)


def is_closing_fence(line: str) -> bool:
    """Whether a line (with or without its line ending) closes a front-matter block."""
    return line.rstrip() in ("---", "...")


def _closing_fence(text: str) -> int | None:
    """Offset of the closing `---` (or `...`) line, or None."""
    pos = 4 if text.startswith("---\n") else len(text)
    while pos < len(text):
        nl = text.find("\n", pos)
        line = text[pos:] if nl == -1 else text[pos:nl]
        if is_closing_fence(line):
            return pos
        if nl == -1:
            break
        pos = nl + 1
    return None


def type_name(value: object) -> str:
    """How messages name a YAML value's type: "string", "number", "boolean", "list", "mapping"."""
    names = {list: "list", dict: "mapping", str: "string", int: "number", float: "number", bool: "boolean"}
    return names.get(type(value), type(value).__name__)
