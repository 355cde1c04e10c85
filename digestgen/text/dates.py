"""An article's date from its own text or its file name, never from the clock or file times.

Found in order: a dateline at the top (`MOSCOW, March 5, 2015 (Reuters) -`; without a year,
`MOSCOW, March 5 (Reuters) -` needs the year from elsewhere), a line at the top that is only a
date (`Tuesday 12 May 2015`, `Updated 0120 GMT April 13, 2015`), "on Tuesday 12 May 2015" in
the lead, then a date in the file name (`2015-04-15-summit.txt`). Other dates are not the
article's by themselves: leads cite past and coming events ("On April 15, 2013, two bombs...",
"the series ends on 12 October 2005"), so a bare "on 12 May 2015" is used only when the era
the article's names give agrees with it (see digestgen.pipeline.parse.articles).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, replace

MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        1,
    )
}
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
_ANY = rf"(?:{_WEEKDAY}\s+)?(?:{_DMY}|{_MDY})"
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

    def on(self, year: int | None = None) -> datetime.date | None:
        """The date, with `year` supplied when the text gave none; None if impossible."""
        y = self.year or year
        if y is None:
            return None
        try:
            return datetime.date(y, self.month, self.day)
        except ValueError:
            return None


def _found(m: re.Match[str]) -> FoundDate | None:
    groups = m.groupdict()
    month = int(groups["mnum"]) if groups.get("mnum") else MONTHS.get(groups["month"].lower().rstrip("."), 0)
    year = int(groups["year"]) if groups.get("year") else None
    found = FoundDate(" ".join(m.group(0).split()).rstrip(" -\u2013\u2014:"), month, int(groups["day"]), year)
    if found.on(year or 2000) is None:
        return None
    weekday = (groups.get("weekday") or "").lower().rstrip(".,")[:3]
    if weekday and year and (day := found.on()) and _WEEKDAYS[day.weekday()] != weekday:
        return None  # "Tuesday 12 May 2015" must be a Tuesday, or this is not a date we understand
    return replace(found, weekday=bool(weekday and year))


def date_in_text(text: str) -> FoundDate | None:
    """The article's date as its top lines give it: a dateline (whose year may be missing), a
    line that is only a date, or "on Tuesday 12 May 2015" in the lead (the weekday must fit)."""
    head = text.lstrip()[:LEAD_CHARS]
    for patterns in (_DATELINE, _DATE_LINE, _ON):
        hits = [f for p in patterns for m in p.finditer(head) if (f := _found(m))]
        if patterns is _ON:
            hits = [f for f in hits if f.weekday]
        dated = [f for f in hits if f.year]
        if dated or (hits and patterns is _DATELINE):
            return (dated or hits)[0]
    return None


def dates_in_lead(text: str) -> list[FoundDate]:
    """Full dates after "on" in the lead ("on 12 May 2015"): the article's date only if the era
    its names give agrees, since leads also cite past or coming events."""
    head = text.lstrip()[:LEAD_CHARS]
    return [f for p in _ON for m in p.finditer(head) if (f := _found(m)) and f.year]


def date_in_file_name(stem: str) -> datetime.date | None:
    """ "2015-04-15-summit" -> 2015-04-15 (also 20150415 and 2015_04_15)."""
    m = _FILE.search(stem)
    if not m:
        return None
    try:
        return datetime.date(int(m.group("year")), int(m.group("mnum")), int(m.group("day")))
    except ValueError:
        return None
