"""RENDER helpers the templates call: dates and counts in words, sentences, the coverage timeline."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from markupsafe import Markup, escape

from digestgen.pipeline.plan.pages import Office
from digestgen.text.dates import MONTH_NAMES
from digestgen.text.wire import split_sentences

MONTHS = MONTH_NAMES
_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_date(value: date) -> str:
    """ "26 November 2024", independent of the machine's locale."""
    if not isinstance(value, date):
        raise TypeError(f"datefmt needs a date, got {'none' if value is None else type(value).__name__}")
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def isodate(value: date) -> str:
    return value.isoformat()


def count_of(n: int, noun: str, plural: str | None = None) -> str:
    """ "1 article", "3 articles", "2 countries" (given its plural): a number with its noun."""
    return f"{n} {noun}" if n == 1 else f"{n} {plural or noun + 's'}"


def times(n: int) -> str:
    """ "once", "twice", "3 times"."""
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def sentences(text: str, n: int, title: str = "") -> str:
    """The first `n` sentences of a text (a card shows one or two of a summary's three); a first
    sentence that only repeats `title` (a title cut from the lead) is skipped when another follows."""
    found = split_sentences(text)
    if len(found) > 1 and title and _repeats(found[0], title):
        found = found[1:]
    elif len(found) <= n:
        return text
    return " ".join(found[:n])


def _repeats(sentence: str, title: str) -> bool:
    """The sentence opens with the title's words (case, punctuation and a trailing ellipsis aside)."""
    words = [w.casefold() for w in re.findall(r"\w+", title)]
    return bool(words) and [w.casefold() for w in re.findall(r"\w+", sentence)][: len(words)] == words


def month(key: str) -> str:
    """ "2024-11" -> "November 2024"."""
    return f"{MONTHS[int(key[5:]) - 1]} {key[:4]}"


def month_name(number: int) -> str:
    return MONTHS[number - 1]


def years(office: Office) -> str:
    """An office's span in years: "2000–2008", "since 2012"."""
    start, end = (office.start or "")[:4], (office.end or "")[:4]
    if start and end:
        return start if start == end else f"{start}–{end}"
    return f"since {start}" if start else f"until {end}" if end else ""


def era_years(label: str) -> str:
    """An era label in years: "2003-01-01 to 2007-06-27" -> "2003–2007"; an open end -> "since 2019";
    several intervals -> the first start to the last end; "" for a label without years."""
    years = re.findall(r"\b(\d{4})-\d\d-\d\d\b|(…)", label)
    if not years:
        return ""
    first, last = years[0][0], years[-1][0]
    first, last = ("" if first == "0001" else first), ("" if last == "9999" else last)  # unbounded ends
    if not (first and last):
        return f"since {first}" if first else f"until {last}" if last else ""
    return first if first == last else f"{first}–{last}"


def timeline(months: Sequence[tuple[str, int]]) -> Markup:
    """Articles per month as an inline SVG bar chart (no script), labelled for screen readers."""
    width, height = max(len(months), 1) * 10, 40
    peak = max((count for _, count in months), default=1) or 1
    bars = []
    for i, (key, count) in enumerate(months):
        bar = max(round(count / peak * height), 1 if count else 0)
        label = escape(f"{month(key)}: {count_of(count, 'article')}")
        bars.append(f'<rect x="{i * 10 + 1}" y="{height - bar}" width="8" height="{bar}"><title>{label}</title></rect>')
    first, last = months[0][0], months[-1][0]
    total = sum(count for _, count in months)
    summary = escape(f"Dated articles per month: {count_of(total, 'article')} from {month(first)} to {month(last)}")
    rows = "".join(f'<tr><th scope="row">{escape(month(key))}</th><td>{n}</td></tr>' for key, n in months if n)
    return Markup(
        f'<figure class="timeline"><svg viewBox="0 0 {width} {height}" preserveAspectRatio="none" '
        f'aria-hidden="true">{"".join(bars)}</svg>'
        f'<table class="visually-hidden"><caption>{summary}</caption>'
        f'<tr><th scope="col">Month</th><th scope="col">Articles</th></tr>{rows}</table>'
        f'<figcaption aria-hidden="true"><span>{_SHORT[int(first[5:]) - 1]} {first[:4]}</span>'
        f"<span>{_SHORT[int(last[5:]) - 1]} {last[:4]}</span></figcaption></figure>"
    )
