"""Shared fixtures: a database on every configured backend (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from storage.clock import set_clock
from storage.db import Database
from tests.support.databases import backends, create_schema, postgres_database, truncate_all
from tests.support.redis_server import redis_prefix  # noqa: F401  (a fixture)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    with postgres_database() as url:
        create_schema(url)
        yield url


@pytest.fixture(params=backends())
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'motcua.db'}"
        create_schema(url)
        return url
    shared: str = request.getfixturevalue("postgres_url")
    truncate_all(shared)
    return shared


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    database = Database(database_url)
    yield database
    await database.dispose()


@pytest.fixture(autouse=True)
def _wall_clock() -> Iterator[None]:
    yield
    set_clock(None)
