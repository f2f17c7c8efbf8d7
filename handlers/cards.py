"""The ticket card officials see in their group, and posting it with its photos and map."""

from __future__ import annotations

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers import texts
from handlers.actions import Button, pack
from handlers.deadlines import render_deadline
from handlers.outbox import Outgoing, Recipient, enqueue
from handlers.working_time import render_deadline_vi
from storage.models import Attachment, Commune, Official, Ticket, TicketEvent

OFFICIAL_BUTTON = "ob"  # ob:<verb>:<ticket id>; verbs below
CLAIM, TRANSFER_DEPT, TRANSFER_COMMUNE, EXTEND, RESOLVE, REJECT = "c", "t", "x", "e", "r", "j"

CARD_TEXT_LIMIT = 3000  # the card stays under Telegram's 4,096 with its header


def hide_phones(text: str) -> str:
    """A group sees the problem, not the citizen's phone number (kept on the ticket)."""
    from nlu.entities import find_entities

    phones = [e for e in find_entities(text) if e.kind == "phone"]
    for entity in sorted(phones, key=lambda e: e.start, reverse=True):
        text = text[: entity.start] + texts.PHONE_HIDDEN + text[entity.end :]
    return text


async def card_text(session: AsyncSession, ticket: Ticket) -> str:
    commune = await session.get(Commune, ticket.commune_code)
    body = hide_phones(ticket.text)
    if len(body) > CARD_TEXT_LIMIT:
        body = body[:CARD_TEXT_LIMIT] + "…"
    text = texts.CARD.format(
        code=ticket.code,
        category=texts.CATEGORY_LABELS.get(ticket.category, ticket.category),
        commune=f"{commune.name}, {commune.province_name}" if commune else ticket.commune_code,
        deadline=render_deadline(ticket.resolve_due_at),
        status=texts.STATUS_LABELS.get(ticket.status, ticket.status),
        location=await _work_lines(session, ticket)
        + (texts.CARD_LOCATION if ticket.latitude is not None else ""),
        text=body,
    )
    if ticket.kind == "question":
        text = text.replace(
            texts.CARD.split("\n", 1)[0].format(code=ticket.code),
            texts.CARD_QUESTION_TITLE.format(code=ticket.code),
        )
    return text


async def actor_name(session: AsyncSession, kind: str, actor_id: str | None) -> str:
    if kind == "official" and actor_id and actor_id.isdigit():
        official = await session.get(Official, int(actor_id))
        return official.name if official else kind
    return texts.CITIZEN_ACTOR if kind == "citizen" else texts.SYSTEM_ACTOR


async def _work_lines(session: AsyncSession, ticket: Ticket) -> str:
    """Who has the ticket and what happened last, so the group always shows the truth."""
    lines = ""
    if ticket.assignee_id is not None:
        assignee = await session.get(Official, ticket.assignee_id)
        if assignee is not None:
            lines += texts.CARD_ASSIGNEE.format(name=assignee.name)
    if ticket.reopened_count:
        lines += texts.CARD_REOPENED.format(count=ticket.reopened_count)
    last = (
        await session.exec(
            select(TicketEvent)
            .where(TicketEvent.ticket_id == ticket.id, col(TicketEvent.to_value).is_not(None))
            .order_by(col(TicketEvent.id).desc())
        )
    ).first()
    if last is not None and last.action in texts.ACTION_LABELS:
        lines += texts.CARD_LAST_ACTION.format(
            action=texts.ACTION_LABELS[last.action],
            who=await actor_name(session, last.actor_kind, last.actor_id),
            when=render_deadline_vi(last.created_at),
        )
    return lines


async def history_text(session: AsyncSession, ticket: Ticket) -> str:
    """The timeline from the audit events, for a new group or /ticket."""
    events = (
        await session.exec(
            select(TicketEvent)
            .where(TicketEvent.ticket_id == ticket.id)
            .order_by(col(TicketEvent.id))
        )
    ).all()
    lines = [texts.HISTORY_HEADER.format(code=ticket.code)]
    for event in events:
        lines.append(
            texts.HISTORY_LINE.format(
                when=render_deadline(event.created_at),
                action=texts.ACTION_LABELS.get(event.action, event.action),
                who=await actor_name(session, event.actor_kind, event.actor_id),
                note=f": {event.note}" if event.note else "",
            )
        )
    return "\n".join(lines)[:4000]


def card_buttons(ticket: Ticket) -> list[list[Button]]:
    """The buttons that make sense in the ticket's state; a finished ticket has none."""
    assert ticket.id is not None

    def button(label: str, verb: str) -> Button:
        return Button(label, pack(OFFICIAL_BUTTON, verb, ticket.id or 0))

    moves = [
        button(texts.BTN_TRANSFER_DEPT, TRANSFER_DEPT),
        button(texts.BTN_TRANSFER_COMMUNE, TRANSFER_COMMUNE),
    ]
    reject = [button(texts.BTN_REJECT, REJECT)]
    work = [button(texts.BTN_RESOLVE, RESOLVE), button(texts.BTN_EXTEND, EXTEND)]
    if ticket.status in ("new", "transferred"):
        return [[button(texts.BTN_CLAIM, CLAIM)], moves, reject]
    if ticket.status == "reopened":
        return [[button(texts.BTN_CLAIM, CLAIM)], work, moves, reject]
    if ticket.status in ("assigned", "in_progress", "waiting_citizen"):
        return [work, moves, reject]
    return []


async def refresh_card(
    session: AsyncSession, ticket: Ticket, chat: Recipient, *, buttons: bool = True
) -> None:
    """Edit the card in place (the sender finds the card message through its link)."""
    assert ticket.id is not None
    payload = {
        "edit_link": {"ticket_id": ticket.id, "role": "card"},
        "text": await card_text(session, ticket),
        "buttons": [
            [{"label": b.label, "action": b.action} for b in row]
            for row in (card_buttons(ticket) if buttons else [])
        ],
    }
    from storage.models import OutboxMessage

    session.add(
        OutboxMessage(
            channel=chat.channel,
            chat_id=chat.chat_id,
            thread_id=chat.thread_id,
            payload=payload,
            ticket_id=ticket.id,
        )
    )


async def post_card(session: AsyncSession, ticket: Ticket, chat: Recipient) -> None:
    """Queue the card, then its photos and location as replies to it (same chat, in order)."""
    assert ticket.id is not None
    enqueue(
        session,
        chat,
        Outgoing(text=await card_text(session, ticket), buttons=card_buttons(ticket)),
        ticket_id=ticket.id,
        link_role="card",
    )
    photos = (
        await session.exec(
            select(Attachment)
            .where(Attachment.ticket_id == ticket.id, Attachment.kind == "photo")
            .order_by(Attachment.id)  # type: ignore[arg-type]
        )
    ).all()
    if photos:
        enqueue(
            session,
            chat,
            Outgoing(
                photos=[
                    {"channel": p.channel, "file_id": p.file_id, "attachment_id": str(p.id)}
                    for p in photos
                ],
                reply_to_link=(ticket.id, "card"),
            ),
            ticket_id=ticket.id,
            link_role="card_media",
        )
    if ticket.latitude is not None and ticket.longitude is not None:
        enqueue(
            session,
            chat,
            Outgoing(
                location=(ticket.latitude, ticket.longitude), reply_to_link=(ticket.id, "card")
            ),
            ticket_id=ticket.id,
            link_role="card_media",
        )
    ticket.card_posted = True
    session.add(ticket)
