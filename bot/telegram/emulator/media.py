"""Turning uploaded bytes into Telegram media objects (photo sizes, documents, voice, ...).

Telegram refuses photos that are not images; we check the magic bytes so a bot that passes
garbage gets the same IMAGE_PROCESS_FAILED it would get in production.
"""

from __future__ import annotations

import struct
from typing import Any
from urllib.parse import urlsplit

import aiohttp

from bot.telegram.emulator.errors import bad_request
from bot.telegram.emulator.params import Params
from bot.telegram.emulator.world import StoredFile, World

JSON = dict[str, Any]
MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_FILE_BYTES = 50 * 1024 * 1024
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG/JPEG/GIF/WebP, or None when it is not an image."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    if data.startswith(b"GIF8") and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return int(width), int(height)
    if data.startswith(b"\xff\xd8"):
        return _jpeg_size(data) or (800, 600)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return (512, 512)
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    index = 2
    while index + 9 < len(data):
        if data[index] != 0xFF:
            return None
        marker = data[index + 1]
        length = int.from_bytes(data[index + 2 : index + 4], "big")
        if marker in (0xC0, 0xC1, 0xC2):
            height, width = struct.unpack(">HH", data[index + 5 : index + 9])
            return int(width), int(height)
        index += 2 + length
    return None


def photo_sizes(stored: StoredFile, width: int, height: int) -> list[JSON]:
    return [
        {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.data),
            "width": width,
            "height": height,
        }
    ]


def store_photo(world: World, data: bytes) -> list[JSON]:
    if not data:
        raise bad_request("file must be non-empty")
    if len(data) > MAX_PHOTO_BYTES:
        raise bad_request("PHOTO_SAVE_FILE_INVALID")
    size = image_size(data)
    if size is None:
        raise bad_request("IMAGE_PROCESS_FAILED")
    return photo_sizes(world.store_file(data, "photos", ".jpg"), *size)


def store_document(world: World, data: bytes, filename: str, mime_type: str) -> JSON:
    if not data:
        raise bad_request("file must be non-empty")
    if len(data) > MAX_FILE_BYTES:
        raise bad_request("file is too big")
    stored = world.store_file(data, "documents", "")
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_name": filename,
        "mime_type": mime_type,
        "file_size": len(data),
    }


def existing_media(world: World, file_id: str, kind: str) -> JSON:
    """Media for a file_id the bot re-sends; Telegram answers 400 for ids it never issued."""
    stored = world.files.get(file_id)
    if stored is None:
        raise bad_request("wrong file identifier/HTTP URL specified")
    if kind == "photo":
        size = image_size(stored.data) or (800, 600)
        return {"photo": photo_sizes(stored, *size)}
    return {
        kind: {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.data),
        }
    }


async def media_from_params(world: World, params: Params, kind: str) -> JSON:
    """Read `photo`/`document` from a request: an upload, an earlier file_id or a URL."""
    reference = params.text(kind)
    upload = params.attachment(reference or "", kind)
    if upload is None:
        if not reference:
            raise bad_request(f"there is no {kind} in the request")
        return await media_by_reference(world, reference, kind)
    return media_from_upload(world, upload.data, upload.filename, kind)


async def media_by_reference(world: World, reference: str, kind: str) -> JSON:
    """A file_id, or a URL that Telegram would fetch; only local URLs (another emulator in
    the same test) are fetched, since the emulator never goes to the internet."""
    if not reference.startswith(("http://", "https://")):
        return existing_media(world, reference, kind)
    if urlsplit(reference).hostname not in LOCAL_HOSTS:
        raise bad_request("failed to get HTTP URL content")
    try:
        timeout = aiohttp.ClientTimeout(total=5)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            async with session.get(reference) as response:
                if response.status != 200:
                    raise bad_request("failed to get HTTP URL content")
                data = await response.read()
    except (aiohttp.ClientError, TimeoutError) as error:
        raise bad_request("failed to get HTTP URL content") from error
    filename = urlsplit(reference).path.rsplit("/", 1)[-1] or kind
    return media_from_upload(world, data, filename, kind)


def media_from_upload(world: World, data: bytes, filename: str, kind: str) -> JSON:
    if kind == "photo":
        return {"photo": store_photo(world, data)}
    mime = "application/pdf" if filename.lower().endswith(".pdf") else "application/octet-stream"
    return {kind: store_document(world, data, filename, mime)}
