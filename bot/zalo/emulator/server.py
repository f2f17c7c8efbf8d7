"""The Zalo side, faithful where it matters to the bot: every answer is HTTP 200 with an
``error`` code; access tokens expire; refresh tokens work once; a user who has not written in
7 days cannot be messaged (-230); rate limits (-32); template buttons may be refused (-201)."""

from __future__ import annotations

import asyncio
import itertools
import json
import secrets
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from bot.zalo.emulator.driver import Driver

Match = str | Callable[[dict[str, Any]], bool]


@dataclass
class Token:
    expires_at: float


@dataclass
class EmulatorState:
    app_id: str
    app_secret: str
    oa_secret_key: str
    oa_id: str
    access: dict[str, Token] = field(default_factory=dict)
    refresh: set[str] = field(default_factory=set)
    sent: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    uploads: dict[str, bytes] = field(default_factory=dict)
    media: dict[str, bytes] = field(default_factory=dict)
    media_once: bool = False  # a CDN link that expires once fetched
    media_fails: int = 0  # the CDN answers 503 to the next n fetches
    window_closed: set[str] = field(default_factory=set)
    fail_next: list[int] = field(default_factory=list)
    refresh_fails: int = 0
    accept_buttons: bool = True
    refresh_calls: int = 0
    refused: list[tuple[str, int]] = field(default_factory=list)


def _error(code: int, message: str) -> web.Response:
    return web.json_response({"error": code, "message": message})


class ZaloEmulator:
    """Start with ``async with ZaloEmulator() as zalo``; hand ``zalo.settings()`` to the bot."""

    def __init__(
        self,
        *,
        app_id: str = "1234567890",
        app_secret: str = "app-secret",
        oa_secret_key: str = "oa-secret-key",
        oa_id: str = "579745863508352884",
    ) -> None:
        self.state = EmulatorState(app_id, app_secret, oa_secret_key, oa_id)
        self.base_url = ""
        self._ids = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self._changed = asyncio.Condition()
        self._listeners: list[Callable[[str, dict[str, Any]], None]] = []
        self.driver = Driver(self)

    # -- lifecycle -----------------------------------------------------------------------
    async def start(self) -> str:
        app = web.Application(client_max_size=8 * 1024 * 1024)
        app.router.add_post("/v3.0/oa/message/cs", self._send)
        app.router.add_post("/v2.0/oa/upload/image", self._upload)
        app.router.add_post("/v4/oa/access_token", self._token)
        app.router.add_get("/media/{name}", self._media)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self.base_url = f"http://{host}:{port}"
        return self.base_url

    async def stop(self) -> None:
        await self.driver.close()
        if self._runner is not None:
            await self._runner.cleanup()

    async def __aenter__(self) -> ZaloEmulator:
        await self.start()
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.stop()

    def settings(self) -> dict[str, Any]:
        """Settings overrides that point a bot at this emulator."""
        return {
            "zalo_api_base": self.base_url,
            "zalo_app_id": self.state.app_id,
            "zalo_app_secret": self.state.app_secret,
            "zalo_oa_secret_key": self.state.oa_secret_key,
        }

    # -- control -------------------------------------------------------------------------
    def issue_tokens(self, lifetime: float = 90000) -> tuple[str, str, int]:
        """A fresh (access, refresh, expires_in) as the OA's consent page would give."""
        access, refresh = f"acc-{secrets.token_hex(8)}", f"ref-{secrets.token_hex(8)}"
        self.state.access[access] = Token(time.monotonic() + lifetime)
        self.state.refresh.add(refresh)
        return access, refresh, int(lifetime)

    def expire_tokens(self) -> None:
        """Every access token lapses now (Zalo answers -216 to it)."""
        for token in self.state.access.values():
            token.expires_at = 0.0

    def close_window(self, user_id: str) -> None:
        """7 days without a word from this user: consultation messages get -230."""
        self.state.window_closed.add(user_id)

    def fail_next(self, *codes: int) -> None:
        self.state.fail_next.extend(codes)

    def fail_refresh(self, times: int = 1_000_000) -> None:
        self.state.refresh_fails = times

    def add_media(self, content: bytes, name: str = "") -> str:
        """Host an image as Zalo's CDN would; returns its URL."""
        name = name or f"img{next(self._ids)}.png"
        self.state.media[name] = content
        return f"{self.base_url}/media/{name}"

    def expire_media(self, url: str) -> None:
        """Zalo's CDN forgets an image: its URL answers 404 from now on."""
        self.state.media.pop(url.rsplit("/", 1)[-1], None)

    def on_sent(self, listener: Callable[[str, dict[str, Any]], None]) -> Callable[[], None]:
        """Call ``listener(user_id, message)`` for each message the bot sends (the sandbox
        prints them); returns the function that stops it."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def sent_to(self, user_id: str) -> list[dict[str, Any]]:
        return list(self.state.sent[user_id])

    async def wait_for(self, user_id: str, match: Match, timeout: float = 10.0) -> dict[str, Any]:
        """The first message sent to ``user_id`` containing the text, or matching."""

        def found() -> dict[str, Any] | None:
            for message in self.state.sent[user_id]:
                if callable(match):
                    if match(message):
                        return message
                elif match in message.get("text", ""):
                    return message
            return None

        async with self._changed:
            try:
                await asyncio.wait_for(
                    self._changed.wait_for(lambda: found() is not None), timeout
                )
            except TimeoutError:
                texts = [m.get("text", "<media>") for m in self.state.sent[user_id]]
                raise AssertionError(f"no message {match!r} to {user_id}; got {texts}") from None
        result = found()
        assert result is not None
        return result

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    # -- endpoints -----------------------------------------------------------------------
    def _token_error(self, request: web.Request) -> web.Response | None:
        token = self.state.access.get(request.headers.get("access_token", ""))
        if token is None:
            return _error(-216, "Access token is invalid")
        if token.expires_at < time.monotonic():
            return _error(-216, "Access token is invalid")
        return None

    async def _send(self, request: web.Request) -> web.Response:
        refused = self._token_error(request)
        if refused is not None:
            return refused
        try:
            body = json.loads(await request.read())
            user_id = str(body["recipient"]["user_id"])
            message = body["message"]
            assert isinstance(message, dict)
        except (ValueError, KeyError, TypeError, AssertionError):
            return _error(-201, "Parameters are invalid")
        if self.state.fail_next:
            code = self.state.fail_next.pop(0)
            self.state.refused.append((user_id, code))
            return _error(code, "emulated failure")
        if user_id in self.state.window_closed:
            self.state.refused.append((user_id, -230))
            return _error(-230, "User has not interacted with the OA in the last 7 days")
        attachment = message.get("attachment") or {}
        payload = attachment.get("payload") or {}
        if payload.get("buttons") and not self.state.accept_buttons:
            self.state.refused.append((user_id, -201))
            return _error(-201, "Parameters are invalid")
        text = message.get("text")
        if text is not None and (not isinstance(text, str) or len(text) > 2000 or not text):
            return _error(-201, "text is empty or longer than 2000 characters")
        message_id = secrets.token_hex(16)
        record: dict[str, Any] = {"message_id": message_id, **message}
        elements = payload.get("elements") or []
        if elements:
            record["image"] = elements[0]
        if payload.get("buttons"):
            record["buttons"] = [b["title"] for b in payload["buttons"]]
        self.state.sent[user_id].append(record)
        for listener in list(self._listeners):
            listener(user_id, record)
        await self._notify()
        data = {"message_id": message_id, "user_id": user_id, "sent_time": str(int(time.time()))}
        return web.json_response({"data": data, "error": 0, "message": "Success"})

    async def _upload(self, request: web.Request) -> web.Response:
        refused = self._token_error(request)
        if refused is not None:
            return refused
        post = await request.post()
        upload = post.get("file")
        content = getattr(upload, "file", None)
        if content is None:
            return _error(-201, "file is missing")
        data = content.read()
        if len(data) > 1024 * 1024:
            return _error(-201, "image larger than 1 MB")
        attachment_id = secrets.token_hex(12)
        self.state.uploads[attachment_id] = data
        return web.json_response(
            {"data": {"attachment_id": attachment_id}, "error": 0, "message": "Success"}
        )

    async def _token(self, request: web.Request) -> web.Response:
        self.state.refresh_calls += 1
        form = await request.post()
        if request.headers.get("secret_key") != self.state.app_secret:
            return _error(-14002, "app secret is invalid")
        if form.get("app_id") != self.state.app_id or form.get("grant_type") != "refresh_token":
            return _error(-14001, "invalid request")
        if self.state.refresh_fails > 0:
            self.state.refresh_fails -= 1
            return _error(-14014, "Invalid refresh token")
        refresh = str(form.get("refresh_token", ""))
        if refresh not in self.state.refresh:
            return _error(-14014, "Invalid refresh token")
        self.state.refresh.discard(refresh)  # single use
        access, new_refresh, lifetime = self.issue_tokens()
        return web.json_response(
            {"access_token": access, "refresh_token": new_refresh, "expires_in": str(lifetime)}
        )

    async def _media(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if self.state.media_fails > 0:
            self.state.media_fails -= 1
            raise web.HTTPServiceUnavailable()
        content = self.state.media.get(name)
        if self.state.media_once:
            self.state.media.pop(name, None)
        if content is None:
            raise web.HTTPNotFound()
        return web.Response(body=content, content_type="image/png")
