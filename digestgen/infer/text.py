"""Reading wire copy: sentences, headlines, datelines and the news source."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Tokens that end with a full stop but rarely end a sentence.
ABBREVIATIONS = frozenset("""
mr mrs ms dr prof st mt ft sr jr gen col lt maj sgt capt cmdr adm gov sen rep rev hon pres
jan feb mar apr jun jul aug sep sept oct nov dec no nos vs etc al approx est inc ltd co corp plc
dept univ fig eg ie cf ca u.s u.k u.n e.u u.s.a a.m p.m e.g i.e
""".split())

# Abbreviations that only hold before a number ("No. 10"); before a word they end a sentence.
NUMBER_PREFIXES = frozenset({"no", "nos", "fig"})
# Ends a sentence even before a capital: "... and so on etc. The next ..."
_CLOSING = frozenset({"etc"})

_BOUNDARY = re.compile(r"""([.!?…]+["'”’)\]]*)\s+(?=["'“‘(\[]?[A-Z0-9])""")
_WORD_BEFORE = re.compile(r"""([\w.&'’-]+)$""")

AGENCIES = {
    "reuters": "Reuters", "ap": "AP", "associated press": "Associated Press", "afp": "AFP",
    "agence france-presse": "AFP", "ria news": "RIA News", "ria novosti": "RIA Novosti", "tass": "TASS",
    "itar-tass": "TASS", "interfax": "Interfax", "xinhua": "Xinhua", "bbc": "BBC", "bbc news": "BBC News",
    "cnn": "CNN", "bloomberg": "Bloomberg", "dpa": "dpa", "kyodo": "Kyodo", "yonhap": "Yonhap",
    "anadolu": "Anadolu", "anadolu agency": "Anadolu Agency", "belta": "BelTA", "ukrinform": "Ukrinform",
    "unian": "UNIAN", "al jazeera": "Al Jazeera", "sputnik": "Sputnik", "pti": "PTI", "efe": "EFE",
    "ansa": "ANSA", "nhk": "NHK", "upi": "UPI", "pap": "PAP", "ians": "IANS", "bernama": "Bernama",
}
_AGENCY_ALT = "|".join(sorted((re.escape(a) for a in AGENCIES), key=len, reverse=True))
_DATELINE = re.compile(
    r"""^(?:(?P<place>[A-Z][A-Z .'’-]{1,40}?[A-Z.])(?:,\s*(?P<when>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?))?\s*)?"""
    r"""(?:\((?P<agency>[A-Z][\w.&'’ -]{1,30})\)\s*)?(?:[-–—]{1,2}|:)\s+""",
)
_BARE_AGENCY = re.compile(
    rf"""^(?:\((?P<agency>{_AGENCY_ALT})\)\s*(?:[-–—]{{1,2}}\s*)?|(?P<agency2>{_AGENCY_ALT})\s*[-–—]{{1,2}}\s+)""", re.IGNORECASE
)
_CREDIT = re.compile(
    rf"""(?:reported\s+by|according\s+to|coverage\s+by|quoted\s+by|told|cited\s+by|said\s+in\s+a\s+statement\s+to)\s+(?:the\s+)?(?P<agency>{_AGENCY_ALT})\b""",
    re.IGNORECASE,
)
_TRAILING_AGENCY = re.compile(rf"""\((?P<agency>{_AGENCY_ALT})\)""", re.IGNORECASE)


@dataclass(frozen=True)
class Lead:
    """The opening of a text: dateline and agency (if any) and the rest."""

    dateline: str | None
    agency: str | None
    text: str


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs on blank lines; text with no blank line at all has a paragraph per line."""
    text = text.strip("\n")
    if not text:
        return []
    blocks = re.split(r"\n[ \t]*\n+", text) if re.search(r"\n[ \t]*\n", text) else text.split("\n")
    return [" ".join(b.split()) for b in blocks if b.strip()]


def split_sentences(text: str) -> list[str]:
    """Sentences of a text, surviving abbreviations, initials, decimals and quotes."""
    sentences: list[str] = []
    for para in split_paragraphs(text):
        start = 0
        for m in _BOUNDARY.finditer(para):
            if _is_false_boundary(para[start:m.start()], m.group(1), para[m.end():m.end() + 1]):
                continue
            sentences.append(para[start:m.end(1)].strip())
            start = m.end()
        tail = para[start:].strip()
        if tail:
            sentences.append(tail)
    return sentences


def _is_false_boundary(before: str, punct: str, following: str = "") -> bool:
    """A full stop after an abbreviation or an initial ("J. K.", "Mr.") does not end a sentence.

    Acronyms ("the FT.", "M&S.") and lower-case letters ("3.7m/h.") are not abbreviations.
    """
    if punct != ".":
        return False
    m = _WORD_BEFORE.search(before)
    if not m:
        return False
    token = m.group(1).rstrip(".")
    word = token.lower()
    if len(token) == 1:
        return token.isupper()  # an initial
    if token.isupper() and "." not in token or word in _CLOSING:
        return False
    if word in NUMBER_PREFIXES:
        return following.isdigit()
    return word in ABBREVIATIONS or word.replace(".", "") in ABBREVIATIONS and "." in word


def headline(text: str) -> tuple[str | None, str]:
    """The first line as a headline when a blank line follows and it reads as one."""
    first, sep, rest = text.lstrip("\n").partition("\n")
    if not sep or not rest.startswith("\n") and not re.match(r"[ \t]*\n", rest):
        return None, text
    line = " ".join(first.split()).lstrip("#").strip()  # a Markdown-style "# Heading" line counts
    words = line.split()
    if not (1 <= len(words) <= 20 and len(line) <= 160 and rest.strip()):
        return None, text
    if line.endswith((".", ",", ";", ":")) and not line.endswith("..."):
        return None, text
    if not (line[0].isupper() or line[0].isdigit() or line[0] in "\"'“‘"):
        return None, text
    return line, rest.lstrip("\n")


def read_lead(text: str) -> Lead:
    """Split a dateline ("MOSCOW, Nov 26 (Reuters) -", "(CNN) —") from the text."""
    stripped = text.lstrip()
    m = _BARE_AGENCY.match(stripped)
    if m:
        agency = m.group("agency") or m.group("agency2")
        return Lead(m.group(0).strip().rstrip("-–—").strip(), _agency(agency), stripped[m.end():])
    m = _DATELINE.match(stripped)
    place, agency = (m.group("place"), m.group("agency")) if m else (None, None)
    if m and (place and place.isupper() and len(place) > 2 or not place and agency and agency.lower() in AGENCIES):
        return Lead(m.group(0).strip().rstrip("-–—:").strip(), _agency(m.group("agency")), stripped[m.end():])
    return Lead(None, None, text)


def find_source(text: str) -> str | None:
    """The news source named in the text: a dateline agency, "(Reuters)", "reported by RIA News"."""
    lead = read_lead(text)
    if lead.agency:
        return lead.agency
    head = text[:400]
    m = _TRAILING_AGENCY.search(head)
    if m:
        return _agency(m.group("agency"))
    m = _CREDIT.search(text)
    return _agency(m.group("agency")) if m else None


def _agency(name: str | None) -> str | None:
    """Canonical spelling of a known agency; other names as written."""
    if not name:
        return None
    name = " ".join(name.split())
    return AGENCIES.get(name.lower(), name)


_TITLE_STOP = frozenset("a an the of to in on at for and or but with by from as that which who is are was were its their his her".split())


def title_from(text: str, max_words: int = 12) -> str:
    """A short readable title from the lead sentence, cut on a word boundary."""
    sentences = split_sentences(read_lead(text).text)
    if not sentences:
        return ""
    first = sentences[0].rstrip(".!?…").strip()
    words = first.split()
    if len(words) <= max_words:
        return first
    clause = re.split(r",\s|\s[–—-]\s|;\s|:\s", first)[0].split()
    if 5 <= len(clause) <= max_words:
        return " ".join(clause)
    cut = words[:_phrase_end(words, max_words) or max_words]
    while len(cut) > 4 and cut[-1].lower().strip(",;:") in _TITLE_STOP:
        cut.pop()
    return " ".join(cut).rstrip(",;:") + "…"


# A title may stop before one of these: what precedes them is usually a complete phrase.
_PHRASE_BREAKS = frozenset("that which who after before as amid over while when following despite because "
                           "since until against during with without".split())


def _phrase_end(words: list[str], max_words: int) -> int | None:
    """The latest cut (6 to max_words + 2 words) just before a preposition or conjunction."""
    for end in range(min(len(words) - 1, max_words + 2), 5, -1):
        if words[end].lower() in _PHRASE_BREAKS and words[end - 1].lower() not in _TITLE_STOP:
            return end
    return None


def word_count(text: str) -> int:
    """Words of a plain text."""
    return len(text.split())
