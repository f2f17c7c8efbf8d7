"""Fetching the images a citizen sends on Zalo, so the ticket keeps them: Zalo's CDN links
expire, and a report must not lose its photo when they do. A failed fetch is logged and the
URL kept as a fallback; it never stops the report."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

import aiohttp
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.zalo.accounts import CHANNEL
from storage.models import Attachment, AttachmentBlob

log = logging.getLogger(__name__)
MAX_BYTES = 10 * 1024 * 1024
TIMEOUT = aiohttp.ClientTimeout(total=20, sock_connect=5)
CHUNK = 64 * 1024
# Magic bytes → MIME type; anything else is not a photo Telegram would show.
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)


@dataclass(frozen=True)
class Image:
    url: str
    content: bytes
    mime_type: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def image_type(content: bytes) -> str | None:
    for magic, mime in SIGNATURES:
        if content.startswith(magic):
            return mime
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "image/webp"
    return None


class ImageFetcher:
    def __init__(self, *, max_bytes: int = MAX_BYTES, timeout: aiohttp.ClientTimeout = TIMEOUT):
        self.max_bytes = max_bytes
        self.timeout = timeout
        self._session: aiohttp.ClientSession | None = None

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def fetch(self, url: str) -> Image | None:
        """The image at ``url``, or ``None`` (logged) if it is missing, too big or not one."""
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=self.timeout)
        try:
            async with self._session.get(url) as response:
                if response.status != 200:
                    log.warning(
                        "zalo image %s: HTTP %d; keeping the URL only", url, response.status
                    )
                    return None
                if (response.content_length or 0) > self.max_bytes:
                    log.warning("zalo image %s: larger than %d bytes", url, self.max_bytes)
                    return None
                content = bytearray()
                async for chunk in response.content.iter_chunked(CHUNK):
                    content.extend(chunk)
                    if len(content) > self.max_bytes:
                        log.warning("zalo image %s: larger than %d bytes", url, self.max_bytes)
                        return None
        except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
            log.warning("zalo image %s: download failed (%s)", url, type(exc).__name__)
            return None
        mime = image_type(bytes(content))
        if mime is None:
            log.warning("zalo image %s: %d bytes that are not an image", url, len(content))
            return None
        return Image(url, bytes(content), mime)

    async def fetch_all(self, urls: tuple[str, ...]) -> list[Image]:
        images = []
        for url in urls:
            image = await self.fetch(url)
            if image is not None:
                images.append(image)
        return images


async def keep_images(session: AsyncSession, images: list[Image]) -> list[Image]:
    """Store the bytes of each image whose Zalo attachment exists and has none yet; returns
    the images still waiting for their attachment (a report held until the commune is known)."""
    waiting = []
    for image in images:
        attachments = (
            await session.exec(
                select(Attachment)
                .outerjoin(AttachmentBlob, col(AttachmentBlob.attachment_id) == Attachment.id)
                .where(
                    Attachment.channel == CHANNEL,
                    Attachment.file_id == image.url,
                    col(AttachmentBlob.id).is_(None),
                )
            )
        ).all()
        if not attachments:
            waiting.append(image)
        for attachment in attachments:
            assert attachment.id is not None
            session.add(
                AttachmentBlob(
                    attachment_id=attachment.id,
                    content=image.content,
                    mime_type=image.mime_type,
                    size=len(image.content),
                    sha256=image.sha256,
                )
            )
    return waiting
