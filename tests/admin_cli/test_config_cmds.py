"""Configuration as code: export, check with line numbers, show the diff, apply once."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

from sqlmodel import delete, func, select
from sqlmodel.ext.asyncio.session import AsyncSession
from typer.testing import CliRunner

from admin_cli.main import app
from storage.db import Database
from storage.models import (
    CalendarException,
    ChatBinding,
    Department,
    Official,
    RoutingRule,
    SlaPolicyOverride,
)

T = TypeVar("T")
runner = CliRunner()
CONFIG_TABLES = (ChatBinding, Official, RoutingRule, SlaPolicyOverride, CalendarException)


def db_run(url: str, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    async def go() -> T:
        db = Database(url)
        try:
            async with db.session() as session:
                return await work(session)
        finally:
            await db.dispose()

    return asyncio.run(go())


def count(url: str, model: type) -> int:
    async def work(session):  # type: ignore[no-untyped-def]
        return int((await session.exec(select(func.count()).select_from(model))).one())

    return int(db_run(url, work))


def configure(url: str) -> None:
    """A commune set up by hand: a bound chat, officials, a rule, an SLA row, a holiday."""
    assert runner.invoke(app, ["units", "sync", "--province", "01"]).exit_code == 0
    add = ["official", "add", "--commune", "00634"]
    runner.invoke(
        app, [*add, "--telegram-id", "5001", "--name", "Lê Thị B", "--department", "economic"]
    )
    runner.invoke(app, [*add, "--telegram-id", "5002", "--name", "Trần C", "--role", "leader"])
    rule = [
        "rules",
        "add",
        "--commune",
        "00634",
        "--category",
        "land",
        "--department",
        "service_center",
        "--keyword",
        "sổ đỏ",
    ]
    assert runner.invoke(app, rule).exit_code == 0

    async def work(session):  # type: ignore[no-untyped-def]
        dept = (
            await session.exec(
                select(Department).where(
                    Department.commune_code == "00634", Department.key == "economic"
                )
            )
        ).one()
        dept.name = "Phòng Kinh tế, Hạ tầng và Đô thị (đã sửa)"
        session.add(dept)
        session.add(
            ChatBinding(
                department_id=dept.id, chat_id=-100123, thread_id=7, title="Kinh tế", bound_by=5001
            )
        )
        session.add(SlaPolicyOverride(commune_code="00634", category="land", resolve="10wd"))
        session.add(CalendarException(day=date(2026, 5, 2), working=True, note="làm bù"))

    db_run(url, work)


def wipe(url: str) -> None:
    async def work(session):  # type: ignore[no-untyped-def]
        for model in CONFIG_TABLES:
            await session.exec(delete(model))

    db_run(url, work)


def test_round_trip_and_idempotence(cli_env: str, tmp_path: Path) -> None:
    configure(cli_env)
    exported = runner.invoke(app, ["config", "export", "--province", "01"])
    assert exported.exit_code == 0, exported.output
    assert "chat_id: -100123" in exported.output and "sổ đỏ" in exported.output
    assert "commune: '00634'" in exported.output  # codes stay strings
    path = tmp_path / "ha-noi.yaml"
    path.write_text(exported.output, encoding="utf-8")

    wipe(cli_env)
    dry = runner.invoke(app, ["config", "apply", str(path), "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "+ chats" in dry.output and "+ officials" in dry.output
    assert count(cli_env, ChatBinding) == 0  # a dry run changes nothing

    applied = runner.invoke(app, ["config", "apply", str(path), "--yes"])
    assert applied.exit_code == 0, applied.output
    again = runner.invoke(app, ["config", "export", "--province", "01"])
    assert again.output == exported.output

    twice = runner.invoke(app, ["config", "apply", str(path), "--yes", "--json"])
    assert json.loads(twice.output) == {"changes": [], "applied": False}
    assert count(cli_env, Official) == 2 and count(cli_env, ChatBinding) == 1


def test_leaving_an_official_out_deactivates_and_the_diff_says_so(
    cli_env: str, tmp_path: Path
) -> None:
    configure(cli_env)
    text = runner.invoke(app, ["config", "export", "--province", "01"]).output
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if "telegram_id: 5002" in line)
    path = tmp_path / "c.yaml"
    path.write_text("\n".join(lines[:start] + lines[start + 4 :]) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["config", "apply", str(path), "--yes"])
    assert result.exit_code == 0, result.output
    assert "- officials" in result.output and "Trần C" in result.output
    listed = runner.invoke(app, ["config", "export", "--province", "01"]).output
    assert "active: false" in listed


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text("version: 1\nprovince: '01'\n" + body, encoding="utf-8")
    return path


def test_errors_have_line_numbers_and_nothing_is_applied(cli_env: str, tmp_path: Path) -> None:
    runner.invoke(app, ["units", "sync", "--province", "01"])
    path = write(
        tmp_path,
        "officials:\n"
        "- {telegram_id: 7001, name: Good, commune: '00634', department: economic}\n"
        "- {telegram_id: 7002, name: Bad, commune: '99999', department: economic}\n"
        "- {telegram_id: x, name: Worse, commune: 00634}\n"
        "- {telegram_id: 7004, name: Boss, commune: '00634', role: boss}\n",
    )
    result = runner.invoke(app, ["config", "apply", str(path), "--yes"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "dòng 5: không có xã/phường mã '99999'" in result.output
    assert "dòng 6: telegram_id phải là số nguyên" in result.output
    assert "ngoặc kép" in result.output  # an unquoted 00634 is not read as a code
    assert "dòng 7" in result.output and "boss" in result.output
    assert "dòng 4" not in result.output
    assert count(cli_env, Official) == 0


def test_wrong_yaml_and_wrong_shapes(cli_env: str, tmp_path: Path) -> None:
    broken = write(tmp_path, "officials:\n  - name: [unclosed\n")
    result = runner.invoke(app, ["config", "apply", str(broken)])
    assert result.exit_code == 1 and "dòng" in result.output and "cú pháp" in result.output
    (tmp_path / "list.yaml").write_text("- 1\n- 2\n")
    shape = runner.invoke(app, ["config", "apply", str(tmp_path / "list.yaml")])
    assert shape.exit_code == 1 and "departments" in shape.output
    (tmp_path / "bin.yaml").write_bytes(b"\x89PNG\x00\x01\xff")
    binary = runner.invoke(app, ["config", "apply", str(tmp_path / "bin.yaml")])
    assert binary.exit_code == 1 and "UTF-8" in binary.output
    missing = runner.invoke(app, ["config", "apply", str(tmp_path / "nope.yaml")])
    assert missing.exit_code == 1 and "không có tệp" in missing.output
    unknown = write(tmp_path, "rulez: []\n")
    typo = runner.invoke(app, ["config", "apply", str(unknown)])
    assert typo.exit_code == 1 and "rulez" in typo.output


def test_a_rule_tie_in_the_file_is_refused_with_both_lines(cli_env: str, tmp_path: Path) -> None:
    runner.invoke(app, ["units", "sync", "--province", "01"])
    path = write(
        tmp_path,
        "rules:\n"
        "- {commune: '00634', department: office}\n"
        "- {commune: '00634', department: police}\n",
    )
    result = runner.invoke(app, ["config", "apply", str(path), "--yes"])
    assert result.exit_code == 1
    assert "dòng 4" in result.output and "dòng 5" in result.output
    assert "ngang nhau" in result.output
    assert count(cli_env, RoutingRule) == 0


def test_export_of_an_unknown_province(cli_env: str) -> None:
    result = runner.invoke(app, ["config", "export", "--province", "99"])
    assert result.exit_code == 1 and "99" in result.output


def test_config_help_has_examples() -> None:
    for command in ("export", "apply"):
        result = runner.invoke(app, ["config", command, "--help"])
        assert result.exit_code == 0 and "motcua config" in result.output
