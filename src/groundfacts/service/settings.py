"""What a running service is allowed to do: one immutable settings object per application."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from pathlib import Path

from groundfacts.errors import ServiceConfigError

DEFAULT_MAX_BODY = 2 * 1024 * 1024


@dataclass(slots=True, frozen=True)
class ServiceSettings:
    db: Path
    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None  # requests to /api need "Authorization: Bearer <token>"
    no_auth: bool = False  # explicitly serve a non-loopback address without a token
    allow_writes: bool = False  # extract with store=true writes to the store
    max_body: int = DEFAULT_MAX_BODY  # bytes; larger request bodies get 413
    extract_timeout: float = 20.0  # seconds one extraction may take before it is stopped
    extract_wait: float = 60.0  # seconds a request may wait for a free extraction worker
    extract_workers: int = 1
    max_page: int = 10_000  # the largest page of events one request may ask for
    cors_origins: tuple[str, ...] = ()  # none: CORS stays off
    boundaries: Path | None = None  # a GeoJSON the map draws instead of the packaged units

    def check(self) -> None:
        """Refuse settings that expose the store without saying so."""
        if self.token is not None and not self.token.strip():
            raise ServiceConfigError("--token must not be empty")
        if self.token and self.no_auth:
            raise ServiceConfigError("--token and --no-auth contradict each other")
        if not is_loopback(self.host) and not self.token and not self.no_auth:
            raise ServiceConfigError(
                f"binding {self.host} exposes the store beyond this machine: give --token T "
                "(clients then send 'Authorization: Bearer T') or --no-auth to serve it openly"
            )
        if self.max_body < 1 or self.extract_timeout <= 0 or self.extract_workers < 1:
            raise ServiceConfigError(
                "--max-body, --extract-timeout and --extract-workers must be positive"
            )

    @property
    def open_warning(self) -> str | None:
        """The warning to print when a non-loopback address is served without a token."""
        if self.no_auth and not is_loopback(self.host):
            return (
                f"serving {self.host} without authentication (--no-auth): anyone who can reach "
                "this address can read the store"
            )
        return None


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve anywhere
