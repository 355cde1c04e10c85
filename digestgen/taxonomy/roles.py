"""Role vocabulary shared by the leaders registry tool and leader inference.

Normalises office titles ("Federal Chancellor of Germany", "President of the Executive
Yuan") to a short role word (`kind`) and says whether a kind is a head of state or of
government. Also parses the registry's partial ISO dates.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, replace

HEAD_OF_STATE = "head_of_state"
HEAD_OF_GOVERNMENT = "head_of_government"

# Checked in order: the first substring found in the lower-cased title decides the kind.
_KIND_RULES: tuple[tuple[str, str], ...] = (
    ("executive yuan", "premier"),
    ("council of ministers", "prime minister"),
    ("general people's committee", "prime minister"),
    ("prime minister", "prime minister"),
    ("co-prime minister", "prime minister"),
    ("premier", "premier"),
    ("chancellor", "chancellor"),
    ("taoiseach", "taoiseach"),
    ("chief executive", "chief executive"),
    ("chief of government", "prime minister"),
    ("minister of state", "prime minister"),
    ("state counsellor", "state counsellor"),
    ("state counselor", "state counsellor"),
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
    ("amir al-mu'minin", "leader"),
)

HOG_KINDS = frozenset(
    {
        "prime minister",
        "premier",
        "chancellor",
        "taoiseach",
        "chief executive",
        "state counsellor",
        "chief adviser",
        "administrator",
    }
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


_KIND_RES = tuple((re.compile(rf"(?<![\w-]){re.escape(needle)}(?![\w-])"), kind) for needle, kind in _KIND_RULES)


def normalise_kind(title: str) -> str | None:
    """Map an office title to a normalised role word, or None if it names no office.

    Whole words only: "Monarch of the United Kingdom" is a monarch, not a king."""
    low = title.strip().lower()
    if not low:
        return None
    for needle, kind in _KIND_RES:
        if needle.search(low):
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
        last = datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)
        return datetime.date(year, month, 1), last
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def sure_start(value: str | None) -> datetime.date | None:
    """The first day an office that began on the partial date `value` was surely held: the day
    itself when it is known, else the day after the month or year it names ("2022" -> 2023-01-01).

    A role phrase or a bare surname names whoever held the office at the time, so it may resolve
    to a holder only from this day: a president known to have taken office "in 2022" may have done
    so in December, and "the president" in a May 2022 story is then the predecessor."""
    bounds = date_bounds(value)
    if bounds is None:
        return None
    first, last = bounds
    return first if first == last else last + datetime.timedelta(days=1)


def _case_forms(noun: str) -> tuple[str, ...]:
    """The singular case forms of a Russian noun ending in a hard consonant («президент»,
    «президента», «президентом»): titles written before a name in any case."""
    return tuple(noun + ending for ending in ("", "а", "у", "ом", "е"))


# Role words as written in front of a name or in a role phrase -> the kinds they may denote.
LEADER_TITLES: dict[str, frozenset[str]] = {
    **KIND_GROUPS,
    "emperor": frozenset({"emperor"}),
    "empress": frozenset({"emperor"}),
    "amir": frozenset({"emir"}),
    "pope": frozenset({"pope"}),
    **{w: frozenset({"president"}) for w in _case_forms("президент")},
    **{w: frozenset({"prime minister", "premier"}) for w in _case_forms("премьер-министр")},
    **{w: frozenset({"premier", "prime minister"}) for w in _case_forms("премьер")},
    **{w: frozenset({"chancellor"}) for w in _case_forms("канцлер")},
    "король": frozenset({"king", "monarch"}),
    **{w: frozenset({"king", "monarch"}) for w in ("короля", "королю", "королём", "королем", "короле")},
    **{w: frozenset({"queen", "monarch"}) for w in ("королева", "королевы", "королеве", "королеву", "королевой")},
}
# Offices that are not those of a head of state or government: a leader named with one is not
# (or not yet, or no longer) in the leader's office at the time the article speaks of.
_OTHER_OFFICES_WORDS = (
    "minister secretary senator sen governor gov mayor commissioner candidate nominee hopeful challenger "
    "ambassador envoy spokesman spokeswoman congressman congresswoman lawmaker mp prince princess speaker "
    "attorney judge justice treasurer vice-president secretary-general"
)
# What a person is besides any office: "tycoon Donald Trump" in 2004 names no president, but a
# president may still be called a billionaire.
DESCRIPTIONS = frozenset({"tycoon", "billionaire", "businessman", "businesswoman", "magnate", "mogul", "entrepreneur"})
OTHER_OFFICES = frozenset(_OTHER_OFFICES_WORDS.split()) | {"secretary general"} | DESCRIPTIONS
CAMPAIGNING = frozenset({"candidate", "nominee", "hopeful", "challenger"})
ALONGSIDE_OFFICE = CAMPAIGNING | DESCRIPTIONS | {"prince", "princess"}
"""Of OTHER_OFFICES, what a leader in office may be at the same time (running again; a crown prince and prime minister)."""
# Government posts the Phoenix dictionary dates (ministers): an official named with one was in post.
MINISTERIAL = frozenset({"minister", "secretary", "chancellor", "attorney", "treasurer"})
_ABROAD = frozenset({"european", "eu", "un", "nato", "commission", "council", "world", "imf", "international"})
# Words that neither claim nor rule out an office ("Labour leader Tony Blair", "Mr Blair").
NEUTRAL_TITLES = frozenset(
    ["leader", "chairman", "chairwoman", "chief", "general", "colonel", "marshal", "sheikh", "ayatollah", "comrade"]
)
COURTESY = frozenset(["mr", "mrs", "ms", "miss", "dr", "sir", "dame", "madam", "mme"])
# Modifiers: "former President X" (held it before), "then-President X" (held it then),
# "President-elect X" / "future" / "chancellor-in-waiting" (not yet).
FORMER_WORDS = frozenset({"former", "ex", "late", "onetime", "one-time", "erstwhile"})
THEN_WORDS = frozenset({"then"})
BEFORE_WORDS = frozenset({"future", "incoming", "elect", "designate", "would-be"})
_NOT_HEAD = frozenset({"vice", "deputy", "shadow", "first", "assistant", "under", "junior", "opposition"})

_WORDS = sorted({*LEADER_TITLES, *OTHER_OFFICES, *NEUTRAL_TITLES, *COURTESY}, key=len, reverse=True)
_ROLE_ALT = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in _WORDS)
_MOD_ALT = "|".join(sorted(FORMER_WORDS | THEN_WORDS | {"future", "incoming"}, key=len, reverse=True))
# A capitalised word or an abbreviation ("U.S."), never a word ending a sentence ("Nations.").
_CAP = r"(?:[A-Z](?:\.[A-Z])+\.?|[A-Z][\w'\u2019-]*)"
_LOWER_NOT_HEAD = r"(?:vice|deputy|shadow|acting|junior|assistant|opposition)"
_BEFORE_NAME = re.compile(
    rf"(?:\b(?P<mod>(?i:{_MOD_ALT}))[ \t-]+)?(?P<pre>(?:the[ \t]+)?(?:(?:{_CAP}|{_LOWER_NOT_HEAD})[ \t]+"
    rf"(?:(?:of|and|for)[ \t]+)?){{0,4}}?)"
    rf"\b(?P<role>(?i:{_ROLE_ALT}))\.?(?P<post>(?i:-elect|-designate|-in-waiting|[ \t]+elect|[ \t]+in[ \t]+waiting))?,?[ \t]+$"
)
# An office and its portfolio before a name: "Minister for Health Leo Varadkar", "Minister of Housing X".
_BEFORE_NAME_PORTFOLIO = re.compile(
    rf"(?:\b(?P<mod>(?i:{_MOD_ALT}))[ \t-]+)?(?P<pre>(?:{_CAP}[ \t]+){{0,2}}?)"
    rf"\b(?P<role>(?i:prime[ \t]+minister|minister|secretary|commissioner))(?P<post>)[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?"
    rf"(?:{_CAP}[ \t]+(?:(?:and|&)[ \t]+)?){{1,3}}$"
)
# Lower-case words an appositive may put between its article and the office: ", then a presidential candidate".
_LOWER_BEFORE_OFFICE = (
    r"(?:presidential|sitting|incumbent|interim|new|outgoing|presumptive|likely|leading|prospective|possible)"
)
_AFTER_NAME = re.compile(
    rf"^,[ \t]+(?:(?P<then>then)[ \t]+)?(?:the|a|an|their|its|his|her)[ \t]+(?:(?P<mod>(?i:{_MOD_ALT}))[ \t-]+)?"
    rf"(?P<pre>(?:(?:{_CAP}|{_LOWER_BEFORE_OFFICE})[ \t]+){{0,3}}?)(?P<role>(?i:{_ROLE_ALT}))\b(?P<post>(?i:-elect|-designate|-in-waiting|[ \t]+in[ \t]+waiting))?"
)


@dataclass(frozen=True)
class Title:
    """The office words written next to a name: "former US President", ", the chancellor"."""

    phrase: str
    role: str
    """The role word, lower case, one space: "president", "prime minister", "mr"."""
    modifier: str | None
    """"former", "then" or "before" (elect, designate, future, incoming)."""
    head: bool
    """False when the role is qualified as not the top office ("Vice President", "Deputy PM")."""
    abroad: bool = False
    """The office is an international one ("European Commissioner", "UN Secretary-General")."""

    @property
    def courtesy(self) -> bool:
        return self.role in COURTESY

    @property
    def ministerial(self) -> bool:
        """A national government post ("Foreign Secretary", not "European Commissioner")."""
        return self.role in MINISTERIAL and self.head and self.modifier is None and not self.abroad

    def kinds(self) -> frozenset[str] | None:
        """The leader kinds the title claims, or None when it is not a leader's title."""
        return LEADER_TITLES.get(self.role) if self.head else None


def _title(m: re.Match[str]) -> Title:
    role = " ".join(m.group("role").lower().split())
    pre = {w.lower() for w in m.group("pre").split()}
    post = (m.group("post") or "").strip(" -").lower()
    mod = (m.group("mod") or m.groupdict().get("then") or "").lower()  # ", then a candidate": then
    modifier = (
        "former"
        if mod in FORMER_WORDS
        else "then"
        if mod in THEN_WORDS
        else "before"
        if mod in BEFORE_WORDS or post
        else None
    )
    # "Under" makes an under-secretary; before any other office it is the preposition that opens a
    # sentence ("Under President Obama, the deficit fell").
    not_head = pre & _NOT_HEAD if role == "secretary" else pre & _NOT_HEAD - {"under"}
    return Title(" ".join(m.group(0).split()).strip(", "), role, modifier, not not_head, bool(pre & _ABROAD))


_TITLE_TOKENS = frozenset(w for role in _WORDS for w in re.split(r"[\s-]+", role)) | {"elect", "designate", "waiting"}
_LAST_WORD = re.compile(r"([^\W\d_]+)\.?,?[ \t]*$")


def title_before(text: str, start: int) -> Title | None:
    """The title written just before position `start` ("Chancellor " in "Chancellor Gordon Brown")."""
    last = _LAST_WORD.search(text, max(0, start - 30), start)
    if last is None:
        return None
    if last.group(1).lower() not in _TITLE_TOKENS:  # the common case: no title at all
        window = text[max(0, start - 60) : start]
        if " of " not in window and " for " not in window:
            return None
        m = _BEFORE_NAME_PORTFOLIO.search(text, max(0, start - 60), start)
        return _title(m) if m else None
    m = _BEFORE_NAME.search(text, max(0, start - 80), start)
    return _title(m) if m else None


def title_after(text: str, end: int) -> Title | None:
    """An appositive title just after a name (", the French president")."""
    m = _AFTER_NAME.match(text[end : end + 90])
    return replace(_title(m), phrase=", " + _title(m).phrase) if m else None
