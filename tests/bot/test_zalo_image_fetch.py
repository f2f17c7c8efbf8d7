"""The image download gives up cleanly on what a slow, huge or lying server sends: the
citizen's report must go on without the bytes, never hang or fill the memory."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp import web

from bot.zalo.images import ImageFetcher
from tests.support.world import photo

SMALL_LIMIT = 2 * len(photo(seed=2))


async def _slow(_request: web.Request) -> web.Response:
    await asyncio.sleep(1.5)
    return web.Response(body=photo())


async def _chunked(request: web.Request) -> web.StreamResponse:
    """No Content-Length: only counting the bytes as they come shows it is too big."""
    response = web.StreamResponse()
    await response.prepare(request)
    await response.write(photo()[:8])
    for _ in range(SMALL_LIMIT // 100 + 1):
        await response.write(b"\0" * 100)
    await response.write_eof()
    return response


async def _image(_request: web.Request) -> web.Response:
    return web.Response(body=photo(seed=2), content_type="image/png")


@pytest.fixture
async def server() -> AsyncIterator[str]:
    app = web.Application()
    app.router.add_get("/slow", _slow)
    app.router.add_get("/chunked", _chunked)
    app.router.add_get("/image", _image)
    app.router.add_get("/text", _text)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    yield f"http://{host}:{port}"
    await runner.cleanup()


async def _text(_request: web.Request) -> web.Response:
    return web.Response(text="<html>gone</html>")


@pytest.fixture
async def fetcher() -> AsyncIterator[ImageFetcher]:
    images = ImageFetcher(max_bytes=SMALL_LIMIT, timeout=aiohttp.ClientTimeout(total=0.3))
    yield images
    await images.close()


async def test_a_real_image_comes_back_with_its_type(server: str, fetcher: ImageFetcher) -> None:
    image = await fetcher.fetch(f"{server}/image")
    assert image is not None
    assert image.content == photo(seed=2) and image.mime_type == "image/png"


@pytest.mark.parametrize("path", ["/slow", "/chunked", "/text", "/missing"])
async def test_what_cannot_be_kept_is_none(server: str, fetcher: ImageFetcher, path: str) -> None:
    assert await fetcher.fetch(f"{server}{path}") is None


async def test_an_unreachable_host_is_none(fetcher: ImageFetcher) -> None:
    assert await fetcher.fetch("http://127.0.0.1:9/nothing.png") is None
