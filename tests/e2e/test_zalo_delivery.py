"""Zalo's hard parts, end to end: forged and retried webhooks, an access token that expires
mid-conversation, the 7-day reply window, and a refresh that fails."""

from __future__ import annotations

import logging

import pytest
from sqlmodel import func, select

from bot.zalo.accounts import account_by_oa
from bot.zalo.signature import sign
from storage.models import Citizen, InboundEvent, OutboxMessage, Ticket
from tests.e2e.test_zalo_flow import (  # noqa: F401 - zalo_world is a fixture
    CITIZEN,
    GROUP,
    OFFICE_GROUP,
    OFFICIAL,
    REPORT,
    ZaloWorld,
    zalo_world,
)
from tests.support.world import eventually


async def _count(zw: ZaloWorld, model: type) -> int:
    async with zw.world.db.session() as session:
        return int((await session.exec(select(func.count()).select_from(model))).one())


async def test_forged_or_missing_signature_is_refused_and_nothing_stored(
    zalo_world: ZaloWorld,  # noqa: F811
) -> None:
    driver = zalo_world.zalo.driver
    forged = driver.event("user_send_text", CITIZEN, text=REPORT)
    assert await driver.post(forged, signature="mac=" + "0" * 64) == 401
    assert await driver.post(forged, signature=None) == 401
    # A signature made with the right key but over other bytes: the body was changed.
    tampered = driver.event("user_send_text", CITIZEN, text="xin chào")
    state = zalo_world.zalo.state
    mac = sign(state.app_id, b'{"x": 1}', tampered["timestamp"], state.oa_secret_key)
    assert await driver.post(tampered, signature=mac) == 401
    await zalo_world.world.settled()
    assert await _count(zalo_world, InboundEvent) == 0
    assert await _count(zalo_world, Citizen) == 0
    assert zalo_world.zalo.sent_to(CITIZEN) == []


async def test_a_retried_webhook_makes_one_ticket(zalo_world: ZaloWorld) -> None:  # noqa: F811
    zalo, driver = zalo_world.zalo, zalo_world.zalo.driver
    await zalo_world.citizen_with_commune(CITIZEN)
    report = driver.event("user_send_text", CITIZEN, text=REPORT)
    assert await driver.post(report) == 200
    await zalo.wait_for(CITIZEN, "Đã tiếp nhận")
    for retry in (1, 2):
        assert await driver.post(report, retry=retry) == 200
    assert zalo_world.world.app.zalo is not None
    await zalo_world.world.app.zalo.inbound.settle()
    await zalo_world.world.settled()
    assert await _count(zalo_world, Ticket) == 1
    receipts = [m for m in zalo.sent_to(CITIZEN) if "Đã tiếp nhận" in m.get("text", "")]
    assert len(receipts) == 1


async def test_expired_token_is_refreshed_and_the_answer_still_goes_out(
    zalo_world: ZaloWorld,  # noqa: F811
) -> None:
    zalo, driver = zalo_world.zalo, zalo_world.zalo.driver
    await zalo_world.citizen_with_commune(CITIZEN)
    async with zalo_world.world.db.session() as session:
        before = await account_by_oa(session, zalo_world.oa_id)
    assert before is not None
    zalo.expire_tokens()  # Zalo now answers -216 to the stored token
    await driver.text(CITIZEN, REPORT)
    await zalo.wait_for(CITIZEN, "Đã tiếp nhận")
    assert zalo.state.refresh_calls == 1
    async with zalo_world.world.db.session() as session:
        after = await account_by_oa(session, zalo_world.oa_id)
    assert after is not None
    assert after.access_token != before.access_token
    assert after.refresh_token != before.refresh_token  # the single-use one was replaced
    assert before.refresh_token not in zalo.state.refresh


async def test_answer_refused_by_reply_window_goes_out_when_citizen_writes_again(
    zalo_world: ZaloWorld,  # noqa: F811
) -> None:
    zalo, driver, tg = zalo_world.zalo, zalo_world.zalo.driver, zalo_world.world.emulator
    await zalo_world.department_group(GROUP, "economic")
    await zalo_world.citizen_with_commune(CITIZEN)
    await driver.text(CITIZEN, REPORT)
    await zalo.wait_for(CITIZEN, "Đã tiếp nhận")
    card = await tg.wait_for(GROUP, "Tây Mỗ")

    zalo.close_window(CITIZEN)  # a week passes without a word from the citizen
    await tg.send_text(OFFICIAL, GROUP, "Đã thay bóng đèn xong.", reply_to=card["message_id"])

    async def held() -> bool:
        async with zalo_world.world.db.session() as session:
            rows = await session.exec(
                select(OutboxMessage).where(
                    OutboxMessage.channel == "zalo", OutboxMessage.status == "held"
                )
            )
            return rows.first() is not None

    await eventually(held)
    await tg.wait_for(GROUP, "chưa nhận được trả lời trên Zalo")  # the officials know
    assert not any("Đã thay bóng" in m.get("text", "") for m in zalo.sent_to(CITIZEN))

    await driver.text(CITIZEN, "Cho tôi hỏi phản ánh đã xử lý chưa?")
    await zalo.wait_for(CITIZEN, "Đã thay bóng đèn xong")
    assert not await held()


async def test_a_failed_refresh_alerts_the_office_group(
    zalo_world: ZaloWorld,  # noqa: F811
    caplog: pytest.LogCaptureFixture,
) -> None:
    zalo, driver, tg = zalo_world.zalo, zalo_world.zalo.driver, zalo_world.world.emulator
    await zalo_world.department_group(OFFICE_GROUP, "office")
    await zalo_world.citizen_with_commune(CITIZEN)
    zalo.expire_tokens()
    zalo.fail_refresh()
    with caplog.at_level(logging.ERROR, logger="bot.zalo.tokens"):
        await driver.text(CITIZEN, REPORT)
        alert = await tg.wait_for(OFFICE_GROUP, "mất kết nối")
    assert zalo_world.oa_id in alert["text"] and "motcua zalo connect" in alert["text"]
    assert any("ZALO TOKEN REFRESH FAILED" in r.getMessage() for r in caplog.records)
    async with zalo_world.world.db.session() as session:
        waiting = (
            await session.exec(
                select(OutboxMessage).where(
                    OutboxMessage.channel == "zalo", OutboxMessage.status == "pending"
                )
            )
        ).all()
        account = await account_by_oa(session, zalo_world.oa_id)
    assert waiting, "the citizen's answer is kept, not dropped"
    assert account is not None and account.last_error is not None
