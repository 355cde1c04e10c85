"""Clean-up of merged persons: one role per tenure, tenures closed at the successor's start,
and the same person found twice (spelling variants, surname-only rows) folded into one."""

from __future__ import annotations

import datetime
import difflib
from collections import Counter, defaultdict
from typing import Any

from digestgen.taxonomy.roles import MULTI_HOLDER_KINDS
from leaders_build.names import HONORIFICS, PARTICLES, covered, similar
from leaders_build.people import LAST_GLI_YEAR, Person, overlap, year


def merge_roles(p: Person) -> None:
    """One role per continuous tenure of an office: union dates and sources, prefer exact dates."""
    merged: list[dict[str, Any]] = []
    for r in sorted(p.roles, key=lambda r: (r["country"], r["office"], r["kind"], r["from"][:4], r["from"])):
        prev = merged[-1] if merged else None
        if (
            prev
            and (prev["country"], prev["office"], prev["kind"]) == (r["country"], r["office"], r["kind"])
            and (prev["to"] in (None, "?") or prev.get("_approx") or (year(r["from"]) or 0) <= (year(prev["to"]) or 0))
        ):
            if len(prev["from"]) < len(r["from"]) and prev["from"][:4] == r["from"][:4]:
                prev["from"] = r["from"]
            prev["to"], prev["_approx"] = _end(prev, r)
            prev["_seen"] = max(prev.get("_seen") or 0, r.get("_seen") or 0) or None
            prev["sources"] |= r["sources"]
            if "wikidata" in r["sources"] or "manual" in r["sources"]:
                prev["title"] = r["title"]
        else:
            merged.append(dict(r, sources=set(r["sources"])))
    p.roles = merged


def _end(a: dict[str, Any], b: dict[str, Any]) -> tuple[str | None, bool]:
    """The end of two records of one tenure: a recorded end beats the year a query stopped
    listing someone (`_approx`); otherwise the later one."""
    for x, y in ((a, b), (b, a)):
        if x.get("_approx") and not y.get("_approx") and y["to"] not in (None, "?"):
            return y["to"], False
    end = later_end(a["to"], b["to"])
    return end, any(x.get("_approx") and x["to"] == end for x in (a, b))


def later_end(a: str | None, b: str | None) -> str | None:
    """The later of two tenure ends; None is "still in office", "?" is "after the data ends"."""
    if a is None or b is None:
        return None
    if "?" in (a, b):
        known = [x for x in (a, b) if x != "?"]
        return known[0] if known and known[0][:4] > str(LAST_GLI_YEAR) else "?"
    if a[:4] == b[:4]:
        return a if len(a) >= len(b) else b
    return max(a, b)


def close_timelines(people: list[Person]) -> None:
    """Close open tenures at the successor's start; sharpen year-only ends to the exact date.

    An end that is only when a query stopped listing the holder closes at an earlier successor's
    start too, unless that successor left before the holder was last listed (Wikidata lists both
    Maduro and Guaidó as president from 2019; Maduro was still listed in 2024)."""
    timelines: dict[tuple[str, str, str], list[tuple[dict[str, Any], Person]]] = defaultdict(list)
    for p in people:
        for r in p.roles:
            timelines[(r["country"], r["office"], r["kind"])].append((r, p))
    for (_, _, kind), items in timelines.items():
        items.sort(key=lambda rp: (rp[0]["from"][:4], rp[0]["from"]))
        for i, (r, p) in enumerate(items):
            later = [
                x
                for x, q in items[i + 1 :]
                if q is not p
                and x["from"][:4] >= r["from"][:4]
                and x["from"] > r["from"]
                and not _left_before(x, r.get("_seen"))
            ]
            nxt = later[0] if later else None
            # An end that is only when the query stopped listing the holder is a lower bound (an
            # editor who adds a future end date drops the holder at once: Buhari, last listed in
            # 2022, left in May 2023): the successor's start, up to two years on, is the end.
            open_end = r["to"] in (None, "?") or (
                r.get("_approx") and nxt and int(nxt["from"][:4]) <= int(r["to"][:4]) + 2
            )
            if open_end and nxt and kind not in MULTI_HOLDER_KINDS:
                r["to"] = nxt["from"]
                r["_approx"] = False
            elif r["to"] and r["to"] != "?" and len(r["to"]) == 4:
                # A year-only end is the start of the first successor known to the day who began
                # that year. For an end the data records, when a query went on listing the
                # finished term is no evidence (Castex left in 2022 and was listed until 2026;
                # Borne began in May 2022), and an acting holder known only to the year does not
                # hide the successor (Mohammed bin Rashid between Khalifa and Mohammed bin Zayed).
                pool = (
                    [nxt]
                    if r.get("_approx")
                    else [x for x, q in items[i + 1 :] if q is not p and x["from"] > r["from"]]
                )
                same = [x for x in pool if x and x["from"][:4] == r["to"] and len(x["from"]) == 10]
                if same:
                    r["to"] = same[0]["from"]
            if r["to"] == "?":  # left after the data ends, successor unknown: still open as far as we know
                r["to"] = None


def _left_before(successor: dict[str, Any], seen: int | None) -> bool:
    end = year(successor["to"]) if successor["to"] not in (None, "?") else None
    return bool(seen and end is not None and end < seen)


def same_person(p: Person, q: Person) -> bool:
    """Loose second-pass identity: spelling variants of one name within a few years, or of a
    name of three or more words at any distance ("Mian Muhammad Nawaz Sharif", 1990 and 2013)."""
    if p.country != q.country or (p.qid and q.qid and p.qid != q.qid):
        return False
    gap = max(p.span()[0], q.span()[0]) - min(p.span()[1], q.span()[1])
    for a in p.tokens():
        for b in q.tokens():
            a3, b3 = _core(a), _core(b)
            if (
                len(a3) >= 3
                and len(a3) == len(b3)
                and all(similar(x, y, 0.8) for x, y in zip(a3, b3, strict=False))
                and similar(a3[0], b3[0], 0.85)
            ):
                return True
            if len(a) < 2 or len(b) < 2 or a[-1] != b[-1] or gap > 4:
                continue
            if a[0] == b[0] and (covered(a, b) or covered(b, a)):
                return True
            if a[1:] == b[1:] and (
                a[0].startswith(b[0])
                or b[0].startswith(a[0])
                or difflib.SequenceMatcher(None, a[0], b[0]).ratio() >= 0.8
            ):
                return True
    return False


def merge_same_office(people: list[Person]) -> list[Person]:
    """Two entries holding the same one-holder office in the same years, whose names share a
    rare surname or are spellings of one name, are one person ("Mariano Rajoy" / "Rajoy Brey")."""
    seen: Counter[str] = Counter(w for p in people for w in {w for t in p.tokens() for w in t})
    rare = {w for w, n in seen.items() if n <= 3 and len(w) >= 4}  # a family name, not "salman" or "mohamed"
    out: list[Person] = []
    holders: dict[tuple[str, str, str], list[Person]] = defaultdict(list)
    for p in people:
        offices = {(r["country"], r["office"], r["kind"]) for r in p.roles if r["kind"] not in MULTI_HOLDER_KINDS}
        target = next((q for o in sorted(offices) for q in holders[o] if q is not p and _same_office(p, q, rare)), None)
        if target:
            absorb(target, p)
            merge_roles(target)
            p = target
        else:
            out.append(p)
        for o in offices:
            if p not in holders[o]:
                holders[o].append(p)
    return out


def _same_office(p: Person, q: Person, rare: set[str]) -> bool:
    if (p.qid and q.qid and p.qid != q.qid) or not _overlap(p, q):
        return False
    if _same_monarch(p, q):
        return True
    last = {t[-1] for t in p.tokens() if t} | {t[-1] for t in q.tokens() if t}
    words = {w for t in p.tokens() for w in t} & {w for t in q.tokens() for w in t} & rare & last
    return bool(words) or any(
        len(a) >= 2
        and len(b) >= 2
        and ((similar(a[-1], b[-1], 0.85) and similar(a[0], b[0], 0.8)) or _fuzzy_covered(a, b) or _fuzzy_covered(b, a))
        for a in p.tokens()
        for b in q.tokens()
    )


_MONARCHS = frozenset({"king", "queen", "monarch", "emir", "sultan", "emperor", "supreme leader"})


def _same_monarch(p: Person, q: Person) -> bool:
    """A throne has one holder: two records of it for the same years whose names begin alike are
    one person ("Abdullah II of Jordan" in Wikidata, "Abdullah Ibn Hussein El-Hashimi" in REIGN)."""
    thrones = {(r["country"], r["office"]) for r in p.roles if r["kind"] in _MONARCHS}
    if not thrones & {(r["country"], r["office"]) for r in q.roles if r["kind"] in _MONARCHS}:
        return False
    return any(a and b and similar(a[0], b[0], 0.75) for a in p.tokens() for b in q.tokens())


def _overlap(p: Person, q: Person) -> bool:
    """Both held one office of one country for the same months (half the shorter tenure, or 6 months)."""
    for r in p.roles:
        for x in q.roles:
            if (r["country"], r["office"], r["kind"]) == (x["country"], x["office"], x["kind"]) and r[
                "kind"
            ] not in MULTI_HOLDER_KINDS:
                (a, b), (c, d) = _days(r), _days(x)
                shared = min(b, d) - max(a, c)
                if shared > 0 and shared >= min(183, (b - a) // 2, (d - c) // 2):
                    return True
    return False


def _days(r: dict[str, Any]) -> tuple[int, int]:
    """The days a role surely covers: from the latest day its start can be to the earliest day its
    end can be ("1971" to "2000" is 1971-12-31 to 2000-01-01, so Hafez al-Assad does not overlap
    Bashar's start in June 2000)."""
    lo = _ordinal(r["from"], first=False)
    hi = _ordinal(r["to"], first=True) if r["to"] not in (None, "?") else _ordinal("2026", first=False)
    return lo, max(lo, hi)


def _ordinal(value: str, first: bool) -> int:
    parts = [int(x) for x in value.split("-")]
    if len(parts) == 3:
        return datetime.date(*parts).toordinal()
    if len(parts) == 2:
        return datetime.date(parts[0], parts[1], 1 if first else 28).toordinal()
    return datetime.date(parts[0], 1, 1).toordinal() if first else datetime.date(parts[0], 12, 31).toordinal()


def merge_across_countries(people: list[Person]) -> list[Person]:
    """The same full name is one person: in one country at any time (Asif Ali Zardari, president
    2008 and 2024; two sources' records of one spell), in two countries in overlapping years
    (Saddam Hussein, Iraq and occupied Kuwait 1990-91), as one Wikidata id is (Elizabeth II's realms)."""
    by_name: dict[tuple[str, ...], list[Person]] = defaultdict(list)
    out: list[Person] = []
    for p in people:
        target = next(
            (
                q
                for t in p.tokens()
                if len(t) >= 2
                for q in by_name[t]
                if q is not p
                and (overlap(p.span(), q.span()) > 0 or q.country == p.country)
                and not (p.qid and q.qid and p.qid != q.qid)
            ),
            None,
        )
        if target:
            absorb(target, p)
            p = target
        else:
            out.append(p)
        for t in p.tokens():
            if len(t) >= 2 and p not in by_name[t]:
                by_name[t].append(p)
    return out


def _fuzzy_covered(small: tuple[str, ...], big: tuple[str, ...]) -> bool:
    """Every word of a two-word surname form matches a word of the full name ("Lleras Restropo" in
    "Carlos Lleras Restrepo")."""
    return len(small) == 2 and len(big) > 2 and all(any(len(w) >= 4 and similar(w, b, 0.8) for b in big) for w in small)


def _core(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """A name's words without honorifics and particles ("bin", "al"), which match too easily."""
    return tuple(t for t in tokens if t not in HONORIFICS and t not in PARTICLES)


def absorb(keep: Person, drop: Person) -> None:
    for name in drop.names:
        for source in drop.name_sources.get(name, ()):
            keep.add_name(name, source)
    keep.roles += drop.roles
    keep.qid = keep.qid or drop.qid
    keep.phoenix += drop.phoenix
    keep.posts += drop.posts
    keep.gender |= drop.gender


def merge_duplicates(people: list[Person]) -> list[Person]:
    """Fold surname-only and variant-spelling entries into the one full-name person."""
    out: list[Person] = []
    for p in people:
        target = next((q for q in out if same_person(q, p)), None)
        if target:
            absorb(target, p)
        else:
            out.append(p)
    for p in [p for p in out if all(len(t) == 1 for t in p.tokens())]:
        hits = [
            q
            for q in out
            if q is not p
            and q.country == p.country
            and any(len(t) >= 2 and covered(pt, t) for t in q.tokens() for pt in p.tokens())
            and q.span()[0] - 4 <= p.span()[1]
            and p.span()[0] <= q.span()[1] + 4
        ]
        if len(hits) == 1:
            absorb(hits[0], p)
            out.remove(p)
    return out
