"""A local Telegram Bot API emulator (aiohttp) with real chat state and a control API,
used by the end-to-end tests and by the `make run` sandbox."""

from __future__ import annotations

from bot.telegram.emulator.emulator import BotAPIEmulator, describe_message
from bot.telegram.emulator.world import Chat, User

__all__ = ["BotAPIEmulator", "Chat", "User", "describe_message"]
