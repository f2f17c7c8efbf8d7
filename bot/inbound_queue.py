"""The queue between `motcua serve` (webhooks) and `motcua worker`s: a Redis Stream with a
consumer group. An entry is acknowledged only after its transaction committed; entries a dead
worker left unacknowledged are reclaimed by the others."""

from __future__ import annotations

import json
import logging
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import ResponseError

log = logging.getLogger(__name__)
FIELD = "update"


@dataclass(frozen=True)
class Entry:
    entry_id: str
    channel: str
    update: dict[str, Any]


class InboundQueue:
    def __init__(
        self,
        redis: Redis,
        *,
        prefix: str = "motcua",
        group: str = "workers",
        reclaim_after_ms: int = 60_000,
    ) -> None:
        self.redis = redis
        self.prefix = prefix
        self.group = group
        self.reclaim_after_ms = reclaim_after_ms

    def stream(self, channel: str) -> str:
        return f"{self.prefix}:inbound:{channel}"

    async def publish(self, channel: str, update: dict[str, Any]) -> str:
        entry_id = await self.redis.xadd(
            self.stream(channel), {FIELD: json.dumps(update, ensure_ascii=False)}
        )
        return entry_id.decode() if isinstance(entry_id, bytes) else str(entry_id)

    async def ensure_group(self, channel: str) -> None:
        try:
            await self.redis.xgroup_create(self.stream(channel), self.group, id="0", mkstream=True)
        except ResponseError as exc:
            if "BUSYGROUP" not in str(exc):
                raise

    async def ack(self, entry: Entry) -> None:
        await self.redis.xack(self.stream(entry.channel), self.group, entry.entry_id)

    async def _entries(self, channel: str, raw: list[Any]) -> list[Entry]:
        entries = []
        for entry_id, fields in raw or []:
            key = entry_id.decode() if isinstance(entry_id, bytes) else str(entry_id)
            body = fields.get(FIELD.encode()) or fields.get(FIELD)
            try:
                update = json.loads(body)
            except (TypeError, ValueError):
                log.error("inbound entry %s is not JSON; dropped from the queue", key)
                update = None
            if isinstance(update, dict):
                entries.append(Entry(key, channel, update))
            else:
                await self.redis.xack(self.stream(channel), self.group, key)
        return entries

    async def read(
        self, channel: str, consumer: str, *, count: int = 10, block_ms: int = 1000
    ) -> list[Entry]:
        """Entries left behind by dead workers first, then new ones."""
        stream = self.stream(channel)
        claimed = await self.redis.xautoclaim(
            stream, self.group, consumer, self.reclaim_after_ms, "0-0", count=count
        )
        entries = await self._entries(channel, claimed[1])
        if entries:
            log.warning("reclaimed %d inbound entries from a stopped worker", len(entries))
            return entries
        result = await self.redis.xreadgroup(
            self.group, consumer, {stream: ">"}, count=count, block=block_ms
        )
        entries = []
        for _, raw in result or []:
            entries.extend(await self._entries(channel, raw))
        return entries

    async def consume(self, channel: str, consumer: str | None = None) -> AsyncIterator[Entry]:
        consumer = consumer or f"{socket.gethostname()}-{id(self)}"
        await self.ensure_group(channel)
        while True:
            for entry in await self.read(channel, consumer):
                yield entry
