"""The cast of a sandbox session: one citizen, and per department a group with an official
in it and the bot added, so `motcua sandbox` can start playing at once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.sandbox import texts
from bot.telegram.emulator import BotAPIEmulator, Chat, User

FIRST_GROUP_ID = -1001000000101
FIRST_OFFICIAL_ID = 7001


@dataclass
class Scene:
    citizen: User
    groups: dict[str, Chat] = field(default_factory=dict)
    officials: dict[str, User] = field(default_factory=dict)


async def build_scene(
    emulator: BotAPIEmulator,
    departments: Mapping[str, str],
    *,
    citizen_id: int = 5001,
    citizen_name: str = "Lan",
    add_bot: bool = True,
) -> Scene:
    """`departments` maps a short key typed in the terminal (e.g. "kinhte") to the group's
    title; official ids start at 7001 in the same order."""
    scene = Scene(citizen=emulator.user(citizen_id, citizen_name))
    emulator.private_chat(scene.citizen)
    for number, (key, title) in enumerate(departments.items()):
        group = emulator.group(FIRST_GROUP_ID - number, title)
        official_id = FIRST_OFFICIAL_ID + number
        official = emulator.user(
            official_id, texts.DEFAULT_OFFICIAL_NAME.format(user_id=official_id)
        )
        await emulator.add_member(group, official)
        if add_bot:
            await emulator.bot_added_to_group(group, official)
        scene.groups[key] = group
        scene.officials[key] = official
    return scene
