"""One Settings object for every process, read from ``MOTCUA_*`` variables and ``.env``."""

from __future__ import annotations

from functools import lru_cache

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MOTCUA_", env_file=".env", extra="ignore")

    database_url: str = "sqlite:///./motcua.db"
    redis_url: str = ""
    # Key prefix in Redis, so several deployments (or test runs) can share one server.
    redis_prefix: str = "motcua"
    telegram_token: SecretStr = SecretStr("")
    telegram_api_base: str = "https://api.telegram.org"
    zalo_api_base: str = "https://openapi.zalo.me"
    timezone: str = "Asia/Ho_Chi_Minh"
    # Binding codes are short-lived: a code read out in a meeting must not bind a chat later.
    binding_code_ttl_hours: int = 24
    # How long a citizen's follow-up messages are taken as part of the ticket they just filed.
    followup_window_minutes: int = 30
    # Below this NLU confidence the citizen picks the category from buttons.
    nlu_confidence_threshold: float = 0.6
    # Telegram sends it back in X-Telegram-Bot-Api-Secret-Token on every webhook call.
    webhook_secret: SecretStr = SecretStr("")
    webhook_url: str = ""
    web_host: str = "0.0.0.0"
    web_port: int = 8080


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
