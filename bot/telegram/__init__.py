"""The Telegram adapter: aiogram routers, keyboards, callback data, middlewares,
and the Bot API emulator used by tests and the sandbox."""
