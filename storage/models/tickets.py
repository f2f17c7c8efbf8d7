"""Citizens, their tickets, what was said on them, and the audit trail of every change."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.clock import utcnow
from storage.types import UTCDateTime


class Citizen(SQLModel, table=True):
    """A channel identity (Telegram user, Zalo follower) and the commune they chose."""

    __table_args__ = (UniqueConstraint("channel", "external_id"),)

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=16)
    external_id: str = Field(max_length=64)
    chat_id: str = Field(max_length=64)
    display_name: str | None = None
    phone: str | None = Field(default=None, max_length=20)
    commune_code: str | None = Field(default=None, foreign_key="commune.code", max_length=5)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Ticket(SQLModel, table=True):
    """One citizen matter, from intake to closure; its deadlines drive the scheduler."""

    __table_args__ = (
        Index("ix_ticket_open_due", "status", "resolve_due_at"),
        Index("ix_ticket_department_status", "department_id", "status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, max_length=16)
    kind: str = Field(default="report", max_length=16)  # report | question
    citizen_id: int = Field(foreign_key="citizen.id", index=True)
    commune_code: str = Field(foreign_key="commune.code", index=True, max_length=5)
    department_id: int = Field(foreign_key="department.id")
    intent: str = Field(default="report", max_length=16)
    category: str = Field(max_length=32)
    status: str = Field(default="new", max_length=20)
    priority: str = Field(default="normal", max_length=10)
    text: str = Field(sa_type=Text)
    latitude: float | None = None
    longitude: float | None = None
    nlu_confidence: float | None = None
    procedure_id: str | None = Field(default=None, max_length=64)
    assignee_id: int | None = Field(default=None, foreign_key="official.id")
    card_posted: bool = False  # False while the department has no bound group
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    claim_due_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    resolve_due_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    first_response_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    resolved_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    rating: int | None = None
    reopened_count: int = 0
    # When the ticket began waiting for the citizen: that time does not count against it.
    paused_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class TicketMessage(SQLModel, table=True):
    """What citizens and officials said on a ticket, in order."""

    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id", index=True)
    author_kind: str = Field(max_length=16)  # citizen | official | note
    official_id: int | None = Field(default=None, foreign_key="official.id")
    text: str = Field(default="", sa_type=Text)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Attachment(SQLModel, table=True):
    """A photo or file a citizen sent; ``file_id`` is the channel's handle to it."""

    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id", index=True)
    message_id: int | None = Field(default=None, foreign_key="ticketmessage.id")
    channel: str = Field(max_length=16)
    kind: str = Field(default="photo", max_length=16)
    file_id: str = Field(max_length=255)
    file_unique_id: str | None = Field(default=None, max_length=128)
    media_group_id: str | None = Field(default=None, max_length=64, index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class TicketEvent(SQLModel, table=True):
    """The audit trail: who did what to a ticket, when, from what to what, and why."""

    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id", index=True)
    actor_kind: str = Field(max_length=16)  # citizen | official | system | admin
    actor_id: str | None = Field(default=None, max_length=64)
    action: str = Field(max_length=32)
    from_value: str | None = None
    to_value: str | None = None
    note: str | None = Field(default=None, sa_type=Text)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Draft(SQLModel, table=True):
    """A citizen's message kept while the bot asks a question about it.

    Stored in the database, not in conversation state, so that a restart in the middle
    of a question loses nothing the citizen wrote.
    """

    id: int | None = Field(default=None, primary_key=True)
    citizen_id: int = Field(foreign_key="citizen.id", index=True)
    awaiting: str = Field(max_length=20)  # category | followup
    text: str = Field(default="", sa_type=Text)
    photos: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    latitude: float | None = None
    longitude: float | None = None
    suggestions: list[str] = Field(default_factory=list, sa_type=JSON)
    media_group_id: str | None = Field(default=None, max_length=64)
    intent: str = Field(default="report", max_length=16)
    confidence: float | None = None
    # The commune the content is about when it is not the citizen's own (a named place).
    commune_code: str | None = Field(default=None, max_length=5)
    ticket_id: int | None = Field(default=None, foreign_key="ticket.id")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
