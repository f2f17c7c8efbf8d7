"""An admin connects a commune's Zalo OA from the shell and checks its token."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from admin_cli.main import app
from bot.zalo.accounts import account_by_oa
from handlers.units import official_units, sync_units
from storage.db import Database
from storage.models import ZaloAccount
from storage.settings import get_settings

runner = CliRunner()
CONNECT = ["zalo", "connect", "--oa-id", "5797", "--access-token", "AT1"]


@pytest.fixture
def env(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    async def units() -> None:
        db = Database(database_url)
        async with db.session() as session:
            await sync_units(session, official_units("01"))
        await db.dispose()

    asyncio.run(units())
    monkeypatch.setenv("MOTCUA_DATABASE_URL", database_url)
    get_settings.cache_clear()
    yield database_url
    get_settings.cache_clear()


def _account(url: str) -> ZaloAccount | None:
    async def work() -> ZaloAccount | None:
        db = Database(url)
        async with db.session() as session:
            account = await account_by_oa(session, "5797")
        await db.dispose()
        return account

    return asyncio.run(work())


def test_connect_stores_tokens_and_status_shows_expiry(env: str) -> None:
    result = runner.invoke(
        app, [*CONNECT, "--refresh-token", "RT1", "--expires-in", "90000", "--commune", "00634"]
    )
    assert result.exit_code == 0, result.output
    assert "Đã kết nối OA 5797" in result.output
    account = _account(env)
    assert account is not None
    assert (account.access_token, account.refresh_token, account.commune_code) == (
        "AT1",
        "RT1",
        "00634",
    )
    status = runner.invoke(app, ["zalo", "status"])
    assert status.exit_code == 0, status.output
    assert "5797" in status.output and "còn 24 giờ" in status.output

    again = runner.invoke(
        app, [*CONNECT, "--refresh-token", "RT2", "--expires-in", "3600", "--province", "01"]
    )
    assert again.exit_code == 0, again.output
    account = _account(env)
    assert account is not None and account.refresh_token == "RT2"
    assert account.province_code == "01" and account.commune_code is None


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--expires-in", "90000"], "Chọn đúng một phạm vi"),
        (["--expires-in", "90000", "--province", "01", "--commune", "00634"], "đúng một"),
        (["--expires-in", "0", "--province", "01"], "số giây dương"),
        (["--expires-in", "90000", "--commune", "99999"], "99999"),
        (["--expires-in", "90000", "--province", "77"], "77"),
    ],
)
def test_connect_mistakes_are_explained(env: str, extra: list[str], message: str) -> None:
    result = runner.invoke(app, [*CONNECT, "--refresh-token", "RT1", *extra])
    assert result.exit_code == 1
    assert message in result.output
    assert _account(env) is None


def test_status_without_accounts_says_how_to_connect(env: str) -> None:
    result = runner.invoke(app, ["zalo", "status"])
    assert result.exit_code == 0 and "motcua zalo connect" in result.output
