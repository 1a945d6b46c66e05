"""Regenerate the dashboard screenshots in docs/ from the bundled demo articles.

    .venv/bin/python scripts/screenshots.py [--out docs]

Builds the demo store (``groundfacts demo --db``), starts ``groundfacts serve`` on loopback,
and photographs the page in Debian's headless Chromium (driven by Playwright): the main
view, the map zoomed in (with the first-level borders), an event with its evidence, and the
Indonesian interface with a claim checked.
"""

from __future__ import annotations

import argparse
import contextlib
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

CLI = [sys.executable, "-m", "groundfacts.cli"]


@contextlib.contextmanager
def serve(db: Path) -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([*CLI, "serve", "--db", str(db), "--port", str(port)])
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(url + "/api/health", timeout=5),
            ):
                break
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        proc.wait(20)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "docs")
    args = ap.parse_args()
    from groundfacts.service import chromium

    if chromium.path() is None:
        sys.exit("needs Debian's chromium package (apt-get install chromium)")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="gf-shots-") as tmp:
        db = Path(tmp) / "demo.duckdb"
        subprocess.run([*CLI, "demo", "--db", str(db)], check=True, stdout=subprocess.DEVNULL)
        profile = str(Path(tmp) / "profile")
        with serve(db) as url, chromium.browser(profile, height=1050) as ctx:
            page = ctx.new_page()
            page.goto(url + "/")
            page.wait_for_selector("body[data-loaded]")
            # zoomed in, the first-level borders are fetched and drawn after the events
            page.wait_for_function(
                "() => GFDashboard.map.getZoom() < 4 || (GFDashboard.boundaries.layer &&"
                " GFDashboard.map.hasLayer(GFDashboard.boundaries.layer))"
            )
            page.wait_for_timeout(500)  # the basemap's tiles of SVG settle
            page.screenshot(path=str(args.out / "dashboard.png"), full_page=True)
            # the map zoomed in on the Sahel events, with the first-level borders
            page.wait_for_function(
                """() => {
                  const m = GFDashboard.map;  // asked again while an animation ignores it
                  if (m.getZoom() !== 6) m.setView([13.6, 0.8], 6, {animate: false});
                  return m.getZoom() === 6 && GFDashboard.boundaries.layer &&
                         m.hasLayer(GFDashboard.boundaries.layer);
                }""",
                polling=100,
            )
            page.wait_for_timeout(500)
            page.locator(".map-panel").screenshot(path=str(args.out / "map.png"))
            page.click("#event-list tbody tr >> nth=3")
            page.wait_for_selector("#detail .sentence mark")
            page.click("#doc-link")
            page.wait_for_selector("#detail .doc-text")
            page.screenshot(path=str(args.out / "event.png"))
            page.click("#detail-close")
            page.click("button[data-lang=id]")
            page.fill("#claim", "Polisi menangkap anggota TPNPB")
            page.click("#check")
            page.wait_for_selector("#claim-result :is(#verdict, .error)")
            page.screenshot(path=str(args.out / "dashboard-id.png"))
    for name in ("dashboard.png", "map.png", "event.png", "dashboard-id.png"):
        print(args.out / name)


if __name__ == "__main__":
    main()
