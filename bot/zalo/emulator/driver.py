"""Plays Zalo: posts webhook events, signed as Zalo signs them, to the bot's webhook URL."""

from __future__ import annotations

import itertools
import json
import time
from typing import TYPE_CHECKING, Any

import aiohttp

from bot.zalo.signature import HEADER, sign

if TYPE_CHECKING:
    from bot.zalo.emulator.server import ZaloEmulator


class Driver:
    def __init__(self, emulator: ZaloEmulator) -> None:
        self.emulator = emulator
        self.webhook_url = ""
        self._session: aiohttp.ClientSession | None = None
        self._ids = itertools.count(1)

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    def event(self, name: str, user_id: str, **message: Any) -> dict[str, Any]:
        """An envelope as Zalo builds it: ids and the epoch-ms timestamp are strings."""
        state = self.emulator.state
        stamp = str(int(time.time() * 1000) + next(self._ids))
        body: dict[str, Any] = {
            "app_id": state.app_id,
            "user_id_by_app": f"app-{user_id}",
            "event_name": name,
            "timestamp": stamp,
        }
        if name in ("follow", "unfollow"):
            body["oa_id"] = state.oa_id
            body["follower"] = {"id": user_id}
            body["source"] = "testing"
        else:
            body["sender"] = {"id": user_id}
            body["recipient"] = {"id": state.oa_id}
            body["message"] = {"msg_id": f"msg{next(self._ids):08d}{stamp}", **message}
        return body

    async def post(
        self, body: dict[str, Any], *, signature: str | None = "valid", retry: int = 0
    ) -> int:
        """Post one event; ``signature=None`` omits it, any other string is sent as is."""
        raw = json.dumps(body, ensure_ascii=False).encode()
        state = self.emulator.state
        headers = {"Content-Type": "application/json"}
        if signature == "valid":
            headers[HEADER] = sign(state.app_id, raw, body["timestamp"], state.oa_secret_key)
        elif signature is not None:
            headers[HEADER] = signature
        if retry:
            headers["num_retry"] = str(retry)
        if self._session is None:
            self._session = aiohttp.ClientSession()
        # Writing to the OA reopens the 7-day window, as on Zalo.
        sender = body.get("sender", {}).get("id") or body.get("follower", {}).get("id")
        if signature == "valid" and body.get("event_name", "").startswith(("user_", "follow")):
            state.window_closed.discard(str(sender))
        async with self._session.post(self.webhook_url, data=raw, headers=headers) as response:
            return response.status

    async def follow(self, user_id: str) -> dict[str, Any]:
        body = self.event("follow", user_id)
        await self.post(body)
        return body

    async def text(self, user_id: str, text: str) -> dict[str, Any]:
        body = self.event("user_send_text", user_id, text=text)
        await self.post(body)
        return body

    async def image(self, user_id: str, content: bytes, caption: str = "") -> dict[str, Any]:
        url = self.emulator.add_media(content)
        attachment = {"type": "image", "payload": {"thumbnail": url, "url": url}}
        body = self.event("user_send_image", user_id, text=caption, attachments=[attachment])
        await self.post(body)
        return body

    async def location(self, user_id: str, latitude: float, longitude: float) -> dict[str, Any]:
        coordinates = {"latitude": str(latitude), "longitude": str(longitude)}
        attachment = {"type": "location", "payload": {"coordinates": coordinates}}
        body = self.event("user_send_location", user_id, attachments=[attachment])
        await self.post(body)
        return body

    async def sticker(self, user_id: str) -> dict[str, Any]:
        attachment = {"type": "sticker", "payload": {"id": "abc", "url": "https://x/s.png"}}
        body = self.event("user_send_sticker", user_id, attachments=[attachment])
        await self.post(body)
        return body
