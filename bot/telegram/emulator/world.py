"""The emulated Telegram world: accounts, chats, messages, files and update queues.

Kept free of HTTP so the server (bot side) and the control API (people's side) share one
truth; both mutate it only through these methods, so ids stay monotonic per chat and per bot.
"""

from __future__ import annotations

import asyncio
import copy
import itertools
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

JSON = dict[str, Any]
logger = logging.getLogger(__name__)
BotListener = Callable[[str, JSON], None]

# Telegram's default when a bot never asked: everything except these.
NOT_DELIVERED_BY_DEFAULT = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


@dataclass
class User:
    """A Telegram account (a person or a bot)."""

    id: int
    first_name: str
    username: str | None = None
    is_bot: bool = False

    def as_dict(self) -> JSON:
        data: JSON = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        if self.username:
            data["username"] = self.username
        return data


@dataclass
class Chat:
    """A private chat (id = the person's id) or a group; holds its messages by id."""

    id: int
    type: str
    title: str | None = None
    user: User | None = None
    is_forum: bool = False
    members: dict[int, str] = field(default_factory=dict)
    messages: dict[int, JSON] = field(default_factory=dict)
    topics: dict[int, str] = field(default_factory=dict)
    blocked_bot: bool = False
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def next_message_id(self) -> int:
        return next(self._ids)

    def as_dict(self) -> JSON:
        if self.user is not None:
            return {"id": self.id, "type": "private", **_name_fields(self.user)}
        data: JSON = {"id": self.id, "type": self.type, "title": self.title}
        if self.is_forum:
            data["is_forum"] = True
        return data


def _name_fields(user: User) -> JSON:
    data: JSON = {"first_name": user.first_name}
    if user.username:
        data["username"] = user.username
    return data


@dataclass
class StoredFile:
    file_id: str
    file_unique_id: str
    data: bytes
    file_path: str


@dataclass
class BotAccount:
    """One registered bot: its identity, its update queue and what it set up."""

    token: str
    user: User
    pending: list[JSON] = field(default_factory=list)
    redeliveries: list[JSON] = field(default_factory=list)
    delivered: dict[int, JSON] = field(default_factory=dict)
    allowed_updates: list[str] | None = None
    webhook_url: str = ""
    commands: list[JSON] = field(default_factory=list)
    privacy_mode: bool = True
    poll_generation: int = 0
    wakeup: asyncio.Event = field(default_factory=asyncio.Event)
    _update_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(100_000_001))

    def wants(self, update: JSON) -> bool:
        kind = next(key for key in update if key != "update_id")
        if self.allowed_updates:
            return kind in self.allowed_updates
        return kind not in NOT_DELIVERED_BY_DEFAULT

    def push(self, payload: JSON) -> JSON:
        update = {"update_id": next(self._update_ids), **copy.deepcopy(payload)}
        self.delivered[update["update_id"]] = update
        self.pending.append(update)
        self.wakeup.set()
        return update


class World:
    """All state of the emulator; single event loop, so no locks are needed."""

    def __init__(self) -> None:
        self.bots: dict[str, BotAccount] = {}
        self.users: dict[int, User] = {}
        self.chats: dict[int, Chat] = {}
        self.files: dict[str, StoredFile] = {}
        self.callback_queries: dict[str, JSON] = {}
        self.callback_answers: dict[str, list[JSON]] = {}
        self.listeners: list[BotListener] = []
        # Sequence of bot-side events (sent/edited) so waiters can tell new from old.
        self.bot_events: list[tuple[int, int]] = []
        self.changed = asyncio.Event()
        self.closing = False
        self._file_ids = itertools.count(1)
        self._query_ids = itertools.count(7_000_000_001)

    @property
    def primary(self) -> BotAccount:
        if not self.bots:
            raise RuntimeError("no bot registered: call add_bot(token, user_id, username) first")
        return next(iter(self.bots.values()))

    def is_bot(self, user_id: int) -> bool:
        return any(bot.user.id == user_id for bot in self.bots.values())

    def post(
        self,
        chat: Chat,
        sender: User,
        content: JSON,
        *,
        reply_to: int | None = None,
        thread_id: int | None = None,
        quiet: bool = False,
    ) -> JSON:
        """Store a new message in the chat and return it as Telegram would; `quiet` keeps
        service messages out of what waiters and the sandbox see as the bot's words."""
        message: JSON = {
            "message_id": chat.next_message_id(),
            "date": int(time.time()),
            "chat": chat.as_dict(),
            "from": sender.as_dict(),
        }
        if reply_to is None and thread_id in chat.topics and thread_id in chat.messages:
            reply_to = thread_id  # Telegram: a topic message replies to the topic's creation
        if reply_to is not None:
            original = chat.messages[reply_to]
            quoted = {k: v for k, v in original.items() if k != "reply_to_message"}
            message["reply_to_message"] = copy.deepcopy(quoted)
            thread_id = thread_id or original.get("message_thread_id")
        if thread_id is not None and chat.is_forum:
            message["message_thread_id"] = thread_id
            message["is_topic_message"] = True
        message.update(copy.deepcopy(content))
        chat.messages[message["message_id"]] = message
        if self.is_bot(sender.id) and not quiet:
            self.bot_event("sent", chat, message)
        return copy.deepcopy(message)

    def open_topic(self, chat: Chat, author: User, name: str, icon_color: int) -> JSON:
        """A forum topic's creation message; its id is the topic's message_thread_id."""
        created = {"forum_topic_created": {"name": name, "icon_color": icon_color}}
        message = self.post(chat, author, created, quiet=True)
        thread_id = message["message_id"]
        chat.topics[thread_id] = name
        chat.messages[thread_id].update(message_thread_id=thread_id, is_topic_message=True)
        return copy.deepcopy(chat.messages[thread_id])

    def bot_event(self, kind: str, chat: Chat, message: JSON) -> None:
        """Record what the bot did, for waiters and the sandbox's printer."""
        if kind in ("sent", "edited"):
            self.bot_events.append((chat.id, message["message_id"]))
        self.changed.set()
        for listener in list(self.listeners):
            try:
                listener(kind, copy.deepcopy(message))
            except Exception:  # a broken printer must not turn the bot's call into a 500
                logger.exception("bot-message listener failed on %s", kind)

    def store_file(self, data: bytes, folder: str, suffix: str) -> StoredFile:
        number = next(self._file_ids)
        stored = StoredFile(
            file_id=f"AgAC-emu-{number:06d}-{folder}",
            file_unique_id=f"AQAD{number:06d}",
            data=data,
            file_path=f"{folder}/file_{number}{suffix}",
        )
        self.files[stored.file_id] = stored
        return stored

    def file_by_path(self, path: str) -> StoredFile | None:
        return next((f for f in self.files.values() if f.file_path == path), None)

    def new_query_id(self) -> str:
        return str(next(self._query_ids))

    def deliver(self, chat: Chat, payload: JSON, *, only: BotAccount | None = None) -> None:
        """Queue an update for the bots that would see it in this chat."""
        targets = [only] if only is not None else self.bots_in(chat)
        for bot in targets:
            if _visible_to(bot, chat, payload):
                bot.push(payload)

    def bots_in(self, chat: Chat) -> list[BotAccount]:
        if chat.type == "private":
            return [self.primary]
        return [
            bot
            for bot in self.bots.values()
            if chat.members.get(bot.user.id) in ("member", "administrator", "creator")
        ]


def _visible_to(bot: BotAccount, chat: Chat, payload: JSON) -> bool:
    """Privacy mode: in groups a non-admin bot sees commands, replies to it and service
    messages only (Telegram's default), which the group flows must cope with."""
    message = payload.get("message") or payload.get("edited_message")
    if message is None or chat.type == "private" or not bot.privacy_mode:
        return True
    if chat.members.get(bot.user.id) in ("administrator", "creator"):
        return True
    text = message.get("text") or message.get("caption") or ""
    replied = message.get("reply_to_message", {})
    is_service = not any(k in message for k in CONTENT_KEYS)
    return text.startswith("/") or replied.get("from", {}).get("id") == bot.user.id or is_service


CONTENT_KEYS = (
    "text",
    "photo",
    "document",
    "sticker",
    "voice",
    "video",
    "location",
    "caption",
    "audio",
    "contact",
    "animation",
    "video_note",
)
