"""BotAPIEmulator: a local Telegram Bot API with real state, for tests and the sandbox.

Point aiogram at it with `TelegramAPIServer.from_base(await emulator.start())`; drive people
with the PeopleActions methods; read what the bot said with sent_to / wait_for.
"""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Callable
from types import TracebackType
from typing import Any

from aiohttp import web

from bot.telegram.emulator.people import ChatRef
from bot.telegram.emulator.people_media import MediaActions
from bot.telegram.emulator.server import BotApiServer
from bot.telegram.emulator.world import JSON, BotAccount, BotListener, User, World

Predicate = Callable[[JSON], bool] | str | None


class BotAPIEmulator(MediaActions):
    """An aiohttp Bot API server on 127.0.0.1 plus an in-process control API."""

    def __init__(self) -> None:
        self.world = World()
        self.server = BotApiServer(self.world)
        self._runner: web.AppRunner | None = None
        self._cursors: dict[int, int] = {}
        self.base_url = ""

    # -- lifecycle -----------------------------------------------------------------------
    async def start(self) -> str:
        """Serve on a free port; returns the base URL for TelegramAPIServer.from_base."""
        self.world.closing = False
        self._runner = web.AppRunner(self.server.app, shutdown_timeout=1.0, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self.base_url = f"http://{host}:{port}"
        return self.base_url

    async def stop(self) -> None:
        self.world.closing = True
        for bot in self.world.bots.values():
            bot.wakeup.set()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> BotAPIEmulator:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()

    # -- bots ----------------------------------------------------------------------------
    def add_bot(self, token: str, user_id: int, username: str) -> User:
        """Register a bot account; the first one added is the one people talk to."""
        if ":" not in token:
            raise ValueError("a bot token looks like '123456:ABC-DEF...'")
        user = User(id=user_id, first_name=username, username=username, is_bot=True)
        self.world.bots[token] = BotAccount(token=token, user=user)
        return user

    def bot(self, token: str | None = None) -> BotAccount:
        return self.world.bots[token] if token else self.world.primary

    def set_privacy_mode(self, enabled: bool) -> None:
        """Privacy mode (on by default, as in BotFather) hides ordinary group chatter."""
        self.world.primary.privacy_mode = enabled

    # -- failures ------------------------------------------------------------------------
    def flood_control(self, limit: int | bool, retry_after: int = 1) -> None:
        """True: every send/edit gets 429; N: more than N per chat per second do; False: off."""
        self.server.flood.limit = limit
        self.server.flood.retry_after = retry_after

    def fail_next(self, method: str, status: int = 502, count: int = 1) -> None:
        """The next `count` calls of `method` ("*" for any) answer with this 5xx status."""
        self.server.faults.add(method, status, count)

    # -- what the bot did ----------------------------------------------------------------
    def on_bot_message(self, callback: BotListener) -> Callable[[], None]:
        """callback(kind, payload) for kind in sent/edited/deleted/answer; returns unsubscribe."""
        self.world.listeners.append(callback)
        return lambda: self.world.listeners.remove(callback)

    def requests(self, method: str | None = None) -> list[dict[str, Any]]:
        """Raw fields of every Bot API call received (optionally one method), oldest first."""
        wanted = method.lower() if method else None
        return [dict(f) for name, f in self.server.requests if wanted in (None, name)]

    def messages(self, chat: ChatRef) -> list[JSON]:
        """Every message in the chat as it is now, from people and the bot alike."""
        room = self.find_chat(chat)
        return [copy.deepcopy(room.messages[key]) for key in sorted(room.messages)]

    def sent_to(self, chat: ChatRef) -> list[JSON]:
        """The bot's messages in the chat as the chat sees them now (edits applied,
        deleted ones gone), oldest first."""
        bot_ids = {bot.user.id for bot in self.world.bots.values()}
        return [
            message
            for message in self.messages(chat)
            if message["from"]["id"] in bot_ids and "forum_topic_created" not in message
        ]

    def update_for(self, chat: ChatRef, message_id: int) -> int:
        """The update_id that carried a person's message to the bot (for redeliver)."""
        chat_id = self.find_chat(chat).id
        for bot in self.world.bots.values():
            for update_id, update in bot.delivered.items():
                message = update.get("message") or {}
                if message.get("message_id") == message_id and message["chat"]["id"] == chat_id:
                    return update_id
        raise ValueError(f"message {message_id} in chat {chat_id} was never delivered to a bot")

    def callback_answers(self, callback_query_id: str) -> list[JSON]:
        return copy.deepcopy(self.world.callback_answers.get(callback_query_id, []))

    async def wait_for(
        self, chat: ChatRef, predicate: Predicate = None, timeout: float = 5.0
    ) -> JSON:
        """The next message the bot sends or edits in the chat (after the one the previous
        wait_for returned) that matches; a str predicate matches text or caption."""
        chat_id = chat if isinstance(chat, int) else chat.id
        matches = _as_predicate(predicate)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            found = self._next_match(chat_id, matches)
            if found is not None:
                return found
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise AssertionError(self._describe(chat_id, predicate, timeout))
            self.world.changed.clear()
            try:
                await asyncio.wait_for(self.world.changed.wait(), remaining)
            except TimeoutError:
                pass

    def _next_match(self, chat_id: int, matches: Callable[[JSON], bool]) -> JSON | None:
        events = self.world.bot_events
        for position in range(self._cursors.get(chat_id, 0), len(events)):
            event_chat, message_id = events[position]
            room = self.world.chats.get(event_chat)
            message = room.messages.get(message_id) if room and event_chat == chat_id else None
            if message is not None and matches(message):
                self._cursors[chat_id] = position + 1
                return copy.deepcopy(message)
        return None

    def _describe(self, chat_id: int, predicate: Predicate, timeout: float) -> str:
        wanted = f"matching {predicate!r}" if predicate else "at all"
        head = f"the bot sent nothing {wanted} to chat {chat_id} within {timeout}s"
        if chat_id not in self.world.chats:
            return f"{head}; the chat does not exist in the emulator"
        seen = [describe_message(m) for m in self.sent_to(chat_id)]
        listing = "\n".join(f"  {line}" for line in seen) or "  (nothing)"
        return f"{head}; the chat has these bot messages:\n{listing}"


def describe_message(message: JSON) -> str:
    """One line per message for failure reports: id, text or media, buttons."""
    body = message.get("text") or message.get("caption") or ""
    kinds = [k for k in ("photo", "document", "location", "sticker", "voice") if k in message]
    media = f"[{', '.join(kinds)}] " if kinds else ""
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    buttons = [str(b.get("text")) for row in rows for b in row]
    suffix = f" buttons={buttons}" if buttons else ""
    return f"#{message['message_id']}: {media}{body!r}{suffix}"


def _as_predicate(predicate: Predicate) -> Callable[[JSON], bool]:
    if predicate is None:
        return lambda _message: True
    if isinstance(predicate, str):
        needle = predicate
        return lambda m: needle in (m.get("text") or m.get("caption") or "")
    return predicate
