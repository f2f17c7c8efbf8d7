"""What every Bot API method handler receives, and the checks most of them share."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from bot.telegram.emulator.errors import CHAT_NOT_FOUND, MESSAGE_TOO_LONG, bad_request, forbidden
from bot.telegram.emulator.markup import check_reply_markup, parse_html
from bot.telegram.emulator.params import Params
from bot.telegram.emulator.world import JSON, BotAccount, Chat, World

MAX_TEXT = 4096
MAX_CAPTION = 1024


@dataclass
class Call:
    world: World
    bot: BotAccount
    params: Params

    def chat(self, field: str = "chat_id") -> Chat:
        """The chat a method names, or Telegram's 400 when the bot cannot know it."""
        raw = self.params.text(field)
        if raw is None or raw == "":
            raise bad_request(f"{field} is empty")
        try:
            chat_id = int(raw)
        except ValueError:
            raise bad_request(CHAT_NOT_FOUND) from None
        chat = self.world.chats.get(chat_id)
        if chat is None and chat_id in self.world.users:
            raise forbidden("bot can't initiate conversation with a user")
        if chat is None:
            raise bad_request(CHAT_NOT_FOUND)
        return chat

    def writable_chat(self) -> Chat:
        """A chat the bot may post in, refusing like Telegram when it may not."""
        chat = self.chat()
        if chat.type == "private":
            if chat.blocked_bot:
                raise forbidden("bot was blocked by the user")
            return chat
        if chat.members.get(self.bot.user.id) not in ("member", "administrator", "creator"):
            kind = "supergroup" if chat.type == "supergroup" else "group"
            raise forbidden(f"bot is not a member of the {kind} chat")
        return chat

    def formatted(self, field: str, mode_field: str, limit: int, too_long: str) -> JSON:
        """Text or caption after parse_mode, with entities; enforces Telegram's limits."""
        source = self.params.text(field)
        if source is None:
            return {}
        mode = (self.params.text(mode_field) or "").lower()
        text, entities = parse_html(source) if mode == "html" else (source, [])
        if _utf16(text) > limit:
            raise bad_request(too_long)
        if not text.strip():
            return {}
        text, entities = _trim(text, entities)
        key = "text" if field == "text" else "caption"
        content: JSON = {key: text}
        if entities:
            content["entities" if key == "text" else "caption_entities"] = entities
        return content

    def text_content(self) -> JSON:
        content = self.formatted("text", "parse_mode", MAX_TEXT, MESSAGE_TOO_LONG)
        if "text" not in content:
            raise bad_request("message text is empty")
        return content

    def caption_content(self) -> JSON:
        return self.formatted("caption", "parse_mode", MAX_CAPTION, "message caption is too long")

    def reply_target(self, chat: Chat) -> int | None:
        """The message this one replies to (reply_parameters or the legacy field)."""
        parameters = self.params.json("reply_parameters") or {}
        if not isinstance(parameters, dict):
            raise bad_request("can't parse reply parameters JSON object")
        message_id = parameters.get("message_id") or self.params.integer("reply_to_message_id")
        if message_id is None:
            return None
        if int(message_id) in chat.messages:
            return int(message_id)
        allow = parameters.get("allow_sending_without_reply") or self.params.flag(
            "allow_sending_without_reply"
        )
        if allow:
            return None
        raise bad_request("message to be replied not found")

    def thread_id(self, chat: Chat) -> int | None:
        thread = self.params.integer("message_thread_id")
        if thread is None or not chat.is_forum:
            return None
        if thread not in chat.topics:
            raise bad_request("message thread not found")
        return thread

    def inline_markup(self) -> JSON:
        markup = check_reply_markup(self.params.json("reply_markup"))
        return {"reply_markup": markup} if markup else {}

    def post(self, chat: Chat, content: JSON) -> JSON:
        return self.world.post(
            chat,
            self.bot.user,
            {**content, **self.inline_markup()},
            reply_to=self.reply_target(chat),
            thread_id=self.thread_id(chat),
        )


def _trim(text: str, entities: list[JSON]) -> tuple[str, list[JSON]]:
    """Telegram drops whitespace at both ends of a message and shifts entities to match."""
    lead = _utf16(text[: len(text) - len(text.lstrip())])
    trimmed = text.strip()
    end = _utf16(trimmed)
    kept = []
    for entity in entities:
        start = max(entity["offset"] - lead, 0)
        stop = min(entity["offset"] + entity["length"] - lead, end)
        if stop > start:
            kept.append({**entity, "offset": start, "length": stop - start})
    return trimmed, kept


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


Handler = Callable[[Call], Awaitable[Any]]
