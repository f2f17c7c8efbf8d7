"""What a citizen sees of their own tickets."""

from __future__ import annotations

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers import texts
from handlers.citizens import citizen_chat
from handlers.deadlines import render_deadline
from handlers.outbox import say
from storage.models import Citizen, Department, Ticket

LIST_LIMIT = 10


async def list_tickets(session: AsyncSession, citizen: Citizen) -> None:
    rows = (
        await session.exec(
            select(Ticket, Department)
            .join(Department, col(Department.id) == Ticket.department_id)
            .where(Ticket.citizen_id == citizen.id)
            .order_by(col(Ticket.created_at).desc())
            .limit(LIST_LIMIT)
        )
    ).all()
    if not rows:
        say(session, citizen_chat(citizen), texts.NO_TICKETS)
        return
    lines = [texts.MY_TICKETS_HEADER]
    for ticket, department in rows:
        lines.append(
            texts.MY_TICKET_LINE.format(
                code=ticket.code,
                status=texts.STATUS_LABELS.get(ticket.status, ticket.status),
                department=department.name,
                deadline=render_deadline(ticket.resolve_due_at),
            )
        )
    say(session, citizen_chat(citizen), "\n".join(lines))


async def show_by_code(session: AsyncSession, citizen: Citizen, args: str) -> None:
    """/tra_cuu CODE: one of the citizen's own tickets; someone else's is not found."""
    from handlers.ticket_codes import find_code
    from storage.models import Commune, TicketMessage

    code = find_code(args or "")
    to = citizen_chat(citizen)
    if code is None:
        say(session, to, texts.LOOKUP_USAGE)
        return
    ticket = (
        await session.exec(
            select(Ticket).where(Ticket.code == code, Ticket.citizen_id == citizen.id)
        )
    ).first()
    if ticket is None:
        say(session, to, texts.NOT_YOUR_TICKET)
        return
    department = await session.get(Department, ticket.department_id)
    commune = await session.get(Commune, ticket.commune_code)
    text = texts.LOOKUP_RESULT.format(
        code=ticket.code,
        status=texts.STATUS_LABELS.get(ticket.status, ticket.status),
        department=department.name if department else "",
        commune=commune.name if commune else ticket.commune_code,
        deadline=render_deadline(ticket.resolve_due_at),
        created=render_deadline(ticket.created_at),
    )
    if ticket.status in ("resolved", "closed"):
        result = (
            await session.exec(
                select(TicketMessage.text)
                .where(
                    TicketMessage.ticket_id == ticket.id, TicketMessage.author_kind == "official"
                )
                .order_by(col(TicketMessage.id).desc())
            )
        ).first()
        if result:
            text += texts.LOOKUP_RESULT_TEXT.format(text=result[:1500])
    say(session, to, text)
