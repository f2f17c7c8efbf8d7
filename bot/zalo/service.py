"""Everything the Zalo channel needs in one process: the API client, tokens, the transport
for the outbox sender, and a small web server for the webhook."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

from aiogram import Bot
from aiohttp import web

from bot.zalo.api import ZaloAPI
from bot.zalo.inbound import ZaloInbound
from bot.zalo.tokens import TokenStore
from bot.zalo.transport import ZaloTransport
from bot.zalo.webhook import PATH, add_zalo_route
from storage.db import Database
from storage.settings import Settings

log = logging.getLogger(__name__)
REFRESH_EVERY = 300.0  # seconds between looks for tokens about to expire


def zalo_configured(settings: Settings) -> bool:
    return bool(settings.zalo_app_id and settings.zalo_oa_secret_key.get_secret_value())


class ZaloService:
    def __init__(
        self,
        settings: Settings,
        db: Database,
        *,
        telegram_bot: Bot | None = None,
        on_commit: Callable[[], None] | None = None,
    ) -> None:
        self.settings = settings
        self.api = ZaloAPI(settings.zalo_api_base)
        self.tokens = TokenStore(
            db, self.api, settings.zalo_app_id, settings.zalo_app_secret.get_secret_value()
        )
        self.transport = ZaloTransport(db, self.api, self.tokens, telegram_bot=telegram_bot)
        self.inbound = ZaloInbound(db, settings, on_commit)
        self.webhook_url = ""
        self._runner: web.AppRunner | None = None
        self._refresher: asyncio.Task[None] | None = None

    def web_app(self) -> web.Application:
        app = web.Application()
        add_zalo_route(
            app,
            self.inbound,
            self.settings.zalo_app_id,
            self.settings.zalo_oa_secret_key.get_secret_value(),
        )
        return app

    async def start(self) -> str:
        """Serve the webhook on MOTCUA_WEB_HOST:MOTCUA_WEB_PORT (port 0: any free port)."""
        self._runner = web.AppRunner(self.web_app())
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.settings.web_host, self.settings.web_port)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self.webhook_url = f"http://{host}:{port}{PATH}"
        log.info("zalo webhook listening on %s", self.webhook_url)
        self._refresher = asyncio.create_task(self._refresh_forever(), name="zalo-tokens")
        return self.webhook_url

    async def _refresh_forever(self) -> None:
        while True:
            try:
                await self.tokens.refresh_due()
            except Exception:
                log.exception("zalo token refresh round failed; trying again later")
            await asyncio.sleep(REFRESH_EVERY)

    async def stop(self) -> None:
        if self._refresher is not None:
            self._refresher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._refresher
        if self._runner is not None:
            await self._runner.cleanup()
        await self.inbound.close()
        await self.api.close()
