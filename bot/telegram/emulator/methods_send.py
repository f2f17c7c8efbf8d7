"""Bot API methods that post new messages: text, photos, albums, places, documents, copies."""

from __future__ import annotations

import copy
import itertools
from typing import Any

from bot.telegram.emulator.call import MAX_CAPTION, Call, Handler
from bot.telegram.emulator.errors import bad_request
from bot.telegram.emulator.markup import parse_html
from bot.telegram.emulator.media import media_by_reference, media_from_params, media_from_upload
from bot.telegram.emulator.world import JSON

_media_groups = itertools.count(13_000_000_000_001)
COPYABLE = (
    "text",
    "entities",
    "photo",
    "document",
    "caption",
    "caption_entities",
    "location",
    "sticker",
    "voice",
    "video",
    "audio",
)


async def send_message(call: Call) -> JSON:
    chat = call.writable_chat()
    return call.post(chat, call.text_content())


async def send_photo(call: Call) -> JSON:
    chat = call.writable_chat()
    caption = call.caption_content()
    media = await media_from_params(call.world, call.params, "photo")
    return call.post(chat, {**media, **caption})


async def send_document(call: Call) -> JSON:
    chat = call.writable_chat()
    caption = call.caption_content()
    media = await media_from_params(call.world, call.params, "document")
    return call.post(chat, {**media, **caption})


async def send_location(call: Call) -> JSON:
    chat = call.writable_chat()
    latitude = call.params.number("latitude")
    longitude = call.params.number("longitude")
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise bad_request("wrong latitude or longitude")
    return call.post(chat, {"location": {"latitude": latitude, "longitude": longitude}})


async def send_media_group(call: Call) -> list[JSON]:
    chat = call.writable_chat()
    items = call.params.json("media")
    if not isinstance(items, list) or len(items) < 2:
        raise bad_request(
            "there must be at least 2 media in the album"
            if isinstance(items, list)
            else "media is empty"
        )
    if len(items) > 10:
        raise bad_request("too many media in the album")
    reply_to = call.reply_target(chat)
    thread_id = call.thread_id(chat)
    contents = [await _album_item(call, item) for item in items]
    group_id = str(next(_media_groups))
    return [
        call.world.post(
            chat,
            call.bot.user,
            {**content, "media_group_id": group_id},
            reply_to=reply_to,
            thread_id=thread_id,
        )
        for content in contents
    ]


async def _album_item(call: Call, item: Any) -> JSON:
    if not isinstance(item, dict) or item.get("type") not in ("photo", "document", "video"):
        raise bad_request("can't parse InputMedia JSON object")
    kind = "photo" if item["type"] == "photo" else "document"
    reference = str(item.get("media", ""))
    upload = call.params.attachment(reference, kind)
    content = (
        media_from_upload(call.world, upload.data, upload.filename, kind)
        if upload is not None
        else await media_by_reference(call.world, reference, kind)
    )
    caption = item.get("caption")
    if caption:
        mode = str(item.get("parse_mode") or "").lower()
        text, entities = parse_html(caption) if mode == "html" else (caption, [])
        if len(text) > MAX_CAPTION:
            raise bad_request("message caption is too long")
        content["caption"] = text
        if entities:
            content["caption_entities"] = entities
    return content


async def copy_message(call: Call) -> JSON:
    chat = call.writable_chat()
    source_chat = call.chat("from_chat_id")
    message_id = call.params.required_integer("message_id")
    original = source_chat.messages.get(message_id)
    if original is None:
        raise bad_request("message to copy not found")
    content = {key: copy.deepcopy(original[key]) for key in COPYABLE if key in original}
    if call.params.has("caption"):
        content.pop("caption", None)
        content.pop("caption_entities", None)
        content.update(call.caption_content())
    if not content:
        raise bad_request("message can't be copied")
    sent = call.post(chat, content)
    return {"message_id": sent["message_id"]}


HANDLERS: dict[str, Handler] = {
    "sendmessage": send_message,
    "sendphoto": send_photo,
    "senddocument": send_document,
    "sendlocation": send_location,
    "sendmediagroup": send_media_group,
    "copymessage": copy_message,
}
