"""Digests: each department group's morning list and the leaders' Monday summary.

Both are logged per target and period (`DigestLog`), so a restart or a second scheduler never
sends one twice and a late start still sends the day's digest once.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, time, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers import texts
from handlers.actions import Button, pack
from handlers.deadlines import calendar_for
from handlers.outbox import Outgoing, Recipient, enqueue
from handlers.reminder_messages import compose
from handlers.reminders import CLAIMABLE, RUNNING
from storage.models import ChatBinding, Commune, Department, DigestLog, Official, Ticket

OPEN = (*RUNNING, "waiting_citizen")
SHOW_TICKET = "tk"  # tk:<ticket id>: show the ticket's card
MAX_CODE_BUTTONS = 24
DAILY_AT = time(7, 30)


async def _claim(session: AsyncSession, kind: str, target: str, period: str) -> bool:
    """Record the digest as sent; False when it already was (by us or by another process)."""
    exists = (
        await session.exec(
            select(DigestLog.id).where(
                DigestLog.kind == kind, DigestLog.target == target, DigestLog.period == period
            )
        )
    ).first()
    if exists is not None:
        return False
    try:
        async with session.begin_nested():
            session.add(DigestLog(kind=kind, target=target, period=period))
    except IntegrityError:
        return False
    return True


async def daily_digests(session: AsyncSession, now: datetime) -> int:
    """The 07:30 list for every bound department group, on working days only."""
    calendar = await calendar_for(session)
    local = now.astimezone(calendar.tz)
    if not calendar.is_working_day(local.date()) or local.time() < DAILY_AT:
        return 0
    end_of_day = calendar.end_of_day(local.date())
    sent = 0
    bindings = (await session.exec(select(ChatBinding))).all()
    for binding in bindings:
        target = f"{binding.channel}:{binding.chat_id}:{binding.thread_id or ''}"
        if not await _claim(session, "daily", target, local.date().isoformat()):
            continue
        department = await session.get(Department, binding.department_id)
        tickets = (
            await session.exec(
                select(Ticket)
                .where(
                    Ticket.department_id == binding.department_id,
                    col(Ticket.status).in_(OPEN),
                )
                .order_by(col(Ticket.resolve_due_at))
            )
        ).all()
        header = texts.DAILY_HEADER.format(
            day=local.strftime("%d/%m/%Y"), department=department.name if department else ""
        )
        if not tickets:
            text = f"{header}\n{texts.DAILY_NOTHING}"
            buttons: list[list[Button]] = []
        else:
            due = [t for t in tickets if t.resolve_due_at is not None]
            counts = texts.DAILY_COUNTS.format(
                open=len(tickets),
                due_today=sum(now <= t.resolve_due_at <= end_of_day for t in due),  # type: ignore[operator]
                overdue=sum(t.resolve_due_at < now for t in due),  # type: ignore[operator]
                unclaimed=sum(t.assignee_id is None and t.status in CLAIMABLE for t in tickets),
            )
            text = f"{header}\n{counts}\n{texts.DAILY_BUTTONS_NOTE}"
            shown = tickets[:MAX_CODE_BUTTONS]
            row_of = 3
            buttons = [
                [Button(t.code, pack(SHOW_TICKET, t.id or 0)) for t in shown[i : i + row_of]]
                for i in range(0, len(shown), row_of)
            ]
        to = Recipient(binding.channel, str(binding.chat_id), binding.thread_id)
        enqueue(session, to, Outgoing(text=text, buttons=buttons))
        sent += 1
    return sent


def _rate(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else texts.WEEKLY_NO_DATA


async def weekly_summaries(session: AsyncSession, now: datetime) -> int:
    """Monday's summary of the past seven days for every leader, per department."""
    calendar = await calendar_for(session)
    local = now.astimezone(calendar.tz)
    week_start = datetime.combine(
        local.date() - timedelta(days=local.weekday()), time(0), tzinfo=calendar.tz
    )
    since = week_start - timedelta(days=7)
    iso = local.isocalendar()
    period = f"{iso.year}-W{iso.week:02d}"
    leaders = (
        await session.exec(
            select(Official).where(Official.role == "leader", col(Official.active).is_(True))
        )
    ).all()
    by_commune: dict[str, list[Official]] = defaultdict(list)
    for leader in leaders:
        by_commune[leader.commune_code].append(leader)
    sent = 0
    for commune_code, people in sorted(by_commune.items()):
        text = await _summary(session, commune_code, since, week_start, period)
        for person in people:
            if await _claim(session, "weekly", f"telegram:{person.telegram_id}", period):
                enqueue(session, Recipient("telegram", str(person.telegram_id)), Outgoing(text))
                sent += 1
    return sent


async def _summary(
    session: AsyncSession, commune_code: str, since: datetime, until: datetime, period: str
) -> str:
    commune = await session.get(Commune, commune_code)
    departments = (
        await session.exec(select(Department).where(Department.commune_code == commune_code))
    ).all()
    tickets = (
        await session.exec(
            select(Ticket).where(
                Ticket.commune_code == commune_code,
                (col(Ticket.created_at) >= since) | (col(Ticket.resolved_at) >= since),
            )
        )
    ).all()
    lines: list[str] = []
    for department in departments:
        mine = [t for t in tickets if t.department_id == department.id]
        received = [t for t in mine if since <= t.created_at < until]
        resolved = [
            t for t in mine if t.resolved_at is not None and since <= t.resolved_at < until
        ]
        if not received and not resolved:
            continue
        on_time = [t for t in resolved if t.resolve_due_at and t.resolved_at <= t.resolve_due_at]  # type: ignore[operator]
        ratings = [t.rating for t in resolved if t.rating is not None]
        lines.append(
            texts.WEEKLY_LINE.format(
                department=department.name,
                received=len(received),
                resolved=len(resolved),
                on_time=_rate(len(on_time), len(resolved)),
                rating=f"{sum(ratings) / len(ratings):.1f}/5" if ratings else texts.WEEKLY_NO_DATA,
            )
        )
    header = texts.WEEKLY_HEADER.format(week=period, commune=commune.name if commune else "")
    return compose(header, lines) if lines else f"{header}\n{texts.WEEKLY_NOTHING}"
