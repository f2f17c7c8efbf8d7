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
    # One base URL for both Zalo hosts (OpenAPI and OAuth) when it is not the real one: tests.
    zalo_api_base: str = "https://openapi.zalo.me"
    zalo_app_id: str = ""
    # Sent as ``secret_key`` when refreshing tokens.
    zalo_app_secret: SecretStr = SecretStr("")
    # Signs webhook events (X-ZEvent-Signature); not the app secret, though some texts say so.
    zalo_oa_secret_key: SecretStr = SecretStr("")
    timezone: str = "Asia/Ho_Chi_Minh"
    # Binding codes are short-lived: a code read out in a meeting must not bind a chat later.
    binding_code_ttl_hours: int = 24
    # How long a citizen's follow-up messages are taken as part of the ticket they just filed.
    followup_window_minutes: int = 30
    # Below this NLU confidence (or with two categories this close) the citizen picks the
    # category from buttons instead of the bot guessing.
    nlu_confidence_threshold: float = 0.5
    nlu_category_margin: float = 0.15
    # Telegram sends it back in X-Telegram-Bot-Api-Secret-Token on every webhook call.
    webhook_secret: SecretStr = SecretStr("")
    webhook_url: str = ""
    web_host: str = "0.0.0.0"
    web_port: int = 8080


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
