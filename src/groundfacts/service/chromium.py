"""Debian's headless Chromium for looking at the page (the browser tests, the screenshots):
the flags that keep it quiet and offline, and where it is. Never downloads a browser."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def path() -> str | None:
    """The system's Chromium, or None when it is not installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


@contextmanager
def browser(profile: str, *, width: int = 1400, height: int = 1000) -> Iterator[Any]:
    """A Playwright browser context on the system's Chromium with a fresh profile folder."""
    from playwright.sync_api import sync_playwright

    exe = path()
    if exe is None:
        raise RuntimeError("needs Debian's chromium package (apt-get install chromium)")
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            profile,
            executable_path=exe,
            headless=True,
            args=list(ARGS),
            viewport={"width": width, "height": height},
        )
        try:
            yield ctx
        finally:
            ctx.close()
