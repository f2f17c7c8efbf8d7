"""Every sentence the sandbox shows the person at the keyboard (Vietnamese first)."""

from __future__ import annotations

WELCOME = (
    "Hộp thử Một Cửa — bạn đóng vai người dân và cán bộ. Gõ 'help' để xem lệnh. "
    "(Sandbox: you play the citizen and the officials.)"
)
HELP = """Các lệnh (commands):
  c <nội dung>                     người dân nhắn cho bot (citizen writes)
  c reply <số tin> <nội dung>      người dân trả lời một tin của bot
  c! photo [chú thích]             người dân gửi một ảnh mẫu (also: sticker, voice, doc)
  c@ <vĩ độ> <kinh độ>             người dân gửi vị trí, ví dụ: c@ 21.0 105.8
  zfollow                          người dân Zalo quan tâm OA (a Zalo citizen follows)
  z <nội dung>                     người dân nhắn OA trên Zalo; trả lời số: z 1
  z! photo|sticker [chú thích]     người dân Zalo gửi ảnh mẫu hoặc nhãn dán
  z@ <vĩ độ> <kinh độ>             người dân Zalo gửi vị trí
  o <nhóm> <mã cán bộ> <nội dung>  cán bộ nhắn trong nhóm (official writes in a group)
  o <nhóm> <mã cán bộ> reply <số tin> <nội dung>   cán bộ trả lời một tin trong nhóm
  group <tên ngắn> <tên nhóm>      tạo một nhóm mới (create a group)
  addbot <nhóm> <mã cán bộ>        cán bộ thêm bot vào nhóm (add the bot to a group)
  press <cuộc trò chuyện> <số tin> <số nút> [mã người bấm]   bấm nút (press a button)
  chats                            danh sách cuộc trò chuyện (list chats)
  show <cuộc trò chuyện>           xem lại mọi tin (show a chat's history)
  wait <cuộc trò chuyện>           chờ tin tiếp theo của bot (wait for the bot)
  help                             xem hướng dẫn này
  quit                             thoát (exit)
Cuộc trò chuyện: 'c' là chat riêng của người dân, hoặc tên nhóm, hoặc mã số chat."""
GROUP_CREATED = "Đã tạo nhóm '{key}' (mã chat {chat_id}). Thêm bot: addbot {key} <mã cán bộ>"
BYE = "Tạm biệt!"
PROMPT = "> "
UNKNOWN_COMMAND = "Không hiểu lệnh '{command}'. Gõ 'help' để xem các lệnh."
USAGE = "Cách dùng: {usage}"
UNKNOWN_CHAT = "Không có cuộc trò chuyện '{name}'. Gõ 'chats' để xem danh sách."
NOT_A_NUMBER = "'{value}' không phải là số."
REFUSED = "Không làm được: {reason}"
NO_SUCH_BUTTON = "Tin #{message_id} không có nút số {number}."
NO_BOT_REPLY = "Bot chưa trả lời trong {chat}."
CITIZEN_LABEL = "Người dân {name}"
ZALO_LABEL = "Zalo: người dân"
CITIZEN_WORD = "người dân"
GROUP_LABEL = "Nhóm {title} ({key})"
CHAT_LINE = "  {key:<12} {label} (mã chat {chat_id})"
FROM_BOT = "bot"
EDITED = "đã sửa"
DELETED = "đã xoá tin #{message_id}"
TOAST = "bot báo: {text}"
ALERT = "bot hiện hộp thoại: {text}"
PHOTO = "[ảnh]"
DOCUMENT = "[tệp {name}]"
LOCATION = "[vị trí {lat}, {lon}]"
STICKER = "[nhãn dán]"
VOICE = "[tin thoại]"
SERVICE = "[thông báo hệ thống]"
BUTTON = "[{number}] {text}"
DEFAULT_OFFICIAL_NAME = "Cán bộ {user_id}"
