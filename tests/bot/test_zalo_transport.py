"""Delivering to Zalo against the emulator: what each Zalo error makes the outbox do, and one
refresh at a time for a single-use refresh token."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta

import pytest

from bot.outbox.transport import Held, RetryLater, Undeliverable
from bot.zalo.accounts import account_by_oa, chat_key
from bot.zalo.api import ZaloAPI
from bot.zalo.emulator import ZaloEmulator
from bot.zalo.tokens import TokenStore
from bot.zalo.transport import ZaloTransport
from storage.clock import utcnow
from storage.db import Database
from storage.models import ZaloAccount, ZaloChoice

USER = "u42"


@dataclass
class Rig:
    zalo: ZaloEmulator
    db: Database
    tokens: TokenStore
    transport: ZaloTransport

    @property
    def chat(self) -> str:
        return chat_key(self.zalo.state.oa_id, USER)


@pytest.fixture
async def rig(db: Database) -> AsyncIterator[Rig]:
    async with ZaloEmulator() as zalo:
        access, refresh, lifetime = zalo.issue_tokens()
        async with db.session() as session:
            session.add(
                ZaloAccount(
                    oa_id=zalo.state.oa_id,
                    province_code="01",
                    access_token=access,
                    refresh_token=refresh,
                    expires_at=utcnow() + timedelta(seconds=lifetime),
                )
            )
        api = ZaloAPI(zalo.base_url)
        tokens = TokenStore(db, api, zalo.state.app_id, zalo.state.app_secret)
        yield Rig(zalo, db, tokens, ZaloTransport(db, api, tokens))
        await api.close()


async def test_buttons_go_as_template_and_numbered_list_and_are_remembered(rig: Rig) -> None:
    payload = {
        "text": "Bạn chọn đúng xã, phường của mình nhé:",
        "buttons": [
            [{"label": "Tây Mỗ", "action": "com:00634"}],
            [{"label": "Đại Mỗ", "action": "com:00637"}],
        ],
    }
    ids = await rig.transport.send(rig.chat, None, payload, None)
    assert len(ids) == 1
    sent = rig.zalo.sent_to(USER)[0]
    assert sent["buttons"] == ["Tây Mỗ", "Đại Mỗ"]
    assert "1. Tây Mỗ\n2. Đại Mỗ\nTrả lời 1 hoặc 2" in sent["text"]
    async with rig.db.session() as session:
        choice = await session.get(ZaloChoice, rig.chat)
    assert choice is not None and choice.actions == ["com:00634", "com:00637"]


async def test_long_text_goes_in_pieces_and_location_as_a_map_link(rig: Rig) -> None:
    text = "Câu trả lời rất dài. " * 150
    ids = await rig.transport.send(rig.chat, None, {"text": text, "location": [21.0, 105.8]}, None)
    sent = rig.zalo.sent_to(USER)
    assert len(ids) == len(sent) == 3
    assert all(len(m["text"]) <= 2000 for m in sent)
    assert "maps.google.com/?q=21.000000,105.800000" in sent[-1]["text"]


@pytest.mark.parametrize(
    ("code", "outcome"),
    [(-230, Held), (-232, Held), (-32, RetryLater), (-211, RetryLater), (-217, Undeliverable)],
)
async def test_zalo_errors_decide_what_the_outbox_does(
    rig: Rig, code: int, outcome: type[Exception]
) -> None:
    rig.zalo.fail_next(code)
    with pytest.raises(outcome) as raised:
        await rig.transport.send(rig.chat, None, {"text": "Xin chào"}, None)
    assert rig.zalo.sent_to(USER) == []
    if isinstance(raised.value, RetryLater):
        # pacing never uses up the attempts after which the outbox gives a message up
        assert raised.value.counts is False and raised.value.delay is not None


async def test_a_chat_id_without_an_oa_is_undeliverable(rig: Rig) -> None:
    with pytest.raises(Undeliverable):
        await rig.transport.send("no-oa-here", None, {"text": "Xin chào"}, None)


async def test_refused_token_is_refreshed_once_and_the_message_sent(rig: Rig) -> None:
    rig.zalo.expire_tokens()
    await rig.transport.send(rig.chat, None, {"text": "Xin chào"}, None)
    assert rig.zalo.state.refresh_calls == 1
    assert [m["text"] for m in rig.zalo.sent_to(USER)] == ["Xin chào"]


async def test_token_about_to_expire_is_refreshed_before_sending(rig: Rig) -> None:
    async with rig.db.session() as session:
        account = await account_by_oa(session, rig.zalo.state.oa_id)
        assert account is not None
        account.expires_at = utcnow() + timedelta(minutes=2)
        session.add(account)
    await rig.transport.send(rig.chat, None, {"text": "Xin chào"}, None)
    assert rig.zalo.state.refresh_calls == 1
    assert rig.zalo.state.refused == []  # no message was ever refused for its token


async def test_concurrent_refreshes_spend_the_refresh_token_once(rig: Rig) -> None:
    async with rig.db.session() as session:
        account = await account_by_oa(session, rig.zalo.state.oa_id)
    assert account is not None
    spent = account.access_token
    results = await asyncio.gather(
        *(rig.tokens.refresh(rig.zalo.state.oa_id, spent=spent) for _ in range(5))
    )
    assert rig.zalo.state.refresh_calls == 1
    assert len(set(results)) == 1 and results[0] != spent


async def test_quiet_oa_token_is_refreshed_before_it_expires(rig: Rig) -> None:
    assert await rig.tokens.refresh_due() == 0  # 25 hours left: nothing to do
    async with rig.db.session() as session:
        account = await account_by_oa(session, rig.zalo.state.oa_id)
        assert account is not None
        old = account.access_token
        account.expires_at = utcnow() + timedelta(minutes=5)
        session.add(account)
    assert await rig.tokens.refresh_due() == 1
    async with rig.db.session() as session:
        account = await account_by_oa(session, rig.zalo.state.oa_id)
    assert account is not None and account.access_token != old
    assert account.expires_at > utcnow() + timedelta(hours=24)
