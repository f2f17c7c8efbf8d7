"""In the sandbox a person plays a Zalo citizen: typed commands become signed webhook events,
and what the bot sends on Zalo is printed with its numbered choices."""

from __future__ import annotations

import io
import json
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestServer

from bot.sandbox.zalo import ZaloCitizen
from bot.zalo.api import ZaloAPI
from bot.zalo.emulator import ZaloEmulator
from bot.zalo.signature import HEADER, verify

USER = "8000000001"


async def test_commands_post_signed_events_and_answers_are_printed() -> None:
    received: list[dict[str, Any]] = []

    async with ZaloEmulator() as zalo:
        state = zalo.state

        async def webhook(request: web.Request) -> web.Response:
            raw = await request.read()
            assert verify(state.app_id, state.oa_secret_key, raw, request.headers.get(HEADER))
            received.append(json.loads(raw))
            return web.json_response({"error": 0})

        app = web.Application()
        app.router.add_post("/zalo/webhook", webhook)
        async with TestServer(app) as server:
            zalo.driver.webhook_url = str(server.make_url("/zalo/webhook"))
            out = io.StringIO()

            def write(*lines: str) -> None:
                out.write("".join(f"{line}\n" for line in lines))

            citizen = ZaloCitizen(zalo, USER, write)
            stop = zalo.on_sent(citizen.on_sent)

            assert await citizen.handle("zfollow", "") is None
            assert await citizen.handle("z", "tay mo") is None
            assert await citizen.handle("z!", "photo Đèn hỏng") is None
            assert await citizen.handle("z@", "21.0 105.8") is None
            assert "z@" in (await citizen.handle("z@", "abc") or "")
            assert "z <nội dung>" in (await citizen.handle("z", "  ") or "")
            names = [event["event_name"] for event in received]
            assert names == ["follow", "user_send_text", "user_send_image", "user_send_location"]

            token, _, _ = zalo.issue_tokens()
            api = ZaloAPI(zalo.base_url)
            buttons = {"buttons": [{"title": "Tây Mỗ", "type": "oa.query.show", "payload": "1"}]}
            message = {
                "text": "Bạn chọn:\n1. Tây Mỗ",
                "attachment": {"type": "template", "payload": buttons},
            }
            await api.send_message(token, USER, message)
            await api.send_message(token, "someone-else", {"text": "không phải bạn"})
            await api.close()
            stop()
    printed = out.getvalue()
    assert "[Zalo: người dân] bot: Bạn chọn:" in printed
    assert "1. Tây Mỗ" in printed and "[1] Tây Mỗ" in printed
    assert "không phải bạn" not in printed
