"""An official's reply in the group reaches the citizen, as the department, never as a person."""

from __future__ import annotations

import logging

from sqlmodel.ext.asyncio.session import AsyncSession

from handlers import texts
from handlers.citizens import citizen_chat
from handlers.directory import department_chat, official_for_department
from handlers.inbound import OfficialMessage
from handlers.lifecycle import Actor, transition
from handlers.outbox import Outgoing, enqueue, say
from handlers.ticket_links import OPEN_STATUSES, link_message, ticket_by_message
from storage.clock import utcnow
from storage.models import Citizen, Commune, Department, TicketEvent, TicketMessage

log = logging.getLogger(__name__)
NOTE_PREFIX = "#note"


async def official_reply(session: AsyncSession, msg: OfficialMessage) -> None:
    group = msg.group
    ticket = await ticket_by_message(
        session, msg.channel, str(msg.chat_id), msg.reply_to_message_id
    )
    if ticket is None:
        say(session, group, texts.REPLY_NOT_A_TICKET, reply_to_message_id=msg.message_id)
        return
    assert ticket.id is not None
    department = await session.get(Department, ticket.department_id)
    assert department is not None
    bound = await department_chat(session, ticket.department_id)
    official = await official_for_department(session, msg.user_id, department)
    if official is None or bound is None or bound.chat_id != str(msg.chat_id):
        log.warning(
            "refused reply on ticket %s by user %s in chat %s",
            ticket.code,
            msg.user_id,
            msg.chat_id,
        )
        say(session, group, texts.NOT_AN_OFFICIAL, reply_to_message_id=msg.message_id)
        return
    is_note = msg.text.lstrip().lower().startswith(NOTE_PREFIX)
    if not is_note and ticket.status not in (*OPEN_STATUSES, "resolved"):
        say(
            session,
            group,
            texts.TICKET_NOT_OPEN.format(
                code=ticket.code, status=texts.STATUS_LABELS.get(ticket.status, ticket.status)
            ),
            reply_to_message_id=msg.message_id,
        )
        return
    now = utcnow()
    # A reply ending in a question asks the citizen: the clock stops until they answer.
    # The first answer on a claimed ticket starts the work; other replies move nothing.
    asks = msg.text.rstrip().endswith("?")
    moves_on = ticket.status in ("assigned", "reopened")
    if not is_note and ticket.status != "resolved" and (asks or moves_on):
        await transition(
            session,
            ticket,
            "ask" if asks else "reply",
            Actor("official", str(official.id)),
            changes={"assignee_id": ticket.assignee_id or official.id},
        )
    session.add(
        TicketMessage(
            ticket_id=ticket.id,
            author_kind="note" if is_note else "official",
            official_id=official.id,
            text=msg.text,
        )
    )
    session.add(
        TicketEvent(
            ticket_id=ticket.id,
            actor_kind="official",
            actor_id=str(official.id),
            action="note" if is_note else "official_reply",
            note=f"{len(msg.text)} ký tự, {len(msg.photos)} ảnh",
        )
    )
    link_message(session, msg.channel, str(msg.chat_id), msg.message_id, ticket.id, "official")
    if is_note:
        return
    if ticket.first_response_at is None:
        ticket.first_response_at = now
    ticket.updated_at = now
    session.add(ticket)

    citizen = await session.get(Citizen, ticket.citizen_id)
    commune = await session.get(Commune, ticket.commune_code)
    assert citizen is not None and commune is not None
    to_citizen = citizen_chat(citizen)
    if msg.text:
        enqueue(
            session,
            to_citizen,
            Outgoing(
                text=texts.OFFICIAL_REPLY.format(
                    department=department.name,
                    commune=commune.name,
                    code=ticket.code,
                    text=msg.text,
                )
            ),
            ticket_id=ticket.id,
            link_role="relay",
        )
    if msg.photos:
        enqueue(
            session,
            to_citizen,
            Outgoing(photos=[{"channel": msg.channel, "file_id": p.file_id} for p in msg.photos]),
            ticket_id=ticket.id,
            link_role="relay",
        )
    say(
        session,
        group,
        texts.REPLY_SENT.format(code=ticket.code),
        reply_to_message_id=msg.message_id,
    )
