"""Tickets from the shell: lists with filters, one ticket's timeline, and the admin's two
interventions (move to another department, close) — audited like an official's."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import typer
from rich.table import Table
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from admin_cli.common import console, err_console, print_json, run, with_db
from handlers import texts
from handlers.cards import actor_name, refresh_card
from handlers.deadlines import render_deadline
from handlers.directory import department_chat, get_commune, get_department
from handlers.errors import UserError
from handlers.lifecycle import NOT_FINISHED, Actor, transition
from handlers.reports import VIETNAM
from handlers.ticket_actions import tell_citizen
from handlers.transfers import transfer
from storage.clock import utcnow
from storage.db import Database
from storage.models import Department, Ticket, TicketEvent

tickets_app = typer.Typer(
    help="Phản ánh. Ví dụ: motcua tickets list --commune 00634 --overdue", no_args_is_help=True
)
ADMIN = Actor("admin", "motcua")


def _day(value: str | None, option: str) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime.combine(date.fromisoformat(value.strip()), time(), tzinfo=VIETNAM)
    except ValueError:
        err_console.print(f"[bold red]Lỗi:[/] {option} {value!r} không phải ngày YYYY-MM-DD.")
        raise typer.Exit(1) from None


@tickets_app.command("list")
def tickets_list(
    unrouted: bool = typer.Option(False, help="Chỉ phản ánh chưa gửi được tới nhóm phòng ban"),
    commune: str | None = typer.Option(None, help="Mã xã/phường"),
    department: str | None = typer.Option(None, help="Khóa phòng, ví dụ economic"),
    status: str | None = typer.Option(None, help="Trạng thái, ví dụ new"),
    category: str | None = typer.Option(None, help="Lĩnh vực, ví dụ land"),
    overdue: bool = typer.Option(False, help="Chỉ phản ánh chưa xong đã quá hạn"),
    start: str | None = typer.Option(None, "--from", help="Nhận từ ngày (YYYY-MM-DD)"),
    end: str | None = typer.Option(None, "--to", help="Nhận đến hết ngày (YYYY-MM-DD)"),
    limit: int = typer.Option(100, min=1, max=10000),
    as_json: bool = typer.Option(False, "--json", help="In JSON cho script"),
) -> None:
    """List tickets, newest first. Example: motcua tickets list --commune 00634 --overdue"""
    first, last = _day(start, "--from"), _day(end, "--to")

    async def work(db: Database) -> list[tuple[Ticket, Department]]:
        query = select(Ticket, Department).join(
            Department, col(Department.id) == Ticket.department_id
        )
        if unrouted:
            query = query.where(col(Ticket.card_posted).is_(False))
        if commune:
            query = query.where(Ticket.commune_code == commune)
        if department:
            query = query.where(Department.key == department)
        if status:
            query = query.where(Ticket.status == status)
        if category:
            query = query.where(Ticket.category == category)
        if overdue:
            query = query.where(
                col(Ticket.status).in_(NOT_FINISHED), col(Ticket.resolve_due_at) < utcnow()
            )
        if first:
            query = query.where(col(Ticket.created_at) >= first)
        if last:
            query = query.where(col(Ticket.created_at) < last + timedelta(days=1))
        query = query.order_by(col(Ticket.created_at).desc(), col(Ticket.id).desc()).limit(limit)
        async with db.session() as session:
            if commune:
                await get_commune(session, commune)
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
    for ticket, dept in rows:
        table.add_row(
            ticket.code,
            texts.STATUS_LABELS.get(ticket.status, ticket.status),
            ticket.category,
            ticket.commune_code,
            dept.key,
            render_deadline(ticket.resolve_due_at),
            "có" if ticket.card_posted else "CHƯA",
        )
    console.print(table)
    console.print(f"{len(rows)} phản ánh.")


async def _ticket(session: AsyncSession, code: str) -> Ticket:
    ticket = (
        await session.exec(select(Ticket).where(Ticket.code == code.strip().upper()))
    ).first()
    if ticket is None:
        raise UserError(f"Không có phản ánh mã {code!r}.")
    return ticket


@tickets_app.command("show")
def tickets_show(
    code: str = typer.Argument(..., help="Mã phản ánh, ví dụ PA-4829-1375"),
    as_json: bool = typer.Option(False, "--json", help="In JSON cho script"),
) -> None:
    """Show one ticket and its whole timeline. Example: motcua tickets show PA-4829-1375"""

    async def work(db: Database) -> tuple[Ticket, Department, list[dict[str, Any]]]:
        async with db.session() as session:
            ticket = await _ticket(session, code)
            dept = await session.get(Department, ticket.department_id)
            assert dept is not None
            events = (
                await session.exec(
                    select(TicketEvent)
                    .where(TicketEvent.ticket_id == ticket.id)
                    .order_by(col(TicketEvent.id))
                )
            ).all()
            timeline = [
                {
                    "at": e.created_at.isoformat(),
                    "who": f"{e.actor_kind} {await actor_name(session, e.actor_kind, e.actor_id)}",
                    "action": e.action,
                    "from": e.from_value,
                    "to": e.to_value,
                    "note": e.note,
                }
                for e in events
            ]
            return ticket, dept, timeline

    ticket, dept, timeline = run(with_db(work))
    if as_json:
        print_json(
            {
                "code": ticket.code,
                "status": ticket.status,
                "category": ticket.category,
                "commune": ticket.commune_code,
                "department": dept.key,
                "text": ticket.text,
                "rating": ticket.rating,
                "resolve_due_at": ticket.resolve_due_at,
                "timeline": timeline,
            }
        )
        return
    console.print(f"[bold]{ticket.code}[/] — {texts.STATUS_LABELS.get(ticket.status)}")
    console.print(
        f"Lĩnh vực: {ticket.category}; {dept.name} ({dept.key}) — xã {ticket.commune_code}; "
        f"hạn: {render_deadline(ticket.resolve_due_at)}",
        markup=False,
    )
    console.print(ticket.text, highlight=False, markup=False)
    table = Table("Lúc (UTC)", "Ai", "Việc", "Từ", "Sang", "Ghi chú")
    for event in timeline:
        table.add_row(
            event["at"][:16].replace("T", " "),
            event["who"],
            event["action"],
            event["from"] or "",
            event["to"] or "",
            event["note"] or "",
        )
    console.print(table)


@tickets_app.command("reassign")
def tickets_reassign(
    code: str = typer.Argument(..., help="Mã phản ánh"),
    department: str = typer.Option(..., help="Khóa phòng nhận mới, ví dụ police"),
    commune: str | None = typer.Option(None, help="Xã của phòng mới (mặc định: xã hiện tại)"),
    note: str = typer.Option("", help="Lý do, ghi vào lịch sử"),
) -> None:
    """Move a ticket to another department; its deadlines restart there and the citizen is
    told. Example: motcua tickets reassign PA-4829-1375 --department police"""

    async def work(db: Database) -> str:
        async with db.session() as session:
            ticket = await _ticket(session, code)
            target = await get_department(session, commune or ticket.commune_code, department)
            if target.id == ticket.department_id:
                raise UserError(f"Phản ánh {ticket.code} đã ở phòng {department}.")
            where = await get_commune(session, target.commune_code)
            await transfer(session, ticket, ADMIN, target, reason=note)
            return f"Đã chuyển {ticket.code} sang {target.name} — {where.name}."

    console.print(run(with_db(work)), markup=False)


@tickets_app.command("close")
def tickets_close(
    code: str = typer.Argument(..., help="Mã phản ánh"),
    reason: str = typer.Option("", help="Lý do (bắt buộc nếu phản ánh chưa xử lý xong)"),
) -> None:
    """Close a resolved ticket, or stop an unfinished one with a reason the citizen is told.

    Example: motcua tickets close PA-4829-1375 --reason "Tin nhắn thử, không phải phản ánh"
    """

    async def work(db: Database) -> str:
        async with db.session() as session:
            ticket = await _ticket(session, code)
            if ticket.status in NOT_FINISHED:
                if not reason.strip():
                    raise UserError(
                        f"Phản ánh {ticket.code} chưa xử lý xong: cần --reason để báo người dân."
                    )
                await transition(session, ticket, "reject", ADMIN, note=reason.strip())
                await tell_citizen(
                    session,
                    ticket,
                    texts.CITIZEN_REJECTED.format(code=ticket.code, reason=reason.strip()),
                )
            else:
                await transition(session, ticket, "close", ADMIN, note=reason.strip() or None)
            chat = await department_chat(session, ticket.department_id)
            if chat is not None and ticket.card_posted:
                await refresh_card(session, ticket, chat, buttons=False)
            return f"Đã đóng {ticket.code}."

    console.print(run(with_db(work)), markup=False)
