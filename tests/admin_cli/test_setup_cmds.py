"""An admin prepares a commune from the shell: units, binding codes, officials, tickets."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from sqlmodel import func, select
from typer.testing import CliRunner

from admin_cli.main import app
from storage.db import Database
from storage.models import BindingCode, Commune, Department, Official
from storage.settings import get_settings

runner = CliRunner()


def count(url: str, model: type) -> int:
    async def work() -> int:
        db = Database(url)
        async with db.session() as session:
            result = (await session.exec(select(func.count()).select_from(model))).one()
        await db.dispose()
        return int(result)

    return asyncio.run(work())


def test_units_sync_loads_a_province_once(cli_env: str) -> None:
    first = runner.invoke(app, ["units", "sync", "--province", "01"])
    assert first.exit_code == 0, first.output
    assert "126" in first.output
    assert count(cli_env, Commune) == 126
    assert count(cli_env, Department) == 126 * 5
    again = runner.invoke(app, ["units", "sync", "--province", "01"])
    assert again.exit_code == 0 and "thêm 0" in again.output
    assert count(cli_env, Department) == 126 * 5


def test_units_sync_all_units(cli_env: str) -> None:
    result = runner.invoke(app, ["units", "sync"])
    assert result.exit_code == 0, result.output
    assert count(cli_env, Commune) == 3321


def test_unknown_province_is_a_clear_error(cli_env: str) -> None:
    result = runner.invoke(app, ["units", "sync", "--province", "99"])
    assert result.exit_code == 1
    assert "Không có tỉnh" in result.output


def test_chat_code_prints_the_code_alone_on_its_last_line(cli_env: str) -> None:
    runner.invoke(app, ["units", "sync", "--province", "01"])
    result = runner.invoke(app, ["chat", "code", "--commune", "00634", "--department", "economic"])
    assert result.exit_code == 0, result.output
    code = result.output.strip().splitlines()[-1]
    assert len(code) == 8 and code.isalnum()
    assert count(cli_env, BindingCode) == 1


def test_chat_code_for_an_unknown_commune_or_department(cli_env: str) -> None:
    runner.invoke(app, ["units", "sync", "--province", "01"])
    unknown = runner.invoke(app, ["chat", "code", "--commune", "99999", "--department", "office"])
    assert unknown.exit_code == 1 and "99999" in unknown.output
    wrong = runner.invoke(app, ["chat", "code", "--commune", "00634", "--department", "finance"])
    assert wrong.exit_code == 1 and "finance" in wrong.output
    assert count(cli_env, BindingCode) == 0


def test_official_add_and_its_errors(cli_env: str) -> None:
    runner.invoke(app, ["units", "sync", "--province", "01"])
    base = [
        "official",
        "add",
        "--telegram-id",
        "5001",
        "--name",
        "Nguyễn Văn A",
        "--commune",
        "00634",
    ]
    ok = runner.invoke(app, [*base, "--department", "economic"])
    assert ok.exit_code == 0, ok.output
    assert "Nguyễn Văn A" in ok.output
    again = runner.invoke(app, [*base, "--department", "economic"])
    assert again.exit_code == 0
    assert count(cli_env, Official) == 1  # registering twice does not duplicate
    bad_role = runner.invoke(app, [*base, "--department", "economic", "--role", "boss"])
    assert bad_role.exit_code == 1 and "boss" in bad_role.output
    no_department = runner.invoke(app, base)
    assert no_department.exit_code == 1
    leader = runner.invoke(app, [*base, "--role", "leader"])
    assert leader.exit_code == 0
    assert count(cli_env, Official) == 2


def test_missing_option_is_a_usage_error(cli_env: str) -> None:
    result = runner.invoke(app, ["chat", "code", "--commune", "00634"])
    assert result.exit_code == 2


def test_tickets_list_unrouted_json_on_an_empty_database(cli_env: str) -> None:
    result = runner.invoke(app, ["tickets", "list", "--unrouted", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == []


@pytest.mark.parametrize("command", [["db"], ["units"], ["chat"], ["official"], ["tickets"]])
def test_every_group_has_help_with_an_example(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "motcua" in result.output


def test_db_upgrade_on_a_fresh_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOTCUA_DATABASE_URL", f"sqlite:///{tmp_path / 'new.db'}")
    get_settings.cache_clear()
    try:
        result = runner.invoke(app, ["db", "upgrade"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    assert (tmp_path / "new.db").exists()
