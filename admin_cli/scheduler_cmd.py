"""The `motcua scheduler` process: reminders every minute, digests on their mornings.

Run it beside `motcua serve` / `motcua worker`; `motcua run` already includes it. Starting two
is harmless: the second waits on the lock and takes over if the first dies.
"""

from __future__ import annotations

import asyncio
import signal

from admin_cli.common import console, settings, setup_logging
from handlers import texts


def scheduler() -> None:
    """Run the SLA scheduler (reminders, escalation, digests). Example: motcua scheduler"""
    config = settings()
    setup_logging()
    from bot.scheduler import SlaScheduler
    from storage.db import Database

    async def main() -> None:
        db = Database(config.database_url)
        jobs = SlaScheduler(db, config)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await jobs.start()
        console.print(texts.SCHEDULER_STARTED)
        try:
            await stop.wait()
        finally:
            await jobs.stop()
            await db.dispose()

    asyncio.run(main())
