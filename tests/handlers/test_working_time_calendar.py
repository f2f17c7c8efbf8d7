"""Vietnam's working calendar: holidays 2025–2027 and deadline arithmetic."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest

from handlers.working_time import OfficeHours, WorkCalendar
from handlers.working_time.texts import VN_TZ


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return WorkCalendar.default()


def vn(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=VN_TZ)


def days(start: date, end: date) -> list[date]:
    return [start + timedelta(n) for n in range((end - start).days + 1)]


# --- holidays against sla-reference.md --------------------------------------


def test_tet_2025_is_off_from_27_to_31_january(cal: WorkCalendar) -> None:
    assert not any(cal.is_working_day(d) for d in days(date(2025, 1, 25), date(2025, 2, 2)))
    assert cal.is_working_day(date(2025, 1, 24))
    assert cal.is_working_day(date(2025, 2, 3))


def test_tet_2026_is_off_from_14_to_22_february(cal: WorkCalendar) -> None:
    assert not any(cal.is_working_day(d) for d in days(date(2026, 2, 14), date(2026, 2, 22)))
    assert cal.is_working_day(date(2026, 2, 13))
    assert cal.is_working_day(date(2026, 2, 23))


def test_new_year_2026_is_four_days_with_saturday_10_january_made_up(cal: WorkCalendar) -> None:
    assert not any(cal.is_working_day(d) for d in days(date(2026, 1, 1), date(2026, 1, 4)))
    assert cal.is_working_day(date(2026, 1, 5))
    assert cal.is_working_day(date(2026, 1, 10))  # Saturday, make-up day


def test_saturday_26_april_2025_is_a_working_day_and_2_may_is_off(cal: WorkCalendar) -> None:
    assert cal.is_working_day(date(2025, 4, 26))
    assert not any(cal.is_working_day(d) for d in days(date(2025, 4, 30), date(2025, 5, 4)))


def test_hung_kings_day(cal: WorkCalendar) -> None:
    assert not cal.is_working_day(date(2025, 4, 7))  # 10/3 lunar, Monday
    assert not any(cal.is_working_day(d) for d in days(date(2026, 4, 25), date(2026, 4, 27)))
    assert not cal.is_working_day(date(2027, 4, 16))
    assert cal.is_working_day(date(2026, 4, 28))


def test_reunification_and_labour_day(cal: WorkCalendar) -> None:
    assert not any(cal.is_working_day(d) for d in days(date(2026, 4, 30), date(2026, 5, 3)))
    assert cal.is_working_day(date(2026, 5, 4))
    # 2027: 1/5 is a Saturday, made up on Monday 3/5.
    assert not cal.is_working_day(date(2027, 4, 30))
    assert not cal.is_working_day(date(2027, 5, 3))
    assert cal.is_working_day(date(2027, 5, 4))


def test_national_day_with_adjacent_day(cal: WorkCalendar) -> None:
    assert not cal.is_working_day(date(2025, 9, 1))
    assert not cal.is_working_day(date(2025, 9, 2))
    assert cal.is_working_day(date(2025, 9, 3))
    assert not any(cal.is_working_day(d) for d in days(date(2026, 8, 29), date(2026, 9, 2)))
    assert cal.is_working_day(date(2026, 8, 22))  # Saturday, make-up day
    assert not cal.is_working_day(date(2027, 9, 2))
    assert not cal.is_working_day(date(2027, 9, 3))


def test_new_year_and_tet_2027(cal: WorkCalendar) -> None:
    assert not cal.is_working_day(date(2027, 1, 1))
    # Lunar New Year 2027 is Saturday 6/2: at least five weekdays off around it.
    tet = [d for d in days(date(2027, 2, 1), date(2027, 2, 12)) if d.weekday() < 5]
    assert sum(not cal.is_working_day(d) for d in tet) >= 5


def test_vietnam_culture_day_is_a_working_day_until_the_labour_code_says_otherwise(
    cal: WorkCalendar,
) -> None:
    assert cal.is_working_day(date(2026, 11, 24))
    assert cal.is_working_day(date(2027, 11, 24))


def test_weekends_are_off_and_ordinary_weekdays_work(cal: WorkCalendar) -> None:
    assert cal.is_working_day(date(2025, 12, 12))
    assert not cal.is_working_day(date(2025, 12, 13))
    assert not cal.is_working_day(date(2025, 12, 14))


def test_admin_exceptions_win_over_file_and_package(cal: WorkCalendar) -> None:
    storm = date(2025, 12, 10)
    local = cal.with_exceptions(days_off=[storm], working_days=[date(2025, 1, 28)])
    assert not local.is_working_day(storm)
    assert local.is_working_day(date(2025, 1, 28))
    assert cal.is_working_day(storm)  # the shared calendar is untouched
    undone = local.with_exceptions(working_days=[storm])
    assert undone.is_working_day(storm)


def test_a_day_both_off_and_working_is_refused(cal: WorkCalendar) -> None:
    with pytest.raises(ValueError, match="both"):
        cal.with_exceptions(days_off=[date(2025, 12, 10)], working_days=[date(2025, 12, 10)])


# --- working days -----------------------------------------------------------


def test_working_day_deadline_ends_at_close_of_office(cal: WorkCalendar) -> None:
    due = cal.add_working_days(vn(2025, 12, 8, 10), 4)  # Monday
    assert due == vn(2025, 12, 12, 17)
    assert due.tzinfo == UTC


def test_deadline_across_a_weekend(cal: WorkCalendar) -> None:
    assert cal.add_working_days(vn(2025, 12, 11, 10), 3) == vn(2025, 12, 16, 17)


def test_report_received_friday_evening_starts_on_monday(cal: WorkCalendar) -> None:
    friday_evening = vn(2025, 12, 12, 18)
    assert cal.next_working_start(friday_evening) == vn(2025, 12, 15, 7, 30)
    assert cal.add_working_days(friday_evening, 1) == vn(2025, 12, 16, 17)
    assert cal.add_working_days(vn(2025, 12, 12, 16), 1) == vn(2025, 12, 15, 17)
    assert cal.add_working_hours(friday_evening, 8) == vn(2025, 12, 15, 15, 30)


def test_deadline_across_tet_2026(cal: WorkCalendar) -> None:
    assert cal.add_working_days(vn(2026, 2, 12, 9), 2) == vn(2026, 2, 23, 17)


def test_calendar_days_ending_on_a_rest_day_move_to_the_next_working_day(
    cal: WorkCalendar,
) -> None:
    assert cal.add_calendar_days(vn(2025, 12, 10, 9), 3) == vn(2025, 12, 15, 17)
    assert cal.add_calendar_days(vn(2025, 12, 10, 9), 2) == vn(2025, 12, 12, 17)


def test_inputs_in_any_timezone_give_utc(cal: WorkCalendar) -> None:
    in_utc = datetime(2025, 12, 12, 11, 0, tzinfo=UTC)  # 18:00 in Vietnam
    in_paris = in_utc.astimezone(timezone(timedelta(hours=1)))
    assert cal.next_working_start(in_utc) == cal.next_working_start(in_paris)
    assert cal.next_working_start(in_paris) == datetime(2025, 12, 15, 0, 30, tzinfo=UTC)


def test_naive_datetimes_are_refused(cal: WorkCalendar) -> None:
    with pytest.raises(ValueError, match="timezone"):
        cal.add_working_hours(datetime(2025, 12, 12, 9), 1)


# --- working hours ----------------------------------------------------------


def test_working_hours_skip_the_night(cal: WorkCalendar) -> None:
    assert cal.add_working_hours(vn(2025, 12, 10, 15), 4) == vn(2025, 12, 11, 9, 30)


def test_working_hours_skip_the_lunch_break_when_configured() -> None:
    lunch = WorkCalendar.default(OfficeHours(time(8), time(17), (time(12), time(13))))
    assert lunch.add_working_hours(vn(2025, 12, 10, 11), 2) == vn(2025, 12, 10, 14)
    assert lunch.next_working_start(vn(2025, 12, 10, 12, 15)) == vn(2025, 12, 10, 13)
    assert lunch.working_seconds_between(vn(2025, 12, 10, 8), vn(2025, 12, 10, 17)) == 8 * 3600


def test_working_hours_ending_at_closing_time_stay_on_that_day(cal: WorkCalendar) -> None:
    assert cal.add_working_hours(vn(2025, 12, 10, 7, 30), 9.5) == vn(2025, 12, 10, 17)


def test_bad_office_hours_are_refused() -> None:
    with pytest.raises(ValueError, match="office hours"):
        OfficeHours(time(17), time(8))
    with pytest.raises(ValueError, match="office hours"):
        OfficeHours(time(8), time(17), (time(18), time(19)))


def test_negative_or_infinite_amounts_are_refused(cal: WorkCalendar) -> None:
    for hours in (-1.0, float("nan"), float("inf")):
        with pytest.raises(ValueError):
            cal.add_working_hours(vn(2025, 12, 10, 9), hours)
    with pytest.raises(ValueError):
        cal.add_working_days(vn(2025, 12, 10, 9), -1)


def test_working_seconds_and_days_between(cal: WorkCalendar) -> None:
    friday, monday = vn(2025, 12, 12, 16), vn(2025, 12, 15, 8, 30)
    assert cal.working_seconds_between(friday, monday) == 2 * 3600
    assert cal.working_seconds_between(monday, friday) == -2 * 3600
    assert cal.working_days_between(friday, monday) == 1
    assert cal.working_days_between(vn(2026, 2, 13, 9), vn(2026, 2, 23, 9)) == 1


def test_a_calendar_without_working_days_fails_clearly() -> None:
    start = date(2030, 1, 1)
    closed = WorkCalendar().with_exceptions(days_off=days(start, start + timedelta(4000)))
    with pytest.raises(ValueError, match="no working day"):
        closed.add_working_days(vn(2030, 1, 1, 9), 1)
