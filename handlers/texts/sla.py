"""Reminders, escalation and digests: what department groups and leaders are told about
deadlines. Short lines, one ticket per line, the code first so it can be searched."""

from __future__ import annotations

CLOCK_LABELS: dict[str, str] = {"claim": "nhận việc", "resolve": "xử lý"}

REMINDER_HEADER = "⏰ Nhắc hạn phản ánh ({count} phiếu):"
REMINDER_LINE_FRACTION = "• {code}: đã dùng {percent}% thời gian {clock}, hạn {deadline}{who}"
REMINDER_LINE_DUE = "• {code}: ĐÃ ĐẾN HẠN {clock} ({deadline}){who}"
REMINDER_LINE_OVERDUE = "• {code}: QUÁ HẠN {clock} {days} ngày làm việc (hạn {deadline}){who}"
REMINDER_WHO_ASSIGNEE = " — cán bộ {name}"
REMINDER_WHO_NOBODY = " — chưa ai nhận"
REMINDER_MORE = "… và {count} phiếu khác."

LEADER_HEADER = "🔴 Báo cáo lãnh đạo: {count} phiếu quá hạn"
LEADER_LINE = "• {code} ({department}): quá hạn {clock}, hạn {deadline}"

DAILY_HEADER = "📋 Việc trong ngày {day} — {department}"
DAILY_COUNTS = (
    "Đang mở: {open}\nĐến hạn hôm nay: {due_today}\nQuá hạn: {overdue}\nChưa ai nhận: {unclaimed}"
)
DAILY_NOTHING = "Không có phiếu nào đang mở. Cảm ơn các anh chị!"
DAILY_BUTTONS_NOTE = "Bấm mã phiếu để xem chi tiết."

WEEKLY_HEADER = "📊 Tổng kết tuần {week} — {commune}"
WEEKLY_LINE = (
    "• {department}: nhận {received}, xong {resolved}, đúng hạn {on_time}, hài lòng {rating}"
)
WEEKLY_NO_DATA = "—"
WEEKLY_NOTHING = "Tuần qua không có phiếu nào."

# Admin commands (motcua sla / motcua calendar).
SLA_SAVED = "Đã lưu thời hạn cho {scope}: nhận việc {claim}, xử lý {resolve}."
SLA_SCOPE_ALL = "cả nước"
SLA_NEED_CLOCK = "Cần ít nhất một thời hạn: --claim hoặc --resolve (ví dụ --resolve 5wd)."
SLA_BAD_CATEGORY = "Lĩnh vực {category!r} không có; chọn một trong: {allowed}."
SLA_BAD_PRIORITY = "Mức độ {priority!r} không có; chọn một trong: {allowed}."
SLA_BAD_CODE = "Mã {what} {code!r} không hợp lệ (cần {digits} chữ số)."
SLA_NONE = "Chưa có thời hạn riêng nào; đang dùng mặc định."
SLA_KEEP_DEFAULT = "mặc định"
CALENDAR_SAVED = "Đã ghi ngày {day}: {what}."
CALENDAR_OFF = "nghỉ"
CALENDAR_WORKING = "làm việc"
CALENDAR_NEED_ONE = "Chọn đúng một trong --off hoặc --working."
CALENDAR_BAD_DATE = "Ngày {text!r} không hợp lệ (viết YYYY-MM-DD, ví dụ 2026-01-02)."
HOURS_SAVED = "Đã lưu giờ làm việc: {hours}."
HOURS_SHOWN = "Giờ làm việc: {hours}."
HOURS_LUNCH = ", nghỉ trưa {start}–{end}"
HOURS_BAD_TIME = "{option} {text!r} không phải giờ hợp lệ (viết HH:MM, ví dụ 07:30)."
CALENDAR_NONE = "Chưa có ngày nghỉ / ngày làm bù nào do quản trị khai báo."
SCHEDULER_STARTED = "Bộ hẹn giờ đang chạy (nhắc hạn mỗi phút, bản tin 07:30, tổng kết thứ Hai)."
