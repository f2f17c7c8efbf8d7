"""Channel adapters: Telegram (aiogram 3) and Zalo OA, and the outbox sender that
delivers what the use cases decided to say."""
