"""Join the Phoenix actor dictionary to the registry: wire-copy names and spelling variants for
leaders, and dated government posts of everyone else (ministers, officials) as era evidence."""

from __future__ import annotations

from datetime import date
from typing import Any

from leaders_build.names import compatible, norm_tokens, restore_case, similar, strict_match, strip_honorifics
from leaders_build.people import HORIZON, Person
from leaders_build.readers import PhoenixActor
from leaders_build.timeline import absorb

_FAR_PAST, _FAR_FUTURE = date(1900, 1, 1), date(HORIZON, 12, 31)


def _day(value: str | None, default: date) -> date:
    if not value:
        return default
    parts = [int(x) for x in value.split("-")]
    try:
        return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return default


def _days(spans: list[tuple[date, date]], other: list[tuple[date, date]]) -> int:
    return sum(max(0, (min(b, d) - max(a, c)).days) for a, b in spans for c, d in other)


def leader_spans(p: Person, where: str) -> list[tuple[date, date]]:
    return [(_day(r["from"], _FAR_PAST), _day(r["to"], _FAR_FUTURE)) for r in p.roles if r["country"] == where]


def actor_spans(a: PhoenixActor) -> list[tuple[date, date]]:
    return [(_day(s, _FAR_PAST), _day(e, _FAR_FUTURE)) for s, e in a.gov]


_TITLE_WORDS_WORDS = (
    "president minister premier chancellor former leader secretary king queen emir sultan prince princess "
    "crown general gov governor sen senator rep representative mayor ambassador envoy administration "
    "kanzler bundeskanzler premierminister"
)
_TITLE_WORDS = frozenset(_TITLE_WORDS_WORDS.split())


def clean_names(a: PhoenixActor) -> list[str]:
    """The actor's names without entries that carry a title ("PRESIDENT PUTIN", "KING ABDULLAH")."""
    return [strip_honorifics(n) for n in a.names if not _TITLE_WORDS & set(n.lower().replace(".", " ").split())]


def join(people: list[Person], actors: list[PhoenixActor], iso3: dict[str, str]) -> list[PhoenixActor]:
    """Attach each actor to the leader it denotes (same country, matching name, overlapping time
    in office); return the actors left over (not leaders)."""
    by_country: dict[str, list[Person]] = {}
    for p in people:
        for place in p.countries():
            by_country.setdefault(place, []).append(p)
    rest = []
    for actor in actors:
        where = iso3.get(actor.iso3)
        names = clean_names(actor)
        if where is None or not names:
            continue
        a = PhoenixActor(actor.iso3, names, actor.gov)
        best, best_key = None, (False, 0)
        for p in by_country.get(where, ()):
            key = _fit(a, p, where)
            if key is not None and key > best_key:
                best, best_key = p, key
        if best is not None:
            _attach(best, a, where)
        else:
            rest.append(a)
    return rest


def _fit(a: PhoenixActor, p: Person, where: str) -> tuple[bool, int] | None:
    """(aligned, overlap days) when the actor is this leader, else None."""
    spans, lead = actor_spans(a), leader_spans(p, where)
    days = _days(spans, lead)
    if not days:
        return None
    aligned = any(
        abs((s - t).days) <= 120 or abs((e - f).days) <= 120
        for s, e in spans
        for t, f in lead
        if s != _FAR_PAST and t != _FAR_PAST
    )
    same_term = any(abs((s - t).days) <= 120 and abs((e - f).days) <= 120 for s, e in spans for t, f in lead)
    full = [t for t in p.tokens() if len(t) >= 2]
    mine = [norm_tokens(n) for n in a.names]
    if same_term:  # the same term in office to within months: "Jimmy" is "James Earl" Carter
        ok = any(m and t and similar(m[-1], t[-1], 0.85) for m in mine for t in p.tokens())
    elif full:
        ok = any(strict_match(m, t) for m in mine for t in full) or (
            aligned and any(compatible(m, t) for m in mine for t in full)
        )
    else:
        ok = any(len(m) >= 2 and similar(m[-1], t[0], 0.85) for m in mine for t in p.tokens())
    enough = aligned or days >= min(180, _shortest(spans, lead) // 2)
    return (aligned, days) if ok and enough else None


def _attach(p: Person, a: PhoenixActor, where: str) -> None:
    for name in a.names:
        p.add_name(name, "phoenix")
    p.phoenix.append((where, a.names[0]))
    p.posts += a.gov


def _shortest(a: list[tuple[date, date]], b: list[tuple[date, date]]) -> int:
    return min((e - s).days for s, e in a + b) if a and b else 0


def resolve_surname_only(people: list[Person], actors: list[PhoenixActor], iso3: dict[str, str]) -> list[Person]:
    """A leader still known only by surname takes the full name of the one actor of that country
    with that surname (the dictionary may date the actor's other posts); if that actor is
    already another entry's, the two entries are one person."""
    by_surname: dict[tuple[str, str], dict[str, PhoenixActor]] = {}
    for a in actors:
        names = clean_names(a)
        for toks in {norm_tokens(n) for n in names if len(norm_tokens(n)) >= 2}:
            by_surname.setdefault((iso3.get(a.iso3, ""), toks[-1]), {})[names[0]] = a
    owner = {(where, name): p for p in people for where, name in p.phoenix}
    out = []
    for p in people:
        found = (
            {}
            if any(len(t) >= 2 for t in p.tokens())
            else {k: a for t in p.tokens() for k, a in by_surname.get((p.country, t[0]), {}).items()}
        )
        if len(found) != 1:
            out.append(p)
            continue
        ((primary, a),) = found.items()
        other = owner.get((p.country, primary))
        if other is None:
            _attach(p, PhoenixActor(a.iso3, clean_names(a), a.gov), p.country)
            out.append(p)
        elif other is not p:
            absorb(other, p)
    return out


def officials(actors: list[PhoenixActor], iso3: dict[str, str], leader_names: set[str]) -> list[list[Any]]:
    """Non-leaders with dated government posts: [name, country, [[from, to], ...], [aliases]]."""
    out = []
    for a in actors:
        where = iso3.get(a.iso3)
        names = [n for n in dict.fromkeys(a.names) if len(norm_tokens(n)) >= 2]
        names = [n for n in names if " ".join(norm_tokens(n)) not in leader_names]
        if where is None or not names:
            continue
        spans = sorted({(s or "", e or "") for s, e in a.gov})
        out.append(
            [
                _title(names[0]),
                where,
                [[s or None, e or None] for s, e in spans],
                sorted({_title(n) for n in names[1:]} - {_title(names[0])}),
            ]
        )
    out.sort(key=lambda o: (o[1], o[0], str(o[2])))
    return out


def _title(name: str) -> str:
    return restore_case(name, [])
