"""Token buckets that keep the sender inside Telegram's limits (about 30 messages a second
overall, 1 a second per chat, 20 a minute per group) so that 429s stay the exception."""

from __future__ import annotations

import time
from dataclasses import dataclass, field


@dataclass
class Bucket:
    rate: float  # tokens per second
    capacity: float
    tokens: float = -1.0
    stamp: float = field(default_factory=time.monotonic)

    def __post_init__(self) -> None:
        if self.tokens < 0:
            self.tokens = self.capacity

    def wait_time(self) -> float:
        now = time.monotonic()
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate

    def take(self) -> None:
        self.tokens -= 1


@dataclass(frozen=True)
class Limits:
    global_per_second: float = 30.0
    private_per_second: float = 1.0
    private_burst: float = 3.0
    group_per_minute: float = 20.0
    group_burst: float = 5.0


class RateLimiter:
    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or Limits()
        self._global = Bucket(self.limits.global_per_second, self.limits.global_per_second)
        self._chats: dict[str, Bucket] = {}

    def _bucket(self, chat_id: str) -> Bucket:
        bucket = self._chats.get(chat_id)
        if bucket is None:
            group = chat_id.startswith("-")  # Telegram group and supergroup ids are negative
            bucket = (
                Bucket(self.limits.group_per_minute / 60, self.limits.group_burst)
                if group
                else Bucket(self.limits.private_per_second, self.limits.private_burst)
            )
            self._chats[chat_id] = bucket
        return bucket

    def try_take(self, chat_id: str) -> float:
        """Take a token for this chat and 0.0, or the seconds to wait (nothing taken).

        Never sleeps: a slow group must not hold up everyone else's messages.
        """
        chat = self._bucket(chat_id)
        delay = max(self._global.wait_time(), chat.wait_time())
        if delay > 0:
            return delay
        self._global.take()
        chat.take()
        return 0.0
