"""What a channel transport must do, and how it reports failures to the sender."""

from __future__ import annotations

from typing import Any, Protocol


class RetryLater(Exception):
    """Temporary failure (429, 5xx, network): try again after ``delay`` seconds.

    ``counts`` is False for flood control, which is the platform pacing us, not an error.
    """

    def __init__(self, reason: str, delay: float | None = None, *, counts: bool = True) -> None:
        super().__init__(reason)
        self.delay = delay
        self.counts = counts


class Undeliverable(Exception):
    """Permanent failure (bad request, blocked bot, unknown chat): do not retry."""


class Held(Exception):
    """Cannot be delivered now but must not be dropped (Zalo's reply window): keep it."""


class Transport(Protocol):
    async def send(
        self, chat_id: str, thread_id: int | None, payload: dict[str, Any], reply_to: str | None
    ) -> list[str]:
        """Deliver one outbox payload; return the platform ids of the messages created."""
        ...
