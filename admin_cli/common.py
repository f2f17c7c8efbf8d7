"""What every command shares: settings, the database, error handling, output."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

import typer
from rich.console import Console

from handlers.errors import UserError
from storage.db import Database
from storage.settings import Settings, get_settings

T = TypeVar("T")
console = Console()
err_console = Console(stderr=True)


def settings() -> Settings:
    return get_settings()


def run(coro: Coroutine[Any, Any, T]) -> T:
    """Run a command body; a person's mistake is one clear line and exit code 1."""
    try:
        return asyncio.run(coro)
    except UserError as exc:
        err_console.print(f"[bold red]Lỗi:[/] {exc}")
        raise typer.Exit(1) from exc


async def with_db(work: Callable[[Database], Awaitable[T]]) -> T:
    db = Database(settings().database_url)
    try:
        return await work(db)
    finally:
        await db.dispose()


def print_json(data: Any) -> None:
    console.print_json(json.dumps(data, ensure_ascii=False, default=str))


def setup_logging(level: str = "INFO") -> None:
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
