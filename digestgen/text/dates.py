"""An article's writing date from its own text or its file name, never from the clock or file times.

The text states it in many forms, each found by its shape, not by outlet:

- at the top: a dateline (`MOSCOW, March 5, 2015 (Reuters) -`), a line that is only a date
  (`Tuesday 12 May 2015`, `Updated 0120 GMT April 13, 2015`), or "on Tuesday 12 May 2015" in the
  lead (the weekday must fit);
- anywhere, as page furniture: an update or publish line (`[Updated at 1:43 p.m. on Oct. 26,
  2016.]`), a correction stamp (`Corrected by: A. Name @ 10/24/2012 11:10 PM`), "first appeared on
  ... on June 12, 2012", or an agency's correction note (`(Corrects ... of Aug. 17 story)`).

A statement without its year (`MOSCOW, March 5 (Reuters) -`, `Updated Jan. 28`) takes it from the
text when that is unambiguous: a full date within three months of it (a tweet, a photo taken for the
story; never a file photo), or "last year, in 2013". Other dates are not the article's: leads cite
past and coming events ("On April 15, 2013, two bombs...", "the series ends on 12 October 2005"),
and captions date their photos.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, replace

from digestgen.text import ru

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = {m.lower(): i for i, m in enumerate(MONTH_NAMES, 1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())} | {"sept": 9})
_MONTH = (
    r"(?P<month>(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?))\.?"
)
_WEEKDAY = (
    r"(?P<weekday>(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|"
    r"thurs|fri|sat|sun))\.?,?"
)
_DMY = rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?(?:\s+(?P<year>(?:19|20)\d\d))?"
_MDY = rf"{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>(?:19|20)\d\d))?"
_ISO = r"(?P<year>(?:19|20)\d\d)-(?P<mnum>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])"
_AGENCY = r"\((?:[A-Z][\w.&' -]{1,30})\)"
_DATELINE = [
    re.compile(
        rf"^[ \t]*[A-Z][\w.'\u2019-]*(?:[ \t]+[\w.'\u2019-]+){{0,3}}(?:,[ \t]+[A-Z][\w.' -]*?)?,[ \t]+"
        rf"(?:{_WEEKDAY}[ \t]+)?{form}[ \t]*(?:{_AGENCY}|/[^/\n]{{2,40}}/)?[ \t]*(?:-+|\u2013|\u2014|:)",
        re.MULTILINE,
    )
    for form in (_DMY, _MDY)
]
_DATE_LINE = [
    re.compile(
        rf"^[ \t]*(?:(?i:published|updated|posted|last updated|date)[: \t]+)?(?:[\d:.]+[ \t]*"
        rf"(?:[AP]M|GMT|UTC|[A-Z]{{2,4}})?(?:[ \t]*\([^)\n]*\))?,?[ \t]+)?(?:{_WEEKDAY}[ \t]+)?"
        rf"{form}[ \t]*(?:[\d:.]+[ \t]*(?:[AP]M|GMT|UTC|[A-Z]{{2,4}})?)?[ \t]*$",
        re.MULTILINE,
    )
    for form in (_DMY, _MDY, _ISO)
]
_ON = [re.compile(rf"\b[Oo]n\s+(?:{_WEEKDAY}\s+)?(?:the\s+)?{form}\b") for form in (_DMY, _MDY)]
_FILE = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)\d\d)[-_.]?(?P<mnum>0[1-9]|1[0-2])[-_.]?(?P<day>0[1-9]|[12]\d|3[01])"
    r"(?!\d)"
)
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
LEAD_CHARS = 400
"""How far into the body a dateline, date line or "on 12 May 2015" still dates the article."""


@dataclass(frozen=True)
class FoundDate:
    """A date found in the text: the day (year may be missing) and the words it was read from."""

    phrase: str
    month: int
    day: int
    year: int | None
    weekday: bool = False
    """The text also gave the day of the week (and it fits)."""
    kind: str = "dateline"
    """What statement gave it: "dateline", "date line", "lead", "update line", "correction stamp",
    "first published", "correction note"."""
    weekday_name: str = ""
    """A weekday given with a date that lacks its year ("Tuesday, March 5"), to check the year against."""

    def on(self, year: int | None = None) -> datetime.date | None:
        """The date, with `year` supplied when the text gave none; None if impossible."""
        y = self.year or year
        if y is None:
            return None
        try:
            return datetime.date(y, self.month, self.day)
        except ValueError:
            return None


def _found(m: re.Match[str], kind: str = "dateline", phrase: str | None = None) -> FoundDate | None:
    groups = m.groupdict()
    month = int(groups["mnum"]) if groups.get("mnum") else MONTHS.get(groups["month"].lower().rstrip("."), 0)
    year = int(groups["year"]) if groups.get("year") else None
    words = " ".join((phrase if phrase is not None else m.group(0)).split()).rstrip(" -\u2013\u2014:")
    found = FoundDate(words, month, int(groups["day"]), year, kind=kind)
    if found.on(year or 2000) is None:
        return None
    weekday = (groups.get("weekday") or "").lower().rstrip(".,")[:3]
    if weekday and year and (day := found.on()) and _WEEKDAYS[day.weekday()] != weekday:
        return None  # "Tuesday 12 May 2015" must be a Tuesday, or this is not a date we understand
    return replace(found, weekday=bool(weekday and year), weekday_name="" if year else weekday)


def date_in_text(text: str) -> FoundDate | None:
    """The article's date as its top lines give it: a dateline (whose year may be missing), a
    line that is only a date, or "on Tuesday 12 May 2015" in the lead (the weekday must fit)."""
    head = text.lstrip()[:LEAD_CHARS]
    if ru.CYRILLIC.search(head[:80]) and (russian := _russian_date(head) or _russian_opening(head, text)):
        return russian
    for patterns, kind in ((_DATELINE, "dateline"), (_DATE_LINE, "date line"), (_ON, "lead")):
        hits = [f for p in patterns for m in p.finditer(head) if (f := _found(m, kind))]
        if patterns is _ON:
            hits = [f for f in hits if f.weekday]
        dated = [f for f in hits if f.year]
        if dated or (hits and patterns is _DATELINE):
            return (dated or hits)[0]
    return None


_TIME = (
    r"(?:\d{1,2}[:.]\d{2}|\d{4}|\d{1,2})\s*(?:[ap]\.?\s?m\.?)?(?:\s+(?:[A-Z]{2,4}|local time))?(?:\s*\([^)\n]{1,20}\))?"
)
_STAMP_WORD = (
    r"(?i:(?:last\s+)?updated?|published|first\s+published|originally\s+published|posted|modified|"
    r"last\s+modified)"
)
_UPDATE_LINE = [
    re.compile(
        rf"^[\s\[(\u2014\u2013*_-]*{_STAMP_WORD}\b[:\s]*(?:on\s+|at\s+)?(?:{_TIME}\s*(?:,|on)?\s+)?"
        rf"(?:{_WEEKDAY}\s+)?{form}(?:,?\s+(?:at\s+)?{_TIME})?[\s.)\]]*$",
        re.MULTILINE,
    )
    for form in (_DMY, _MDY)
]
_NUMERIC_STAMP = [
    re.compile(
        r"(?i:corrected|updated|edited|posted|published)(?: by)?:?\s+[^@\n]{1,60}?@\s*"
        r"(?P<mnum>0?[1-9]|1[0-2])/(?P<day>0?[1-9]|[12]\d|3[01])/(?P<year>(?:19|20)\d\d)\b"
    )
]
_FIRST_PUBLISHED = [
    re.compile(
        rf"\b(?i:first|originally)\s+(?i:appeared|published|ran|posted)\b(?:[^.\n]|\.(?!\s+[A-Z])){{0,80}}?\bon\s+"
        rf"(?:{_WEEKDAY}\s+)?{form}"
    )
    for form in (_DMY, _MDY)
]
_CORRECTION_NOTE = [
    re.compile(rf"\((?:Corrects|Updates|Adds|Recasts|Refiles|Removes|Fixes)\b[^()\n]{{0,200}}?\bof\s+{_MDY}\s+story\b")
]
_STAMP_KINDS = (
    (_UPDATE_LINE, "update line"),
    (_NUMERIC_STAMP, "correction stamp"),
    (_FIRST_PUBLISHED, "first published"),
    (_CORRECTION_NOTE, "correction note"),
)


def stamps(text: str) -> list[FoundDate]:
    """Dates the page furniture states anywhere in `text`: update and publish lines, correction
    stamps, "first appeared ... on", correction notes; in order of trust, the latest first within a kind."""
    out: list[FoundDate] = []
    for patterns, kind in _STAMP_KINDS:
        hits = [
            f
            for p in patterns
            for m in p.finditer(text)
            if (f := _found(m, kind, m.group(0).strip().strip("[]()\u2014\u2013- ").strip()))
        ]
        full = sorted((f for f in hits if f.year), key=lambda f: f.on() or datetime.date.min, reverse=True)
        out += full + [f for f in hits if not f.year]
    return out


_FULL = [re.compile(rf"\b{form}\b") for form in (_DMY, _MDY, _ISO)]
_FILE_PHOTO = re.compile(r"(?i:\bfile\s+(?:photo|image|picture)\b|^\s*FILE\b|\(File\)|, File\))")
_LAST_YEAR = re.compile(
    r"\b(?i:last year)[,\s]+(?:in\s+|\()?(?P<last>(?:19|20)\d\d)\b|\b(?:in\s+)?(?P<last2>(?:19|20)\d\d)[,\s]+(?i:last year)\b"
    r"|\b(?i:this year)[,\s]+(?:in\s+|\()?(?P<this>(?:19|20)\d\d)\b"
)
NEAR_DAYS = 92
"""How close a full date in the text must be to lend its year to a date stated without one."""


def full_dates(text: str) -> list[datetime.date]:
    """Every full date (day, month and year) in `text` outside file-photo captions, which date old photos."""
    out = []
    for line in text.split("\n"):
        if _FILE_PHOTO.search(line):
            continue
        out += [d for p in _FULL for m in p.finditer(line) if (f := _found(m)) and f.year and (d := f.on())]
        if ru.CYRILLIC.search(line):  # «6 декабря 2024 года»
            out += [d for m in ru.FULL_DATE.finditer(line) if (f := _russian(m, "lead")) and (d := f.on())]
    return out


def _russian(m: re.Match[str], kind: str) -> FoundDate | None:
    """A date from a match of `ru.DATE` or `ru.FULL_DATE`; None if there is no such day."""
    year = int(m.group("year")) if m.group("year") else None
    phrase = " ".join(m.group(0).split()).rstrip(" -\u2013\u2014:.,")
    found = FoundDate(phrase, ru.month_of(m.group("month")), int(m.group("day")), year, kind=kind)
    return found if found.on(year or 2000) is not None else None


_RU_DATE_LINE = re.compile(rf"^{ru.DATE}\s*\n")


def _russian_date(head: str) -> FoundDate | None:
    """The date of a Russian dateline («МИНСК, 6 дек — РИА Новости.») or of a first line that is
    only a date («6 декабря 2024 года»)."""
    m = ru.dateline_date(head)
    if m is not None:
        found = _russian(m, "dateline")
        phrase = " ".join(m.group(0).split()).rstrip(" -\u2013\u2014:.")
        if found is None:
            return None
        # «МИНСК, 6 дек — ... в пятницу подписали»: the lead's weekday is the dateline's day, so
        # it checks the year the text lends the date (as "Tuesday, March 5" does in English).
        weekday = ru.lead_weekday(head[m.end() : m.end() + 300]) if found.year is None else None
        return replace(found, phrase=phrase, weekday_name=_WEEKDAYS[weekday] if weekday is not None else "")
    m = _RU_DATE_LINE.match(head)
    if m:
        return _russian(m, "date line")
    # «в понедельник, 17 июня 2019 года» in the lead, as "on Monday 17 June 2019": the weekday must fit.
    for m in _RU_ON.finditer(head):
        lead = _russian(m, "lead")
        on = lead.on() if lead else None
        if lead and on and ru.weekday_of(m.group("weekday")) == on.weekday():
            return replace(lead, weekday=True)
    return None


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_SENTENCE_END = re.compile(r"[.!?…](?:[»\"”)]*)(?=\s+[А-ЯЁA-Z«\"]|\s*$)")


def _russian_opening(head: str, text: str) -> FoundDate | None:
    """«7 марта 2019 года депутаты Госдумы приняли …», «Верхняя палата 9 июня 2017 года приняла …»:
    a full date in the first sentence of the lead (the first line that reads as prose, past the
    headline and captions, which end with no stop) gives the day of the news, when it belongs to the
    main clause (before any comma) and fits a weekday said with it. Not when it bounds a
    span or a night («с 25 по 28 июля», «в ночь на 6 апреля»), nor when the text names a later day or
    year: the story was written after it (a history piece opening «9 мая 1945 года …»)."""
    for line in head.split("\n"):
        line = line.strip()
        if len(line.split()) < 6 or not (end := _SENTENCE_END.search(line)):
            continue
        m = ru.FULL_DATE.search(line[: end.end()])
        found = _russian(m, "lead") if m else None
        day = found.on() if found else None
        if m is None or day is None or "," in line[: m.start()].rstrip(" ,"):
            return None  # none, or in a clause («Сделка, заключённая 17 июня 2019 года, распалась»)
        before = line[: m.start()]
        said = ru.lead_weekday(before)
        if _RU_BOUND.search(before[-30:]) or (said is not None and said != day.weekday()):
            return None
        later = [d for d in _russian_days(text, day.year) if d > day]
        return None if later or max((int(y) for y in _YEAR.findall(text)), default=day.year) > day.year else found
    return None


_RU_BOUND = re.compile(r"(?i:(?<![а-яё])(?:по|до|к|ко|с|со|на|после|перед|накануне|около)\s+$|ночь|\d\s*[-–—]\s*$)")


def _russian_days(text: str, year: int) -> list[datetime.date]:
    """Every day a Russian date in `text` names, a date without its year taken in `year`."""
    out = []
    for m in re.finditer(ru.DATE, text):
        found = _russian(m, "lead")
        if found is not None and (day := found.on(year)):
            out.append(day)
    return out


_RU_ON = re.compile(
    rf"(?<![а-яёА-ЯЁ])[Вв]о?\s+(?P<weekday>(?i:понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье))"
    rf"(?:\s+(?i:утром|днём|днем|вечером|ночью))?,?\s+{ru.DATE}"
)


def year_for(found: FoundDate, text: str) -> tuple[int, str] | None:
    """The year of a date stated without one, when the text makes it unambiguous, and why: a full
    date within NEAR_DAYS of it, or "last year, in 2013" / "this year, 2014". None if none or several."""
    years: dict[int, str] = {}
    for near in full_dates(text):
        for year in (near.year - 1, near.year, near.year + 1):
            day = found.on(year)
            if day is not None and abs((day - near).days) <= NEAR_DAYS:
                years.setdefault(year, near.isoformat())
    for m in _LAST_YEAR.finditer(text):
        year = int(m.group("this")) if m.group("this") else int(m.group("last") or m.group("last2")) + 1
        years.setdefault(year, " ".join(m.group(0).split()))
    if found.weekday_name:
        years = {
            y: why for y, why in years.items() if (d := found.on(y)) and _WEEKDAYS[d.weekday()] == found.weekday_name
        }
    if len(years) != 1:
        return None
    [(year, why)] = years.items()
    return year, why


def date_in_file_name(stem: str) -> datetime.date | None:
    """ "2015-04-15-summit" -> 2015-04-15 (also 20150415 and 2015_04_15)."""
    m = _FILE.search(stem)
    if not m:
        return None
    try:
        return datetime.date(int(m.group("year")), int(m.group("mnum")), int(m.group("day")))
    except ValueError:
        return None
