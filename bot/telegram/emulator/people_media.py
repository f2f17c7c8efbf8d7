"""The people's side, continued: photos, albums, places, stickers, voice, video, documents."""

from __future__ import annotations

import time

from bot.telegram.emulator.media import image_size, photo_sizes
from bot.telegram.emulator.people import ChatRef, PeopleActions, UserRef
from bot.telegram.emulator.world import JSON


class MediaActions(PeopleActions):
    """Sending media as a person; content is stored so the bot can getFile and download it."""

    async def send_photo(
        self,
        user: UserRef,
        chat: ChatRef,
        data: bytes,
        *,
        caption: str | None = None,
        reply_to: int | None = None,
        thread_id: int | None = None,
    ) -> JSON:
        content = self._photo(data, caption)
        return await self._say(user, chat, content, reply_to=reply_to, thread_id=thread_id)

    async def send_media_group(
        self, user: UserRef, chat: ChatRef, photos: list[bytes], *, caption: str | None = None
    ) -> list[JSON]:
        """An album: one update per photo sharing a media_group_id, caption on the first."""
        if not 2 <= len(photos) <= 10:
            raise ValueError("an album holds 2 to 10 photos")
        group_id = f"emu-album-{time.monotonic_ns()}"
        sent = []
        for index, data in enumerate(photos):
            content = self._photo(data, caption if index == 0 else None)
            content["media_group_id"] = group_id
            sent.append(await self._say(user, chat, content))
        return sent

    async def send_location(
        self, user: UserRef, chat: ChatRef, latitude: float, longitude: float
    ) -> JSON:
        location = {"latitude": latitude, "longitude": longitude}
        return await self._say(user, chat, {"location": location})

    async def send_sticker(self, user: UserRef, chat: ChatRef, emoji: str = "👍") -> JSON:
        stored = self.world.store_file(b"RIFF\x00\x00\x00\x00WEBPVP8 ", "stickers", ".webp")
        sticker = {
            **self._file_fields(stored.file_id),
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
        }
        return await self._say(user, chat, {"sticker": sticker})

    async def send_voice(
        self, user: UserRef, chat: ChatRef, data: bytes = b"OggS\x00voice", duration: int = 3
    ) -> JSON:
        stored = self.world.store_file(data, "voice", ".oga")
        voice = {
            **self._file_fields(stored.file_id),
            "duration": duration,
            "mime_type": "audio/ogg",
        }
        return await self._say(user, chat, {"voice": voice})

    async def send_video(
        self,
        user: UserRef,
        chat: ChatRef,
        data: bytes = b"\x00\x00\x00\x18ftypmp42",
        duration: int = 5,
    ) -> JSON:
        stored = self.world.store_file(data, "videos", ".mp4")
        video = {
            **self._file_fields(stored.file_id),
            "width": 640,
            "height": 360,
            "duration": duration,
            "mime_type": "video/mp4",
        }
        return await self._say(user, chat, {"video": video})

    async def send_document(
        self,
        user: UserRef,
        chat: ChatRef,
        data: bytes,
        *,
        file_name: str = "tai-lieu.pdf",
        mime_type: str = "application/pdf",
        caption: str | None = None,
    ) -> JSON:
        stored = self.world.store_file(data, "documents", "")
        document = {
            **self._file_fields(stored.file_id),
            "file_name": file_name,
            "mime_type": mime_type,
        }
        content: JSON = {"document": document, **({"caption": caption} if caption else {})}
        return await self._say(user, chat, content)

    def _photo(self, data: bytes, caption: str | None) -> JSON:
        width, height = image_size(data) or (1280, 960)
        thumb = self.world.store_file(data, "photos", ".jpg")
        full = self.world.store_file(data, "photos", ".jpg")
        sizes = photo_sizes(thumb, 90, max(1, 90 * height // max(width, 1)))
        sizes += photo_sizes(full, width, height)
        return {"photo": sizes, **({"caption": caption} if caption else {})}

    def _file_fields(self, file_id: str) -> JSON:
        stored = self.world.files[file_id]
        return {
            "file_id": file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.data),
        }
