"""Long-running processes: the embedded default, the sandbox, webhook server and worker."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

import typer

from admin_cli.common import console, err_console, settings, setup_logging
from storage import migrate


def run() -> None:
    """Run Một Cửa in one process (long polling, SQLite by default, scheduler inside).

    Without MOTCUA_TELEGRAM_TOKEN it opens the sandbox instead. Example: motcua run
    """
    config = settings()
    if not config.telegram_token.get_secret_value():
        err_console.print("Chưa đặt MOTCUA_TELEGRAM_TOKEN: mở hộp thử (sandbox).")
        sandbox()
        return
    setup_logging()
    migrate.upgrade(config.database_url)

    async def main() -> None:
        from bot.runtime import EmbeddedApp

        app = EmbeddedApp(config)
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, app.request_stop)
        await app.run_until_stopped()

    asyncio.run(main())


def sandbox(
    database: Path = typer.Option(Path("sandbox.db"), help="Tệp SQLite của hộp thử"),
) -> None:
    """Play citizen and officials in a terminal against the Bot API emulator.

    Example: motcua sandbox
    """
    setup_logging("WARNING")
    from bot.sandbox.launch import run_sandbox

    console.print("Đang chuẩn bị hộp thử (Phường Tây Mỗ, Hà Nội)…")
    asyncio.run(run_sandbox(database))


def serve() -> None:
    """Receive Telegram webhooks and queue them in Redis for the workers (needs
    MOTCUA_REDIS_URL and MOTCUA_WEBHOOK_SECRET). Example: motcua serve"""
    config = settings()
    setup_logging()
    if not config.webhook_secret.get_secret_value():
        err_console.print(
            "Lỗi: đặt MOTCUA_WEBHOOK_SECRET (chuỗi bí mật Telegram gửi kèm webhook)."
        )
        raise typer.Exit(1)
    from aiohttp import web

    from bot.telegram.app import create_bot
    from bot.web import create_web_app
    from bot.worker import create_queue
    from storage.db import Database

    async def main() -> web.AppRunner:
        app = create_web_app(config, Database(config.database_url), create_queue(config))
        if config.webhook_url:
            bot = create_bot(config)
            await bot.set_webhook(
                f"{config.webhook_url.rstrip('/')}/telegram/webhook",
                secret_token=config.webhook_secret.get_secret_value(),
            )
            await bot.session.close()
        runner = web.AppRunner(app)
        await runner.setup()
        await web.TCPSite(runner, config.web_host, config.web_port).start()
        console.print(f"Đang nhận webhook tại {config.web_host}:{config.web_port}")
        await asyncio.Event().wait()
        return runner

    asyncio.run(main())


def worker() -> None:
    """Handle queued updates and deliver the outbox (needs MOTCUA_REDIS_URL).

    Example: motcua worker
    """
    config = settings()
    setup_logging()
    import socket

    from bot.worker import Worker, create_queue

    async def main() -> None:
        runner = Worker(config, create_queue(config), consumer=socket.gethostname())
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, runner.request_stop)
        await runner.start()
        await runner.wait_stopped()
        await runner.stop()

    asyncio.run(main())
