"""LOAD: find content files and decode them, refusing what cannot be trusted."""

from __future__ import annotations

import codecs
import errno
import functools
import os
import re
from pathlib import Path

from digestgen.config import Config
from digestgen.errors import Problem, Problems
from digestgen.model import MOJIBAKE, Markup, SourceFile

SUFFIXES: dict[str, Markup] = {".md": "markdown", ".markdown": "markdown", ".txt": "text"}
AGENCY_SUFFIXES = (".json", ".xml")
"""Content only when the file is an agency item (ninjs, NewsML-G2): anything else is left alone."""
ARTICLE_SUFFIXES = (*SUFFIXES, *AGENCY_SUFFIXES)
_AGENCY_MARKUPS: dict[str, Markup] = {"ninjs": "ninjs", "newsml": "newsml"}
MAX_BYTES = 2 * 1024 * 1024


def is_ignored(name: str) -> bool:
    """Dotfiles and editor litter (`.x.swp`, `x~`, `#x#`, vim's `4913`) are not content."""
    return name.startswith((".", "#", "~")) or name.endswith(("~", ".swp", ".swx", ".tmp")) or name == "4913"


def find_sources(config: Config, report: Problems) -> list[SourceFile]:
    """Every content file in sorted order, decoded; what cannot be read is reported."""
    _resolved.cache_clear()  # links may have moved since the last walk
    sources: list[SourceFile] = []
    for path in content_paths(config, report):
        result = read_source(path, config.root)
        if isinstance(result, Problem):
            report.extend([result])
        elif result is not None:
            sources.append(result)
    return sources


NOT_A_PROJECT = (
    "no digestgen.yaml and no content/ folder here: nothing to build. "
    "Start a briefing with 'digestgen new DIR', or run digestgen inside one (or pass --config FILE)"
)


def check_content(config: Config, report: Problems) -> bool:
    """Whether the content folder is there; when it is not, report what is missing: the whole
    project (no configuration either), or just the folder."""
    content = config.path(config.content_dir)
    if content.is_dir():
        return True
    if config.config_file is None:
        report.add(".", None, NOT_A_PROJECT)
    else:
        report.add(
            _label(content, config.root),
            None,
            f"content folder not found (content_dir in {config.label}); create it and put the articles there",
        )
    return False


def content_paths(config: Config, report: Problems) -> list[Path]:
    """The content files (not read yet) in build order; the problems met finding them are reported."""
    if not check_content(config, report):
        return []
    return _walk(config.path(config.content_dir).resolve(), config.root, report)


def _walk(content: Path, root: Path, report: Problems) -> list[Path]:
    """Files under content in a stable order; symlinks may not leave content, and no folder is read twice.

    Linked folders are read after every real one, so a link to a folder that is read anyway
    (a shortcut such as `latest -> 2024`, or a link back up the tree) adds nothing and is skipped.
    """
    found: list[str] = []
    seen: set[tuple[int, int]] = set()
    stack: list[Path] = [content]
    links: list[Path] = []
    while stack or links:
        folder = stack.pop() if stack else links.pop(0)
        try:
            info = folder.stat()
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            report.add(_label(folder, root), None, f"cannot read folder: {exc.strerror}")
            continue
        if (info.st_dev, info.st_ino) in seen:
            continue
        seen.add((info.st_dev, info.st_ino))
        subdirs: list[Path] = []
        for entry in entries:
            if is_ignored(entry.name):
                continue
            try:
                kind = _kind(entry, content, root, report)
            except OSError as exc:
                report.add(_label(Path(entry.path), root), None, f"cannot read: {exc.strerror}")
                continue
            if kind == "dir":
                (links if entry.is_symlink() else subdirs).append(Path(entry.path))
            elif kind == "file":
                found.append(entry.path)
        stack.extend(reversed(subdirs))
    start = len(str(content)) + 1  # sorted by the path below content, with "/" between parts on any system
    return [Path(p) for p in sorted(found, key=lambda p: p[start:].replace(os.sep, "/"))]


def _kind(entry: os.DirEntry[str], content: Path, root: Path, report: Problems) -> str | None:
    """ "dir", "file" (a content file) or None (skipped, with a problem when it is one)."""
    if entry.is_symlink():
        path = Path(entry.path)
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError) as exc:  # RuntimeError: a loop, on Python < 3.13
            loop = isinstance(exc, RuntimeError) or getattr(exc, "errno", None) == errno.ELOOP
            why = "symlink loop" if loop else f"broken symlink (target {os.readlink(path)} does not exist)"
            report.add(_label(path, root), None, why)
            return None
        if not target.is_relative_to(content):
            report.add(_label(path, root), None, f"symlink points outside the content folder ({target})")
            return None
    if entry.is_dir():
        return "dir"
    if entry.is_file() and os.path.splitext(entry.name)[1].lower() in ARTICLE_SUFFIXES:
        return "file"
    return None


def read_source(path: Path, root: Path) -> SourceFile | Problem | None:
    """Read one file: UTF-8 (BOM stripped), else the legacy encoding it is in (see `decode`); newlines normalised.

    None: a `.json` or `.xml` file that is no agency item, which is not content (a data file, a sitemap).
    """
    label = _label(path, root)
    try:
        if path.stat().st_size > MAX_BYTES:
            return Problem(label, None, f"file is larger than {MAX_BYTES // 1024 // 1024} MiB")
        data = path.read_bytes()
    except OSError as exc:
        return Problem(label, None, f"cannot read file: {exc.strerror}")
    decoded = decode(data)
    if isinstance(decoded, str):
        return Problem(label, None, decoded)
    text, encoding = decoded
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if encoding == "utf-8" and (repaired := repair_mojibake(text)) != text:
        text, encoding = repaired, MOJIBAKE
    suffix = path.suffix.lower()
    if suffix in SUFFIXES:
        return SourceFile(path=label, stem=path.stem, markup=SUFFIXES[suffix], text=text, encoding=encoding)
    from digestgen.pipeline.parse.agency import sniff  # only projects with .json or .xml files need it

    kind = sniff(text, suffix)
    if kind is None:
        return None
    markup = _AGENCY_MARKUPS.get(kind)
    if markup is None:  # not None, not a format: why it cannot be read
        return Problem(label, None, kind)
    return SourceFile(path=label, stem=path.stem, markup=markup, text=text, encoding=encoding)


# The marks text decoded twice leaves (UTF-8 read as Windows-1252 or Latin-1: a lead byte, "Â" to
# "ô", then a continuation byte: "Ã©" for "é", "â€™" for "’", "Ð¿" for "п", "Å¡" for "š"); only
# text with one of them is handed to ftfy, which decides.
_MOJIBAKE_MARKS = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122]"
)


def repair_mojibake(text: str) -> str:
    """`text` with mojibake undone ("RomneyÃ¢â‚¬â„¢s" -> "Romney’s"): ftfy's encoding fix, which
    changes text only where a double decoding explains it, and nothing else (quotes, widths and
    line breaks stay as written)."""
    if not _MOJIBAKE_MARKS.search(text):
        return text
    import ftfy  # only files with the marks of mojibake need it

    fixed: str = ftfy.fix_encoding(text)
    return fixed


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CHAOS = 10.0
"""charset-normalizer's chaos (percent) above which a decoding is noise, not text."""


def decode(data: bytes) -> tuple[str, str] | str:
    """(text, encoding) for a file's bytes, or why they are refused.

    UTF-8 (with or without a BOM) is the norm. Agency files often come in a legacy encoding:
    UTF-16 or UTF-32 with a byte-order mark, Windows-1252 (curly quotes from Word), or what
    charset-normalizer finds reads as text (Windows-1251 for Russian copy); the caller warns.
    Refused: NUL bytes without a BOM (a binary file), and bytes no encoding reads sensibly.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
    else:
        return "file contains NUL bytes (binary file?)" if "\0" in text else (text, "utf-8")
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                return f"{bad}, nor valid {name.upper()} after its byte-order mark"
    if b"\0" in data:
        return "file contains NUL bytes (binary file?)"
    from charset_normalizer import from_bytes  # only files that are not UTF-8 need it

    # Western copy first: short texts fit many code pages, and Windows-1252 is the one wire desks meet.
    for match in (from_bytes(data, cp_isolation=["cp1252"]).best(), from_bytes(data).best()):
        if match is not None and match.percent_chaos <= _CHAOS:
            return str(match), match.encoding
    return f"{bad}, and no legacy encoding reads it as text"


def _label(path: Path, root: Path) -> str:
    """Path as shown in messages: relative to the project root when inside it (also through links)."""
    bases = [prefix for base in (str(root), _resolved(str(root))) if (prefix := base.rstrip(os.sep) + os.sep)]
    for text in (str(path), os.path.join(_resolved(str(path.parent)), path.name)):  # as given, then real
        for prefix in bases:
            if text.startswith(prefix) and os.sep + ".." not in text[len(prefix) - 1 :]:
                return text[len(prefix) :].replace(os.sep, "/")
    return str(path)


@functools.lru_cache(maxsize=4096)
def _resolved(folder: str) -> str:
    """A folder's real path; remembered between walks of the content (each walk starts afresh)."""
    return os.path.realpath(folder)
