"""Queueing outgoing messages in the caller's transaction (the transactional outbox).

Nothing is sent here: a message exists only if the change that caused it commits, and the
sender delivers it afterwards, surviving restarts in between.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.actions import Button
from storage.models import OutboxMessage


@dataclass(frozen=True)
class Recipient:
    """A chat on a channel (a citizen's private chat, a department group or topic)."""

    channel: str
    chat_id: str
    thread_id: int | None = None


@dataclass
class Outgoing:
    text: str | None = None
    buttons: list[list[Button]] = field(default_factory=list)
    photos: list[dict[str, str]] = field(default_factory=list)
    location: tuple[float, float] | None = None
    reply_to_message_id: str | None = None
    # Reply to a message known only after delivery (e.g. a ticket's card): ticket id + role.
    reply_to_link: tuple[int, str] | None = None

    def payload(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        if self.text is not None:
            data["text"] = self.text
        if self.buttons:
            data["buttons"] = [
                [{"label": b.label, "action": b.action} for b in row] for row in self.buttons
            ]
        if self.photos:
            data["photos"] = self.photos
        if self.location is not None:
            data["location"] = list(self.location)
        if self.reply_to_message_id is not None:
            data["reply_to_message_id"] = self.reply_to_message_id
        if self.reply_to_link is not None:
            data["reply_to_link"] = {
                "ticket_id": self.reply_to_link[0],
                "role": self.reply_to_link[1],
            }
        return data


def enqueue(
    session: AsyncSession,
    to: Recipient,
    message: Outgoing,
    *,
    ticket_id: int | None = None,
    link_role: str | None = None,
) -> OutboxMessage:
    """Add one message to the outbox; ``link_role`` records the sent message against the ticket."""
    row = OutboxMessage(
        channel=to.channel,
        chat_id=to.chat_id,
        thread_id=to.thread_id,
        payload=message.payload(),
        ticket_id=ticket_id,
        link_role=link_role,
    )
    session.add(row)
    return row


def say(
    session: AsyncSession,
    to: Recipient,
    text: str,
    *,
    buttons: list[list[Button]] | None = None,
    reply_to_message_id: str | None = None,
) -> OutboxMessage:
    """The common case: a plain text answer, optionally with buttons."""
    return enqueue(
        session,
        to,
        Outgoing(text=text, buttons=buttons or [], reply_to_message_id=reply_to_message_id),
    )
