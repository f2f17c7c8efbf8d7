"""Delivering the outbox: claiming due messages, per-channel transports, rate limits,
retries with backoff. At-least-once delivery, in order per chat."""
