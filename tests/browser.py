"""The one way tests, benchmarks and tools start a browser: Debian's Chromium, never a downloaded one."""

from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
"""No sandbox (containers), no GPU, and nothing that reaches the network on its own."""
