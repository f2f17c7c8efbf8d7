"""Looking up communes, departments, their bound chats and officials."""

from __future__ import annotations

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.errors import UserError
from handlers.outbox import Recipient
from storage.models import ChatBinding, Commune, Department, Official

OFFICIAL_ROLES = ("officer", "head", "leader", "admin")
COMMUNE_WIDE_ROLES = ("leader", "admin")


async def get_commune(session: AsyncSession, code: str) -> Commune:
    commune = await session.get(Commune, code)
    if commune is None:
        raise UserError(f"Không có xã/phường mã {code!r}. Chạy `motcua units sync` trước?")
    return commune


async def get_department(session: AsyncSession, commune_code: str, key: str) -> Department:
    await get_commune(session, commune_code)
    department = (
        await session.exec(
            select(Department).where(
                Department.commune_code == commune_code, Department.key == key
            )
        )
    ).first()
    if department is None:
        raise UserError(f"Xã/phường {commune_code} không có phòng {key!r}.")
    return department


async def department_chat(session: AsyncSession, department_id: int) -> Recipient | None:
    binding = (
        await session.exec(select(ChatBinding).where(ChatBinding.department_id == department_id))
    ).first()
    if binding is None:
        return None
    return Recipient(binding.channel, str(binding.chat_id), binding.thread_id)


async def bindings_of_chat(
    session: AsyncSession, chat_id: int, thread_id: int | None
) -> list[ChatBinding]:
    """The departments a group (or one of its topics) serves."""
    rows = (await session.exec(select(ChatBinding).where(ChatBinding.chat_id == chat_id))).all()
    exact = [b for b in rows if b.thread_id == thread_id]
    return exact or [b for b in rows if b.thread_id is None]


async def official_for_department(
    session: AsyncSession, telegram_id: int, department: Department
) -> Official | None:
    """The active official allowed to act for this department, if this person is one."""
    rows = (
        await session.exec(
            select(Official).where(
                Official.telegram_id == telegram_id,
                Official.commune_code == department.commune_code,
                col(Official.active).is_(True),
            )
        )
    ).all()
    for official in rows:
        if official.department_id == department.id or official.role in COMMUNE_WIDE_ROLES:
            return official
    return None


async def add_official(
    session: AsyncSession,
    *,
    telegram_id: int,
    name: str,
    commune_code: str,
    department_key: str | None,
    role: str = "officer",
) -> Official:
    if role not in OFFICIAL_ROLES:
        raise UserError(
            f"Vai trò {role!r} không hợp lệ; chọn một trong: {', '.join(OFFICIAL_ROLES)}."
        )
    if not name.strip():
        raise UserError("Tên cán bộ không được để trống.")
    department_id = None
    if department_key is not None:
        department_id = (await get_department(session, commune_code, department_key)).id
    elif role not in COMMUNE_WIDE_ROLES:
        raise UserError("Cán bộ vai trò officer/head phải thuộc một phòng (--department).")
    else:
        await get_commune(session, commune_code)
    existing = (
        await session.exec(
            select(Official).where(
                Official.telegram_id == telegram_id,
                Official.commune_code == commune_code,
                Official.department_id == department_id,
            )
        )
    ).first()
    if existing is not None:
        existing.name, existing.role, existing.active = name.strip(), role, True
        session.add(existing)
        return existing
    official = Official(
        telegram_id=telegram_id,
        name=name.strip(),
        commune_code=commune_code,
        department_id=department_id,
        role=role,
    )
    session.add(official)
    await session.flush()
    return official
