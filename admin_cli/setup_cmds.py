"""Setting a commune up: database, units, chat binding codes, officials."""

from __future__ import annotations

import typer
from rich.progress import Progress

from admin_cli import people_cmds
from admin_cli.common import console, run, settings, with_db
from handlers.binding import create_binding_code
from handlers.departments import DEPARTMENT_KEYS
from handlers.directory import add_official
from handlers.units import official_units, sync_units
from storage import migrate
from storage.db import Database

db_app = typer.Typer(help="Cơ sở dữ liệu. Ví dụ: motcua db upgrade", no_args_is_help=True)
units_app = typer.Typer(
    help="Đơn vị hành chính 2025. Ví dụ: motcua units sync --province 01", no_args_is_help=True
)
chat_app = typer.Typer(
    help="Nhóm chat của phòng ban. Ví dụ: motcua chat code --commune 00634 --department economic",
    no_args_is_help=True,
)
official_app = typer.Typer(
    help="Cán bộ. Ví dụ: motcua official add --telegram-id 5001 "
    '--name "Nguyễn Văn A" --commune 00634 --department economic',
    no_args_is_help=True,
)


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply all migrations (safe to run again). Example: motcua db upgrade"""
    migrate.upgrade(settings().database_url)
    console.print("Cơ sở dữ liệu đã ở phiên bản mới nhất.")


@units_app.command("sync")
def units_sync(
    province: str | None = typer.Option(None, help="Chỉ một tỉnh, mã 2 chữ số, ví dụ 01"),
) -> None:
    """Load the 34 provinces and 3,321 communes with their five departments (idempotent).

    Example: motcua units sync --province 01
    """
    units = official_units(province)
    if not units:
        console.print(f"[red]Không có tỉnh mã {province!r}.[/]")
        raise typer.Exit(1)

    async def work(db: Database) -> None:
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task("Đang nạp đơn vị hành chính", total=len(units))
            async with db.session() as session:
                report = await sync_units(
                    session, units, progress=lambda n: progress.advance(task, n)
                )
        console.print(
            f"Đã xử lý {report.total} xã/phường/đặc khu: thêm {report.communes_added}, "
            f"cập nhật {report.communes_updated}; thêm {report.departments_added} phòng ban."
        )

    run(with_db(work))


@chat_app.command("code")
def chat_code(
    commune: str = typer.Option(..., help="Mã xã/phường 5 chữ số, ví dụ 00634"),
    department: str = typer.Option(..., help=f"Một trong: {', '.join(DEPARTMENT_KEYS)}"),
) -> None:
    """Print a one-time code (valid 24 h) to bind a Telegram group: post /bind CODE there.

    Example: motcua chat code --commune 00634 --department economic
    """
    ttl = settings().binding_code_ttl_hours

    async def work(db: Database) -> str:
        async with db.session() as session:
            row = await create_binding_code(
                session, commune_code=commune, department_key=department, ttl_hours=ttl
            )
            return row.code

    code = run(with_db(work))
    console.print(f"Trong nhóm Telegram của phòng, gõ: /bind {code}  (hiệu lực {ttl} giờ)")
    console.print(code, highlight=False)


@official_app.command("add")
def official_add(
    telegram_id: int = typer.Option(..., help="ID Telegram của cán bộ"),
    name: str = typer.Option(..., help="Họ tên"),
    commune: str = typer.Option(..., help="Mã xã/phường 5 chữ số"),
    department: str | None = typer.Option(None, help="Phòng ban (bỏ trống cho leader/admin)"),
    role: str = typer.Option("officer", help="officer | head | leader | admin"),
) -> None:
    """Register an official. Example: motcua official add --telegram-id 5001
    --name "Nguyễn Văn A" --commune 00634 --department economic"""

    async def work(db: Database) -> None:
        async with db.session() as session:
            official = await add_official(
                session,
                telegram_id=telegram_id,
                name=name,
                commune_code=commune,
                department_key=department,
                role=role,
            )
            console.print(
                f"Đã đăng ký cán bộ {official.name} ({official.role}), id {official.id}."
            )

    run(with_db(work))


official_app.command("list")(people_cmds.official_list)
official_app.command("remove")(people_cmds.official_remove)
official_app.command("import")(people_cmds.official_import)
chat_app.command("list")(people_cmds.chat_list)
chat_app.command("unbind")(people_cmds.chat_unbind)
