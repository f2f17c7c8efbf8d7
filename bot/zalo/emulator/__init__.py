"""A Zalo OA API emulator (send, upload, OAuth token endpoints with their error codes) and a
driver that posts signed webhook events, for tests and the sandbox."""

from bot.zalo.emulator.server import ZaloEmulator

__all__ = ["ZaloEmulator"]
