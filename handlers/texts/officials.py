"""Officials' work on tickets: card buttons, refusals, commands, and what the citizen is told
at each step (claimed, transferred, extended, resolved, rejected) and asked (rating, reopen)."""

from __future__ import annotations

ACTION_LABELS: dict[str, str] = {
    "claim": "nhận xử lý",
    "reply": "trả lời",
    "ask": "hỏi thêm người dân",
    "citizen_answer": "người dân trả lời",
    "extend": "gia hạn",
    "transfer": "chuyển",
    "resolve": "báo đã xử lý",
    "reject": "từ chối",
    "rate": "đánh giá",
    "reopen": "mở lại",
    "close": "đóng",
}
ILLEGAL_TRANSITION = "Phản ánh {code} đang «{status}», không thể {action}."

# --- card -------------------------------------------------------------------------------------
CARD_ASSIGNEE = "Cán bộ xử lý: {name}\n"
CARD_LAST_ACTION = "Gần nhất: {action} — {who}, {when}\n"
CARD_REOPENED = "⚠️ Người dân mở lại lần {count}\n"
CARD_TRANSFERRED_FROM = "↪️ Chuyển đến từ: {origin}\n"
BTN_CLAIM = "✋ Nhận xử lý"
BTN_TRANSFER_DEPT = "🔀 Chuyển phòng"
BTN_TRANSFER_COMMUNE = "🏘 Chuyển xã"
BTN_EXTEND = "⏳ Gia hạn"
BTN_RESOLVE = "✅ Đã xử lý"
BTN_REJECT = "⛔ Từ chối"
BTN_CANCEL = "Hủy"
SYSTEM_ACTOR = "hệ thống"
CITIZEN_ACTOR = "người dân"

# --- refusals (button alerts, at most 200 characters) ----------------------------------------
NOT_ALLOWED = "Bạn không phải cán bộ được giao xử lý phản ánh này. Thao tác không được thực hiện."
MOVED_ELSEWHERE = (
    "Phản ánh {code} đã chuyển sang {department} — {commune} ({status}). Thẻ này đã cũ."
)
ALREADY_CLAIMED = "Phản ánh {code} đã do {name} nhận xử lý."
UNKNOWN_TICKET = "Không tìm thấy phản ánh này."
DONE_ALERT = "Đã ghi nhận."
UNKNOWN_CATEGORY = "Không có lĩnh vực {category!r}."

# --- multi-step questions in the group --------------------------------------------------------
PICK_DEPARTMENT = "Chuyển phản ánh {code} sang phòng nào?"
NO_OTHER_DEPARTMENT = "Xã, phường này không có phòng nào khác để chuyển."
ASK_COMMUNE_NAME = (
    "{name}: trả lời (reply) tin này bằng tên xã, phường cần chuyển phản ánh {code} tới "
    "(có thể kèm tỉnh)."
)
PICK_COMMUNE = "Chọn xã, phường nhận phản ánh {code}:"
TRANSFER_COMMUNE_NOT_FOUND = "Không tìm thấy xã, phường «{query}». Gõ lại tên khác nhé."
TRANSFER_COMMUNE_NOT_SERVED = "{commune} chưa có phòng nhận loại việc này trên Một Cửa."
SAME_COMMUNE = "Phản ánh đã thuộc {commune}. Muốn đổi phòng, bấm «Chuyển phòng»."
PICK_EXTENSION = "Gia hạn phản ánh {code} thêm bao lâu?"
ASK_EXTEND_REASON = (
    "{name}: trả lời (reply) tin này bằng lý do gia hạn {code} (người dân sẽ đọc lý do này)."
)
PICK_REJECT_REASON = "Lý do từ chối phản ánh {code}?"
ASK_DUPLICATE_CODE = (
    "{name}: trả lời (reply) tin này bằng mã phản ánh trùng với {code} (ví dụ PA-1234-5678), "
    "hoặc «không có mã»."
)
ASK_RESULT = (
    "{name}: trả lời (reply) tin này bằng kết quả xử lý phản ánh {code} — tin tiếp theo của "
    "bạn ở đây sẽ được gửi tới người dân. Gõ «hủy» để thôi."
)
PROOF_HINT = "Việc này cần kèm ảnh chụp hiện trường sau khi xử lý."
ASK_RESULT_PHOTO = "Chưa có ảnh hiện trường sau khi xử lý. {name}: trả lời tin này bằng ảnh."
ASK_RESULT_TEXT = "{name}: trả lời tin này bằng vài dòng kết quả xử lý nhé."
REASON_TOO_SHORT = "Lý do quá ngắn. {name}: gõ rõ hơn một chút nhé."
STEP_CANCELLED = "Đã hủy thao tác với phản ánh {code}."
TEXT_TOO_LONG = "Nội dung dài quá {limit} ký tự. Gõ ngắn lại nhé."

EXTENSION_CHOICES: list[tuple[str, str]] = [
    ("1 ngày làm việc", "1wd"),
    ("3 ngày làm việc", "3wd"),
    ("5 ngày làm việc", "5wd"),
    ("10 ngày làm việc", "10wd"),
]
REJECT_REASONS: dict[str, str] = {
    "dup": "Trùng với phản ánh đã có",
    "notgov": "Không thuộc việc của chính quyền",
    "scope": "Không thuộc thẩm quyền của xã, phường",
}

# --- group notices after an action ------------------------------------------------------------
CLAIMED_NOTICE = "✋ {name} đã nhận xử lý phản ánh {code}."
TRANSFERRED_NOTICE = "🔀 Đã chuyển phản ánh {code} sang {department} — {commune}."
EXTENDED_NOTICE = "⏳ Đã gia hạn {code} đến {deadline}. Lý do: {reason}"
RESOLVED_NOTICE = "✅ Đã gửi kết quả xử lý {code} tới người dân."
REJECTED_NOTICE = "⛔ Đã từ chối {code}. Lý do: {reason}"
HISTORY_HEADER = "🕘 Diễn biến phản ánh {code}:"
HISTORY_LINE = "• {when} — {action} ({who}){note}"
CITIZEN_ANSWERED = "💬 Người dân đã trả lời câu hỏi về {code}; thời hạn được tính tiếp."

# --- group commands ---------------------------------------------------------------------------
OPEN_HEADER = "📂 Phản ánh đang mở của phòng ({start}–{end} / {total}):"
OPEN_LINE = "• {code} — {status} — hạn {deadline}{assignee}"
OPEN_NONE = "Phòng không có phản ánh nào đang mở."
MINE_HEADER = "👤 Phản ánh bạn đang xử lý:"
MINE_NONE = "Bạn không có phản ánh nào đang xử lý."
BTN_MORE = "Xem tiếp ▶"
TICKET_USAGE = "Cách dùng: /ticket MÃ, ví dụ /ticket PA-1234-5678"
TICKET_NOT_HERE = "Không có phản ánh {code} trong phòng này."
GROUP_HELP = (
    "Hướng dẫn cán bộ:\n"
    "• Bấm nút trên thẻ phản ánh: Nhận xử lý, Chuyển phòng, Chuyển xã, Gia hạn, Đã xử lý, "
    "Từ chối.\n"
    "• Trả lời (reply) vào thẻ để nhắn người dân. Kết thúc bằng dấu «?» khi cần hỏi lại "
    "người dân — thời hạn tạm dừng tới khi người dân trả lời.\n"
    "• Bắt đầu bằng #note để ghi chú nội bộ, người dân không thấy.\n"
    "• /open — phản ánh đang mở, hạn sớm nhất trước\n"
    "• /mine — phản ánh bạn đang xử lý\n"
    "• /ticket MÃ — thẻ và diễn biến của một phản ánh"
)

# --- the citizen is told ---------------------------------------------------------------------
CITIZEN_CLAIMED = "👤 Phản ánh {code} đã có cán bộ {department} — {commune} nhận xử lý."
CITIZEN_TRANSFERRED = (
    "🔀 Phản ánh {code} đã được chuyển tới {department} — {commune} để xử lý đúng thẩm quyền.\n"
    "Hạn xử lý mới: {deadline}"
)
CITIZEN_EXTENDED = "⏳ Phản ánh {code} được gia hạn xử lý đến {deadline}.\nLý do: {reason}"
CITIZEN_RESOLVED = (
    "✅ {department} — {commune} đã xử lý xong phản ánh {code}:\n\n{text}\n\n"
    "Bạn hài lòng với kết quả này ở mức nào? Bấm một số từ 1 (rất không hài lòng) "
    "đến 5 (rất hài lòng)."
)
CITIZEN_REJECTED = "⛔ Phản ánh {code} không được tiếp nhận xử lý.\nLý do: {reason}"
CITIZEN_DUPLICATE_OF = " (trùng với phản ánh {other})"
CITIZEN_WAITING = "❓ Cán bộ cần bạn trả lời câu hỏi trên. Bạn trả lời (reply) vào tin đó nhé."
BTN_NOT_SOLVED = "Chưa được giải quyết"
RATED_THANKS = "Cảm ơn bạn đã đánh giá {stars} cho phản ánh {code}."
RATING_NOTICE = "⭐ Người dân đánh giá {code}: {rating}/5."
ASK_REOPEN_COMMENT = (
    "Bạn cho biết vấn đề còn lại là gì (một tin nhắn), để cán bộ xử lý tiếp {code}."
)
REOPENED_CITIZEN = "Đã mở lại phản ánh {code} và gửi lại cho {department}."
REOPENED_GROUP = "⚠️ Người dân mở lại phản ánh {code}:\n\n{text}"
REOPEN_TOO_LATE = "Đã quá 7 ngày kể từ khi xử lý xong {code}. Bạn gửi phản ánh mới nhé."
NOT_YOUR_TICKET = "Không tìm thấy phản ánh này trong các phản ánh của bạn."
CLOSED_UNRATED_NOTE = "Đóng tự động sau 7 ngày không có đánh giá"

# --- /cua_toi and /tra_cuu ---------------------------------------------------------------------
LOOKUP_USAGE = "Cách dùng: /tra_cuu MÃ, ví dụ /tra_cuu PA-1234-5678"
LOOKUP_RESULT = (
    "Phản ánh {code}\n"
    "Trạng thái: {status}\n"
    "Đơn vị xử lý: {department} — {commune}\n"
    "Hạn xử lý: {deadline}\n"
    "Gửi lúc: {created}"
)
LOOKUP_RESULT_TEXT = "\nKết quả: {text}"
