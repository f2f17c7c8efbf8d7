"""A real Redis for the tests, with a key prefix of their own that is cleaned afterwards."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError

REDIS_URL = os.environ.get("MOTCUA_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
START_REDIS = (
    "Redis is not reachable at {url} ({error}). Start it with `redis-server --daemonize yes "
    "--bind 127.0.0.1 --port 6379 --save '' --appendonly no` (or run `bash .ci/run`)."
)


@pytest.fixture
async def redis_prefix() -> AsyncIterator[str]:
    client = Redis.from_url(REDIS_URL)
    try:
        await client.ping()  # type: ignore[misc]
    except (RedisConnectionError, OSError) as exc:
        await client.aclose()
        pytest.fail(START_REDIS.format(url=REDIS_URL, error=exc), pytrace=False)
    prefix = f"motcua-test-{uuid.uuid4().hex[:8]}"
    yield prefix
    keys = [key async for key in client.scan_iter(f"{prefix}:*")]
    if keys:
        await client.delete(*keys)
    await client.aclose()
