"""A story's text as a MinHash sketch of its word shingles: what near-duplicate grouping compares.

One-permutation MinHash: each shingle (SHINGLE consecutive normalised words) is hashed once
(CRC-32 of its bytes, then an odd multiply to spread the top bits), the hash range is cut into
BINS bins and each bin keeps its smallest hash; an empty bin borrows from the next filled one
(densification). Two sketches then agree in a bin with probability about the Jaccard similarity
of their shingle sets. There is no randomness and no `hash()` (salted per process): the same
text gives the same bytes on every run and machine.
"""

from __future__ import annotations

import re
import sys
import unicodedata
import zlib
from array import array

SHINGLE = 5
"""Words per shingle: long enough that two stories on one topic in one house style share few."""
BINS = 128
_BIN_SHIFT = 25
"""32-bit hashes: the top 7 bits (log2 BINS) choose the bin, the low 25 are the value kept."""
MIN_SHINGLES = 24
"""Fewer shingles (a flash of a sentence or two) give no sketch: too little text to tell stories apart."""

_WORD = re.compile(r"\w+")
_EMPTY = (1 << _BIN_SHIFT) - 1
_SPACE = re.compile(rb" ")


def normalise(text: str) -> bytes:
    """The text's words, case-folded and compatibility-normalised, joined by single spaces."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return " ".join(_WORD.findall(text.casefold())).encode("utf-8")


def shingles(words: bytes) -> set[int]:
    """32-bit hashes of every run of SHINGLE consecutive words of `normalise`'s output."""
    spaces = [m.start() for m in _SPACE.finditer(words)]
    starts = [0, *(p + 1 for p in spaces)]
    ends = [*spaces[SHINGLE - 1 :], len(words)]
    crc = zlib.crc32
    # zip stops at the last whole shingle: there are len(starts) - SHINGLE + 1 ends.
    return {crc(words[s:e]) * 0x9E3779B1 & 0xFFFFFFFF for s, e in zip(starts, ends, strict=False)}


def sketch(text: str) -> bytes:
    """The sketch of a story's text: BINS 32-bit bin values, then its shingle count; b"" when the
    text is too short to compare."""
    found = shingles(normalise(text))
    if len(found) < MIN_SHINGLES:
        return b""
    # Descending, so the dict keeps each bin's smallest value (the last assignment to a key wins).
    best = {h >> _BIN_SHIFT: h & _EMPTY for h in sorted(found, reverse=True)}
    bins = [best.get(i, _EMPTY) for i in range(BINS)]
    if len(best) < BINS:
        bins = _densify(bins)
    values = array("L" if array("I").itemsize < 4 else "I", bins)
    values.append(min(len(found), 0xFFFFFFFF))
    if sys.byteorder == "big":
        values.byteswap()
    return values.tobytes()


def _densify(bins: list[int]) -> list[int]:
    """Each empty bin takes the next filled bin's value (cyclically) mixed with the distance, so two
    sketches agree there about as often as they agree in the bin it borrows from."""
    out = list(bins)
    for i, value in enumerate(bins):
        if value != _EMPTY:
            continue
        for step in range(1, BINS):
            other = bins[(i + step) % BINS]
            if other != _EMPTY:
                out[i] = (other * 0x9E3779B1 + step) & _EMPTY
                break
    return out


def unpack(data: bytes) -> tuple[tuple[int, ...], int]:
    """A sketch's bin values and its shingle count."""
    values = array("L" if array("I").itemsize < 4 else "I")
    values.frombytes(data)
    if sys.byteorder == "big":
        values.byteswap()
    return tuple(values[:BINS]), values[BINS]


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """The estimated Jaccard similarity of two sketches' shingle sets: the share of bins that agree."""
    return sum(x == y for x, y in zip(a, b, strict=True)) / BINS
