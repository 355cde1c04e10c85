"""Extractive summaries for cards: 1-3 whole sentences within a word budget."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from itertools import combinations

from digestgen.infer.text import read_lead, split_sentences

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+|\d+")
STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just me more most my
myself no nor not now of off on once only or other our ours out over own same she should so some such
than that the their theirs them themselves then there these they this those through to too under until
up very was we were what when where which while who whom why will with would you your yours said says
mr mrs ms year years new one two also told
""".split())
# Openers that lean on the sentence before; alone on a card they point at nothing.
# A short lead-in phrase ("In a statement, he said") does not change that.
_DANGLING = re.compile(
    r"""^["'“‘]?(?:[^,.;:"“]{1,30},\s+)?(?:but|and|or|so|yet|also|however|meanwhile|instead|still|he|she|they|it|"""
    r"""this|that|these|those|his|her|their|its|there|such|both|then|though|although|other|others|another)\b""", re.IGNORECASE)
_QUOTE = re.compile(r"""["“”]|''""")

# Scoring weights. Salience (Luhn-style mean in-article frequency of a sentence's content
# words, shrunk towards zero for short sentences) carries most of the signal; news puts the
# point first, so the lead gets a prior; a sentence cut off from the one it leans on (a
# pronoun opener, half of a quote) reads badly, so it costs a penalty.
_SHRINK = 4          # pseudo-words added to each sentence's length before averaging
_LEAD_PRIOR = 0.5    # bonus for the first sentence, decaying as 1/(i+1)
_TITLE = 0.5         # weight of the share of title words a sentence repeats
_DANGLING_PENALTY = 0.3  # per word, when the neighbour a sentence leans on is left out
_REDUNDANT = 0.5     # content-word overlap (Jaccard) above which two sentences say the same
_POOL = 10           # best sentences considered for the combined search


def summarize(text: str, title: str = "", budget: int = 60, max_sentences: int = 3) -> str:
    """Pick 1-`max_sentences` sentences totalling at most `budget` words, in text order.

    Each sentence gets a per-word quality (salience, lead prior, title overlap); the card is
    the set of non-redundant sentences within the budget with the most quality-weighted
    words, less a penalty for sentences shown without the neighbour they lean on.
    Fragments under three words are never picked. When only the lead
    sentence is worth showing but it is longer than the budget, it is cut on a word boundary
    with an ellipsis.
    """
    budget = max(budget, 1)
    sentences = _dedupe(split_sentences(read_lead(text).text))
    if not sentences:
        return ""
    tokens = [_content(s) for s in sentences]
    quality = _quality(tokens, title)
    chosen = _best_set(sentences, tokens, quality, _leaning(sentences), budget, max_sentences)
    if not chosen or chosen == (0,):
        return clip_words(sentences[0], budget)
    return " ".join(sentences[i] for i in chosen)


def _dedupe(sentences: list[str]) -> list[str]:
    """Drop repeated sentences (same words, any spacing or case) and fragments under 3 words."""
    seen: set[str] = set()
    out = []
    for s in sentences:
        key = " ".join(_words(s))
        if key not in seen and len(s.split()) >= 3:
            seen.add(key)
            out.append(s)
    return out


def _quality(tokens: list[list[str]], title: str) -> list[float]:
    """Per-word quality of each sentence, roughly in [0, 1.5]."""
    freq = Counter(w for toks in tokens for w in toks)
    salience = [sum(freq[w] for w in toks) / (len(toks) + _SHRINK) for toks in tokens]
    top = max(salience) or 1.0
    title_words = set(_content(title))
    quality = []
    for i, toks in enumerate(tokens):
        q = salience[i] / top + _LEAD_PRIOR / (i + 1)
        if title_words:
            q += _TITLE * len(title_words & set(toks)) / len(title_words)
        quality.append(q)
    return quality


def _leaning(sentences: list[str]) -> list[int]:
    """Which neighbour each sentence leans on: -1 (opener points back), 1 (opens a quote), 0."""
    out = []
    for i, s in enumerate(sentences):
        odd_quote = len(_QUOTE.findall(s)) % 2 == 1
        if i and (_DANGLING.match(s) or odd_quote and not _QUOTE.match(s)):
            out.append(-1)
        elif odd_quote and i + 1 < len(sentences):
            out.append(1)
        else:
            out.append(0)
    return out


def _best_set(sentences: list[str], tokens: list[list[str]], quality: list[float], leaning: list[int],
              budget: int, max_sentences: int) -> tuple[int, ...]:
    """Indices (ascending) of the non-redundant set within budget with the most weighted words."""
    lengths = [len(s.split()) for s in sentences]
    pool = sorted((i for i in range(len(sentences)) if lengths[i] <= budget),
                  key=lambda i: (-quality[i], i))[:_POOL]
    pool.sort()
    clash = _redundant_pairs(pool, tokens)
    # A lead too long for the budget may still be the best card, cut with an ellipsis.
    best: tuple[float, tuple[int, ...]] = (budget * quality[0], (0,)) if lengths[0] > budget else (0.0, ())
    for combo in _feasible(pool, lengths, clash, budget, max_sentences):
        value = sum(lengths[i] * (quality[i] - _orphan(i, combo, leaning)) for i in combo)
        if value > best[0]:
            best = (value, combo)
    return best[1]


def _feasible(pool: list[int], lengths: list[int], clash: set[tuple[int, int]], room: int, most: int,
              chosen: tuple[int, ...] = ()) -> Iterator[tuple[int, ...]]:
    """Every ascending set of up to `most` pool sentences that fits in `room` words without a clash."""
    for j, i in enumerate(pool):
        if lengths[i] > room or any((c, i) in clash for c in chosen):
            continue
        combo = chosen + (i,)
        yield combo
        if len(combo) < most:
            yield from _feasible(pool[j + 1:], lengths, clash, room - lengths[i], most, combo)


def _orphan(i: int, combo: tuple[int, ...], leaning: list[int]) -> float:
    """Penalty for a sentence whose needed neighbour is not on the card."""
    return _DANGLING_PENALTY if leaning[i] and i + leaning[i] not in combo else 0.0


def _redundant_pairs(pool: list[int], tokens: list[list[str]]) -> set[tuple[int, int]]:
    """Pairs (a < b) whose content words overlap so much that one card needs only one of them."""
    sets = {i: set(tokens[i]) for i in pool}
    return {(a, b) for a, b in combinations(pool, 2)
            if sets[a] and sets[b] and len(sets[a] & sets[b]) / len(sets[a] | sets[b]) > _REDUNDANT}


def _content(text: str) -> list[str]:
    return [w for w in _words(text) if w not in STOPWORDS]


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def clip_words(text: str, limit: int) -> str:
    """Cut text to at most `limit` words on a word boundary, marking the cut with an ellipsis."""
    words = text.split()
    if len(words) <= limit:
        return text
    return " ".join(words[:limit]).rstrip(",;:—–-") + "…"
