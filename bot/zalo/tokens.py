"""Access tokens: read from the database, refreshed before expiry or when Zalo refuses one.

A refresh token works once. Two refreshers racing would leave one of them holding a spent
token, so one refresh runs at a time (a lock per OA in this process, a row lock across
processes) and the new pair is stored in the same transaction that read the old one.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.zalo.accounts import account_by_oa
from bot.zalo.api import ZaloAPI, ZaloError
from handlers import texts
from handlers.directory import department_chat
from handlers.outbox import say
from storage.clock import utcnow
from storage.db import Database
from storage.models import Commune, Department, ZaloAccount

log = logging.getLogger(__name__)
# Refresh this long before expiry, so a message never goes out with a token about to lapse.
EARLY = timedelta(minutes=10)


class TokenUnavailable(Exception):
    """No usable token: the OA is not connected, or the refresh failed (admins were told)."""


class TokenStore:
    def __init__(
        self,
        db: Database,
        api: ZaloAPI,
        app_id: str,
        app_secret: str,
    ) -> None:
        self.db = db
        self.api = api
        self.app_id = app_id
        self.app_secret = app_secret
        self._locks: dict[str, asyncio.Lock] = {}

    def _lock(self, oa_id: str) -> asyncio.Lock:
        return self._locks.setdefault(oa_id, asyncio.Lock())

    async def access_token(self, oa_id: str) -> str:
        """A token valid for a while yet, refreshing first if it is about to expire."""
        async with self.db.session() as session:
            account = await account_by_oa(session, oa_id)
            if account is None:
                raise TokenUnavailable(f"OA {oa_id} is not connected (motcua zalo connect)")
            token, expires_at = account.access_token, account.expires_at
        if expires_at - EARLY > utcnow():
            return token
        return await self.refresh(oa_id, spent=token)

    async def refresh_due(self) -> int:
        """Refresh every token near expiry, so a quiet OA keeps a live refresh token (they
        lapse after three months unused); returns how many were refreshed."""
        async with self.db.session() as session:
            due = (
                await session.exec(
                    select(ZaloAccount.oa_id, ZaloAccount.access_token).where(
                        col(ZaloAccount.expires_at) <= utcnow() + EARLY
                    )
                )
            ).all()
        done = 0
        for oa_id, token in due:
            try:
                await self.refresh(oa_id, spent=token)
            except TokenUnavailable:
                continue  # recorded and alerted by refresh()
            done += 1
        return done

    async def refresh(self, oa_id: str, *, spent: str) -> str:
        """Replace ``spent`` (expired or refused); if another refresher already did, use theirs."""
        async with self._lock(oa_id):
            if self.db.dialect == "sqlite":
                token = await self._refresh_unlocked(oa_id, spent)
            else:
                token = await self._refresh_row_locked(oa_id, spent)
        if token is None:
            raise TokenUnavailable(f"refresh failed for OA {oa_id} (admins were alerted)")
        return token

    async def _refresh_row_locked(self, oa_id: str, spent: str) -> str | None:
        """Several processes share PostgreSQL: the row lock makes them take turns."""
        async with self.db.session() as session:
            account = await _account(session, oa_id, lock=True)
            if _still_good(account, spent):
                return account.access_token
            outcome = await self._call(account.refresh_token)
            return await self._store(session, account, outcome)

    async def _refresh_unlocked(self, oa_id: str, spent: str) -> str | None:
        """One process owns a SQLite file, so the asyncio lock is enough; and the call to
        Zalo must not hold the database, whose sessions are serialised."""
        async with self.db.session() as session:
            account = await _account(session, oa_id)
            if _still_good(account, spent):
                return account.access_token
            used = account.refresh_token
        outcome = await self._call(used)
        async with self.db.session() as session:
            account = await _account(session, oa_id)
            if account.refresh_token != used:  # an admin reconnected meanwhile: keep theirs
                return account.access_token
            return await self._store(session, account, outcome)

    async def _call(self, refresh_token: str) -> tuple[str, str, int] | ZaloError:
        try:
            return await self.api.refresh_token(self.app_id, self.app_secret, refresh_token)
        except ZaloError as exc:
            return exc

    async def _store(
        self,
        session: AsyncSession,
        account: ZaloAccount,
        outcome: tuple[str, str, int] | ZaloError,
    ) -> str | None:
        """The new pair, in the transaction that read the old one; or the failure, alerted."""
        if isinstance(outcome, ZaloError):
            await self._record_failure(session, account, outcome)
            return None
        access, refresh, expires_in = outcome
        account.access_token, account.refresh_token = access, refresh
        account.expires_at = utcnow() + timedelta(seconds=expires_in)
        account.refreshed_at = utcnow()
        account.last_error = None
        session.add(account)
        log.info("zalo OA %s: access token refreshed", account.oa_id)
        return access

    async def _record_failure(
        self, session: AsyncSession, account: ZaloAccount, exc: ZaloError
    ) -> None:
        first = account.last_error is None
        account.last_error = str(exc)
        account.last_error_at = utcnow()
        session.add(account)
        log.error(
            "ZALO TOKEN REFRESH FAILED for OA %s: %s — messages to Zalo citizens are held; "
            "reconnect with `motcua zalo connect`",
            account.oa_id,
            exc,
        )
        if first:  # one alert per outage, not one per retried message
            await alert_admins(session, account, str(exc))


async def _account(session: AsyncSession, oa_id: str, *, lock: bool = False) -> ZaloAccount:
    query = select(ZaloAccount).where(ZaloAccount.oa_id == oa_id)
    account = (await session.exec(query.with_for_update() if lock else query)).first()
    if account is None:
        raise TokenUnavailable(f"OA {oa_id} is not connected (motcua zalo connect)")
    return account


def _still_good(account: ZaloAccount, spent: str) -> bool:
    return account.access_token != spent and account.expires_at - EARLY > utcnow()


async def alert_admins(session: AsyncSession, account: ZaloAccount, error: str) -> int:
    """Tell the office group(s) of the communes this OA serves; returns how many were told."""
    query = select(Department.id).join(Commune, col(Commune.code) == Department.commune_code)
    query = query.where(Department.key == "office")
    if account.commune_code is not None:
        query = query.where(Department.commune_code == account.commune_code)
    else:
        query = query.where(Commune.province_code == account.province_code)
    told = 0
    for department_id in (await session.exec(query)).all():
        if department_id is None:
            continue
        chat = await department_chat(session, department_id)
        if chat is not None:
            say(session, chat, texts.ZALO_REFRESH_FAILED.format(oa_id=account.oa_id, error=error))
            told += 1
    if told == 0:
        log.error("no office group is bound for OA %s: nobody could be alerted", account.oa_id)
    return told
