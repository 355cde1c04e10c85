"""The persistent build cache: parsed articles by content, and what the last build wrote where.

Kept in `.digestgen-cache/` under the project (safe to delete). Every entry is keyed by the
content hash of its inputs and everything the result depends on (configuration, registries,
templates, digestgen's own code), so it can never change the output: a warm build writes the
bytes a cold one would. A cache that cannot be read is ignored with one warning.

A cache may come from elsewhere (a CI restore, a copied project), so a row is trusted only as far
as it checks out: its checksum must match, every field must decode to its declared type, and a
body must be HTML the renderer could have made. Any row that fails is a miss, parsed afresh.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from digestgen.errors import Problem
from digestgen.model import Card
from digestgen.pipeline.cache import codec as cachecodec

CACHE_DIR = ".digestgen-cache"
SCHEMA = 4


@dataclass(frozen=True)
class Parsed:
    """One content file's parse result without its body: the card (None if the file failed) and problems."""

    card: Card | None
    problems: tuple[Problem, ...]
    card_key: str = ""
    """A digest of everything listings show of the article (see `card_key`)."""


Fresh = tuple[Parsed, str, str | None]
"""A result parsed this run: the result, its body and its cache text (None: not encoded yet)."""


def encoded(parsed: Parsed) -> str | None:
    """The cache's text for a parse result; None for one that cannot be cached (nested past the stack)."""
    try:
        return cachecodec.dumps([parsed.card, list(parsed.problems)])
    except (TypeError, ValueError):
        return None


def card_key(card: Card | None) -> str:
    """A digest of what a listing can show of an article: its card, every field."""
    return digest(repr(card))


@dataclass(frozen=True)
class WrittenPage:
    """One page a build wrote: the key of its inputs and the file's identity, to reuse it safely."""

    key: str
    size: int
    mtime_ns: int
    inode: int


def _files(text: Any) -> dict[str, WrittenPage]:
    """A site record's files, kept as one JSON text ({path: [key, size, mtime, inode]}): read in C,
    then checked here, rather than walked value by value through the codec (14,000 pages at 10,000
    articles, on every no-change build)."""
    if not isinstance(text, str):
        raise cachecodec.CodecError("a site record's files must be text")
    found = json.loads(text)
    if not isinstance(found, dict):
        raise cachecodec.CodecError("a site record's files must be a mapping")
    out = {}
    for path, entry in found.items():
        if not (
            isinstance(entry, list)
            and len(entry) == 4
            and isinstance(entry[0], str)
            and all(type(n) is int for n in entry[1:])
        ):
            raise cachecodec.CodecError(f"a site record's entry for {path!r} is not [key, size, mtime, inode]")
        out[path] = WrittenPage(*entry)
    return out


@dataclass(frozen=True)
class SiteRecord:
    """The last build into an output folder: every file it wrote, a digest of its inputs, its counts."""

    files: Mapping[str, WrittenPage]
    inputs: str
    """Digest of the inputs' identities (files by size and time, settings, templates, code)."""
    counts: tuple[int, ...]
    """Articles, pages, leaders, topics."""
    warnings: tuple[Problem, ...] = ()
    """What the build warned of: an up-to-date build says it again."""


def digest(*parts: str | bytes) -> str:
    """A short stable hash of the parts (each length-prefixed, so parts never run together)."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


class BuildCache:
    """Reads and writes the cache database; every failure becomes a warning and an empty result."""

    def __init__(self, folder: Path, context: str, warn: Callable[[str], None], readonly: bool = False) -> None:
        self.folder, self.context, self.warn, self.readonly = folder, context, warn, readonly
        self._db: sqlite3.Connection | None = None
        self._broken = False

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is not None or self._broken:
            return self._db
        if self.readonly:
            return self._connect_readonly()
        try:
            self.folder.mkdir(exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# digestgen's build cache: safe to delete\n*\n", encoding="utf-8")
            db = sqlite3.connect(self.folder / "cache.sqlite", timeout=60, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT)")
            found = dict(db.execute("SELECT name, value FROM meta"))
            if found.get("schema") != str(SCHEMA) or found.get("context") != self.context:
                db.executescript("BEGIN; DROP TABLE IF EXISTS articles; DROP TABLE IF EXISTS sites; COMMIT;")
                db.executemany(
                    "INSERT OR REPLACE INTO meta VALUES (?, ?)", [("schema", str(SCHEMA)), ("context", self.context)]
                )
            db.executescript(
                "CREATE TABLE IF NOT EXISTS articles "
                "(key TEXT PRIMARY KEY, value TEXT, body TEXT, check_ TEXT, body_check TEXT);"
                "CREATE TABLE IF NOT EXISTS sites (output TEXT PRIMARY KEY, value TEXT);"
            )
            self._db = db
        except (sqlite3.Error, OSError) as exc:
            self._fail(exc)
        return self._db

    def _connect_readonly(self) -> sqlite3.Connection | None:
        try:
            db = sqlite3.connect(f"file:{self.folder / 'cache.sqlite'}?mode=ro", uri=True, timeout=60)
            found = dict(db.execute("SELECT name, value FROM meta"))
            if found.get("schema") != str(SCHEMA) or found.get("context") != self.context:
                db.close()
                self._broken = True  # another version's cache: not an error, just nothing to reuse
                return None
            self._db = db
        except sqlite3.Error:
            self._broken = True
        return self._db

    def _fail(self, exc: Exception) -> None:
        if not self._broken:
            self.warn(f"{self.folder}: ignoring the build cache ({exc}); it is safe to delete")
        self._broken, self._db = True, None

    def articles(self, keys: Iterable[str]) -> dict[str, Parsed]:
        """Cached parse results for `keys`, without article bodies (see `bodies`); misses are absent."""
        db, wanted, found = self._connect(), set(keys), {}
        if db is None or not wanted:
            return {}
        try:
            for key, value, check in db.execute("SELECT key, value, check_ FROM articles"):
                if key in wanted and check == self._check(key, value):
                    try:
                        card, problems = cachecodec.loads(value)
                    except cachecodec.CodecError:
                        continue
                    if (card is None or isinstance(card, Card)) and all(isinstance(p, Problem) for p in problems):
                        found[key] = Parsed(card, tuple(problems), card_key(card))
        except sqlite3.Error as exc:
            self._fail(exc)
            return {}
        return found

    def bodies(self, keys: Iterable[str]) -> dict[str, str]:
        """The HTML bodies of cached articles that check out (see the module), for pages rendered again."""
        from digestgen.pipeline.parse.markup import is_safe_html

        db, found = self._connect(), {}
        if db is None:
            return {}
        try:
            for key in keys:
                row = db.execute("SELECT body, body_check FROM articles WHERE key = ?", (key,)).fetchone()
                if row is None or not isinstance(row[0], str) or row[1] != self._check(key, row[0]):
                    continue
                if is_safe_html(row[0]):
                    found[key] = row[0]
        except sqlite3.Error as exc:
            self._fail(exc)
        return found

    def put_articles(self, results: Mapping[str, Fresh], keep: Iterable[str]) -> None:
        """Store new parse results with their bodies, and drop entries no current file has (the cache never grows stale).

        A result that cannot be encoded (a value nested past the stack) is simply not cached.
        """
        db = self._connect()
        if db is None or self.readonly:
            return
        rows = []
        for key, (parsed, body, value) in results.items():
            value = value if value is not None else encoded(parsed)
            if value is None:
                continue
            rows.append((key, value, body, self._check(key, value), self._check(key, body)))
        try:
            db.execute("BEGIN")
            db.executemany("INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?)", rows)
            db.execute("CREATE TEMP TABLE IF NOT EXISTS keep (key TEXT PRIMARY KEY)")
            db.execute("DELETE FROM keep")
            db.executemany("INSERT OR IGNORE INTO keep VALUES (?)", ((k,) for k in keep))
            db.execute("DELETE FROM articles WHERE key NOT IN (SELECT key FROM keep)")
            db.execute("COMMIT")
        except (sqlite3.Error, TypeError, ValueError) as exc:
            self._rollback(db)
            self._fail(exc)

    def _check(self, key: str, text: str) -> str:
        """A row's checksum: a damaged or hand-edited row no longer matches it."""
        return digest(self.context, key, text)

    def site(self, output: Path) -> SiteRecord:
        """What the last build into `output` wrote, file by file, and from which inputs."""
        db = self._connect()
        if db is None:
            return SiteRecord({}, "", ())
        try:
            row = db.execute("SELECT value FROM sites WHERE output = ?", (str(output),)).fetchone()
            if row is None:
                return SiteRecord({}, "", ())
            data = cachecodec.loads(row[0])
            files = _files(data["files"])
            warnings = tuple(p for p in data.get("warnings", ()) if isinstance(p, Problem))
            return SiteRecord(files, str(data["inputs"]), tuple(int(n) for n in data["counts"]), warnings)
        except (sqlite3.Error, cachecodec.CodecError, TypeError, KeyError, ValueError) as exc:
            self._fail(exc)
            return SiteRecord({}, "", ())

    def put_site(self, output: Path, record: SiteRecord) -> None:
        db = self._connect()
        if db is None or self.readonly:
            return
        files = {path: [p.key, p.size, p.mtime_ns, p.inode] for path, p in record.files.items()}
        data = {
            "files": json.dumps(files, ensure_ascii=False, separators=(",", ":")),  # read back by `_files`
            "inputs": record.inputs,
            "counts": list(record.counts),
            "warnings": list(record.warnings),
        }
        try:
            db.execute("INSERT OR REPLACE INTO sites VALUES (?, ?)", (str(output), cachecodec.dumps(data)))
        except (sqlite3.Error, TypeError) as exc:
            self._fail(exc)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    @staticmethod
    def _rollback(db: sqlite3.Connection) -> None:
        with contextlib.suppress(sqlite3.Error):
            db.execute("ROLLBACK")
