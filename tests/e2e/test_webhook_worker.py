"""Scaling out: Telegram → `motcua serve` (webhook, checks and queues in a Redis Stream) →
`motcua worker`s (handle, ack after commit, deliver the outbox). Real Redis, real aiogram."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from redis.asyncio import Redis
from sqlmodel import select

from bot.inbound_queue import InboundQueue
from bot.telegram.emulator import BotAPIEmulator
from bot.web import SECRET_HEADER, create_web_app
from bot.worker import Worker
from handlers.units import official_units, sync_units
from storage.db import Database
from storage.models import Ticket
from storage.settings import Settings
from tests.support.redis_server import REDIS_URL
from tests.support.world import BOT_ID, FAST, RETRY_BASE, TOKEN, eventually

CITIZEN = 7001
SECRET = "webhook-secret-for-tests"


@dataclass
class Deployment:
    emulator: BotAPIEmulator
    client: TestClient  # type: ignore[type-arg]
    queue: InboundQueue
    settings: Settings
    db: Database

    def worker(self, name: str, *, reclaim_after_ms: int = 60_000) -> Worker:
        queue = InboundQueue(
            self.queue.redis, prefix=self.settings.redis_prefix, reclaim_after_ms=reclaim_after_ms
        )
        return Worker(self.settings, queue, consumer=name, limits=FAST, retry_base=RETRY_BASE)

    async def citizen_says(self, text: str) -> dict[str, Any]:
        """The citizen writes; returns the update Telegram would POST to our webhook."""
        message = await self.emulator.send_text(CITIZEN, CITIZEN, text)
        update_id = self.emulator.update_for(CITIZEN, message["message_id"])
        return dict(self.emulator.bot(None).delivered[update_id])

    async def post(self, update: Any, *, secret: str = SECRET) -> int:
        response = await self.client.post(
            "/telegram/webhook", json=update, headers={SECRET_HEADER: secret}
        )
        return response.status

    async def queued(self) -> int:
        return int(await self.queue.redis.xlen(self.queue.stream("telegram")))


@pytest.fixture
async def deployment(database_url: str, redis_prefix: str) -> AsyncIterator[Deployment]:
    db = Database(database_url)
    async with db.session() as session:
        await sync_units(session, official_units("01"))
    redis = Redis.from_url(REDIS_URL)
    async with BotAPIEmulator() as emulator:
        emulator.add_bot(TOKEN, BOT_ID, "motcua_test_bot")
        emulator.user(CITIZEN, "Lan")
        emulator.private_chat(CITIZEN)
        settings = Settings(
            database_url=database_url,
            redis_url=REDIS_URL,
            redis_prefix=redis_prefix,
            telegram_token=TOKEN,
            telegram_api_base=emulator.base_url,
            webhook_secret=SECRET,
        )
        queue = InboundQueue(redis, prefix=redis_prefix)
        client = TestClient(TestServer(create_web_app(settings, db, queue)))
        await client.start_server()
        try:
            yield Deployment(emulator, client, queue, settings, db)
        finally:
            await client.close()
            await redis.aclose()
            await db.dispose()


async def test_a_webhook_update_is_handled_by_a_worker(deployment: Deployment) -> None:
    emu = deployment.emulator
    assert await deployment.post(await deployment.citizen_says("/start")) == 200
    assert await deployment.queued() == 1
    worker = deployment.worker("w1")
    await worker.start()
    try:
        await emu.wait_for(CITIZEN, "Xin chào")
        await emu.wait_for(CITIZEN, "xã, phường nào")
        pending = await deployment.queue.redis.xpending(
            deployment.queue.stream("telegram"), "workers"
        )
        assert pending["pending"] == 0  # acknowledged after the commit
    finally:
        await worker.stop()


async def test_forged_malformed_and_oversized_posts_are_refused(deployment: Deployment) -> None:
    update = await deployment.citizen_says("/start")
    assert await deployment.post(update, secret="guess") == 401
    assert await deployment.post(update, secret="") == 401
    assert await deployment.post({"hello": "world"}) == 400
    response = await deployment.client.post(
        "/telegram/webhook", data=b"\x00\xff not json", headers={SECRET_HEADER: SECRET}
    )
    assert response.status == 400
    response = await deployment.client.post(
        "/telegram/webhook", data=b"x" * (2 * 1024 * 1024), headers={SECRET_HEADER: SECRET}
    )
    assert response.status == 413
    assert await deployment.queued() == 0  # nothing was queued


async def test_telegram_retrying_a_webhook_makes_one_ticket(deployment: Deployment) -> None:
    emu = deployment.emulator
    worker = deployment.worker("w1")
    await worker.start()
    try:
        await deployment.post(await deployment.citizen_says("/start"))
        await emu.wait_for(CITIZEN, "xã, phường nào")
        await deployment.post(await deployment.citizen_says("tay mo"))
        choices = await emu.wait_for(CITIZEN, "chọn đúng xã")
        query = await emu.press_button(
            CITIZEN,
            CITIZEN,
            choices["message_id"],
            emu.button_data(CITIZEN, choices["message_id"], 1),
        )
        update = next(
            u
            for u in emu.bot(None).delivered.values()
            if u.get("callback_query", {}).get("id") == query
        )
        await deployment.post(dict(update))
        await emu.wait_for(CITIZEN, "Đã ghi nhận")
        report = await deployment.citizen_says(
            "Cột điện đầu ngõ 3 nghiêng hẳn sang đường, dây điện võng thấp rất nguy hiểm"
        )
        await deployment.post(report)
        await deployment.post(report)  # Telegram did not see our 200 and sends it again
        await emu.wait_for(CITIZEN, "Đã tiếp nhận")
        await deployment.post(report)

        async def drained() -> bool:
            info = await deployment.queue.redis.xpending(
                deployment.queue.stream("telegram"), "workers"
            )
            return bool(info["pending"] == 0)

        await eventually(drained)
    finally:
        await worker.stop()
    async with deployment.db.session() as session:
        assert len((await session.exec(select(Ticket))).all()) == 1


async def test_an_entry_left_by_a_dead_worker_is_reclaimed(deployment: Deployment) -> None:
    emu = deployment.emulator
    await deployment.post(await deployment.citizen_says("/start"))
    dead = deployment.queue
    await dead.ensure_group("telegram")
    taken = await dead.read("telegram", "dead-worker", block_ms=10)
    assert len(taken) == 1  # read, then the worker died before acknowledging it
    survivor = deployment.worker("survivor", reclaim_after_ms=50)
    await survivor.start()
    try:
        await emu.wait_for(CITIZEN, "Xin chào", timeout=10)
    finally:
        await survivor.stop()
    assert len([m for m in emu.sent_to(CITIZEN) if "Xin chào" in m["text"]]) == 1


async def test_health_and_metrics(deployment: Deployment) -> None:
    health = await deployment.client.get("/healthz")
    assert health.status == 200 and (await health.json())["ok"] is True
    metrics = await deployment.client.get("/metrics")
    assert metrics.status == 200
    assert "motcua_outbox_messages" in await metrics.text()
