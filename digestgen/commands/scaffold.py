"""`digestgen new DIR`: a ready briefing folder — configuration with comments, two sample articles, .gitignore."""

from __future__ import annotations

from pathlib import Path

from digestgen.errors import BuildFailed, Problem

CONFIG = """\
# digestgen configuration. Every key is optional; delete what you do not need.
title: {title}
description: A briefing built with digestgen
# The published address, with a trailing slash. With it, feeds use absolute links and a
# sitemap.xml is written; without it, everything still works from disk and any server.
base_url: ""
language: en
timezone: UTC                # applied to dates written without one
per_page: 20                 # cards per list page
summary_words: 60            # word budget of an inferred summary
# content_dir: content       # where articles are read from
# output_dir: site           # where the site is written (never a source folder)
# retain: [CNAME]            # names in the output folder kept across builds (dotfiles always are)
# Your own leaders and topics, besides the shipped registries:
# leaders:
#   - name: Ursula von der Leyen
#     aliases: [von der Leyen]
#     country: European Union
#     role: President of the European Commission
# topics:
#   - name: Climate
#     keywords: {{climate: 3, emissions: 2, COP: 2}}
# Dates a desk gives whole folders (front matter still wins over them):
# dates:
#   wires/monday: 2026-12-07              # every file below content/wires/monday/
#   agency: "{{yyyy}}{{mm}}{{dd}}-*.txt"          # from each file's name: 20261207-ap-001.txt
# Feeds that `digestgen pull` writes into content/<name>/, one article per item:
# feeds:
#   - name: probe-wire
#     url: https://example.org/rss.xml   # RSS, Atom or JSON Feed; or a local file path
#     source: Probe Wire                 # optional: the outlet (default: the feed's title)
"""

GITIGNORE = """\
# digestgen output and cache: rebuilt from content/ at any time
/site/
/.digestgen-cache/
# a site being written beside site/, or the old one being removed (an interrupted build leaves them)
/.site.*
# digestgen pull's lock (its state files, content/*/.digestgen-pull.json, belong with the content)
/.digestgen-pull.lock
"""

SUMMIT = """\
---
title: Lula opens G20 summit in Rio with a global alliance against hunger
date: 2024-11-18
source: Sample desk
topics: [Diplomacy]
summary: >-
  Brazil's President Luiz Inácio Lula da Silva opened the Group of 20 summit in Rio de Janeiro
  by launching a Global Alliance against Hunger and Poverty.
---
This is a sample article written by `digestgen new`, to show a Markdown file with front matter.
Replace it with your own articles.

Brazil's President Luiz Inácio Lula da Silva opened the Group of 20 summit in Rio de Janeiro on
Monday, 18 November 2024, by launching a **Global Alliance against Hunger and Poverty**.

Leaders of the world's largest economies met for two days of talks on poverty, climate finance
and the reform of global institutions.
"""

WIRE = """\
Climate talks open in Baku

BAKU, Nov 11 (Sample Wire) - The COP29 United Nations climate conference opened in Baku on
Monday, with negotiators from nearly 200 countries seeking a new goal for climate finance.

This is a sample of plain wire copy with no front matter, written by `digestgen new`: the title,
date, source, leaders, topics and summary are inferred from the text. Azerbaijan's President
Ilham Aliyev hosted leaders at the conference the following day.
"""


def new_project(folder: Path) -> list[Path]:
    """Create a briefing folder; refuses a folder that already holds anything. Returns the files made."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise BuildFailed([Problem(str(folder), None, "already exists and is not empty; pick a new folder name")])
    title = " ".join(w.capitalize() for w in folder.resolve().name.replace("-", " ").replace("_", " ").split())
    files = {
        "digestgen.yaml": CONFIG.format(title=_yaml_string(title or "Briefing")),
        ".gitignore": GITIGNORE,
        "content/2024-11-18-g20-summit.md": SUMMIT,
        "content/wire/cop29-opens.txt": WIRE,
    }
    made = []
    try:
        for rel, text in files.items():
            path = folder / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            made.append(path)
    except OSError as exc:
        raise BuildFailed([Problem(str(exc.filename or folder), None, f"cannot create: {exc.strerror}")]) from None
    return made


def _yaml_string(text: str) -> str:
    """A title as a double-quoted YAML string (a folder called 'yes' must not become a boolean)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
