"""The CLI reads its settings from the environment, as an admin's shell would provide them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from storage.settings import get_settings


@pytest.fixture
def cli_env(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("MOTCUA_DATABASE_URL", database_url)
    get_settings.cache_clear()
    yield database_url
    get_settings.cache_clear()
