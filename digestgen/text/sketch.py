"""A story's text as a MinHash sketch of its word shingles: what near-duplicate grouping compares.

The shingles are runs of SHINGLE normalised words that start at a function word ("the", "of",
"и", "на": spot signatures, Theobald et al., SIGIR 2008): a choice made by the text itself, so two
versions pick the same shingles where they agree, at about a third of the cost of all of them,
and the words that carry a story (names, verbs, numbers) follow the function words. A text with
too few function words for that (another language) takes every shingle instead.

One-permutation MinHash: each shingle is hashed once (CRC-32 of its bytes, then an odd multiply
to spread the top bits), the hash range is cut into BINS bins and each bin keeps its smallest
hash; an empty bin borrows from the next filled one (densification). Two sketches then agree in
a bin with probability about the Jaccard similarity of their shingle sets. There is no
randomness and no `hash()` (salted per process): the same text gives the same bytes on every
run and machine.
"""

from __future__ import annotations

import itertools
import operator
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
MIN_SHINGLES = 16
"""Fewer shingles (a flash of a paragraph or less) give no sketch: too little text to tell stories apart."""
STOPWORDS = frozenset(
    (
        "a an the of to in on at by for with from and or but as is was are were be been has have had it its"
        " this that these those he she they we who which not said says will would could after before over"
        " и в во на не что с со по о об к за из от для как а но он она они его её ее их это был была было"
        " были у же при после также до уже который которые"
    )
    .encode()
    .split()
)
"""The function words a shingle starts at, English and Russian, as `normalise` writes them."""

_WORD = re.compile(r"\w+")
_EMPTY = (1 << _BIN_SHIFT) - 1


def normalise(text: str) -> bytes:
    """The text's words, case-folded and compatibility-normalised, joined by single spaces."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return " ".join(_WORD.findall(text.casefold())).encode("utf-8")


def shingles(words: bytes) -> set[int]:
    """32-bit hashes of the runs of SHINGLE words of `normalise`'s output that start at a function
    word, or of every run when fewer than MIN_SHINGLES do."""
    parts = words.split(b" ")
    last = len(parts) - SHINGLE
    starts = list(itertools.accumulate(map((1).__add__, map(len, parts)), initial=0))  # of each word
    spots = [k for k, word in enumerate(parts) if word in STOPWORDS and k <= last]
    if len(spots) < MIN_SHINGLES:
        spots = list(range(last + 1))
    crc = zlib.crc32
    return {crc(words[starts[k] : starts[k + SHINGLE] - 1]) * 0x9E3779B1 & 0xFFFFFFFF for k in spots}


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
    agree: int = sum(map(operator.eq, a, b))  # map in C: grouping compares many candidate pairs
    return agree / BINS
