"""Nothing said is lost and nothing is said twice: a crash between commit and send, Telegram's
flood control (429 retry_after) and server errors (5xx) all end in exactly one delivery."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlmodel import col, select

from storage.models import OutboxMessage, Ticket
from tests.support.world import World, eventually, restart, running_world

CITIZEN = 7001
REPORT = "Nắp cống trước cổng trường tiểu học bị vỡ, học sinh đi qua rất dễ sụt chân"


async def _pending(world: World) -> list[OutboxMessage]:
    async with world.db.session() as session:
        rows = await session.exec(select(OutboxMessage).where(OutboxMessage.status != "sent"))
        return list(rows.all())


@pytest.fixture
async def intake_only(database_url: str) -> AsyncIterator[World]:
    """A process that commits its work but dies before it can send anything."""
    async with running_world(database_url, deliver=False) as world:
        yield world


async def test_messages_committed_before_a_crash_are_sent_once_after_restart(
    intake_only: World,
) -> None:
    world, emu = intake_only, intake_only.emulator
    emu.user(CITIZEN, "Lan")
    emu.private_chat(CITIZEN)
    await emu.send_text(CITIZEN, CITIZEN, "/start")

    async def committed() -> bool:
        return len(await _pending(world)) == 2

    await eventually(committed)  # the update was handled and committed, nothing was sent
    assert emu.sent_to(CITIZEN) == []
    pending = await _pending(world)
    assert len(pending) == 2  # the greeting and the question about the commune

    await world.app.stop()  # the process dies
    world.app = restart(world)  # and comes back
    await world.app.start()
    await emu.wait_for(CITIZEN, "Xin chào")
    await emu.wait_for(CITIZEN, "xã, phường nào")
    assert len(emu.sent_to(CITIZEN)) == 2

    async def all_marked_sent() -> bool:
        return await _pending(world) == []

    await eventually(all_marked_sent)

    await world.app.stop()  # once more: nothing is sent again
    world.app = restart(world)
    await world.app.start()
    await emu.send_text(CITIZEN, CITIZEN, "tay mo")
    await emu.wait_for(CITIZEN, "chọn đúng xã")
    assert len(emu.sent_to(CITIZEN)) == 3


async def test_flood_control_is_waited_out_and_not_counted_as_failure(world: World) -> None:
    emu = world.emulator
    emu.user(CITIZEN, "Lan")
    emu.private_chat(CITIZEN)
    emu.flood_control(1, retry_after=1)  # one message a second per chat, then 429
    await emu.send_text(CITIZEN, CITIZEN, "/start")
    await emu.wait_for(CITIZEN, "Xin chào")
    await emu.wait_for(CITIZEN, "xã, phường nào", timeout=10)
    assert len(emu.sent_to(CITIZEN)) == 2
    await world.settled()
    async with world.db.session() as session:
        rows = (await session.exec(select(OutboxMessage))).all()
    assert all(r.status == "sent" for r in rows)
    assert [r.attempts for r in rows] == [0, 0]  # 429 is pacing, not an error
    emu.flood_control(False)


async def test_server_errors_are_retried_until_delivered(world: World) -> None:
    emu = world.emulator
    emu.user(CITIZEN, "Lan")
    emu.private_chat(CITIZEN)
    emu.fail_next("sendMessage", status=502, count=3)
    await emu.send_text(CITIZEN, CITIZEN, "/start")
    await emu.wait_for(CITIZEN, "Xin chào", timeout=10)
    await emu.wait_for(CITIZEN, "xã, phường nào", timeout=10)
    texts = [m["text"] for m in emu.sent_to(CITIZEN)]
    assert len(texts) == 2 and texts[0].startswith("Xin chào")  # in order, once each
    await world.settled()
    async with world.db.session() as session:
        greeting = (
            await session.exec(select(OutboxMessage).order_by(col(OutboxMessage.id)))
        ).first()
    assert greeting is not None and greeting.attempts == 3 and greeting.status == "sent"


async def test_a_blocked_citizen_does_not_stop_other_deliveries(world: World) -> None:
    emu = world.emulator
    emu.user(CITIZEN, "Lan")
    emu.user(CITIZEN + 1, "Minh")
    emu.private_chat(CITIZEN)
    emu.private_chat(CITIZEN + 1)
    await emu.send_text(CITIZEN, CITIZEN, "/start")
    await emu.wait_for(CITIZEN, "xã, phường nào")
    emu.block_bot(CITIZEN)
    await emu.send_text(CITIZEN, CITIZEN, "/cua_toi")
    await emu.send_text(CITIZEN + 1, CITIZEN + 1, "/start")
    await emu.wait_for(CITIZEN + 1, "xã, phường nào")
    await world.settled()
    async with world.db.session() as session:
        failed = (
            await session.exec(select(OutboxMessage).where(OutboxMessage.status == "failed"))
        ).all()
        assert (await session.exec(select(Ticket))).all() == []
    assert [r.chat_id for r in failed] == [str(CITIZEN)]
    assert failed[0].last_error and "Forbidden" in failed[0].last_error
