"""Extractive summaries for cards: 1-3 whole sentences within a word budget.

Each sentence gets a per-word quality from signals that hold for news in general, not for one
reference style:

* centrality: how much of its vocabulary the other sentences share. News elaborates its main point
  after stating it, so overlap with later sentences counts fully and with earlier ones half
  (a sentence that only repeats what came before is less central);
* position: the inverted pyramid puts the point first, so a prior that decays over the first
  few sentences;
* the headline: the share of its words a sentence repeats;
* quotes are colour more than news, so a sentence quoting someone costs a little.

The card is the set of non-redundant sentences within the budget with the most quality-weighted
words, counted above a floor so that a weak sentence is left out rather than used as filler, and
less a penalty for a sentence shown without the neighbour it leans on ("He said...", half a quote).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from itertools import combinations

from digestgen.text.wire import Lead, read_lead, split_sentences, word_set

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+|\d+")


STOPWORDS = word_set("""
a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just me more most my
myself no nor not now of off on once only or other our ours out over own same she should so some such
than that the their theirs them themselves then there these they this those through to too under until
up very was we were what when where which while who whom why will with would you your yours said says
mr mrs ms year years new one two also told
""")
# Openers that lean on the sentence before; alone on a card they point at nothing.
# A short lead-in phrase ("In a statement, he said") does not change that.
_DANGLING = re.compile(
    r"""^["'“‘]?(?:[^,.;:"“]{1,30},\s+)?(?:but|and|or|so|yet|also|however|meanwhile|instead|still|"""
    r"""he|she|they|it|this|that|these|those|his|her|their|its|there|such|both|then|though|although|"""
    r"""other|others|another|"""
    r"""nonetheless|nevertheless|moreover|furthermore|besides|likewise|similarly|indeed|otherwise|thus|"""
    r"""therefore|hence|the\s+latter|the\s+former)\b""",
    re.IGNORECASE,
)
_QUOTE = re.compile(r"""["“”]|''""")
# Not a sentence but a list item or a clause: it opens in lower case or ends in ; , or :
# ("a supranational council chaired by the president;", "In his budget the minister has:").
_FRAGMENT = re.compile(r"""^[^A-Za-z0-9]*[a-z]|[;,:]["'”’)]?$""")
# A paragraph of one short line that does not end like a sentence is a heading ("What the treaty covers").
_HEADING_WORDS = 10
_SENTENCE_END = re.compile(r"""[.!?…]["'”’)\]]*$""")

# Weights, in units of the most central sentence's centrality (1.0). Chosen on half of each of two
# corpora with different reference styles (BBC extractive, CNN human highlights) and checked on the
# other half; see benchmarks/summaries.py.
_BACKWARD = 0.5  # weight of overlap with earlier sentences in centrality (later ones weigh 1)
_LEAD_PRIOR = 0.5  # position prior of the first sentence, decaying as exp(-i / _LEAD_DECAY)
_LEAD_DECAY = 5.0  # sentences
_TITLE = 0.5  # weight of the share of headline words a sentence repeats
_QUOTED = 0.2  # cost of a sentence that quotes someone
_FLOOR = 0.4  # quality a sentence must exceed to be worth its words on the card
_DANGLING_PENALTY = 0.8  # per word, when the neighbour a sentence leans on is left out (reads badly)
_REDUNDANT = 0.5  # content-word overlap (Jaccard) above which two sentences say the same
_POOL = 6  # best sentences considered for the bounded set search (at most 41 sets of up to 3)


def summarize(text: str, title: str = "", budget: int = 60, max_sentences: int = 3, lead: Lead | None = None) -> str:
    """Pick 1-`max_sentences` sentences totalling at most `budget` words, in text order.

    Fragments under three words are never picked. When only the lead sentence is worth showing
    but it is longer than the budget, it is cut on a word boundary with an ellipsis. `lead` is
    `read_lead(text)` when the caller has it already.
    """
    budget = max(budget, 1)
    lead_text = (lead or read_lead(text)).text
    found = split_sentences("\n\n".join(p for p in re.split(r"\n\s*\n", lead_text) if not _is_heading(p)))
    # List items are left out, unless the text has nothing else (then a fragment beats no card).
    sentences, words, lengths = _dedupe(found, skip_fragments=True)
    if not sentences:
        sentences, words, lengths = _dedupe(found, skip_fragments=False)
    if not sentences:
        return ""
    tokens = [_content(w) for w in words]
    quotes = [len(_QUOTE.findall(s)) for s in sentences]
    quality = _quality(tokens, quotes, _content(_words(title)))
    chosen = _best_set(lengths, tokens, quality, _leaning(sentences, quotes), budget, max_sentences)
    if not chosen or chosen == (0,):
        return clip_words(sentences[0], budget)
    return " ".join(sentences[i] for i in chosen)


def _is_heading(paragraph: str) -> bool:
    line = paragraph.strip()
    return "\n" not in line and len(line.split()) <= _HEADING_WORDS and not _SENTENCE_END.search(line)


def _dedupe(sentences: list[str], skip_fragments: bool) -> tuple[list[str], list[list[str]], list[int]]:
    """Drop repeated sentences (same words, any spacing or case), fragments under 3 words and list items.

    Returns the sentences kept, the (lower-case) words of each and its length in words as shown.
    """
    seen: set[str] = set()
    kept, words, lengths = [], [], []
    for s in sentences:
        ws = _words(s)
        key = " ".join(ws)
        length = len(s.split())
        if key not in seen and length >= 3 and not (skip_fragments and _FRAGMENT.search(s)):
            seen.add(key)
            kept.append(s)
            words.append(ws)
            lengths.append(length)
    return kept, words, lengths


def _quality(tokens: list[list[str]], quotes: list[int], title: list[str]) -> list[float]:
    """Per-word quality of each sentence above the floor, roughly in [-0.6, 1.6]."""
    sets = [set(t) for t in tokens]
    centrality = _centrality(sets)
    top = max(centrality) or 1.0
    title_words = set(title)
    quality = []
    for i, words in enumerate(sets):
        q = centrality[i] / top + _LEAD_PRIOR * math.exp(-i / _LEAD_DECAY) - _FLOOR
        if title_words:
            q += _TITLE * len(title_words & words) / len(title_words)
        if quotes[i]:
            q -= _QUOTED
        quality.append(q)
    return quality


def _centrality(sets: list[set[str]]) -> list[float]:
    """Sum of cosine overlaps (of word sets) with every other sentence, earlier ones weighted _BACKWARD.

    Linear in the text's length: sum over j of |a & b_j| / sqrt(|a| |b_j|) is, per word of a, the
    running sum of 1 / sqrt(|b_j|) over the sentences holding that word.
    """
    n = len(sets)
    out = [0.0] * n
    for order, weight in ((range(n - 1, -1, -1), 1.0), (range(n), _BACKWARD)):
        seen: defaultdict[str, float] = defaultdict(float)
        for i in order:
            words = sets[i]
            if not words:
                continue
            norm = 1.0 / math.sqrt(len(words))
            out[i] += weight * norm * sum(map(seen.__getitem__, words))
            for w in words:
                seen[w] += norm
    return out


def _leaning(sentences: list[str], quotes: list[int]) -> list[int]:
    """Which neighbour each sentence leans on: -1 (opener points back), 1 (opens a quote), 0."""
    out = []
    for i, s in enumerate(sentences):
        odd_quote = quotes[i] % 2 == 1
        if i and (_DANGLING.match(s) or (odd_quote and not _QUOTE.match(s))):
            out.append(-1)
        elif odd_quote and i + 1 < len(sentences):
            out.append(1)
        else:
            out.append(0)
    return out


def _best_set(
    lengths: list[int],
    tokens: list[list[str]],
    quality: list[float],
    leaning: list[int],
    budget: int,
    max_sentences: int,
) -> tuple[int, ...]:
    """Indices (ascending) of the non-redundant set within budget with the most weighted words.

    Only the _POOL best sentences are combined: a bounded search, cheap whatever the text's length.
    """
    pool = sorted((i for i in range(len(lengths)) if lengths[i] <= budget), key=lambda i: (-quality[i], i))
    pool = sorted(pool[:_POOL])
    clash = _redundant_pairs(pool, tokens)
    # A lead too long for the budget may still be the best card, cut with an ellipsis.
    best: tuple[float, tuple[int, ...]] = (budget * quality[0], (0,)) if lengths[0] > budget else (0.0, ())
    for size in range(1, max_sentences + 1):
        for combo in combinations(pool, size):
            if sum(lengths[i] for i in combo) > budget or any(pair in clash for pair in combinations(combo, 2)):
                continue
            value = sum(lengths[i] * (quality[i] - _orphan(i, combo, leaning)) for i in combo)
            if value > best[0]:
                best = (value, combo)
    return best[1]


def _orphan(i: int, combo: tuple[int, ...], leaning: list[int]) -> float:
    """Penalty for a sentence whose needed neighbour is not on the card."""
    return _DANGLING_PENALTY if leaning[i] and i + leaning[i] not in combo else 0.0


def _redundant_pairs(pool: list[int], tokens: list[list[str]]) -> set[tuple[int, int]]:
    """Pairs (a < b) whose content words overlap so much that one card needs only one of them."""
    sets = {i: set(tokens[i]) for i in pool}
    return {
        (a, b)
        for a, b in combinations(pool, 2)
        if sets[a] and sets[b] and len(sets[a] & sets[b]) / len(sets[a] | sets[b]) > _REDUNDANT
    }


def _content(words: list[str]) -> list[str]:
    """Content words of a sentence's words, a plural -s dropped ("talks" and "talk" match)."""
    return [
        w[:-1] if w[-1] == "s" and len(w) > 3 and w[-2] not in _NOT_PLURAL else w for w in words if w not in STOPWORDS
    ]


_NOT_PLURAL = frozenset("sui'")  # "-ss", "-us", "-is", "'s" are not plurals


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def clip_words(text: str, limit: int) -> str:
    """Cut text to at most `limit` words on a word boundary, marking the cut with an ellipsis."""
    words = text.split()
    if len(words) <= limit:
        return text
    return " ".join(words[:limit]).rstrip(",;:—–-") + "…"
