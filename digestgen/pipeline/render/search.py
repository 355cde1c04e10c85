"""SEARCH: the client-side index, split into small scripts so that a first search loads only what it needs.

Every file is a script that pushes its data onto `window.digestSearch` (JSONP-style), so a `<script src>`
loads it from any sub-path and from file://, where fetch() is refused. The files, under `search/`:

- `manifest.js`, always loaded: the facet values (each taxonomy's terms, the sources), each article's
  date and facet values, the keys of the token shards, and a version key for the other files' URLs;
- `t/<key>.js`, token shards: every indexed token whose first two characters are `key`, each with the
  articles that contain it (ids delta-coded, doubled, plus one when the token is in the title);
- `r/<n>.js`, record shards: title, slug, summary and reading minutes of articles n*RECORDS to
  (n+1)*RECORDS - 1, loaded only for the results shown.

An article's id is its position in the plan (newest first). The title, summary, terms and source
are indexed (what a card shows); bodies are not. static/search.js folds and splits text exactly
as `fold` and `tokenize` do here.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from anyascii import anyascii

from digestgen.model import Card, TaxonomyInfo, TermIndex
from digestgen.pipeline.plan.pages import SitePlan

FOLDER = "search"
MANIFEST = f"{FOLDER}/manifest.js"
RECORDS = 50
"""Articles per record shard: small enough that the shards of one page of results stay small."""
LOOK_EVERY = 500
"""Articles indexed between two looks at whether to give up (serve: about 20 ms)."""
KEY_LENGTH = 2
"""Characters of a token that choose its shard."""
# Letters with no decomposition into a base letter and a mark, spelled as a reader would type them.
_SPELLED = str.maketrans(
    {"ß": "ss", "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ς": "σ"}
)
_WORD = re.compile(r"[^\W_]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_SAFE_KEY_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def fold(text: str) -> str:
    """Lower case, compatibility forms, no diacritics: "Erdoğan" -> "erdogan", "Лукашенко" -> "лукашенко"."""
    text = text.lower()
    return text if text.isascii() else _NON_ASCII.sub(_fold_run, text)


def _fold_run(match: re.Match[str]) -> str:
    """Decompose one run of non-ASCII characters and drop its marks (ASCII needs neither)."""
    decomposed = unicodedata.normalize("NFKD", match.group())
    return "".join(ch for ch in decomposed if not unicodedata.category(ch).startswith("M")).translate(_SPELLED)


def tokenize(text: str) -> list[str]:
    """The folded words of `text`: runs of letters and digits (JavaScript's [\\p{L}\\p{N}]+)."""
    return _WORD.findall(fold(text))


def index_tokens(text: str) -> set[str]:
    """The tokens to index for `text`: its words, and a Latin spelling of words in other scripts
    ("лукашенко" is found by "lukashenko" too), since the browser has no transliteration table."""
    found = set(tokenize(text))
    if not text.isascii():
        for token in [t for t in found if not t.isascii()]:
            found.update(tokenize(anyascii(token)))
    return found


def shard_key(token: str) -> str:
    """The token shard that holds `token`: its first two characters (code points)."""
    return token[:KEY_LENGTH]


def shard_file(key: str) -> str:
    """A file name for a shard key that any file system and URL accepts: "лу" -> "_43b_443"."""
    return "".join(ch if ch in _SAFE_KEY_CHARS else f"_{ord(ch):x}" for ch in key)


def search_files(plan: SitePlan) -> dict[str, bytes]:
    """Every file of the search index, {output path: bytes}; byte-identical for the same plan."""
    files = SearchIndex().files(plan)
    assert files is not None  # never told to stop
    return files


class SearchIndex:
    """Writes the search files of successive plans, remembering what each card contributes.

    serve keeps one across saves: a card's tokens are found once, and a shard file whose content
    did not change keeps its bytes (and so its identity) from the last plan.
    """

    def __init__(self) -> None:
        self._tokens: dict[int, tuple[Card, set[str], set[str]]] = {}
        self._scripts: dict[str, tuple[Any, bytes]] = {}
        self._used: dict[str, tuple[Any, bytes]] = {}

    def files(self, plan: SitePlan, stop: Callable[[], bool] = lambda: False) -> dict[str, bytes] | None:
        """Every file of the search index for `plan` (see `search_files`); None, with nothing
        remembered, when `stop()` says to give up (serve: a newer save is waiting)."""
        self._used = {}
        articles = plan.articles
        shards = self._token_shards(articles, stop)
        if shards is None or stop():
            return None
        files = {f"{FOLDER}/t/{shard_file(key)}.js": self._script("t", key, shards[key]) for key in sorted(shards)}
        for n in range(-(-len(articles) // RECORDS)):
            chunk = articles[n * RECORDS : (n + 1) * RECORDS]
            files[f"{FOLDER}/r/{n}.js"] = self._script("r", n, [record(a) for a in chunk])
        version = hashlib.sha256(b"".join(p.encode() + b"\0" + files[p] for p in sorted(files))).hexdigest()[:12]
        files[MANIFEST] = _script("m", None, manifest(plan, sorted(shards), version))
        self._scripts = self._used
        return files

    def _script(self, kind: str, key: str | int, data: Any) -> bytes:
        """The file for `data`: the last plan's bytes (the same object) when its data are equal."""
        name = f"{kind}\0{key}"
        earlier = self._scripts.get(name)
        if earlier is None or earlier[0] != data:
            earlier = (data, _script(kind, key, data))
        self._used[name] = earlier
        return earlier[1]

    def _token_shards(
        self, articles: Sequence[Card], stop: Callable[[], bool]
    ) -> dict[str, dict[str, list[int]]] | None:
        """{shard key: {token: encoded postings}}; postings in id order, as gaps times two plus a title flag."""
        postings: dict[str, list[int]] = defaultdict(list)
        names: dict[str, set[str]] = {}
        known, kept = self._tokens, {}
        for i, article in enumerate(articles):
            if i % LOOK_EVERY == LOOK_EVERY - 1 and stop():
                return None
            found = known.get(id(article))
            if found is None or found[0] is not article:
                found = (article, *article_tokens(article, names))
            kept[id(article)] = found
            for token in found[1]:
                postings[token].append(2 * i + 1)
            for token in found[2]:
                postings[token].append(2 * i)
        self._tokens = kept
        shards: dict[str, dict[str, list[int]]] = defaultdict(dict)
        for token, flagged in postings.items():
            shards[shard_key(token)][token] = encode_postings(flagged)
        return shards


def record(article: Card) -> list[Any]:
    """What a result card shows beyond the manifest: title, slug, summary, reading minutes (and 1 for a draft)."""
    found: list[Any] = [article.title, article.slug, article.summary, article.reading_minutes]
    return [*found, 1] if article.draft else found


def manifest(plan: SitePlan, keys: Sequence[str], version: str) -> dict[str, Any]:
    """The always-loaded part: facet values, per-article columns, shard keys, sizes and the version."""
    articles = plan.articles
    counted = Counter(a.outlet for a in articles if a.outlet)
    sources = sorted(counted, key=lambda s: (-counted[s], s.casefold(), s))
    source_ids = {s: i for i, s in enumerate(sources)}
    return {
        "v": version,
        "n": len(articles),
        "records": RECORDS,
        "keyLength": KEY_LENGTH,
        "shards": list(keys),
        "terms": [_facet(info, plan.terms_of(info.key), articles) for info in plan.taxonomies],
        "sources": sources,
        "date": _date_deltas(a.date.date() if a.date else None for a in articles),
        "source": [source_ids[a.outlet] if a.outlet else -1 for a in articles],
    }


def _facet(info: TaxonomyInfo, entries: Sequence[TermIndex], articles: Sequence[Card]) -> dict[str, Any]:
    """One taxonomy's facet: its terms ([name, slug], most covered first) and each article's, by position."""
    ids = {entry.term.slug: i for i, entry in enumerate(entries)}
    return {
        "kind": info.kind,
        "key": info.key,
        "noun": info.noun[:1].upper() + info.noun[1:],
        "values": [[e.term.name, e.term.slug] for e in entries],
        "of": [[ids[t.slug] for t in a.terms_of(info.key)] for a in articles],
    }


def _date_deltas(days: Iterable[date | None]) -> list[int | None]:
    """Days since 1970-01-01, each but the first as the change from the previous dated article
    (small numbers for a list sorted by date); None for an undated article."""
    found: list[int | None] = []
    previous = 0
    for day in days:
        if day is None:
            found.append(None)
            continue
        number = day.toordinal() - date(1970, 1, 1).toordinal()
        found.append(number - previous)
        previous = number
    return found


def article_tokens(article: Card, names: dict[str, set[str]] | None = None) -> tuple[set[str], set[str]]:
    """Tokens of the title, and of everything else a card shows (summary, terms, source).

    `names` remembers the tokens of term and source names, which recur on many articles.
    """
    names = {} if names is None else names
    rest = index_tokens(article.summary)
    for name in [*(t.name for t in article.all_terms), article.outlet or ""]:
        if name not in names:
            names[name] = index_tokens(name)
        rest |= names[name]
    title = index_tokens(article.title)
    return title, rest - title


def encode_postings(flagged: Sequence[int]) -> list[int]:
    """Ids with flags (2*id + title) in id order -> 2*(id - previous id) + title, the first gap from 0."""
    return [value - (previous & ~1) for previous, value in zip([0, *flagged], flagged, strict=False)]


def _script(kind: str, key: str | int | None, data: Any) -> bytes:
    """One index file: JSON with sorted keys, `</` and line separators escaped so no text can end it."""
    text = json.dumps([kind, key, data], ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"(window.digestSearch=window.digestSearch||[]).push({text});\n".encode()


def read_script(data: bytes) -> tuple[str, Any, Any]:
    """Parse an index file back into (kind, key, data): for tests and the size benchmark."""
    text = data.decode("utf-8")
    start, end = text.index(".push(") + len(".push("), text.rindex(");")
    kind, key, payload = json.loads(text[start:end])
    return kind, key, payload
