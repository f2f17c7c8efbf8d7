"""The small menus an official picks from under a card: departments, communes, extensions,
reject reasons. Each button carries a short action (`handlers.actions`) the routers decode."""

from __future__ import annotations

from collections.abc import Sequence

from handlers import texts
from handlers.actions import Button, pack
from storage.models import Department

TO_DEPARTMENT, TO_COMMUNE, EXTEND_BY, REJECT_FOR = "obt", "obx", "obe", "obj"
MENU_KINDS = (TO_DEPARTMENT, TO_COMMUNE, EXTEND_BY, REJECT_FOR)
LABEL_MAX = 60


def departments(ticket_id: int, choices: Sequence[Department]) -> list[list[Button]]:
    return [
        [Button(d.name[:LABEL_MAX], pack(TO_DEPARTMENT, ticket_id, d.id or 0))] for d in choices
    ]


def communes(ticket_id: int, choices: Sequence[tuple[str, str]]) -> list[list[Button]]:
    """``choices`` are (code, label) pairs from the place search."""
    return [
        [Button(label[:LABEL_MAX], pack(TO_COMMUNE, ticket_id, code))] for code, label in choices
    ]


def extensions(ticket_id: int) -> list[list[Button]]:
    return [
        [Button(label, pack(EXTEND_BY, ticket_id, duration))]
        for label, duration in texts.EXTENSION_CHOICES
    ]


def reject_reasons(ticket_id: int) -> list[list[Button]]:
    return [
        [Button(label, pack(REJECT_FOR, ticket_id, key))]
        for key, label in texts.REJECT_REASONS.items()
    ]
