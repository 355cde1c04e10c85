"""Per-article leader decisions: the era the text's claims allow, then who was in office in it.

A claim is what one mention says about time: "President Barack Obama" (in office), "former
prime minister John Major" (after his term), "Chancellor Gordon Brown" (not in the leader's
office), "Foreign Secretary Jack Straw" (during his posts); a name alone is weak evidence of
the years the person was in public life. A person is a leader tag when they held office for
most of the era (sitting), or held it before and the text names them in that role (former).
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from digestgen.taxonomy import morph
from digestgen.taxonomy.era import OPEN_END, OPEN_START, Claim, Horizon, Spans, day_span, infer_era, share
from digestgen.taxonomy.mentions import CALENDAR, Mention, Token, adjective_surnames, find_mentions, key, tokenize
from digestgen.taxonomy.mentions import WORD as _WORDS
from digestgen.taxonomy.rolematch import RoleHit, role_hits
from digestgen.taxonomy.roles import (
    ALONGSIDE_OFFICE,
    CAMPAIGNING,
    DESCRIPTIONS,
    NEUTRAL_TITLES,
    OTHER_OFFICES,
    Title,
)

if TYPE_CHECKING:
    from digestgen.taxonomy.leaders import LeaderIndex


@dataclass(frozen=True)
class LeaderMatch:
    """A leader found in a text; evidence is (phrase as written, count), most frequent first."""

    id: str
    name: str
    evidence: tuple[tuple[str, int], ...]
    status: str = "sitting"
    """ "sitting" or "former" for a tag; for a person named but not tagged: "future",
    "left office", "other office" or "unclear"."""
    reason: str = ""
    forms: tuple[str, ...] = ()
    """How the text refers to the person: "name", "title-surname", "surname", "role-phrase",
    "group-role-phrase"."""


@dataclass(frozen=True)
class LeaderResult:
    """Everything leader inference found in one text."""

    tags: tuple[LeaderMatch, ...]
    also: tuple[LeaderMatch, ...]
    """People named who are not leader tags (future leaders, leaders named in another office)."""
    era: Spans | None
    era_evidence: tuple[str, ...]
    """The phrases the era rests on (or the date it was given)."""
    context: str | None
    """The country the article is about, when its names and places agree."""
    horizon: Horizon
    """The days the era could span (see era.py)."""


_FORMS = {"name": "name", "titled": "title-surname", "regnal": "title-surname", "surname": "surname"}


def analyse(
    index: LeaderIndex, text: str, on: datetime.date | None, captions: Sequence[tuple[int, int]] = ()
) -> LeaderResult:
    """Tags, other people named, and the date or era they were judged against. A name in a photo
    caption (`captions`) is a mention, but says nothing of when the story was written."""
    horizon = Horizon.of(index.since, index.as_of, on)
    candidate: int | None = None
    brief: int | None = None
    late = ""
    toks = tokenize(text)
    mentions = find_mentions(text, index.names, toks)
    context = _context(index, toks, mentions)
    dating = [m for m in mentions if not any(a <= m.start < b for a, b in captions)]
    claims = _weigh([replace(c, who=c.who or m.leaders) for m in dating for c in _claims(index, m)], dating)
    if on is not None:
        era: Spans | None = day_span(on)
        evidence: tuple[str, ...] = (on.isoformat(),)
        firm = True
    else:
        # Only when nothing else speaks of the era do surnames that can only be one leader's.
        era, used = infer_era(claims or _weigh(_surname_claims(index, dating, text, toks), dating), horizon)
        alone = _self_dated(used)
        # When a leader's own name is all that dates the story and the text never calls them by the
        # office ("the president") in that era, the name does not date a story of an election
        # campaign (a candidate is as often not yet in office), nor one of someone who led for a few
        # months (Michel Barnier, prime minister for three, is written about in other posts).
        if alone is not None:
            campaign = len(CAMPAIGN.findall(text)) >= CAMPAIGN_WORDS
            if (campaign or index.roles.spans(alone).days < BRIEF_TENURE) and not any(
                r.leader == alone for r in role_hits(text, era, index.roles, context)
            ):
                era, used = None, ()
                candidate, brief = (alone, None) if campaign else (None, alone)
        if era is not None and (later := _later_year(text, era, horizon, captions)):
            # The names give an era the text has outlived ("President Reagan" recalled in a story
            # that speaks of 2016): it does not date the story, so nobody is tagged as sitting in it.
            late = f"the names point to {era.label(horizon)}, but the text speaks of {later}: it was written later"
            era, used, candidate = None, (), None
        evidence = tuple(dict.fromkeys(c.phrase for c in used))
        # Officials are named before and after their posts: their names alone do not date a role phrase.
        firm = any(c.strong or any(w >= 0 for w in c.who) for c in used)
    assigned = _assign(index, mentions, era)
    # When a surname alone may name a sitting leader: on the date, or throughout the era that
    # firm evidence gives an undated text.
    when, said = (day_span(on), f"on {on.isoformat()}") if on is not None else (None, "")
    if on is None and era is not None and firm:
        when, said = era, f"throughout the era the text gives ({era.label(horizon)})"
    roles = role_hits(text, era if firm else None, index.roles, context)
    tags: list[tuple[int, LeaderMatch]] = []
    also: list[tuple[int, LeaderMatch]] = []
    for leader in sorted(set(assigned) | {r.leader for r in roles}):
        ms, rs = assigned.get(leader, []), [r for r in roles if r.leader == leader]
        status, reason = _decide(index, leader, ms, rs, era, context, dated=on is not None)
        if status == "unnamed" and when is not None and _lone_surname(index, leader, ms, when, text, toks):
            status, reason = "sitting", f"surname; the only sitting leader of that name {said}"
        if status == "unnamed":
            continue
        if late and status == "unclear":
            reason = late
        if leader == brief and status == "unclear":
            reason = "the date is unknown, and a name alone does not date a story to a tenure of under a year"
        if leader == candidate and status == "unclear":
            reason = "the date is unknown, and a story of an election campaign named only by its candidate is not dated by the name"
        match = _match(index, leader, ms, rs, status, reason, tagged=status in ("sitting", "former"))
        first = min([m.start for m in ms] + [r.start for r in rs])
        (tags if status in ("sitting", "former") else also).append((first, match))
    return LeaderResult(
        tuple(m for _, m in sorted(tags, key=lambda p: p[0])),
        tuple(m for _, m in sorted(also, key=lambda p: p[0])),
        era,
        evidence,
        context,
        horizon,
    )


CAMPAIGN = re.compile(
    r"\b(?:campaign(?:s|ing|ed)?|candidates?|candidacy|nominees?|nomination|primar(?:y|ies)|caucus(?:es)?"
    r"|delegates|front-?runners?|running mate|hopefuls?|electorate|voters)\b",
    re.IGNORECASE,
)
BRIEF_TENURE = 365
"""Days in office under which a leader's name alone does not date an undated story (see `analyse`)."""
CAMPAIGN_WORDS = 6
"""Words of an election campaign a story needs to be about one (see `analyse`)."""


# A year as the text dates something by it ("in 2016", "since 2010", "mid-2015", «в 2019 году»),
# not a count ("some 2000 protesters") or a bound ("by 2030", "until 2020", «до 2010 года»).
_YEAR_SAID = re.compile(
    r"(?:\b(?:in|since|during|early|late|of|в|во|с)\s+|\bmid-)(?P<year>(?:19|20)\d\d)(?!\d|[,.-]\d|s\b|'s\b)"
    r"|(?<![\d,.$£€-])(?<!до )(?<!по )(?<!к )(?<!ко )(?P<ru>(?:19|20)\d\d)\s+(?:год[уа]?|годах)\b",
    re.IGNORECASE,
)
_AHEAD = re.compile(
    r"\b(?:will|would|could|might|shall|expect\w*|forecasts?|predict\w*|projected|projections?|plans?|planned"
    r"|targets?|aims?|come|next|upcoming|ahead"
    r"|будет|будут|план\w*|намер\w*|ожида\w*|прогноз\w*|собира\w*|пройд[её]т|пройдут|состо[ия]тся|предстоящ\w*|следующ\w*)\b",
    re.IGNORECASE,
)


def _later_year(text: str, era: Spans, horizon: Horizon, captions: Sequence[tuple[int, int]]) -> int | None:
    """A year the running text names five or more years after the era the names give ends, in a
    sentence that does not look ahead ("by 2030", "will", "forecast"): the story was written later,
    so that era does not date it."""
    bounds = era.bounds()
    if bounds is None or era.parts[-1][1] >= horizon.end:
        return None
    last = bounds[1].year
    for m in _YEAR_SAID.finditer(text):
        year = int(m.group("year") or m.group("ru"))
        if (
            year >= last + 5
            and not _AHEAD.search(_sentence(text, m.start()))
            and not any(a <= m.start() < b for a, b in captions)
        ):
            return year
    return None


def _sentence(text: str, at: int) -> str:
    """The sentence around offset `at` (between stops or line breaks)."""
    start = max(text.rfind(c, 0, at) for c in ".!?\n") + 1
    ends = [e for c in ".!?\n" if (e := text.find(c, at)) >= 0]
    return text[start : min(ends) if ends else len(text)]


def _self_dated(used: Sequence[Claim]) -> int | None:
    """The leader whose own name is all the era rests on, if it is so."""
    who = {c.who for c in used}
    if len(who) != 1 or any(c.strong for c in used):
        return None
    (people,) = who
    return people[0] if len(people) == 1 and people[0] >= 0 else None


def _phrase(m: Mention) -> str:
    """The mention with its title: "Foreign Secretary Jack Straw", "Gordon Brown, the chancellor"."""
    t = m.title
    if t is None or m.form != "name":
        return m.phrase
    if t.phrase.startswith(","):
        return f"{m.phrase}{t.phrase}"
    return m.phrase if m.phrase.startswith(t.phrase) else f"{t.phrase} {m.phrase}"


def _union(spans: Iterable[Spans]) -> Spans:
    return Spans.of(p for s in spans for p in s.parts)


def _claims(index: LeaderIndex, m: Mention) -> list[Claim]:
    """What one mention says about the era."""
    t = m.title
    named = m.form in ("name", "regnal") or (m.form == "titled" and t is not None and not t.courtesy)
    if not named:
        return []
    # A description ("tycoon Donald Trump") dates like the bare name: it neither claims nor rules out an office.
    plain = t is None or t.courtesy or t.role in NEUTRAL_TITLES or t.role in DESCRIPTIONS
    phrase = _phrase(m)
    if not m.leaders:  # an official: in post if named with an office (not "Tory chairman", "shadow")
        strong, weak = (_union(index.posts(j, known) for j in m.officials) for known in (True, False))
        if t is None or t.courtesy:
            return [Claim(phrase, weak, False, who=tuple(-1 - j for j in m.officials))]
        return [Claim(phrase, strong, True)] if t.ministerial else []
    if plain and t is not None and t.modifier == "former" and not t.courtesy:
        # "former Soviet leader Mikhail Gorbachev": a word that claims no office, but "former" says
        # the story was written after it ended.
        after = [Spans.of([(s.parts[0][1], OPEN_END)]) for c in m.leaders if (s := index.roles.spans(c))]
        return [Claim(phrase, _union(after), True)] if after else []
    if plain:
        return (
            [Claim(phrase, _union(index.active(c) for c in m.leaders), False, who=m.leaders)]
            if m.form == "name"
            else []
        )
    assert t is not None
    if (kinds := t.kinds()) and (held := _union(index.roles.spans(c, kinds) for c in m.leaders)):
        if t.modifier is None:
            return [Claim(phrase, held, True)]
        if t.modifier == "former":
            return [
                Claim(
                    phrase,
                    _union(
                        Spans.of([(s.parts[0][1], OPEN_END)]) for c in m.leaders if (s := index.roles.spans(c, kinds))
                    ),
                    True,
                )
            ]
        if t.modifier == "before":
            return [
                Claim(
                    phrase,
                    _union(
                        Spans.of([(OPEN_START, s.parts[0][0])]) for c in m.leaders if (s := index.roles.spans(c, kinds))
                    ),
                    True,
                )
            ]
        return []
    if t.modifier is not None:
        return []
    return [Claim(phrase, _union(index.roles.spans(c) for c in m.leaders).complement(), True)]


def _weigh(claims: list[Claim], mentions: Sequence[Mention]) -> list[Claim]:
    """One weak claim per person, weighted by how many times the text names them in any form; a
    leader's office claims share that weight too."""
    times = Counter(m.leaders for m in mentions if m.leaders)
    merged: dict[tuple[int, ...], Claim] = {}
    for c in claims:
        if not c.strong and c.who not in merged:
            merged[c.who] = replace(c, weight=times.get(c.who, 0) or sum(1 for d in claims if d.who == c.who))
    # A leader's office claim weighs as much as the text names them: a story about one president
    # that recalls another's term ("under President Bill Clinton") is dated by its protagonist.
    titled = Counter(c.who for c in claims if c.strong)
    strong = [replace(c, weight=(times.get(c.who, 0) or 1) / titled[c.who]) if c.who else c for c in claims if c.strong]
    return strong + list(merged.values())


def _assign(index: LeaderIndex, mentions: Sequence[Mention], era: Spans | None) -> dict[int, list[Mention]]:
    """Mentions per leader; a name several leaders share goes to the one in office for most of
    the era (there is at most one), else to the one the text names unambiguously, else to nobody."""
    out: dict[int, list[Mention]] = {}
    shared = []
    for m in mentions:
        if len(m.leaders) == 1:
            out.setdefault(m.leaders[0], []).append(m)
        elif m.leaders:
            shared.append(m)
    named = {c for c, ms in out.items() if any(m.form != "surname" for m in ms)}
    for m in shared:
        fits = [c for c in m.leaders if _status(index, c, era) == "sitting"]
        known = [c for c in m.leaders if c in named]
        pick = fits if len(fits) == 1 else known if len(known) == 1 else []
        if pick:
            out.setdefault(pick[0], []).append(m)
    return out


def _status(index: LeaderIndex, leader: int, era: Spans | None) -> str | None:
    if era is None:
        return None
    tenure = index.roles.spans(leader)
    if not tenure:
        return None
    inside = share(tenure, era)
    before = share(Spans.of([(OPEN_START, tenure.parts[0][0])]), era)
    if inside >= 0.5:
        return "sitting"
    if before >= 0.9:
        return "future"
    return "former" if inside + before <= 0.1 else None


def _wholly_in_office(index: LeaderIndex, leader: int, era: Spans | None) -> bool:
    """Whether every day of the era falls in the leader's years in office."""
    return era is not None and bool(tenure := index.roles.spans(leader)) and share(tenure, era) >= 0.999


def _decide(
    index: LeaderIndex,
    leader: int,
    ms: Sequence[Mention],
    rs: Sequence[RoleHit],
    era: Spans | None,
    context: str | None,
    dated: bool = False,
) -> tuple[str, str]:
    """(status, reason): "sitting"/"former" make a tag; "unnamed" (a surname alone) is dropped;
    anything else is listed as mentioned. On a known date (`dated`), a sitting leader named as a
    candidate or a crown prince is still sitting: an incumbent runs again, a crown prince may be
    prime minister, and "candidate Donald Trump" in a story of 2017 recalls the campaign."""
    d = index.leaders[leader]
    if rs:
        return "sitting", ""
    kinds = {r.kind for r in d.roles}
    titles = [m.title for m in ms if m.title is not None and m.form != "surname"]
    in_role = [t for t in titles if (k := t.kinds()) and k & kinds]
    other = [t for t in titles if t.modifier is None and _other_office(t, kinds)]
    if _status(index, leader, era) == "sitting" and (dated or _wholly_in_office(index, leader, era)):
        # A prince only by full name: "Prince Mohammed" is no King Mohammed VI. Without a date, an era
        # wholly inside the tenure settles a crown prince, not a candidate or a tycoon: their own name
        # may be what set the era.
        beside = {
            id(m.title)
            for m in ms
            if m.title is not None and (m.form == "name" or (dated and m.title.role in CAMPAIGNING))
        }
        alongside = ALONGSIDE_OFFICE if dated else ALONGSIDE_OFFICE - CAMPAIGNING - DESCRIPTIONS
        other = [t for t in other if not (t.role in alongside and id(t) in beside)]
    anchored = (
        any(m.form in ("name", "regnal") for m in ms)
        or bool(in_role)
        or any(
            m.form == "titled"
            and m.title is not None
            and (not m.title.courtesy or _gender_fits(m.title, d.gender))
            and d.country == context
            for m in ms
        )
        or _distinct_russian_surname(index, ms)
    )
    if not anchored:
        return "unnamed", "named by surname (or Mr, Mrs) only"
    status = _status(index, leader, era)
    office_titled = [t for t in in_role if t.modifier is None]
    if status == "sitting" and not (other and not office_titled):
        return "sitting", ""
    if status == "former" and in_role:
        return "former", ""
    if status is None and era is None and office_titled and not other:
        return "sitting", "named with the title; the date is unknown"
    if other:
        return "other office", f"named as {other[0].phrase}, not in the leader's office then"
    tenure = index.roles.spans(leader)
    first, last = tenure.bounds() or (None, None)
    if status == "future":
        return "future", f"took office later ({first})"
    if status == "former":
        return "left office", f"left office before ({last}) and is not named in that role"
    return "unclear", "the article's date is unknown and its era does not settle whether they held office"


def _surname_claims(index: LeaderIndex, mentions: Sequence[Mention], text: str, toks: Sequence[Token]) -> list[Claim]:
    """A leader named only by a surname that can only be theirs (`_distinct_surname`), in a text
    that names their country, says as their full name would that it falls in their years in office
    (without the country, "Reynolds" or "Fraser" is as likely anybody of that name)."""
    own: dict[int, list[Mention]] = {}
    places = _places(index, toks)
    for m in mentions:
        if len(m.leaders) == 1:
            own.setdefault(m.leaders[0], []).append(m)
    return [
        Claim(ms[0].phrase, index.active(leader), False, who=(leader,))
        for leader, ms in own.items()
        if _distinct_surname(index, leader, ms, text, toks) and index.leaders[leader].country in places
    ]


def _lone_surname(
    index: LeaderIndex, leader: int, ms: Sequence[Mention], when: Spans, text: str, toks: Sequence[Token]
) -> bool:
    """A surname alone (or with Mr, Mrs) names a leader on a day (dated copy) or throughout an era
    (undated) when it can only be theirs (`_distinct_surname`), they held office all that time, and
    no other head of state or government of that name held office in it."""
    if not _distinct_surname(index, leader, ms, text, toks):
        return False
    if (
        len(ms) < 2
        and not morph.CYRILLIC.match(ms[0].phrase)
        and index.leaders[leader].country not in _places(index, toks)
    ):
        # One passing "Christie" in a story of New Jersey is not the Bahamas' premier (Russian copy,
        # which names leaders by surname alone as a rule, is judged by _distinct_surname's dictionary).
        return False
    if (index.roles.spans(leader) & when).days != when.days:
        return False
    word = _WORDS.findall(ms[0].phrase)[-1]
    namesakes = {i for m in ms for i in m.leaders} | set(index.names.surnames.get((key(word),), ()))
    return all(i == leader or not (index.roles.spans(i) & when) for i in namesakes)


def _distinct_surname(index: LeaderIndex, leader: int, ms: Sequence[Mention], text: str, toks: Sequence[Token]) -> bool:
    """Whether mentions that are all one surname alone (or with Mr, Mrs) can only be this leader's:
    it is nobody's given name in the registry, no calendar word nor a word the text also writes in
    lower case ("May", "Brown"), and either nobody else in the registry (leaders, officials) bears
    it or the text names the leader's country."""
    if not ms or any(m.form not in ("surname", "titled") for m in ms):
        return False
    if any(m.form == "titled" and (m.title is None or not m.title.courtesy) for m in ms):
        return False
    words = {_WORDS.findall(m.phrase)[-1] for m in ms if _WORDS.findall(m.phrase)}
    if len(words) != 1:
        return False
    word = words.pop()
    if word in CALENDAR or _given_here(index, word, text) or re.search(rf"\b{re.escape(word.lower())}\b", text):
        return False
    if morph.CYRILLIC.match(word) and (morph.is_common_word(word) or morph.may_be_place_or_given_name(word)):
        return False
    # A surname others in the registry bear too counts only where the text names the leader's country.
    return index.bearers.get(key(word), 0) <= 1 or index.leaders[leader].country in _places(index, toks)


def _given_here(index: LeaderIndex, word: str, text: str) -> bool:
    """Whether `word` may be a given name in this text: it opens names in the registry and, if only
    a rare one (`rare_given_names`), the text writes it before another capitalised word ("Carter Ham")."""
    k = key(word)
    if k not in index.given_names:
        return False
    return k not in index.rare_given_names or re.search(rf"\b{re.escape(word)}\s+[A-Z]", text) is not None


def _distinct_russian_surname(index: LeaderIndex, ms: Sequence[Mention]) -> bool:
    """A Russian surname alone («Обамы», «Шольцем») names its leader when nobody else in the registry
    bears it, it opens nobody's name, it is written as that surname or inflects to it (not just shares
    its stem: «Монте» is not «Монти»), and the dictionary reads it neither first as a common word
    («Мая») nor ever as a place or given name («Дании», «Павла»); English needs the name or a title
    (Russian copy writes bare surnames far more often)."""
    words = {w[-1] for m in ms if m.form == "surname" and (w := _WORDS.findall(m.phrase))}
    if not words or not all(morph.CYRILLIC.match(w) for w in words):
        return False
    people = [index.leaders[i] for i in {i for m in ms for i in m.leaders}]
    own = {_fold_yo(a) for d in people for a in (*d.aliases, *d.surnames)}
    return all(
        (
            index.bearers.get(key(w), 0) <= 1
            and key(w) not in index.given_names
            and {_fold_yo(f) for f in (w, *morph.lemmas(w))} & own
            and not morph.is_common_word(w)
            and not morph.may_be_place_or_given_name(w)
        )
        or _adjective_of(index, w, own)
        for w in words
    )


def _adjective_of(index: LeaderIndex, word: str, own: set[str]) -> bool:
    """«сталинских»: a lower-case adjective made from the surname of one leader only, written as that
    surname (mentions.adjective_surnames), which the dictionary reads first as a surname («германские»
    is not Natalia Gherman's, «борисовский» not Boyko Borisov's)."""
    return word[:1].islower() and any(
        _fold_yo(s) in own and index.bearers.get(key(s), 0) <= 1 and morph.reads_first_as_surname(s)
        for s in adjective_surnames(word)
    )


def _fold_yo(word: str) -> str:
    return word.replace("ё", "е").replace("Ё", "Е")


def _other_office(t: Title, kinds: set[str]) -> bool:
    k = t.kinds()
    return t.role in OTHER_OFFICES or not t.head or (k is not None and not k & kinds)


def _gender_fits(t: Title, gender: str | None) -> bool:
    female = t.role in ("mrs", "ms", "miss", "dame", "madam", "mme")
    return gender is None or (gender == "f") == female


def _match(
    index: LeaderIndex,
    leader: int,
    ms: Sequence[Mention],
    rs: Sequence[RoleHit],
    status: str,
    reason: str,
    tagged: bool,
) -> LeaderMatch:
    counts: Counter[str] = Counter(m.phrase for m in ms)
    counts.update(r.phrase for r in rs)
    forms = {_FORMS[m.form] for m in ms} | {"group-role-phrase" if r.group else "role-phrase" for r in rs}
    if not tagged:
        forms.discard("surname")
    d = index.leaders[leader]
    order = ("name", "title-surname", "surname", "role-phrase", "group-role-phrase")
    return LeaderMatch(
        d.id,
        d.name,
        tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))),
        status,
        reason,
        tuple(f for f in order if f in forms),
    )


def _context(index: LeaderIndex, toks: Sequence[Token], mentions: Sequence[Mention]) -> str | None:
    """The country the text is about: place words and the people it names agree on it."""
    words = _places(index, toks)
    score: Counter[str] = Counter({c: min(n, 5) for c, n in words.items()})
    people = {
        ("l", m.leaders[0])
        for m in mentions
        if len(m.leaders) == 1
        and (m.form in ("name", "regnal") or (m.form == "titled" and m.title is not None and not m.title.courtesy))
    }
    people |= {("o", m.officials[0]) for m in mentions if not m.leaders and len(m.officials) == 1}
    for kind, i in people:
        score[index.leaders[i].country if kind == "l" else index.officials[i].country] += 2
    top = score.most_common(2)
    if top and top[0][1] >= 2 and (len(top) == 1 or top[0][1] >= 2 * top[1][1]):
        return top[0][0]
    return None


def _places(index: LeaderIndex, toks: Sequence[Token]) -> Counter[str]:
    """How often the text names each country (its name, an adjective or another word for it)."""
    words: Counter[str] = Counter()
    i = 0
    while i < len(toks):
        if toks[i][0] not in index.place_first:
            i += 1
            continue
        for size in (4, 3, 2, 1):
            country = index.places.get(tuple(t[0] for t in toks[i : i + size]))
            if country is not None:
                words[country] += 1
                i += size - 1
                break
        i += 1
    return words
