"""Intake and relay: what citizens and department groups are told about reports."""

from __future__ import annotations

CATEGORY_LABELS: dict[str, str] = {
    "civil_status": "Hộ tịch (khai sinh, kết hôn, khai tử…)",
    "certification": "Chứng thực giấy tờ",
    "residence_id": "Cư trú, căn cước",
    "land": "Đất đai",
    "construction": "Xây dựng",
    "infrastructure": "Đường, điện chiếu sáng, thoát nước",
    "environment": "Rác thải, ô nhiễm",
    "urban_order": "Lấn chiếm vỉa hè, trật tự đô thị",
    "business": "Kinh doanh, chợ, hàng hóa",
    "social_welfare": "Chính sách, trợ cấp, việc làm",
    "health": "Y tế, an toàn thực phẩm",
    "education": "Giáo dục, trường lớp",
    "culture": "Văn hóa, thể thao, lễ hội",
    "security_order": "An ninh trật tự",
    "officials_conduct": "Thái độ, trách nhiệm cán bộ",
    "other": "Việc khác",
}

STATUS_LABELS: dict[str, str] = {
    "new": "Mới tiếp nhận",
    "assigned": "Đã có cán bộ nhận",
    "in_progress": "Đang xử lý",
    "waiting_citizen": "Chờ người dân bổ sung",
    "transferred": "Đã chuyển đơn vị khác",
    "resolved": "Đã xử lý xong",
    "closed": "Đã đóng",
    "rejected": "Không tiếp nhận",
    "reopened": "Mở lại",
}

KIND_PREFIX = {"phuong": "Phường", "xa": "Xã", "dac_khu": "Đặc khu"}

# --- citizen: welcome and commune -------------------------------------------------------
WELCOME = (
    "Xin chào! Đây là Một Cửa — kênh tiếp nhận phản ánh, kiến nghị và hỏi đáp thủ tục "
    "của UBND xã, phường.\n\n"
    "Bạn có thể:\n"
    "• Gửi phản ánh (viết nội dung, kèm ảnh, vị trí nếu có)\n"
    "• Hỏi thủ tục hành chính cần giấy tờ gì\n"
    "• Hỏi phản ánh của mình đã được xử lý đến đâu"
)
ASK_COMMUNE = (
    "Bạn đang sống ở xã, phường nào? Hãy gõ tên (có dấu hoặc không dấu, tên cũ cũng được), "
    "ví dụ: «Tây Mỗ» hoặc «phuong Lang Ha cu»."
)
COMMUNE_CHOICES = "Bạn chọn đúng xã, phường của mình nhé:"
COMMUNE_NOT_FOUND = (
    "Chưa tìm thấy xã, phường «{query}». Bạn gõ lại tên, có thể thêm tên tỉnh, thành phố, "
    "ví dụ: «Tây Mỗ Hà Nội»."
)
COMMUNE_SET = "Đã ghi nhận: {commune}, {province}. Muốn đổi, bạn gõ /xa."
COMMUNE_UNKNOWN_CODE = "Xã, phường này chưa có trong hệ thống. Bạn gõ lại tên giúp nhé."
COMMUNE_NOT_SERVED = (
    "{commune} chưa sử dụng Một Cửa. Bạn vui lòng liên hệ trực tiếp bộ phận một cửa của xã, "
    "phường. Nếu gõ nhầm, bạn gõ /xa để chọn lại."
)

# --- citizen: reports ----------------------------------------------------------------------
EMPTY_TEXT = "Tin nhắn trống. Bạn hãy viết nội dung cần phản ánh hoặc câu hỏi nhé."
TOO_LONG = (
    "Tin nhắn dài quá {limit} ký tự nên chưa gửi được. Bạn chia thành vài tin ngắn hơn giúp nhé."
)
UNSUPPORTED_MEDIA = (
    "Xin lỗi, hiện Một Cửa chưa nhận được loại tin này (nhãn dán, tin thoại, video, tệp). "
    "Bạn vui lòng viết nội dung hoặc gửi ảnh chụp nhé."
)
PHOTO_NEEDS_TEXT = (
    "Đã nhận ảnh. Bạn viết thêm vài dòng: việc gì, ở đâu, từ bao giờ — để cán bộ hiểu và xử lý."
)
LOCATION_NEEDS_TEXT = "Đã nhận vị trí. Bạn viết thêm nội dung phản ánh nhé."
ASK_CATEGORY = "Phản ánh của bạn thuộc lĩnh vực nào? Bạn bấm chọn giúp:"
SHOW_ALL_CATEGORIES = "Lĩnh vực khác…"
DRAFT_GONE = "Nội dung này đã được xử lý rồi. Nếu cần, bạn gửi lại tin mới nhé."
TICKET_RECEIVED = (
    "✅ Đã tiếp nhận phản ánh của bạn.\n"
    "Mã phản ánh: {code}\n"
    "Đơn vị xử lý: {department} — {commune}\n"
    "Hạn xử lý dự kiến: {deadline}\n\n"
    "Bạn giữ mã này để tra cứu. Muốn bổ sung, bạn trả lời (reply) vào tin này."
)
TICKET_RECEIVED_QUEUED = (
    "\n\n(Đơn vị đang được kết nối với hệ thống; phản ánh đã được lưu và sẽ được chuyển ngay "
    "khi kết nối xong.)"
)
FOLLOWUP_ASK = "Tin này là bổ sung cho phản ánh {code}, hay là một phản ánh mới?"
FOLLOWUP_APPEND = "Bổ sung vào {code}"
FOLLOWUP_NEW = "Phản ánh mới"
FOLLOWUP_ADDED = "Đã chuyển phần bổ sung tới cán bộ xử lý phản ánh {code}."
TICKET_CLOSED_FOR_FOLLOWUP = (
    "Phản ánh {code} đã đóng. Nếu vấn đề vẫn còn, bạn gửi một phản ánh mới nhé."
)
SMALLTALK_REPLY = (
    "Một Cửa xin chào! Bạn cứ viết phản ánh (kèm ảnh, vị trí nếu có) hoặc hỏi thủ tục; "
    "cán bộ xã, phường sẽ trả lời qua đây."
)
OUT_OF_SCOPE_REPLY = (
    "Xin lỗi, Một Cửa chỉ tiếp nhận phản ánh, kiến nghị về việc của xã, phường và hỏi đáp "
    "thủ tục hành chính. Nội dung này nằm ngoài phạm vi đó nên không tạo phản ánh."
)
QUESTION_RECEIVED = (
    "Đã chuyển câu hỏi của bạn tới {department} — {commune}. Mã câu hỏi: {code}. "
    "Cán bộ sẽ trả lời trước {deadline}."
)
NO_TICKETS = "Bạn chưa có phản ánh nào."
MY_TICKETS_HEADER = "Phản ánh của bạn:"
MY_TICKET_LINE = "• {code} — {status} — {department} (hạn {deadline})"
UNKNOWN_COMMAND = "Không có lệnh này. Bạn cứ viết nội dung cần phản ánh hoặc hỏi, hoặc gõ /start."
GENERIC_ERROR = (
    "Xin lỗi, hệ thống đang bận. Nội dung của bạn đã được giữ lại, bạn chờ ít phút nhé."
)

# --- relayed messages to the citizen -----------------------------------------------------
OFFICIAL_REPLY = "💬 {department} — {commune} trả lời phản ánh {code}:\n\n{text}"

# --- officials' group -----------------------------------------------------------------------
CARD = (
    "📋 PHẢN ÁNH {code}\n"
    "Lĩnh vực: {category}\n"
    "Địa bàn: {commune}\n"
    "Hạn xử lý: {deadline}\n"
    "Trạng thái: {status}\n"
    "{location}"
    "\n{text}\n\n"
    "↩️ Trả lời (reply) vào tin này để gửi câu trả lời tới người dân."
)
PHONE_HIDDEN = "[số điện thoại đã ẩn]"
CARD_LOCATION = "Vị trí: có (xem bản đồ bên dưới)\n"
CARD_QUESTION_TITLE = "❓ CÂU HỎI THỦ TỤC {code}"
CITIZEN_FOLLOWUP = "➕ Người dân bổ sung cho {code}:\n\n{text}"
BIND_OK = "✅ Nhóm này đã được gắn với {department} — {commune}. Phản ánh sẽ được gửi về đây."
BIND_BACKLOG = "Có {count} phản ánh đang chờ, sẽ được gửi ngay sau đây."
BIND_BAD_CODE = "Mã gắn nhóm không đúng. Bạn kiểm tra lại mã do quản trị viên cấp."
BIND_USED = "Mã gắn nhóm này đã được dùng. Xin quản trị viên cấp mã mới (motcua chat code)."
BIND_EXPIRED = "Mã gắn nhóm đã hết hạn. Xin quản trị viên cấp mã mới (motcua chat code)."
BIND_USAGE = "Cách dùng: /bind MÃ (mã do quản trị viên cấp bằng lệnh motcua chat code)."
BIND_PRIVATE = "Lệnh /bind chỉ dùng trong nhóm của phòng ban, không dùng trong tin nhắn riêng."
GROUP_NOT_BOUND = (
    "Nhóm này chưa được gắn với phòng ban nào. Quản trị viên cấp mã bằng lệnh "
    "«motcua chat code --commune MÃ_XÃ --department PHÒNG», rồi một thành viên gõ /bind MÃ ở đây."
)
NOT_AN_OFFICIAL = "Bạn chưa được đăng ký là cán bộ xử lý của phòng này nên tin không được chuyển."
REPLY_SENT = "Đã gửi câu trả lời tới người dân ({code})."
REPLY_NOT_A_TICKET = "Tin bạn trả lời không thuộc phản ánh nào, nên không chuyển đi đâu."
TICKET_NOT_OPEN = "Phản ánh {code} đã ở trạng thái «{status}», không gửi thêm được."
OLD_BUTTON = "Nút này đã cũ. Xin dùng thẻ phản ánh mới nhất."

# --- a report about another commune than the citizen's own ------------------------------
ASK_PLACE_OTHER = "Tin nhắn nhắc tới {named}. Phản ánh này gửi về đâu ạ?"
ASK_PLACE_AMBIGUOUS = (
    "Tin nhắn nhắc tới «{phrase}» — có nhiều xã, phường trùng tên hoặc đã tách sau sáp nhập. "
    "Bạn chọn đúng nơi cần gửi nhé:"
)
PLACE_OWN = "Xã, phường của tôi: {name}"
PLACE_NAMED = "Gửi {name}"
