"""How the sandbox draws a Telegram message on one or a few terminal lines, so the person
sees ids to reply to and numbered buttons to press."""

from __future__ import annotations

import struct
import zlib
from typing import Any

from bot.sandbox import texts

JSON = dict[str, Any]


def message_lines(label: str, message: JSON, *, edited: bool = False) -> list[str]:
    sender = message.get("from", {})
    who = texts.FROM_BOT if sender.get("is_bot") else sender.get("first_name", "?")
    flags = f" ({texts.EDITED})" if edited else ""
    reply = message.get("reply_to_message")
    replying = f" ↩#{reply['message_id']}" if reply else ""
    head = f"[{label}] #{message['message_id']} {who}{replying}{flags}:"
    lines = [head, *(f"    {line}" for line in _body(message).splitlines() or [""])]
    lines.extend(f"    {button}" for button in button_labels(message))
    return lines


def _body(message: JSON) -> str:
    parts: list[str] = []
    if "photo" in message:
        parts.append(texts.PHOTO)
    if "document" in message:
        parts.append(texts.DOCUMENT.format(name=message["document"].get("file_name", "")))
    if "location" in message:
        place = message["location"]
        parts.append(texts.LOCATION.format(lat=place["latitude"], lon=place["longitude"]))
    if "sticker" in message:
        parts.append(texts.STICKER)
    if "voice" in message:
        parts.append(texts.VOICE)
    text = message.get("text") or message.get("caption")
    if text:
        parts.append(text)
    return " ".join(parts) if parts else texts.SERVICE


def button_labels(message: JSON) -> list[str]:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    buttons = [button for row in rows for button in row if "callback_data" in button]
    return [
        texts.BUTTON.format(number=number, text=button.get("text", ""))
        for number, button in enumerate(buttons, start=1)
    ]


def sample_png(width: int = 64, height: int = 48, seed: int = 0) -> bytes:
    """A small real PNG (a colour gradient), so photo handling sees a genuine image."""
    rows = b"".join(
        b"\x00"
        + bytes(
            value
            for x in range(width)
            for value in ((x * 4 + seed) % 256, (y * 5) % 256, (seed * 40) % 256)
        )
        for y in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
