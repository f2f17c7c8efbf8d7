"""Zalo webhook events as plain data: who, what kind, and what they carried.

Zalo sends ids and coordinates as strings and nests them differently per event; this module
is the one place that knows those shapes, and it never raises on a malformed event.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# The OA's own echoes and delivery receipts: answering them would loop forever.
IGNORED_PREFIXES = ("oa_send_",)
IGNORED = frozenset({"user_received_message", "user_seen_message"})
MAX_URL = 255  # Attachment.file_id length


@dataclass(frozen=True)
class ZaloEvent:
    name: str
    oa_id: str
    user_id: str
    msg_id: str
    text: str = ""
    image_urls: tuple[str, ...] = ()
    location: tuple[float, float] | None = None
    info: dict[str, str] = field(default_factory=dict)
    display_name: str | None = None

    @property
    def dedup_key(self) -> str:
        """``msg_id`` when Zalo gives one; follow/unfollow have none, so name + user + time."""
        return self.msg_id

    @property
    def ignored(self) -> bool:
        return self.name in IGNORED or self.name.startswith(IGNORED_PREFIXES)


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))


def _coordinates(attachments: list[Any]) -> tuple[float, float] | None:
    for item in attachments:
        coords = _dict(_dict(_dict(item).get("payload")).get("coordinates"))
        try:
            lat, lon = float(coords["latitude"]), float(coords["longitude"])
        except (KeyError, TypeError, ValueError):
            continue
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            return (lat, lon)
    return None


def _image_urls(attachments: list[Any]) -> tuple[str, ...]:
    urls = []
    for item in attachments:
        url = _str(_dict(_dict(item).get("payload")).get("url"))
        if url.startswith(("http://", "https://")) and len(url) <= MAX_URL:
            urls.append(url)
    return tuple(urls)


def parse_event(data: Any) -> ZaloEvent | None:
    """``None`` for anything that is not an event we can attribute to a user."""
    if not isinstance(data, dict):
        return None
    name = _str(data.get("event_name"))
    if not name:
        return None
    message = _dict(data.get("message"))
    user_id = _str(_dict(data.get("sender")).get("id")) or _str(
        _dict(data.get("follower")).get("id")
    )
    oa_id = _str(_dict(data.get("recipient")).get("id")) or _str(data.get("oa_id"))
    if name.startswith("oa_send_"):
        # Echoes come from the OA: the citizen is the recipient.
        user_id = _str(_dict(data.get("recipient")).get("id"))
        oa_id = _str(_dict(data.get("sender")).get("id"))
    if not user_id:
        return None
    timestamp = _str(data.get("timestamp"))
    msg_id = _str(message.get("msg_id")) or f"{name}:{user_id}:{timestamp}"
    attachments = message.get("attachments")
    attachments = attachments if isinstance(attachments, list) else []
    info = {k: _str(v) for k, v in _dict(data.get("info")).items() if isinstance(v, str | int)}
    return ZaloEvent(
        name=name,
        oa_id=oa_id,
        user_id=user_id,
        msg_id=msg_id[:128],
        text=_str(message.get("text")),
        image_urls=_image_urls(attachments) if name == "user_send_image" else (),
        location=_coordinates(attachments) if name == "user_send_location" else None,
        info=info,
    )
