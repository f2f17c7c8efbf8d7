"""Turning aiogram messages into the plain inbound messages the use cases take."""

from __future__ import annotations

from aiogram.types import Message

from handlers.inbound import CitizenMessage, OfficialMessage, Photo

CHANNEL = "telegram"


def _photos(message: Message) -> tuple[Photo, ...]:
    if not message.photo:
        return ()
    largest = message.photo[-1]  # Telegram lists sizes smallest first
    return (Photo(largest.file_id, largest.file_unique_id),)


def citizen_message(message: Message) -> CitizenMessage:
    user = message.from_user
    assert user is not None
    location = None
    if message.location is not None:
        location = (message.location.latitude, message.location.longitude)
    reply = message.reply_to_message
    return CitizenMessage(
        channel=CHANNEL,
        user_id=str(user.id),
        chat_id=str(message.chat.id),
        message_id=str(message.message_id),
        display_name=user.full_name,
        text=message.text or message.caption or "",
        photos=_photos(message),
        location=location,
        reply_to_message_id=str(reply.message_id) if reply is not None else None,
        media_group_id=message.media_group_id,
    )


def citizen_identity(user_id: int, chat_id: int, name: str | None) -> CitizenMessage:
    """For button presses: who pressed, with no content."""
    return CitizenMessage(
        channel=CHANNEL,
        user_id=str(user_id),
        chat_id=str(chat_id),
        message_id="",
        display_name=name,
    )


def official_message(message: Message) -> OfficialMessage:
    user = message.from_user
    reply = message.reply_to_message
    assert user is not None and reply is not None
    return OfficialMessage(
        channel=CHANNEL,
        chat_id=message.chat.id,
        thread_id=message.message_thread_id if message.is_topic_message else None,
        user_id=user.id,
        message_id=str(message.message_id),
        reply_to_message_id=str(reply.message_id),
        text=message.text or message.caption or "",
        photos=_photos(message),
    )
