"""The ticket lifecycle: one table of allowed moves, and the one function that makes them.

Every status change goes through `transition`, so that a move is checked against the table,
applied in a single conditional UPDATE (two officials pressing at once: exactly one wins),
and recorded as an audit event — or refused whole, never half-applied.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers import texts
from handlers.deadlines import calendar_for
from handlers.errors import UserError
from handlers.working_time import shift_for_pause
from storage.clock import utcnow
from storage.models import Ticket, TicketEvent

STATUSES = (
    "new",
    "assigned",
    "in_progress",
    "waiting_citizen",
    "transferred",
    "resolved",
    "closed",
    "rejected",
    "reopened",
)
WORKING = ("assigned", "in_progress", "waiting_citizen", "reopened")
NOT_FINISHED = ("new", "transferred", *WORKING)
STAYS = "="  # the action leaves the status as it is (extend)

# action -> (statuses it may start from, status it leads to)
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "claim": (frozenset({"new", "transferred", "reopened"}), "assigned"),
    "reply": (frozenset({"new", "transferred", *WORKING}), "in_progress"),
    "ask": (frozenset({"new", "transferred", *WORKING}), "waiting_citizen"),
    "citizen_answer": (frozenset({"waiting_citizen"}), "in_progress"),
    "extend": (frozenset(WORKING), STAYS),
    "transfer": (frozenset(NOT_FINISHED), "transferred"),
    "resolve": (frozenset(WORKING), "resolved"),
    "reject": (frozenset(NOT_FINISHED), "rejected"),
    "rate": (frozenset({"resolved"}), "closed"),
    "reopen": (frozenset({"resolved"}), "reopened"),
    "close": (frozenset({"resolved"}), "closed"),
}


class IllegalTransition(UserError):
    """The ticket is not in a state that allows this; the message says what state it is in."""

    def __init__(self, ticket: Ticket, action: str) -> None:
        self.ticket_code = ticket.code
        self.status = ticket.status
        self.action = action
        super().__init__(
            texts.ILLEGAL_TRANSITION.format(
                code=ticket.code,
                status=texts.STATUS_LABELS.get(ticket.status, ticket.status),
                action=texts.ACTION_LABELS.get(action, action),
            )
        )


@dataclass(frozen=True)
class Actor:
    kind: str  # citizen | official | system | admin
    id: str | None = None


def target_status(action: str, current: str) -> str | None:
    """Where ``action`` leads from ``current``, or None when the table forbids it."""
    rule = TRANSITIONS.get(action)
    if rule is None or current not in rule[0]:
        return None
    return current if rule[1] == STAYS else rule[1]


async def _pause_changes(
    session: AsyncSession, ticket: Ticket, to: str, now: datetime
) -> dict[str, Any]:
    """Entering waiting_citizen stops the clock; leaving it moves the deadlines later."""
    if to == "waiting_citizen" and ticket.status != "waiting_citizen":
        return {"paused_at": now}
    if ticket.status != "waiting_citizen" or to == "waiting_citizen":
        return {}
    changes: dict[str, Any] = {"paused_at": None}
    if ticket.paused_at is None:
        return changes
    calendar = await calendar_for(session)
    for field in ("claim_due_at", "resolve_due_at"):
        due = getattr(ticket, field)
        if due is not None:
            changes[field] = shift_for_pause(due, ticket.paused_at, now, calendar)
    return changes


async def transition(
    session: AsyncSession,
    ticket: Ticket,
    action: str,
    actor: Actor,
    *,
    note: str | None = None,
    changes: dict[str, Any] | None = None,
) -> TicketEvent:
    """Apply ``action`` with its field ``changes`` and record it, or raise IllegalTransition.

    The UPDATE only matches if the status is still the one read: a concurrent move made
    meanwhile makes this one fail cleanly, and ``ticket`` then shows the winner's state.
    """
    assert ticket.id is not None
    await session.flush()
    current = ticket.status
    to = target_status(action, current)
    if to is None:
        raise IllegalTransition(ticket, action)
    now = utcnow()
    values: dict[str, Any] = {"status": to, "updated_at": now}
    values.update(await _pause_changes(session, ticket, to, now))
    values.update(changes or {})
    result = await session.exec(
        update(Ticket)
        .where(col(Ticket.id) == ticket.id, col(Ticket.status) == current)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    await session.refresh(ticket)
    if result.rowcount != 1:
        raise IllegalTransition(ticket, action)
    event = TicketEvent(
        ticket_id=ticket.id,
        actor_kind=actor.kind,
        actor_id=actor.id,
        action=action,
        from_value=current,
        to_value=to,
        note=note,
        created_at=now,
    )
    session.add(event)
    await session.flush()
    return event
