"""A headline from a lead sentence: shed what headlines leave out, then stop at a phrase boundary.

News headlines keep the subject, the verb and what happened; they drop attribution ("officials
said"), asides in brackets, appositives and relative clauses set off by commas, an opening
adverbial ("In the past eight months,") and the day of the week. What is left is cut, if still
too long, before a clause or a prepositional phrase, so the title ends on a complete phrase. Only
when no such boundary exists is the sentence cut mid-phrase, marked with "…".
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable


def _wordset(text: str) -> frozenset[str]:
    """The words of a whitespace-separated list."""
    return frozenset(text.split())


_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_SAYS = r"(?:said|says|say|told\s+\S+|reported|reports|announced|added|confirmed|warned|claimed|insisted)"
# Each rewrite removes something a headline leaves out; a rewrite is kept only if enough is left.
_REWRITES = (
    re.compile(r"\s*\([^()]*\)"),  # (£600m), (AP), (pictured)
    re.compile(r"\s+([-–—]{1,2})\s[^-–—]{3,90}\s\1(?=\s)"),  # an aside between dashes
    re.compile(rf",\s+according\s+to\b[^,]*(?:,[^,]*)?$|,\s+[^,]{{1,80}}?\s{_SAYS}(?:\s+\S+){{0,3}}$"),
    re.compile(r",\s+(?:who|which|whose)\s[^,]+,"),  # a relative clause between commas
    re.compile(r",\s+(?:including|especially|notably|such\s+as|among\s+them)\s[^,]+,"),  # examples between commas
    re.compile(r",\s+(?:the|a|an)\s[^,]{3,90},(?=\s+[a-z])"),  # an appositive before the verb
    re.compile(r"\s+(?:last|this|next)\s+(?:week|weekend|month|year)\b"),
)
# The weekday of the news ("reopened Friday morning", "said on Monday"), not "on a slow Thursday night".
_WEEKDAY = re.compile(rf"(\S+)\s+(on\s+|late\s+|early\s+)?{_DAY}(?:\s+(?:morning|afternoon|evening|night))?\b")
# An opening adverbial up to its comma: "In the past eight months, ISIS has ..." -> "ISIS has ...".
# Not "As many as 13 leaders, ..." or "As well as ...", nor "At least a dozen tourists ...": there
# the opening word starts the subject.
_OPENER = re.compile(
    r"^(?!as\s+(?:many|much|few|little|well|far|long)\s+as\b|at\s+(?:least|most)\b)"
    r"(?:in|on|at|after|before|during|despite|for|with|over|since|following|amid|as|when|while|unlike|like|"
    r"last|earlier|later|once|today|yesterday|although|though|if|because|until|unless|whether)\b(?!-)[^,]{0,140},\s+"
    r"|^[^,]{0,30}\b(?:ago|later|earlier),\s+",
    re.IGNORECASE,
)
# Words a title may stop before: what precedes a clause break is a clause; what precedes a
# preposition is usually a complete phrase. Clause breaks are preferred.
_CLAUSE_BREAKS = _wordset(
    "that which who whom whose where when while because after before since until although though as amid "
    "despite following but so whereas unless if"
)
_PHRASE_BREAKS = _wordset(
    "in on at from for by into under with without between among across near over against during than through to"
)
# Words whose "to" opens the infinitive they need: "plans to", "is due to", "was forced to".
_NEEDS_INFINITIVE = _wordset(
    "need needs want wants plan plans aim aims hope hopes try tries trying tried seek seeks seeking sought expected "
    "set due about able unable likely going agreed agree agrees decided decide decides refused refuse refuses failed "
    "fail fails threatened threatens promised promises vowed vows used ready willing allowed forced asked urged "
    "called continue continues continued began begin begins started start starts appears appeared seems seemed effort "
    "attempt attempts chance way right "
    "intends intended managed manage chose choose voted vote moved move bid order ordered offer offers offered help "
    "helps helped"
)
_LIST_BREAKS = frozenset({"and", "or"})  # last resort: "X beat Y and win Z" -> "X beat Y"
# Verbs whose "that" opens the clause they need: "proves that ..." cannot stop at "proves".
_NEEDS_CLAUSE = _wordset(
    "said says say told tells warned warns claimed claims believe believes believed think thinks thought argued "
    "argues insisted insists denied denies admitted admits suggested suggests mean means meant show shows showed "
    "prove proves proved found find finds hope hopes hoped fear fears feared expect expects expected announced "
    "announces confirmed confirms revealed reveals reported reports added adds know knows knew"
)
# "the day after", "two years since": the time word belongs to the clause that follows.
_TIME_WORDS = _wordset(
    "day days week weeks month months year years hour hours minute minutes moments shortly soon just long"
)
# After a comma, a verb means the comma closed an aside: "Camilla, Duchess of Cornwall, are to ..."
_VERBS_AFTER_ASIDE = _wordset(
    "is are was were has have had will would can could may might should must said says do does did"
)
# Words a title must not end on.
_STOP = _wordset(
    "a an the of to in on at for and or but with by from as that which who is are was were its their his her "
    "has have had be been will would could should may might can this these those our my your said says"
)
_QUOTES = re.compile(r"""["“”]""")


def headline_from(sentence: str, max_words: int = 12) -> str:
    """A headline-like title from one sentence, at most about `max_words` words."""
    text = sentence.strip().rstrip(".!?…").strip()
    if len(text.split()) <= max_words:
        return text
    text = _shed(text, max_words)
    words = text.split()
    if len(words) <= max_words + 3:  # a whole clause a little long reads better than a cut
        return text
    end = _phrase_end(words, max_words)
    if end:
        return " ".join(words[:end]).rstrip(",;:—–-")
    cut = words[:max_words]
    while len(cut) > 4 and cut[-1].lower().strip(",;:") in _STOP:
        cut.pop()
    return " ".join(cut).rstrip(",;:—–-") + "…"


_DROP = frozenset(("the", "a", "an"))
# After a preposition (and in "at least a dozen") the article stays: "leaders of group" reads as a cut,
# "leaders of the group" does not.
_KEEP_AFTER = _wordset("of in on at for to from by with around across into least")


def headlinese(title: str) -> str:
    """Headlines leave out articles: "The talks collapsed after a row" -> "Talks collapsed after row"
    (one after a preposition stays). A capitalised "The" is part of a name ("The Hague") and stays,
    as do quoted words."""
    words = title.split()
    if len(words) < 4:
        return title
    if words[0] in ("A", "An") or (words[0] == "The" and words[1][:1].islower()):
        words = words[1:]
    quoted = 0
    out: list[str] = []
    for word in words:
        if quoted % 2 == 0 and word in _DROP and not (out and out[-1] in _KEEP_AFTER):
            quoted += len(_QUOTES.findall(word))
            continue
        quoted += len(_QUOTES.findall(word))
        out.append(word)
    if len(out) < 3:
        return title
    return out[0][:1].upper() + " ".join(out)[1:]


def _shed(text: str, max_words: int) -> str:
    """Apply each rewrite that leaves at least five words, until the text is short enough."""
    m = _OPENER.match(text)
    if m and len(text[m.end() :].split()) >= 5:
        rest = text[m.end() :]
        text = rest[0].upper() + rest[1:]
    rewrites: list[Callable[[str], str]] = [functools.partial(p.sub, "") for p in _REWRITES]
    for rewrite in (*rewrites, _drop_weekday):
        if len(text.split()) <= max_words:
            break
        shorter = rewrite(text).strip(" ,")
        if len(shorter.split()) >= 5:
            text = shorter
    return text


def _drop_weekday(text: str) -> str:
    """Drop "on Monday", or a bare "Monday" after a verb ("apologized Monday"), not "a slow Thursday night"."""

    def drop(m: re.Match[str]) -> str:
        word = m.group(1)
        after_verb = word.endswith("ed") or word.lower() in {"said", "says", "told", "met", "held"}
        return word if m.group(2) or after_verb else m.group(0)

    return _WEEKDAY.sub(drop, text)


def _phrase_end(words: list[str], max_words: int) -> int | None:
    """The latest cut (5 to max_words + 3 words) before a clause break, else before a preposition,
    outside quotes and brackets, not leaving a dangling word."""
    ends = range(min(len(words) - 1, max_words + 3), 4, -1)
    for breaks in (_CLAUSE_BREAKS, _PHRASE_BREAKS, _LIST_BREAKS):
        for end in ends:
            before, word = words[end - 1], words[end].lower()
            if breaks is _CLAUSE_BREAKS:
                comma = before[-1] in ",;:" and words[end][0].islower() and word not in _VERBS_AFTER_ASIDE
                boundary = comma or word in {"—", "–", "-", "--"} or word in breaks
            else:
                boundary = word in breaks
            last = before.lower().strip(",;:")
            needed = (
                (word == "that" and (last in _NEEDS_CLAUSE or last.endswith("ing")))  # "revealing that"
                or (word == "to" and last in _NEEDS_INFINITIVE)
                or (word == "as" and last in {"known", "such", "regarded", "described", "seen", "same", "so"})
                or (word in {"after", "before", "since", "until"} and last in _TIME_WORDS)
            )
            if not boundary or last in _STOP or needed:
                continue
            if breaks is _LIST_BREAKS and end < 8:  # a short head may be half of a list
                continue
            if len(_QUOTES.findall(" ".join(words[:end]))) % 2 == 0 and "(" not in before:
                return end
    return None
