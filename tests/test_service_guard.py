"""What the service lets through: the token on a non-loopback bind, read-only stores, the
extraction time budget. A real ``serve`` bound to all addresses (0.0.0.0) with a token,
reached over loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from service_support import FixtureStore, Server, build_store, request, serve

from groundfacts.errors import ServiceConfigError
from groundfacts.service import chromium
from groundfacts.service.settings import ServiceSettings, is_loopback

TOKEN = "s3cret-token-for-tests"


@pytest.fixture(scope="module")
def fixture(tmp_path_factory: pytest.TempPathFactory) -> FixtureStore:
    return build_store(tmp_path_factory.mktemp("guard") / "events.duckdb")


@pytest.fixture(scope="module")
def server(fixture: FixtureStore) -> Iterator[Server]:
    with serve(fixture.path, "--extract-timeout", "0.05", host="0.0.0.0", token=TOKEN) as s:
        yield s


def test_api_needs_the_token(server: Server) -> None:
    missing = request(server.url + "/api/events")
    assert missing.status == 401
    assert missing.headers["www-authenticate"] == "Bearer"
    assert request(server.url + "/api/events", token="wrong").status == 401
    assert request(server.url + "/api/events", token=TOKEN + "x").status == 401
    basic = request(server.url + "/api/health", headers={"Authorization": "Basic " + TOKEN})
    assert basic.status == 401
    assert request(server.url + "/api/events/arland-1-0").status == 401
    assert request(server.url + "/api/extract", data=b'{"text": "x"}').status == 401
    ok = request(server.url + "/api/events", token=TOKEN)
    assert ok.status == 200 and ok.json()["total"] == 14
    lower = request(server.url + "/api/health", headers={"Authorization": "bearer " + TOKEN})
    assert lower.status == 200


def test_page_and_assets_hold_no_data_and_stay_open(server: Server) -> None:
    page = request(server.url + "/")
    assert page.status == 200 and b"/static/app.js" in page.body
    assert request(server.url + "/static/app.js").status == 200
    assert request(server.url + "/openapi.json").status == 200


def test_read_only_service_refuses_to_store(server: Server) -> None:
    reply = server.post("/api/extract", {"text": "Soldiers attacked a village.", "store": True})
    assert reply.status == 403
    assert "--allow-writes" in reply.json()["detail"]
    imported = server.post("/api/import/acled", {"csv": "event_date,event_type\n"})
    assert imported.status == 403 and "--allow-writes" in imported.json()["detail"]


def test_extraction_past_its_budget_is_stopped(server: Server) -> None:
    text = (
        " ".join(
            f"On {d} May 2024 soldiers attacked the village near Gao, killing {d} people."
            for d in range(1, 29)
        )
        * 20
    )
    reply = server.post("/api/extract", {"text": text})
    assert reply.status == 504
    assert "0.05 s" in reply.json()["detail"]
    # the service goes on answering, and a new worker takes the next request
    assert server.get("/api/health").status == 200
    assert server.post("/api/extract", {"text": text}).status == 504


def test_cors_is_off(server: Server) -> None:
    reply = request(
        server.url + "/api/health", token=TOKEN, headers={"Origin": "http://elsewhere.test"}
    )
    assert reply.status == 200
    assert "access-control-allow-origin" not in reply.headers


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("::1", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("example.org", False),
    ],
)
def test_loopback_addresses(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_settings_refuse_an_open_bind_unless_said(tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    with pytest.raises(ServiceConfigError, match="--token"):
        ServiceSettings(db, host="0.0.0.0").check()
    with pytest.raises(ServiceConfigError, match="contradict"):
        ServiceSettings(db, host="0.0.0.0", token="t", no_auth=True).check()
    with pytest.raises(ServiceConfigError, match="empty"):
        ServiceSettings(db, token=" ").check()
    ServiceSettings(db, host="0.0.0.0", token="t").check()
    open_ = ServiceSettings(db, host="0.0.0.0", no_auth=True)
    open_.check()
    assert open_.open_warning and "without authentication" in open_.open_warning
    assert ServiceSettings(db).open_warning is None


@pytest.mark.skipif(chromium.path() is None, reason="needs Debian's chromium package")
def test_the_page_asks_for_the_token_and_uses_it(server: Server, tmp_path: Path) -> None:
    pytest.importorskip("playwright.sync_api", reason="playwright is a dev dependency")
    with chromium.browser(str(tmp_path / "profile")) as ctx:
        page = ctx.new_page()
        page.goto(server.url + "/")
        page.wait_for_selector("#token-box:not([hidden])")
        assert page.get_attribute("#map", "data-points") == "0"
        page.fill("#token", TOKEN)
        page.click("#token-save")
        page.wait_for_selector("body[data-loaded]")
        assert page.get_attribute("#map", "data-points") == "13"
        # a link with the token in its fragment opens straight away (the fragment is not sent)
        other = ctx.new_page()
        other.goto(server.url + "/#token=" + TOKEN)
        other.wait_for_selector("body[data-loaded]")
        assert "token" not in other.url
