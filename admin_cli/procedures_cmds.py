"""`motcua procedures`: read the knowledge base, set a commune's or province's own desk
details, import and export them; `motcua report procedures`: which answers to improve."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import typer
import yaml
from rich.table import Table
from sqlmodel import col, func, select

from admin_cli.common import console, err_console, print_json, run, with_db
from handlers.errors import UserError
from handlers.procedure_local import all_overrides, local_base, save_override
from nlu.procedures import (
    Procedure,
    ProcedureBase,
    ProcedureLoadError,
    default_procedures,
    load_overrides,
    render_answer,
)
from nlu.procedures.render import fee_text, time_text
from storage.db import Database
from storage.models import ProcedureFeedback

procedures_app = typer.Typer(
    help="Thủ tục hành chính. Ví dụ: motcua procedures show khai_sinh --commune 00634",
    no_args_is_help=True,
)
procedures_report_app = typer.Typer(
    help="Báo cáo. Ví dụ: motcua report procedures", no_args_is_help=True
)
NO_MATCH = "(không khớp thủ tục nào)"


async def _base(commune: str | None) -> ProcedureBase:
    if commune is None:
        return default_procedures()

    async def work(db: Database) -> ProcedureBase:
        async with db.session() as session:
            return await local_base(session, commune)

    return await with_db(work)


@procedures_app.command("list")
def procedures_list(
    category: str | None = typer.Option(None, help="Lĩnh vực, ví dụ civil_status"),
    commune: str | None = typer.Option(None, help="Mã xã/phường: kèm chi tiết riêng của xã"),
    as_json: bool = typer.Option(False, "--json", help="In JSON cho script"),
) -> None:
    """List procedures. Example: motcua procedures list --category civil_status"""
    base = run(_base(commune))
    procs = [p for p in base if category is None or p.category == category]
    if as_json:
        print_json([{"id": p.id, "name": p.name_vi, "category": p.category} for p in procs])
        return
    table = Table("Mã", "Tên thủ tục", "Lĩnh vực", "Lệ phí", "Thời gian")
    for proc in procs:
        table.add_row(
            proc.id,
            proc.name_vi,
            proc.category,
            html.unescape(fee_text(proc)),
            time_text(proc),
        )
    console.print(table)
    console.print(f"{len(procs)} thủ tục.")


@procedures_app.command("show")
def procedures_show(
    procedure_id: str = typer.Argument(..., help="Mã thủ tục, ví dụ khai_sinh"),
    commune: str | None = typer.Option(None, help="Mã xã/phường: thẻ trả lời như người dân thấy"),
) -> None:
    """Show the answer card citizens get. Example: motcua procedures show khai_sinh"""
    base = run(_base(commune))
    proc = base.get(procedure_id)
    if proc is None:
        err_console.print(f"[bold red]Lỗi:[/] Không có thủ tục mã {procedure_id!r}.")
        raise typer.Exit(1)
    console.print(html.unescape(render_answer(proc)), markup=False, highlight=False)


def _entry(proc: Procedure) -> dict[str, Any]:
    return proc.model_dump(mode="json", exclude_defaults=False)


@procedures_app.command("export")
def procedures_export(
    out: Path | None = typer.Option(None, "--out", help="Ghi ra tệp thay vì màn hình"),
    commune: str | None = typer.Option(None, help="Mã xã/phường: kèm chi tiết riêng của xã"),
    overrides: bool = typer.Option(
        False, "--overrides", help="Xuất các chi tiết riêng đã lưu (dạng dùng cho import)"
    ),
) -> None:
    """Export as YAML. Example: motcua procedures export --overrides --out local.yaml"""
    if overrides:

        async def work(db: Database) -> list[dict[str, Any]]:
            async with db.session() as session:
                return [dict(row.data) for row in await all_overrides(session)]

        data: dict[str, Any] = {"overrides": run(with_db(work))}
    else:
        data = {"procedures": [_entry(p) for p in run(_base(commune))]}
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    if out is None:
        console.print(text, markup=False, highlight=False, end="")
    else:
        out.write_text(text, encoding="utf-8")
        console.print(f"Đã ghi {out}.")


@procedures_app.command("set")
def procedures_set(
    commune: str | None = typer.Option(None, help="Mã xã/phường, ví dụ 00634"),
    province: str | None = typer.Option(None, help="Mã tỉnh (áp dụng cho mọi xã của tỉnh)"),
    procedure: str | None = typer.Option(None, help="Mã thủ tục; bỏ trống = mọi thủ tục"),
    desk_address: str | None = typer.Option(None, help="Địa chỉ bộ phận một cửa"),
    opening_hours: str | None = typer.Option(None, help="Giờ làm việc"),
    fee: int | None = typer.Option(None, min=0, help="Lệ phí tại địa phương (đồng)"),
    fee_note: str | None = typer.Option(None, help="Ghi chú về lệ phí"),
    phone: str | None = typer.Option(None, help="Số điện thoại"),
    note: list[str] = typer.Option([], help="Lưu ý thêm (có thể lặp lại)"),
) -> None:
    """Set local details. Example: motcua procedures set --commune 00634 --procedure khai_sinh
    --desk-address "Số 1 Tây Mỗ" --opening-hours "8:00-17:00" --fee 0 --phone "024 1234 567\""""
    if (commune is None) == (province is None):
        err_console.print("[bold red]Lỗi:[/] Cần đúng một trong --commune hoặc --province.")
        raise typer.Exit(1)
    data: dict[str, Any] = {
        "scope": "commune" if commune else "province",
        "code": commune or province,
    }
    for key, value in (
        ("procedure_id", procedure),
        ("desk_address", desk_address),
        ("opening_hours", opening_hours),
        ("fee_vnd", fee),
        ("fee_note", fee_note),
        ("phone", phone),
    ):
        if value is not None:
            data[key] = value
    if note:
        data["notes"] = list(note)
    if len(data) == 2 + ("procedure_id" in data):
        err_console.print("[bold red]Lỗi:[/] Chưa có chi tiết nào để lưu (ví dụ --phone).")
        raise typer.Exit(1)

    async def work(db: Database) -> None:
        async with db.session() as session:
            await save_override(session, data)

    run(with_db(work))
    target = procedure or "mọi thủ tục"
    console.print(f"Đã lưu chi tiết riêng của {data['scope']} {data['code']} cho {target}.")


@procedures_app.command("import")
def procedures_import(
    file: Path = typer.Argument(..., help="Tệp YAML có danh sách 'overrides:'"),
    commune: str | None = typer.Option(None, help="Mã xã cho các mục không ghi 'code'"),
    province: str | None = typer.Option(None, help="Mã tỉnh cho các mục không ghi 'code'"),
) -> None:
    """Import local details; the whole file is refused on any error.
    Example: motcua procedures import tay_mo.yaml --commune 00634"""
    try:
        entries = load_overrides(file)
    except ProcedureLoadError as exc:
        for line in exc.errors:
            err_console.print(f"[bold red]Lỗi:[/] {line}", markup=True, highlight=False)
        raise typer.Exit(1) from exc
    default_scope = "province" if province else "commune"
    default_code = province or commune

    async def work(db: Database) -> int:
        async with db.session() as session:
            for number, entry in enumerate(entries, start=1):
                if "code" not in entry:
                    if default_code is None:
                        raise UserError(f"Mục {number}: thiếu 'code' (hoặc dùng --commune).")
                    entry = {"scope": default_scope, "code": default_code, **entry}
                try:
                    await save_override(session, entry)
                except UserError as exc:
                    raise UserError(f"Mục {number}: {exc}") from exc
        return len(entries)

    count = run(with_db(work))
    console.print(f"Đã nhập {count} mục từ {file.name}.")


@procedures_report_app.command("procedures")
def report_procedures(
    commune: str | None = typer.Option(None, help="Chỉ một xã/phường"),
    as_json: bool = typer.Option(False, "--json", help="In JSON cho script"),
) -> None:
    """Helpful / not helpful / sent to a person, per procedure; worst answers first.
    Example: motcua report procedures --commune 00634"""

    async def work(db: Database) -> list[tuple[str | None, str, int]]:
        query = select(
            ProcedureFeedback.procedure_id, ProcedureFeedback.verdict, func.count()
        ).group_by(col(ProcedureFeedback.procedure_id), col(ProcedureFeedback.verdict))
        if commune:
            query = query.where(ProcedureFeedback.commune_code == commune)
        async with db.session() as session:
            return [(p, v, int(n)) for p, v, n in (await session.exec(query)).all()]

    counts: dict[str | None, dict[str, int]] = {}
    for pid, verdict, n in run(with_db(work)):
        counts.setdefault(pid, {"helpful": 0, "not_helpful": 0, "asked": 0})[verdict] = n
    base = default_procedures()
    rows = sorted(
        counts.items(),
        key=lambda item: (-(item[1]["not_helpful"] + item[1]["asked"]), str(item[0])),
    )
    if as_json:
        print_json([{"procedure_id": pid, **c} for pid, c in rows])
        return
    table = Table("Mã", "Thủ tục", "Hữu ích", "Chưa đúng ý", "Hỏi cán bộ")
    for pid, c in rows:
        proc = base.get(pid) if pid else None
        name = proc.name_vi if proc else (NO_MATCH if pid is None else pid)
        table.add_row(pid or "—", name, str(c["helpful"]), str(c["not_helpful"]), str(c["asked"]))
    console.print(table)
    if not rows:
        console.print("Chưa có góp ý hay câu hỏi nào.")
