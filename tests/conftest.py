"""Fixtures shared by the test modules: the language packs, loaded once per session."""

from __future__ import annotations

import pytest

from groundfacts.packs import Pack


@pytest.fixture(scope="session")
def en() -> Pack:
    return Pack.load("en")


@pytest.fixture(scope="session")
def id_() -> Pack:
    return Pack.load("id")
