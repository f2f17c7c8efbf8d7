"""Alembic builds exactly the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine
from sqlmodel import SQLModel

from storage import migrate
from storage.db import sync_url
from tests.support.databases import backends, postgres_database


@pytest.fixture(params=backends())
def empty_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh.db'}"
        return
    with postgres_database() as url:
        yield url


def test_upgrade_creates_the_models_schema(empty_database: str) -> None:
    migrate.upgrade(empty_database)
    assert migrate.current(empty_database) is not None
    engine = create_engine(sync_url(empty_database))
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    engine.dispose()
    assert diff == [], f"models and migrations disagree: {diff}"


def test_upgrade_twice_is_harmless(empty_database: str) -> None:
    migrate.upgrade(empty_database)
    first = migrate.current(empty_database)
    migrate.upgrade(empty_database)
    assert migrate.current(empty_database) == first
