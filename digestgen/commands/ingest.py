"""`digestgen ingest`: turn inferred metadata into a front-matter block an editor can correct."""

from __future__ import annotations

import os
import re
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import yaml

from digestgen.config import Config
from digestgen.errors import BuildFailed, Problem, Problems
from digestgen.model import Article, SourceFile
from digestgen.pipeline.load.sources import SUFFIXES, read_source
from digestgen.pipeline.parse.articles import parse_article
from digestgen.pipeline.parse.frontmatter import is_closing_fence, split
from digestgen.taxonomy.registry import Registry, load_registry

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


@dataclass(frozen=True)
class Ingested:
    """The new text of one file and the front-matter fields it adds."""

    path: str
    text: str
    block: str
    """The whole front-matter block, `---` to `---`, with `\\n` newlines."""
    added: tuple[str, ...]


def ingest(paths: Sequence[Path], config: Config, write: bool = False, out: TextIO | None = None) -> None:
    """Print (or, with `write`, add to each file) front matter holding what inference found.

    Fields the file's front matter already has are kept as written; the body is kept byte for
    byte, except that a headline line which becomes the `title` is removed (the page would
    show it twice). Before anything is written the new text is parsed again and must give the
    same article. Files that cannot be ingested are raised together as BuildFailed, after the rest.
    """
    out = out or sys.stdout
    registry = load_registry(config)
    problems: list[Problem] = []
    blocks: list[str] = []
    for path in paths:
        result = ingest_file(path, config, registry)
        if isinstance(result, Problem):
            problems.append(result)
        elif write:
            if result.added:
                _write_atomic(path.resolve(), result.text)
            print(
                f"{result.path}: {'added ' + ', '.join(result.added) if result.added else 'nothing to add'}", file=out
            )
        else:
            blocks.append(
                result.block if len(paths) == 1 else result.block.replace("---\n", f"---\n# {result.path}\n", 1)
            )
    if blocks:
        print("\n".join(blocks), end="", file=out)
    if problems:
        raise BuildFailed(problems)


def ingest_file(path: Path, config: Config, registry: Registry) -> Ingested | Problem:
    """The file's text with inferred fields added to its front matter, checked to build the same."""
    if path.suffix.lower() not in SUFFIXES:
        return Problem(str(path), None, "not an article file (expected .md, .markdown or .txt)")
    source = read_source(path.absolute(), config.root)
    if isinstance(source, Problem) or source is None:  # None: only for .json/.xml, refused above
        return source or Problem(str(path), None, "not an article file")
    report = Problems()
    article = parse_article(source, config, registry, report)
    if article is None:
        problems = list(report)
        return (
            problems[0]
            if len(problems) == 1
            else Problem(source.path, problems[0].line, "; ".join(p.message for p in problems))
        )
    given = split(source).meta
    add = {k: v for k, v in _inferred(article).items() if k not in given}
    text = path.read_bytes().decode("utf-8-sig")
    if not add:
        return Ingested(source.path, text, _block(text), ())
    attempts = [True, False] if "title" in add else [False]
    for drop_headline in attempts:  # drop the headline only if the article still builds the same
        new = _with_front_matter(text, add, drop_headline)
        if _same(article, SourceFile(source.path, source.stem, source.markup, _normalise(new)), config, registry):
            return Ingested(source.path, new, _block(new), tuple(add))
    return Problem(source.path, None, "the inferred front matter would not build the same article; add it by hand")


def _inferred(article: Article) -> dict[str, Any]:
    """Front-matter values for what the build inferred, in the order an editor reads them."""
    values: dict[str, Any] = {
        "title": article.title,
        "date": article.date.date() if article.date is not None else None,
        "source": article.outlet,
        "leaders": [t.name for t in article.leaders],
        "topics": [t.name for t in article.topics],
        "summary": article.summary,
    }
    # A date read from the text or the file name is inferred too (a day at midnight, the site's time zone).
    inferred = ("inferred", "text", "file name")
    return {k: v for k, v in values.items() if v and article.origin.get(k) in inferred}


def _with_front_matter(text: str, add: dict[str, Any], drop_headline: bool) -> str:
    """`text` with `add` appended to its front matter (made if missing); line endings as the file's."""
    nl = "\r\n" if "\r\n" in text else "\n"
    dumped = yaml.safe_dump(add, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1_000_000)
    new_lines = [line + nl for line in dumped.splitlines()]
    lines = _LINE.findall(text)
    if lines and lines[0].rstrip("\r\n") == "---":
        close = next(i for i in range(1, len(lines)) if is_closing_fence(lines[i]))
        head, body = lines[:close] + new_lines + [lines[close]], "".join(lines[close + 1 :])
        if not lines[close].endswith(("\n", "\r")):  # closing fence on the file's last line
            head[-1] += nl
    else:
        head, body = [f"---{nl}", *new_lines, f"---{nl}"], text
    return "".join(head) + (_drop_first_line(body) if drop_headline else body)


def _drop_first_line(body: str) -> str:
    """The body without its first non-blank line and the blank lines after it."""
    rest = body.lstrip("\r\n")
    match = re.match(r"[^\r\n]*(?:\r\n|\r|\n)?", rest)
    return rest[match.end() :].lstrip("\r\n") if match else rest


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _same(before: Article, source: SourceFile, config: Config, registry: Registry) -> bool:
    """Whether the new text builds the article the old one did (front matter now giving the values)."""
    after = parse_article(source, config, registry, Problems())
    keys = ("title", "date", "outlet", "source_url", "leaders", "topics", "summary", "body_html", "slug", "draft")
    return after is not None and all(getattr(after, k) == getattr(before, k) for k in keys)


def _block(text: str) -> str:
    """The front-matter block of `text`, newlines normalised (empty if it has none)."""
    lines = _LINE.findall(_normalise(text))
    if not lines or lines[0] != "---\n":
        return ""
    close = next(i for i in range(1, len(lines)) if is_closing_fence(lines[i]))
    return "".join(lines[:close]) + "---\n"


def _write_atomic(path: Path, text: str) -> None:
    """Replace the file in one step (temp file beside it + os.replace), keeping its permissions."""
    data = text.encode("utf-8")
    if path.read_bytes().startswith(b"\xef\xbb\xbf"):
        data = b"\xef\xbb\xbf" + data
    mode = path.stat().st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
