"""The golden sample site: tests/sites/basic built into a temp folder must equal expected/, file for file.

The sample content deliberately covers a UTF-8 BOM with CRLF line endings, Cyrillic and Chinese
leader names resolved through registry aliases, a quoted "no" title, a draft (left out), several
leaders and topics per article, plain wire copy with a dateline and no front matter, undated
articles, a Markdown `# Heading` title, and pagination (per_page: 3).

After an intended change to the output (templates, rendering, inference), regenerate with:

    DIGESTGEN_UPDATE_GOLDEN=1 /work/venv/bin/python -m pytest tests/test_golden.py

and review the change with `git diff tests/sites/basic/expected` before committing it.
"""

from __future__ import annotations

import difflib
import json
import os
import shutil
from pathlib import Path

import pytest

from digestgen.commands.build import build
from digestgen.commands.inspect import inspect_paths, to_data
from digestgen.config import Config, load_config
from tests.conftest import SITES
from tests.support import read_tree

SHIPPED = SITES / "shipped"
BASIC = SITES / "basic"
EXPECTED = BASIC / "expected"
UPDATE = os.environ.get("DIGESTGEN_UPDATE_GOLDEN") == "1"


def _build_basic(out: Path) -> dict[str, bytes]:
    """Build the sample project into `out` (never into the repository)."""
    build(load_config(BASIC / "digestgen.yaml"), output=out)
    return read_tree(out)


def _first_difference(actual: dict[str, bytes], expected: dict[str, bytes]) -> str:
    """A readable account of the first mismatch: file sets, then a unified diff."""
    missing, extra = sorted(set(expected) - set(actual)), sorted(set(actual) - set(expected))
    if missing or extra:
        return f"files missing from the build: {missing}\nfiles not in expected/: {extra}"
    for path in sorted(expected):
        if actual[path] != expected[path]:
            diff = difflib.unified_diff(
                expected[path].decode("utf-8", "replace").splitlines(keepends=True),
                actual[path].decode("utf-8", "replace").splitlines(keepends=True),
                f"expected/{path}",
                f"built/{path}",
            )
            return f"{path} differs:\n{''.join(diff)}"
    return ""


def test_golden_site(tmp_path: Path) -> None:
    actual = _build_basic(tmp_path / "site")
    if UPDATE:
        shutil.rmtree(EXPECTED, ignore_errors=True)
        shutil.copytree(tmp_path / "site", EXPECTED)
        pytest.skip(f"regenerated {EXPECTED.relative_to(SITES.parent.parent)}; review with git diff")
    assert EXPECTED.is_dir(), "no expected/ tree: run with DIGESTGEN_UPDATE_GOLDEN=1 to create it"
    expected = read_tree(EXPECTED)
    problem = _first_difference(actual, expected)
    if problem:
        pytest.fail(
            f"{problem}\n(if intended: DIGESTGEN_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py)", pytrace=False
        )


def test_golden_build_is_reproducible(tmp_path: Path) -> None:
    assert _build_basic(tmp_path / "one") == _build_basic(tmp_path / "two")


def test_sample_covers_what_it_claims() -> None:
    """Guard the fixture itself, so an edit cannot quietly drop a case the golden test relies on."""
    content = BASIC / "content"
    files = {p.relative_to(content).as_posix(): p.read_bytes() for p in content.rglob("*") if p.is_file()}
    assert any(data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data for data in files.values()), "BOM + CRLF"
    texts = {k: v.decode("utf-8-sig") for k, v in files.items()}
    assert any('title: "No"' in t for t in texts.values()), 'a quoted "no"'
    assert any("draft: true" in t for t in texts.values())
    assert any(k.endswith(".txt") and not t.startswith("---") and "(Reuters) -" in t for k, t in texts.items())
    assert any(k.endswith(".md") and t.startswith("# ") for k, t in texts.items())
    assert any("Путин" in t or "Лукашенко" in t for t in texts.values())
    assert "per_page: 3" in (BASIC / "digestgen.yaml").read_text(encoding="utf-8")
    assert "default_registries: false" in (BASIC / "digestgen.yaml").read_text(encoding="utf-8")
    expected = read_tree(EXPECTED) if EXPECTED.is_dir() else {}
    if expected:
        assert "articles/erdogan-visit-draft/index.html" not in expected
        assert {
            "page/2/index.html",
            "page/3/index.html",
            "leaders/vladimir-putin/index.html",
            "leaders/alexis-tsipras/index.html",
        } <= set(expected)
        assert not any(p.startswith("leaders/") and not p.isascii() for p in expected)


def _digest(config: Config, site: Path) -> dict[str, object]:
    """What inference gives each article (as `inspect --json` reports it), and every page the site has."""
    files = sorted(p for p in config.path(config.content_dir).rglob("*") if p.is_file())
    articles = {}
    for report in to_data(inspect_paths(files, config))["articles"]:
        articles[report["path"]] = {
            "problems": report["problems"],
            **{key: report[key]["value"] for key in ("title", "date", "source", "summary")},
            "era": report["era"] and report["era"]["value"],
            **{info.key: [t["id"] for t in report[info.key]["value"]] for info in config.taxonomy_infos},
        }
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    return {"articles": articles, "pages": pages}


def test_golden_site_with_the_shipped_registry(tmp_path: Path) -> None:
    """The bundled leaders, topics and countries on wire copy: tags, dates, sources, titles, pages."""
    config = load_config(SHIPPED / "digestgen.yaml")
    build(config, output=tmp_path / "site")
    actual = json.dumps(_digest(config, tmp_path / "site"), indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    expected_file = SHIPPED / "expected.json"
    if UPDATE:
        expected_file.write_text(actual, encoding="utf-8")
        pytest.skip("regenerated tests/sites/shipped/expected.json; review with git diff")
    expected = expected_file.read_text(encoding="utf-8")
    if actual != expected:
        diff = difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), "expected.json", "built")
        pytest.fail(
            "".join(diff) + "(if intended: DIGESTGEN_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py)",
            pytrace=False,
        )
