"""The sandbox's line-oriented terminal: one person types as the citizen and as officials,
and every message the bot sends is printed as it arrives, labelled by chat."""

from __future__ import annotations

import asyncio
import sys
import threading
from collections.abc import Mapping
from typing import TextIO

from bot.sandbox import texts
from bot.sandbox.render import message_lines, sample_png
from bot.sandbox.zalo import COMMANDS as ZALO_COMMANDS
from bot.sandbox.zalo import ZaloCitizen
from bot.telegram.emulator import BotAPIEmulator, Chat, User
from bot.zalo.emulator import ZaloEmulator

JSON = dict[str, object]
CITIZEN_KEY = "c"
NEW_GROUP_IDS = -1001000000901
ZALO_CITIZEN = "8000000001"


class UsageError(Exception):
    """A command typed wrongly; its message is shown to the person as is."""


class Terminal:
    """Turns typed commands into emulator actions and bot events into printed lines."""

    def __init__(
        self,
        emulator: BotAPIEmulator,
        citizen: User | int,
        official_groups: Mapping[str, Chat | int],
        output: TextIO,
        zalo: ZaloCitizen | None = None,
    ) -> None:
        self.emulator = emulator
        self.output = output
        self.zalo = zalo
        self.citizen = emulator.find_user(citizen)
        self.chats: dict[str, Chat] = {CITIZEN_KEY: emulator.private_chat(self.citizen)}
        for key, group in official_groups.items():
            self.chats[key] = emulator.find_chat(group)
        self.last_speaker: dict[int, int] = {}

    def write(self, *lines: str) -> None:
        self.output.write("".join(f"{line}\n" for line in lines))
        self.output.flush()

    def label(self, chat_id: int) -> str:
        for key, chat in self.chats.items():
            if chat.id == chat_id:
                if key == CITIZEN_KEY:
                    name = self.citizen.first_name
                    plain = name.lower().startswith(texts.CITIZEN_WORD)
                    return name if plain else texts.CITIZEN_LABEL.format(name=name)
                return texts.GROUP_LABEL.format(title=chat.title, key=key)
        return str(chat_id)

    def on_bot_event(self, kind: str, payload: dict[str, object]) -> None:
        if kind == "answer":
            template = texts.ALERT if payload.get("show_alert") else texts.TOAST
            if payload.get("text"):
                self.write(
                    f"[{self.label(int(str(payload['chat_id'])))}] "
                    + template.format(text=payload["text"])
                )
            return
        chat = payload.get("chat")
        chat_id = int(str(chat.get("id"))) if isinstance(chat, dict) else 0
        if kind == "deleted":
            message_id = payload.get("message_id")
            self.write(f"[{self.label(chat_id)}] " + texts.DELETED.format(message_id=message_id))
            return
        self.write(*message_lines(self.label(chat_id), payload, edited=kind == "edited"))

    # -- commands ------------------------------------------------------------------------
    async def handle(self, line: str) -> bool:
        """Run one typed line; False when the person wants to leave."""
        words = line.strip().split(maxsplit=1)
        if not words:
            return True
        command, rest = words[0].lower(), (words[1] if len(words) > 1 else "")
        if command in ("quit", "exit", "q"):
            return False
        try:
            await self._dispatch(command, rest)
        except UsageError as error:
            self.write(str(error))
        except ValueError as error:
            self.write(texts.REFUSED.format(reason=error))
        return True

    async def _dispatch(self, command: str, rest: str) -> None:
        simple = {"help": lambda: self.write(texts.HELP), "chats": self._list_chats}
        if command in simple:
            simple[command]()
        elif command == "c":
            await self._citizen_text(rest)
        elif command == "c!":
            await self._citizen_media(rest)
        elif command == "c@":
            lat, lon = _numbers(rest, 2, "c@ <vĩ độ> <kinh độ>")
            await self.emulator.send_location(self.citizen, self.chats[CITIZEN_KEY], lat, lon)
        elif self.zalo is not None and command in ZALO_COMMANDS:
            usage = await self.zalo.handle(command, rest)
            if usage:
                raise UsageError(usage)
        elif command == "o":
            await self._official(rest)
        elif command == "group":
            self._new_group(rest)
        elif command == "addbot":
            group, user = self._group_and_official(rest.split(), "addbot <nhóm> <mã cán bộ>")
            await self.emulator.bot_added_to_group(group, user)
        elif command == "press":
            await self._press(rest.split())
        elif command == "show":
            for message in self.emulator.messages(self._chat(rest.strip())):
                self.write(*message_lines(self.label(message["chat"]["id"]), message))
        elif command == "wait":
            chat = self._chat(rest.strip())
            try:
                await self.emulator.wait_for(chat, timeout=5.0)
            except AssertionError:
                self.write(texts.NO_BOT_REPLY.format(chat=self.label(chat.id)))
        else:
            raise UsageError(texts.UNKNOWN_COMMAND.format(command=command))

    def _new_group(self, rest: str) -> None:
        key, _, title = rest.strip().partition(" ")
        if not key or not title.strip() or key in self.chats:
            raise UsageError(texts.USAGE.format(usage="group <tên ngắn> <tên nhóm>"))
        taken = set(self.emulator.world.chats)
        chat_id = next(
            n for n in range(NEW_GROUP_IDS, NEW_GROUP_IDS - 10_000, -1) if n not in taken
        )
        self.chats[key] = self.emulator.group(chat_id, title.strip())
        self.write(texts.GROUP_CREATED.format(key=key, chat_id=chat_id))

    def _list_chats(self) -> None:
        for key, chat in self.chats.items():
            self.write(texts.CHAT_LINE.format(key=key, label=self.label(chat.id), chat_id=chat.id))

    async def _citizen_text(self, rest: str) -> None:
        chat = self.chats[CITIZEN_KEY]
        parts = rest.split(maxsplit=2)
        if len(parts) == 3 and parts[0].lower() == "reply":
            reply_to = _number(parts[1])
            await self.emulator.send_text(self.citizen, chat, parts[2], reply_to=int(reply_to))
            return
        await self.emulator.send_text(self.citizen, chat, rest)

    async def _citizen_media(self, rest: str) -> None:
        kind, _, caption = rest.partition(" ")
        chat, person = self.chats[CITIZEN_KEY], self.citizen
        if kind == "photo":
            await self.emulator.send_photo(person, chat, sample_png(), caption=caption or None)
        elif kind == "sticker":
            await self.emulator.send_sticker(person, chat)
        elif kind == "voice":
            await self.emulator.send_voice(person, chat)
        elif kind == "doc":
            await self.emulator.send_document(person, chat, b"%PDF-1.4 sandbox", caption=caption)
        else:
            raise UsageError(texts.USAGE.format(usage="c! photo|sticker|voice|doc [chú thích]"))

    async def _official(self, rest: str) -> None:
        usage = "o <nhóm> <mã cán bộ> [reply <số tin>] <nội dung>"
        parts = rest.split(maxsplit=2)
        if len(parts) < 3:
            raise UsageError(texts.USAGE.format(usage=usage))
        group, user = self._group_and_official(parts[:2], usage)
        if group.members.get(user.id) in (None, "left", "kicked"):
            await self.emulator.add_member(group, user)
        self.last_speaker[group.id] = user.id
        text, reply_to = parts[2], None
        reply = text.split(maxsplit=2)
        if reply[0].lower() == "reply" and len(reply) == 3:
            reply_to, text = int(_number(reply[1])), reply[2]
        await self.emulator.send_text(user, group, text, reply_to=reply_to)

    async def _press(self, args: list[str]) -> None:
        if len(args) not in (3, 4):
            raise UsageError(texts.USAGE.format(usage="press <cuộc trò chuyện> <số tin> <số nút>"))
        chat = self._chat(args[0])
        message_id, number = int(_number(args[1])), int(_number(args[2]))
        if len(args) == 4:
            presser = self._official_user(args[3])
        elif chat.type == "private":
            presser = self.citizen
        else:
            presser = self._official_user(str(self.last_speaker.get(chat.id, "")) or "0")
        try:
            data = self.emulator.button_data(chat, message_id, number)
        except ValueError:
            raise UsageError(
                texts.NO_SUCH_BUTTON.format(message_id=message_id, number=number)
            ) from None
        await self.emulator.press_button(presser, chat, message_id, data)

    def _group_and_official(self, args: list[str], usage: str) -> tuple[Chat, User]:
        if len(args) != 2:
            raise UsageError(texts.USAGE.format(usage=usage))
        group = self._chat(args[0])
        if group.type == "private":
            raise UsageError(texts.UNKNOWN_CHAT.format(name=args[0]))
        return group, self._official_user(args[1])

    def _official_user(self, raw: str) -> User:
        user_id = int(_number(raw))
        known = self.emulator.world.users.get(user_id)
        if known is not None:
            return known
        name = texts.DEFAULT_OFFICIAL_NAME.format(user_id=user_id)
        return self.emulator.user(user_id, name)

    def _chat(self, name: str) -> Chat:
        if name in self.chats:
            return self.chats[name]
        try:
            return self.emulator.find_chat(int(name))
        except ValueError:
            raise UsageError(texts.UNKNOWN_CHAT.format(name=name)) from None


def _number(raw: str) -> float:
    try:
        return float(raw)
    except ValueError:
        raise UsageError(texts.NOT_A_NUMBER.format(value=raw)) from None


def _numbers(rest: str, count: int, usage: str) -> list[float]:
    parts = rest.split()
    if len(parts) != count:
        raise UsageError(texts.USAGE.format(usage=usage))
    return [_number(part) for part in parts]


async def run_terminal(
    emulator: BotAPIEmulator,
    *,
    citizen: User | int,
    official_groups: Mapping[str, Chat | int],
    input_stream: TextIO | None = None,
    output: TextIO | None = None,
    zalo: ZaloEmulator | None = None,
) -> None:
    """Read commands until 'quit' or end of input, without blocking the event loop."""
    source = input_stream or sys.stdin
    terminal = Terminal(emulator, citizen, official_groups, output or sys.stdout)
    unsubscribe = emulator.on_bot_message(terminal.on_bot_event)
    if zalo is not None:
        terminal.zalo = ZaloCitizen(zalo, ZALO_CITIZEN, terminal.write)
        stop_zalo = zalo.on_sent(terminal.zalo.on_sent)
    terminal.write(texts.WELCOME)
    interactive = source.isatty()
    try:
        lines = _lines(source)
        while True:
            if interactive:
                terminal.output.write(texts.PROMPT)
                terminal.output.flush()
            line = await lines.get()
            if not line or not await terminal.handle(line):
                break
    finally:
        unsubscribe()
        if terminal.zalo is not None:
            stop_zalo()
        terminal.write(texts.BYE)


def _lines(source: TextIO) -> asyncio.Queue[str]:
    """Lines of `source` read by a daemon thread, so a blocked read never holds up the loop
    nor the interpreter's exit (Ctrl+C quits at once); "" marks the end of input."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[str] = asyncio.Queue()

    def pump() -> None:
        try:
            for line in iter(source.readline, ""):
                loop.call_soon_threadsafe(queue.put_nowait, line)
            loop.call_soon_threadsafe(queue.put_nowait, "")
        except (RuntimeError, ValueError, OSError):
            return  # the loop or the stream closed first: nobody is listening any more

    threading.Thread(target=pump, name="sandbox-input", daemon=True).start()
    return queue
