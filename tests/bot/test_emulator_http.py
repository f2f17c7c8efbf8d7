"""Raw HTTP against the emulator: malformed, binary and oversized requests get Telegram-style
JSON errors, and stopping the server releases a pending long poll."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import aiohttp
import pytest

from bot.telegram.emulator import BotAPIEmulator

TOKEN = "42:http-token"


@pytest.fixture
async def emulator() -> AsyncIterator[BotAPIEmulator]:
    async with BotAPIEmulator() as emu:
        emu.add_bot(TOKEN, 42, "http_bot")
        yield emu


@pytest.mark.parametrize(
    ("body", "content_type", "description"),
    [
        (b"{not json", "application/json", "Bad Request: can't parse JSON object"),
        (b"[1, 2]", "application/json", "Bad Request: can't parse JSON object"),
        (
            b"\x00\xff" * 200,
            "multipart/form-data; boundary=zz",
            "Bad Request: can't parse request",
        ),
        (
            b"chat_id=abc&text=hi",
            "application/x-www-form-urlencoded",
            "Bad Request: chat not found",
        ),
        (
            b'{"chat_id": 5001, "text": ""}',
            "application/json",
            "Bad Request: message text is empty",
        ),
    ],
)
async def test_bad_requests_get_a_clear_400(
    emulator: BotAPIEmulator, body: bytes, content_type: str, description: str
) -> None:
    emulator.private_chat(emulator.user(5001, "Lan"))
    async with aiohttp.ClientSession() as session:
        response = await session.post(
            f"{emulator.base_url}/bot{TOKEN}/sendMessage",
            data=body,
            headers={"Content-Type": content_type},
        )
        answer = await response.json()
    assert response.status == 400
    assert answer == {"ok": False, "error_code": 400, "description": description}


async def test_json_body_is_accepted_like_a_form(emulator: BotAPIEmulator) -> None:
    chat = emulator.private_chat(emulator.user(5001, "Lan"))
    async with aiohttp.ClientSession() as session:
        response = await session.post(
            f"{emulator.base_url}/bot{TOKEN}/sendMessage",
            json={
                "chat_id": chat.id,
                "text": "Xin chào",
                "reply_markup": {"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]},
            },
        )
        answer = await response.json()
    assert answer["ok"] is True and answer["result"]["text"] == "Xin chào"
    assert emulator.sent_to(chat)[0]["reply_markup"]["inline_keyboard"][0][0]["text"] == "A"


async def test_unknown_method_file_and_oversized_body(emulator: BotAPIEmulator) -> None:
    base = emulator.base_url
    async with aiohttp.ClientSession() as session:
        unknown = await session.post(f"{base}/bot{TOKEN}/sendTelepathy")
        missing = await session.get(f"{base}/file/bot{TOKEN}/photos/file_999.jpg")
        stranger = await session.get(f"{base}/file/bot1:nobody/photos/file_1.jpg")
        huge = await session.post(
            f"{base}/bot{TOKEN}/sendMessage",
            data=b"x" * (61 * 1024 * 1024),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert (unknown.status, missing.status, stranger.status, huge.status) == (
            404,
            404,
            401,
            413,
        )
        assert (await huge.json())["description"] == "Request Entity Too Large"


async def test_stop_releases_a_pending_long_poll(emulator: BotAPIEmulator) -> None:
    async with aiohttp.ClientSession() as session:
        poll = asyncio.create_task(
            session.post(f"{emulator.base_url}/bot{TOKEN}/getUpdates", data={"timeout": "30"})
        )
        await asyncio.sleep(0.1)
        assert not poll.done()
        await asyncio.wait_for(emulator.stop(), timeout=5)
        response = await asyncio.wait_for(poll, timeout=5)
        assert await response.json() == {"ok": True, "result": []}
