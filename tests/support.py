"""Small builders shared by the stage tests: article text, Article objects, builds, file trees."""

from __future__ import annotations

import functools
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

from digestgen.commands.build import BuildReport, build
from digestgen.config import Config, load_config
from digestgen.model import SHIPPED, Article, Term
from digestgen.pipeline.publish.staging import staging_for, write_page
from digestgen.taxonomy.leaders import LeaderIndex
from digestgen.taxonomy.registry import load_registry

# Inline registries keep tests independent of the shipped leaders.json / topics.yaml.
SMALL_REGISTRY = """\
default_registries: false
leaders:
  - name: Vladimir Putin
    aliases: [Putin, Путин]
    country: RU
    role: President
  - name: Xi Jinping
    aliases: [Xi, 习近平]
    country: CN
    role: President
topics:
  - name: Energy
    keywords: {gas: 2, oil: 2, pipeline: 2}
  - name: Diplomacy
    keywords: {summit: 2, talks: 2}
"""


def md(
    title: str | None = "A title",
    date: str | None = "2024-11-26",
    *,
    leaders: Any = ("Putin",),
    topics: Any = ("Energy",),
    summary: str | None = "A fixed summary.",
    body: str = "Body text.\n",
    **extra: str,
) -> str:
    """A Markdown article with front matter; pass None to leave a field out, a str for raw YAML."""
    lines = ["---"]
    for key, value in (
        ("title", title),
        ("date", date),
        ("leaders", leaders),
        ("topics", topics),
        ("summary", summary),
        *extra.items(),
    ):
        if value is None:
            continue
        if isinstance(value, (tuple, list)):
            value = "[" + ", ".join(f'"{v}"' for v in value) + "]"
        lines.append(f"{key}: {value}")
    return "\n".join(lines) + "\n---\n" + body


def project_config(root: Path) -> Config:
    """The configuration of a project folder made by `make_project`."""
    return load_config(root / "digestgen.yaml") if (root / "digestgen.yaml").exists() else load_config(root=root)


def build_project(root: Path, **kwargs: Any) -> BuildReport:
    """Build a project folder into its own `site/` (or `output=`)."""
    return build(project_config(root), **kwargs)


def read_tree(folder: Path) -> dict[str, bytes]:
    """Every file under folder by relative POSIX path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


_KEYS = {info.kind: info.key for info in SHIPPED}


def term(kind: str, name: str) -> Term:
    slug = name.lower().replace(" ", "-")
    return Term(kind, slug, name, slug, _KEYS[kind])


def with_terms(article: Article, **terms: tuple[Term, ...]) -> Article:
    """The article with the terms of the taxonomies named (by key) replaced."""
    return replace(article, terms=MappingProxyType({**article.terms, **terms}))


def make_article(
    slug: str,
    date: datetime | None = None,
    *,
    title: str | None = None,
    leaders: tuple[str, ...] = (),
    topics: tuple[str, ...] = (),
    draft: bool = False,
) -> Article:
    """An Article as the articles stage would make it, for plan and render tests."""
    return Article(
        source_path=f"content/{slug}.md",
        slug=slug,
        title=title or slug.title(),
        date=date,
        outlet=None,
        source_url=None,
        terms=MappingProxyType(
            {"leaders": tuple(term("leader", n) for n in leaders), "topics": tuple(term("topic", n) for n in topics)}
        ),
        summary=f"Summary of {slug}.",
        body_html=f"<p>{slug}</p>",
        words=100,
        draft=draft,
    )


def day(n: int, hour: int = 12) -> datetime:
    """2024-11-<n> at `hour` UTC."""
    return datetime(2024, 11, n, hour, tzinfo=UTC)


def publish(files: Mapping[str, bytes], assets: Mapping[str, Path], output: Path, retain: tuple[str, ...]) -> None:
    """Publish `files` and `assets` to `output` the way the builder does, without building anything."""
    with staging_for(output) as staging:
        for rel, data in sorted(files.items()):
            write_page(staging.folder, rel, data)
        staging.commit(assets, retain, {})


NOBODY = 65534


def as_ordinary_user(check: Callable[[Path], None]) -> None:
    """Run `check(scratch)` with permission bits enforced: as root (CI), as user nobody for the duration.

    Only the effective ids change (the saved ones stay root, so they can be restored) and in this
    process, so coverage-guided tools such as mutmut see what `check` calls. `scratch` is an empty
    folder that user may write; it is removed afterwards whatever `check` left.
    """
    # In /tmp, not $TMPDIR: user nobody must be able to reach it, and /tmp is open to everyone on Linux.
    scratch = Path(tempfile.mkdtemp(prefix="digestgen-user-", dir="/tmp" if os.path.isdir("/tmp") else None))
    try:
        if os.geteuid() != 0:
            check(scratch)
            return
        os.chown(scratch, NOBODY, NOBODY)
        groups = os.getgroups()
        os.setgroups([])
        os.setegid(NOBODY)
        os.seteuid(NOBODY)
        try:
            check(scratch)
        finally:
            os.seteuid(0)
            os.setegid(0)
            os.setgroups(groups)
    finally:
        for path in [scratch, *scratch.rglob("*")]:
            if not path.is_symlink():
                path.chmod(path.stat().st_mode | stat.S_IRWXU)
        shutil.rmtree(scratch)


@functools.cache
def shipped_leaders() -> LeaderIndex:
    """The leader taxonomy of the shipped registry, as a build with the default configuration has it
    (built once per test process: it is immutable, and building it takes seconds)."""
    from digestgen.config import load_config

    return load_registry(load_config(None, root=Path(tempfile.gettempdir()))).leaders
