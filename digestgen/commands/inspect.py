"""`digestgen inspect`: what a build would use for each article, where each value came from, and why."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from digestgen.config import Config
from digestgen.errors import Problem, Problems
from digestgen.model import Article, Era, Evidence, Term
from digestgen.pipeline.load.sources import ARTICLE_SUFFIXES, is_ignored, read_source
from digestgen.pipeline.parse.agency import AGENCY
from digestgen.pipeline.parse.articles import FRONT, parse_article
from digestgen.taxonomy.base import Taxonomy
from digestgen.taxonomy.registry import Registry, load_registry

SCHEMA_VERSION = 2


@dataclass(frozen=True)
class TermReport:
    """One leader or topic of an article, with the text's evidence for it."""

    id: str
    name: str
    known: bool
    """In the registry (False: a front-matter name that gets a page of its own)."""
    evidence: tuple[tuple[str, int], ...]
    score: float | None = None
    note: str = ""
    """Leaders: "former" for a former leader named in that role; for one also mentioned, why it is no tag."""
    basis: str = ""
    """Leaders: why a weak reference was enough (a lone surname in dated copy)."""


@dataclass(frozen=True)
class TaxonomyReport:
    """An article's terms of one taxonomy ("leaders"), and those the text suggests beyond them."""

    key: str
    used: tuple[TermReport, ...]
    also: tuple[TermReport, ...]
    """Terms the text implies that front matter does not list (only when front matter lists some)."""


@dataclass(frozen=True)
class InspectReport:
    """One inspected file: the article as a build would see it, or its problems."""

    path: str
    article: Article | None
    taxonomies: tuple[TaxonomyReport, ...] = ()
    problems: tuple[Problem, ...] = ()
    also_mentioned: tuple[TermReport, ...] = ()
    """People the text names who are not leader tags (future leaders, leaders in another office), with the reason."""
    era: Era | None = None
    """The era the text allows when the article has no date (what leader tags were judged against)."""
    notes: tuple[str, ...] = ()
    """What the reader of the evidence should know (an article later than the registry's snapshot)."""

    def terms(self, key: str) -> tuple[TermReport, ...]:
        """The terms of one taxonomy ("leaders") a build uses."""
        return next((t.used for t in self.taxonomies if t.key == key), ())


def inspect_paths(paths: Sequence[Path], config: Config) -> list[InspectReport]:
    """Inspect article files (folders are expanded); the registry is built once for all of them."""
    return list(inspect_each(paths, config))


def inspect_each(paths: Sequence[Path], config: Config) -> Iterator[InspectReport]:
    """`inspect_paths`, one report at a time."""
    registry = load_registry(config)
    for path in _expand(paths):
        yield _inspect_one(path, config, registry)


def _expand(paths: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out += sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in ARTICLE_SUFFIXES
                and not any(is_ignored(part) for part in p.relative_to(path).parts)
            )
        else:
            out.append(path)
    return out


def _inspect_one(path: Path, config: Config, registry: Registry) -> InspectReport:
    none = tuple(TaxonomyReport(t.key, (), ()) for t in registry.taxonomies)  # a failed file still has every key
    if path.suffix.lower() not in ARTICLE_SUFFIXES:
        return InspectReport(
            str(path),
            None,
            none,
            problems=(
                Problem(
                    str(path), None, "not an article file (expected .md, .markdown, .txt, or an agency .json/.xml)"
                ),
            ),
        )
    source = read_source(path.absolute(), config.root)
    if source is None:
        why = "not an article file: a .json or .xml file is content only when it is a ninjs or NewsML-G2 text item"
        return InspectReport(str(path), None, none, problems=(Problem(str(path), None, why),))
    if isinstance(source, Problem):
        return InspectReport(source.path, None, none, problems=(source,))
    problems = Problems()
    article = parse_article(source, config, registry, problems)
    if article is None:
        return InspectReport(source.path, None, none, problems=tuple(problems))
    given = tuple(t.key for t in registry.taxonomies if article.origin.get(t.key) in (FRONT, AGENCY))
    # What the text alone says about the fields front matter settled, to show as evidence.
    alone = parse_article(source, config, registry, Problems(), ignore=given) if given else article
    text_evidence = alone.evidence if alone else {}
    # An inferred taxonomy shows the evidence the build used (countries read the given leaders);
    # a given one shows what the text alone would have said.
    reports = tuple(
        _taxonomy_report(
            taxonomy,
            article.terms_of(taxonomy.key),
            text_evidence if taxonomy.key in given else article.evidence,
            (alone.terms_of(taxonomy.key) if alone else ()) if taxonomy.key in given else (),
        )
        for taxonomy in registry.taxonomies
    )
    names = {d.id: d.name for d in registry.leaders.entries()}
    mentioned = tuple(
        TermReport(e.term_id, names.get(e.term_id, e.term_id), True, e.phrases, note=e.note)
        for e in text_evidence.get("also_mentioned", ())
    )
    as_of = registry.leaders.as_of
    notes = (
        (f"registry as of {as_of.isoformat()}: a newer office holder may be missing",)
        if article.date is not None and article.date.date() > as_of
        else ()
    )
    era = alone.era if alone else None
    return InspectReport(source.path, article, reports, tuple(problems), mentioned, era, notes)


def _taxonomy_report(
    taxonomy: Taxonomy, used: tuple[Term, ...], evidence: Mapping[str, tuple[Evidence, ...]], inferred: tuple[Term, ...]
) -> TaxonomyReport:
    """The terms a build uses, and the ones inference finds beyond them, each with its evidence."""
    by_id = {e.term_id: e for e in evidence.get(taxonomy.key, ())}

    def report(term: Term) -> TermReport:
        ev = by_id.get(term.id)
        known = taxonomy.resolve(term.name) is not None
        return TermReport(
            term.id,
            term.name,
            known,
            ev.phrases if ev else (),
            ev.score if ev else None,
            ev.note if ev else "",
            ev.basis if ev else "",
        )

    ids = {t.id for t in used}
    return TaxonomyReport(taxonomy.key, tuple(map(report, used)), tuple(report(t) for t in inferred if t.id not in ids))


def to_data(reports: Sequence[InspectReport]) -> dict[str, Any]:
    """The documented JSON structure (docs/inspect-json.md) as plain data."""
    return {"version": SCHEMA_VERSION, "articles": [_article_data(r) for r in reports]}


def render_json(reports: Sequence[InspectReport]) -> str:
    """Stable JSON: sorted keys, two-space indent, UTF-8 text as is."""
    return json.dumps(to_data(reports), sort_keys=True, indent=2, ensure_ascii=False)


def _article_data(r: InspectReport) -> dict[str, Any]:
    data: dict[str, Any] = {"path": r.path, "problems": [str(p) for p in r.problems], "notes": list(r.notes)}
    a = r.article
    if a is None:
        return data | dict.fromkeys(
            ("title", "date", "era", "source", "source_url", "summary", "slug", "draft", *(t.key for t in r.taxonomies))
        )
    origin = a.origin

    def field(key: str, value: Any) -> dict[str, Any]:
        return {"value": value, "from": origin.get(key, FRONT if value is not None else "none")}

    return (
        data
        | {
            "title": field("title", a.title),
            "date": field("date", a.date.isoformat() if a.date else None)
            | {"evidence": _date_evidence(a), "statement": _date_statement(a)},
            "era": {"value": r.era.label, "evidence": list(r.era.evidence)} if r.era else None,
            "source": field("source", a.outlet),
            "source_url": {"value": a.source_url, "from": origin.get("source_url", FRONT) if a.source_url else "none"},
            "summary": field("summary", a.summary or None),
            "slug": field("slug", a.slug),
            "draft": a.draft,
        }
        | {t.key: _terms_data(origin.get(t.key, "none"), t, r.also_mentioned) for t in r.taxonomies}
    )


def _date_statement(a: Article) -> str | None:
    """What kind of statement the date was read from ("dateline", "update line", "file name", ...)."""
    return next((e.note for e in a.evidence.get("date", ()) if e.note), None)


def _date_evidence(a: Article) -> list[str]:
    return [phrase for e in a.evidence.get("date", ()) for phrase, _ in e.phrases]


def _terms_data(origin: str, report: TaxonomyReport, mentioned: Sequence[TermReport]) -> dict[str, Any]:
    scored = report.key != "leaders"  # topics have a score; leaders a status (sitting, former)

    def item(t: TermReport) -> dict[str, Any]:
        out: dict[str, Any] = {"id": t.id, "name": t.name, "known": t.known, "evidence": [list(e) for e in t.evidence]}
        if scored:
            out["score"] = t.score
        else:
            out["status"] = (t.note or "sitting") if origin == "inferred" else None
            out["basis"] = t.basis
        return out

    data = {"from": origin, "value": [item(t) for t in report.used], "also_inferred": [item(t) for t in report.also]}
    if report.key == "leaders":
        data["also_mentioned"] = [
            {"id": t.id, "name": t.name, "reason": t.note, "evidence": [list(e) for e in t.evidence]} for t in mentioned
        ]
    return data


def render_text(reports: Sequence[InspectReport]) -> str:
    """A readable report per article; problems are listed where the values would be."""
    return "\n\n".join(_article_text(r) for r in reports)


def _article_text(r: InspectReport) -> str:
    lines = [r.path]
    if r.article is None:
        return "\n".join(lines + [f"  problem: {p}" for p in r.problems])
    lines += [f"  {p}" for p in r.problems]  # warnings: the article builds
    a, origin = r.article, r.article.origin
    rows = [
        ("title", a.title),
        ("date", a.date.isoformat() if a.date else None),
        ("source", a.outlet),
        ("slug", a.slug),
    ]
    for key, value in rows:
        where = origin.get(key, "none")
        if key == "date" and (said := _date_evidence(a)):
            kind = _date_statement(a)
            where += ": " + (f"{kind} " if kind else "") + ", ".join(repr(p) for p in said)
        lines.append(f"  {key:<8} {value if value is not None else '-'}  [{where}]")
        if key == "date" and r.era is not None:
            lines.append(f"  {'era':<8} {r.era.label}  [from: {', '.join(repr(p) for p in r.era.evidence)}]")
        if key == "date":
            lines += [f"  {'note':<8} {note}" for note in r.notes]
    dateline = a.extra.get("dateline")
    if isinstance(dateline, str) and dateline:
        lines.append(f"  {'dateline':<8} {dateline}  [{a.origin.get('dateline', FRONT)}]")
    if a.source_url:
        lines.append(f"  {'url':<8} {a.source_url}  [{a.origin.get('source_url', FRONT)}]")
    if a.draft:
        lines.append(f"  {'draft':<8} yes  [front matter]")
    for key, used, also in ((t.key, t.used, t.also) for t in r.taxonomies):
        lines.append(f"  {key:<8} [{origin.get(key, 'none')}]" + ("" if used else " none"))
        if origin.get(key) == AGENCY:
            via = "its people in the registry" if key == "leaders" else "its subjects' Media Topic codes"
            lines += [f"    {t.name} ({t.id}): from the agency item, {via}" for t in used]
        else:
            lines += [_term_line(t) for t in used]
        if also:
            lines.append("    the text also suggests:")
            lines += ["  " + _term_line(t) for t in also]
        if key == "leaders" and r.also_mentioned:
            lines.append("    also named, not leader tags:")
            lines += [
                f"      {t.name} ({t.id}): {t.note}; "
                + ", ".join(f"'{phrase}' x{count}" for phrase, count in t.evidence)
                for t in r.also_mentioned
            ]
    lines.append(f"  summary  [{origin.get('summary', 'none')}]")
    lines += textwrap.wrap(a.summary or "-", width=88, initial_indent="    ", subsequent_indent="    ")
    return "\n".join(lines)


def _term_line(t: TermReport) -> str:
    head = f"    {t.name} ({t.id})"
    if t.note == "former":
        head += " (former leader, named in that role)"
    if not t.known:
        head += " (not in the registry)"
    if t.score is not None:
        head += f" score {t.score:g}"
    found = ", ".join(f"'{phrase}' x{count}" for phrase, count in t.evidence)
    return f"{head}: {found or 'no evidence inference would accept'}" + (f" ({t.basis})" if t.basis else "")
