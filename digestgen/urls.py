"""Slugs and output paths: ASCII slugs from any script, and confinement to the output folder."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from anyascii import anyascii

_NON_SLUG = re.compile(r"[^a-z0-9]+")
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,100}$")
MAX_SLUG = 80


def slugify(text: str) -> str:
    """ASCII slug from any script: "Лукашенко" -> "lukashenko", "Erdoğan" -> "erdogan"."""
    text = unicodedata.normalize("NFC", text)
    # Han characters are whole syllables: keep them apart ("李强" -> "li-qiang", not "liqiang").
    text = "".join(f" {ch} " if "CJK" in unicodedata.name(ch, "") else ch for ch in text)
    ascii_text = anyascii(text).lower().replace("'", "").replace("’", "")
    slug = _NON_SLUG.sub("-", ascii_text).strip("-")
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0] or slug[:MAX_SLUG]
    return slug


def root_prefix(path: str) -> str:
    """Relative prefix from an output file back to the site root ("" or "../../")."""
    return "../" * path.count("/")


def safe_join(root: Path, relpath: str) -> Path:
    """Join a generated relative path under root, refusing anything that would leave it."""
    if not relpath or relpath.startswith(("/", "\\")) or "\\" in relpath or "\0" in relpath:
        raise ValueError(f"unsafe output path {relpath!r}")
    target = (root / relpath).resolve()
    if not target.is_relative_to(root.resolve()):
        raise ValueError(f"output path {relpath!r} leaves the output folder")
    return target
