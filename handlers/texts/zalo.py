"""Zalo: what Zalo citizens read that Telegram citizens do not, and the admins' alerts."""

from __future__ import annotations

ZALO_ANSWER_WITH_NUMBER = "Trả lời {numbers} để chọn."
ZALO_OR = "hoặc"
ZALO_STICKER = "Cảm ơn bạn! Bot chưa hiểu nhãn dán, bạn viết nội dung cần phản ánh hoặc hỏi nhé."
ZALO_UNSUPPORTED = (
    "Bot mới nhận được chữ, ảnh và vị trí. Bạn viết nội dung, hoặc gửi ảnh chụp, vị trí giúp nhé."
)
ZALO_FILE = (
    "Bot chưa mở được tệp đính kèm. Bạn chụp ảnh giấy tờ hoặc viết nội dung cần phản ánh nhé."
)
ZALO_NUMBER_UNKNOWN = (
    "Số {number} không có trong danh sách. Bạn trả lời một số trong danh sách nhé."
)
ZALO_CHOICE_OLD = "Lựa chọn này đã cũ. Bạn viết lại nội dung cần phản ánh hoặc hỏi nhé."
ZALO_INFO_THANKS = "Cảm ơn bạn đã gửi thông tin liên hệ. Cán bộ sẽ liên hệ khi cần."
ZALO_LOCATION = "📍 Vị trí: https://maps.google.com/?q={lat},{lon}"
ZALO_PHOTO_MISSING = "(Có ảnh kèm theo nhưng chưa gửi được qua Zalo.)"
ZALO_REFRESH_FAILED = (
    "⚠️ Zalo OA {oa_id} mất kết nối: không làm mới được mã truy cập ({error}). "
    "Tin nhắn tới người dân trên Zalo đang được giữ lại. Quản trị viên cần kết nối lại "
    "bằng lệnh: motcua zalo connect --oa-id {oa_id} …"
)
ZALO_UNREACHABLE = (
    "📵 {code}: người dân chưa nhận được trả lời trên Zalo (đã quá 7 ngày không nhắn OA). "
    "Câu trả lời được giữ lại và sẽ tự gửi khi người dân nhắn lại."
)
ZALO_PHOTO_NOT_KEPT = (
    "📷 Người dân có gửi {count} ảnh qua Zalo nhưng ảnh quá lớn hoặc bị lỗi nên không lưu được. "
    "Nếu cần ảnh, hãy trả lời vào phản ánh để nhờ người dân gửi lại."
)
