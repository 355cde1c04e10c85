"""Name handling for the registry build: tokens, identity tests, display forms and aliases."""

from __future__ import annotations

import difflib
import re

from anyascii import anyascii

# Honorifics and ranks that datasets put in front of a name; never part of the display name.
_HONORIFICS_WORDS = (
    "general gen lt lieutenant colonel col major maj brigadier brig field marshal admiral air commodore "
    "captain capt mian hojatolislam hojjatoleslam hojatoleslam ayatollah grand sheikh shaikh sheik haji "
    "hajji dr doctor prof professor sir dame lord lady mr mrs ms president prime minister king queen emir "
    "amir sultan prince princess his her highness excellency majesty pope chancellor premier chairman rev "
    "reverend father archbishop bishop cardinal imam mullah mawlawi maulvi"
)
HONORIFICS = frozenset(_HONORIFICS_WORDS.split())
# Particles written in lower case inside a name ("Bashar al-Assad", "Ursula von der Leyen").
_PARTICLES_WORDS = "al el ad ash as at ar an az bin ibn bint ben van von der den de da do dos das du la le y di ul ud"
PARTICLES = frozenset(_PARTICLES_WORDS.split())
# Single words that are ordinary English (or very common given) words: never a bare alias.
_NOISY_TOKENS_WORDS = (
    "may march june july august key major will hope king little young long rich said ali mohamed muhammad "
    "mohammed ahmed ahmad hassan hussein abdullah khan singh kumar good best love rose grant chance power "
    "faith cash prince duke court bishop jordan chad georgia israel"
)
NOISY_TOKENS = frozenset(_NOISY_TOKENS_WORDS.split())
_LOWER_OK = PARTICLES | {"wa", "e", "of", "dit", "und", "bint", "d", "l"}
_ROMAN = re.compile(r"^(?:[IVX]+|[ivx]+)$")
_PATRONYMIC = re.compile(r"(ovich|evich|avich|ovna|evna|ichna|yevich|yevna)$", re.IGNORECASE)
_QID = re.compile(r"^Q\d+$")


def norm_tokens(name: str) -> tuple[str, ...]:
    """ASCII, lower-case word tokens of a name: "G.W. Bush" -> ("g", "w", "bush")."""
    low = re.sub(r"\b(?:al|el|ad|ash|as|at|ar|an|az)-", "", anyascii(name).lower())  # "al-Sisi" = "Sisi"
    return tuple(re.sub(r"[^a-z0-9]+", " ", low).split())


def is_qid(name: str) -> bool:
    """A Wikidata item id standing in for a missing label."""
    return bool(_QID.match(name))


def strip_honorifics(name: str) -> str:
    """ "General Pervez Musharraf" -> "Pervez Musharraf"; keeps at least two words when it can."""
    words = name.replace("_", " ").split()
    while len(words) > 2 and words[0].lower().strip(".") in HONORIFICS:
        words = words[1:]
    return " ".join(words)


_INITIAL = re.compile(r"^(?:[^\W\d_]\.)+[^\W\d_]?\.?,?$|^[^\W\d_],?$")


def has_initial(name: str) -> bool:
    """ "B. Cowen", "Al-Assad H.", "G.W. Bush": the given name or the surname is only an initial
    (a middle initial, as in "George W. Bush", is the common form)."""
    words = name.split()
    return bool(words) and any(_INITIAL.match(w) and not _ROMAN.match(w) for w in (words[0], words[-1]))


def is_regnal(name: str) -> bool:
    """ "Elizabeth II", "Carl XVI Gustaf": a monarch's name with a regnal number."""
    return any(_ROMAN.match(w) for w in name.split()[1:])


def covered(small: tuple[str, ...], big: tuple[str, ...]) -> bool:
    """Every token of `small` is in `big` (a one-letter token may stand for an initial)."""
    return bool(small) and all(t in big or (len(t) == 1 and any(b.startswith(t) for b in big)) for t in small)


def similar(a: str, b: str, threshold: float) -> bool:
    """Spelling variants of one word: "Lukashenka"/"Lukashenko", "Mohammad"/"Muhammad"."""
    return a == b or difflib.SequenceMatcher(None, a, b).ratio() >= threshold


def full_names_match(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two multi-token names denote one person: one's tokens contain the other's."""
    if len(a) < 2 or len(b) < 2:
        return False
    if len(a) >= 3 and len(b) >= 3:
        return a == b
    return covered(a, b) or covered(b, a)


def surname_fits(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """A surname-only form ("Essebi", "Lula", "Nazarbaev") fits a full name's words."""
    if not short or not full:
        return False
    if covered(short, full):
        return True
    return len(short) == 1 and any(len(w) > 3 and similar(short[0], w, 0.8) for w in full[1:] or full)


def compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Loose identity for records that also overlap in time: same surname, compatible given name."""
    if not a or not b:
        return False
    if len(a) == 1 or len(b) == 1:
        return surname_fits(a if len(a) == 1 else b, b if len(a) == 1 else a)
    if not (similar(a[-1], b[-1], 0.8) or a[-1] in b or b[-1] in a):
        return covered(a, b) or covered(b, a)
    x, y = a[0], b[0]
    return x.startswith(y) or y.startswith(x) or similar(x, y, 0.6) or bool(set(a[:-1]) & set(b[:-1]))


def strict_match(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Same person for two full names without other evidence: one covers the other, or the same
    surname with a compatible given name ("Aleksandr"/"Alexander", "Mohammad"/"Muhammad")."""
    if len(a) < 2 or len(b) < 2:
        return False
    if covered(a, b) or covered(b, a):
        return True
    if not similar(a[-1], b[-1], 0.9):
        return False
    x, y = a[0], b[0]
    return x.startswith(y) or y.startswith(x) or similar(x, y, 0.75)


def restore_case(upper: str, mixed: list[str]) -> str:
    """ "ABDELAZIZ_BOUTEFLIKA" -> "Abdelaziz Bouteflika", borrowing spellings from mixed-case names."""
    known: dict[str, str] = {}
    for name in mixed:
        for word in name.split():
            known.setdefault(anyascii(word).lower(), word)
    out = []
    for i, word in enumerate(upper.replace("_", " ").split()):
        low = word.lower()
        if low in known and not known[low].isupper():
            out.append(known[low])
        elif i and low in PARTICLES:
            out.append(low)
        else:
            out.append("-".join(_cap(part, j > 0 or i > 0) for j, part in enumerate(low.split("-"))))
    return " ".join(out)


def _cap(part: str, inner: bool) -> str:
    if inner and part in PARTICLES:
        return part
    if _ROMAN.match(part):
        return part.upper()
    if part.startswith("mc") and len(part) > 4:
        return "Mc" + part[2:].capitalize()
    if "'" in part:
        head, _, tail = part.partition("'")
        return f"{head.capitalize()}'{tail.capitalize()}" if len(head) <= 1 else f"{head.capitalize()}'{tail}"
    return part.capitalize()


def drop_patronymic(name: str) -> str:
    """ "Vladimir Vladimirovich Putin" -> "Vladimir Putin"."""
    words = name.split()
    if len(words) < 3:
        return name
    return " ".join(w for i, w in enumerate(words) if i in (0, len(words) - 1) or not _PATRONYMIC.search(w))


def good_display(name: str, monarch: bool = False) -> bool:
    """A display name must give a given name: no bare surname, no initials, no Q-id, and every
    word capitalised but particles ("Nayib buke" is a typo in one Wikidata snapshot)."""
    words = name.split()
    cased = all(
        w[:1].isupper() or not w[:1].isalpha() or re.split(r"[-'\u2019]", w.lower())[0] in _LOWER_OK for w in words
    )
    single = monarch and len(words) == 1 and len(name) > 2
    return (len(words) >= 2 or is_regnal(name) or single) and cased and not has_initial(name) and not is_qid(name)


_SURNAME_PREFIX = frozenset(
    ["st", "saint", "san", "santa", "van", "von", "de", "da", "del", "della", "di", "du", "le", "la", "mac", "o"]
)


def surname(name: str, name_first: bool) -> str | None:
    """The bare surname alias of a display name, if it has a usable one ("Van Rompuy", "St. John")."""
    words = name.split()
    if len(words) < 2 or is_regnal(name) or name_first:
        return None
    if len(words) >= 3 and words[-2].lower().rstrip(".") in _SURNAME_PREFIX:
        return " ".join(words[-2:])
    word = words[-1]
    if len(word) < 3 or word.lower() in NOISY_TOKENS or _ROMAN.match(word):
        return None
    if len(words) >= 3 and words[-2].lower() in PARTICLES:  # "al-Assad" style is handled by hyphens
        return None
    return word
