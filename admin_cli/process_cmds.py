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
