"""An admin finds tickets, reads one's timeline, moves one, closes one."""

from __future__ import annotations

import asyncio
import json

from sqlmodel import select
from typer.testing import CliRunner

from admin_cli.main import app
from storage.clock import FrozenClock, set_clock
from storage.db import Database
from storage.models import OutboxMessage
from tests.handlers.test_reports import seed, ticket, vn

runner = CliRunner()


def seed_tickets(url: str) -> None:
    async def work() -> None:
        db = Database(url)
        async with db.session() as session:
            ids = await seed(session)
            session.add_all(
                [
                    ticket(
                        ids,
                        1,
                        "00634/economic",
                        vn(2, 8),
                        status="resolved",
                        resolved_at=vn(3, 8),
                        resolve_due_at=vn(6, 17),
                    ),
                    ticket(
                        ids,
                        2,
                        "00634/economic",
                        vn(9, 9),
                        status="in_progress",
                        resolve_due_at=vn(10, 9),
                    ),
                    ticket(
                        ids,
                        3,
                        "00637/police",
                        vn(16, 9),
                        status="new",
                        category="security_order",
                        resolve_due_at=vn(30, 9),
                    ),
                ]
            )
        await db.dispose()

    asyncio.run(work())


def listed(*args: str) -> list[str]:
    result = runner.invoke(app, ["tickets", "list", "--json", *args])
    assert result.exit_code == 0, result.output
    return [row["code"] for row in json.loads(result.output)]


def citizen_messages(url: str) -> list[str]:
    async def work() -> list[str]:
        db = Database(url)
        async with db.session() as session:
            rows = (await session.exec(select(OutboxMessage))).all()
        await db.dispose()
        return [json.dumps(r.payload, ensure_ascii=False) for r in rows if r.chat_id == "1"]

    return asyncio.run(work())


def test_list_filters(cli_env: str) -> None:
    seed_tickets(cli_env)
    set_clock(FrozenClock(vn(20, 9)))
    assert listed() == ["PA-0003", "PA-0002", "PA-0001"]
    assert listed("--commune", "00634") == ["PA-0002", "PA-0001"]
    assert listed("--department", "police") == ["PA-0003"]
    assert listed("--category", "land", "--status", "resolved") == ["PA-0001"]
    assert listed("--overdue") == ["PA-0002"]
    assert listed("--from", "2026-03-09", "--to", "2026-03-09") == ["PA-0002"]
    unknown = runner.invoke(app, ["tickets", "list", "--commune", "99999"])
    assert unknown.exit_code == 1 and "99999" in unknown.output
    bad_day = runner.invoke(app, ["tickets", "list", "--from", "yesterday"])
    assert bad_day.exit_code == 1 and "YYYY-MM-DD" in bad_day.output


def test_reassign_then_show_the_timeline(cli_env: str) -> None:
    seed_tickets(cli_env)
    moved = runner.invoke(
        app, ["tickets", "reassign", "pa-0002", "--department", "police", "--note", "sai phòng"]
    )
    assert moved.exit_code == 0, moved.output
    assert listed("--department", "police") == ["PA-0003", "PA-0002"]
    assert any("PA-0002" in m for m in citizen_messages(cli_env))  # the citizen is told
    shown = runner.invoke(app, ["tickets", "show", "PA-0002", "--json"])
    data = json.loads(shown.output)
    assert data["department"] == "police"
    last = data["timeline"][-1]
    assert last["action"] == "transfer" and "sai phòng" in last["note"]
    assert last["who"].startswith("admin")
    same = runner.invoke(app, ["tickets", "reassign", "PA-0002", "--department", "police"])
    assert same.exit_code == 1 and "đã ở phòng" in same.output
    nowhere = runner.invoke(app, ["tickets", "reassign", "PA-0002", "--department", "finance"])
    assert nowhere.exit_code == 1 and "finance" in nowhere.output


def test_close(cli_env: str) -> None:
    seed_tickets(cli_env)
    assert runner.invoke(app, ["tickets", "close", "PA-0001"]).exit_code == 0
    assert listed("--status", "closed") == ["PA-0001"]
    no_reason = runner.invoke(app, ["tickets", "close", "PA-0003"])
    assert no_reason.exit_code == 1 and "--reason" in no_reason.output
    stopped = runner.invoke(app, ["tickets", "close", "PA-0003", "--reason", "Tin nhắn thử"])
    assert stopped.exit_code == 0, stopped.output
    assert listed("--status", "rejected") == ["PA-0003"]
    assert any("Tin nhắn thử" in m for m in citizen_messages(cli_env))
    again = runner.invoke(app, ["tickets", "close", "PA-0001"])
    assert again.exit_code == 1 and "Traceback" not in again.output
    missing = runner.invoke(app, ["tickets", "show", "PA-9999"])
    assert missing.exit_code == 1 and "PA-9999" in missing.output


def test_every_tickets_command_has_help_with_an_example() -> None:
    for command in ("list", "show", "reassign", "close"):
        result = runner.invoke(app, ["tickets", command, "--help"])
        assert result.exit_code == 0 and "motcua tickets" in result.output
