"""An end-to-end world: the Bot API emulator, the real aiogram bot and outbox sender,
a database with Hà Nội's 126 units, and the people who use it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from bot.outbox.ratelimit import Limits
from bot.runtime import EmbeddedApp
from bot.sandbox.render import sample_png
from bot.telegram.emulator import BotAPIEmulator
from handlers.binding import create_binding_code
from handlers.directory import add_official
from handlers.units import official_units, sync_units
from storage.db import Database
from storage.settings import Settings

TOKEN = "123456:TEST-token"
BOT_ID = 123456
TAY_MO = "00634"
# Fast limits: tests check behaviour, not Telegram's pacing (benchmarks measure that).
FAST = Limits(
    global_per_second=1000,
    private_per_second=1000,
    private_burst=1000,
    group_per_minute=60000,
    group_burst=1000,
)


RETRY_BASE = 0.05


def restart(world: World, *, deliver: bool = True) -> EmbeddedApp:
    """A new process on the same database and emulator, as after a crash and restart."""
    return EmbeddedApp(world.settings, limits=FAST, deliver=deliver, retry_base=RETRY_BASE)


@dataclass
class World:
    emulator: BotAPIEmulator
    app: EmbeddedApp
    db: Database
    settings: Settings

    async def bind(
        self,
        group_id: int,
        department: str,
        by_user: int,
        commune: str = TAY_MO,
        *,
        thread_id: int | None = None,
    ) -> Any:
        async with self.db.session() as session:
            code = await create_binding_code(
                session, commune_code=commune, department_key=department, ttl_hours=24
            )
        await self.emulator.send_text(by_user, group_id, f"/bind {code.code}", thread_id=thread_id)
        return await self.emulator.wait_for(group_id, "đã được gắn")

    async def add_official(
        self,
        telegram_id: int,
        department: str | None,
        commune: str = TAY_MO,
        role: str = "officer",
    ) -> None:
        async with self.db.session() as session:
            await add_official(
                session,
                telegram_id=telegram_id,
                name=f"Cán bộ {telegram_id}",
                commune_code=commune,
                department_key=department,
                role=role,
            )

    async def department_group(
        self,
        group_id: int,
        official: int,
        department: str = "economic",
        *,
        register: bool = True,
    ) -> None:
        """A group with the bot in it, bound to the department, and its official registered."""
        emu = self.emulator
        emu.user(official, f"Cán bộ {official}")
        emu.group(group_id, f"Nhóm {department}")
        await emu.add_member(group_id, official)
        await emu.bot_added_to_group(group_id, official)
        await emu.wait_for(group_id, "chưa được gắn")
        await self.bind(group_id, department, official)
        if register:
            await self.add_official(official, department)

    async def citizen(self, user: int, name: str = "Lan", commune_query: str = "tay mo") -> None:
        """A citizen who has opened the bot and chosen their commune."""
        self.emulator.user(user, name)
        self.emulator.private_chat(user)
        await self.emulator.send_text(user, user, "/start")
        await self.choose_commune(user, commune_query)

    async def settled(self, timeout: float = 10.0) -> None:
        """Wait until the outbox has nothing left to try now (sent, failed or held)."""
        from sqlmodel import select

        from storage.models import OutboxMessage

        async def outbox_settled() -> bool:
            async with self.db.session() as session:
                rows = await session.exec(
                    select(OutboxMessage.id).where(OutboxMessage.status == "pending")
                )
                return rows.first() is None

        await eventually(outbox_settled, timeout)

    async def choose_commune(self, user: int, query: str = "tay mo") -> None:
        await self.emulator.send_text(user, user, query)
        choices = await self.emulator.wait_for(user, "chọn đúng xã")
        await self.emulator.press_button(
            user,
            user,
            choices["message_id"],
            self.emulator.button_data(user, choices["message_id"], 1),
        )
        await self.emulator.wait_for(user, "Đã ghi nhận")


async def eventually(check: Callable[[], Awaitable[bool]], timeout: float = 5.0) -> None:
    """Wait until ``check`` holds (the bot works asynchronously); fail clearly if it never does."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not await check():
        if loop.time() > deadline:
            raise AssertionError(f"condition {check.__name__} not met within {timeout}s")
        await asyncio.sleep(0.05)


def photo(seed: int = 0) -> bytes:
    return sample_png(seed=seed)


@asynccontextmanager
async def running_world(
    database_url: str, *, deliver: bool = True, **overrides: Any
) -> AsyncIterator[World]:
    db = Database(database_url)
    async with db.session() as session:
        await sync_units(session, official_units("01"))
    async with BotAPIEmulator() as emulator:
        emulator.add_bot(TOKEN, BOT_ID, "motcua_test_bot")
        settings = Settings(
            database_url=database_url,
            telegram_token=TOKEN,
            telegram_api_base=emulator.base_url,
            **overrides,
        )
        app = EmbeddedApp(settings, limits=FAST, deliver=deliver, retry_base=RETRY_BASE)
        await app.start()
        world = World(emulator=emulator, app=app, db=db, settings=settings)
        try:
            yield world
        finally:
            await world.app.stop()
            await db.dispose()
