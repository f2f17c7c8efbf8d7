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
