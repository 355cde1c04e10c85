"""Russian wire copy: the language of a text, datelines and outlets («МИНСК, 6 дек — РИА Новости.»,
«МОСКВА, 26 ноября. /ТАСС/.», «(Интерфакс)»), dates («6 декабря 2024 года») and sentences.

`wire`, `dates` and `summary` call in here only for a text with Cyrillic letters, so English copy
reads exactly as before.
"""

from __future__ import annotations

import re

CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LETTERS = re.compile(r"[^\W\d_]")
_UKRAINIAN = re.compile(r"[іїєґІЇЄҐ]")
_BELARUSIAN = re.compile(r"[ўЎ]")
_RUSSIAN_ONLY = re.compile(r"[ыэъЫЭЪ]")


def language(text: str) -> str | None:
    """ "ru", "uk" or "be" for a text mostly in Cyrillic (by the letters only one of them has:
    і ї є ґ Ukrainian, ў Belarusian, ы э ъ not Ukrainian), else None."""
    if not CYRILLIC.search(text, 0, 4000):  # English copy stops here, without a copy of the text
        return None
    sample = text[:4000]
    letters = _LETTERS.findall(sample)
    cyrillic = sum(1 for c in letters if CYRILLIC.match(c))
    if not letters or cyrillic < 0.5 * len(letters):
        return None
    if _BELARUSIAN.search(sample):
        return "be"
    ukrainian, russian = len(_UKRAINIAN.findall(sample)), len(_RUSSIAN_ONLY.findall(sample))
    if ukrainian > russian:
        return "uk"
    return "ru"


_ENGLISH_WORDS = re.compile(r"\b(?:the|and|of|to|in|is|that|for|was|with|on|said)\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")


def english(text: str) -> bool:
    """Whether a text not in Cyrillic reads as English: its commonest words make up at least a
    tenth of it (they make up about a quarter of English prose, next to none of French or German)."""
    sample = text[:2000]
    words = len(_WORD.findall(sample))
    return words >= 5 and len(_ENGLISH_WORDS.findall(sample)) >= 0.1 * words


def is_cyrillic(text: str) -> bool:
    """Whether `text` reads as Russian, Ukrainian or Belarusian (its letters are mostly Cyrillic)."""
    return language(text) is not None


# --- months and dates ---------------------------------------------------------------------------

MONTHS = {
    "январь": 1,
    "февраль": 2,
    "март": 3,
    "апрель": 4,
    "май": 5,
    "июнь": 6,
    "июль": 7,
    "август": 8,
    "сентябрь": 9,
    "октябрь": 10,
    "ноябрь": 11,
    "декабрь": 12,
}
_GENITIVE = {
    "января": 1,
    "февраля": 2,
    "марта": 3,
    "апреля": 4,
    "мая": 5,
    "июня": 6,
    "июля": 7,
    "августа": 8,
    "сентября": 9,
    "октября": 10,
    "ноября": 11,
    "декабря": 12,
}
# The wires' short forms: «6 дек», «5 мар», «1 сент».
_SHORT = {"янв": 1, "фев": 2, "мар": 3, "апр": 4, "июн": 6, "июл": 7, "авг": 8, "сен": 9, "сент": 9}
_SHORT |= {"окт": 10, "ноя": 11, "нояб": 11, "дек": 12}
MONTH_WORDS = _GENITIVE | _SHORT
_MONTH = "|".join(sorted(MONTH_WORDS, key=len, reverse=True))
# «6 декабря 2024 года», «6 декабря 2024 г.», «6 дек 2024»
DATE = rf"(?P<day>\d{{1,2}})\s+(?P<month>(?i:{_MONTH}))\.?(?![а-яё])(?:\s+(?P<year>(?:19|20)\d\d)(?:\s*(?:года|г\.|г(?![а-яё])))?)?"
FULL_DATE = re.compile(
    rf"(?<!\d)(?P<day>\d{{1,2}})\s+(?P<month>(?i:{'|'.join(_GENITIVE)}))\s+(?P<year>(?:19|20)\d\d)(?!\d)"
)
WEEKDAYS = ("понедельник", "вторник", "сред", "четверг", "пятниц", "суббот", "воскресень")
"""Stems of the weekdays, Monday first («в пятницу», «в среду»)."""


_IN_WEEKDAY = re.compile(
    r"(?<![а-яё])во?\s+(понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)(?![а-яё])", re.IGNORECASE
)


def weekday_of(word: str) -> int | None:
    """The weekday (Monday 0) a Russian weekday word names in any case («пятницу»), or None."""
    low = word.lower()
    return next((i for i, stem in enumerate(WEEKDAYS) if low.startswith(stem)), None)


def lead_weekday(lead: str) -> int | None:
    """The weekday (Monday 0) of «в пятницу» in the first sentence of `lead`, if it names one."""
    first = lead.split(". ", 1)[0]
    m = _IN_WEEKDAY.search(first)
    if m is None:
        return None
    return weekday_of(m.group(1))


def month_of(word: str) -> int:
    """The month a Russian month word names («декабря», «дек», «дек.»), or 0."""
    return MONTH_WORDS.get(word.lower().rstrip("."), 0)


# --- datelines and outlets ------------------------------------------------------------------------

AGENCIES = {
    "риа новости": "РИА Новости",
    "риа «новости»": "РИА Новости",
    "тасс": "ТАСС",
    "итар-тасс": "ТАСС",
    "интерфакс": "Интерфакс",
    "интерфакс-украина": "Интерфакс-Украина",
    "белта": "БелТА",
    "корр. белта": "БелТА",
    "спутник": "Спутник",
    "прайм": "ПРАЙМ",
    "укринформ": "Укринформ",
    "униан": "УНИАН",
    "ия regnum": "ИА REGNUM",
    "regnum": "ИА REGNUM",
    "иа regnum": "ИА REGNUM",
    "рбк": "РБК",
    "казинформ": "Казинформ",
    "арменпресс": "Арменпресс",
    "азертадж": "АЗЕРТАДЖ",
}
_AGENCY = "|".join(re.escape(a) for a in sorted(AGENCIES, key=len, reverse=True))
# A place in capitals: «МИНСК», «НЬЮ-ЙОРК», «НИЖНИЙ НОВГОРОД», «ВАШИНГТОН (США)».
_PLACE = r"(?P<place>[А-ЯЁ][А-ЯЁ-]+(?:[ ][А-ЯЁ][А-ЯЁ-]+){0,2}(?:[ ]\([А-ЯЁа-яё ]{2,20}\))?)"
_DASH = r"[-–—]{1,2}"
# «МИНСК, 6 дек — РИА Новости.», «МОСКВА, 26 ноября. /ТАСС/.», «МОСКВА, 26 ноября (Интерфакс) -»,
# «МИНСК, 6 декабря /Корр. БелТА/.», «МОСКВА, 6 дек - РИА Новости, Иван Иванов.»
_DATELINE = re.compile(
    rf"^{_PLACE},?\s+(?P<when>{DATE})\.?\s*"
    rf"(?:{_DASH}\s*(?P<a1>(?i:{_AGENCY}))(?:,[^.\n]{{1,60}})?\.|/(?P<a2>(?i:{_AGENCY}))/\.?|"
    rf"\((?P<a3>(?i:{_AGENCY}))\)\s*(?:{_DASH}|\.)?|{_DASH})\s*"
)
# A place and an agency with no date: «МОСКВА. /ТАСС/.», «МИНСК (БелТА) -».
_UNDATED = re.compile(rf"^{_PLACE},?\s*(?:/(?P<a2>(?i:{_AGENCY}))/\.?|\((?P<a3>(?i:{_AGENCY}))\)\s*(?:{_DASH})?)\s*")
_CREDIT = re.compile(
    rf"\((?P<a1>(?i:{_AGENCY}))\)|/(?P<a2>(?i:{_AGENCY}))/|(?:передает|передаёт|сообщает)\s+корреспондент\s+"
    rf"(?P<a3>(?i:{_AGENCY}))(?![а-яё])"
)


def agency(name: str | None) -> str | None:
    """The canonical name of a Russian agency as written («ТАСС», «БелТА»)."""
    if not name:
        return None
    return AGENCIES.get(" ".join(name.split()).lower(), name)


def read_dateline(text: str) -> tuple[str, str | None, int] | None:
    """(dateline, agency, where the story starts) of a Russian dateline opening `text`, or None."""
    m = _DATELINE.match(text) or _UNDATED.match(text)
    if m is None:
        return None
    found = m.groupdict()
    name = agency(found.get("a1") or found.get("a2") or found.get("a3"))
    raw = " ".join(m.group(0).split())
    return raw.rstrip(" -–—.").strip(), name, m.end()


def dateline_date(text: str) -> re.Match[str] | None:
    """The date of a Russian dateline opening `text` (its groups: day, month, year)."""
    m = _DATELINE.match(text)
    return m


def credit(opening: str) -> str | None:
    """The outlet the opening of a story credits: «(Интерфакс)», «/ТАСС/», «передает корреспондент БелТА»
    (not «сообщает РИА Новости»: that quotes another outlet)."""
    m = _CREDIT.search(opening)
    if m is None:
        return None
    return agency(m.group("a1") or m.group("a2") or m.group("a3"))


# --- sentences ---------------------------------------------------------------------------------

# Words with a full stop that rarely end a sentence: «т. е.», «г.», «млрд.», «им.», «ул.».
ABBREVIATIONS = frozenset(
    [
        "т",
        "е",
        "д",
        "п",
        "др",
        "пр",
        "см",
        "ср",
        "им",
        "ул",
        "г",
        "гг",
        "млн",
        "млрд",
        "тыс",
        "руб",
        "коп",
        "долл",
        "в",
        "вв",
        "н",
        "э",
        "напр",
        "др",
        "проф",
        "акад",
        "св",
        "обл",
        "кв",
        "тел",
        "стр",
        "рис",
        "ст",
        "чел",
        "корр",
        "ред",
        "ген",
        "генерал-лейт",
        "полк",
        "пос",
        "дер",
        "оз",
        "р",
        "о",
    ]
)
# A stop that ends a sentence: then a capital, a digit, or a quote or dash opening the next one.
_BOUNDARY = re.compile(r"([.!?…]+[»\"”)]*)\s+(?=[«\"“(–—-]?\s?[А-ЯЁA-Z0-9])")
_WORD_BEFORE = re.compile(r"([\w-]+)\.?$")


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of one Russian paragraph, surviving initials («В. В. Путин»), abbreviations
    («т. е.», «г.», «млрд.») and quotes («…»)."""
    out: list[str] = []
    start = 0
    depth = 0
    last = 0
    for m in _BOUNDARY.finditer(paragraph):
        depth += paragraph.count("«", last, m.start()) - paragraph.count("»", last, m.start())
        last = m.start()
        if depth > 0 and not m.group(1).endswith("»"):
            continue  # inside a quotation
        if m.group(1).startswith(".") and _abbreviation(paragraph[max(start, m.start() - 30) : m.start()]):
            continue
        out.append(paragraph[start : m.end(1)].strip())
        start = m.end()
    tail = paragraph[start:].strip()
    if tail:
        out.append(tail)
    return out


def _abbreviation(before: str) -> bool:
    m = _WORD_BEFORE.search(before)
    if m is None:
        return False
    word = m.group(1)
    if len(word) == 1:
        return word.isupper() or word.lower() in ABBREVIATIONS  # an initial, «т.», «г.»
    return word.lower() in ABBREVIATIONS


# --- titles ------------------------------------------------------------------------------------

_SAYS = (
    r"(?:сообщил[аио]?|сообщили|заявил[аио]?|заявили|сказал[аио]?|сказали|отметил[аио]?|отметили|сообщает|"
    r"сообщают|передает|передаёт|пишет|говорится|подчеркнул[аио]?|добавил[аио]?)"
)
_WEEKDAY_PHRASE = (
    r"(?:в|во)\s+(?:понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)"
    r"(?:\s+(?:утром|днем|днём|вечером|ночью))?"
)
# What a headline leaves out, as in English (titles.py): asides in brackets, the day of the week,
# attribution («, сообщил Кремль», «по словам министра»), relative clauses between commas.
_REWRITES = (
    re.compile(r"\s*\([^()]*\)"),
    re.compile(rf"\s+{_WEEKDAY_PHRASE}(?![а-яё])", re.IGNORECASE),
    re.compile(rf",?\s+(?:[-–—]\s+)?{_SAYS}(?![а-яё])[^,]*$"),
    re.compile(r",?\s+по\s+словам\s+[^,]+,?"),
    re.compile(r",\s+(?:котор(?:ый|ая|ое|ые|ого|ой|ому|ым|ую|ых))\s[^,]+,"),
)
# A title may stop before a preposition or a conjunction that opens a clause.
_BREAKS = frozenset(
    [
        "в",
        "во",
        "на",
        "с",
        "со",
        "по",
        "для",
        "о",
        "об",
        "обо",
        "при",
        "после",
        "из",
        "за",
        "к",
        "ко",
        "от",
        "до",
        "через",
        "между",
        "под",
        "над",
        "у",
        "без",
        "против",
        "что",
        "чтобы",
        "который",
        "которая",
        "которые",
        "когда",
        "где",
        "поскольку",
        "но",
        "а",
    ]
)


def headline_from(sentence: str, max_words: int = 12) -> str:
    """A headline-like title from one Russian sentence, at most about `max_words` words."""
    text = sentence.strip().rstrip(".!?…").strip()
    for rewrite in _REWRITES:
        if len(text.split()) <= max_words:
            break
        shorter = rewrite.sub("", text).strip(" ,")
        if len(shorter.split()) >= 5:
            text = shorter
    words = text.split()
    if len(words) <= max_words + 1:
        return text
    ends = [i for i in range(4, min(len(words), max_words + 2)) if words[i].lower() in _BREAKS]
    if ends:
        return " ".join(words[: ends[-1]]).rstrip(",;:—–-")
    return " ".join(words[:max_words]).rstrip(",;:—–-") + "…"
