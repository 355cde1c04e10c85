"""The persistent build cache: parsed articles by content, and what the last build wrote where.

Kept in `.digestgen-cache/` under the project (safe to delete). Every entry is keyed by the
content hash of its inputs and everything the result depends on (configuration, registries,
templates, digestgen's own code), so it can never change the output: a warm build writes the
bytes a cold one would. A cache that cannot be read is ignored with one warning.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from digestgen.errors import Problem
from digestgen.model import Article
from digestgen.pipeline.cache import codec as cachecodec

CACHE_DIR = ".digestgen-cache"
SCHEMA = 2
Parsed = tuple[Article | None, tuple[Problem, ...]]


@dataclass(frozen=True)
class WrittenPage:
    """One page a build wrote: the key of its inputs and the file's identity, to reuse it safely."""

    key: str
    size: int
    mtime_ns: int
    inode: int


@dataclass(frozen=True)
class SiteRecord:
    """The last build into an output folder: every file it wrote, a digest of its inputs, its counts."""

    files: Mapping[str, WrittenPage]
    inputs: str
    """Digest of the inputs' identities (files by size and time, settings, templates, code)."""
    counts: tuple[int, ...]
    """Articles, pages, leaders, topics."""


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
            db.executescript(
                "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT);"
                "CREATE TABLE IF NOT EXISTS articles (key TEXT PRIMARY KEY, value TEXT, body TEXT);"
                "CREATE TABLE IF NOT EXISTS sites (output TEXT PRIMARY KEY, value TEXT);"
            )
            found = dict(db.execute("SELECT name, value FROM meta"))
            if found.get("schema") != str(SCHEMA) or found.get("context") != self.context:
                db.executescript("BEGIN; DELETE FROM articles; DELETE FROM sites; COMMIT;")
                db.executemany(
                    "INSERT OR REPLACE INTO meta VALUES (?, ?)", [("schema", str(SCHEMA)), ("context", self.context)]
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
            for key, value in db.execute("SELECT key, value FROM articles"):
                if key in wanted:
                    try:
                        article, problems = cachecodec.loads(value)
                        found[key] = (article, tuple(problems))
                    except (cachecodec.CodecError, ValueError, TypeError):
                        continue
        except sqlite3.Error as exc:
            self._fail(exc)
            return {}
        return found

    def bodies(self, keys: Iterable[str]) -> dict[str, str]:
        """The HTML bodies of cached articles, for the article pages that must be rendered again."""
        db, found = self._connect(), {}
        if db is None:
            return {}
        try:
            for key in keys:
                row = db.execute("SELECT body FROM articles WHERE key = ?", (key,)).fetchone()
                if row is not None and isinstance(row[0], str):
                    found[key] = row[0]
        except sqlite3.Error as exc:
            self._fail(exc)
        return found

    def put_articles(self, results: Mapping[str, Parsed], keep: Iterable[str]) -> None:
        """Store new parse results and drop entries no current file has (the cache never grows stale)."""
        db = self._connect()
        if db is None or self.readonly:
            return
        try:
            rows = [
                (key, cachecodec.dumps([_bodiless(article), list(problems)]), article.body_html if article else "")
                for key, (article, problems) in results.items()
            ]
            db.execute("BEGIN")
            db.executemany("INSERT OR REPLACE INTO articles VALUES (?, ?, ?)", rows)
            db.execute("CREATE TEMP TABLE IF NOT EXISTS keep (key TEXT PRIMARY KEY)")
            db.execute("DELETE FROM keep")
            db.executemany("INSERT OR IGNORE INTO keep VALUES (?)", ((k,) for k in keep))
            db.execute("DELETE FROM articles WHERE key NOT IN (SELECT key FROM keep)")
            db.execute("COMMIT")
        except (sqlite3.Error, TypeError, ValueError) as exc:
            self._rollback(db)
            self._fail(exc)

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
            files = {path: WrittenPage(*entry) for path, entry in data["files"].items()}
            return SiteRecord(files, str(data["inputs"]), tuple(int(n) for n in data["counts"]))
        except (sqlite3.Error, cachecodec.CodecError, TypeError, KeyError, ValueError) as exc:
            self._fail(exc)
            return SiteRecord({}, "", ())

    def put_site(self, output: Path, record: SiteRecord) -> None:
        db = self._connect()
        if db is None or self.readonly:
            return
        data = {
            "files": {path: [p.key, p.size, p.mtime_ns, p.inode] for path, p in record.files.items()},
            "inputs": record.inputs,
            "counts": list(record.counts),
        }
        try:
            db.execute("INSERT OR REPLACE INTO sites VALUES (?, ?)", (str(output), cachecodec.dumps(data)))
        except sqlite3.Error as exc:
            self._fail(exc)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    @staticmethod
    def _rollback(db: sqlite3.Connection) -> None:
        with contextlib.suppress(sqlite3.Error):
            db.execute("ROLLBACK")


def _bodiless(article: Article | None) -> Article | None:
    return None if article is None else replace(article, body_html="")
