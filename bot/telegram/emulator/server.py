"""The HTTP face of the emulator: Bot API routes, file downloads, flood control and
injected failures, served by aiohttp on 127.0.0.1."""

from __future__ import annotations

import logging
import time
from collections import defaultdict, deque
from typing import Any

from aiohttp import web

from bot.telegram.emulator import methods_edit, methods_info, methods_send
from bot.telegram.emulator.call import Call, Handler
from bot.telegram.emulator.errors import (
    NOT_FOUND,
    UNAUTHORIZED,
    ApiError,
    bad_request,
    server_error,
    too_many_requests,
)
from bot.telegram.emulator.params import MAX_BODY_BYTES, Params
from bot.telegram.emulator.world import World

logger = logging.getLogger(__name__)

HANDLERS: dict[str, Handler] = {
    **methods_info.HANDLERS,
    **methods_send.HANDLERS,
    **methods_edit.HANDLERS,
}
# Methods that count toward (and are refused by) flood control.
FLOOD_LIMITED = frozenset(
    {name for name in HANDLERS if name.startswith(("send", "edit", "copy"))} - {"sendchataction"}
)


class FloodControl:
    """Switchable 429s: always, or above N requests per chat per second."""

    def __init__(self) -> None:
        self.limit: int | bool = False
        self.retry_after = 1
        self._recent: defaultdict[str, deque[float]] = defaultdict(deque)

    def check(self, method: str, params: Params) -> None:
        if method not in FLOOD_LIMITED or self.limit is False:
            return
        if self.limit is True:
            raise too_many_requests(self.retry_after)
        now = time.monotonic()
        recent = self._recent[params.text("chat_id") or ""]
        while recent and now - recent[0] >= 1.0:
            recent.popleft()
        if len(recent) >= self.limit:
            raise too_many_requests(self.retry_after)
        recent.append(now)


class Faults:
    """Failures queued by `fail_next`, consumed one per matching request."""

    def __init__(self) -> None:
        self._queued: list[tuple[str, int]] = []

    def add(self, method: str, status: int, count: int) -> None:
        self._queued.extend([(method.lower(), status)] * count)

    def check(self, method: str) -> None:
        for index, (name, status) in enumerate(self._queued):
            if name in (method, "*"):
                del self._queued[index]
                raise server_error(status)


class BotApiServer:
    """Routes `/bot{token}/{method}` and `/file/bot{token}/{path}` into the world."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.flood = FloodControl()
        self.faults = Faults()
        self.requests: list[tuple[str, dict[str, Any]]] = []
        self.app = web.Application(client_max_size=MAX_BODY_BYTES)
        self.app.router.add_route("*", "/bot{token}/{method}", self._api)
        self.app.router.add_get("/file/bot{token}/{path:.+}", self._download)

    async def _api(self, request: web.Request) -> web.Response:
        bot = self.world.bots.get(request.match_info["token"])
        if bot is None:
            return _answer(UNAUTHORIZED)
        method = request.match_info["method"].lower()
        handler = HANDLERS.get(method)
        if handler is None:
            return _answer(NOT_FOUND)
        try:
            self.faults.check(method)
            params = await _read(request)
            self.requests.append((method, dict(params.fields)))
            self.flood.check(method, params)
            result = await handler(Call(self.world, bot, params))
        except ApiError as error:
            if error.status >= 500 or error.status == 429:
                logger.info("emulated %s for %s", error.status, method)
            return _answer(error)
        except Exception:
            logger.exception("emulator bug while answering %s", method)
            return _answer(server_error(500))
        return web.json_response({"ok": True, "result": result})

    async def _download(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] not in self.world.bots:
            return _answer(UNAUTHORIZED)
        stored = self.world.file_by_path(request.match_info["path"])
        if stored is None:
            return _answer(NOT_FOUND)
        return web.Response(body=stored.data, content_type="application/octet-stream")


async def _read(request: web.Request) -> Params:
    try:
        return await Params.read(request)
    except web.HTTPRequestEntityTooLarge as error:
        raise ApiError(413, "Request Entity Too Large") from error
    except (ValueError, AssertionError, web.HTTPException) as error:
        raise bad_request("can't parse request") from error


def _answer(error: ApiError) -> web.Response:
    return web.json_response(error.payload(), status=error.status)
