"""Finding people in a text: registry names as token n-grams, the titles written next to them.

Tokens are compared after folding diacritics (Erdoğan = Erdogan) and, for Cyrillic, after
removing case endings (Путиным = Путин), on both the registry side and the text side. A capitalised
Cyrillic word of the text is also compared through its dictionary lemmas (`morph`), which undo
what endings alone cannot (Павла = Павел, Раулем = Рауль).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import product

from digestgen.taxonomy import morph
from digestgen.taxonomy.roles import COURTESY, LEADER_TITLES, Title, title_after, title_before
from digestgen.text.dates import DAY_NAMES, MONTH_NAMES

WORD = re.compile(r"[^\W_]+")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_GAP = frozenset(" \t\n\u00a0-.'\u2019")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Russian/Ukrainian case endings, longest first; a surname keeps at least three letters.
_ENDING_WORDS = "ого ему ому ими ыми ой ей ом ем ым им ою ею ая яя ую юю ий ый ій а я у ю е ы и і"
_ENDINGS = tuple(sorted(_ENDING_WORDS.split(), key=len, reverse=True))
_HEIR = frozenset({"prince", "princess"})  # "Prince Charles": the future King Charles III
MONARCH_TITLES = frozenset({"king", "queen", "emperor", "empress", "emir", "amir", "sultan", "pope", "monarch"})
# Capitalised words that may precede a surname without being someone else's given name.
_NOT_GIVEN_WORDS = (
    "The A An And But Or If When While As At In On Of For To By With From That This Then So Yet After "
    "Before Since Because Although Though Meanwhile However Also Both Not Only Even Under Over Said Says "
    "Told Asked Minister Secretary Senator Governor Leader Prince Former Ex Acting Deputy Vice Labour "
    "Tory Conservative Later Earlier Now Today Yesterday Tonight Last Next Still Here There Where Why How "
    "What Who Which Indeed Instead Thus Again Once Perhaps Like Unlike Despite Among Between Against "
    "Without Within During Until Unless Whether Every Each Some Many Most Such Mrs Mr Ms President "
    "Premier Chancellor King Queen Emir Sultan Sheikh Ayatollah Dr Sir General Colonel Pope Prime Lord "
    "Lady Dame Madam Herr Frau Monsieur Señor"
)
_NOT_GIVEN = frozenset(_NOT_GIVEN_WORDS.split())
# Capitalised words after a surname that make it the name of a place or an institution ("Kern County",
# "Kennedy Airport", "the Carter Center"): the person is not spoken of.
_PLACE_WORDS_TEXT = (
    "County Counties City Town Township Parish District Street Avenue Road Boulevard Lane Drive Highway "
    "Freeway Expressway Parkway Square Plaza Park Bridge Tunnel Dam Canal Lake River Creek Bay Beach "
    "Island Islands Valley Mountain Mountains Hill Hills Heights Springs Falls Airport Station Terminal "
    "Port Harbor Harbour Center Centre Hall Stadium Arena Library Museum Foundation Institute "
    "University College School Academy Hospital Tower Building Memorial Cemetery Forest Reservoir "
    "Prize Award Trust Fund"
)
_PLACE_WORDS = frozenset(_PLACE_WORDS_TEXT.split())


def key(token: str) -> str:
    """The comparison form of one word token."""
    if token.isascii():
        return token
    # й keeps its breve: folding it to и would leave «Зеленский» and «Зеленского» different stems.
    token = "".join(
        c
        for c in unicodedata.normalize("NFD", token.replace("й", "\0").replace("Й", "\1"))
        if not unicodedata.combining(c)
    )
    token = token.replace("\0", "й").replace("\1", "Й")
    if _CYRILLIC.match(token):
        for ending in _ENDINGS:
            if token.endswith(ending) and len(token) - len(ending) >= 3:
                return token[: -len(ending)]
    return unicodedata.normalize("NFC", token)


def keys(phrase: str) -> tuple[str, ...]:
    """The comparison forms of a phrase's word tokens."""
    if phrase.isascii():
        return tuple(WORD.findall(phrase))
    return tuple(key(t) for t in WORD.findall(unicodedata.normalize("NFC", phrase)))


@dataclass(frozen=True)
class Mention:
    """One place where the text names a registry person."""

    start: int
    end: int
    phrase: str
    """As written, with the title when the match needed one ("President Bush", "Mr Blair")."""
    leaders: tuple[int, ...]
    officials: tuple[int, ...]
    form: str
    """ "name" (a full name), "titled" (title + surname), "regnal" (King + given name) or "surname"."""
    title: Title | None
    """Office words written before or just after the name."""


@dataclass(frozen=True)
class NameTable:
    """Names as token-key tuples -> registry indexes (leaders, and officials for full names)."""

    names: Mapping[tuple[str, ...], tuple[tuple[int, ...], tuple[int, ...]]]
    surnames: Mapping[tuple[str, ...], tuple[int, ...]]
    regnal: Mapping[tuple[str, ...], tuple[int, ...]]
    given: tuple[frozenset[str], ...]
    """Per leader: every word of every name, to tell "Dan Brown" from "Gordon Brown"."""
    cjk: re.Pattern[str] | None
    first: frozenset[str]
    maxlen: int
    any: frozenset[tuple[str, ...]] = frozenset()
    """Every key of the three tables."""
    monarchs: frozenset[int] = frozenset()
    """Leaders with a regnal name: their full name may be given names only ("Juan Carlos")."""

    @classmethod
    def build(
        cls,
        leaders: Iterable[tuple[str, Iterable[str], Iterable[str], Iterable[str]]],
        officials: Iterable[Iterable[str]],
    ) -> NameTable:
        """`leaders`: (name, aliases, surnames, regnal names) per leader; `officials`: names per
        official. A one-word alias is a surname."""
        lead: dict[tuple[str, ...], list[int]] = {}
        off: dict[tuple[str, ...], list[int]] = {}
        surnames: dict[tuple[str, ...], list[int]] = {}
        regnal: dict[tuple[str, ...], list[int]] = {}
        cjk: set[str] = set()
        given = []
        for i, (name, aliases, family, regnals) in enumerate(leaders):
            words: set[str] = set()
            for alias in (name, *aliases):
                toks = keys(alias)
                words.update(toks)
                if not toks:
                    continue
                if CJK.search(alias):
                    cjk.add(alias)
                    lead.setdefault((alias,), []).append(i)
                elif " " not in alias.strip():
                    surnames.setdefault(toks, []).append(i)
                else:
                    lead.setdefault(toks, []).append(i)
            for alias in family:
                if toks := keys(alias):
                    surnames.setdefault(toks, []).append(i)
            for alias in regnals:
                regnal.setdefault(keys(alias), []).append(i)
            given.append(frozenset(words))
        for j, forms in enumerate(officials):
            for alias in forms:
                toks = keys(alias)
                if len(toks) >= 2:
                    off.setdefault(toks, []).append(j)
        names = {k: (_ids(lead.get(k)), _ids(off.get(k))) for k in lead.keys() | off.keys()}
        firsts = {k[0] for k in [*names, *surnames, *regnal] if k}
        longest = max((len(k) for k in [*names, *surnames, *regnal]), default=1)
        return cls(
            names,
            {k: _ids(v) for k, v in surnames.items()},
            {k: _ids(v) for k, v in regnal.items()},
            tuple(given),
            re.compile("|".join(map(re.escape, sorted(cjk, key=len, reverse=True)))) if cjk else None,
            frozenset(firsts),
            longest,
            frozenset([*names, *surnames, *regnal]),
            frozenset(i for ids in regnal.values() for i in ids),
        )


def _ids(found: list[int] | None) -> tuple[int, ...]:
    return tuple(sorted(set(found))) if found else ()


Token = tuple[str, int, int]
"""A word as written, its start and end offsets."""


def tokenize(text: str) -> list[Token]:
    """The word tokens of a text."""
    return [(m.group(), m.start(), m.end()) for m in WORD.finditer(text)]


def joined(text: str, toks: list[Token], i: int, size: int) -> bool:
    """Tokens i .. i+size-1 form one name: only spaces, hyphens, dots or apostrophes between them."""
    for a, b in zip(toks[i : i + size - 1], toks[i + 1 : i + size], strict=False):
        gap = text[a[2] : b[1]]
        if len(gap) > 2 or not set(gap) <= _GAP:
            return False
    return True


def find_mentions(text: str, table: NameTable, toks: list[Token] | None = None) -> list[Mention]:
    """Every registry name in `text` (tokens `toks`, if already split), longest match first, in text order."""
    toks = tokenize(text) if toks is None else toks
    ks = [t[0] if t[0].isascii() else key(t[0]) for t in toks]
    alts = _alternatives(toks, ks) if _CYRILLIC.search(text) else None
    out: list[Mention] = []
    i, n = 0, len(toks)
    while i < n:
        if ks[i] not in table.first and not (alts and any(a in table.first for a in alts[i])):
            i += 1
            continue
        size = 0
        if alts is None:
            size = _match(table, ks, i, n, out, text, toks)
        else:
            # The longest name first, each word as written or as one of its lemmas.
            for width in range(min(table.maxlen, n - i), 0, -1):
                for words in product(*alts[i : i + width]):
                    if words in table.any:
                        size = _match(table, list(words), 0, width, out, text, toks[i : i + width])
                        if size:
                            break
                if size:
                    break
        i += size or 1
    if table.cjk:
        for m in table.cjk.finditer(text):
            ids = table.names[(m.group(),)][0]
            out.append(Mention(m.start(), m.end(), m.group(), ids, (), "name", None))
    if alts is not None:
        # «Германии», «Дании»: a place's name in some case, not Natalia Gherman or Nicusor Dan.
        out = [m for m in out if m.form == "name" or not _place_word(text[m.start : m.end])]
        # Not through the namesake test («путинская Россия» is no "Dan Brown"): tagging.py checks
        # each adjective's surname against the leader's own and the dictionary (_adjective_of).
        adjectives = _surname_adjectives(toks, table)
        return sorted(
            _assign_surnames(sorted(out, key=lambda m: m.start), table, text, toks) + adjectives, key=lambda m: m.start
        )
    return _assign_surnames(sorted(out, key=lambda m: m.start), table, text, toks)


_ADJECTIVE = re.compile(r"([а-яё]{4,}?)(?:ов|ев|ёв)?ск(?:ий|ая|ое|ие|ого|ой|ому|им|ым|их|ых|ими|ыми|ую|ом)")


def adjective_surnames(word: str) -> tuple[str, ...]:
    """The surnames a lower-case Russian adjective may be made from: «сталинских» -> Сталин,
    «горбачёвской» -> Горбачёв, Горбач, «трамповский» -> Трампов, Трамп («абелевская» is not Abela's)."""
    m = _ADJECTIVE.fullmatch(word)
    if m is None:
        return ()
    stem, suffix = m.group(1), word[m.end(1) : m.end(1) + 2]
    out = [stem[:1].upper() + stem[1:]]
    if suffix in ("ов", "ев", "ёв"):
        out = [out[0] + suffix, out[0]]
    return tuple(out)


def _surname_adjectives(toks: list[Token], table: NameTable) -> list[Mention]:
    """«сталинских репрессий», «путинской России»: a lower-case adjective made from one leader's surname
    names them as "Brownite" or "the Bush administration" does (a surname shared by two leaders names
    neither); tagging.py confirms the surname (_adjective_of)."""
    out = []
    for word, start, end in toks:
        # Lower case only: a capitalised word may be a surname in its own right («Поэт Исаковский»).
        for name in adjective_surnames(word) if word[:1].islower() and _CYRILLIC.match(word) else ():
            ids = table.surnames.get((key(name),), ())
            if len(ids) == 1 and len(name) >= 5:
                out.append(Mention(start, end, word, ids, (), "surname", None))
                break
    return out


def _place_word(phrase: str) -> bool:
    words = WORD.findall(phrase)
    return bool(words) and bool(_CYRILLIC.match(words[-1])) and "Geox" in morph.tags(words[-1])


def _alternatives(toks: list[Token], ks: list[str]) -> list[tuple[str, ...]]:
    """Per token, its comparison forms: as written, then (for a capitalised Cyrillic word) its lemmas'."""
    out = []
    for (word, _, _), k in zip(toks, ks, strict=True):
        if word[:1].isupper() and _CYRILLIC.match(word):
            out.append(tuple(dict.fromkeys([k, *(key(lemma) for lemma in morph.lemmas(word))])))
        else:
            out.append((k,))
    return out


def _match(
    table: NameTable,
    ks: list[str],
    i: int,
    n: int,
    out: list[Mention],
    text: str,
    toks: list[tuple[str, int, int]],
) -> int:
    """The longest name, surname or regnal name starting at token i, appended to `out`; its length."""
    for size in range(min(table.maxlen, n - i), 0, -1):
        words = tuple(ks[i : i + size])
        if words not in table.any or (size > 1 and not joined(text, toks, i, size)):
            continue
        start, end = toks[i][1], toks[i + size - 1][2]
        hit = table.names.get(words) if size > 1 else None
        if hit:
            title = title_before(text, start) or title_after(text, end) or _own_title(ks[i])
            if title is None and hit[0] and set(hit[0]) <= table.monarchs and _name_goes_on(text, toks, i + size):
                # "Juan Carlos Corona is called into the office": a farm worker, not the king; remembered
                # (as a mention of no one), so that his "Juan Carlos" later on is not the king either.
                out.append(Mention(start, end, text[start:end], (), (), NAMESAKE, None))
                return size
            if _before_place_word(text, toks, i + size - 1):
                return size  # "the Salvador Allende Foundation", "John F. Kennedy Airport": a place named after them
            out.append(Mention(start, end, text[start:end], hit[0], hit[1], "name", title))
            return size
        family, regnal = table.surnames.get(words), table.regnal.get(words)
        if not (family or regnal):
            continue
        title = title_before(text, start)
        if regnal and title and (title.role in MONARCH_TITLES or title.role in _HEIR):
            if _other_numeral(toks, i + size, regnal, table, monarch=True):
                return size  # "King George III" is not King George Tupou V
            out.append(Mention(title_start(text, start, title), end, "", regnal, (), "regnal", title))
            return size
        if not family:
            continue
        if _other_numeral(toks, i + size, family, table, monarch=title is not None and title.role in MONARCH_TITLES):
            return size  # "King Faisal I" of Iraq is not King Faisal of Saudi Arabia
        if title and (title.courtesy or title.role in LEADER_TITLES):
            out.append(Mention(title_start(text, start, title), end, "", family, (), "titled", title))
        else:
            out.append(Mention(start, end, text[start:end], family, (), "surname", title_after(text, end)))
        return size
    return 0


_NUMERAL = re.compile(r"^[IVXL]+$")
NAMESAKE = "namesake"
"""The form of a marker for a name that is someone else's here ("Juan Carlos Ferrero"); never returned."""


def _other_numeral(
    toks: list[tuple[str, int, int]], j: int, ids: tuple[int, ...], table: NameTable, monarch: bool
) -> bool:
    """Whether a name is followed by a regnal numeral that none of these leaders' names has ("I"
    only after a monarch's title: "Obama I think" is a pronoun)."""
    word = toks[j][0] if j < len(toks) else ""
    return bool(_NUMERAL.match(word)) and (monarch or word != "I") and all(key(word) not in table.given[c] for c in ids)


def _name_goes_on(text: str, toks: list[tuple[str, int, int]], j: int) -> bool:
    """Whether the name that ends before token `j` runs on into another capitalised name word
    (not a regnal numeral, a month or a day)."""
    if j >= len(toks) or text[toks[j - 1][2] : toks[j][1]] != " ":
        return False
    word = toks[j][0]
    return word[:1].isupper() and not _NUMERAL.match(word) and word not in CALENDAR


CALENDAR = frozenset(MONTH_NAMES + DAY_NAMES)
"""Capitalised words that name a month or a day, not a person."""


# An heir's title that opens a Russian alias («принц Чарльз»): the man named so was not yet king.
_RU_HEIR = {"принц": "prince", "принцесса": "princess", "кронпринц": "prince"}


def _own_title(first: str) -> Title | None:
    """A registry name that begins with its office ("Pope Francis", "King Abdullah II", «принц Чарльз»)."""
    role = _RU_HEIR.get(first.lower(), first.lower())
    return Title(first, role, None, True) if role in LEADER_TITLES or role in _HEIR else None


def title_start(text: str, start: int, title: Title) -> int:
    """Where the role word of `title` begins (the phrase kept as evidence is "President Bush")."""
    window = text[max(0, start - 40) : start]
    words = title.role.split()
    at = window.lower().rfind(words[0])
    return max(0, start - 40) + at if at >= 0 else start


def _assign_surnames(
    found: list[Mention], table: NameTable, text: str, toks: list[tuple[str, int, int]]
) -> list[Mention]:
    """Fill the phrase of titled forms; drop a surname that follows someone else's given name
    ("Dan Brown", "Michael Howard") and later courtesy forms of that surname ("Mr Howard")."""
    starts = {t[1]: k for k, t in enumerate(toks)}
    namesakes: set[str] = set()
    others = {key(m.phrase) for m in found if m.form == NAMESAKE}
    out: list[Mention] = []
    for m in found:
        if m.form == NAMESAKE or (m.form == "name" and m.title is None and key(m.phrase) in others):
            continue
        if m.form in ("surname", "titled", "regnal"):
            m = Mention(m.start, m.end, text[m.start : m.end], m.leaders, m.officials, m.form, m.title)
        if m.form == "surname" and (
            _before_place_word(text, toks, starts.get(m.start))
            or _double_barrelled(text, toks, starts.get(m.start), table)
        ):
            continue
        if m.form == "surname" and (
            _after_other_given(text, toks, starts.get(m.start), m.leaders, table)
            or _after_other_initials(text, toks, starts.get(m.start), m.leaders, table)
            or _before_other_word(text, toks, starts.get(m.start), m.leaders, table)
        ):
            namesakes.add(_last(m.phrase))
            continue
        if m.form == "name" and m.officials and not m.leaders:
            namesakes.add(_last(m.phrase))
        out.append(m)
    return [
        m
        for m in out
        if not (
            m.form in ("surname", "titled")
            and m.title is not None
            and m.title.courtesy
            and _last(m.phrase) in namesakes
        )
        and not (m.form == "surname" and _last(m.phrase) in namesakes)
    ]


def _last(phrase: str) -> str:
    words = WORD.findall(phrase)
    return key(words[-1]) if words else ""


def _before_other_word(
    text: str, toks: list[tuple[str, int, int]], k: int | None, ids: tuple[int, ...], table: NameTable
) -> bool:
    """A Russian surname followed by a capitalised word that is no part of the leader's names is
    part of another name («больница Санта Орсола» is not Alfred Sant), unless that word is another
    leader's («сын Акихито Нарухито») or one the dictionary reads as common: a headline's lines run
    together («… Акихито Император Японии …»)."""
    if k is None or k + 1 >= len(toks) or not _CYRILLIC.match(toks[k][0]):
        return False
    word, nxt = toks[k], toks[k + 1]
    return (
        text[word[2] : nxt[1]] == " "
        and nxt[0][:1].isupper()
        and nxt[0].upper() != nxt[0]
        and bool(_CYRILLIC.match(nxt[0]))
        and all(key(nxt[0]) not in table.given[i] for i in ids)
        and (key(nxt[0]),) not in table.surnames
        and not morph.is_common_word(nxt[0])
    )


def _double_barrelled(text: str, toks: list[tuple[str, int, int]], k: int | None, table: NameTable) -> bool:
    """A surname hyphened to another capitalised word that names no one in the registry is part of
    a double-barrelled name ("Helena Bonham-Carter", "Carter-Ruck"); "the Putin-Lukashenko talks"
    and "pro-Putin" still name the leader."""
    if k is None:
        return False
    for a, b in ((k - 1, k), (k, k + 1)):  # the word hyphened before it, then after it
        if a >= 0 and b < len(toks) and text[toks[a][2] : toks[b][1]] == "-":
            other = toks[a if b == k else b][0]
            if other[:1].isupper() and (key(other),) not in table.any:
                return True
    return False


def _before_place_word(text: str, toks: list[tuple[str, int, int]], k: int | None) -> bool:
    if k is None or k + 1 >= len(toks):
        return False
    nxt = toks[k + 1]
    return text[toks[k][2] : nxt[1]] == " " and nxt[0] in _PLACE_WORDS


# Capitals before a surname that are no one's initials: "US Obama", "PM Blair".
_NOT_INITIALS = frozenset({"US", "UK", "EU", "UN", "USA", "PM", "MP", "MPS", "TV", "GOP", "DC", "BBC", "CNN", "AP"})


def _after_other_initials(
    text: str, toks: list[tuple[str, int, int]], k: int | None, ids: tuple[int, ...], table: NameTable
) -> bool:
    """A surname after initials that are none of the leader's ("JK Rowling", "J.K. Rowling"), which
    are another person's."""
    if not k:
        return False
    letters: list[str] = []
    j = k
    while j > 0 and len(letters) < 3:
        prev = toks[j - 1]
        gap = text[prev[2] : toks[j][1]]
        if not (re.fullmatch(r"[A-Z]{1,3}", prev[0]) and gap in (" ", ". ", ".", ".\u00a0")):
            break
        letters[:0] = list(prev[0])
        j -= 1
        if len(prev[0]) > 1:
            break
    if (
        not letters
        or "".join(letters) in _NOT_INITIALS
        or (len(letters) == 1 and text[toks[k - 1][2] : toks[k][1]] == " ")
    ):
        return False  # one capital and a space is a word ("A Putin ally"), not an initial
    initials = set(letters)
    return all(not initials <= {w[:1].upper() for w in table.given[i]} for i in ids)


def _after_other_given(
    text: str, toks: list[tuple[str, int, int]], k: int | None, ids: tuple[int, ...], table: NameTable
) -> bool:
    if not k:
        return False
    prev = toks[k - 1]
    gap = text[prev[2] : toks[k][1]]
    return (
        gap.isspace()
        and "\n\n" not in gap.replace("\r", "")  # a name never runs across a paragraph: "… Advocates Say\n\nObama said"
        and prev[0][:1].isupper()
        and prev[0] not in _NOT_GIVEN
        and prev[0].upper() != prev[0]
        and all(key(prev[0]) not in table.given[i] for i in ids)
        # Russian capitalises only a sentence's first word: «Встреча Путина» is no "Dan Brown".
        and (not _CYRILLIC.match(prev[0]) or "Name" in morph.tags(prev[0]))
    )


__all__ = ["COURTESY", "Mention", "NameTable", "find_mentions", "key", "keys"]
