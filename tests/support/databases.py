"""Test databases: a fresh SQLite file, or a private PostgreSQL database per test session.

PostgreSQL is a real server (127.0.0.1:5432, trust auth) as in CI; when it is not running
the tests fail and say how to start it, instead of silently testing less.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from sqlalchemy import create_engine, text
from sqlmodel import SQLModel

import storage.models  # noqa: F401

ADMIN_URL = os.environ.get(
    "MOTCUA_TEST_POSTGRES_ADMIN", "postgresql://postgres@127.0.0.1:5432/test"
)
START_POSTGRES = (
    "PostgreSQL is not reachable at {url} ({error}). Start it with "
    "`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start` "
    "(or run `bash .ci/run`, which starts it), or test SQLite only with "
    "MOTCUA_TEST_DATABASES=sqlite."
)


def backends() -> list[str]:
    wanted = os.environ.get("MOTCUA_TEST_DATABASES", "sqlite,postgresql")
    return [b.strip() for b in wanted.split(",") if b.strip()]


@contextmanager
def postgres_database() -> Iterator[str]:
    """Create a throwaway database and drop it afterwards."""
    name = f"motcua_test_{uuid.uuid4().hex[:10]}"
    try:
        admin = psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        raise RuntimeError(START_POSTGRES.format(url=ADMIN_URL, error=exc)) from exc
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base = ADMIN_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def create_schema(url: str) -> None:
    from storage.db import sync_url

    engine = create_engine(sync_url(url))
    SQLModel.metadata.create_all(engine)
    engine.dispose()


def truncate_all(url: str) -> None:
    from storage.db import sync_url

    engine = create_engine(sync_url(url))
    names = ", ".join(f'"{t.name}"' for t in SQLModel.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    engine.dispose()
