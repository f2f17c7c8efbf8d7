"""Connecting a Zalo Official Account and checking its tokens."""

from __future__ import annotations

import typer
from rich.table import Table

from admin_cli.common import console, run, with_db
from bot.zalo.accounts import connect_account, list_accounts
from storage.clock import utcnow
from storage.db import Database

zalo_app = typer.Typer(
    help="Zalo Official Account. Ví dụ: motcua zalo connect --oa-id 5797458635 "
    "--access-token … --refresh-token … --expires-in 90000 --province 01",
    no_args_is_help=True,
)


@zalo_app.command("connect")
def zalo_connect(
    oa_id: str = typer.Option(..., help="Id của OA (trang quản lý OA, mục Thông tin)"),
    access_token: str = typer.Option(..., help="Access token Zalo trả về lần đầu"),
    refresh_token: str = typer.Option(..., help="Refresh token đi kèm (chỉ dùng được một lần)"),
    expires_in: int = typer.Option(..., help="Số giây access token còn hiệu lực, ví dụ 90000"),
    province: str | None = typer.Option(None, help="OA phục vụ cả tỉnh: mã 2 chữ số, ví dụ 01"),
    commune: str | None = typer.Option(None, help="OA của một xã/phường: mã 5 chữ số"),
) -> None:
    """Store an OA's first tokens; the bot refreshes them from then on.

    Example: motcua zalo connect --oa-id 5797458635 --access-token AT --refresh-token RT
    --expires-in 90000 --commune 00634
    """

    async def work(db: Database) -> str:
        async with db.session() as session:
            account = await connect_account(
                session,
                oa_id=oa_id,
                access_token=access_token,
                refresh_token=refresh_token,
                expires_in=expires_in,
                province_code=province,
                commune_code=commune,
            )
            scope = f"xã/phường {commune}" if commune else f"tỉnh {province}"
            expiry = f"{account.expires_at:%d/%m/%Y %H:%M} UTC"
            return f"Đã kết nối OA {account.oa_id} cho {scope}; token hết hạn {expiry}."

    console.print(run(with_db(work)))


@zalo_app.command("status")
def zalo_status() -> None:
    """Show each OA: what it serves, when its token expires, the last error.

    Example: motcua zalo status
    """

    async def work(db: Database) -> list[tuple[str, str, str, str]]:
        async with db.session() as session:
            accounts = await list_accounts(session)
        now = utcnow()
        rows = []
        for account in accounts:
            scope = account.commune_code or f"tỉnh {account.province_code}"
            left = (account.expires_at - now).total_seconds()
            expiry = f"{account.expires_at:%d/%m/%Y %H:%M} UTC" + (
                " (ĐÃ HẾT HẠN)" if left <= 0 else f" (còn {int(left // 3600)} giờ)"
            )
            rows.append((account.oa_id, scope, expiry, account.last_error or "—"))
        return rows

    rows = run(with_db(work))
    if not rows:
        console.print("Chưa có OA nào. Kết nối bằng: motcua zalo connect --help")
        return
    table = Table("OA", "Phạm vi", "Access token hết hạn", "Lỗi gần nhất")
    for row in rows:
        table.add_row(*row)
    console.print(table)
