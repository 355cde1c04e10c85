"""The user's first real article lands on both of its leaders' pages, with or without front matter."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from digestgen.commands.build import build
from digestgen.config import load_config
from tests.conftest import REPO, SEED, need_shared

LEADERS = ("vladimir-putin", "alexander-lukashenko")


def _build(root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(root)
    build(load_config())
    return root / "site"


def _assert_on_leader_pages(site: Path, article_slug: str) -> None:
    link = f"articles/{article_slug}/index.html"
    for leader in LEADERS:
        page = site / "leaders" / leader / "index.html"
        assert page.is_file(), f"no page for {leader}"
        assert f'href="../../{link}"' in page.read_text(encoding="utf-8")
    listing = (site / "leaders" / "index.html").read_text(encoding="utf-8")
    assert "Vladimir Putin" in listing and "Alexander Lukashenko" in listing


def test_seed_with_front_matter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bundled copy in content/ carries the front matter we added."""
    (tmp_path / "content").mkdir()
    shutil.copy(REPO / "content" / SEED.name, tmp_path / "content" / SEED.name)
    site = _build(tmp_path, monkeypatch)
    _assert_on_leader_pages(site, "000-f434f5c6a6cd3bfb")
    page = (site / "articles" / "000-f434f5c6a6cd3bfb" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Putin and Lukashenko discuss threats near Union State borders</h1>" in page
    assert "RIA News" in page


def test_seed_as_plain_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Exactly as it arrived: no front matter, so title, source and leaders are inferred."""
    need_shared(SEED)
    (tmp_path / "content").mkdir()
    shutil.copy(SEED, tmp_path / "content" / SEED.name)
    site = _build(tmp_path, monkeypatch)
    _assert_on_leader_pages(site, "000-f434f5c6a6cd3bfb")
    page = (site / "articles" / "000-f434f5c6a6cd3bfb" / "index.html").read_text(encoding="utf-8")
    assert '<span class="source">RIA News</span>' in page
    assert "<h1>Leaders Vladimir Putin of Russia and Alexander Lukashenko" in page
    topics = sorted(p.name for p in (site / "topics").iterdir() if p.is_dir())
    assert 1 <= len(topics) <= 4 and "diplomacy" in topics
