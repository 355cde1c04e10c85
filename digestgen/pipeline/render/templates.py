"""RENDER: the page plan through Jinja templates (autoescaped, strict) into file bytes."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from digestgen import __version__
from digestgen.config import Config
from digestgen.errors import BuildFailed, Problem, Problems
from digestgen.model import Card
from digestgen.pipeline.budget import Overtime, time_limit
from digestgen.pipeline.load.assets import theme_dir
from digestgen.pipeline.parallel import started
from digestgen.pipeline.plan.pages import ArticlePage, FeedPage, Page, RowsPage, SitePlan
from digestgen.pipeline.render import feeds, filters, i18n
from digestgen.pipeline.render.feeds import json_feed
from digestgen.pipeline.render.rows import rows_script
from digestgen.pipeline.render.search import search_files
from digestgen.text.chars import xml_safe
from digestgen.urls import root_prefix

# A project may keep its own leader.html or topics.html (any taxonomy's kind.html or key.html); the
# theme has one template per role.
TERM_TEMPLATE, TERMS_TEMPLATE = "term.html", "terms.html"


class Renderer:
    """Renders the pages of one plan; a card is rendered once per link depth and reused everywhere.

    Templates are compiled once: whoever changes them makes a new Renderer, which spares a
    file-time check on every template lookup.
    """

    def __init__(self, config: Config) -> None:
        self.config = config
        self.site = site_globals(config)
        self.env = make_environment(config, self.site)
        self.env.globals["card"] = self._card
        self.env.globals["taxonomies"] = config.taxonomy_infos
        self._fallbacks = {f"{i.kind}.html": TERM_TEMPLATE for i in config.taxonomy_infos} | {
            f"{i.key}.html": TERMS_TEMPLATE for i in config.taxonomy_infos
        }
        self._cards: dict[tuple[int | str, ...], Markup] = {}
        self._spliced: dict[tuple[int, ...], Markup | None] = {}
        """A card rendered once with `_ROOT` for its root; None where the placeholder cannot be spliced."""
        self._shipped_cards: bool | None = None
        self._shared: dict[str, Any] = {}
        self.shows_totals = uses_totals(self.env)
        """Whether a template other than the home page shows the site's totals (then every page's key has them)."""

    def start(self, plan: SitePlan) -> None:
        """Use `plan`'s totals (the footer) and forget cards of any earlier plan."""
        counts = {info.key: len(plan.terms_of(info.key)) for info in plan.taxonomies}
        self._shared = {
            "term_counts": counts,
            "leader_count": len(plan.leaders),  # the footer's names since the first release
            "topic_count": len(plan.topics),
            "article_count": len(plan.articles),
        }
        self._cards, self._spliced = {}, {}

    def render(self, page: Page) -> bytes:
        """One page; `root` is the relative way back to the site root (absolute for the 404 page)."""
        if page.template == "feed.json" and isinstance(page, FeedPage):
            return json_feed(page, self.site)
        if isinstance(page, RowsPage):
            return rows_script(page, self.env.filters["datefmt"])
        root = root_prefix(page.output_path)
        if page.output_path == "404.html":  # served at any depth, so only an absolute base works there
            root = self.site["base_url"] or root
        template = self.env.select_template([page.template, self._fallbacks.get(page.template, page.template)])
        text = template.render(**page.context(), **self._shared, root=root, page_path=page.output_path)
        if page.output_path.endswith(".xml"):  # feeds and the sitemap: whatever a template or a value holds
            text = xml_safe(text)
        return text.encode("utf-8")

    def render_all(self, pages: Iterable[Page], report: Problems) -> dict[str, bytes]:
        """Render pages, reporting located problems instead of stopping at the first; each page
        within the configured time limit (a template that loops forever fails its page)."""
        files: dict[str, bytes] = {}
        problems: list[Problem] = []
        limit = self.config.time_limit
        for n, page in enumerate(pages):
            started(n)
            try:
                with time_limit(limit):
                    files[page.output_path] = self.render(page)
            except Overtime:
                where = page.article.source_path if isinstance(page, ArticlePage) else page.output_path
                problems.append(Problem(where, None, f"took longer than {limit:g} s to render {page.output_path}"))
            except Exception as exc:  # a template may raise anything (1//0, None|datefmt); locate it
                problems.append(template_problem(exc, page, self.config))
            if len(problems) >= 20:  # one broken template fails every page; enough said
                break
        report.extend(dedupe(problems))
        return files

    def _card(self, article: Card, root: str, versions: tuple[Card, ...] = ()) -> Markup:
        ids = tuple(id(v) for v in versions)
        if self._splices:
            at_any = (id(article), *ids)
            if at_any not in self._spliced:
                card = self._render_card(article, _ROOT, versions)
                self._spliced[at_any] = card if card.count(_ROOT) == card.count(f'="{_ROOT}') else None
            spliced = self._spliced[at_any]
            if spliced is not None:
                return Markup(spliced.replace(_ROOT, root))
        key: tuple[int | str, ...] = (id(article), root, *ids)
        found = self._cards.get(key)
        if found is None:
            found = self._cards[key] = self._render_card(article, root, versions)
        return found

    def _render_card(self, article: Card, root: str, versions: tuple[Card, ...]) -> Markup:
        template = self.env.get_template("_card.html")
        return Markup(template.render(article=article, root=root, versions=versions, **self._shared))

    @property
    def _splices(self) -> bool:
        """Whether a card is rendered once and its links' root spliced in per page: only with the
        shipped card templates, which use `root` only to begin a link (a project's may test it)."""
        if self._shipped_cards is None:
            theme = theme_dir().resolve()
            self._shipped_cards = all(_from(self.env, name, theme) for name in CARD_PARTS)
        return self._shipped_cards


_ROOT = "\x00root\x00"
"""Stands for the page's root in a card rendered once: no user text holds a NUL (the load stage
drops control characters), and a card where it shows anywhere but at the start of an attribute is
rendered per root instead."""
CARD_PARTS = ("_card.html", "_meta.html", "_tags.html", "_versions.html")


def _from(env: jinja2.Environment, name: str, folder: Path) -> bool:
    try:
        filename = env.get_template(name).filename
    except jinja2.TemplateError:
        return False
    return filename is not None and Path(filename).resolve().is_relative_to(folder)


TOTALS = re.compile(r"\b(?:article|leader|topic)_count\b|\bterm_counts\b")


def uses_totals(env: jinja2.Environment) -> bool:
    """Whether any template but home.html names the site's totals (`article_count`, ...)."""
    loader = env.loader
    assert loader is not None
    for name in loader.list_templates():
        if name == "home.html" or name.startswith("static/"):
            continue
        try:
            source = loader.get_source(env, name)[0]
        except (jinja2.TemplateNotFound, OSError, UnicodeDecodeError):
            continue
        if TOTALS.search(source):
            return True
    return False


class ConfinedLoader(jinja2.FileSystemLoader):
    """A project's templates, read only from inside its folder: a symlink leading out is not followed
    (the load stage reports it; this keeps its target out of any page even so)."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.inside = folder.resolve()

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        source, filename, uptodate = super().get_source(environment, template)
        if not Path(filename).resolve().is_relative_to(self.inside):
            raise jinja2.TemplateNotFound(template)
        return source, filename, uptodate


def site_globals(config: Config) -> dict[str, str]:
    """What every template knows of the site as `site`; `base_url` ends with "/" when set."""
    return {
        "title": config.title,
        "description": config.description,
        "language": config.language,
        "base_url": config.base_url.rstrip("/") + "/" if config.base_url else "",
    }


def make_environment(config: Config, site: dict[str, str]) -> jinja2.Environment:
    """Project templates override the shipped ones file by file."""
    loaders: list[jinja2.BaseLoader] = []
    project = config.path(config.templates_dir)
    if project.is_dir() and project.resolve() != theme_dir().resolve():
        loaders.append(ConfinedLoader(project))
    loaders.append(jinja2.FileSystemLoader(theme_dir()))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters.update(
        {
            "datefmt": filters.format_date,
            "isodate": filters.isodate,
            "count_of": filters.count_of,
            "times": filters.times,
            "sentences": filters.sentences,
            "era_years": filters.era_years,
            "month": filters.month,
            "month_name": filters.month_name,
            "years": filters.years,
        }
    )
    env.globals["timeline"] = filters.timeline
    i18n.install(env, config.language)
    base = site["base_url"]
    env.globals["site"] = site
    env.globals["page_url"] = lambda path, root: f"{base}{_directory(path)}" if base else f"{root}{path}"
    env.globals["version"] = __version__
    env.filters["rfc3339"] = feeds.rfc3339
    env.globals["feed_link"] = lambda feed, target: feeds.link(base, feed.output_path, target)
    env.globals["entry_id"] = lambda article: feeds.entry_id(base, config.title, article)
    env.globals["feed_updated"] = feeds.updated
    env.globals["feed_id"] = lambda feed: feeds.feed_id(base, config.title, feed)
    return env


def render_site(plan: SitePlan, config: Config) -> dict[str, bytes]:
    """Every page of the plan and the search files; all template errors are raised together."""
    renderer = Renderer(config)
    renderer.start(plan)
    problems = Problems()
    files = renderer.render_all(plan.pages, problems)
    if len(problems):
        raise BuildFailed(list(problems))
    files.update(search_files(plan))
    return files


def template_problem(exc: Exception, page: Page, config: Config) -> Problem:
    """Locate an error raised while rendering at its template file and line, naming the page."""
    one = page.article.source_path if isinstance(page, ArticlePage) else page.output_path
    rendering = f" (rendering {one})"
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return Problem(_template_label(exc.filename, exc.name, config), exc.lineno, f"{exc.message}{rendering}")
    if isinstance(exc, jinja2.TemplateNotFound):
        return Problem(f"templates/{exc.name}", None, f"template not found{rendering}")
    filename, line = _template_frame(exc)
    return Problem(_template_label(filename, page.template, config), line, f"{_describe(exc)}{rendering}")


def _describe(exc: Exception) -> str:
    """A template error in words; errors from Python itself carry their kind (ZeroDivisionError: ...)."""
    if isinstance(exc, jinja2.TemplateError):
        return str(exc)
    if isinstance(exc, RecursionError):
        return "templates include or extend each other without end"
    return f"{type(exc).__name__}: {exc}"


def _template_frame(exc: BaseException) -> tuple[str | None, int | None]:
    """The template file and line of an error (Jinja rewrites tracebacks so template frames carry them).

    Usually the innermost template frame; for endless recursion, the template that repeats most,
    at the first line where it does.
    """
    frames: list[tuple[str, int]] = []
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith((".html", ".xml", ".js", ".txt")):
            frames.append((name, tb.tb_lineno))
        tb = tb.tb_next
    if not frames:
        return None, None
    if isinstance(exc, RecursionError):
        counts = Counter(frames)
        top = max(counts.values())
        looping = [frame for frame in counts if counts[frame] >= top - 1]  # the outermost call adds one
        return max(looping, key=lambda frame: (_includes(frame), counts[frame], -frames.index(frame)))
    return frames[-1]


def _includes(frame: tuple[str, int]) -> bool:
    """Whether a template line pulls in another template (the likely culprit of a loop)."""
    try:
        line = Path(frame[0]).read_text(encoding="utf-8").splitlines()[frame[1] - 1]
    except (OSError, IndexError, UnicodeDecodeError):
        return False
    return "{% include" in line or "{% import" in line or "{% from" in line


def _template_label(filename: str | None, name: str | None, config: Config) -> str:
    if not filename:
        return f"templates/{name}"
    path = Path(filename)
    try:
        return path.resolve().relative_to(config.root).as_posix()
    except ValueError:
        return f"templates/{path.name} (shipped)"


def dedupe(problems: Iterable[Problem]) -> list[Problem]:
    """The same template fault repeats on every page that uses it: report it once."""
    seen: dict[tuple[str, int | None, str], Problem] = {}
    for p in problems:
        key = (p.path, p.line, p.message.split(" (rendering ")[0])
        seen.setdefault(key, p)
    return list(seen.values())


def _directory(path: str) -> str:
    """The address a server gives a page: `leaders/x/` for `leaders/x/index.html`."""
    return path[: -len("index.html")] if path.endswith("index.html") else path
