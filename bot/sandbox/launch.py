"""`make run` without a token: the Bot API emulator, the real bot on SQLite, one commune
(Phường Tây Mỗ, Hà Nội) with its five department groups bound and one official in each,
a Zalo OA emulator, and the terminal where a person plays the citizen (on Telegram or Zalo)
and the officials."""

from __future__ import annotations

import logging
from pathlib import Path

from bot.runtime import EmbeddedApp
from bot.sandbox.terminal import run_terminal
from bot.telegram.emulator import BotAPIEmulator
from bot.zalo.accounts import connect_account
from bot.zalo.emulator import ZaloEmulator
from handlers.binding import create_binding_code
from handlers.departments import DEPARTMENT_KEYS
from handlers.directory import add_official
from handlers.units import official_units, sync_units
from storage import migrate
from storage.db import Database
from storage.settings import Settings

log = logging.getLogger(__name__)
TOKEN = "100000:SANDBOX"
BOT_ID = 100000
COMMUNE = "00634"
CITIZEN = 7001
FIRST_GROUP = -1001000000001
FIRST_OFFICIAL = 5001
GROUP_KEYS = {
    "office": "vp",
    "economic": "kt",
    "culture_social": "vhxh",
    "service_center": "tt",
    "police": "ca",
}


async def _prepare_database(url: str) -> None:
    migrate.upgrade(url)
    db = Database(url)
    try:
        async with db.session() as session:
            await sync_units(session, official_units("01"))
            for index, key in enumerate(DEPARTMENT_KEYS):
                await add_official(
                    session,
                    telegram_id=FIRST_OFFICIAL + index,
                    name=f"Cán bộ {GROUP_KEYS[key]}",
                    commune_code=COMMUNE,
                    department_key=key,
                )
    finally:
        await db.dispose()


async def _bind_groups(emulator: BotAPIEmulator, url: str) -> dict[str, int]:
    db = Database(url)
    groups: dict[str, int] = {}
    try:
        for index, key in enumerate(DEPARTMENT_KEYS):
            chat_id, official = FIRST_GROUP - index, FIRST_OFFICIAL + index
            emulator.user(official, f"Cán bộ {GROUP_KEYS[key]}")
            emulator.group(chat_id, f"{key} - Tây Mỗ")
            await emulator.add_member(chat_id, official)
            await emulator.bot_added_to_group(chat_id, official)
            async with db.session() as session:
                code = await create_binding_code(
                    session, commune_code=COMMUNE, department_key=key, ttl_hours=1
                )
            await emulator.send_text(official, chat_id, f"/bind {code.code}")
            await emulator.wait_for(chat_id, "đã được gắn", timeout=30)
            groups[GROUP_KEYS[key]] = chat_id
    finally:
        await db.dispose()
    return groups


async def run_sandbox(database_path: Path = Path("sandbox.db")) -> None:
    url = f"sqlite:///{database_path}"
    await _prepare_database(url)
    async with BotAPIEmulator() as emulator, ZaloEmulator() as zalo:
        emulator.add_bot(TOKEN, BOT_ID, "motcua_sandbox_bot")
        settings = Settings(
            database_url=url,
            telegram_token=TOKEN,
            telegram_api_base=emulator.base_url,
            web_host="127.0.0.1",
            web_port=0,
            **zalo.settings(),
        )
        app = EmbeddedApp(settings)
        await app.start()
        try:
            await _connect_zalo(zalo, app, url)
            groups = await _bind_groups(emulator, url)
            emulator.user(CITIZEN, "Lan")
            await run_terminal(emulator, citizen=CITIZEN, official_groups=groups, zalo=zalo)
        finally:
            await app.stop()


async def _connect_zalo(zalo: ZaloEmulator, app: EmbeddedApp, url: str) -> None:
    """The sandbox's Zalo OA serves Hà Nội; its webhook is the embedded app's."""
    assert app.zalo is not None
    zalo.driver.webhook_url = app.zalo.webhook_url
    access, refresh, expires_in = zalo.issue_tokens()
    db = Database(url)
    try:
        async with db.session() as session:
            await connect_account(
                session,
                oa_id=zalo.state.oa_id,
                access_token=access,
                refresh_token=refresh,
                expires_in=expires_in,
                province_code="01",
            )
    finally:
        await db.dispose()
