"""`digestgen registry update`: refresh heads of state and government from Wikidata.

Asks Wikidata's public SPARQL service for every sovereign state's offices of head of state and
of government, and every holding of them that was open at the shipped registry's snapshot or
began since (start and end days, English labels and aliases). Writes the project-local registry
file `registry-update.json` beside the configuration, which builds read in preference to the
shipped registry (the project's own `leaders:` entries still win), and reports who came in and
who left since the snapshot. Nothing here runs during a build: a build only reads the file.
"""

from __future__ import annotations

import datetime
import json
import os
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from digestgen import __version__
from digestgen.taxonomy.roles import MULTI_HOLDER_KINDS, normalise_kind, office_for_kind
from digestgen.urls import slugify

ENDPOINT = "https://query.wikidata.org/sparql"
ENDPOINT_ENV = "DIGESTGEN_SPARQL_ENDPOINT"
"""An environment variable that points the command at another endpoint (a mirror, or a test's)."""
FILE_NAME = "registry-update.json"
FORMAT = 1

QUERY = """\
SELECT ?country ?countryLabel ?office ?officeLabel ?person ?personLabel ?start ?end
       (GROUP_CONCAT(DISTINCT ?alias; separator="|") AS ?aliases)
WHERE {
  ?country wdt:P31 wd:Q3624078 .
  { ?country wdt:P1906 ?office } UNION { ?country wdt:P1313 ?office }
  ?person p:P39 ?held .
  ?held ps:P39 ?office ; pq:P580 ?start .
  OPTIONAL { ?held pq:P582 ?end }
  FILTER(!BOUND(?end) || ?end >= "SINCE"^^xsd:dateTime)
  ?person wdt:P31 wd:Q5 .
  OPTIONAL { ?person skos:altLabel ?alias . FILTER(LANG(?alias) = "en") }
  OPTIONAL { ?country rdfs:label ?countryLabel . FILTER(LANG(?countryLabel) = "en") }
  OPTIONAL { ?office rdfs:label ?officeLabel . FILTER(LANG(?officeLabel) = "en") }
  OPTIONAL { ?person rdfs:label ?personLabel . FILTER(LANG(?personLabel) = "en") }
}
GROUP BY ?country ?countryLabel ?office ?officeLabel ?person ?personLabel ?start ?end
"""
"""Holdings of every sovereign state's head-of-state and head-of-government offices (best-rank
P1906/P1313) that were open on SINCE (the shipped snapshot) or began after it."""


class UpdateFailed(Exception):
    """The service could not be asked or gave no usable answer; nothing was written."""


@dataclass(frozen=True)
class Holding:
    """One person's holding of one office, as the service gave it."""

    person: str
    name: str
    aliases: tuple[str, ...]
    country: str
    office: str
    title: str
    start: str
    end: str | None


@dataclass(frozen=True)
class Change:
    """Someone who came in or left since the snapshot."""

    day: str
    name: str
    title: str


@dataclass(frozen=True)
class UpdateReport:
    path: Path
    as_of: datetime.date
    people: int
    came_in: tuple[Change, ...]
    left: tuple[Change, ...]


def endpoint_from(option: str | None) -> str:
    """The endpoint: the option, else the environment variable, else Wikidata's."""
    return option or os.environ.get(ENDPOINT_ENV) or ENDPOINT


def fetch(endpoint: str, since: datetime.date, timeout: float = 60.0) -> Mapping[str, Any]:
    """The service's JSON answer to `QUERY` for holdings open on `since` or begun after it."""
    if urllib.parse.urlsplit(endpoint).scheme not in ("http", "https"):
        raise UpdateFailed(f"the endpoint must be an http or https URL, not {endpoint!r}")
    body = urllib.parse.urlencode({"query": QUERY.replace("SINCE", f"{since.isoformat()}T00:00:00Z")}).encode()
    request = urllib.request.Request(
        endpoint,
        data=body,
        headers={
            "Accept": "application/sparql-results+json",
            "Content-Type": "application/x-www-form-urlencoded",
            "User-Agent": f"digestgen/{__version__} (registry update)",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:
            raw = reply.read()
    except urllib.error.HTTPError as exc:
        raise UpdateFailed(f"the query service at {endpoint} answered HTTP {exc.code}") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise UpdateFailed(f"cannot reach the query service at {endpoint} ({reason})") from None
    try:
        answer = json.loads(raw)
    except ValueError:
        raise UpdateFailed(f"the query service at {endpoint} did not answer with JSON") from None
    if not isinstance(answer, dict) or not isinstance(answer.get("results", {}).get("bindings"), list):
        raise UpdateFailed(f"the query service at {endpoint} gave no SPARQL results")
    return answer


def _qid(uri: str) -> str:
    return uri.rsplit("/", 1)[-1]


def _day(value: str | None) -> str | None:
    """ "2026-03-01T00:00:00Z" -> "2026-03-01"; None for a missing or unreadable value."""
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def holdings(answer: Mapping[str, Any]) -> list[Holding]:
    """The answer's rows with a person label, a known office kind and a start day."""
    out = []
    for row in answer["results"]["bindings"]:

        def get(key: str, row: Mapping[str, Any] = row) -> str:
            cell = row.get(key)
            return str(cell.get("value", "")) if isinstance(cell, dict) else ""

        start, name, title = _day(get("start")), get("personLabel"), get("officeLabel")
        if not (start and name and title and get("person") and normalise_kind(title)):
            continue
        aliases = tuple(a for a in get("aliases").split("|") if a and a != name)
        out.append(
            Holding(
                _qid(get("person")),
                name,
                aliases,
                get("countryLabel"),
                _qid(get("office")),
                title[:1].upper() + title[1:],
                start,
                _day(get("end")),
            )
        )
    return sorted(out, key=lambda h: (h.person, h.start, h.office))


def _role(h: Holding, country: str) -> dict[str, Any]:
    kind = normalise_kind(h.title) or "leader"
    return {
        "title": h.title,
        "kind": kind,
        "office": office_for_kind(kind),
        "country": country,
        "from": h.start,
        "to": h.end,
        "sources": ["wikidata"],
    }


_COUNTRY_NAMES = {
    "People's Republic of China": "China",
    "Kingdom of Denmark": "Denmark",
    "Kingdom of the Netherlands": "Netherlands",
    "The Bahamas": "Bahamas",
    "São Tomé and Príncipe": "Sao Tome and Principe",
    "United States of America": "United States",
    "Federated States of Micronesia": "Micronesia",
    "East Timor": "Timor-Leste",
    "State of Palestine": "Palestine",
    "Côte d'Ivoire": "Ivory Coast",
    "Republic of Ireland": "Ireland",
    "Islamic Emirate of Afghanistan": "Afghanistan",
}


def _country(label: str) -> str:
    """The registry's name for a Wikidata country label."""
    return _COUNTRY_NAMES.get(label, label)


def merge(
    shipped: Sequence[Mapping[str, Any]], fresh: Sequence[Holding], as_of: datetime.date
) -> tuple[list[dict[str, Any]], list[Change], list[Change]]:
    """Entries to write (fresh holders, and shipped holders whose open office has a successor),
    and who came in and who left after the snapshot `as_of`."""
    by_qid = {e.get("wikidata"): e for e in shipped if e.get("wikidata")}
    ids = {e["id"] for e in shipped}
    people: dict[str, list[Holding]] = {}
    for h in fresh:
        people.setdefault(h.person, []).append(h)
    out: dict[str, dict[str, Any]] = {}
    came_in: list[Change] = []
    left: list[Change] = []
    snapshot = as_of.isoformat()
    for qid, held in sorted(people.items()):
        old = by_qid.get(qid)
        country = _country(held[0].country)
        roles = [_role(h, _country(h.country)) for h in held]
        new_id = slugify(held[0].name)
        if old is None and new_id in ids:  # a namesake in the shipped registry
            new_id = f"{new_id}-{slugify(country)}"
        offices = {(r["country"], r["office"]) for r in roles}
        kept = [
            r
            for r in (old or {}).get("roles", [])
            if (r["country"], r["office"]) not in offices or (r["to"] and r["to"] < snapshot)
        ]
        aliases = {a if isinstance(a, str) else a["name"] for a in (old or {}).get("aliases", [])}
        aliases |= set(held[0].aliases) | ({held[0].name} - {(old or {}).get("name")})
        entry: dict[str, Any] = {
            "id": (old or {}).get("id") or new_id,
            "name": (old or {}).get("name") or held[0].name,
            "country": (old or {}).get("country") or country,
            "aliases": sorted(aliases - {(old or {}).get("name") or held[0].name}),
            "wikidata": qid,
            "roles": sorted(kept + roles, key=lambda r: (r["from"] or "", r["title"])),
            "sources": sorted({*((old or {}).get("sources") or []), "wikidata"}),
        }
        out[entry["id"]] = entry
        for h in held:
            if h.start > snapshot:
                came_in.append(Change(h.start, entry["name"], h.title))
            if h.end and h.end > snapshot:
                left.append(Change(h.end, entry["name"], h.title))
    _close_successors(shipped, out, left, snapshot)
    return sorted(out.values(), key=lambda e: e["id"]), sorted(came_in, key=_order), sorted(left, key=_order)


def _close_successors(
    shipped: Sequence[Mapping[str, Any]], out: dict[str, dict[str, Any]], left: list[Change], snapshot: str
) -> None:
    """A shipped holder still open at the snapshot whom the answer no longer lists, where someone
    took the same office after the snapshot, left on that successor's first day."""
    starts: dict[tuple[str, str, str], list[str]] = {}
    for entry in out.values():
        for r in entry["roles"]:
            if r["from"] and r["from"] > snapshot:
                starts.setdefault((r["country"], r["office"], r["kind"]), []).append(r["from"])
    for e in shipped:
        if e["id"] in out:
            continue
        roles = [dict(r) for r in e.get("roles", [])]
        changed = False
        for r in roles:
            later = sorted(s for s in starts.get((r["country"], r["office"], r["kind"]), []) if s > (r["from"] or ""))
            if r["to"] is None and later and r["kind"] not in MULTI_HOLDER_KINDS:
                r["to"] = later[0]
                changed = True
                left.append(Change(later[0], e["name"], r["title"]))
        if changed:
            out[e["id"]] = {**e, "roles": roles}


def _order(c: Change) -> tuple[str, str]:
    return c.day, c.name


def write(path: Path, leaders: list[dict[str, Any]], as_of: datetime.date, endpoint: str, since: str) -> None:
    """Write the registry file atomically: a failed write leaves the previous one."""
    data = {
        "format": FORMAT,
        "about": (
            "Heads of state and government refreshed from Wikidata (CC0) by `digestgen registry update`; "
            "entries replace the shipped ones with the same id. Dates are YYYY-MM-DD; 'to' null is in office "
            "on the as_of day."
        ),
        "source": endpoint,
        "as_of": as_of.isoformat(),
        "coverage": {"from": since, "to": as_of.isoformat()},
        "leaders": leaders,
    }
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    fd, tmp = tempfile.mkstemp(prefix=".registry-update.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def update(root: Path, endpoint: str, today: datetime.date) -> UpdateReport:
    """Fetch, merge with the shipped registry, and write `root/registry-update.json` as of `today`.

    Raises UpdateFailed (nothing written) when the service cannot be reached or answers badly."""
    from importlib import resources

    shipped = json.loads(resources.files("digestgen.data").joinpath("leaders.json").read_text(encoding="utf-8"))
    snapshot = datetime.date.fromisoformat(shipped["coverage"]["to"])
    answer = fetch(endpoint, snapshot)
    fresh = holdings(answer)
    if not fresh:
        raise UpdateFailed(f"the query service at {endpoint} listed no office holders; nothing was changed")
    leaders, came_in, left = merge(shipped["leaders"], fresh, snapshot)
    path = root / FILE_NAME
    write(path, leaders, today, endpoint, shipped["coverage"]["from"])
    return UpdateReport(path, today, len(leaders), tuple(came_in), tuple(left))


def render(report: UpdateReport, snapshot: str) -> str:
    """What the command prints: who came in and who left since the shipped snapshot."""
    lines = [f"since the shipped snapshot ({snapshot}):"]
    lines += [f"  in   {c.day}  {c.name}, {c.title}" for c in report.came_in] or ["  nobody came in"]
    lines += [f"  out  {c.day}  {c.name}, {c.title}" for c in report.left] or ["  nobody left"]
    lines.append(f"wrote {report.path.name}: {report.people} people, as of {report.as_of.isoformat()}")
    return "\n".join(lines)
