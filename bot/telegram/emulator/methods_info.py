"""Bot API methods about the bot and its surroundings: identity, updates, webhook,
commands, files, chats and members, forum topics."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.telegram.emulator.call import Call, Handler
from bot.telegram.emulator.errors import ApiError, bad_request
from bot.telegram.emulator.world import JSON, BotAccount

MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024
WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to "
    "delete the webhook first"
)
POLL_CONFLICT = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance "
    "is running"
)


async def get_me(call: Call) -> JSON:
    return {
        **call.bot.user.as_dict(),
        "can_join_groups": True,
        "can_read_all_group_messages": not call.bot.privacy_mode,
        "supports_inline_queries": False,
    }


def _take(bot: BotAccount, limit: int) -> list[JSON]:
    bot.pending = [update for update in bot.pending if bot.wants(update)]
    ready = [update for update in bot.redeliveries if bot.wants(update)]
    bot.redeliveries.clear()
    return (ready + bot.pending)[:limit]


async def get_updates(call: Call) -> list[JSON]:
    """Long polling: answers as soon as an update is queued, or when the timeout ends."""
    bot = call.bot
    if bot.webhook_url:
        raise ApiError(409, WEBHOOK_CONFLICT)
    offset = call.params.integer("offset")
    limit = min(max(call.params.integer("limit") or 100, 1), 100)
    timeout = max(call.params.integer("timeout") or 0, 0)
    allowed = call.params.json("allowed_updates")
    if isinstance(allowed, list):
        bot.allowed_updates = [str(kind) for kind in allowed] or None
    if offset is not None:
        bot.pending = [update for update in bot.pending if update["update_id"] >= offset]
    bot.poll_generation += 1
    generation = bot.poll_generation
    bot.wakeup.set()  # let an older poll notice it was superseded
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        ready = _take(bot, limit)
        if ready or loop.time() >= deadline or call.world.closing:
            return ready
        bot.wakeup.clear()
        try:
            await asyncio.wait_for(bot.wakeup.wait(), deadline - loop.time())
        except TimeoutError:
            pass
        if bot.poll_generation != generation:
            raise ApiError(409, POLL_CONFLICT)


async def set_webhook(call: Call) -> bool:
    url = call.params.required_text("url", "bad webhook: an HTTPS URL must be provided")
    if not url.startswith("https://"):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    call.bot.webhook_url = url
    return True


async def delete_webhook(call: Call) -> bool:
    call.bot.webhook_url = ""
    if call.params.flag("drop_pending_updates"):
        call.bot.pending.clear()
    return True


async def get_webhook_info(call: Call) -> JSON:
    return {
        "url": call.bot.webhook_url,
        "has_custom_certificate": False,
        "pending_update_count": len(call.bot.pending),
    }


async def set_my_commands(call: Call) -> bool:
    commands = call.params.json("commands")
    if not isinstance(commands, list) or len(commands) > 100:
        raise bad_request("commands must be a list of at most 100 BotCommand")
    for command in commands:
        name = str(command.get("command", "")) if isinstance(command, dict) else ""
        if not (1 <= len(name) <= 32 and name.replace("_", "").isalnum() and name.islower()):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(str(command.get("description", ""))) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
    call.bot.commands = commands
    return True


async def get_my_commands(call: Call) -> list[JSON]:
    return call.bot.commands


async def delete_my_commands(call: Call) -> bool:
    call.bot.commands = []
    return True


async def get_file(call: Call) -> JSON:
    file_id = call.params.required_text("file_id")
    stored = call.world.files.get(file_id)
    if stored is None:
        raise bad_request("invalid file_id")
    if len(stored.data) > MAX_DOWNLOAD_BYTES:
        raise bad_request("file is too big")
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": len(stored.data),
        "file_path": stored.file_path,
    }


async def get_chat(call: Call) -> JSON:
    chat = call.chat()
    gifts = dict.fromkeys(
        (
            "unlimited_gifts",
            "limited_gifts",
            "unique_gifts",
            "premium_subscription",
            "gifts_from_channels",
        ),
        False,
    )
    return {
        **chat.as_dict(),
        "accent_color_id": 0,
        "max_reaction_count": 11,
        "accepted_gift_types": gifts,
    }


ADMIN_RIGHTS = (
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_promote_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
    "can_send_welcome_messages",
)


async def get_chat_member(call: Call) -> JSON:
    chat = call.chat()
    user_id = call.params.required_integer("user_id")
    user = call.world.users.get(user_id) or next(
        (b.user for b in call.world.bots.values() if b.user.id == user_id), None
    )
    if user is None:
        raise bad_request("PARTICIPANT_ID_INVALID")
    if chat.type == "private":
        status = "member" if user_id in (chat.id, call.bot.user.id) else "left"
    else:
        status = chat.members.get(user_id, "left")
    member: dict[str, Any] = {"status": status, "user": user.as_dict()}
    if status == "creator":
        member["is_anonymous"] = False
    elif status == "administrator":
        member.update(dict.fromkeys(ADMIN_RIGHTS, True), can_be_edited=False, is_anonymous=False)
    elif status == "kicked":
        member["until_date"] = 0
    return member


async def create_forum_topic(call: Call) -> JSON:
    chat = call.writable_chat()
    if not chat.is_forum:
        raise bad_request("the chat is not a forum")
    name = call.params.required_text("name", "TOPIC_TITLE_EMPTY")
    if len(name) > 128:
        raise bad_request("TOPIC_TITLE_INVALID")
    icon_color = call.params.integer("icon_color") or 7322096
    message = call.world.open_topic(chat, call.bot.user, name, icon_color)
    return {"message_thread_id": message["message_id"], "name": name, "icon_color": icon_color}


async def accept(call: Call) -> bool:
    """Methods whose only effect the emulator does not model (typing status, and so on)."""
    call.chat()
    return True


HANDLERS: dict[str, Handler] = {
    "getme": get_me,
    "getupdates": get_updates,
    "setwebhook": set_webhook,
    "deletewebhook": delete_webhook,
    "getwebhookinfo": get_webhook_info,
    "setmycommands": set_my_commands,
    "getmycommands": get_my_commands,
    "deletemycommands": delete_my_commands,
    "getfile": get_file,
    "getchat": get_chat,
    "getchatmember": get_chat_member,
    "createforumtopic": create_forum_topic,
    "sendchataction": accept,
}
