"""Slugs and output paths: ASCII slugs from any script, and confinement to the output folder."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from anyascii import anyascii

_NON_SLUG = re.compile(r"[^a-z0-9]+")
MAX_SLUG = 80
MAX_NAME_BYTES = 255
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def slugify(text: str) -> str:
    """ASCII slug from any script: "Лукашенко" -> "lukashenko", "Erdoğan" -> "erdogan"."""
    text = unicodedata.normalize("NFC", text)
    # Han characters are whole syllables: keep them apart ("李强" -> "li-qiang", not "liqiang").
    text = "".join(f" {ch} " if "CJK" in unicodedata.name(ch, "") else ch for ch in text)
    ascii_text = anyascii(text).lower().replace("'", "")  # anyascii writes ’ as '
    slug = _NON_SLUG.sub("-", ascii_text).strip("-")
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0] or slug[:MAX_SLUG]
    return slug


def root_prefix(path: str) -> str:
    """Relative prefix from an output file back to the site root ("" or "../../")."""
    return "../" * path.count("/")


def output_path_problem(relpath: str) -> str | None:
    """Why a site-relative output path cannot be written (checked lexically), or None."""
    if not relpath or relpath.startswith("/"):
        return "it is empty or absolute"
    if "\\" in relpath or _CONTROL.search(relpath):
        return "it contains a backslash or a control character"
    parts = relpath.split("/")
    if any(part in ("", ".", "..") for part in parts):
        return "it has an empty, '.' or '..' segment"
    if any(len(part.encode("utf-8")) > MAX_NAME_BYTES for part in parts):
        return f"a segment is longer than {MAX_NAME_BYTES} bytes"
    return None


def safe_join(root: Path, relpath: str) -> Path:
    """Join a generated relative path under root, refusing anything that could leave it."""
    reason = output_path_problem(relpath)
    if reason:
        raise ValueError(f"unsafe output path {relpath!r}: {reason}")
    return root / relpath
