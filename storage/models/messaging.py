"""Messaging plumbing: inbound deduplication, the outbox, and links between
platform messages and tickets (how a reply-to finds its ticket)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.clock import utcnow
from storage.types import UTCDateTime


class InboundEvent(SQLModel, table=True):
    """One row per platform event handled; the unique key makes redelivery harmless."""

    __table_args__ = (UniqueConstraint("channel", "external_id"),)

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=16)
    external_id: str = Field(max_length=128)
    status: str = Field(default="done", max_length=12)  # done | failed
    # Kept only when handling failed, so the event can be replayed instead of lost.
    payload: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    received_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class OutboxMessage(SQLModel, table=True):
    """A message decided in a transaction and delivered later by the sender.

    ``payload`` is channel-independent: text, buttons, photos, location, reply target.
    """

    __table_args__ = (Index("ix_outbox_due", "status", "next_attempt_at"),)

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=16)
    chat_id: str = Field(max_length=64, index=True)
    thread_id: int | None = None
    payload: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    ticket_id: int | None = Field(default=None, foreign_key="ticket.id", index=True)
    link_role: str | None = Field(default=None, max_length=16)
    status: str = Field(default="pending", max_length=12)  # pending | sent | failed | held
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    locked_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_error: str | None = Field(default=None, sa_type=Text)
    external_message_id: str | None = Field(default=None, max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class MessageLink(SQLModel, table=True):
    """A platform message that belongs to a ticket: its card, a relayed reply, a citizen's
    message. A reply-to on any of them finds the ticket through this table."""

    __table_args__ = (UniqueConstraint("channel", "chat_id", "message_id"),)

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=16)
    chat_id: str = Field(max_length=64)
    message_id: str = Field(max_length=64)
    ticket_id: int = Field(foreign_key="ticket.id", index=True)
    role: str = Field(max_length=16)  # card | relay | citizen | confirm
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
