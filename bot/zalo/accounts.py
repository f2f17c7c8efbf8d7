"""Which OA serves whom, and the chat ids Zalo citizens get.

A Zalo user id is only meaningful to the OA that saw it, so a citizen's chat id is
``<oa_id>:<user_id>``: the transport reads from it which OA (and token) sends the answer.
"""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.directory import get_commune
from handlers.errors import UserError
from storage.clock import utcnow
from storage.models import Commune, ZaloAccount

CHANNEL = "zalo"


def chat_key(oa_id: str, user_id: str) -> str:
    return f"{oa_id}:{user_id}"


def split_chat(chat_id: str) -> tuple[str, str]:
    oa_id, sep, user_id = chat_id.partition(":")
    if not sep or not oa_id or not user_id:
        raise ValueError(f"not a Zalo chat id: {chat_id!r}")
    return oa_id, user_id


async def account_by_oa(session: AsyncSession, oa_id: str) -> ZaloAccount | None:
    return (await session.exec(select(ZaloAccount).where(ZaloAccount.oa_id == oa_id))).first()


async def connect_account(
    session: AsyncSession,
    *,
    oa_id: str,
    access_token: str,
    refresh_token: str,
    expires_in: int,
    province_code: str | None = None,
    commune_code: str | None = None,
) -> ZaloAccount:
    """Store an OA's first tokens (or new ones after a lost refresh token)."""
    oa_id = oa_id.strip()
    if not oa_id or ":" in oa_id:
        raise UserError("OA id không hợp lệ (số id của Official Account, không có dấu ':').")
    if not access_token.strip() or not refresh_token.strip():
        raise UserError("Thiếu access token hoặc refresh token.")
    if expires_in <= 0:
        raise UserError("--expires-in phải là số giây dương (Zalo trả về, ví dụ 90000).")
    if (province_code is None) == (commune_code is None):
        raise UserError("Chọn đúng một phạm vi: --province MÃ_TỈNH hoặc --commune MÃ_XÃ.")
    if commune_code is not None:
        await get_commune(session, commune_code)
    else:
        known = (
            await session.exec(select(Commune.code).where(Commune.province_code == province_code))
        ).first()
        if known is None:
            raise UserError(f"Không có tỉnh mã {province_code!r}. Chạy `motcua units sync` trước?")
    account = await account_by_oa(session, oa_id) or ZaloAccount(
        oa_id=oa_id, access_token="", refresh_token="", expires_at=utcnow()
    )
    account.access_token = access_token.strip()
    account.refresh_token = refresh_token.strip()
    account.expires_at = utcnow() + timedelta(seconds=expires_in)
    account.province_code = province_code
    account.commune_code = commune_code
    account.last_error = None
    account.last_error_at = None
    session.add(account)
    await session.flush()
    return account


async def list_accounts(session: AsyncSession) -> list[ZaloAccount]:
    return list((await session.exec(select(ZaloAccount).order_by(ZaloAccount.oa_id))).all())
