"""RENDER: a paginated term's whole list as a script, for its filter chips (see plan/pages.py RowsPage).

Loaded with a <script> tag, so it works from file:// where fetch() is refused. Each row is what the
list view shows: [site-relative path, title, date label or "", source or "", {taxonomy key: [slugs]}].
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

from digestgen.pipeline.plan.pages import RowsPage
from digestgen.pipeline.render.filters import format_date


def rows_script(page: RowsPage, datefmt: Callable[[date], str] = format_date) -> bytes:
    """`window.digestRows["leaders/putin"] = [...]`, safe inside a script element; dates in the
    site's language (`datefmt`, the templates' filter)."""
    rows = [
        [
            a.output_path,
            a.title,
            datefmt(a.date) if a.date else "",
            a.outlet or "",
            {key: [t.slug for t in a.terms_of(key)] for key in page.keys},
        ]
        for a in page.articles
    ]
    name = f"{page.term.key}/{page.term.slug}"
    data = json.dumps(rows, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    text = f"window.digestRows=window.digestRows||{{}};window.digestRows[{json.dumps(name)}]={data};\n"
    return text.encode("utf-8")
