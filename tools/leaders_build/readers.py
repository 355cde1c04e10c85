"""Readers for the shared leader datasets (see ../shared/data/leaders/*/SOURCE.md)."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from digestgen.taxonomy.roles import normalise_kind
from leaders_build.names import is_qid, norm_tokens

COUNTRY_FIX = {
    "People's Republic of China": "China",
    "Kingdom of Denmark": "Denmark",
    "Kingdom of the Netherlands": "Netherlands",
    "The Bahamas": "Bahamas",
    "São Tomé and Príncipe": "Sao Tome and Principe",
    "United States of America": "United States",
    "Burma/Myanmar": "Myanmar",
    "Federated States of Micronesia": "Micronesia",
    "East Timor": "Timor-Leste",
    "State of Palestine": "Palestine",
    "realm of the United Kingdom": "United Kingdom",
    "Côte d'Ivoire": "Ivory Coast",
    "Republic of Ireland": "Ireland",
    "Islamic Emirate of Afghanistan": "Afghanistan",
    "Islamic Republic of Afghanistan": "Afghanistan",
}
SNAPSHOT_YEAR = 2026
"""The year of the newest Wikidata snapshot (wikidata-2026.csv): the registry is as of its start."""
PHOENIX_FIRST, PHOENIX_LAST = "2003-01-01", "2016-01-01"
"""The Phoenix dictionary dates posts from 2003 and was last brought up to date about 2015."""
"""Holders the 2026 snapshot says took office in 2026 are not confirmed by any other source: left out."""
# REIGN (COW) codes of small states that GLI does not cover.
COW_EXTRA = {
    "58": "Antigua and Barbuda",
    "232": "Andorra",
    "54": "Dominica",
    "987": "Micronesia",
    "55": "Grenada",
    "946": "Kiribati",
    "223": "Liechtenstein",
    "221": "Monaco",
    "983": "Marshall Islands",
    "970": "Nauru",
    "986": "Palau",
    "60": "Saint Kitts and Nevis",
    "56": "Saint Lucia",
    "331": "San Marino",
    "57": "Saint Vincent and the Grenadines",
    "955": "Tonga",
    "947": "Tuvalu",
    "990": "Samoa",
}


def country(name: str) -> str:
    """The registry's name for a dataset's country label."""
    return COUNTRY_FIX.get(name, name)


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a CSV file; one stray cp1252 byte in a REIGN notes cell is replaced."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("utf-8", errors="replace")
    return list(csv.DictReader(text.splitlines()))


@dataclass
class WikidataTerm:
    """One person's continuous hold of one office, from the Wikidata snapshots."""

    qid: str
    label: str
    country: str
    office: str
    start: str
    end: str | None  # None: in office in the 2026 snapshot; "?": left before 2026, year unknown
    office_id: str = ""
    labels: tuple[str, ...] = ()
    """Every English label the snapshots gave the person, oldest first."""
    seen: int | None = None
    """Last year a snapshot listed the person in office without an end (None: in the 2026 one)."""
    approx: bool = False
    """`end` is only the year the query stopped listing the person, not a recorded end."""


@dataclass
class _Term:
    row: dict[str, str]
    start: str
    ends: set[str] = field(default_factory=set)
    current: bool = False
    seen: int = 0
    approx: bool = False


def wikidata_terms(folder: Path, extra_labels: dict[str, str]) -> list[WikidataTerm]:
    """One term per person and office over the 2021-2024 history and the 2026 snapshot; the
    per-term statements Wikidata editors add for one tenure (Kishida 2021, 2022, 2023) are merged.
    A holder the query stopped listing left office after it last did ("?" when that was its
    last run, for the successor's start to close)."""
    history = read_csv(folder / "wikidata-history.csv")
    latest = [r for r in read_csv(folder / "wikidata-2026.csv") if r["start_year"] < str(SNAPSHOT_YEAR)]
    labels: dict[str, list[str]] = defaultdict(list)
    offices: dict[str, str] = {}
    for r in history + latest:
        if not is_qid(r["officeholderLabel"]):
            labels[r["officeholder"]].append(r["officeholderLabel"])
        if normalise_kind(r["positionLabel"]) or r["position"] not in offices:
            # The latest label that names an office ("King of Bhutan", not "Druk Gyalpo"; not the
            # vandalised "Afani oromoo of Ethiopia" of Ethiopia's presidency).
            offices[r["position"]] = r["positionLabel"]
    last_history = max(r["last_seen"] for r in history)
    statements: dict[tuple[str, str, str], _Term] = {}
    for r, current_file in [(r, False) for r in history] + [(r, True) for r in latest]:
        qid, start = r["officeholder"], r["start_year"]
        if not start.isdigit() or int(start) < 1900 or not (labels.get(qid) or qid in extra_labels):
            continue
        t = statements.setdefault((qid, r["position"], start), _Term(r, start))
        t.seen = max(t.seen, int((r.get("last_seen") or str(SNAPSHOT_YEAR))[:4]))
        if r["end_year"]:
            t.ends.add(r["end_year"])
        elif current_file:
            t.current = True
        elif r.get("last_seen", last_history) < last_history:
            t.ends.add(r["last_seen"][:4])
            t.approx = True
        else:
            t.ends.add("?")
    out: list[WikidataTerm] = []
    for (qid, position, _), t in sorted(statements.items()):
        known = sorted(e for e in t.ends if e != "?")
        end = None if t.current else (known[-1] if known and "?" not in t.ends else "?")
        prev = out[-1] if out else None
        approx = t.approx and not known[1:] and end == (known[0] if known else None)
        if (
            prev
            and (prev.qid, prev.office_id) == (qid, position)
            and (prev.end in (None, "?") or int(t.start) <= int(prev.end) + 1)
        ):
            prev.end = _later(prev.end, end)
            prev.seen, prev.approx = max(prev.seen or 0, t.seen), prev.approx and approx
            continue
        out.append(
            WikidataTerm(
                qid,
                extra_labels.get(qid) or best_label(labels[qid]),
                country(t.row["country"]),
                offices[position],
                t.start,
                end,
                position,
                tuple(dict.fromkeys(labels[qid])),
                None if t.current else t.seen,
                approx,
            )
        )
    return out


def _later(a: str | None, b: str | None) -> str | None:
    if a is None or b is None:
        return None
    return "?" if "?" in (a, b) else max(a, b)


def best_label(labels: list[str]) -> str:
    """The latest label, preferring properly capitalised ones ("Nayib Bukele" over "Nayib buke"):
    Wikidata editors correct labels over time ("Isaías Fortis" became "Isaias Afwerki")."""

    def score(at: int) -> tuple[bool, int]:
        capitalised = all(
            w[:1].isupper() or w.lower() in ("al", "el", "bin", "de", "da", "van", "von", "der")
            for w in labels[at].split()
        )
        return capitalised, at

    return labels[max(range(len(labels)), key=score)]


@dataclass
class PhoenixActor:
    """A person in the Phoenix actor dictionary: names as in wire copy and dated government roles."""

    iso3: str
    names: list[str]
    gov: list[tuple[str | None, str | None]] = field(default_factory=list)


_ROLE = re.compile(r"\[([A-Z]{3})([A-Z]*)\s*([<>]?)\s*(\d{6,9})?(?:-(\d{6,9}))?\s*\]")


def phoenix_date(raw: str | None) -> str | None:
    """ "970502" -> "1997-05-02", "20100711" -> "2010-07-11"; 2003-01-01 is the dictionary's
    coverage start for ministers, not a start date, so it reads as unknown."""
    if not raw:
        return None
    raw = raw[:8] if len(raw) > 8 else raw
    if len(raw) == 6:
        yy = int(raw[:2])
        raw = f"{1900 + yy if yy > 30 else 2000 + yy}{raw[2:]}"
    value = f"{raw[:4]}-{raw[4:6]}-{raw[6:8]}"
    return None if value == PHOENIX_FIRST else value


def _phoenix_name(raw: str) -> str:
    return raw.split("[")[0].split("(")[0].strip().strip("_").replace("_", " ").strip()


def phoenix_actors(path: Path) -> list[PhoenixActor]:
    """Every entry with dated government roles. Some entries list spelling variants without the
    leading "+": a name line before the entry's first role line is read as one more name."""
    out: list[PhoenixActor] = []
    current: PhoenixActor | None = None
    has_roles = False
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body = line.split("#", 1)[0].rstrip()
        if not body.strip():
            continue
        if line[0] not in " \t+[":
            if current is not None and not has_roles and not re.search(r"\[[A-Z]{3}\]", body):
                current.names.append(_phoenix_name(body))
                continue
            current, has_roles = PhoenixActor("", [_phoenix_name(body)]), False
            if not re.search(r"\[[A-Z]{3}\]", body):  # "EL_SALVADOR_ [SLV]" is a country, not a person
                out.append(current)
            continue
        if current is None:
            continue
        if body.startswith("+"):
            current.names.append(_phoenix_name(body[1:]))
        for m in _ROLE.finditer(body):
            has_roles = True
            code, sector, mark, start, end = m.groups()
            current.iso3 = current.iso3 or code
            if not sector.startswith("GOV") or code != current.iso3:
                continue
            if mark == "<":
                current.gov.append((None, phoenix_date(start)))
            elif start or end:
                current.gov.append((phoenix_date(start), phoenix_date(end) if not mark else None))
    return [a for a in out if a.iso3 and a.gov and norm_tokens(a.names[0])]
