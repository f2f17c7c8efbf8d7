"""Configuration as code from the shell: export to YAML, check and apply it back."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.text import Text

from admin_cli.common import console, err_console, print_json, run, with_db
from handlers.config_io import apply_plan, export_config, plan_config
from storage.db import Database

config_app = typer.Typer(
    help="Cấu hình dạng tệp YAML. Ví dụ: motcua config export --province 01 > ha-noi.yaml",
    no_args_is_help=True,
)


@config_app.command("export")
def config_export(
    province: str | None = typer.Option(None, help="Chỉ một tỉnh, mã 2 chữ số, ví dụ 01"),
    output: Path | None = typer.Option(None, "--output", "-o", help="Ghi ra tệp thay vì màn hình"),
) -> None:
    """Write departments, chats, officials, rules, SLA policies and calendar exceptions as YAML.

    Example: motcua config export --province 01 > ha-noi.yaml
    """

    async def work(db: Database) -> str:
        with err_console.status("Đang đọc cấu hình…"):
            async with db.session() as session:
                return await export_config(session, province)

    text = run(with_db(work))
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        err_console.print(f"Đã ghi {output}.")


def _read(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        message = f"không có tệp {path}"
    except IsADirectoryError:
        message = f"{path} là thư mục, không phải tệp"
    except UnicodeDecodeError:
        message = f"{path} không phải văn bản UTF-8"
    err_console.print(f"[bold red]Lỗi:[/] {message}.")
    raise typer.Exit(1)


@config_app.command("apply")
def config_apply(
    file: Path = typer.Argument(..., help="Tệp YAML, như `motcua config export` tạo ra"),
    dry_run: bool = typer.Option(False, "--dry-run", help="Chỉ kiểm tra và cho xem thay đổi"),
    yes: bool = typer.Option(False, "--yes", "-y", help="Không hỏi lại"),
    as_json: bool = typer.Option(False, "--json", help="In danh sách thay đổi dạng JSON"),
) -> None:
    """Check a configuration file, show what would change, and apply it in one transaction.

    Example: motcua config apply ha-noi.yaml --dry-run
    """
    text = _read(file)

    async def preview(db: Database) -> list[str]:
        with err_console.status("Đang kiểm tra tệp…"):
            async with db.session() as session:
                return (await plan_config(session, text)).changes

    changes = run(with_db(preview))
    if as_json:
        print_json({"changes": changes, "applied": bool(changes) and not dry_run and yes})
    elif not changes:
        console.print("Không có gì thay đổi: cơ sở dữ liệu đã đúng như tệp.")
    else:
        for line in changes:
            style = {"+": "green", "-": "red"}.get(line[0], "yellow")
            console.print(Text(line, style=style))
        console.print(f"{len(changes)} thay đổi.")
    if not changes or dry_run:
        return
    if not yes:
        if as_json:
            return
        typer.confirm("Áp dụng các thay đổi trên?", abort=True)

    async def apply(db: Database) -> int:
        with err_console.status("Đang áp dụng…"):
            async with db.session() as session:
                plan = await plan_config(session, text)
                await apply_plan(session, plan)
                return len(plan.changes)

    applied = run(with_db(apply))
    if not as_json:
        console.print(f"Đã áp dụng {applied} thay đổi.")
