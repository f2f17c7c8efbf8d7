"""End-to-end fixtures: a running bot against the emulator, on each database backend."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.support.world import World, running_world


@pytest.fixture(scope="session", autouse=True)
def _trained_classifier() -> None:
    """Load (or train once and cache) the NLU model before any bot starts waiting on it."""
    from nlu.pipeline import get_classifier

    get_classifier()


@pytest.fixture
async def world(database_url: str) -> AsyncIterator[World]:
    async with running_world(database_url) as running:
        yield running
