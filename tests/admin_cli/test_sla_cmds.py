"""An admin sets deadlines and declares days off from the shell; the next ticket's deadline
follows, and mistakes get one clear line instead of a traceback."""

from __future__ import annotations

import asyncio
import json
from datetime import datetime

from typer.testing import CliRunner

from admin_cli.main import app
from handlers.deadlines import ticket_deadlines
from storage.db import Database
from tests.handlers.test_reminders import local

runner = CliRunner()
THURSDAY_9 = local(2026, 3, 5, 9, 0)


def resolve_due(url: str, **where: str) -> datetime:
    async def work() -> datetime:
        db = Database(url)
        try:
            async with db.session() as session:
                _, due = await ticket_deadlines(
                    session, start=THURSDAY_9, category="land", **where
                )
        finally:
            await db.dispose()
        return due

    return asyncio.run(work())


def test_sla_set_changes_the_next_deadline_in_that_commune_only(cli_env: str) -> None:
    assert resolve_due(cli_env, commune_code="00634") == local(2026, 3, 26, 17, 0)  # 15 WD
    done = runner.invoke(
        app, ["sla", "set", "--category", "land", "--commune", "00634", "--resolve", "5wd"]
    )
    assert done.exit_code == 0, done.output
    assert "00634" in done.output and "5wd" in done.output
    assert resolve_due(cli_env, commune_code="00634") == local(2026, 3, 12, 17, 0)
    assert resolve_due(cli_env, commune_code="00637") == local(2026, 3, 26, 17, 0)
    # Setting it again replaces the row instead of adding a second one.
    again = runner.invoke(
        app, ["sla", "set", "--category", "land", "--commune", "00634", "--resolve", "3wd"]
    )
    assert again.exit_code == 0, again.output
    listed = runner.invoke(app, ["sla", "list", "--json"])
    rows = json.loads(listed.output)
    assert [(r["commune_code"], r["resolve"]) for r in rows] == [("00634", "3wd")]


def test_sla_set_refuses_bad_input_with_one_line(cli_env: str) -> None:
    cases = [
        ["--category", "astrology", "--resolve", "5wd"],
        ["--category", "land", "--resolve", "5 weeks"],
        ["--category", "land", "--resolve", "0wd"],
        ["--category", "land", "--claim", "\x00\x01"],
        ["--category", "land", "--commune", "6a4", "--resolve", "5wd"],
        ["--category", "land", "--priority", "asap", "--resolve", "5wd"],
        ["--category", "land"],
    ]
    for args in cases:
        result = runner.invoke(app, ["sla", "set", *args])
        assert result.exit_code == 1, (args, result.output)
        assert "Lỗi" in result.output and "Traceback" not in result.output
    assert json.loads(runner.invoke(app, ["sla", "list", "--json"]).output) == []


def test_sla_list_says_when_defaults_apply(cli_env: str) -> None:
    result = runner.invoke(app, ["sla", "list"])
    assert result.exit_code == 0 and "mặc định" in result.output


def test_calendar_add_moves_deadlines_and_lists_the_day(cli_env: str) -> None:
    assert resolve_due(cli_env) == local(2026, 3, 26, 17, 0)
    added = runner.invoke(
        app, ["calendar", "add", "--date", "2026-03-20", "--off", "--note", "Nghỉ bão"]
    )
    assert added.exit_code == 0, added.output
    assert resolve_due(cli_env) == local(2026, 3, 27, 17, 0)
    listed = runner.invoke(app, ["calendar", "list", "--json"])
    assert json.loads(listed.output) == [
        {"date": "2026-03-20", "working": False, "note": "Nghỉ bão"}
    ]
    # Declaring the same day working instead replaces the entry.
    runner.invoke(app, ["calendar", "add", "--date", "2026-03-20", "--working"])
    assert resolve_due(cli_env) == local(2026, 3, 26, 17, 0)
    table = runner.invoke(app, ["calendar", "list"])
    assert "2026-03-20" in table.output and "làm việc" in table.output


def test_calendar_add_refuses_bad_input(cli_env: str) -> None:
    for args in (
        ["--date", "2026-02-30", "--off"],
        ["--date", "hôm qua", "--off"],
        ["--date", "2026-03-20"],
        ["--date", "2026-03-20", "--off", "--working"],
    ):
        result = runner.invoke(app, ["calendar", "add", *args])
        assert result.exit_code == 1, (args, result.output)
        assert "Lỗi" in result.output
    assert "Chưa có" in runner.invoke(app, ["calendar", "list"]).output


def claim_due(url: str) -> datetime:
    async def work() -> datetime:
        db = Database(url)
        try:
            async with db.session() as session:
                due, _ = await ticket_deadlines(session, start=THURSDAY_9, category="land")
        finally:
            await db.dispose()
        return due

    return asyncio.run(work())


def test_office_hours_with_lunch_move_working_hour_deadlines(cli_env: str) -> None:
    assert claim_due(cli_env) == local(2026, 3, 5, 17, 0)  # 8 hours of 07:30–17:00
    done = runner.invoke(
        app, ["calendar", "hours", "--start", "08:00", "--end", "17:00", "--lunch", "12:00-13:00"]
    )
    assert done.exit_code == 0, done.output
    assert "08:00–17:00" in done.output and "nghỉ trưa 12:00–13:00" in done.output
    # Thursday 09:00–12:00 and 13:00–17:00 is 7 hours; the 8th ends Friday 09:00.
    assert claim_due(cli_env) == local(2026, 3, 6, 9, 0)
    assert "08:00–17:00" in runner.invoke(app, ["calendar", "list"]).output


def test_office_hours_refuse_nonsense(cli_env: str) -> None:
    for args in (
        ["--start", "25:00"],
        ["--start", "17:00", "--end", "08:00"],
        ["--lunch", "13:00-12:00"],
        ["--lunch", "noon"],
    ):
        result = runner.invoke(app, ["calendar", "hours", *args])
        assert result.exit_code == 1, (args, result.output)
        assert "Lỗi" in result.output and "Traceback" not in result.output
    assert claim_due(cli_env) == local(2026, 3, 5, 17, 0)
