"""The interface's language (`language:` in digestgen.yaml): Jinja's i18n extension with the
message catalogue digestgen/locale/<language>.po, which Babel compiles in memory, and Babel's
dates and plural forms («6 декабря 2024», «3 статьи», «5 статей»).

English is the templates' own text: it needs no catalogue, and its dates keep the theme's format.
"""

from __future__ import annotations

import datetime
import gettext
import io
from importlib import resources

import jinja2

from digestgen.pipeline.plan.pages import Office


def primary(language: str) -> str:
    """ "ru-RU" -> "ru"."""
    return language.split("-")[0].split("_")[0].lower()


def translations(language: str) -> gettext.NullTranslations:
    """The catalogue of `language`; none (the templates' English) when digestgen ships none."""
    lang = primary(language)
    po = resources.files("digestgen.locale").joinpath(f"{lang}.po")
    if lang == "en" or not po.is_file():
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import Translations

    catalog = read_po(io.StringIO(po.read_text(encoding="utf-8")), locale=lang)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(fp=compiled)


def install(env: jinja2.Environment, language: str) -> None:
    """Give `env` the `_`/`gettext`/`ngettext` of `language` and, for a language other than
    English, Babel's dates, month names and plural forms in the filters that show them."""
    env.add_extension("jinja2.ext.i18n")
    found = translations(language)
    env.install_gettext_translations(found, newstyle=True)  # type: ignore[attr-defined]
    env.filters["translate"] = found.gettext  # a message held in data: `info.noun|translate`
    lang = primary(language)
    if lang == "en":
        return
    from babel.core import Locale, UnknownLocaleError
    from babel.dates import format_date

    try:
        Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return

    def day(value: datetime.date) -> str:
        if not isinstance(value, datetime.date):
            raise TypeError(f"datefmt needs a date, got {'none' if value is None else type(value).__name__}")
        plain = value.date() if isinstance(value, datetime.datetime) else value
        return str(format_date(plain, "d MMMM y", locale=lang))

    def month(key: str) -> str:
        return str(format_date(datetime.date(int(key[:4]), int(key[5:7]), 1), "LLLL y", locale=lang))

    def month_name(number: int) -> str:
        return str(format_date(datetime.date(2000, number, 1), "LLLL", locale=lang))

    def count_of(n: int, noun: str, plural: str | None = None) -> str:
        return f"{n} {found.ngettext(noun, plural or noun + 's', n)}"

    def times(n: int) -> str:
        return f"{n} {found.ngettext('time', 'times', n)}"

    def years(office: Office) -> str:
        start, end = (office.start or "")[:4], (office.end or "")[:4]
        if start and end:
            return start if start == end else f"{start}–{end}"
        if start:
            return found.gettext("since %(year)s") % {"year": start}
        return found.gettext("until %(year)s") % {"year": end} if end else ""

    def plural_forms(singular: str, plural: str) -> dict[str, str]:
        """The message for a sample number of each plural form, with `{n}` for the number: a script
        picks the sample whose form (Intl.PluralRules) is the count's."""
        forms = {str(n): found.ngettext(singular, plural, n) for n in (1, 2, 5, 0)}
        return {k: v % {"num": "{n}"} for k, v in forms.items()}

    env.globals["date_months"] = [
        str(format_date(datetime.date(2000, m, 1), "MMMM", locale=lang)) for m in range(1, 13)
    ]
    env.globals["plural_forms"] = plural_forms
    env.filters.update(
        {
            "datefmt": day,
            "month": month,
            "month_name": month_name,
            "count_of": count_of,
            "times": times,
            "years": years,
        }
    )
