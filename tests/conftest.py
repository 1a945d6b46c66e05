"""Fixtures shared by the test modules: the language packs and a pipeline, loaded once per
session."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

import pytest

from groundfacts.packs import Pack
from groundfacts.pipeline import Pipeline


@pytest.fixture(scope="session")
def en() -> Pack:
    return Pack.load("en")


@pytest.fixture(scope="session")
def id_() -> Pack:
    return Pack.load("id")


@pytest.fixture(scope="session")
def pipe() -> Pipeline:
    return Pipeline()


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """The command line as a user runs it: a real subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "groundfacts.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="session")
def cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    return run_cli
