"""Plain inbound messages: what an adapter hands to the use cases, free of platform types."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from handlers.outbox import Recipient

MAX_TEXT = 4096
_KEEP = {"\n", "\t"}


def clean_text(text: str) -> str:
    """NFC, without invisible format/control characters (zero-width, RTL marks, NUL)."""
    composed = unicodedata.normalize("NFC", text)
    return "".join(
        ch for ch in composed if ch in _KEEP or unicodedata.category(ch) not in ("Cf", "Cc")
    ).strip()


@dataclass(frozen=True)
class Photo:
    file_id: str
    file_unique_id: str | None = None


@dataclass(frozen=True)
class CitizenMessage:
    channel: str
    user_id: str
    chat_id: str
    message_id: str
    display_name: str | None = None
    text: str = ""
    photos: tuple[Photo, ...] = ()
    location: tuple[float, float] | None = None
    reply_to_message_id: str | None = None
    media_group_id: str | None = None

    @property
    def reply_chat(self) -> Recipient:
        return Recipient(self.channel, self.chat_id)

    @property
    def has_content(self) -> bool:
        return bool(clean_text(self.text) or self.photos or self.location)


@dataclass(frozen=True)
class OfficialMessage:
    """A message an official wrote in a department group, replying to a bot message."""

    channel: str
    chat_id: int
    thread_id: int | None
    user_id: int
    message_id: str
    reply_to_message_id: str
    text: str = ""
    photos: tuple[Photo, ...] = field(default=())

    @property
    def group(self) -> Recipient:
        return Recipient(self.channel, str(self.chat_id), self.thread_id)
