"""The webhook answers Zalo at once and only for genuine events: forged, oversized or
garbled posts are refused and nothing reaches the use cases; echoes are acknowledged only."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.zalo.events import ZaloEvent
from bot.zalo.inbound import ZaloInbound
from bot.zalo.signature import HEADER, sign
from bot.zalo.webhook import MAX_BODY, PATH, add_zalo_route
from storage.db import Database
from storage.settings import Settings

APP, KEY = "1234", "oa-key"


class Recording(ZaloInbound):
    def __init__(self) -> None:
        super().__init__(Database("sqlite:///:memory:"), Settings())
        self.events: list[ZaloEvent] = []

    def submit(self, event: ZaloEvent) -> None:
        self.events.append(event)


@pytest.fixture
async def client() -> AsyncIterator[tuple[TestClient[web.Request, web.Application], Recording]]:
    inbound = Recording()
    app = web.Application()
    add_zalo_route(app, inbound, APP, KEY)
    async with TestClient(TestServer(app)) as test_client:
        yield test_client, inbound
    await inbound.db.dispose()


def _signed(raw: bytes, timestamp: str = "1700000000000") -> dict[str, str]:
    return {HEADER: sign(APP, raw, timestamp, KEY)}


def _event(name: str = "user_send_text") -> bytes:
    return json.dumps(
        {
            "app_id": APP,
            "event_name": name,
            "timestamp": "1700000000000",
            "sender": {"id": "u1"},
            "recipient": {"id": "oa1"},
            "message": {"text": "Đèn đường hỏng", "msg_id": "m1"},
        }
    ).encode()


Client = tuple[TestClient[web.Request, web.Application], Recording]


async def test_genuine_event_is_acknowledged_and_handed_on(client: Client) -> None:
    http, inbound = client
    raw = _event()
    response = await http.post(PATH, data=raw, headers=_signed(raw))
    assert response.status == 200
    assert (await response.json())["error"] == 0
    assert [(e.user_id, e.text) for e in inbound.events] == [("u1", "Đèn đường hỏng")]


async def test_forged_signature_is_401_and_nothing_handed_on(client: Client) -> None:
    http, inbound = client
    raw = _event()
    wrong = {HEADER: sign(APP, raw, "1700000000000", "guessed-key")}
    assert (await http.post(PATH, data=raw, headers=wrong)).status == 401
    assert (await http.post(PATH, data=raw)).status == 401
    assert inbound.events == []


async def test_huge_or_garbled_bodies_get_clear_answers(client: Client) -> None:
    http, inbound = client
    huge = b"{" + b" " * (MAX_BODY + 10) + b"}"
    assert (await http.post(PATH, data=huge, headers=_signed(huge))).status == 413
    binary = b"\xff\xfe\x00garbage"
    # signed over the raw bytes with an empty timestamp, as the body has none
    assert (await http.post(PATH, data=binary, headers=_signed(binary, ""))).status == 400
    not_event = b"[1, 2, 3]"
    response = await http.post(PATH, data=not_event, headers=_signed(not_event, ""))
    assert response.status == 200 and (await response.json())["message"] == "ignored"
    assert inbound.events == []


async def test_the_oas_own_echo_is_not_handled(client: Client) -> None:
    http, inbound = client
    for name in ("oa_send_text", "user_seen_message"):
        raw = _event(name)
        assert (await http.post(PATH, data=raw, headers=_signed(raw))).status == 200
    assert inbound.events == []


async def test_motcua_serve_handles_zalo_events_too(db: Database) -> None:
    from redis.asyncio import Redis
    from sqlmodel import select

    from bot.inbound_queue import InboundQueue
    from bot.web import create_web_app
    from storage.models import Citizen, OutboxMessage

    settings = Settings(
        database_url=db.url, zalo_app_id=APP, zalo_oa_secret_key=KEY, webhook_secret="s"
    )
    queue = InboundQueue(Redis.from_url("redis://127.0.0.1:1"), prefix="unused")
    raw = json.dumps(
        {
            "app_id": APP,
            "event_name": "follow",
            "oa_id": "oa1",
            "follower": {"id": "u9"},
            "timestamp": "1700000000001",
        }
    ).encode()
    async with TestClient(TestServer(create_web_app(settings, db, queue))) as http:
        assert (
            await http.post(PATH, data=raw, headers=_signed(raw, "1700000000001"))
        ).status == 200
    # leaving the client ran the app's cleanup, which waits for accepted events
    async with db.session() as session:
        citizen = (await session.exec(select(Citizen))).one()
        greeting = (await session.exec(select(OutboxMessage))).first()
    assert (citizen.channel, citizen.chat_id) == ("zalo", "oa1:u9")
    assert greeting is not None and "Xin chào" in greeting.payload["text"]
    await queue.redis.aclose()
