"""RENDER: the page plan through Jinja templates (autoescaped, strict) into file bytes."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable, Iterable

import jinja2

from digestgen import __version__
from digestgen.assets import theme_dir
from digestgen.config import Config
from digestgen.errors import BuildFailed, Problem
from digestgen.model import Article, Page, SitePlan
from digestgen.urls import root_prefix

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def make_environment(config: Config) -> jinja2.Environment:
    """Project templates override the shipped ones file by file."""
    loaders: list[jinja2.BaseLoader] = []
    project = config.path(config.templates_dir)
    if project.is_dir() and project.resolve() != theme_dir().resolve():
        loaders.append(jinja2.FileSystemLoader(project))
    loaders.append(jinja2.FileSystemLoader(theme_dir()))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders), autoescape=True, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.filters["datefmt"] = format_date
    env.filters["isodate"] = lambda d: d.isoformat()
    base = config.base_url.rstrip("/") + "/" if config.base_url else ""
    env.globals["site"] = {"title": config.title, "description": config.description,
                           "language": config.language, "base_url": base}
    env.globals["version"] = __version__
    return env


def format_date(value: datetime) -> str:
    """"26 November 2024", independent of the machine's locale."""
    if not isinstance(value, date):
        raise TypeError(f"datefmt needs a date, got {'none' if value is None else type(value).__name__}")
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def render_site(plan: SitePlan, config: Config, only: Callable[[Page], bool] | None = None) -> dict[str, bytes]:
    """Render every planned page (or those `only` selects); all template errors are raised together."""
    env = make_environment(config)
    files: dict[str, bytes] = {}
    problems: list[Problem] = []
    shared = {"leader_count": len(plan.leaders), "topic_count": len(plan.topics), "article_count": len(plan.articles)}
    for page in plan.pages:
        if only and not only(page):
            continue
        try:
            files[page.path] = render_page(env, page, config, shared).encode("utf-8")
        except Exception as exc:  # a template may raise anything (1//0, None|datefmt); locate it
            problems.append(template_problem(exc, page, config))
            if len(problems) >= 20:  # one broken template fails every page; enough said
                break
    if problems:
        raise BuildFailed(_dedupe(problems))
    files["search-index.js"] = search_index(plan)
    return files


def render_page(env: jinja2.Environment, page: Page, config: Config, shared: dict[str, Any]) -> str:
    """One page; `root` is the relative way back to the site root (absolute for the 404 page)."""
    root = root_prefix(page.path)
    if page.path == "404.html":  # served at any depth, so only an absolute base works there
        root = env.globals["site"]["base_url"] or root  # type: ignore[index]
    template = env.get_template(page.template)
    return template.render(**page.context, **shared, root=root, page_path=page.path)


def search_index(plan: SitePlan) -> bytes:
    """Articles as a script (not JSON) so search also works from file://, where fetch is refused."""
    return search_script(search_entry(a) for a in plan.articles)


def search_entry(a: Article) -> str:
    """One article's search record as JSON; `</` escaped so no title can close the script."""
    entry = {"t": a.title, "p": a.url_path, "d": format_date(a.date) if a.date else "",
             "s": a.summary, "l": [t.name for t in a.leaders], "o": [t.name for t in a.topics],
             "src": a.source or ""}
    return json.dumps(entry, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def search_script(entries: Iterable[str]) -> bytes:
    """The search-index.js file from serialised entries."""
    return f"window.DIGEST_SEARCH=[{','.join(entries)}];\n".encode("utf-8")


def template_problem(exc: Exception, page: Page, config: Config) -> Problem:
    """Locate an error raised while rendering at its template file and line, naming the page."""
    one = page.sources[0] if "article" in page.context and page.sources else page.path
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
    """Jinja rewrites tracebacks so template frames carry the template's file and line."""
    tb = exc.__traceback__
    found: tuple[str | None, int | None] = (None, None)
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith((".html", ".xml", ".js", ".txt")):
            found = (name, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _template_label(filename: str | None, name: str | None, config: Config) -> str:
    if not filename:
        return f"templates/{name}"
    path = Path(filename)
    try:
        return path.resolve().relative_to(config.root).as_posix()
    except ValueError:
        return f"templates/{path.name} (shipped)"


def _dedupe(problems: Iterable[Problem]) -> list[Problem]:
    """The same template fault repeats on every page that uses it: report it once."""
    seen: dict[tuple[str, int | None, str], Problem] = {}
    for p in problems:
        key = (p.path, p.line, p.message.split(" (rendering ")[0])
        seen.setdefault(key, p)
    return list(seen.values())
