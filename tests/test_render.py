"""render (RENDER): autoescaping everywhere, strict templates with located errors, overrides, links."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

import pytest

from digestgen.errors import BuildFailed
from digestgen.pipeline.load.assets import theme_dir
from digestgen.pipeline.plan.pages import RowsPage
from digestgen.pipeline.render.filters import format_date
from digestgen.pipeline.render.rows import rows_script
from digestgen.pipeline.render.search import read_script
from tests.support import SMALL_REGISTRY, build_project, make_article, md, read_tree, term

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
HOSTILE_TITLE = '<b>Putin</b> & "Xi"'
_LINK = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']*)["']""")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """A built site whose front matter is full of HTML, with enough articles to paginate."""
    root = tmp_path_factory.mktemp("hostile")
    (root / "digestgen.yaml").write_text(
        SMALL_REGISTRY + "per_page: 2\ntitle: 'Brief <i>&</i> \"co\"'\n", encoding="utf-8"
    )
    (root / "content").mkdir()
    (root / "content" / "evil.md").write_text(
        md(
            f"'{HOSTILE_TITLE}'",
            leaders=("<script>alert(1)</script>", "Putin"),
            topics=("Energy", "</script><b>x"),
            summary="'Sum <img src=x onerror=alert(1)> </script>'",
            source="'<i>Wire</i>'",
            date="2024-11-30",
        ),
        encoding="utf-8",
    )
    for n in range(1, 5):
        (root / "content" / f"a{n}.md").write_text(md(f"Article {n}", date=f"2024-11-0{n}"), encoding="utf-8")
    build_project(root)
    return read_tree(root / "site")


def _html(site: dict[str, bytes]) -> dict[str, str]:
    return {path: data.decode("utf-8") for path, data in site.items() if path.endswith(".html")}


def test_front_matter_html_is_escaped_everywhere(hostile_site: dict[str, bytes]) -> None:
    pages = _html(hostile_site)
    for path, text in pages.items():
        assert "<b>" not in text and "<i>" not in text and "<img" not in text, path
        assert "<script>alert" not in text and "</script><b>" not in text, path
    article = pages["articles/evil/index.html"]
    escaped = "&lt;b&gt;Putin&lt;/b&gt; &amp; &#34;Xi&#34;"
    assert f"<title>{escaped} · Brief &lt;i&gt;&amp;&lt;/i&gt; &#34;co&#34;</title>" in article
    assert f"<h1>{escaped}</h1>" in article
    assert "Sum &lt;img src=x onerror=alert(1)&gt; &lt;/script&gt;" in article
    assert escaped in pages["index.html"], "the summary card"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages["leaders/index.html"]
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt; · " in pages["leaders/script-alert-1-script/index.html"]
    assert "&lt;/script&gt;&lt;b&gt;x" in pages["topics/script-b-x/index.html"]


def test_search_index_cannot_break_out_of_a_script(hostile_site: dict[str, bytes]) -> None:
    scripts = {path: data for path, data in hostile_site.items() if path.startswith("search/") and path.endswith(".js")}
    assert scripts and all("</" not in data.decode("utf-8") for data in scripts.values())
    manifest = read_script(scripts["search/manifest.js"])[2]
    records = [r for path, data in scripts.items() if path.startswith("search/r/") for r in read_script(data)[2]]
    evil = next(r for r in records if r[1] == "evil")
    assert evil[0] == HOSTILE_TITLE and evil[2] == "Sum <img src=x onerror=alert(1)> </script>"
    assert ["<script>alert(1)</script>", "script-alert-1-script"] in manifest["terms"][0]["values"]


def test_every_internal_link_is_relative_and_resolves(hostile_site: dict[str, bytes]) -> None:
    checked = 0
    for path, text in _html(hostile_site).items():
        for url in _LINK.findall(text):
            assert not url.startswith("/"), f"{path}: absolute link {url}"
            if re.match(r"[a-z]+:|#", url):
                continue
            target = PurePosixPath(path).parent / url
            parts: list[str] = []
            for part in target.parts:
                if part == "..":
                    assert parts, f"{path}: {url} leaves the site"
                    parts.pop()
                elif part != ".":
                    parts.append(part)
            assert "/".join(parts) in hostile_site, f"{path}: {url} is broken"
            checked += 1
    assert checked > 200


def test_pager_links(hostile_site: dict[str, bytes]) -> None:
    pages = _html(hostile_site)
    assert {p for p in pages if p.startswith("page/")} == {"page/2/index.html", "page/3/index.html"}
    assert '<a rel="next" href="page/2/index.html">' in pages["index.html"]
    assert 'rel="prev"' not in pages["index.html"]
    assert '<a rel="prev" href="../../index.html">' in pages["page/2/index.html"]
    assert '<a rel="next" href="../../page/3/index.html">' in pages["page/2/index.html"]
    assert '<a rel="prev" href="../../page/2/index.html">' in pages["page/3/index.html"]
    assert "Page 3 of 3" in pages["page/3/index.html"] and 'rel="next"' not in pages["page/3/index.html"]
    leader = pages["leaders/vladimir-putin/page/2/index.html"]
    assert '<a rel="prev" href="../../../../leaders/vladimir-putin/index.html">' in leader


def test_safe_filter_only_on_the_rendered_body() -> None:
    uses = [
        (f.name, line.strip())
        for f in sorted(TEMPLATES.rglob("*.html"))
        for line in f.read_text(encoding="utf-8").splitlines()
        if re.search(r"\|\s*safe\b", line)
    ]
    assert uses, "the article body must be marked safe somewhere"
    for name, line in uses:
        assert re.fullmatch(r".*\{\{\s*article\.body_html\s*\|\s*safe\s*\}\}.*", line), f"{name}: {line}"
        assert len(re.findall(r"\|\s*safe", line)) == 1, f"{name}: {line}"
    for f in TEMPLATES.rglob("*.html"):
        assert "autoescape false" not in f.read_text(encoding="utf-8"), f.name


def test_theme_dir_is_the_shipped_templates() -> None:
    assert (theme_dir() / "base.html").read_bytes() == (TEMPLATES / "base.html").read_bytes()


def test_dates_do_not_depend_on_the_locale() -> None:
    from datetime import datetime

    assert format_date(datetime(2024, 11, 6)) == "6 November 2024"


def _failing_build(
    make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, templates: dict[str, str]
) -> list[str]:
    files = {"content/x.md": md("Gas"), **{f"templates/{k}": v for k, v in templates.items()}}
    root = make_project(files, config=SMALL_REGISTRY)
    monkeypatch.chdir(root)
    with pytest.raises(BuildFailed) as failure:
        build_project(root)
    assert not (root / "site").exists()
    return [str(p) for p in failure.value.problems]


def test_undefined_variable_is_an_error_at_its_line(
    make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    template = '{% extends "base.html" %}\n{% block main %}\n<h1>{{ article.title }}</h1>\n<p>{{ artcle.summary }}</p>\n{% endblock %}\n'
    assert _failing_build(make_project, monkeypatch, {"article.html": template}) == [
        "templates/article.html:4: 'artcle' is undefined (rendering content/x.md)"
    ]


def test_syntax_error_is_located(make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> None:
    [problem] = _failing_build(make_project, monkeypatch, {"_card.html": "<p>\n{% if article %}\n{{ article.title }\n"})
    assert problem.startswith("templates/_card.html:3: ")


def test_missing_include_is_reported(make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> None:
    problems = _failing_build(make_project, monkeypatch, {"_card.html": '{% include "_nope.html" %}\n'})
    assert problems and all(p.startswith("templates/_nope.html: template not found") for p in problems), problems


def test_a_project_template_overrides_one_shipped_file(make_project: Callable[..., Path]) -> None:
    card = '<div class="my-card"><a href="{{ root }}{{ article.output_path }}">{{ article.title }}</a></div>\n'
    root = make_project({"content/x.md": md("Gas <deal>"), "templates/_card.html": card}, config=SMALL_REGISTRY)
    build_project(root)
    home = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert '<div class="my-card"><a href="articles/x/index.html">Gas &lt;deal&gt;</a></div>' in home
    assert '<article class="card" ' not in home
    assert '<a class="skip-link" href="#main">' in home, "base.html still comes from the theme"
    assert (root / "site" / "static" / "style.css").read_bytes() == (TEMPLATES / "static" / "style.css").read_bytes()


def test_language_sets_html_lang_on_every_page(make_project: Callable[..., Path]) -> None:
    root = make_project({"content/x.md": md("Gas deal")}, config=SMALL_REGISTRY + "language: ru\n")
    build_project(root)
    pages = _html(read_tree(root / "site"))
    assert pages and all(html.startswith('<!doctype html>\n<html lang="ru">') for html in pages.values())


def test_base_url_makes_the_404_page_absolute_and_only_that_page(make_project: Callable[..., Path]) -> None:
    base = "https://brief.example.org/news/"
    root = make_project({"content/x.md": md("Gas deal")}, config=SMALL_REGISTRY + f"base_url: {base}\n")
    build_project(root)
    site = _html(read_tree(root / "site"))
    links = _LINK.findall(site["404.html"])
    assert f"{base}index.html" in links and f"{base}static/style.css" in links
    assert all(link.startswith((base, "#")) for link in links), links  # it is served at any depth
    assert 'href="index.html"' in site["index.html"] and f'href="{base}index.html"' not in site["index.html"]


def test_theme_assets_are_overridden_from_the_project_templates_static(make_project: Callable[..., Path]) -> None:
    css = "body { color: rebeccapurple; }\n"
    root = make_project(
        {
            "content/x.md": md("Gas deal"),
            "templates/static/style.css": css,
            "templates/static/extra/logo.svg": "<svg/>",
        },
        config=SMALL_REGISTRY,
    )
    build_project(root)
    site = root / "site"
    assert (site / "static" / "style.css").read_text(encoding="utf-8") == css
    assert (site / "static" / "extra" / "logo.svg").read_text(encoding="utf-8") == "<svg/>"
    shipped = TEMPLATES / "static" / "search.js"
    assert (site / "static" / "search.js").read_bytes() == shipped.read_bytes(), "the rest still comes from the theme"


def test_a_terms_rows_script_holds_every_article_and_cannot_break_out_of_its_script() -> None:
    hostile = make_article("x", None, leaders=("Vladimir Putin",), topics=("Trade",))
    hostile = replace(hostile, title="</script><script>alert(1)</script>")
    dated = make_article("y", datetime(2024, 11, 26, tzinfo=UTC), leaders=("Vladimir Putin",))
    text = rows_script(
        RowsPage("leaders/putin/rows.js", term("leader", "Vladimir Putin"), (dated, hostile), ("leaders", "topics"))
    ).decode()
    assert "</" not in text and text.startswith(
        'window.digestRows=window.digestRows||{};window.digestRows["leaders/vladimir-putin"]='
    )
    rows = json.loads(text[text.index("=[") + 1 : -2])
    assert rows[0][:4] == ["articles/y/index.html", dated.title, "26 November 2024", ""]
    assert rows[1][1] == "</script><script>alert(1)</script>" and rows[1][4] == {
        "leaders": ["vladimir-putin"],
        "topics": ["trade"],
    }


def test_a_project_card_part_that_tests_the_root_is_rendered_per_page(make_project: Callable[..., Path]) -> None:
    """Shipped cards are rendered once and their links' root spliced in per page; a project's card
    part may use `root` otherwise, so its cards are rendered for each page's root."""
    meta = '<p class="where">{% if root %}deep{% else %}top{% endif %}</p>\n'
    files = {"content/x.md": md("Gas deal", leaders=("Putin",), date="2024-11-30"), "templates/_meta.html": meta}
    root = make_project(files, config=SMALL_REGISTRY)
    build_project(root)
    site = root / "site"
    assert '<p class="where">top</p>' in (site / "index.html").read_text(encoding="utf-8")
    leader = (site / "leaders" / "vladimir-putin" / "index.html").read_text(encoding="utf-8")
    assert '<p class="where">deep</p>' in leader and 'href="../../articles/x/index.html"' in leader


def test_a_card_is_the_same_spliced_or_rendered_for_its_root(tmp_path: Path) -> None:
    from digestgen.config import load_config
    from digestgen.pipeline.render.templates import _ROOT, Renderer

    renderer = Renderer(load_config(None, root=tmp_path))
    plain = make_article("x", datetime(2024, 11, 26, tzinfo=UTC), leaders=("Vladimir Putin",), topics=("Trade",))
    odd = replace(plain, title=f"A {_ROOT} in a title", slug="y")  # never from a file: loading drops controls
    for card in (plain, odd):
        for root in ("", "../../", "../../../../"):
            direct = renderer._render_card(card, root, ())
            assert renderer._card(card, root) == direct
            assert ("\x00" in direct) == (card is odd)
    assert renderer._splices
