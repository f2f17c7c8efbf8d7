"""Default SLA policies, overrides, deadlines, pauses, reminders and the rendered date."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from handlers.working_time import (
    DEFAULT_POLICIES,
    PROCEDURE_QUESTION,
    REMINDER_FRACTIONS,
    Duration,
    SlaOverride,
    SlaPolicy,
    SlaScope,
    WorkCalendar,
    compute_deadlines,
    overdue_level,
    parse_duration,
    policy_for,
    reminder_time,
    render_deadline_vi,
    shift_for_pause,
)
from handlers.working_time.texts import VN_TZ

HANOI = SlaScope(province="01", commune="00004", department="economic")


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return WorkCalendar.default()


def vn(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=VN_TZ)


def d(text: str) -> Duration:
    return parse_duration(text)


# --- defaults ---------------------------------------------------------------


def test_defaults_follow_the_reference_table() -> None:
    assert policy_for("infrastructure", "normal").claim == d("8wh")
    assert policy_for("infrastructure", "normal").resolve == d("5wd")
    assert policy_for("security_order", "normal").claim == d("4wh")
    assert policy_for("land", "normal").resolve == d("15wd")
    assert policy_for("construction", "normal").resolve == d("10wd")
    assert policy_for("officials_conduct", "normal").resolve == d("10wd")
    assert policy_for(PROCEDURE_QUESTION, "normal").resolve == d("1wd")


def test_urgent_reports_must_be_claimed_faster() -> None:
    for (category, priority), policy in DEFAULT_POLICIES.items():
        if priority == "urgent" and category != PROCEDURE_QUESTION:
            normal = DEFAULT_POLICIES[(category, "normal")]
            assert policy.claim in (d("4wh"), d("30m")), category
            assert policy.claim != normal.claim, category


def test_complex_reports_get_more_time_to_resolve() -> None:
    assert policy_for("land", "complex").resolve == d("30wd")


def test_unknown_category_falls_back_to_other_and_unknown_priority_is_refused() -> None:
    assert policy_for("made_up", "normal") == policy_for("other", "normal")
    with pytest.raises(ValueError, match="priority"):
        policy_for("land", "asap")


# --- overrides --------------------------------------------------------------


def test_most_specific_override_wins() -> None:
    rows = [
        SlaOverride(SlaScope(province="01"), resolve=d("4wd")),
        SlaOverride(SlaScope(province="01", commune="00004"), resolve=d("3wd")),
        SlaOverride(
            SlaScope(province="01", commune="00004", department="economic"), resolve=d("2wd")
        ),
        SlaOverride(SlaScope(province="79"), resolve=d("1wd")),
    ]
    assert policy_for("infrastructure", "normal", rows, scope=HANOI).resolve == d("2wd")
    other_dept = SlaScope(province="01", commune="00004", department="office")
    assert policy_for("infrastructure", "normal", rows, scope=other_dept).resolve == d("3wd")
    other_commune = SlaScope(province="01", commune="00008")
    assert policy_for("infrastructure", "normal", rows, scope=other_commune).resolve == d("4wd")
    assert policy_for("infrastructure", "normal", rows, scope=SlaScope(province="48")).resolve == (
        d("5wd")
    )


def test_override_rows_only_touch_their_category_priority_and_clock() -> None:
    rows = [
        SlaOverride(SlaScope(province="01"), category="land", resolve=d("20wd")),
        SlaOverride(SlaScope(province="01"), priority="urgent", claim=d("2wh")),
        SlaOverride(SlaScope(province="01"), category="land", priority="urgent", claim=d("1wh")),
    ]
    land = policy_for("land", "normal", rows, scope=HANOI)
    assert land == SlaPolicy(claim=d("8wh"), resolve=d("20wd"))
    assert policy_for("health", "urgent", rows, scope=HANOI).claim == d("2wh")
    assert policy_for("land", "urgent", rows, scope=HANOI).claim == d("1wh")
    assert policy_for("health", "normal", rows, scope=HANOI).claim == d("8wh")


def test_without_a_scope_only_nationwide_rows_apply() -> None:
    rows = [
        SlaOverride(SlaScope(), category="land", resolve=d("12wd")),
        SlaOverride(SlaScope(province="01"), category="land", resolve=d("20wd")),
    ]
    assert policy_for("land", "normal", rows).resolve == d("12wd")


# --- deadlines --------------------------------------------------------------


def test_compute_deadlines_across_tet(cal: WorkCalendar) -> None:
    claim, resolve = compute_deadlines(vn(2026, 2, 13, 10), "infrastructure", "normal", cal)
    assert claim == vn(2026, 2, 23, 8, 30)
    assert resolve == vn(2026, 2, 27, 17)
    assert claim.tzinfo == UTC and resolve.tzinfo == UTC


def test_compute_deadlines_uses_the_overrides(cal: WorkCalendar) -> None:
    rows = [SlaOverride(SlaScope(province="01"), category="land", resolve=d("30m"))]
    _, resolve = compute_deadlines(vn(2025, 12, 13, 22), "land", "normal", cal, rows, scope=HANOI)
    assert resolve == vn(2025, 12, 13, 22, 30)


# --- pauses -----------------------------------------------------------------


def test_waiting_for_the_citizen_moves_the_deadline_by_working_time(cal: WorkCalendar) -> None:
    due = vn(2025, 12, 12, 17)
    # Paused Thursday 15:00 → Monday 09:30: 2 h Thursday + 9.5 h Friday + 2 h Monday.
    shifted = shift_for_pause(due, vn(2025, 12, 11, 15), vn(2025, 12, 15, 9, 30), cal)
    assert shifted == cal.add_working_hours(due, 13.5)
    assert shifted == vn(2025, 12, 16, 11, 30)  # Monday 9.5 h, then 4 h on Tuesday


def test_a_pause_outside_office_hours_changes_nothing(cal: WorkCalendar) -> None:
    due = vn(2025, 12, 16, 17)
    assert shift_for_pause(due, vn(2025, 12, 12, 18), vn(2025, 12, 15, 7), cal) == due


def test_a_pause_that_ends_before_it_starts_is_refused(cal: WorkCalendar) -> None:
    with pytest.raises(ValueError, match="pause"):
        shift_for_pause(vn(2025, 12, 16, 17), vn(2025, 12, 15), vn(2025, 12, 14), cal)


# --- reminders --------------------------------------------------------------


def test_reminders_at_half_and_four_fifths_of_working_time(cal: WorkCalendar) -> None:
    start, due = vn(2025, 12, 12, 16), vn(2025, 12, 15, 17)  # 1 h Friday + 9.5 h Monday
    assert REMINDER_FRACTIONS == (0.5, 0.8)
    assert reminder_time(start, due, 0.5, cal) == vn(2025, 12, 15, 11, 45)
    assert reminder_time(start, due, 0.8, cal) == vn(2025, 12, 15, 14, 54)


def test_clock_durations_remind_on_the_clock(cal: WorkCalendar) -> None:
    start, due = vn(2025, 12, 13, 22), vn(2025, 12, 13, 22, 30)
    assert reminder_time(start, due, 0.5, cal, working_time=False) == vn(2025, 12, 13, 22, 15)


def test_overdue_levels_rise_each_working_day(cal: WorkCalendar) -> None:
    due = vn(2025, 12, 12, 17)  # Friday
    assert overdue_level(due, vn(2025, 12, 12, 16, 59), cal) == 0
    assert overdue_level(due, due, cal) == 1
    assert overdue_level(due, vn(2025, 12, 14, 12), cal) == 1  # Sunday
    assert overdue_level(due, vn(2025, 12, 15, 7, 30), cal) == 2
    assert overdue_level(due, vn(2025, 12, 16, 9), cal) == 3


# --- rendering --------------------------------------------------------------


def test_deadline_is_rendered_in_vietnamese_local_time() -> None:
    assert (
        render_deadline_vi(datetime(2025, 12, 12, 10, tzinfo=UTC)) == "17:00 thứ Sáu, 12/12/2025"
    )
    assert render_deadline_vi(vn(2025, 12, 14, 8, 5)) == "08:05 Chủ nhật, 14/12/2025"
    with pytest.raises(ValueError):
        render_deadline_vi(datetime(2025, 12, 12, 10))
