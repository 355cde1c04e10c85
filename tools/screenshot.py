"""Regenerate the README screenshots from a fresh build of the bundled content.

python tools/screenshot.py        # needs playwright and /usr/bin/chromium (tests/setup.sh)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the checkout, for tests.browser
from digestgen.commands.build import build
from digestgen.config import load_config
from tests.browser import ARGS, CHROMIUM

REPO = Path(__file__).resolve().parents[1]
SHOTS = {
    "home": "index.html",
    "article": "articles/000-f434f5c6a6cd3bfb/index.html",
    "leader": "leaders/alexander-lukashenko/index.html",
    "briefing": "briefings/2024-12-06/index.html",
    "country": "countries/belarus/index.html",
    "leaders": "leaders/index.html",
}
PHONE = {"width": 390, "height": 844}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site = build(load_config(REPO / "digestgen.yaml"), output=Path(tmp) / "site").output
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            for scheme in ("light", "dark"):
                page = browser.new_page(viewport={"width": 1100, "height": 760}, color_scheme=scheme)
                for name, path in SHOTS.items():
                    if scheme == "dark" and name != "home":
                        continue
                    page.goto((site / path).as_uri())
                    out = REPO / "docs" / f"screenshot-{name}{'-dark' if scheme == 'dark' else ''}.png"
                    page.screenshot(path=str(out))
                    print(out.relative_to(REPO))
            phone = browser.new_page(viewport=PHONE, device_scale_factor=1, is_mobile=True)
            phone.goto((site / SHOTS["leader"]).as_uri())
            out = REPO / "docs" / "screenshot-leader-phone.png"
            phone.screenshot(path=str(out))
            print(out.relative_to(REPO))
            browser.close()


if __name__ == "__main__":
    main()
