"""SLA data admins change (policy overrides, calendar exceptions) and what the scheduler
records so that a restart, a crash or a second scheduler never sends a reminder twice."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.clock import utcnow
from storage.types import UTCDateTime


class SlaPolicyOverride(SQLModel, table=True):
    """One `motcua sla set` row; empty scope fields mean "any", empty clocks keep the default."""

    id: int | None = Field(default=None, primary_key=True)
    province_code: str | None = Field(default=None, max_length=2, index=True)
    commune_code: str | None = Field(default=None, max_length=5, index=True)
    department_key: str | None = Field(default=None, max_length=40)
    category: str | None = Field(default=None, max_length=32)
    priority: str | None = Field(default=None, max_length=10)
    claim: str | None = Field(default=None, max_length=16)
    resolve: str | None = Field(default=None, max_length=16)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class CalendarException(SQLModel, table=True):
    """A day an admin declared off (extra holiday) or working (make-up Saturday)."""

    day: date = Field(primary_key=True)
    working: bool
    note: str = Field(default="", max_length=200)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class OfficeHoursSetting(SQLModel, table=True):
    """The office hours deadlines count in (one row; none means 07:30–17:00 without lunch)."""

    id: int = Field(default=1, primary_key=True)
    start: time
    end: time
    lunch_start: time | None = None
    lunch_end: time | None = None
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ReminderLog(SQLModel, table=True):
    """A reminder level reached by one clock of one ticket; the unique key makes it once-only.

    kind is "claim" or "resolve"; level 1 and 2 are the 50% and 80% marks, 3 the deadline,
    3 + n the n-th working day after it.
    """

    __table_args__ = (UniqueConstraint("ticket_id", "kind", "level"),)

    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id")
    kind: str = Field(max_length=10)
    level: int
    sent_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ReminderPlan(SQLModel, table=True):
    """When a ticket next needs a look, and the ticket fields that answer was computed from.

    The scan reads only rows whose ``next_at`` has passed (indexed), and re-plans tickets whose
    deadlines, status or assignee no longer match the copy kept here, so a million open tickets
    cost one index range and one join instead of a million deadline computations a minute.
    """

    __table_args__ = (Index("ix_reminderplan_next_at", "next_at"),)

    ticket_id: int = Field(foreign_key="ticket.id", primary_key=True)
    status: str = Field(max_length=20)
    # A transfer changes the department: its people start from the first reminder again.
    department_id: int | None = None
    # Where the reminder fractions count from: creation, or the transfer to this department.
    started_at: datetime = Field(sa_type=UTCDateTime)
    assignee_id: int | None = None
    claim_due_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    resolve_due_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    next_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class DigestLog(SQLModel, table=True):
    """A digest sent to one target for one period (a day or an ISO week): never twice."""

    __table_args__ = (UniqueConstraint("kind", "target", "period"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16)  # daily | weekly
    target: str = Field(max_length=80)
    period: str = Field(max_length=16)
    sent_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
