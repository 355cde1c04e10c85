"""`digestgen inspect`: what a build would use for each article, where each value came from, and why."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from digestgen.config import Config
from digestgen.errors import Problem
from digestgen.model import Article, Era, Evidence, Term
from digestgen.pipeline.load.sources import SUFFIXES, is_ignored, read_source
from digestgen.pipeline.parse.articles import FRONT, parse_article
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


@dataclass(frozen=True)
class InspectReport:
    """One inspected file: the article as a build would see it, or its problems."""

    path: str
    article: Article | None
    leaders: tuple[TermReport, ...] = ()
    topics: tuple[TermReport, ...] = ()
    also_leaders: tuple[TermReport, ...] = ()
    """Leaders the text names that front matter does not list (only when front matter lists some)."""
    also_topics: tuple[TermReport, ...] = ()
    problems: tuple[Problem, ...] = ()
    also_mentioned: tuple[TermReport, ...] = ()
    """People the text names who are not leader tags (future leaders, leaders in another office), with the reason."""
    era: Era | None = None
    """The era the text allows when the article has no date (what leader tags were judged against)."""


def inspect_paths(paths: Sequence[Path], config: Config) -> list[InspectReport]:
    """Inspect article files (folders are expanded); the registry is built once for all of them."""
    registry = load_registry(config)
    return [_inspect_one(path, config, registry) for path in _expand(paths)]


def _expand(paths: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out += sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SUFFIXES
                and not any(is_ignored(part) for part in p.relative_to(path).parts)
            )
        else:
            out.append(path)
    return out


def _inspect_one(path: Path, config: Config, registry: Registry) -> InspectReport:
    if path.suffix.lower() not in SUFFIXES:
        return InspectReport(
            str(path),
            None,
            problems=(Problem(str(path), None, "not an article file (expected .md, .markdown or .txt)"),),
        )
    source = read_source(path.absolute(), config.root)
    if isinstance(source, Problem):
        return InspectReport(source.path, None, problems=(source,))
    article, problems = parse_article(source, config, registry)
    if article is None:
        return InspectReport(source.path, None, problems=tuple(problems))
    given = tuple(f for f in ("leaders", "topics") if article.origin.get(f) == FRONT)
    # What the text alone says about the fields front matter settled, to show as evidence.
    alone = parse_article(source, config, registry, ignore=given)[0] if given else article
    text_evidence = alone.evidence if alone else {}
    leaders, also_leaders = _terms(
        article.leaders,
        text_evidence.get("leaders", ()),
        alone.leaders if alone else (),
        lambda t: registry.leaders.resolve(t.name) is not None,
    )
    topics, also_topics = _terms(
        article.topics,
        text_evidence.get("topics", ()),
        alone.topics if alone else (),
        lambda t: registry.resolve_topic(t.name) is not None,
    )
    names = {d.id: d.name for d in registry.leaders.leaders}
    mentioned = tuple(
        TermReport(e.term_id, names.get(e.term_id, e.term_id), True, e.phrases, note=e.note)
        for e in text_evidence.get("also_mentioned", ())
    )
    return InspectReport(
        source.path, article, leaders, topics, also_leaders, also_topics, (), mentioned, alone.era if alone else None
    )


def _terms(
    used: tuple[Term, ...], evidence: tuple[Evidence, ...], inferred: tuple[Term, ...], known: Any
) -> tuple[tuple[TermReport, ...], tuple[TermReport, ...]]:
    """The terms a build uses, and the ones inference finds beyond them, each with its evidence."""
    by_id = {e.term_id: e for e in evidence}

    def report(term: Term) -> TermReport:
        ev = by_id.get(term.id)
        return TermReport(
            term.id, term.name, known(term), ev.phrases if ev else (), ev.score if ev else None, ev.note if ev else ""
        )

    ids = {t.id for t in used}
    return tuple(map(report, used)), tuple(report(t) for t in inferred if t.id not in ids)


def to_data(reports: Sequence[InspectReport]) -> dict[str, Any]:
    """The documented JSON structure (docs/inspect-json.md) as plain data."""
    return {"version": SCHEMA_VERSION, "articles": [_article_data(r) for r in reports]}


def render_json(reports: Sequence[InspectReport]) -> str:
    """Stable JSON: sorted keys, two-space indent, UTF-8 text as is."""
    return json.dumps(to_data(reports), sort_keys=True, indent=2, ensure_ascii=False)


def _article_data(r: InspectReport) -> dict[str, Any]:
    data: dict[str, Any] = {"path": r.path, "problems": [str(p) for p in r.problems]}
    a = r.article
    if a is None:
        return data | dict.fromkeys(
            ("title", "date", "era", "source", "source_url", "summary", "slug", "leaders", "topics", "draft")
        )
    origin = a.origin

    def field(key: str, value: Any) -> dict[str, Any]:
        return {"value": value, "from": origin.get(key, FRONT if value is not None else "none")}

    return data | {
        "title": field("title", a.title),
        "date": field("date", a.date.isoformat() if a.date else None) | {"evidence": _date_evidence(a)},
        "era": {"value": r.era.label, "evidence": list(r.era.evidence)} if r.era else None,
        "source": field("source", a.outlet),
        "source_url": {"value": a.source_url, "from": FRONT if a.source_url else "none"},
        "summary": field("summary", a.summary or None),
        "slug": field("slug", a.slug),
        "draft": a.draft,
        "leaders": _terms_data(origin.get("leaders", "none"), r.leaders, r.also_leaders, scored=False)
        | {
            "also_mentioned": [
                {"id": t.id, "name": t.name, "reason": t.note, "evidence": [list(e) for e in t.evidence]}
                for t in r.also_mentioned
            ]
        },
        "topics": _terms_data(origin.get("topics", "none"), r.topics, r.also_topics, scored=True),
    }


def _date_evidence(a: Article) -> list[str]:
    return [phrase for e in a.evidence.get("date", ()) for phrase, _ in e.phrases]


def _terms_data(origin: str, used: Sequence[TermReport], also: Sequence[TermReport], scored: bool) -> dict[str, Any]:
    def item(t: TermReport) -> dict[str, Any]:
        out: dict[str, Any] = {"id": t.id, "name": t.name, "known": t.known, "evidence": [list(e) for e in t.evidence]}
        if scored:
            out["score"] = t.score
        else:
            out["status"] = (t.note or "sitting") if origin == "inferred" else None
        return out

    return {"from": origin, "value": [item(t) for t in used], "also_inferred": [item(t) for t in also]}


def render_text(reports: Sequence[InspectReport]) -> str:
    """A readable report per article; problems are listed where the values would be."""
    return "\n\n".join(_article_text(r) for r in reports)


def _article_text(r: InspectReport) -> str:
    lines = [r.path]
    if r.article is None:
        return "\n".join(lines + [f"  problem: {p}" for p in r.problems])
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
            where += ": " + ", ".join(repr(p) for p in said)
        lines.append(f"  {key:<8} {value if value is not None else '-'}  [{where}]")
        if key == "date" and r.era is not None:
            lines.append(f"  {'era':<8} {r.era.label}  [from: {', '.join(repr(p) for p in r.era.evidence)}]")
    if a.source_url:
        lines.append(f"  {'url':<8} {a.source_url}  [front matter]")
    if a.draft:
        lines.append(f"  {'draft':<8} yes  [front matter]")
    for key, used, also in (("leaders", r.leaders, r.also_leaders), ("topics", r.topics, r.also_topics)):
        lines.append(f"  {key:<8} [{origin.get(key, 'none')}]" + ("" if used else " none"))
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
    return f"{head}: {found or 'no evidence inference would accept'}"
