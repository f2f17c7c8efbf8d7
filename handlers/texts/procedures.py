"""Procedure answers and status checks: what citizens are told when they ask about a
procedure or about how their own tickets are going."""

from __future__ import annotations

# --- procedure answers ----------------------------------------------------------------------
PROC_HELPFUL = "👍 Hữu ích"
PROC_NOT_HELPFUL = "👎 Chưa đúng ý tôi"
PROC_ASK_OFFICIAL = "🙋 Hỏi cán bộ"
PROC_CHOOSE = "Bạn muốn hỏi thủ tục nào? Bạn bấm chọn giúp:"
PROC_NONE_OF_THESE = "Không phải các thủ tục trên — hỏi cán bộ"
PROC_THANKS = "Cảm ơn bạn đã góp ý!"
PROC_SORRY = "Cảm ơn bạn. Nếu cần, bạn bấm «Hỏi cán bộ» để cán bộ trả lời trực tiếp."
PROC_ALREADY_ASKED = "Câu hỏi này đã được chuyển tới cán bộ (mã {code})."
PROC_ASK_ABOUT = "Người dân cần hỏi thêm về thủ tục «{name}»."
PROC_ASKED_AFTER = "(Đã xem hướng dẫn thủ tục «{name}» nhưng cần hỏi thêm.)"
PROC_NEED_COMMUNE = (
    "Để chuyển câu hỏi tới đúng xã, phường, bạn chọn nơi mình sống trước, "
    "rồi bấm lại «Hỏi cán bộ» nhé."
)
PROC_BROWSE_FIELDS = "Bạn muốn hỏi thủ tục thuộc lĩnh vực nào? Bạn bấm chọn:"
PROC_BROWSE_LIST = "Các thủ tục về {field}:"
PROC_SEARCH_EMPTY = (
    "Chưa tìm thấy thủ tục nào về «{query}». Bạn có thể viết câu hỏi (ví dụ: «làm giấy "
    "khai sinh cần gì?») để hỏi cán bộ, hoặc bấm chọn lĩnh vực:"
)
PROC_GONE = "Thủ tục này không còn trong danh sách. Bạn gõ /thu_tuc để xem lại."

# --- status checks --------------------------------------------------------------------------
STATUS_CODE_NOT_FOUND = (
    "Không tìm thấy phản ánh, câu hỏi nào của bạn có mã {code}. Bạn kiểm tra lại mã "
    "(ví dụ PA-4829-1375) hoặc gõ /cua_toi để xem danh sách của mình."
)
STATUS_DETAIL = (
    "Mã {code} — {kind}\n"
    "Trạng thái: {status}\n"
    "Đơn vị xử lý: {department}\n"
    "Hạn xử lý: {deadline}\n"
    "Việc gần nhất: {last_action} ({when})"
)
STATUS_KIND: dict[str, str] = {"report": "phản ánh", "question": "câu hỏi thủ tục"}
STATUS_ACTIONS: dict[str, str] = {
    "created": "Đã tiếp nhận",
    "official_reply": "Cán bộ đã trả lời",
    "citizen_message": "Bạn gửi bổ sung",
    "note": "Cán bộ đang xem xét",
    "claimed": "Cán bộ đã nhận xử lý",
    "assigned": "Đã giao cán bộ xử lý",
    "transferred": "Đã chuyển đơn vị khác",
    "status": "Đổi trạng thái",
    "resolved": "Đã xử lý xong",
    "closed": "Đã đóng",
    "reopened": "Mở lại",
    "rated": "Bạn đã đánh giá",
}
STATUS_ACTION_OTHER = "Có cập nhật"
STATUS_OPEN_HEADER = "Phản ánh, câu hỏi đang xử lý của bạn:"
STATUS_NONE_OPEN = (
    "Bạn không có phản ánh, câu hỏi nào đang xử lý. Gõ /cua_toi để xem cả những việc đã xong."
)
STATUS_OPEN_MORE = "… và còn việc khác. Gõ /cua_toi hoặc gõ mã (ví dụ PA-4829-1375) để xem."
