"""Reading wire copy: sentences, headlines, datelines and the news source."""

from __future__ import annotations

import re
from dataclasses import dataclass

from digestgen.text import ru
from digestgen.text.titles import headline_from, headlinese


def word_set(text: str) -> frozenset[str]:
    """The words of a whitespace-separated list."""
    return frozenset(text.split())


# Tokens that end with a full stop but rarely end a sentence.
ABBREVIATIONS = word_set("""
mr mrs ms dr prof st mt ft sr jr gen col lt maj sgt capt cmdr adm gov sen rep rev hon pres
jan feb mar apr jun jul aug sep sept oct nov dec no nos vs etc al approx est inc ltd co corp plc
dept univ fig eg ie cf ca u.s u.k u.n e.u u.s.a a.m p.m e.g i.e
""")

# Abbreviations that only hold before a number ("No. 10"); before a word they end a sentence.
NUMBER_PREFIXES = frozenset({"no", "nos", "fig"})
# Ends a sentence even before a capital: "... and so on etc. The next ..."
_CLOSING = frozenset({"etc"})

_BOUNDARY = re.compile(r"""([.!?…]+["'”’)\]]*)\s+(?=["'“‘(\[]?[A-Z0-9])""")
_WORD_BEFORE = re.compile(r"""([\w.&'’-]+)$""")

AGENCIES = {
    "reuters": "Reuters",
    "ap": "AP",
    "associated press": "Associated Press",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "ria news": "RIA News",
    "ria novosti": "RIA Novosti",
    "tass": "TASS",
    "itar-tass": "TASS",
    "interfax": "Interfax",
    "xinhua": "Xinhua",
    "bbc": "BBC",
    "bbc news": "BBC News",
    "cnn": "CNN",
    "bloomberg": "Bloomberg",
    "dpa": "dpa",
    "kyodo": "Kyodo",
    "yonhap": "Yonhap",
    "anadolu": "Anadolu",
    "anadolu agency": "Anadolu Agency",
    "belta": "BelTA",
    "ukrinform": "Ukrinform",
    "unian": "UNIAN",
    "al jazeera": "Al Jazeera",
    "sputnik": "Sputnik",
    "pti": "PTI",
    "efe": "EFE",
    "ansa": "ANSA",
    "nhk": "NHK",
    "upi": "UPI",
    "pap": "PAP",
    "ians": "IANS",
    "bernama": "Bernama",
}
_AGENCY_ALT = "|".join(sorted((re.escape(a) for a in AGENCIES), key=len, reverse=True))
_MONTH = (
    r"(?i:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WHEN = (
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}\s+{_MONTH}(?:,?\s+\d{{4}})?|\d{{4}}-\d\d-\d\d)"
)
# A place: capitalised words (with "de", "of", ... between them), then perhaps ", Region".
_CAP = r"[A-Z][\w'’.-]*"
_PLACE = (
    rf"{_CAP}(?:[ ]{{1,2}}(?:{_CAP}|de|del|la|le|of|al|el|upon|am|an|on)){{0,4}}(?:,[ ]?{_CAP}(?:[ ]{_CAP}){{0,2}})?"
)
_DASH = r"(?:[-–—]{1,2}|:|\.-)"
# Agency datelines: "MOSCOW, Nov 26 (Reuters) -", "Madison, Wisconsin (CNN)Friends", "Berlin (dpa) -",
# "MOSCOW, March 5. /TASS/.", "TOKYO, March 5 Kyodo -". A known agency may follow any place, glued or not.
_AGENCY_DATELINE = re.compile(
    rf"""^(?P<place>{_PLACE})?(?:[,.]?\s*(?P<when>{_WHEN}))?\.?\s{{0,3}}"""
    rf"""(?:\((?P<a1>(?i:{_AGENCY_ALT}))\)|/(?P<a2>(?i:{_AGENCY_ALT}))/\.?|(?P<a3>(?i:{_AGENCY_ALT}))(?=\s*{_DASH}))"""
    rf"""\s*(?:{_DASH}\s*)?""",
)
# A US dateline's state, AP style: "SIOUX FALLS, S.D. —", "NAPA, Calif. –"
_STATE = r"(?:,\s*(?:[A-Z]\.(?:[A-Z]\.)+|[A-Z][a-z]{1,4}\.))?"
# Other datelines need an upper-case place and a dash: "LONDON - ", "PARIS, Jan. 5 (Le Monde) — ".
_DATELINE = re.compile(
    rf"""^(?P<place>[A-Z][A-Z .'’-]{{1,40}}?[A-Z.]{_STATE})(?:,\s*(?P<when>{_WHEN}))?\s*"""
    r"""(?:\((?P<agency>[A-Z][\w.&'’ -]{1,30})\)\s*)?(?:[-–—]{1,2}|:)\s+""",
)
# A byline line: "By Jane Doe", "By Jane Doe, Reuters", "By JANE DOE Associated Press", "By Jane Doe | AFP".
_BYLINE = re.compile(
    r"""^By\s+[A-Z][\w.'’-]*(?:[ \t]+(?:and[ \t]+)?[A-Z][\w.'’-]*){0,5}?[ \t]*"""
    rf"""(?:(?:,|\||for|-|–|—)?[ \t]*(?:the[ \t]+)?(?P<agency>(?i:{_AGENCY_ALT}))\b[^\n]{{0,40}})?[ \t]*\n""",
)
# A bare date opening the text: "March 20, 2015 . Today's coverage begins".
_DATE_LINE = re.compile(rf"""^(?P<when>{_WHEN})\s*(?:[-–—.:]|\n)\s+""")
# Credits the article gives its own copy ("with coverage by RIA News", "as reported by Xinhua" in the lead
# or the sign-off). Quoting another outlet ("told Reuters", "according to AP", "the Reuters news agency")
# is not a credit of the article itself.
_CREDIT = re.compile(
    r"""\b(?:reported\s+by|coverage\s+by|reporting\s+by|courtesy\s+of|source:)\s+"""
    rf"""(?:the\s+)?(?P<agency>{_AGENCY_ALT})\b(?!['’]s|\s+to\b|\s+(?:news\s+)?agency"""
    r"""|\s+(?:radio|television|tv|website|programme|correspondent|reporter))""",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(
    rf"""(?:©|\(c\)|copyright)\s*(?:\d{{4}}\s+)?(?:the\s+)?(?P<agency>{_AGENCY_ALT})\b""", re.IGNORECASE
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
        if ru.is_cyrillic(para):
            sentences += ru.split_sentences(para)
            continue
        start = 0
        for m in _BOUNDARY.finditer(para):
            # Only the word before the stop matters: look at a short window, not the whole paragraph.
            if _is_false_boundary(
                para[max(start, m.start() - 40) : m.start()], m.group(1), para[m.end() : m.end() + 1]
            ):
                continue
            sentences.append(para[start : m.end(1)].strip())
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
    if (token.isupper() and "." not in token) or word in _CLOSING:
        return False
    if word in NUMBER_PREFIXES:
        return following.isdigit()
    return word in ABBREVIATIONS or (word.replace(".", "") in ABBREVIATIONS and "." in word)


def headline(text: str) -> tuple[str | None, str]:
    """The first line as a headline when it reads as one and a blank line follows, or a line that
    starts anew in text that is not wrapped (a scraped page: headline, caption, lead)."""
    first, sep, rest = text.lstrip("\n").partition("\n")
    if not sep or (not rest.startswith("\n") and not re.match(r"[ \t]*\n", rest) and not _stands_alone(first, rest)):
        return None, text
    line = " ".join(first.split()).lstrip("#").strip()  # a Markdown-style "# Heading" line counts
    line = _BULLET.sub("", line)
    if rest.startswith("\n") and (split := _caption_then_headline(line)):
        caption, line = split
        return line, caption + "\n\n" + rest.lstrip("\n")
    words = line.split()
    if not (1 <= len(words) <= 20 and len(line) <= 160 and rest.strip()) or not _LETTERS.search(line):
        return None, text  # "14:55", a live page's time stamp, is no headline
    if (opening := _DATELINE.match(line + " ")) and opening.end() > len(line):
        return None, text  # "WASHINGTON –" on a line of its own opens the story
    if line.endswith((".", ",", ";", ":")) and not line.endswith("..."):
        return None, text
    if not (line[0].isupper() or line[0].isdigit() or line[0] in "\"'“‘"):
        return None, text
    return line, rest.lstrip("\n")


_BULLET = re.compile(r"^[•*·\u2022\u25aa\u25cf]+\s+")
_LETTERS = re.compile(r"[^\W\d_]{2}")
# A photo credit after a bar, before a headline: "| REUTERS", "| Getty", "| Jane Doe/ for POLITICO"
_BAR_CREDIT = re.compile(r"\|\s+(?:[^|]{0,60}?(?:\b[A-Z]{2,}\b|\bGetty(?: Images)?\b|\bAP Photo\b)(?:/\S*)?)\s+(?=\S)")


def _caption_then_headline(line: str) -> tuple[str, str] | None:
    """A scraped page's first paragraph that is a photo caption, its credit and then the headline:
    "Senators met on Monday. | REUTERS Uphill battle for the bill" -> (the caption with its credit,
    "Uphill battle for the bill"). The headline is the part after the caption's last full stop that
    ends without one; the caption is a sentence of its own."""
    if line.endswith(_STOP) or len(line) > 600:
        return None
    bar = line.rfind(" | ")
    if bar > 0 and line[:bar].rstrip().endswith((".", "!", "?", '"', "”", "’", ")")):
        credit = _BAR_CREDIT.match(line, bar + 1)
        if credit is None:
            return None
        caption, head, credited = line[: credit.end()].rstrip(), line[credit.end() :], True
    else:
        ends = [m for m in _BOUNDARY.finditer(line) if not _is_false_boundary(line[: m.start()], m.group(1))]
        if not ends:
            return None
        caption, head, credited = line[: ends[-1].end(1)], line[ends[-1].end() :], False
    words = head.split()
    last = words[-1] if words else ""
    if len(caption.split()) < 6 or not 3 <= len(words) <= 20 or not (head[0].isupper() or head[0] in "\"'“‘"):
        return None
    # Without a credit between them, the "headline" may be a lead's last sentence cut short ("... talks
    # in Washington D.C", "... said the"); a credit leaves no doubt ("... will be dealt with").
    if not credited and (len(words) > 15 or "." in last or last.lower() in _OPEN_END):
        return None
    return caption, head


_STOP = (".", "!", "?", "…", ":", ";", ",", "»", '"', "”", ")", "-", "–", "—")
# A wrapped line may end on these; a headline hardly ever does.
_OPEN_END = word_set(
    "a an the of to in on at for and or but with by from as that said says about into than"
    " и в во на с со по к ко о об от для за что как из у"
)


def _stands_alone(first: str, rest: str) -> bool:
    """Whether `first`, followed directly by `rest`, is a line of its own rather than the first line
    of a paragraph wrapped at a width: the next line starts anew (a capital), `first` is no date or
    dateline and does not end mid-phrase, and the paragraph's lines are not all of about the first
    one's length (a wrapped line is never much longer than the first, and no line but the last is
    much shorter)."""
    line = first.strip()
    nxt = rest.split("\n", 1)[0].strip()
    if not line or not nxt or line.endswith(_STOP) or not (nxt[0].isupper() or nxt[0] in '«"“'):
        return False
    if line.split()[-1].lower() in _OPEN_END or _is_date_or_dateline(line):
        return False  # "Officials said the", "May 5, 2016", "WASHINGTON (Reuters)": not headlines
    paragraph = [line] + [x.strip() for x in rest.split("\n\n", 1)[0].split("\n") if x.strip()]
    if any(len(x) > 1.2 * len(line) for x in paragraph[1:]):
        return True
    # A short line between the first and the last (a photo caption) is no wrapped line.
    return any(len(x) < 0.75 * len(line) for x in paragraph[1:-1])


def _is_date_or_dateline(line: str) -> bool:
    """A line that dates the story or opens its dateline, which the date finder reads from the top."""
    return bool(
        _DATE_LINE.match(line + "\n")
        or _DATELINE.match(line + " ")
        or _AGENCY_DATELINE.match(line + " ")
        or (ru.CYRILLIC.match(line[:1]) and ru.read_dateline(line + " "))
        or (len(line.split()) <= 6 and re.search(r"\b(?:19|20)\d\d\b", line))
    )


def read_lead(text: str) -> Lead:
    """Split a byline and a dateline ("MOSCOW, Nov 26 (Reuters) -", "(CNN) —", "Madison, Wisconsin (CNN)")
    from the text; the agency is the dateline's, else the byline's."""
    stripped = text.lstrip()
    by = _BYLINE.match(stripped)
    by_agency = _agency(by.group("agency")) if by else None
    if by:
        stripped = stripped[by.end() :].lstrip()
    if ru.CYRILLIC.match(stripped[:1]) and (russian := ru.read_dateline(stripped)):
        return Lead(russian[0], russian[1] or by_agency, stripped[russian[2] :])
    m = _AGENCY_DATELINE.match(stripped)
    if m and _plausible_place(m.group("place"), bare=bool(m.group("a3")), dated=bool(m.group("when"))):
        agency = m.group("a1") or m.group("a2") or m.group("a3")
        return Lead(_clean_dateline(m.group(0)), _agency(agency), stripped[m.end() :])
    m = _DATELINE.match(stripped) or _DATE_LINE.match(stripped)
    if m and len(m.group(1)) > 2:
        agency = _agency(m.groupdict().get("agency")) or by_agency
        return Lead(_clean_dateline(m.group(0)), agency, stripped[m.end() :])
    return Lead(None, by_agency, stripped) if by else Lead(None, None, text)


def _plausible_place(place: str | None, bare: bool, dated: bool) -> bool:
    """A dateline place is short and capitalised; before an agency named without brackets
    ("TOKYO, March 5 Kyodo -") it is upper case or dated, so "Ms Smith told CNN:" is no dateline."""
    if place is None:
        return True
    if bare and not (dated or place.isupper()):
        return False
    return len(place) <= 40


def _clean_dateline(raw: str) -> str:
    return " ".join(raw.split()).rstrip("-–—:.").strip().rstrip("-–—:").strip()


def find_source(text: str, lead: Lead | None = None) -> str | None:
    """The article's own source: its dateline or byline agency, "(Reuters)" in the opening lines, or a credit
    of its copy in the first or last paragraph ("with coverage by RIA News", "© Reuters").

    Agencies the body quotes ("told the Reuters news agency", "according to AP") are not the source.
    `lead` is `read_lead(text)` when the caller has it already.
    """
    lead = lead or read_lead(text)
    if lead.agency:
        return lead.agency
    stripped = text.lstrip()
    if ru.CYRILLIC.search(stripped[:200]) and (credited := ru.credit(stripped[:300])):
        return credited
    m = _TRAILING_AGENCY.search(stripped[:200])
    if m:
        return _agency(m.group("agency"))
    paragraphs = split_paragraphs(text)
    if not paragraphs:
        return None
    m = _COPYRIGHT.search(paragraphs[-1])
    if m:
        return _agency(m.group("agency"))
    for para in dict.fromkeys((paragraphs[0], paragraphs[-1])):
        m = _CREDIT.search(para)
        if m:
            return _agency(m.group("agency"))
    return None


def _agency(name: str | None) -> str | None:
    """Canonical spelling of a known agency; other names as written."""
    if not name:
        return None
    name = " ".join(name.split())
    return AGENCIES.get(name.lower(), name)


def title_from(text: str, max_words: int = 12, lead: Lead | None = None) -> str:
    """A headline-like title from the lead sentence of a text with no headline line (dateline dropped)."""
    sentences = split_sentences((lead or read_lead(text)).text)
    # A feature lead of a word or three ("Gold bars.") says less than the sentence after it.
    # Nor does a line that opens a list ("In this week's edition:").
    sentences = [_BULLET.sub("", s) for s in sentences]
    first = next(
        (s for s in sentences[:3] if len(s.split()) > 3 and not s.endswith(":")), sentences[0] if sentences else ""
    )
    if first and ru.is_cyrillic(first):
        return ru.headline_from(first, max_words)
    return headlinese(headline_from(first, max_words)) if first else ""


def word_count(text: str) -> int:
    """Words of a plain text."""
    return len(text.split())
