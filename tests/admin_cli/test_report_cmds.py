"""An admin asks "how are we doing?" from the shell: table, CSV, JSON and a chart."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from admin_cli.main import app
from storage.db import Database
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
                        status="closed",
                        first_response_at=vn(2, 10),
                        resolved_at=vn(3, 8),
                        resolve_due_at=vn(6, 17),
                        rating=4,
                    ),
                    ticket(
                        ids,
                        2,
                        "00637/police",
                        vn(10, 9),
                        status="new",
                        category="security_order",
                        resolve_due_at=vn(11, 9),
                    ),
                ]
            )
        await db.dispose()

    asyncio.run(work())


def test_report_on_an_empty_period(cli_env: str) -> None:
    seed_tickets(cli_env)
    args = ["report", "--from", "2025-01-01", "--to", "2025-01-31"]
    table = runner.invoke(app, args)
    assert table.exit_code == 0, table.output
    assert "Không có phản ánh nào" in table.output
    data = json.loads(runner.invoke(app, [*args, "--format", "json"]).output)
    assert data[0]["received"] == 0 and data[0]["satisfaction_mean"] is None


def test_report_json_csv_and_grouping(cli_env: str) -> None:
    seed_tickets(cli_env)
    result = runner.invoke(app, ["report", "--by", "commune", "--format", "json"])
    assert result.exit_code == 0, result.output
    total, first, second = json.loads(result.output)
    assert total["received"] == 2 and total["resolved_on_time_pct"] == 100.0
    assert first["group"].startswith("00634") and second["group"].startswith("00637")
    assert total["satisfaction"]["4"] == 1
    as_csv = runner.invoke(app, ["report", "--department", "police", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(as_csv.output)))
    assert len(rows) == 1 and rows[0]["received"] == "1" and rows[0]["open_now"] == "1"
    day = runner.invoke(app, ["report", "--from", "2026-03-02", "--to", "2026-03-02"])
    assert day.exit_code == 0 and "9.5" in day.output  # Mon 08:00 → Tue 08:00 in working hours


def test_report_chart_is_a_png(cli_env: str, tmp_path: Path) -> None:
    seed_tickets(cli_env)
    path = tmp_path / "report.png"
    result = runner.invoke(app, ["report", "--province", "01", "--chart", str(path)])
    assert result.exit_code == 0, result.output
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_report_mistakes(cli_env: str) -> None:
    bad_day = runner.invoke(app, ["report", "--from", "01/03/2026"])
    assert bad_day.exit_code == 1 and "YYYY-MM-DD" in bad_day.output
    backwards = runner.invoke(app, ["report", "--from", "2026-03-05", "--to", "2026-03-01"])
    assert backwards.exit_code == 1 and "sau ngày bắt đầu" in backwards.output
    unknown = runner.invoke(app, ["report", "--commune", "99999"])
    assert unknown.exit_code == 1 and "99999" in unknown.output
    group = runner.invoke(app, ["report", "--by", "month"])
    assert group.exit_code == 1 and "month" in group.output
    assert runner.invoke(app, ["report", "--format", "xml"]).exit_code == 2


def test_report_help_has_an_example() -> None:
    result = runner.invoke(app, ["report", "--help"])
    assert result.exit_code == 0 and "motcua report" in result.output
