"""PARSE -> INFER -> MODEL for one article: a pure function of its text and the configuration."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import replace
from datetime import date, datetime, time
from types import MappingProxyType
from typing import Any

from digestgen.config import Config
from digestgen.errors import DigestError, Problem, Problems
from digestgen.model import MOJIBAKE, Article, Era, Evidence, RawDoc, SourceFile, Term
from digestgen.pipeline.parse.agency import to_rawdoc
from digestgen.pipeline.parse.folderdates import folder_date
from digestgen.pipeline.parse.frontmatter import split, type_name
from digestgen.pipeline.parse.markup import MarkdownRenderer, html_to_text, text_to_html
from digestgen.safety.safeurl import web_address_problem
from digestgen.taxonomy.base import Document, found_term, named_term, unique
from digestgen.taxonomy.era import Spans, day_span
from digestgen.taxonomy.registry import Registry
from digestgen.text import boilerplate, dates, ru, wire
from digestgen.text.chars import without_controls
from digestgen.text.sketch import sketch
from digestgen.text.summary import summarize
from digestgen.urls import slugify

FIRST_YEAR, LAST_YEAR = 1000, 9998
"""Dates a page can show: any date-time in them converts to any time zone (UTC in feeds) and back."""
KNOWN_FIELDS = ("title", "date", "source", "source_url", "summary", "slug", "draft")
"""Front-matter fields besides one per taxonomy (`leaders`, `topics`, ...)."""
FRONT, INFERRED = "front matter", "inferred"


def parse_article(
    source: SourceFile,
    config: Config,
    registry: Registry,
    report: Problems,
    *,
    ignore: Collection[str] = (),
    renderer: MarkdownRenderer | None = None,
) -> Article | None:
    """Turn one decoded file into an Article, reporting every problem found in it.

    An article may come with warnings about it (`Problem.warning`); None comes with its errors.

    `ignore` names front-matter fields to infer as if absent (after validating them): `inspect`
    uses it to show what the text alone says about leaders and topics an editor listed.
    `renderer` renders Markdown bodies; a build passes one for all its articles (it is cheaper).
    """
    article, found = _parse(source, config, registry, ignore, renderer)
    report.extend(found)
    return article


def _parse(
    source: SourceFile,
    config: Config,
    registry: Registry,
    ignore: Collection[str],
    renderer: MarkdownRenderer | None,
) -> tuple[Article | None, list[Problem]]:
    """`parse_article`'s result and its problems in the order a reader wants them: the file's own
    errors by line, then what is said of its encoding, then warnings about its names."""
    legacy = _encoding_warning(source)
    try:
        raw = to_rawdoc(source) if source.markup in ("ninjs", "newsml") else split(source)
    except DigestError as exc:
        return None, [exc.problem, *legacy]
    if not raw.body.strip() and "title" not in raw.meta:
        return None, [Problem(source.path, 1, "article is empty"), *legacy]
    fields = _Fields(raw)
    meta = fields.validate(config)
    if fields.problems:
        return None, [*sorted(fields.problems, key=lambda p: p.line or 0), *legacy]
    if ignore:
        meta = {k: v for k, v in meta.items() if k not in ignore}
    renderer = renderer or MarkdownRenderer(config.allow_raw_html)
    article, warnings = _assemble(raw, meta, config, registry, renderer, frozenset(ignore))
    return article, [*legacy, *warnings]


def _encoding_warning(source: SourceFile) -> list[Problem]:
    """A file read in a legacy encoding builds, with a warning (a guess can be wrong on a short text),
    and so does one whose mojibake was repaired."""
    if source.encoding == "utf-8":
        return []
    if source.encoding == MOJIBAKE:
        why = "text had been decoded twice before it was saved (mojibake such as 'Ã¢â‚¬â„¢'): repaired"
        return [Problem(source.path, None, why, warning=True)]
    name = source.encoding.replace("_", "-").upper().replace("CP125", "WINDOWS-125")
    return [Problem(source.path, None, f"not UTF-8: read as {name}; save it as UTF-8 to be sure", warning=True)]


class _Fields:
    """Validates front-matter values strictly, collecting one problem per bad field."""

    def __init__(self, raw: RawDoc) -> None:
        self.raw = raw
        self.problems: list[Problem] = []

    def fail(self, key: str, message: str) -> None:
        self.problems.append(Problem(self.raw.file.path, self.raw.meta_lines.get(key, 1), message))

    def validate(self, config: Config) -> dict[str, Any]:
        meta = self.raw.meta
        out: dict[str, Any] = {}
        for key in ("title", "source", "summary"):
            if key in meta:
                out[key] = self.text(key, meta[key])
        if "source_url" in meta:
            url = self.text("source_url", meta["source_url"])
            reason = web_address_problem(url) if url else None
            if reason:
                self.fail("source_url", f"'source_url' {reason}")
            out["source_url"] = url
        for info in config.taxonomy_infos:
            if info.key in meta:
                out[info.key] = self.names(info.key, info.noun, meta[info.key])
        if "date" in meta:
            out["date"] = self.date(meta["date"], config)
        if "slug" in meta:
            out["slug"] = self.slug(meta["slug"])
        if "draft" in meta:
            if not isinstance(meta["draft"], bool):
                self.fail("draft", f"'draft' must be true or false, got {type_name(meta['draft'])}")
            out["draft"] = meta["draft"] is True
        return out

    def text(self, key: str, value: Any) -> str | None:
        if not isinstance(value, str):
            self.fail(key, f"'{key}' must be a string, got {type_name(value)}{_quote_hint(value)}")
            return None
        value = without_controls(value)  # "\x01" is YAML for a control character, as stray as in the body
        if not value.strip():
            self.fail(key, f"'{key}' cannot be empty")
            return None
        return " ".join(value.split())

    def names(self, key: str, kind: str, value: Any) -> tuple[str, ...] | None:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
            bad = value if not isinstance(value, list) else next(v for v in value if not isinstance(v, str))
            self.fail(key, f"'{key}' must be a string or list of strings, got {type_name(bad)}{_quote_hint(bad)}")
            return None
        if any(not v.strip() for v in items):
            self.fail(key, f"{kind} name cannot be empty")
            return None
        if any(not slugify(v) for v in items):
            bad = next(v for v in items if not slugify(v))
            self.fail(key, f"{kind} name '{bad}' gives an empty URL slug")
            return None
        return tuple(" ".join(without_controls(v).split()) for v in items)

    def date(self, value: Any, config: Config) -> datetime | None:
        if isinstance(value, datetime):
            parsed = value
        elif isinstance(value, date):
            parsed = datetime.combine(value, time())
        elif isinstance(value, str):
            try:
                parsed = datetime.fromisoformat(value.strip())
            except ValueError:
                self.fail("date", f"'date' could not be parsed: '{value}' (use YYYY-MM-DD or an ISO 8601 date-time)")
                return None
        else:
            self.fail("date", f"'date' must be a date, got {type_name(value)}")
            return None
        if not FIRST_YEAR <= parsed.year <= LAST_YEAR:  # the calendar's ends leave no room for a time zone
            self.fail("date", f"'date' {parsed.date().isoformat()} is outside the years {FIRST_YEAR} to {LAST_YEAR}")
            return None
        return parsed.replace(tzinfo=config.tz) if parsed.tzinfo is None else parsed

    def slug(self, value: Any) -> str | None:
        if not isinstance(value, str) or not value.strip():
            self.fail(
                "slug",
                "'slug' cannot be empty"
                if isinstance(value, str)
                else f"'slug' must be a string, got {type_name(value)}",
            )
            return None
        if value != slugify(value):
            hint = f" (for example '{slugify(value)}')" if slugify(value) else ""
            self.fail("slug", f"invalid slug '{value}': use lowercase ASCII letters, digits and hyphens{hint}")
            return None
        return value


def _assemble(
    raw: RawDoc,
    meta: dict[str, Any],
    config: Config,
    registry: Registry,
    renderer: MarkdownRenderer,
    ignore: frozenset[str] = frozenset(),
) -> tuple[Article | None, list[Problem]]:
    """Fill what front matter lacks by inference and build the Article."""
    src = raw.file
    # A box of other stories' headlines spliced into a sentence by a page saved as text is not even
    # furniture of this story: it leaves the body too, where it makes the sentence unreadable.
    body, md_title, headline = boilerplate.without_link_boxes(without_controls(raw.body)), None, None
    if "title" not in meta:  # the body's own title line becomes the page title
        if src.markup == "markdown":
            body, md_title = _strip_markdown_title(body)
        if not md_title:
            headline, body = _headline(body)
    body_html = renderer.convert(body) if src.markup == "markdown" else text_to_html(body)
    plain = html_to_text(body_html) if src.markup == "markdown" else body
    story = boilerplate.story_text(plain)  # captions, notes, prompts and bylines stay in the body only
    lead = wire.read_lead(story)
    origin: dict[str, str] = {}
    given = raw.origin

    title = _pick(
        origin,
        "title",
        meta.get("title"),
        lambda: md_title or headline or wire.title_from(story, lead=lead) or src.stem,
        given,
    )
    evidence: dict[str, tuple[Evidence, ...]] = {}
    when, dateline, unfit = _date(meta.get("date"), story, plain, src, config, origin, evidence, given)
    source_name = _pick(origin, "source", meta.get("source"), lambda: wire.find_source(story, lead), given)
    summary = _pick(
        origin,
        "summary",
        meta.get("summary"),
        lambda: summarize(story, title, config.summary_words, lead=lead),
        given,
    )
    doc = Document(title, story, None, plain, tuple(boilerplate.caption_spans(plain)), place=lead.dateline)
    terms, when, era = _terms(meta, raw, doc, when, dateline, config, registry, origin, evidence, ignore)
    warnings = _unknown_names(raw, meta, registry) + unfit
    slug = meta.get("slug") or slugify(src.stem)
    origin["slug"] = given if meta.get("slug") else "file name"
    for key in ("source_url", "dateline"):
        if raw.meta.get(key):
            origin[key] = given
    if not slug:
        return None, [
            Problem(src.path, 1, f"file name '{src.stem}' gives an empty URL slug; set 'slug' in front matter")
        ]
    taxonomy_keys = {info.key for info in config.taxonomy_infos}
    extra = {k: v for k, v in raw.meta.items() if k not in KNOWN_FIELDS and k not in taxonomy_keys}
    return Article(
        source_path=src.path,
        slug=slug,
        title=title or src.stem,
        date=when,
        outlet=source_name,
        source_url=meta.get("source_url"),
        terms=MappingProxyType(terms),
        summary=summary or "",
        body_html=body_html,
        words=wire.word_count(plain),
        draft=meta.get("draft", False),
        extra=MappingProxyType(extra),
        origin=MappingProxyType(origin),
        evidence=MappingProxyType(evidence),
        era=era,
        lang=_language(raw, plain, config),
        sketch=sketch(story),
    ), warnings


def _language(raw: RawDoc, plain: str, config: Config) -> str:
    """`lang:` in front matter, else the language the letters show (ru, uk, be); on a site that is not
    in English, "en" for a text that reads as English, so its pages can say so."""
    given = str(raw.meta.get("lang") or "").strip()
    if given:
        return given
    found = ru.language(plain)
    if found is None and not config.language.lower().startswith("en") and ru.english(plain):
        return "en"
    return found or ""


def _unknown_names(raw: RawDoc, meta: dict[str, Any], registry: Registry) -> list[Problem]:
    """A front-matter leader or topic that no registry entry has: a warning (a typo makes a stray page)."""
    out = []
    for taxonomy in registry.taxonomies:
        for name in meta.get(taxonomy.key) or ():
            if taxonomy.resolve(name) is not None:
                continue
            close = taxonomy.nearest(name)
            hint = f"; did you mean '{close}'?" if close else "; it gets a page of its own"
            line = raw.meta_lines.get(taxonomy.key, 1)
            out.append(Problem(raw.file.path, line, f"{taxonomy.kind} '{name}' is in no registry{hint}", warning=True))
    return out


def _pick(origin: dict[str, str], key: str, given: Any, infer: Any, label: str = FRONT) -> Any:
    if given:
        origin[key] = label
        return given
    value = infer()
    origin[key] = INFERRED if value else "none"
    return value


def _date(
    given: datetime | None,
    story: str,
    whole: str,
    src: SourceFile,
    config: Config,
    origin: dict[str, str],
    evidence: dict[str, tuple[Evidence, ...]],
    label: str = FRONT,
) -> tuple[datetime | None, dates.FoundDate | None, list[Problem]]:
    """Front matter, else the date `dates:` in the configuration gives the file's folder, else the
    writing date the text states (at the top, then in update lines, stamps and notes anywhere),
    else one in the file name; never the clock. A statement without its year takes it from the
    text or the file name when unambiguous; if none does, it is returned for the era to complete.
    A `dates:` pattern that does not fit the file is a warning."""
    if given:
        origin["date"] = label
        return given, None, []
    day, said = folder_date(config, src.path)
    if day is not None and FIRST_YEAR <= day.year <= LAST_YEAR:
        origin["date"] = "configuration"
        evidence["date"] = (Evidence("date", ((said, 1),), note="folder date"),)
        return datetime.combine(day, time()).replace(tzinfo=config.tz), None, []
    unfit = [Problem(src.path, None, said, warning=True)] if said else []
    stem = src.stem
    top = dates.date_in_text(story)
    statements = ([top] if top else []) + dates.stamps(whole)
    from_name = dates.date_in_file_name(stem)
    yearless = None
    for found in statements:
        day, why = found.on(), ""
        if day is None and (year := dates.year_for(found, whole)):
            day, why = found.on(year[0]), year[1]
        if day is None and from_name and (day := found.on(from_name.year)):
            why = stem
        if day is not None:
            phrases = ((found.phrase, 1),) + (((f"year from {why}", 1),) if why else ())
            evidence["date"] = (Evidence("date", phrases, note=found.kind),)
            origin["date"] = "text"
            return datetime.combine(day, time()).replace(tzinfo=config.tz), None, unfit
        yearless = yearless or found
    if from_name:
        origin["date"] = "file name"
        evidence["date"] = (Evidence("date", ((stem, 1),), note="file name"),)
        return datetime.combine(from_name, time()).replace(tzinfo=config.tz), None, unfit
    origin["date"] = "none"
    return None, yearless if yearless is not None and yearless.kind == "dateline" else None, unfit


def _terms(
    meta: dict[str, Any],
    raw: RawDoc,
    doc: Document,
    when: datetime | None,
    dateline: dates.FoundDate | None,
    config: Config,
    registry: Registry,
    origin: dict[str, str],
    evidence: dict[str, tuple[Evidence, ...]],
    ignore: frozenset[str] = frozenset(),
) -> tuple[dict[str, tuple[Term, ...]], datetime | None, Era | None]:
    """Each taxonomy's terms: the front matter's names, else what an agency item names that the
    registry knows (its people who are leaders, its subjects whose codes a topic lists), else
    inferred from the text (each taxonomy sees the terms of those before it: countries read the
    leaders). A taxonomy in `ignore` is inferred as if nothing named its terms.

    Leaders come first: for an undated article, the era their names allow may date it (fixing
    a dateline's year, or agreeing with an "on 12 May 2015" in the lead); the leaders are then
    judged again against that date. Otherwise the era is kept to show on the page."""
    terms: dict[str, tuple[Term, ...]] = {}
    era = None
    for taxonomy in registry.taxonomies:
        names = meta.get(taxonomy.key)
        if names is not None:
            origin[taxonomy.key] = raw.origin
            terms[taxonomy.key] = unique(named_term(taxonomy, n) for n in names)
            continue
        known = taxonomy.from_agency(raw.hints) if raw.hints and taxonomy.key not in ignore else ()
        if known:
            origin[taxonomy.key] = raw.origin
            terms[taxonomy.key] = unique(named_term(taxonomy, entry.name) for entry in known)
            continue
        doc = replace(doc, on=when.date() if when else None, earlier=MappingProxyType(dict(terms)))
        inferred = taxonomy.infer(doc)
        if when is None and inferred.era is not None:
            guess = _date_in_era(inferred.era, dateline)
            if guess is None:
                era = Era(inferred.era_label, inferred.era_evidence)
            else:
                day, phrase = guess
                when = datetime.combine(day, time()).replace(tzinfo=config.tz)
                origin["date"] = "text"
                evidence["date"] = (
                    Evidence("date", ((phrase, 1), *((e, 1) for e in inferred.era_evidence)), note="dateline"),
                )
                inferred = taxonomy.infer(replace(doc, on=day))
        origin[taxonomy.key] = INFERRED if inferred.found else "none"
        evidence[taxonomy.key] = tuple(f.evidence for f in inferred.found)
        if inferred.also:
            evidence["also_mentioned"] = inferred.also
        terms[taxonomy.key] = unique(found_term(taxonomy, f) for f in inferred.found)
    return terms, when, era


def _date_in_era(era: Spans, dateline: dates.FoundDate | None) -> tuple[date, str] | None:
    """A yearless dateline in an era within one year. (A bare "on 12 May 2015" in the lead is not
    enough even when the era contains it: leads cite events of the days before.)"""
    bounds = era.bounds()
    if dateline is not None and bounds and bounds[0].year == bounds[1].year:
        day = dateline.on(bounds[0].year)
        if day is not None and day_span(day) & era:
            return day, dateline.phrase
    return None


def _headline(body: str) -> tuple[str | None, str]:
    """The body's headline line, looked for after any boilerplate lines that open it ("This article is
    more than 3 months old", a photo caption): those stay where they are, the headline leaves the body."""
    lines = body.split("\n")
    furniture = boilerplate.furniture(lines[:40])  # what opens a story is near its top
    skip = 0
    while skip < len(furniture) and (not lines[skip].strip() or furniture[skip]):
        skip += 1
    if skip == 0 or skip == len(lines):
        return wire.headline(body)
    found, rest = wire.headline("\n".join(lines[skip:]))
    if found is None:
        return None, body
    return found, "\n".join(lines[:skip]).rstrip("\n") + "\n\n" + rest


def _strip_markdown_title(body: str) -> tuple[str, str | None]:
    """A leading `# Heading` is the title of a Markdown article without one in front matter."""
    m = re.match(r"\s*#[ \t]+(.+?)[ \t#]*\n", body + "\n")
    if not m:
        return body, None
    return body[m.end() :], m.group(1).strip()


def _quote_hint(value: Any) -> str:
    if isinstance(value, bool):
        return " (YAML reads yes/no/on/off/true/false as booleans: quote it)"
    if isinstance(value, (int, float, date)):
        return " (quote it)"
    return ""
