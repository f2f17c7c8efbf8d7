"""An admin reads the procedures, sets a commune's own desk details, imports and exports
them, and sees which answers citizens found wanting — all from the shell."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
import typer
from sqlmodel import select
from typer.testing import CliRunner

from admin_cli.main import app
from admin_cli.procedures_cmds import procedures_report_app
from nlu.procedures import default_procedures, load_overrides, load_procedures
from storage.db import Database
from storage.models import Citizen, ProcedureFeedback, ProcedureOverride

runner = CliRunner()
TAY_MO = "00634"


def stored(url: str) -> list[ProcedureOverride]:
    async def work() -> list[ProcedureOverride]:
        db = Database(url)
        async with db.session() as session:
            rows = list((await session.exec(select(ProcedureOverride))).all())
        await db.dispose()
        return rows

    return asyncio.run(work())


@pytest.fixture
def hanoi(cli_env: str) -> str:
    result = runner.invoke(app, ["units", "sync", "--province", "01"])
    assert result.exit_code == 0, result.output
    return cli_env


def test_list_shows_every_procedure_and_filters_by_field(cli_env: str) -> None:
    everything = runner.invoke(app, ["procedures", "list", "--json"])
    assert everything.exit_code == 0, everything.output
    ids = [row["id"] for row in json.loads(everything.output)]
    assert len(ids) == len(default_procedures()) and "khai_sinh" in ids
    civil = runner.invoke(app, ["procedures", "list", "--category", "civil_status", "--json"])
    rows = json.loads(civil.output)
    assert rows and {row["category"] for row in rows} == {"civil_status"}
    table = runner.invoke(app, ["procedures", "list"])
    assert f"{len(ids)} thủ tục." in table.output


def test_show_prints_the_card_and_refuses_an_unknown_id(cli_env: str) -> None:
    card = runner.invoke(app, ["procedures", "show", "khai_sinh"])
    assert card.exit_code == 0 and "Giấy tờ cần mang" in card.output
    missing = runner.invoke(app, ["procedures", "show", "khong_co"])
    assert missing.exit_code == 1 and "khong_co" in missing.output


def test_set_then_show_gives_the_communes_desk_and_only_there(hanoi: str) -> None:
    result = runner.invoke(
        app,
        [
            "procedures", "set", "--commune", TAY_MO, "--procedure", "khai_sinh",
            "--desk-address", "Số 1 Tây Mỗ", "--opening-hours", "8:00 - 17:00",
            "--fee", "0", "--phone", "024 3839 1234",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    here = runner.invoke(app, ["procedures", "show", "khai_sinh", "--commune", TAY_MO])
    assert "Địa chỉ: Số 1 Tây Mỗ" in here.output and "Điện thoại: 024 3839 1234" in here.output
    there = runner.invoke(app, ["procedures", "show", "khai_sinh", "--commune", "00004"])
    assert there.exit_code == 0 and "Số 1 Tây Mỗ" not in there.output
    again = runner.invoke(
        app, ["procedures", "set", "--commune", TAY_MO, "--procedure", "khai_sinh",
              "--phone", "024 999"],
    )  # fmt: skip
    assert again.exit_code == 0
    (row,) = stored(hanoi)
    assert row.data["phone"] == "024 999" and row.data["desk_address"] == "Số 1 Tây Mỗ"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--phone", "024 1"], "--commune"),
        (["--commune", TAY_MO, "--province", "01", "--phone", "024 1"], "--commune"),
        (["--commune", TAY_MO], "Chưa có chi tiết"),
        (["--commune", TAY_MO, "--phone", "gọi tôi"], "phone"),
        (["--commune", TAY_MO, "--procedure", "khong_co", "--phone", "024 1"], "khong_co"),
        (["--commune", "99999", "--phone", "024 1"], "99999"),
    ],
)
def test_set_refuses_what_would_mislead_citizens(
    hanoi: str, args: list[str], message: str
) -> None:
    result = runner.invoke(app, ["procedures", "set", *args])
    assert result.exit_code == 1
    assert message in result.output
    assert stored(hanoi) == []


GOOD = """overrides:
- procedure_id: khai_sinh
  desk_address: Số 1 Tây Mỗ
- scope: province
  code: "01"
  opening_hours: Sáng 7:30 - 11:30, chiều 13:30 - 17:00
"""
BAD_FIELD = """overrides:
- procedure_id: khai_sinh
  desk_address: Số 1 Tây Mỗ
- procedure_id: ket_hon
  phone: số máy bàn
"""
UNKNOWN_ID = """overrides:
- procedure_id: khai_sinh
  desk_address: Số 1 Tây Mỗ
- procedure_id: khong_co_thu_tuc_nay
  phone: "024 1"
"""


def test_import_then_export_round_trips(hanoi: str, tmp_path: Path) -> None:
    source = tmp_path / "tay_mo.yaml"
    source.write_text(GOOD, encoding="utf-8")
    result = runner.invoke(app, ["procedures", "import", str(source), "--commune", TAY_MO])
    assert result.exit_code == 0, result.output
    assert "Đã nhập 2 mục" in result.output
    card = runner.invoke(app, ["procedures", "show", "khai_sinh", "--commune", TAY_MO])
    assert "Số 1 Tây Mỗ" in card.output and "Sáng 7:30" in card.output

    exported = tmp_path / "export.yaml"
    out = runner.invoke(app, ["procedures", "export", "--overrides", "--out", str(exported)])
    assert out.exit_code == 0, out.output
    entries = load_overrides(exported)
    assert {(e["scope"], e["code"]) for e in entries} == {("commune", TAY_MO), ("province", "01")}

    knowledge = tmp_path / "procedures.yaml"
    runner.invoke(app, ["procedures", "export", "--commune", TAY_MO, "--out", str(knowledge)])
    reloaded = load_procedures(knowledge)
    assert len(reloaded) == len(default_procedures())
    assert reloaded["khai_sinh"].desk_address == "Số 1 Tây Mỗ"


def test_import_refuses_the_whole_file_with_the_line_of_the_error(
    hanoi: str, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD_FIELD, encoding="utf-8")
    result = runner.invoke(app, ["procedures", "import", str(bad), "--commune", TAY_MO])
    assert result.exit_code == 1
    assert "bad.yaml:5:" in result.output and "phone" in result.output
    unknown = tmp_path / "unknown.yaml"
    unknown.write_text(UNKNOWN_ID, encoding="utf-8")
    result = runner.invoke(app, ["procedures", "import", str(unknown), "--commune", TAY_MO])
    assert result.exit_code == 1 and "Mục 2" in result.output
    assert "khong_co_thu_tuc_nay" in result.output
    assert stored(hanoi) == []  # the good first entry was not kept either
    binary = tmp_path / "photo.yaml"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = runner.invoke(app, ["procedures", "import", str(binary), "--commune", TAY_MO])
    assert result.exit_code == 1 and "photo.yaml" in result.output
    missing = runner.invoke(app, ["procedures", "import", str(tmp_path / "none.yaml")])
    assert missing.exit_code == 1


def seed_feedback(url: str) -> None:
    """Four citizens judged the khai_sinh card; one question matched nothing; one elsewhere."""
    verdicts = [
        ("khai_sinh", TAY_MO, "helpful"),
        ("khai_sinh", TAY_MO, "helpful"),
        ("khai_sinh", TAY_MO, "not_helpful"),
        ("khai_sinh", TAY_MO, "asked"),
        (None, TAY_MO, "asked"),
        ("ket_hon", "00004", "helpful"),
    ]

    async def work() -> None:
        db = Database(url)
        async with db.session() as session:
            for n, (pid, commune, verdict) in enumerate(verdicts):
                person = Citizen(channel="telegram", external_id=str(n), chat_id=str(n))
                session.add(person)
                await session.flush()
                assert person.id is not None
                feedback = ProcedureFeedback(
                    procedure_id=pid, citizen_id=person.id, commune_code=commune, verdict=verdict
                )
                session.add(feedback)
        await db.dispose()

    asyncio.run(work())


def test_report_shows_the_answers_to_improve_first(hanoi: str) -> None:
    seed_feedback(hanoi)
    motcua = typer.Typer()  # mounted as the lead mounts it: `motcua report procedures`
    motcua.add_typer(procedures_report_app, name="report")
    result = runner.invoke(motcua, ["report", "procedures", "--json"])
    assert result.exit_code == 0, result.output
    listed = json.loads(result.output)
    rows = {row["procedure_id"]: row for row in listed}
    assert rows["khai_sinh"] == {
        "procedure_id": "khai_sinh",
        "helpful": 2,
        "not_helpful": 1,
        "asked": 1,
    }
    assert rows[None]["asked"] == 1 and rows["ket_hon"]["helpful"] == 1
    assert listed[0]["procedure_id"] == "khai_sinh"  # the answer to improve comes first
    local = runner.invoke(motcua, ["report", "procedures", "--commune", "00004"])
    assert "Đăng ký kết hôn" in local.output and "Đăng ký khai sinh" not in local.output
    table = runner.invoke(motcua, ["report", "procedures"])
    assert "không khớp thủ tục nào" in table.output
