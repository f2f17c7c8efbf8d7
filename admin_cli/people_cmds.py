"""People and chats of a commune from the shell: list, remove, import officials from CSV;
list and unbind department groups. Registered on the `official` and `chat` groups."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import typer
from rich.progress import Progress
from rich.table import Table
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from admin_cli.common import console, err_console, print_json, run, with_db
from handlers.departments import DEPARTMENT_KEYS
from handlers.directory import (
    COMMUNE_WIDE_ROLES,
    OFFICIAL_ROLES,
    add_official,
    get_commune,
    get_department,
)
from handlers.errors import UserError
from storage.db import Database
from storage.models import ChatBinding, Department, Official

T = TypeVar("T")


def official_list(
    commune: str | None = typer.Option(None, help="Mã xã/phường"),
    inactive: bool = typer.Option(False, help="Cả cán bộ đã ngừng"),
    as_json: bool = typer.Option(False, "--json", help="In JSON cho script"),
) -> None:
    """List officials. Example: motcua official list --commune 00634"""

    async def work(db: Database) -> list[tuple[Official, str | None]]:
        query = select(Official, Department.key).outerjoin(
            Department, col(Department.id) == Official.department_id
        )
        if commune:
            query = query.where(Official.commune_code == commune)
        if not inactive:
            query = query.where(col(Official.active).is_(True))
        query = query.order_by(col(Official.commune_code), col(Official.name))
        async with db.session() as session:
            if commune:
                await get_commune(session, commune)
            return [(o, k) for o, k in (await session.exec(query)).all()]

    rows = run(with_db(work))
    if as_json:
        print_json(
            [
                {
                    "telegram_id": o.telegram_id,
                    "name": o.name,
                    "commune": o.commune_code,
                    "department": key,
                    "role": o.role,
                    "active": o.active,
                }
                for o, key in rows
            ]
        )
        return
    table = Table("Telegram ID", "Họ tên", "Xã", "Phòng", "Vai trò", "Hoạt động")
    for o, key in rows:
        table.add_row(
            str(o.telegram_id),
            o.name,
            o.commune_code,
            key or "—",
            o.role,
            "có" if o.active else "ngừng",
        )
    console.print(table)
    console.print(f"{len(rows)} cán bộ.")


def official_remove(
    telegram_id: int = typer.Option(..., help="ID Telegram của cán bộ"),
    commune: str = typer.Option(..., help="Mã xã/phường 5 chữ số"),
    department: str | None = typer.Option(None, help="Chỉ ở phòng này (mặc định: mọi phòng)"),
) -> None:
    """Stop an official acting for a commune; their past work stays in the history.

    Example: motcua official remove --telegram-id 5001 --commune 00634
    """

    async def work(db: Database) -> int:
        async with db.session() as session:
            await get_commune(session, commune)
            query = select(Official).where(
                Official.telegram_id == telegram_id,
                Official.commune_code == commune,
                col(Official.active).is_(True),
            )
            if department is not None:
                dept = await get_department(session, commune, department)
                query = query.where(Official.department_id == dept.id)
            rows = (await session.exec(query)).all()
            if not rows:
                raise UserError(f"Không có cán bộ đang hoạt động có ID {telegram_id} ở {commune}.")
            for official in rows:
                official.active = False
                session.add(official)
            return len(rows)

    count = run(with_db(work))
    console.print(f"Đã ngừng {count} vai trò của cán bộ {telegram_id}.")


CSV_COLUMNS = ("telegram_id", "name", "commune", "department", "role")


def _read_csv(path: Path) -> list[dict[str, str]]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (FileNotFoundError, IsADirectoryError):
        raise UserError(f"Không đọc được tệp {path}.") from None
    except UnicodeDecodeError:
        raise UserError(f"{path} không phải tệp CSV UTF-8.") from None
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in CSV_COLUMNS[:3] if c not in (reader.fieldnames or [])]
    if missing:
        raise UserError(
            f"Dòng tiêu đề thiếu cột {', '.join(missing)}; cần: {', '.join(CSV_COLUMNS)}."
        )
    return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]


async def _check_rows(session: AsyncSession, rows: list[dict[str, str]]) -> list[str]:
    """Every problem, "dòng N: …" (line 1 is the header), without writing anything."""
    errors: list[str] = []
    seen: dict[tuple[str, str, str], int] = {}
    for line, row in enumerate(rows, start=2):
        role = row.get("role") or "officer"
        department = row.get("department") or None
        try:
            if not row.get("telegram_id", "").isdigit():
                raise UserError(f"telegram_id {row.get('telegram_id')!r} phải là số")
            if not row.get("name"):
                raise UserError("thiếu họ tên")
            if role not in OFFICIAL_ROLES:
                raise UserError(f"vai trò {role!r} không hợp lệ")
            if department is None and role not in COMMUNE_WIDE_ROLES:
                raise UserError(f"cán bộ {role} phải có cột department")
            if department is None:
                await get_commune(session, row.get("commune", ""))
            else:
                await get_department(session, row.get("commune", ""), department)
            key = (row["telegram_id"], row["commune"], department or "")
            if key in seen:
                raise UserError(f"trùng với dòng {seen[key]}")
            seen[key] = line
        except UserError as exc:
            errors.append(f"dòng {line}: {exc}")
    return errors


def official_import(
    file: Path = typer.Argument(..., help="CSV: telegram_id,name,commune,department,role"),
    dry_run: bool = typer.Option(False, "--dry-run", help="Chỉ kiểm tra và xem trước"),
    yes: bool = typer.Option(False, "--yes", "-y", help="Không hỏi lại"),
) -> None:
    """Register many officials from a CSV file; any bad row stops the whole import.

    Example: motcua official import can-bo.csv --dry-run
    """
    rows = run(_async_value(_read_csv, file))

    async def check(db: Database) -> list[str]:
        async with db.session() as session:
            return await _check_rows(session, rows)

    errors = run(with_db(check))
    table = Table("Dòng", *CSV_COLUMNS, title=f"{len(rows)} cán bộ trong {file.name}")
    for line, row in enumerate(rows[:20], start=2):
        table.add_row(str(line), *(row.get(c, "") for c in CSV_COLUMNS))
    console.print(table)
    if errors:
        for error in errors:
            err_console.print(f"[red]{error}[/]", markup=True, highlight=False)
        err_console.print(f"[bold red]Lỗi:[/] {len(errors)} dòng sai; chưa nhập cán bộ nào.")
        raise typer.Exit(1)
    if dry_run or not rows:
        console.print("Không có lỗi." if rows else "Tệp không có cán bộ nào.")
        return
    if not yes:
        typer.confirm(f"Nhập {len(rows)} cán bộ?", abort=True)

    async def work(db: Database) -> None:
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task("Đang nhập cán bộ", total=len(rows))
            async with db.session() as session:
                for row in rows:
                    await add_official(
                        session,
                        telegram_id=int(row["telegram_id"]),
                        name=row["name"],
                        commune_code=row["commune"],
                        department_key=row.get("department") or None,
                        role=row.get("role") or "officer",
                    )
                    progress.advance(task)

    run(with_db(work))
    console.print(f"Đã nhập {len(rows)} cán bộ.")


async def _async_value(read: Callable[[Path], T], path: Path) -> T:
    """Lets a plain reader raise `UserError` through `run` (one clear line, exit 1)."""
    return read(path)


def chat_list(
    commune: str | None = typer.Option(None, help="Mã xã/phường"),
    as_json: bool = typer.Option(False, "--json", help="In JSON cho script"),
) -> None:
    """List the groups bound to departments. Example: motcua chat list --commune 00634"""

    async def work(db: Database) -> list[tuple[ChatBinding, Department]]:
        query = select(ChatBinding, Department).join(
            Department, col(Department.id) == ChatBinding.department_id
        )
        if commune:
            query = query.where(Department.commune_code == commune)
        query = query.order_by(col(Department.commune_code), col(Department.key))
        async with db.session() as session:
            if commune:
                await get_commune(session, commune)
            return [(b, d) for b, d in (await session.exec(query)).all()]

    rows = run(with_db(work))
    if as_json:
        print_json(
            [
                {
                    "commune": d.commune_code,
                    "department": d.key,
                    "channel": b.channel,
                    "chat_id": b.chat_id,
                    "thread_id": b.thread_id,
                    "title": b.title,
                }
                for b, d in rows
            ]
        )
        return
    table = Table("Xã", "Phòng", "Kênh", "Chat ID", "Chủ đề", "Tên nhóm")
    for b, d in rows:
        table.add_row(
            d.commune_code, d.key, b.channel, str(b.chat_id), str(b.thread_id or ""), b.title
        )
    console.print(table)
    console.print(f"{len(rows)} nhóm đã gắn.")


def chat_unbind(
    commune: str = typer.Option(..., help="Mã xã/phường 5 chữ số"),
    department: str = typer.Option(..., help=f"Một trong: {', '.join(DEPARTMENT_KEYS)}"),
) -> None:
    """Detach a department's group; new tickets wait in the queue until a group is bound.

    Example: motcua chat unbind --commune 00634 --department economic
    """

    async def work(db: Database) -> None:
        async with db.session() as session:
            dept = await get_department(session, commune, department)
            binding = (
                await session.exec(select(ChatBinding).where(ChatBinding.department_id == dept.id))
            ).first()
            if binding is None:
                raise UserError(f"Phòng {department} của {commune} chưa gắn nhóm nào.")
            await session.delete(binding)

    run(with_db(work))
    console.print(f"Đã gỡ nhóm của phòng {department} ({commune}).")
