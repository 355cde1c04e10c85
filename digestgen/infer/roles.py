"""Role vocabulary shared by the leaders registry tool and leader inference.

Normalises office titles ("Federal Chancellor of Germany", "President of the Executive
Yuan") to a short role word (`kind`) and says whether a kind is a head of state or of
government. Also parses the registry's partial ISO dates.
"""

from __future__ import annotations

import datetime
import re

HEAD_OF_STATE = "head_of_state"
HEAD_OF_GOVERNMENT = "head_of_government"

# Checked in order: the first substring found in the lower-cased title decides the kind.
_KIND_RULES: tuple[tuple[str, str], ...] = (
    ("executive yuan", "premier"),
    ("council of ministers", "prime minister"),
    ("general people's committee", "prime minister"),
    ("prime minister", "prime minister"),
    ("co-prime", "prime minister"),
    ("premier", "premier"),
    ("chancellor", "chancellor"),
    ("taoiseach", "taoiseach"),
    ("chief executive", "chief executive"),
    ("chief of government", "prime minister"),
    ("minister of state", "prime minister"),
    ("state counsel", "state counsellor"),
    ("chief adviser", "chief adviser"),
    ("civil administrator", "administrator"),
    ("supreme leader", "supreme leader"),
    ("guide of the revolution", "leader"),
    ("de facto ruler", "leader"),
    ("military leader", "leader"),
    ("co-prince", "co-prince"),
    ("captain regent", "captain regent"),
    ("federal council", "federal councillor"),
    ("governor-general", "governor-general"),
    ("governor general", "governor-general"),
    ("yang di-pertuan agong", "king"),
    ("o le ao o le malo", "head of state"),
    ("pope", "pope"),
    ("emperor", "emperor"),
    ("president", "president"),
    ("general secretary", "general secretary"),
    ("first secretary", "general secretary"),
    ("workers' party", "general secretary"),
    ("queen", "queen"),
    ("king", "king"),
    ("monarch", "monarch"),
    ("emir", "emir"),
    ("sultan", "sultan"),
    ("prince", "prince"),
    ("chairman", "chairman"),
    ("head of the supreme council", "chairman"),
    ("member", "federal councillor"),
)

HOG_KINDS = frozenset(
    {"prime minister", "premier", "chancellor", "taoiseach", "chief executive",
     "state counsellor", "chief adviser", "administrator"}
)
# Offices held by several people at once: a newer holder does not end an older one.
MULTI_HOLDER_KINDS = frozenset({"co-prince", "captain regent", "federal councillor"})
# Role words as written in text -> kinds they may denote.
KIND_GROUPS: dict[str, frozenset[str]] = {
    "president": frozenset({"president"}),
    "prime minister": frozenset({"prime minister", "premier"}),
    "pm": frozenset({"prime minister", "premier"}),
    "premier": frozenset({"premier", "prime minister"}),
    "chancellor": frozenset({"chancellor"}),
    "king": frozenset({"king", "monarch"}),
    "queen": frozenset({"queen", "monarch"}),
    "monarch": frozenset({"king", "queen", "monarch"}),
    "emir": frozenset({"emir"}),
    "sultan": frozenset({"sultan"}),
    "supreme leader": frozenset({"supreme leader"}),
    "taoiseach": frozenset({"taoiseach"}),
    "general secretary": frozenset({"general secretary"}),
}


def normalise_kind(title: str) -> str | None:
    """Map an office title to a normalised role word, or None if it names no office."""
    low = title.strip().lower()
    if not low:
        return None
    for needle, kind in _KIND_RULES:
        if needle in low:
            return kind
    return None


def office_for_kind(kind: str) -> str:
    """Head of government for prime-minister-like kinds, head of state otherwise."""
    return HEAD_OF_GOVERNMENT if kind in HOG_KINDS else HEAD_OF_STATE


_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def date_bounds(value: str | None) -> tuple[datetime.date, datetime.date] | None:
    """Earliest and latest day a partial ISO date ("2007", "2007-06-27") can denote."""
    if not value:
        return None
    m = _DATE.match(value)
    if not m:
        return None
    year = int(m.group(1))
    if m.group(3):
        day = datetime.date(year, int(m.group(2)), int(m.group(3)))
        return day, day
    if m.group(2):
        month = int(m.group(2))
        last = (datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1))
        return datetime.date(year, month, 1), last
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
