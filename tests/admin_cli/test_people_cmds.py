"""An admin manages a commune's officials and department groups from the shell."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from sqlmodel import select
from typer.testing import CliRunner

from admin_cli.main import app
from storage.db import Database
from storage.models import ChatBinding, Department

runner = CliRunner()


def officials(*args: str) -> list[dict[str, object]]:
    result = runner.invoke(app, ["official", "list", "--json", *args])
    assert result.exit_code == 0, result.output
    rows: list[dict[str, object]] = json.loads(result.output)
    return rows


def test_import_a_good_csv_then_list_and_remove(cli_env: str, tmp_path: Path) -> None:
    runner.invoke(app, ["units", "sync", "--province", "01"])
    path = tmp_path / "can-bo.csv"
    path.write_text(
        "telegram_id,name,commune,department,role\n"
        "5001,Nguyễn Văn A,00634,economic,officer\n"
        "5002,Trần Thị B,00634,,leader\n"
        "5003,Lê C,00637,police,head\n",
        encoding="utf-8",
    )
    preview = runner.invoke(app, ["official", "import", str(path), "--dry-run"])
    assert preview.exit_code == 0, preview.output
    assert "Nguyễn Văn A" in preview.output and officials() == []
    done = runner.invoke(app, ["official", "import", str(path), "--yes"])
    assert done.exit_code == 0, done.output
    assert [o["name"] for o in officials("--commune", "00634")] == ["Nguyễn Văn A", "Trần Thị B"]
    again = runner.invoke(app, ["official", "import", str(path), "--yes"])
    assert again.exit_code == 0 and len(officials()) == 3  # importing twice adds nobody
    removed = runner.invoke(
        app, ["official", "remove", "--telegram-id", "5001", "--commune", "00634"]
    )
    assert removed.exit_code == 0, removed.output
    assert len(officials()) == 2
    assert {"name": "Nguyễn Văn A", "active": False}.items() <= officials("--inactive")[0].items()
    twice = runner.invoke(
        app, ["official", "remove", "--telegram-id", "5001", "--commune", "00634"]
    )
    assert twice.exit_code == 1 and "5001" in twice.output


def test_a_csv_with_bad_rows_imports_nobody(cli_env: str, tmp_path: Path) -> None:
    runner.invoke(app, ["units", "sync", "--province", "01"])
    path = tmp_path / "bad.csv"
    path.write_text(
        "telegram_id,name,commune,department,role\n"
        "5001,Good,00634,economic,officer\n"
        "abc,Bad id,00634,economic,officer\n"
        "5003,Bad commune,99999,economic,officer\n"
        "5004,No department,00634,,officer\n"
        "5005,Bad role,00634,economic,boss\n"
        "5001,Good,00634,economic,officer\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["official", "import", str(path), "--yes"])
    assert result.exit_code == 1
    for line, words in ((3, "abc"), (4, "99999"), (5, "department"), (6, "boss"), (7, "dòng 2")):
        assert f"dòng {line}:" in result.output and words in result.output
    assert "dòng 2:" not in result.output
    assert officials() == []


def test_csv_file_problems(cli_env: str, tmp_path: Path) -> None:
    (tmp_path / "header.csv").write_text("id,who\n1,x\n")
    header = runner.invoke(app, ["official", "import", str(tmp_path / "header.csv")])
    assert header.exit_code == 1 and "telegram_id" in header.output
    (tmp_path / "bin.csv").write_bytes(b"\xff\xfe\x00\x00binary")
    binary = runner.invoke(app, ["official", "import", str(tmp_path / "bin.csv")])
    assert binary.exit_code == 1 and "UTF-8" in binary.output
    missing = runner.invoke(app, ["official", "import", str(tmp_path / "none.csv")])
    assert missing.exit_code == 1 and "none.csv" in missing.output


def bind(url: str) -> None:
    async def work() -> None:
        db = Database(url)
        async with db.session() as session:
            dept = (
                await session.exec(
                    select(Department).where(
                        Department.commune_code == "00634", Department.key == "economic"
                    )
                )
            ).one()
            assert dept.id is not None
            session.add(ChatBinding(department_id=dept.id, chat_id=-1001, title="KT", bound_by=1))
        await db.dispose()

    asyncio.run(work())


def test_chat_list_and_unbind(cli_env: str) -> None:
    runner.invoke(app, ["units", "sync", "--province", "01"])
    bind(cli_env)
    listed = json.loads(runner.invoke(app, ["chat", "list", "--json"]).output)
    assert listed == [
        {
            "commune": "00634",
            "department": "economic",
            "channel": "telegram",
            "chat_id": -1001,
            "thread_id": None,
            "title": "KT",
        }
    ]
    args = ["chat", "unbind", "--commune", "00634", "--department", "economic"]
    assert runner.invoke(app, args).exit_code == 0
    assert json.loads(runner.invoke(app, ["chat", "list", "--json"]).output) == []
    again = runner.invoke(app, args)
    assert again.exit_code == 1 and "chưa gắn" in again.output
    unknown = runner.invoke(app, ["chat", "list", "--commune", "99999"])
    assert unknown.exit_code == 1 and "99999" in unknown.output


def test_people_commands_have_help_with_an_example() -> None:
    for command in (
        ["official", "list"],
        ["official", "remove"],
        ["official", "import"],
        ["chat", "list"],
        ["chat", "unbind"],
    ):
        result = runner.invoke(app, [*command, "--help"])
        assert result.exit_code == 0 and f"motcua {command[0]}" in result.output
