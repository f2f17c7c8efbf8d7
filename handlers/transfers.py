"""Moving a ticket to another department of its commune or to another commune: deadlines
restart under the new department's policy, the card and its history go to the new group,
the old card stops offering buttons, and the citizen is told where it went."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers import texts
from handlers.cards import history_text, post_card, refresh_card
from handlers.deadlines import render_deadline, ticket_deadlines
from handlers.directory import department_chat
from handlers.errors import UserError
from handlers.lifecycle import Actor, transition
from handlers.outbox import Outgoing, enqueue
from handlers.routing import route
from handlers.ticket_actions import actor, tell_citizen, where
from storage.clock import utcnow
from storage.models import Commune, Department, Official, Ticket


async def transfer(
    session: AsyncSession,
    ticket: Ticket,
    by: Official | Actor,
    target: Department,
    *,
    reason: str = "",
) -> str:
    """Move to another department (of this or another commune); deadlines restart there.

    ``by`` is the official who pressed the button, or an admin actor (`motcua tickets
    reassign`); both go through these same steps.
    """
    assert ticket.id is not None and target.id is not None
    if target.id == ticket.department_id:
        raise UserError(texts.NO_OTHER_DEPARTMENT)
    old_chat = await department_chat(session, ticket.department_id)
    old_department, _ = await where(session, ticket)
    commune = await session.get(Commune, target.commune_code)
    assert commune is not None
    claim_due, resolve_due = await ticket_deadlines(
        session,
        start=utcnow(),
        category=ticket.category,
        priority=ticket.priority,
        province_code=commune.province_code,
        commune_code=commune.code,
        department_key=target.key,
    )
    await transition(
        session,
        ticket,
        "transfer",
        by if isinstance(by, Actor) else actor(by),
        note=f"{old_department.name} → {target.name} — {commune.name}"
        + (f": {reason}" if reason else ""),
        changes={
            "department_id": target.id,
            "commune_code": commune.code,
            "assignee_id": None,
            "claim_due_at": claim_due,
            "resolve_due_at": resolve_due,
            "card_posted": False,
        },
    )
    if old_chat is not None:
        await refresh_card(session, ticket, old_chat, buttons=False)
    new_chat = await department_chat(session, target.id)
    if new_chat is not None:
        await post_card(session, ticket, new_chat)
        enqueue(
            session,
            new_chat,
            Outgoing(text=await history_text(session, ticket), reply_to_link=(ticket.id, "card")),
            ticket_id=ticket.id,
            link_role="relay",
        )
    await tell_citizen(
        session,
        ticket,
        texts.CITIZEN_TRANSFERRED.format(
            code=ticket.code,
            department=target.name,
            commune=commune.name,
            deadline=render_deadline(resolve_due),
        ),
    )
    return texts.TRANSFERRED_NOTICE.format(
        code=ticket.code, department=target.name, commune=commune.name
    )


async def other_departments(session: AsyncSession, ticket: Ticket) -> Sequence[Department]:
    return (
        await session.exec(
            select(Department)
            .where(
                Department.commune_code == ticket.commune_code,
                Department.id != ticket.department_id,
            )
            .order_by(col(Department.id))
        )
    ).all()


async def department_in_commune(
    session: AsyncSession, ticket: Ticket, commune_code: str
) -> Department:
    """The department of another commune that takes this kind of matter (its routing rules)."""
    commune = await session.get(Commune, commune_code)
    if commune is None:
        raise UserError(texts.TRANSFER_COMMUNE_NOT_FOUND.format(query=commune_code))
    if commune.code == ticket.commune_code:
        raise UserError(texts.SAME_COMMUNE.format(commune=commune.name))
    decision = await route(
        session,
        intent=ticket.intent,
        category=ticket.category,
        text=ticket.text,
        commune_code=commune.code,
        allow_ask=False,
    )
    department = (
        await session.exec(
            select(Department).where(
                Department.commune_code == commune.code, Department.key == decision.department
            )
        )
    ).first()
    if department is None:
        raise UserError(texts.TRANSFER_COMMUNE_NOT_SERVED.format(commune=commune.name))
    return department
