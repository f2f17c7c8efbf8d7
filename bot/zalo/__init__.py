"""The Zalo Official Account channel: signed webhook in, outbox transport out,
access tokens, and the adapter that hands citizens' messages to the same use cases as Telegram."""
