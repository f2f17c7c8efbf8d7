"""`motcua serve`: the webhook endpoint Telegram calls, health and metrics.

It only checks and queues: a webhook must answer fast, and the work is done by workers, so a
slow database never makes Telegram resend (and a crash never loses an accepted update).
"""

from __future__ import annotations

import hmac
import json
import logging
from typing import Any

from aiohttp import web
from sqlalchemy import text
from sqlmodel import func, select

from bot.inbound_queue import InboundQueue
from storage.db import Database
from storage.models import OutboxMessage
from storage.settings import Settings

log = logging.getLogger(__name__)
MAX_BODY = 1024 * 1024
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
DB_KEY = web.AppKey("db", Database)
QUEUE_KEY = web.AppKey("queue", InboundQueue)
SECRET_KEY = web.AppKey("secret", str)


def _json_error(status: int, reason: str) -> web.Response:
    return web.json_response({"ok": False, "error": reason}, status=status)


async def telegram_webhook(request: web.Request) -> web.Response:
    secret = request.app[SECRET_KEY]
    given = request.headers.get(SECRET_HEADER, "")
    if not secret or not hmac.compare_digest(given.encode(), secret.encode()):
        log.warning("telegram webhook: wrong or missing secret token")
        return _json_error(401, "unauthorized")
    if request.content_length is not None and request.content_length > MAX_BODY:
        return _json_error(413, "too large")
    raw = await request.content.read(MAX_BODY + 1)
    if len(raw) > MAX_BODY:
        return _json_error(413, "too large")
    try:
        update: Any = json.loads(raw)
    except ValueError:
        return _json_error(400, "body is not JSON")
    if not isinstance(update, dict) or not isinstance(update.get("update_id"), int):
        return _json_error(400, "not a Telegram update")
    await request.app[QUEUE_KEY].publish("telegram", update)
    return web.json_response({"ok": True})


async def healthz(request: web.Request) -> web.Response:
    problems = []
    try:
        async with request.app[DB_KEY].session() as session:
            await session.exec(text("SELECT 1"))  # type: ignore[call-overload]
    except Exception as exc:  # noqa: BLE001 - any failure means "not healthy"
        problems.append(f"database: {type(exc).__name__}")
    try:
        await request.app[QUEUE_KEY].redis.ping()  # type: ignore[misc]
    except Exception as exc:  # noqa: BLE001
        problems.append(f"redis: {type(exc).__name__}")
    status = 200 if not problems else 503
    return web.json_response({"ok": not problems, "problems": problems}, status=status)


async def metrics(request: web.Request) -> web.Response:
    async with request.app[DB_KEY].session() as session:
        rows = (
            await session.exec(
                select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
            )
        ).all()
    lines = ["# TYPE motcua_outbox_messages gauge"]
    lines += [f'motcua_outbox_messages{{status="{status}"}} {count}' for status, count in rows]
    return web.Response(text="\n".join(lines) + "\n", content_type="text/plain")


def _add_zalo(app: web.Application, settings: Settings, db: Database) -> None:
    """Zalo has no queue consumer yet: verified events are handled here, after answering."""
    from bot.zalo.inbound import ZaloInbound
    from bot.zalo.service import zalo_configured
    from bot.zalo.webhook import add_zalo_route

    if not zalo_configured(settings):
        return
    inbound = ZaloInbound(db, settings)
    add_zalo_route(
        app, inbound, settings.zalo_app_id, settings.zalo_oa_secret_key.get_secret_value()
    )

    async def settle(_app: web.Application) -> None:
        await inbound.close()  # settles, then closes the image downloader

    app.on_cleanup.append(settle)


def create_web_app(settings: Settings, db: Database, queue: InboundQueue) -> web.Application:
    app = web.Application(client_max_size=MAX_BODY)
    app[DB_KEY] = db
    app[QUEUE_KEY] = queue
    app[SECRET_KEY] = settings.webhook_secret.get_secret_value()
    app.router.add_post("/telegram/webhook", telegram_webhook)
    _add_zalo(app, settings, db)
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/metrics", metrics)
    return app
