"""Every user-facing word of the working-time package, in one catalogue.

Error messages carry Vietnamese first (for commune admins) and English second
(for the engineers reading logs), joined by " / ".
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

# Monday is 0, as datetime.weekday() counts.
WEEKDAYS_VI: tuple[str, ...] = (
    "thứ Hai",
    "thứ Ba",
    "thứ Tư",
    "thứ Năm",
    "thứ Sáu",
    "thứ Bảy",
    "Chủ nhật",
)

DURATION_UNITS_VI: dict[str, str] = {
    "wd": "ngày làm việc",
    "d": "ngày",
    "h": "giờ",
    "m": "phút",
    "wh": "giờ làm việc",
}


def bilingual(vi: str, en: str) -> str:
    """One message both audiences can read."""
    return f"{vi} / {en}"


ERR_NAIVE_DATETIME = bilingual(
    "Thời điểm thiếu múi giờ.", "The datetime has no timezone (naive datetimes are refused)."
)
ERR_DURATION_EMPTY = bilingual(
    "Chưa ghi thời hạn. Ví dụ: 10wd, 3d, 4h, 30m, 2wh.",
    "The duration is empty. Examples: 10wd, 3d, 4h, 30m, 2wh.",
)
ERR_DURATION_TOO_LONG_INPUT = bilingual("Thời hạn ghi quá dài.", "The duration text is too long.")
ERR_DURATION_FORMAT = bilingual(
    "Không hiểu thời hạn «{text}». Ghi một số nguyên dương và đơn vị: wd (ngày làm việc), "
    "d (ngày), h (giờ), m (phút), wh (giờ làm việc). Ví dụ: 10wd.",
    "Cannot read the duration '{text}'. Write a positive whole number and a unit: wd (working "
    "days), d (days), h (hours), m (minutes), wh (working hours). Example: 10wd.",
)
ERR_DURATION_NEGATIVE = bilingual(
    "Thời hạn «{text}» phải lớn hơn 0.", "The duration '{text}' must be greater than zero."
)
ERR_DURATION_TOO_BIG = bilingual(
    "Thời hạn «{text}» quá lớn: tối đa {limit} {unit_vi}.",
    "The duration '{text}' is too large: at most {limit} {unit_en}.",
)
ERR_NEGATIVE_AMOUNT = bilingual(
    "Số lượng thời gian không được âm: {amount}.", "The amount must not be negative: {amount}."
)
ERR_NO_WORKING_DAY = bilingual(
    "Lịch không có ngày làm việc nào trong {days} ngày kể từ {start}.",
    "The calendar has no working day within {days} days from {start}.",
)
ERR_OUT_OF_RANGE = bilingual(
    "Thời điểm nằm ngoài phạm vi lịch hỗ trợ.", "The datetime is outside the supported range."
)
ERR_EXCEPTION_CONFLICT = bilingual(
    "Ngày {days} vừa được khai báo là ngày nghỉ vừa là ngày làm việc.",
    "The day(s) {days} are declared both a day off and a working day.",
)
ERR_OFFICE_HOURS = bilingual(
    "Giờ làm việc không hợp lệ: {detail}.", "Invalid office hours: {detail}."
)
ERR_PAUSE_ORDER = bilingual(
    "Thời điểm kết thúc tạm dừng phải sau thời điểm bắt đầu.",
    "A pause must end after it starts.",
)
ERR_PRIORITY = bilingual(
    "Mức ưu tiên «{priority}» không hợp lệ; dùng: {allowed}.",
    "Unknown priority '{priority}'; use one of: {allowed}.",
)
ERR_FRACTION = bilingual(
    "Tỉ lệ nhắc việc phải nằm trong khoảng 0–1: {fraction}.",
    "A reminder fraction must be between 0 and 1: {fraction}.",
)
ERR_OVERRIDE_FILE = bilingual(
    "Tệp ngày nghỉ {path} bị lỗi: {detail}.",
    "The holiday override file {path} is invalid: {detail}.",
)


def render_deadline_vi(dt: datetime) -> str:
    """Citizens are told deadlines in local time, with the weekday, as a calendar would say it.

    Example: "17:00 thứ Sáu, 12/12/2025".
    """
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError(ERR_NAIVE_DATETIME)
    local = dt.astimezone(VN_TZ)
    return f"{local:%H:%M} {WEEKDAYS_VI[local.weekday()]}, {local:%d/%m/%Y}"
