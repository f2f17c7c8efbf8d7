"""What officials read in their group: open tickets (oldest deadline first, paged), their own,
one ticket's card and timeline, and the help text."""

from __future__ import annotations

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers import texts
from handlers.actions import Button, pack
from handlers.cards import card_buttons, card_text, history_text
from handlers.deadlines import render_deadline
from handlers.directory import bindings_of_chat, official_for_department
from handlers.lifecycle import NOT_FINISHED, WORKING
from handlers.outbox import Outgoing, Recipient, enqueue, say
from handlers.ticket_codes import find_code
from storage.models import Department, Official, Ticket

PAGE_SIZE = 10
PAGE_BUTTON = "obo"


async def _departments_here(
    session: AsyncSession, here: Recipient, user_id: int
) -> list[Department] | None:
    """The departments this group (or topic) serves, if the person is one of their officials."""
    bindings = await bindings_of_chat(session, int(here.chat_id), here.thread_id)
    departments = [await session.get(Department, b.department_id) for b in bindings]
    served = [d for d in departments if d is not None]
    if not served:
        say(session, here, texts.GROUP_NOT_BOUND)
        return None
    for department in served:
        if await official_for_department(session, user_id, department) is not None:
            return served
    say(session, here, texts.NOT_ALLOWED)
    return None


def _line(ticket: Ticket, assignee: Official | None) -> str:
    return texts.OPEN_LINE.format(
        code=ticket.code,
        status=texts.STATUS_LABELS.get(ticket.status, ticket.status),
        deadline=render_deadline(ticket.resolve_due_at),
        assignee=f" — {assignee.name}" if assignee else "",
    )


async def open_tickets(
    session: AsyncSession, here: Recipient, user_id: int, page: int = 0
) -> None:
    departments = await _departments_here(session, here, user_id)
    if departments is None:
        return
    ids = [d.id for d in departments]
    query = select(Ticket).where(
        col(Ticket.department_id).in_(ids), col(Ticket.status).in_(NOT_FINISHED)
    )
    rows = (
        await session.exec(
            query.order_by(col(Ticket.resolve_due_at).asc().nulls_last(), col(Ticket.id))
        )
    ).all()
    if not rows:
        say(session, here, texts.OPEN_NONE)
        return
    page = max(0, min(page, (len(rows) - 1) // PAGE_SIZE))
    shown = rows[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    lines = [
        texts.OPEN_HEADER.format(
            start=page * PAGE_SIZE + 1, end=page * PAGE_SIZE + len(shown), total=len(rows)
        )
    ]
    for ticket in shown:
        assignee = await session.get(Official, ticket.assignee_id) if ticket.assignee_id else None
        lines.append(_line(ticket, assignee))
    more = (page + 1) * PAGE_SIZE < len(rows)
    buttons = [[Button(texts.BTN_MORE, pack(PAGE_BUTTON, page + 1))]] if more else []
    say(session, here, "\n".join(lines), buttons=buttons)


async def my_tickets(session: AsyncSession, here: Recipient, user_id: int) -> None:
    if await _departments_here(session, here, user_id) is None:
        return
    mine = (await session.exec(select(Official.id).where(Official.telegram_id == user_id))).all()
    rows = (
        await session.exec(
            select(Ticket)
            .where(col(Ticket.assignee_id).in_(mine), col(Ticket.status).in_(WORKING))
            .order_by(col(Ticket.resolve_due_at).asc().nulls_last(), col(Ticket.id))
            .limit(50)
        )
    ).all()
    if not rows:
        say(session, here, texts.MINE_NONE)
        return
    say(session, here, "\n".join([texts.MINE_HEADER, *(_line(t, None) for t in rows)]))


async def show_ticket(session: AsyncSession, here: Recipient, user_id: int, args: str) -> None:
    """The card again (with its buttons, so work goes on from here) and the timeline."""
    code = find_code(args or "")
    if code is None:
        say(session, here, texts.TICKET_USAGE)
        return
    departments = await _departments_here(session, here, user_id)
    if departments is None:
        return
    ticket = (await session.exec(select(Ticket).where(Ticket.code == code))).first()
    if ticket is None or ticket.department_id not in [d.id for d in departments]:
        say(session, here, texts.TICKET_NOT_HERE.format(code=code))
        return
    assert ticket.id is not None
    enqueue(
        session,
        here,
        Outgoing(text=await card_text(session, ticket), buttons=card_buttons(ticket)),
        ticket_id=ticket.id,
        link_role="card",
    )
    enqueue(
        session,
        here,
        Outgoing(text=await history_text(session, ticket), reply_to_link=(ticket.id, "card")),
        ticket_id=ticket.id,
        link_role="relay",
    )


def group_help(session: AsyncSession, here: Recipient) -> None:
    say(session, here, texts.GROUP_HELP)
