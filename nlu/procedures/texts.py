"""Every fixed Vietnamese string of the procedure answers, kept in one place so
wording can be reviewed (plain enough for a 60-year-old) and changed without code."""

from __future__ import annotations

CATEGORY_LABELS: dict[str, str] = {
    "civil_status": "Hộ tịch (khai sinh, kết hôn, khai tử...)",
    "certification": "Chứng thực (sao y, chữ ký, hợp đồng)",
    "residence_id": "Cư trú, căn cước, đăng ký xe",
    "land": "Đất đai",
    "construction": "Xây dựng nhà ở",
    "infrastructure": "Đường sá, điện chiếu sáng, thoát nước",
    "environment": "Môi trường",
    "urban_order": "Trật tự đô thị",
    "business": "Hộ kinh doanh",
    "social_welfare": "Trợ cấp, người có công, hộ nghèo, BHYT",
    "health": "Y tế",
    "education": "Giáo dục",
    "culture": "Văn hóa, lễ hội, karaoke",
    "security_order": "An ninh trật tự",
    "officials_conduct": "Cán bộ, công chức",
    "other": "Việc khác",
}

PAPERS = "Giấy tờ cần mang:"
BULLET = "- "
FEE = "Lệ phí: "
FEE_FREE = "Miễn phí"
FEE_AMOUNT = "{amount} đồng"
FEE_LOCAL = "Theo mức thu của tỉnh, xin hỏi tại bộ phận một cửa"
TIME = "Thời gian giải quyết: "
TIME_SAME_DAY = "Trong ngày (nộp sau 15 giờ thì nhận kết quả vào ngày làm việc tiếp theo)"
TIME_WORKING_DAYS = "{days} ngày làm việc"
TIME_DAYS = "{days} ngày (tính cả ngày nghỉ)"
TIME_VARIES = "Tùy từng hồ sơ, xin hỏi tại bộ phận một cửa"
WHERE = "Nơi nộp: "
FILED_AT: dict[str, str] = {
    "service_center": "Trung tâm Phục vụ hành chính công của xã, phường (bộ phận một cửa)",
    "police": "Công an xã, phường nơi bạn ở",
    "online_only": "Chỉ nộp trực tuyến",
}
ADDRESS = "Địa chỉ: "
HOURS = "Giờ làm việc: "
PHONE = "Điện thoại: "
ONLINE = "Nộp trực tuyến: "
ONLINE_VNEID = "ứng dụng VNeID"
ONLINE_OR = " hoặc "
OFFLINE = "Thủ tục này phải đến nộp trực tiếp."
NOTE = "Lưu ý: "
CHECK = " (xin xác nhận lại tại bộ phận một cửa)"
UNCERTAIN_FOOTER = (
    "Một số thông tin trên chưa chắc chắn, xin xác nhận lại tại bộ phận một cửa trước khi đi."
)
LEGAL = "Căn cứ: "
UPDATED = "Cập nhật: {date}"
DATE_FORMAT = "%d/%m/%Y"
