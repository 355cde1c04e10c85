"""Characters that have no place in a page: control codes in text, and what XML 1.0 forbids."""

from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# XML 1.0 allows tab, newline, carriage return and everything from U+0020 but lone surrogates and U+FFFE/F.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def without_controls(text: str) -> str:
    """`text` without control characters other than tab and line breaks (a stray SOH in wire copy)."""
    return _CONTROL.sub("", text) if _CONTROL.search(text) else text


def xml_safe(text: str) -> str:
    """`text` without the characters XML 1.0 forbids, so any output that is XML stays well-formed."""
    return _NOT_XML.sub("", text) if _NOT_XML.search(text) else text
