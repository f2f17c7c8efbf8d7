"""Reading tickets from the shell: lists with filters, one ticket's timeline."""

from __future__ import annotations

import typer
from rich.table import Table
from sqlmodel import col, select

from admin_cli.common import console, print_json, run, with_db
from handlers import texts
from handlers.deadlines import render_deadline
from handlers.errors import UserError
from storage.db import Database
from storage.models import Department, Ticket, TicketEvent

tickets_app = typer.Typer(
    help="Phản ánh. Ví dụ: motcua tickets list --unrouted", no_args_is_help=True
)


@tickets_app.command("list")
def tickets_list(
    unrouted: bool = typer.Option(False, help="Chỉ phản ánh chưa gửi được tới nhóm phòng ban"),
    commune: str | None = typer.Option(None, help="Mã xã/phường"),
    status: str | None = typer.Option(None, help="Trạng thái, ví dụ new"),
    limit: int = typer.Option(100, min=1, max=10000),
    as_json: bool = typer.Option(False, "--json", help="In JSON cho script"),
) -> None:
    """List tickets, newest first. Example: motcua tickets list --unrouted"""

    async def work(db: Database) -> list[tuple[Ticket, Department]]:
        query = select(Ticket, Department).join(
            Department, col(Department.id) == Ticket.department_id
        )
        if unrouted:
            query = query.where(col(Ticket.card_posted).is_(False))
        if commune:
            query = query.where(Ticket.commune_code == commune)
        if status:
            query = query.where(Ticket.status == status)
        query = query.order_by(col(Ticket.created_at).desc()).limit(limit)
        async with db.session() as session:
            return list((await session.exec(query)).all())

    rows = run(with_db(work))
    if as_json:
        print_json(
            [
                {
                    "code": t.code,
                    "status": t.status,
                    "category": t.category,
                    "commune": t.commune_code,
                    "department": d.key,
                    "routed": t.card_posted,
                    "created_at": t.created_at.isoformat(),
                    "resolve_due_at": t.resolve_due_at.isoformat() if t.resolve_due_at else None,
                }
                for t, d in rows
            ]
        )
        return
    table = Table("Mã", "Trạng thái", "Lĩnh vực", "Xã", "Phòng", "Hạn", "Đã gửi nhóm")
    for ticket, department in rows:
        table.add_row(
            ticket.code,
            texts.STATUS_LABELS.get(ticket.status, ticket.status),
            ticket.category,
            ticket.commune_code,
            department.key,
            render_deadline(ticket.resolve_due_at),
            "có" if ticket.card_posted else "CHƯA",
        )
    console.print(table)
    console.print(f"{len(rows)} phản ánh.")


@tickets_app.command("show")
def tickets_show(code: str = typer.Argument(..., help="Mã phản ánh, ví dụ PA-4829-1375")) -> None:
    """Show one ticket and its timeline. Example: motcua tickets show PA-4829-1375"""

    async def work(db: Database) -> tuple[Ticket, list[TicketEvent]]:
        async with db.session() as session:
            ticket = (
                await session.exec(select(Ticket).where(Ticket.code == code.strip().upper()))
            ).first()
            if ticket is None:
                raise UserError(f"Không có phản ánh mã {code!r}.")
            events = (
                await session.exec(
                    select(TicketEvent)
                    .where(TicketEvent.ticket_id == ticket.id)
                    .order_by(col(TicketEvent.id))
                )
            ).all()
            return ticket, list(events)

    ticket, events = run(with_db(work))
    console.print(f"[bold]{ticket.code}[/] — {texts.STATUS_LABELS.get(ticket.status)}")
    console.print(f"Lĩnh vực: {ticket.category}; hạn: {render_deadline(ticket.resolve_due_at)}")
    console.print(ticket.text, highlight=False, markup=False)
    table = Table("Lúc (UTC)", "Ai", "Việc", "Từ", "Sang", "Ghi chú")
    for event in events:
        table.add_row(
            event.created_at.strftime("%Y-%m-%d %H:%M"),
            f"{event.actor_kind} {event.actor_id or ''}",
            event.action,
            event.from_value or "",
            event.to_value or "",
            event.note or "",
        )
    console.print(table)
