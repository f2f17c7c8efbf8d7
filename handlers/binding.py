"""Binding a Telegram group (or forum topic) to a department with a one-time code."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers import texts
from handlers.backlog import count_backlog, deliver_backlog
from handlers.directory import get_department
from handlers.outbox import Recipient, say
from storage.clock import utcnow
from storage.models import BindingCode, ChatBinding, Commune, Department

# No 0/O or 1/I/L: codes are typed from a screen or a printed sheet.
_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


@dataclass(frozen=True)
class BindResult:
    ok: bool
    message: str


async def create_binding_code(
    session: AsyncSession, *, commune_code: str, department_key: str, ttl_hours: int
) -> BindingCode:
    department = await get_department(session, commune_code, department_key)
    assert department.id is not None
    code = "".join(secrets.choice(_ALPHABET) for _ in range(8))
    row = BindingCode(
        code=code, department_id=department.id, expires_at=utcnow() + timedelta(hours=ttl_hours)
    )
    session.add(row)
    await session.flush()
    return row


async def bind_chat(
    session: AsyncSession,
    *,
    chat_id: int,
    thread_id: int | None,
    title: str,
    user_id: int,
    code: str,
    reply_to: Recipient,
) -> BindResult:
    """Consume the code and bind; a wrong, used or expired code binds nothing.

    The confirmation is queued before the backlog so the group reads it first.
    """
    row = await session.get(BindingCode, code.strip().upper())
    refusal = None
    if row is None:
        refusal = texts.BIND_BAD_CODE
    elif row.used_at is not None:
        refusal = texts.BIND_USED
    elif row.expires_at <= utcnow():
        refusal = texts.BIND_EXPIRED
    if row is None or refusal is not None:
        say(session, reply_to, refusal or texts.BIND_BAD_CODE)
        return BindResult(False, refusal or texts.BIND_BAD_CODE)
    department = await session.get(Department, row.department_id)
    assert department is not None and department.id is not None
    commune = await session.get(Commune, department.commune_code)
    assert commune is not None

    row.used_at, row.used_by_chat = utcnow(), chat_id
    session.add(row)
    existing = (
        await session.exec(select(ChatBinding).where(ChatBinding.department_id == department.id))
    ).first()
    # A topic or group serves one department at a time: rebinding moves it.
    stale = (
        await session.exec(
            select(ChatBinding).where(
                ChatBinding.chat_id == chat_id,
                col(ChatBinding.thread_id).is_(None)
                if thread_id is None
                else ChatBinding.thread_id == thread_id,
                ChatBinding.department_id != department.id,
            )
        )
    ).all()
    for binding in stale:
        await session.delete(binding)
    if existing is None:
        existing = ChatBinding(department_id=department.id, chat_id=chat_id, bound_by=user_id)
    existing.chat_id, existing.thread_id, existing.title = chat_id, thread_id, title
    existing.bound_by, existing.bound_at = user_id, utcnow()
    session.add(existing)
    await session.flush()

    message = texts.BIND_OK.format(department=department.name, commune=commune.name)
    waiting = await count_backlog(session, department)
    if waiting:
        message += "\n" + texts.BIND_BACKLOG.format(count=waiting)
    say(session, reply_to, message)
    await deliver_backlog(session, department)
    return BindResult(True, message)
