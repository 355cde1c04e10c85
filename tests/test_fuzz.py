"""Fuzzing what users feed in: any file either builds or fails with `path[:line]: message` lines.

A few hundred generated cases in the full run, a handful in the fast loop (see `example_budgets`);
`benchmarks/fuzz.py` runs 20,000.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digestgen.commands.build import build
from digestgen.config import Config, load_config
from digestgen.errors import BuildFailed, Problems
from digestgen.pipeline.load.sources import read_source
from digestgen.pipeline.parse.articles import parse_article
from digestgen.pipeline.plan.site import plan_site
from digestgen.pipeline.publish.outdir import MARKER
from digestgen.pipeline.render.templates import render_site
from digestgen.taxonomy.registry import Registry, load_registry
from tests.conftest import tree_hash
from tests.fuzzing import article_bytes, config_text, example_budgets, is_problem_line

FUZZ = settings(
    deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def shipped() -> tuple[Config, Registry]:
    config = Config(root=Path(tempfile.gettempdir()))
    return config, load_registry(config)


def check_article(data: bytes, config: Config, registry: Registry) -> None:
    """The property: parse, then render the article's pages, or report clean problems."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "content" / "x.md"
        path.parent.mkdir()
        path.write_bytes(data)
        source = read_source(path, Path(folder))
    if not hasattr(source, "text"):
        assert is_problem_line(str(source)), str(source)
        return
    report = Problems()
    article = parse_article(source, config, registry, report)  # type: ignore[arg-type]
    problems = list(report)
    for problem in problems:
        assert problem.path == "content/x.md" and is_problem_line(str(problem)), str(problem)
    if article is not None:
        render_site(plan_site([article], config.per_page, drafts=True), config)


@example_budgets(many=300)
def test_any_article_parses_and_renders_or_fails_cleanly(shipped: tuple[Config, Registry], examples: int) -> None:
    @settings(FUZZ, max_examples=examples)
    @given(data=article_bytes())
    def check(data: bytes) -> None:
        check_article(data, *shipped)

    check()


@example_budgets(many=150, few=20)
def test_any_configuration_loads_or_fails_cleanly(examples: int) -> None:
    @settings(FUZZ, max_examples=examples)
    @given(text=config_text())
    def check(text: str) -> None:
        with tempfile.TemporaryDirectory() as folder:
            (Path(folder) / "digestgen.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
            try:
                load_config(Path(folder) / "digestgen.yaml")
            except BuildFailed as exc:
                assert all(is_problem_line(str(p)) for p in exc.problems), exc.problems

    check()


@example_budgets(many=40, few=2)
def test_any_project_builds_or_leaves_the_previous_site(examples: int) -> None:
    @settings(FUZZ, max_examples=examples)
    @given(files=st.lists(article_bytes(), min_size=1, max_size=3))
    def check(files: list[bytes]) -> None:
        check_project(files)

    check()


def check_project(files: list[bytes]) -> None:
    """The property: a build of these files succeeds, or fails cleanly and leaves the previous site as it was."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for i, data in enumerate(files):
            (root / "content").mkdir(exist_ok=True)
            (root / "content" / f"a{i}.md").write_bytes(data)
        site = root / "site"
        site.mkdir()
        (site / MARKER).write_bytes(b"")
        (site / "index.html").write_text("the previous build")
        before = tree_hash(site)
        try:
            build(Config(root=root))
        except BuildFailed as exc:
            assert exc.problems and all(is_problem_line(str(p)) for p in exc.problems), exc.problems
            assert tree_hash(site) == before
        else:
            assert (site / "index.html").read_text() != "the previous build"
