"""The shipped form of the registry: display names, aliases with their sources, entries, countries."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

from digestgen.taxonomy.roles import HEAD_OF_STATE
from digestgen.urls import slugify
from leaders_build.display import MONARCH_KINDS, display_name, primary_country
from leaders_build.names import (
    NOISY_TOKENS,
    PARTICLES,
    drop_patronymic,
    good_display,
    is_qid,
    is_regnal,
    norm_tokens,
    restore_case,
    similar,
    strict_match,
    strip_honorifics,
    surname,
)
from leaders_build.people import SCOPE_YEAR, Person, year

# English news writes these countries' names family name first ("Xi Jinping" -> "Xi").
NAME_FIRST = frozenset({"China", "Taiwan", "North Korea", "South Korea", "Vietnam", "Cambodia"})
# Names with no family name to use alone.
NO_SURNAME = frozenset({"Myanmar", "Laos", "Vatican City"})


def aliases(
    p: Person, name: str, where: str, curated: dict[str, Any], places: frozenset[str]
) -> dict[str, tuple[str, set[str]]]:
    """alias -> (kind, sources): source spellings, derived short forms and the bare surname."""
    mixed = [n for n in p.names if not n.isupper()]
    out: dict[str, tuple[str, set[str]]] = {}

    def add(alias: str, sources: set[str], kind: str = "name") -> None:
        alias = " ".join(alias.split())
        toks = norm_tokens(alias)
        if not alias or is_qid(alias) or alias == name or not toks or _STOP & set(toks) or " ".join(toks) in places:
            return
        if sources <= {"phoenix"} and len(toks) >= 2 and not _same_name(toks, norm_tokens(name)):
            return  # a dictionary entry folded in by dates whose spelling is another person's
        if kind == "name" and not _CJK.search(alias) and (len(alias.split()) == 1 or _tail_of(toks, norm_tokens(name))):
            kind = "surname"  # "Blair"; "St. John" for Bernard St. John: no given name
        if kind == "surname" and (
            alias.lower() in NOISY_TOKENS or len(norm_tokens(alias)[0]) < 2 or alias[:1].islower()
        ):
            return
        old = out.get(alias, (kind, set()))
        out[alias] = (old[0], old[1] | sources)

    monarch = any(r["kind"] in MONARCH_KINDS for r in p.roles)
    for n in p.names:
        sources = p.name_sources.get(n, {"derived"})
        form = restore_case(n, mixed) if n.isupper() else n
        if monarch and is_regnal(form):
            add(form.split()[0], sources, "regnal")
            continue
        for variant in {form, strip_honorifics(form), drop_patronymic(strip_honorifics(form))}:
            if len(variant.split()) == 1 and where in NO_SURNAME | NAME_FIRST:
                continue
            add(variant, sources)
            words = variant.split()
            if len(words) >= 4 and words[-2].lower() == "al" and {"bin", "ibn"} & {w.lower() for w in words}:
                add(" ".join(words[:-2]), sources)  # "Mohammed bin Salman Al Saud" -> "Mohammed bin Salman"
            if (
                len(words) >= 3
                and where not in NAME_FIRST
                and words[-1] == name.split()[-1]
                and not {w.lower() for w in words} & PARTICLES
            ):
                add(f"{words[0]} {words[-1]}", sources)
    if monarch and is_regnal(name):
        add(name.split()[0], {"derived"}, "regnal")
    elif where in NAME_FIRST and _family_first(name):
        add(name.split()[0], {"derived"}, "surname")
    elif where not in NO_SURNAME and (last := surname(name, False)):
        add(last, {"derived"}, "surname")
        for prefix in ("al-", "el-", "Al-", "El-"):
            if last.startswith(prefix) and len(last) > len(prefix) + 2:
                add(last[len(prefix) :], {"derived"}, "surname")
                if name.endswith(" " + last):  # AP style drops the article: "Bashar Assad"
                    add(name[: -len(last)] + last[len(prefix) :], {"derived"})
    for alias in curated.get("aliases", []):
        add(alias, {"manual"}, "regnal" if monarch and alias in curated.get("regnal", []) else "name")
    return out


def _family_first(name: str) -> bool:
    """ "Xi Jinping", "Moon Jae-in", "Nguyen Xuan Phuc" (but not "William Lai")."""
    words = name.split()
    return len(words) >= 3 or (len(words) == 2 and ("-" in words[1] or len(words[0]) <= 3))


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")  # written without spaces: a whole name
_STOP_WORDS = (
    "the administration government gov governor regime cabinet camp office senator sen rep mr mrs dr "
    "presidential candidate party"
)
_STOP = frozenset(_STOP_WORDS.split())


def _tail_of(alias: tuple[str, ...], name: tuple[str, ...]) -> bool:
    """The alias is made of the name's words after the given name ("Van Rompuy", "Lula da Silva")."""
    return len(name) >= 2 and bool(alias) and name[0] not in alias and set(alias) <= set(name[1:])


def _same_name(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if strict_match(a, b) or len(b) < 2:
        return True
    return similar(a[-1], b[-1], 0.85) and ((a[0][:1] == b[0][:1] and len(a[0]) == 1) or similar(a[0], b[0], 0.6))


def finalise(
    people: list[Person], curated: dict[str, Any], spec: dict[str, Any], shipped: dict[tuple[str, str], str]
) -> tuple[list[dict[str, Any]], list[str]]:
    """Registry entries, and the leaders left out because no source gives more than a surname."""
    places = frozenset(
        " ".join(norm_tokens(w)) for c, s in spec.items() for w in [c, *s.get("adjectives", []), *s.get("aliases", [])]
    )
    curated_names = {(e["country"], e["name"]): e for e in curated.get("leaders", [])}
    by_name = {(e["country"], " ".join(norm_tokens(e["name"]))): e for e in curated.get("leaders", [])}
    for p in people:  # a curated entry names its person by one of the person's names
        for n in list(p.names):
            e = by_name.get((p.country, " ".join(norm_tokens(n))))
            if e and e["name"] not in p.names:
                p.add_name(e["name"], "manual")
    out: list[dict[str, Any]] = []
    unnamed: list[str] = []
    matched: set[tuple[str, str]] = set()
    for p in people:
        p.roles = [
            r
            for r in p.roles
            if (r["to"] is None or (year(r["to"]) or 0) >= SCOPE_YEAR or "manual" in r["sources"])
            and r["country"] in spec
        ]  # sovereign states only (not Somaliland, Transnistria, ...); earlier offices only if curated
        if not p.roles:
            continue
        where = primary_country(p)
        p.country = where
        name = display_name(p, curated_names)
        if not good_display(name, all(r["kind"] in MONARCH_KINDS for r in p.roles)):
            first, last = min(r["from"] for r in p.roles)[:4], max((r["to"] or "") for r in p.roles)[:4]
            unnamed.append(f"{name} ({where}, {first}-{last})")
            continue
        entry = curated_names.get((where, name), {})
        if entry:
            matched.add((where, name))
        found = aliases(p, name, where, entry, places)
        roles = sorted(
            ({**r, "sources": sorted(r["sources"])} for r in p.roles),
            key=lambda r: (r["from"], r["office"], r["title"]),
        )
        genders = sorted(p.gender - {""})
        sources = sorted(
            {s for r in roles for s in r["sources"]}
            | ({"wikidata"} if p.qid else set())
            | ({"phoenix"} if p.phoenix else set())
            | ({"manual"} if entry else set())
        )
        out.append(
            {
                "id": slugify(name),
                "name": name,
                "country": where,
                "aliases": [
                    {"name": a, **({"kind": k} if k != "name" else {}), "sources": sorted(s)}
                    for a, (k, s) in sorted(found.items())
                ],
                "wikidata": p.qid,
                **({"gender": genders[0]} if len(genders) == 1 else {}),
                "roles": [
                    {k: r[k] for k in ("title", "kind", "office", "country", "from", "to", "sources")} for r in roles
                ],
                **(
                    {"posts": [[a, b] for a, b in sorted(set(p.posts), key=lambda ab: (ab[0] or "", ab[1] or ""))]}
                    if p.posts
                    else {}
                ),
                "sources": sources,
            }
        )
    stray = sorted(f"{n} ({c})" for c, n in set(curated_names) - matched)
    if stray:  # a curated entry must name a person as the data displays them, or its aliases are lost
        raise SystemExit(
            f"tools/leader_aliases.yaml: leaders entries that match no registry person: {', '.join(stray)}"
        )
    distinguish(out)
    infer_gender(out)
    assign_ids(out, shipped)
    return sorted(out, key=lambda e: e["id"]), sorted(unnamed)


def assign_ids(entries: list[dict[str, Any]], shipped: dict[tuple[str, str], str]) -> None:
    """Disambiguate namesakes' ids by country, then by first year in office (in place).

    An id is a page address on users' sites: a leader keeps the id the registry shipped before
    (`shipped`: (country, name) -> id), and a namesake added later is the one that takes a suffix."""

    def kept(e: dict[str, Any]) -> bool:
        return bool(shipped.get((e["country"], e["name"])) == e["id"])

    for suffix in (lambda e: slugify(e["country"]), lambda e: e["roles"][0]["from"][:4]):
        used = Counter(e["id"] for e in entries)
        for e in entries:
            if used[e["id"]] > 1 and not kept(e):
                e["id"] = f"{e['id']}-{suffix(e)}"


def distinguish(entries: list[dict[str, Any]]) -> None:
    """An entry whose display name is another's alias in the same country ("George Bush" for both
    Bushes) takes its own fuller name that covers it ("George H. W. Bush")."""
    taken: dict[tuple[str, str], set[int]] = defaultdict(set)
    for i, e in enumerate(entries):
        for a in e["aliases"]:
            taken[(e["country"], " ".join(norm_tokens(a["name"])))].add(i)
    for i, e in enumerate(entries):
        toks = norm_tokens(e["name"])
        if not taken.get((e["country"], " ".join(toks)), set()) - {i}:
            continue
        fuller = [
            a["name"]
            for a in e["aliases"]
            if "kind" not in a
            and good_display(a["name"])
            and len(norm_tokens(a["name"])) > len(toks)
            and set(toks) <= set(norm_tokens(a["name"]))
            and not taken.get((e["country"], " ".join(norm_tokens(a["name"]))), set()) - {i}
        ]
        if fuller:
            new = min(fuller, key=lambda n: (len(n.split()), n))
            e["aliases"] = sorted(
                [a for a in e["aliases"] if a["name"] != new] + [{"name": e["name"], "sources": ["derived"]}],
                key=lambda a: a["name"],
            )
            e["name"], e["id"] = new, slugify(new)


def infer_gender(entries: list[dict[str, Any]]) -> None:
    """Gender, where REIGN gives none, from a given name that REIGN's leaders of one gender share
    ("Charles III" is not "the Queen")."""
    seen: dict[str, Counter[str]] = defaultdict(Counter[str])
    for e in entries:
        if "gender" in e:
            seen[e["name"].split()[0]][e["gender"]] += 1
    for e in entries:
        votes = seen.get(e["name"].split()[0])
        if "gender" not in e and votes and len(votes) == 1 and sum(votes.values()) >= 2:
            e["gender"] = next(iter(votes))


def countries(
    leaders: list[dict[str, Any]], spec: dict[str, Any], main_office: dict[str, Counter[str]]
) -> dict[str, Any]:
    """Adjectives/aliases per registry country, plus the office its main leader holds."""
    out = {}
    present: Counter[str] = Counter()
    for e in leaders:
        for r in e["roles"]:
            present[r["country"]] += 1
    for c in sorted(present):
        s = spec.get(c) or {}
        stats = main_office.get(c)
        office = stats.most_common(1)[0][0] if stats else HEAD_OF_STATE
        out[c] = {
            "adjectives": list(s.get("adjectives", [])),
            "aliases": list(s.get("aliases", [])),
            "main_office": office,
            **({"iso3": s["iso3"]} if s.get("iso3") else {}),
            **{k: list(s[k]) for k in ("elsewhere", "not") if s.get(k)},
        }
    return out
