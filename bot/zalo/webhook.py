"""The route Zalo posts events to: check the signature over the raw bytes, answer at once,
and leave the work to `ZaloInbound` (Zalo resends anything not answered within 2 seconds)."""

from __future__ import annotations

import json
import logging

from aiohttp import web

from bot.zalo import signature
from bot.zalo.events import parse_event
from bot.zalo.inbound import ZaloInbound

log = logging.getLogger(__name__)
MAX_BODY = 1024 * 1024
PATH = "/zalo/webhook"
INBOUND_KEY = web.AppKey("zalo_inbound", ZaloInbound)
APP_ID_KEY = web.AppKey("zalo_app_id", str)
OA_SECRET_KEY = web.AppKey("zalo_oa_secret", str)


def _answer(status: int, message: str) -> web.Response:
    return web.json_response(
        {"error": 0 if status == 200 else -1, "message": message}, status=status
    )


async def zalo_webhook(request: web.Request) -> web.Response:
    if request.content_length is not None and request.content_length > MAX_BODY:
        return _answer(413, "too large")
    raw = await request.content.read(MAX_BODY + 1)
    if len(raw) > MAX_BODY:
        return _answer(413, "too large")
    given = request.headers.get(signature.HEADER)
    if not signature.verify(request.app[APP_ID_KEY], request.app[OA_SECRET_KEY], raw, given):
        log.warning("zalo webhook: wrong or missing signature (%d bytes)", len(raw))
        return _answer(401, "unauthorized")
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return _answer(400, "body is not JSON")
    event = parse_event(data)
    if event is None:
        log.info("zalo webhook: event without a user, ignored")
        return _answer(200, "ignored")
    if event.ignored:
        return _answer(200, "ignored")
    request.app[INBOUND_KEY].submit(event)
    return _answer(200, "ok")


def add_zalo_route(
    app: web.Application, inbound: ZaloInbound, app_id: str, oa_secret_key: str
) -> None:
    app[INBOUND_KEY] = inbound
    app[APP_ID_KEY] = app_id
    app[OA_SECRET_KEY] = oa_secret_key
    app.router.add_post(PATH, zalo_webhook)
