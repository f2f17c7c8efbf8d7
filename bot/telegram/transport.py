"""Delivering outbox payloads through the Bot API, mapping its errors to retry decisions."""

from __future__ import annotations

import logging
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
    BufferedInputFile,
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
from sqlmodel import col, select

from bot.outbox.transport import RetryLater, Undeliverable
from handlers import texts
from storage.db import Database
from storage.models import Attachment, AttachmentBlob

log = logging.getLogger(__name__)
MEDIA_GROUP_MAX = 10
PhotoRef = str | BufferedInputFile
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


def _photo_ref(photo: dict[str, Any]) -> str:
    # A Telegram file id is reusable by the same bot; other channels (Zalo) hand over a URL,
    # stored as the attachment's file id, which Telegram fetches itself.
    if photo.get("channel", "telegram") == "telegram":
        return str(photo["file_id"])
    return str(photo.get("url") or photo["file_id"])


class TelegramTransport:
    def __init__(self, bot: Bot, *, db: Database | None = None) -> None:
        """``db`` lets photos kept as bytes (Zalo's, whose links expire) be uploaded."""
        self.bot = bot
        self.db = db

    async def _blob(self, photo: dict[str, Any]) -> AttachmentBlob | None:
        if self.db is None or photo.get("channel", "telegram") == "telegram":
            return None
        query = select(AttachmentBlob)
        if photo.get("attachment_id"):
            query = query.where(AttachmentBlob.attachment_id == int(photo["attachment_id"]))
        elif photo.get("file_id"):
            # Payloads written before attachment ids were carried: find it by its link.
            query = (
                query.join(Attachment, col(Attachment.id) == AttachmentBlob.attachment_id)
                .where(
                    Attachment.channel == photo["channel"], Attachment.file_id == photo["file_id"]
                )
                .order_by(col(AttachmentBlob.id).desc())
            )
        else:
            return None
        async with self.db.session() as session:
            return (await session.exec(query.limit(1))).first()

    async def _photo(self, photo: dict[str, Any]) -> PhotoRef:
        """Stored bytes when there are some; otherwise the file id, or the channel's URL."""
        blob = await self._blob(photo)
        if blob is None:
            return _photo_ref(photo)
        extension = blob.mime_type.rpartition("/")[2] or "jpg"
        return BufferedInputFile(blob.content, filename=f"photo{blob.attachment_id}.{extension}")

    async def _album(self, refs: list[PhotoRef], common: dict[str, Any]) -> list[Message]:
        if len(refs) == 1:
            return [await self.bot.send_photo(photo=refs[0], **common)]
        media: list[MediaUnion] = [InputMediaPhoto(media=ref) for ref in refs]
        return list(await self.bot.send_media_group(media=media, **common))

    async def _photos(self, photos: list[dict[str, Any]], common: dict[str, Any]) -> list[Message]:
        """Send up to ten photos; a link of another channel that Telegram cannot fetch (too
        big, broken, expired) becomes a note to the officials instead of a lost delivery."""
        refs = [await self._photo(p) for p in photos]
        linked = [
            isinstance(ref, str) and p.get("channel", "telegram") != "telegram"
            for ref, p in zip(refs, photos, strict=True)
        ]
        try:
            return await self._album(refs, common)
        except TelegramBadRequest:
            if not any(linked):
                raise
        log.warning("telegram refused %d linked photo(s); telling the group", sum(linked))
        kept = [ref for ref, is_link in zip(refs, linked, strict=True) if not is_link]
        sent = await self._album(kept, common) if kept else []
        note = texts.ZALO_PHOTO_NOT_KEPT.format(count=sum(linked))
        sent.append(await self.bot.send_message(text=note, **common))
        return sent

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
        for start in range(0, len(photos), MEDIA_GROUP_MAX):
            sent.extend(await self._photos(photos[start : start + MEDIA_GROUP_MAX], common))
        if "location" in payload:
            latitude, longitude = payload["location"]
            sent.append(
                await self.bot.send_location(latitude=latitude, longitude=longitude, **common)
            )
        return [str(m.message_id) for m in sent]
