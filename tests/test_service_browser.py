"""The dashboard in a real headless Chromium (Debian's) against a real ``serve`` on loopback
over the made-up reports: what a reader sees and can do."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from service_support import USER_BOUNDARIES, FixtureStore, Server, build_store, serve

from groundfacts.service import chromium

pytest.importorskip("playwright.sync_api", reason="playwright is a dev dependency")
pytestmark = pytest.mark.skipif(chromium.path() is None, reason="needs Debian's chromium package")


@pytest.fixture(scope="module")
def fixture(tmp_path_factory: pytest.TempPathFactory) -> FixtureStore:
    return build_store(tmp_path_factory.mktemp("browser") / "events.duckdb")


@pytest.fixture(scope="module")
def server(fixture: FixtureStore) -> Iterator[Server]:
    with serve(fixture.path) as s:
        yield s


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    profile = tempfile.mkdtemp(prefix="gf-chromium-")
    with chromium.browser(profile) as ctx:
        yield ctx
    shutil.rmtree(profile, ignore_errors=True)


class Page:
    """A page of the dashboard with the problems it reported (console errors, page
    errors, failed requests)."""

    def __init__(self, ctx: Any, url: str) -> None:
        self.page = ctx.new_page()
        # each test starts in the default language, whatever an earlier one chose
        self.page.add_init_script("localStorage.removeItem('gf-lang')")
        self.problems: list[str] = []
        self.page.on(
            "console",
            lambda m: self.problems.append(f"console: {m.text}") if m.type == "error" else None,
        )
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url}"))
        self.page.on(
            "response",
            lambda r: self.problems.append(f"{r.status}: {r.url}") if r.status >= 400 else None,
        )
        self.page.goto(url + "/")
        self.loaded()

    def loaded(self, after: str = "0") -> None:
        """Wait until the page has drawn data newer than ``after``."""
        self.page.wait_for_function(
            "a => document.body.dataset.loaded && document.body.dataset.loaded > a", arg=after
        )

    def stamp(self) -> str:
        return str(self.page.get_attribute("body", "data-loaded"))

    def points(self) -> int:
        return int(self.page.get_attribute("#map", "data-points") or -1)

    def drawn(self) -> int:
        """Events drawn on the map: single points plus the counts of the clusters."""
        singles = self.page.locator("path.event-point").count()
        clusters = self.page.eval_on_selector_all(
            ".cluster-icon", "els => els.reduce((s, e) => s + Number(e.dataset.count), 0)"
        )
        return singles + int(clusters)

    def rows(self) -> list[str]:
        return self.page.eval_on_selector_all(
            "#event-list tbody tr[data-event]", "rows => rows.map(r => r.dataset.event)"
        )

    def apply(self, **fields: str) -> None:
        before = self.stamp()
        for name, value in fields.items():
            sel = f"#filters [name={name}]"
            if self.page.locator(sel).evaluate("e => e.tagName") == "SELECT":
                self.page.select_option(sel, value)
            else:
                self.page.fill(sel, value)
        self.page.click("#apply")
        self.loaded(before)


@pytest.fixture()
def page(browser: Any, server: Server) -> Iterator[Page]:
    p = Page(browser, server.url)
    yield p
    p.page.close()


def test_page_loads_without_errors_and_maps_every_located_event(
    page: Page, fixture: FixtureStore
) -> None:
    assert page.points() == len(fixture.located)
    assert page.drawn() == len(fixture.located)
    assert sorted(page.rows()) == sorted(e.event_id for e in fixture.events)
    # the basemap drew its countries (it loads beside the events), and nothing was fetched
    # from elsewhere
    page.page.wait_for_function(
        "document.querySelectorAll('.leaflet-basemap-pane path').length > 100"
    )
    assert page.problems == []


def test_a_filter_changes_the_map_and_the_list(page: Page, fixture: FixtureStore) -> None:
    page.apply(country="Belmora")
    belmora = fixture.where(country="Belmora")
    assert page.points() == len([e for e in belmora if e.latitude is not None])
    assert page.drawn() == page.points()
    assert sorted(page.rows()) == sorted(e.event_id for e in belmora)
    page.apply(country="", event_type="Battles")
    assert sorted(page.rows()) == sorted(e.event_id for e in fixture.where(event_type="Battles"))
    battles = len(fixture.where(event_type="Battles"))
    assert f"{battles} of {battles}" in page.page.inner_text("#list-count")
    assert page.problems == []


def test_clicking_an_event_shows_its_sentence_highlighted(page: Page) -> None:
    page.page.click("#event-list tbody tr[data-event='arland-1-1']")
    page.page.wait_for_selector("#detail .sentence mark.trigger")
    sentence = page.page.inner_text("#detail .sentence")
    assert sentence.startswith("On 2 March 2024 the Red Hand Brigade attacked an army post")
    assert page.page.inner_text("#detail mark.trigger") == "attacked"
    assert page.page.inner_text("#detail mark.actor1") == "the Red Hand Brigade"
    assert page.page.inner_text("#detail mark.actor2") == "an army post"
    page.page.click("#doc-link")
    page.page.wait_for_selector("#detail .doc-text")
    assert "Farmers in Orsk" in page.page.inner_text("#detail .doc-text")
    assert page.problems == []


def test_clicking_a_point_on_the_map_opens_its_event(page: Page) -> None:
    page.apply(country="Belmora", event_type="Protests")
    page.page.locator("path.event-point").first.click()
    page.page.wait_for_selector("#detail mark.trigger")
    assert page.page.inner_text("#detail mark.trigger") == "berunjuk rasa"


def test_brushing_the_timeline_sets_the_dates(page: Page, fixture: FixtureStore) -> None:
    box = page.page.locator("#timeline").bounding_box()
    assert box is not None
    before = page.stamp()
    y = box["y"] + box["height"] / 2
    page.page.mouse.move(box["x"] + box["width"] * 0.55, y)
    page.page.mouse.down()
    page.page.mouse.move(box["x"] + box["width"] - 5, y, steps=5)
    page.page.mouse.up()
    page.loaded(before)
    since = page.page.input_value("#filters [name=since]")
    until = page.page.input_value("#filters [name=until]")
    assert since and until and since < until
    expected = [e.event_id for e in fixture.events if since <= e.event_date <= until]
    assert expected and sorted(page.rows()) == sorted(expected)


def test_clicking_an_actor_in_the_network_filters_by_it(page: Page, fixture: FixtureStore) -> None:
    before = page.stamp()
    page.page.locator("#network .node", has_text="Bayu Hitam").first.locator("circle").click()
    page.loaded(before)
    assert page.page.input_value("#filters [name=actor]") == "Bayu Hitam"
    assert sorted(page.rows()) == sorted(
        e.event_id for e in fixture.events if "Bayu Hitam" in (e.actor1, e.actor2)
    )
    widths = page.page.eval_on_selector_all(
        "#network line.edge", "ls => ls.map(l => Number(l.getAttribute('stroke-width')))"
    )
    assert widths


def test_the_interface_speaks_indonesian(page: Page) -> None:
    page.page.click("button[data-lang=id]")
    assert page.page.inner_text("#filters h2").lower() == "saring"
    assert "peristiwa" in page.page.inner_text("#map-count")
    page.page.click("button[data-lang=en]")
    assert page.page.inner_text("#filters h2").lower() == "filters"


def test_a_claim_gets_its_verdict(page: Page) -> None:
    page.page.fill("#claim", "Polisi menangkap pengunjuk rasa")
    page.page.click("#check")
    page.page.wait_for_selector("#verdict")
    assert page.page.get_attribute("#verdict", "data-verdict") == "supported"
    assert page.page.inner_text("#verdict") == "supported"
    assert "Polisi" in page.page.inner_text("#claim-result")
    # its evidence opens the event
    page.page.click("#claim-result a[data-event='arland-2-1']")
    page.page.wait_for_selector("#detail mark.trigger")
    assert page.page.inner_text("#detail mark.trigger") == "arrested"


def test_merged_reports_show_as_one_event(page: Page, fixture: FixtureStore) -> None:
    before = page.stamp()
    page.page.check("#filters [name=merged]")
    page.loaded(before)
    assert page.points() == len(fixture.located) - 1  # arland-4 told arland-1's attack again
    assert "m-arland-1-1" in page.rows()  # the merged event keeps its first report's id
    page.page.click("#event-list tbody tr[data-event='m-arland-1-1']")
    page.page.wait_for_selector("#detail .sentence mark.trigger")
    assert page.page.locator("#detail .sentence").count() == 2
    assert page.problems == []


def test_the_api_page_works_offline(browser: Any, server: Server) -> None:
    p = browser.new_page()
    failed: list[str] = []
    p.on("requestfailed", lambda r: failed.append(r.url))
    p.on("request", lambda r: None if r.url.startswith(server.url) else failed.append(r.url))
    p.goto(server.url + "/docs")
    p.wait_for_selector(".opblock-summary-path")
    paths = p.eval_on_selector_all(".opblock-summary-path", "els => els.map(e => e.innerText)")
    assert {"/api/events", "/api/events/{event_id}", "/api/check"} <= set(paths)
    assert failed == []
    p.close()


def zoom_to(page: Any, lat: float, lon: float, zoom: float) -> None:
    # Leaflet ignores a new view while it animates one (the page's own fit to the events),
    # so ask again until the map is there
    page.wait_for_function(
        """([lat, lon, z]) => {
          const m = GFDashboard.map;
          if (m.getZoom() !== z) m.setView([lat, lon], z, {animate: false});
          return m.getZoom() === z;
        }""",
        arg=[lat, lon, zoom],
        polling=100,
    )


ON_MAP = "GFDashboard.boundaries.layer && GFDashboard.map.hasLayer(GFDashboard.boundaries.layer)"


def test_the_map_draws_first_level_borders_when_zoomed_in(page: Page) -> None:
    p = page.page
    zoom_to(p, 2, 20, 2)  # the world view: countries only
    p.wait_for_timeout(300)
    assert not p.evaluate(f"() => !!({ON_MAP})")
    zoom_to(p, 12.3, -1.5, 6)  # Burkina Faso
    p.wait_for_function(f"() => {ON_MAP}")
    seen = p.evaluate(
        """() => {
          const b = GFDashboard.boundaries, by = {};
          b.units.features.forEach(f => { const k = f.properties.iso; by[k] = (by[k] || 0) + 1; });
          const lines = b.layer.getLayers();
          return {source: b.source, units: b.units.features.length, by: by,
                  layers: lines.length, parts: lines[0].getLatLngs().length};
        }"""
    )
    assert seen["source"] == "packaged"
    assert seen["units"] > 4000
    assert seen["by"]["ID"] >= 30 and seen["by"]["PH"] >= 80 and seen["by"]["BF"] >= 45
    # the borders inside countries, drawn once as one line layer
    assert seen["layers"] == 1 and seen["parts"] > 1000
    path = p.locator(".leaflet-admin1-pane path")
    assert path.count() == 1 and len(path.get_attribute("d") or "") > 1000
    zoom_to(p, 2, 20, 2)
    p.wait_for_function(f"() => !({ON_MAP})")
    assert page.problems == []


def test_the_map_draws_the_users_boundaries(
    browser: Any, fixture: FixtureStore, tmp_path: Path
) -> None:
    mine = tmp_path / "districts.geojson"
    mine.write_text(json.dumps(USER_BOUNDARIES), encoding="utf-8")
    with serve(fixture.path, "--boundaries", str(mine)) as s:
        page = Page(browser, s.url)
        zoom_to(page.page, 11, 22, 6)
        page.page.wait_for_function(f"() => {ON_MAP}")
        seen = page.page.evaluate(
            "() => [GFDashboard.boundaries.source, GFDashboard.boundaries.layer.getLayers().length]"
        )
        assert seen == ["file", 2]  # the polygon and the line; the point is not a boundary
        assert page.problems == []
        page.page.close()
