"""Extractive summaries for cards: 1-3 whole sentences within a word budget."""

from __future__ import annotations

import math
import re
from collections import Counter

from digestgen.infer.text import split_sentences

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
_DANGLING = re.compile(r"^(?:but|and|however|he|she|they|it|this|that|these|those|his|her|their)\b", re.I)


def summarize(text: str, title: str = "", budget: int = 60, max_sentences: int = 3) -> str:
    """Pick up to `max_sentences` sentences totalling about `budget` words, in text order.

    Sentences are scored by position (news puts the point first), by how central their
    words are to the article, and by overlap with the title. A lone sentence longer than
    the budget is cut on a word boundary with an ellipsis.
    """
    sentences = _dedupe(split_sentences(text))
    if not sentences:
        return ""
    chosen = _choose(sentences, title, budget, max_sentences)
    summary = " ".join(sentences[i] for i in sorted(chosen))
    return clip_words(summary, budget + budget // 3)


def _dedupe(sentences: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for s in sentences:
        key = " ".join(s.lower().split())
        if key not in seen and len(s.split()) >= 3:
            seen.add(key)
            out.append(s)
    return out


def _choose(sentences: list[str], title: str, budget: int, max_sentences: int) -> list[int]:
    scores = _scores(sentences, title)
    order = sorted(range(len(sentences)), key=lambda i: (-scores[i], i))
    chosen: list[int] = []
    used = 0
    for i in order:
        n = len(sentences[i].split())
        if chosen and used + n > budget:
            continue
        if chosen and _DANGLING.match(sentences[i]) and i - 1 not in chosen:
            continue
        chosen.append(i)
        used += n
        if len(chosen) == max_sentences or used >= budget * 0.8:
            break
    return chosen


def _scores(sentences: list[str], title: str) -> list[float]:
    tokens = [[w for w in _words(s) if w not in STOPWORDS] for s in sentences]
    freq = Counter(w for toks in tokens for w in set(toks))
    title_words = {w for w in _words(title) if w not in STOPWORDS}
    scores = []
    for i, toks in enumerate(tokens):
        if not toks:
            scores.append(-1.0)
            continue
        centrality = sum(math.log1p(freq[w]) for w in set(toks)) / (len(set(toks)) + 4)
        overlap = len(title_words & set(toks)) / (len(title_words) or 1)
        position = 1.0 / (1 + i) ** 0.7
        scores.append(1.6 * position + centrality + 0.5 * overlap)
    return scores


def _words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def clip_words(text: str, limit: int) -> str:
    """Cut text to at most `limit` words on a word boundary, marking the cut with an ellipsis."""
    words = text.split()
    if len(words) <= limit:
        return text
    return " ".join(words[:limit]).rstrip(",;:—–-") + "…"
