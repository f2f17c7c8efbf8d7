"""Delivering outbox payloads through the Bot API, mapping its errors to retry decisions."""

from __future__ import annotations

from typing import Any

from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.types import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputMediaAudio,
    InputMediaDocument,
    InputMediaLivePhoto,
    InputMediaPhoto,
    InputMediaVideo,
    Message,
    ReplyParameters,
)

from bot.outbox.transport import RetryLater, Undeliverable

MEDIA_GROUP_MAX = 10
MediaUnion = (
    InputMediaAudio | InputMediaDocument | InputMediaLivePhoto | InputMediaPhoto | InputMediaVideo
)


def keyboard(rows: list[list[dict[str, str]]] | None) -> InlineKeyboardMarkup | None:
    if not rows:
        return None
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [InlineKeyboardButton(text=b["label"], callback_data=b["action"]) for b in row]
            for row in rows
        ]
    )


def _photo_ref(photo: dict[str, str]) -> str:
    # A Telegram file id is reusable by the same bot; other channels (Zalo) hand over a URL,
    # stored as the attachment's file id, which Telegram fetches itself.
    if photo.get("channel", "telegram") == "telegram":
        return photo["file_id"]
    return photo.get("url") or photo["file_id"]


class TelegramTransport:
    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def _edit(self, chat_id: int, payload: dict[str, Any]) -> None:
        """Edit a card in place; an edit that changes nothing is already done."""
        try:
            await self.bot.edit_message_text(
                chat_id=chat_id,
                message_id=int(payload["edit_message_id"]),
                text=payload["text"],
                reply_markup=keyboard(payload.get("buttons")),
            )
        except TelegramBadRequest as exc:
            if "not modified" not in exc.message:
                raise

    async def send(
        self, chat_id: str, thread_id: int | None, payload: dict[str, Any], reply_to: str | None
    ) -> list[str]:
        try:
            return await self._send(int(chat_id), thread_id, payload, reply_to)
        except TelegramRetryAfter as exc:
            reason = f"flood control {exc.retry_after}s"
            raise RetryLater(reason, exc.retry_after, counts=False) from exc
        except (TelegramServerError, TelegramNetworkError) as exc:
            raise RetryLater(type(exc).__name__) from exc
        except (
            TelegramBadRequest,
            TelegramForbiddenError,
            TelegramNotFound,
            TelegramUnauthorizedError,
        ) as exc:
            raise Undeliverable(f"{type(exc).__name__}: {exc.message}") from exc

    async def _send(
        self, chat_id: int, thread_id: int | None, payload: dict[str, Any], reply_to: str | None
    ) -> list[str]:
        reply = (
            ReplyParameters(message_id=int(reply_to), allow_sending_without_reply=True)
            if reply_to
            else None
        )
        if "edit_message_id" in payload:
            await self._edit(chat_id, payload)
            return []
        common: dict[str, Any] = {"chat_id": chat_id, "reply_parameters": reply}
        if thread_id is not None:
            common["message_thread_id"] = thread_id
        sent: list[Message] = []
        if "text" in payload:
            sent.append(
                await self.bot.send_message(
                    text=payload["text"], reply_markup=keyboard(payload.get("buttons")), **common
                )
            )
        photos = payload.get("photos") or []
        if len(photos) == 1:
            sent.append(await self.bot.send_photo(photo=_photo_ref(photos[0]), **common))
        for start in range(0, len(photos) if len(photos) > 1 else 0, MEDIA_GROUP_MAX):
            chunk = photos[start : start + MEDIA_GROUP_MAX]
            if len(chunk) == 1:
                sent.append(await self.bot.send_photo(photo=_photo_ref(chunk[0]), **common))
            else:
                media: list[MediaUnion] = [InputMediaPhoto(media=_photo_ref(p)) for p in chunk]
                sent.extend(await self.bot.send_media_group(media=media, **common))
        if "location" in payload:
            latitude, longitude = payload["location"]
            sent.append(
                await self.bot.send_location(latitude=latitude, longitude=longitude, **common)
            )
        return [str(m.message_id) for m in sent]
