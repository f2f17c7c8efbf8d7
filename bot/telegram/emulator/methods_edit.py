"""Bot API methods that change what is already there: edits, deletions, callback answers."""

from __future__ import annotations

import copy
import time

from bot.telegram.emulator.call import Call, Handler
from bot.telegram.emulator.errors import MESSAGE_TO_EDIT_NOT_FOUND, bad_request
from bot.telegram.emulator.markup import check_reply_markup
from bot.telegram.emulator.world import JSON, Chat

NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid"


def _editable(call: Call) -> tuple[Chat, JSON]:
    if call.params.has("inline_message_id"):
        raise bad_request("MESSAGE_ID_INVALID")
    chat = call.chat()
    message_id = call.params.required_integer("message_id")
    message = chat.messages.get(message_id)
    if message is None:
        raise bad_request(MESSAGE_TO_EDIT_NOT_FOUND)
    if message["from"]["id"] != call.bot.user.id:
        raise bad_request("message can't be edited")
    return chat, message


def _apply(
    call: Call, chat: Chat, message: JSON, changes: JSON, drop: tuple[str, ...] = ()
) -> JSON:
    """Replace content and markup (a missing reply_markup removes the keyboard, as in
    Telegram); refuse an edit that changes nothing."""
    markup = check_reply_markup(call.params.json("reply_markup"))
    dropped = ("reply_markup", "edit_date", *drop)
    updated = {k: v for k, v in message.items() if k not in dropped}
    updated.update(changes)
    if markup:
        updated["reply_markup"] = markup
    before = {k: v for k, v in message.items() if k != "edit_date"}
    if updated == before:
        raise bad_request(NOT_MODIFIED)
    updated["edit_date"] = int(time.time())
    chat.messages[message["message_id"]] = updated
    call.world.bot_event("edited", chat, updated)
    return copy.deepcopy(updated)


async def edit_message_text(call: Call) -> JSON:
    chat, message = _editable(call)
    if "text" not in message:
        raise bad_request("there is no text in the message to edit")
    return _apply(call, chat, message, call.text_content(), drop=("entities",))


async def edit_message_caption(call: Call) -> JSON:
    chat, message = _editable(call)
    if not any(kind in message for kind in ("photo", "document", "video", "audio")):
        raise bad_request("there is no caption in the message to edit")
    changes = call.caption_content()
    return _apply(call, chat, message, changes, drop=("caption", "caption_entities"))


async def edit_message_reply_markup(call: Call) -> JSON:
    chat, message = _editable(call)
    return _apply(call, chat, message, {})


async def delete_message(call: Call) -> bool:
    chat = call.chat()
    message_id = call.params.required_integer("message_id")
    message = chat.messages.pop(message_id, None)
    if message is None:
        raise bad_request("message to delete not found")
    if message["from"]["id"] == call.bot.user.id:
        call.world.bot_event("deleted", chat, message)
    return True


async def answer_callback_query(call: Call) -> bool:
    query_id = call.params.required_text("callback_query_id", "QUERY_ID_INVALID")
    query = call.world.callback_queries.get(query_id)
    answers = call.world.callback_answers.setdefault(query_id, [])
    if query is None or answers:
        raise bad_request(QUERY_TOO_OLD)
    text = call.params.text("text") or ""
    if len(text) > 200:
        raise bad_request("MESSAGE_TOO_LONG")
    answer: JSON = {
        "callback_query_id": query_id,
        "text": text,
        "show_alert": call.params.flag("show_alert"),
        "url": call.params.text("url"),
        "chat_id": query["message"]["chat"]["id"],
        "message_id": query["message"]["message_id"],
    }
    answers.append(answer)
    call.world.bot_event("answer", call.world.chats[answer["chat_id"]], answer)
    return True


HANDLERS: dict[str, Handler] = {
    "editmessagetext": edit_message_text,
    "editmessagecaption": edit_message_caption,
    "editmessagereplymarkup": edit_message_reply_markup,
    "deletemessage": delete_message,
    "answercallbackquery": answer_callback_query,
}
