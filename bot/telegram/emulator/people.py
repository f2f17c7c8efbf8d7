"""The people's side of the emulator: citizens and officials who write, share, tap buttons.

Each action stores the message as Telegram would and queues the update the bot would get.
Creating accounts and chats is plain (sync); anything the bot would hear about is async so
the poller gets a chance to run between steps.
"""

from __future__ import annotations

import asyncio
import copy
import time
from typing import Any

from bot.telegram.emulator.world import JSON, Chat, User, World

UserRef = User | int
ChatRef = Chat | int


class PeopleActions:
    """Mixin for BotAPIEmulator: everything a human can do in Telegram that a test needs."""

    world: World

    # -- accounts and chats ------------------------------------------------------------
    def user(self, id: int, first_name: str, username: str | None = None) -> User:  # noqa: A002
        if id <= 0:
            raise ValueError("a person's Telegram id is a positive number")
        person = User(id=id, first_name=first_name, username=username)
        self.world.users[id] = person
        return person

    def private_chat(self, user: UserRef) -> Chat:
        """The person's private chat with the bot (its id is the person's id)."""
        person = self.find_user(user)
        chat = self.world.chats.get(person.id)
        if chat is None:
            chat = Chat(id=person.id, type="private", user=person)
            chat.members = {person.id: "member", self.world.primary.user.id: "member"}
            self.world.chats[person.id] = chat
        return chat

    def group(self, chat_id: int, title: str, *, forum: bool = False) -> Chat:
        if chat_id >= 0:
            raise ValueError("group chat ids are negative, e.g. -1001234567890")
        kind = "supergroup" if forum or str(chat_id).startswith("-100") else "group"
        chat = Chat(id=chat_id, type=kind, title=title, is_forum=forum)
        self.world.chats[chat_id] = chat
        return chat

    def block_bot(self, user: UserRef, blocked: bool = True) -> None:
        """The person blocks (or unblocks) the bot: sends to them get 403."""
        self.private_chat(user).blocked_bot = blocked

    def promote_bot(self, group: ChatRef, *, admin: bool = True) -> None:
        """Make the bot a group admin, which lets it read every message (no privacy mode)."""
        chat = self.find_chat(group)
        chat.members[self.world.primary.user.id] = "administrator" if admin else "member"

    # -- group membership ----------------------------------------------------------------
    async def add_member(self, group: ChatRef, user: UserRef) -> JSON:
        chat, person = self.find_chat(group), self.find_user(user)
        first = not chat.members
        chat.members[person.id] = "creator" if first else "member"
        service = {"new_chat_members": [person.as_dict()], "new_chat_member": person.as_dict()}
        return await self._say(person, chat, service)

    async def bot_added_to_group(self, group: ChatRef, by_user: UserRef) -> JSON:
        """Someone adds the bot: my_chat_member first, then the new_chat_members message."""
        chat, person = self.find_chat(group), self.find_user(by_user)
        bot = self.world.primary
        chat.members.setdefault(person.id, "creator" if not chat.members else "member")
        chat.members[bot.user.id] = "member"
        change = {
            "chat": chat.as_dict(),
            "from": person.as_dict(),
            "date": int(time.time()),
            "old_chat_member": {"status": "left", "user": bot.user.as_dict()},
            "new_chat_member": {"status": "member", "user": bot.user.as_dict()},
        }
        self.world.deliver(chat, {"my_chat_member": change}, only=bot)
        service = {"new_chat_members": [bot.user.as_dict()], "new_chat_member": bot.user.as_dict()}
        return await self._say(person, chat, service)

    async def create_topic(self, group: ChatRef, name: str, by_user: UserRef | None = None) -> int:
        """A forum topic; like Telegram, its thread id is the id of its creation message."""
        chat = self.find_chat(group)
        if not chat.is_forum:
            raise ValueError(f"chat {chat.id} is not a forum: create it with forum=True")
        author = self.find_user(by_user) if by_user is not None else self._any_member(chat)
        message = self.world.open_topic(chat, author, name, 7322096)
        self.world.deliver(chat, {"message": message})
        await asyncio.sleep(0)
        return int(message["message_id"])

    # -- messages ------------------------------------------------------------------------
    async def send_text(
        self,
        user: UserRef,
        chat: ChatRef,
        text: str,
        *,
        reply_to: int | None = None,
        thread_id: int | None = None,
    ) -> JSON:
        content: JSON = {"text": text}
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0] if text.strip() else text
            content["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        return await self._say(user, chat, content, reply_to=reply_to, thread_id=thread_id)

    async def edit_text(self, user: UserRef, chat: ChatRef, message_id: int, text: str) -> JSON:
        """The person edits their own message: the bot gets an edited_message update."""
        room, person = self.find_chat(chat), self.find_user(user)
        message = room.messages.get(message_id)
        if message is None or message["from"]["id"] != person.id or "text" not in message:
            raise ValueError(f"{person.id} has no text message {message_id} in chat {room.id}")
        message.update(text=text, edit_date=int(time.time()))
        self.world.deliver(room, {"edited_message": copy.deepcopy(message)})
        await asyncio.sleep(0)
        return copy.deepcopy(message)

    async def press_button(
        self, user: UserRef, chat: ChatRef, message_id: int, callback_data: str
    ) -> str:
        """Tap an inline button of a bot message; returns the callback_query id."""
        room, person = self.find_chat(chat), self.find_user(user)
        message = room.messages.get(message_id)
        buttons = _buttons(message) if message else []
        if callback_data not in [button.get("callback_data") for button in buttons]:
            offered = [b.get("callback_data") for b in buttons]
            raise ValueError(
                f"message {message_id} in chat {room.id} has no button {callback_data!r}; "
                f"buttons: {offered}"
            )
        assert message is not None
        query_id = self.world.new_query_id()
        query = {
            "id": query_id,
            "from": person.as_dict(),
            "message": copy.deepcopy(message),
            "chat_instance": str(abs(room.id)),
            "data": callback_data,
        }
        self.world.callback_queries[query_id] = query
        self.world.deliver(room, {"callback_query": query}, only=self.world.primary)
        await asyncio.sleep(0)
        return query_id

    def button_data(self, chat: ChatRef, message_id: int, number: int) -> str:
        """callback_data of the n-th button (1-based, row by row) as the sandbox numbers them."""
        message = self.find_chat(chat).messages.get(message_id)
        buttons = [b for b in (_buttons(message) if message else []) if "callback_data" in b]
        if not 1 <= number <= len(buttons):
            raise ValueError(f"message {message_id} has {len(buttons)} buttons, not {number}")
        return str(buttons[number - 1]["callback_data"])

    async def redeliver(self, update_id: int) -> None:
        """Deliver an already delivered update again, same update_id, as after a crash."""
        for bot in self.world.bots.values():
            if update_id in bot.delivered:
                bot.redeliveries.append(copy.deepcopy(bot.delivered[update_id]))
                bot.wakeup.set()
                await asyncio.sleep(0)
                return
        raise ValueError(f"no update {update_id} was ever queued")

    # -- helpers -------------------------------------------------------------------------
    async def _say(
        self,
        user: UserRef,
        chat: ChatRef,
        content: JSON,
        *,
        reply_to: int | None = None,
        thread_id: int | None = None,
    ) -> JSON:
        room, person = self.find_chat(chat), self.find_user(user)
        if room.type == "private" and room.id != person.id:
            raise ValueError(f"user {person.id} cannot write in {room.id}'s private chat")
        if room.type != "private" and room.members.get(person.id) in (None, "left", "kicked"):
            if "new_chat_members" not in content:
                raise ValueError(f"user {person.id} is not a member of group {room.id}")
        if reply_to is not None and reply_to not in room.messages:
            raise ValueError(f"chat {room.id} has no message {reply_to} to reply to")
        if thread_id is not None and thread_id not in room.topics:
            raise ValueError(f"chat {room.id} has no topic {thread_id}")
        message = self.world.post(room, person, content, reply_to=reply_to, thread_id=thread_id)
        self.world.deliver(room, {"message": message})
        await asyncio.sleep(0)
        return message

    def find_user(self, user: UserRef) -> User:
        person = self.world.users.get(user if isinstance(user, int) else user.id)
        if person is None:
            raise ValueError(f"unknown user {user}: create it with user(id, first_name)")
        return person

    def find_chat(self, chat: ChatRef) -> Chat:
        chat_id = chat if isinstance(chat, int) else chat.id
        room = self.world.chats.get(chat_id)
        if room is None and chat_id in self.world.users:
            room = self.private_chat(chat_id)  # a person's chat with the bot always exists
        if room is None:
            raise ValueError(f"unknown chat {chat}: create it with private_chat() or group()")
        return room

    def _any_member(self, chat: Chat) -> User:
        for user_id in chat.members:
            if user_id in self.world.users:
                return self.world.users[user_id]
        raise ValueError(f"group {chat.id} has no human member yet")


def _buttons(message: JSON) -> list[dict[str, Any]]:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return [button for row in rows for button in row]
