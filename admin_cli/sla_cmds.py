"""Deadlines from the shell: SLA overrides per province, commune or department, and the days
an admin declares off or working. Both apply to tickets opened (or transferred) afterwards."""

from __future__ import annotations

from datetime import date, time

import typer
from rich.table import Table
from sqlmodel import col, select

from admin_cli.common import console, print_json, run, with_db
from handlers import texts
from handlers.deadlines import office_hours_of
from handlers.errors import UserError
from handlers.working_time import PRIORITIES, OfficeHours, parse_duration
from handlers.working_time.policies import KNOWN_CATEGORIES
from storage.clock import utcnow
from storage.db import Database
from storage.models import CalendarException, OfficeHoursSetting, SlaPolicyOverride

sla_app = typer.Typer(
    help="Thời hạn xử lý. Ví dụ: motcua sla set --category land --province 01 --resolve 10wd",
    no_args_is_help=True,
)
calendar_app = typer.Typer(
    help="Ngày nghỉ, ngày làm bù. Ví dụ: motcua calendar add --date 2026-01-02 --off",
    no_args_is_help=True,
)


def _code(value: str | None, what: str, digits: int) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if len(value) != digits or not value.isdigit():
        raise UserError(texts.SLA_BAD_CODE.format(what=what, code=value, digits=digits))
    return value


def _clock(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return str(parse_duration(value))
    except ValueError as exc:
        raise UserError(str(exc)) from exc


def _scope_label(row: SlaPolicyOverride) -> str:
    parts = [
        f"tỉnh {row.province_code}" if row.province_code else "",
        f"xã {row.commune_code}" if row.commune_code else "",
        f"phòng {row.department_key}" if row.department_key else "",
    ]
    return ", ".join(p for p in parts if p) or texts.SLA_SCOPE_ALL


@sla_app.command("set")
def sla_set(
    category: str | None = typer.Option(
        None, help="Lĩnh vực, ví dụ land (bỏ trống: mọi lĩnh vực)"
    ),
    province: str | None = typer.Option(None, help="Mã tỉnh 2 chữ số, ví dụ 01"),
    commune: str | None = typer.Option(None, help="Mã xã/phường 5 chữ số"),
    department: str | None = typer.Option(None, help="Khóa phòng, ví dụ economic"),
    claim: str | None = typer.Option(None, help="Hạn nhận việc: 8wh, 1wd, 4h, 30m"),
    resolve: str | None = typer.Option(None, help="Hạn xử lý: 5wd, 10d, 4h"),
    priority: str | None = typer.Option(None, help="normal, urgent hoặc complex"),
) -> None:
    """Set claim and/or resolve deadlines for a scope.

    Example: motcua sla set --category land --commune 00634 --claim 8wh --resolve 15wd
    Durations: wd = working days, wh = working hours, d = days, h = hours, m = minutes.
    """
    if category is not None and category not in KNOWN_CATEGORIES:
        allowed = ", ".join(sorted(KNOWN_CATEGORIES))
        run(_fail(texts.SLA_BAD_CATEGORY.format(category=category, allowed=allowed)))
    if priority is not None and priority not in PRIORITIES:
        allowed = ", ".join(PRIORITIES)
        run(_fail(texts.SLA_BAD_PRIORITY.format(priority=priority, allowed=allowed)))
    if claim is None and resolve is None:
        run(_fail(texts.SLA_NEED_CLOCK))

    async def work(db: Database) -> SlaPolicyOverride:
        key = {
            "province_code": _code(province, "tỉnh", 2),
            "commune_code": _code(commune, "xã/phường", 5),
            "department_key": department.strip() if department else None,
            "category": category,
            "priority": priority,
        }
        claim_text, resolve_text = _clock(claim), _clock(resolve)
        async with db.session() as session:
            query = select(SlaPolicyOverride)
            for name, value in key.items():
                column = col(getattr(SlaPolicyOverride, name))
                query = query.where(column.is_(None) if value is None else column == value)
            row = (await session.exec(query)).first() or SlaPolicyOverride.model_validate(key)
            row.claim = claim_text or row.claim
            row.resolve = resolve_text or row.resolve
            row.updated_at = utcnow()
            session.add(row)
            return row

    row = run(with_db(work))
    console.print(
        texts.SLA_SAVED.format(
            scope=_scope_label(row) + (f", {row.category}" if row.category else ""),
            claim=row.claim or texts.SLA_KEEP_DEFAULT,
            resolve=row.resolve or texts.SLA_KEEP_DEFAULT,
        )
    )


async def _fail(message: str) -> None:
    raise UserError(message)


@sla_app.command("list")
def sla_list(as_json: bool = typer.Option(False, "--json", help="In JSON cho script")) -> None:
    """Show the overrides in force (defaults apply elsewhere). Example: motcua sla list"""

    async def work(db: Database) -> list[SlaPolicyOverride]:
        async with db.session() as session:
            query = select(SlaPolicyOverride).order_by(col(SlaPolicyOverride.id))
            return list((await session.exec(query)).all())

    rows = run(with_db(work))
    if as_json:
        print_json([row.model_dump(exclude={"id"}) for row in rows])
        return
    if not rows:
        console.print(texts.SLA_NONE)
        return
    table = Table("Phạm vi", "Lĩnh vực", "Mức độ", "Nhận việc", "Xử lý")
    for row in rows:
        table.add_row(
            _scope_label(row),
            row.category or "*",
            row.priority or "*",
            row.claim or texts.SLA_KEEP_DEFAULT,
            row.resolve or texts.SLA_KEEP_DEFAULT,
        )
    console.print(table)


@calendar_app.command("add")
def calendar_add(
    day: str = typer.Option(..., "--date", help="Ngày YYYY-MM-DD"),
    off: bool = typer.Option(False, "--off", help="Ngày nghỉ thêm"),
    working: bool = typer.Option(False, "--working", help="Ngày làm bù (ví dụ thứ Bảy)"),
    note: str = typer.Option("", help="Ghi chú, ví dụ: nghỉ bù Tết Dương lịch"),
) -> None:
    """Declare a day off or a make-up working day.

    Example: motcua calendar add --date 2026-01-02 --off --note "Nghỉ Tết Dương lịch"
    """
    if off == working:
        run(_fail(texts.CALENDAR_NEED_ONE))
    try:
        parsed = date.fromisoformat(day.strip())
    except ValueError:
        run(_fail(texts.CALENDAR_BAD_DATE.format(text=day[:40])))
        return

    async def work(db: Database) -> None:
        async with db.session() as session:
            row = await session.get(CalendarException, parsed) or CalendarException(
                day=parsed, working=working
            )
            row.working, row.note = working, note.strip()[:200]
            session.add(row)

    run(with_db(work))
    what = texts.CALENDAR_WORKING if working else texts.CALENDAR_OFF
    console.print(texts.CALENDAR_SAVED.format(day=parsed.isoformat(), what=what))


def _clock_time(value: str, option: str) -> time:
    try:
        return time.fromisoformat(value.strip())
    except ValueError:
        raise UserError(texts.HOURS_BAD_TIME.format(option=option, text=value[:20])) from None


@calendar_app.command("hours")
def calendar_hours(
    start: str = typer.Option("07:30", help="Giờ mở cửa, HH:MM"),
    end: str = typer.Option("17:00", help="Giờ đóng cửa, HH:MM"),
    lunch: str | None = typer.Option(None, help="Nghỉ trưa, ví dụ 11:30-13:00"),
) -> None:
    """Set the office hours that working-hour deadlines count in.

    Example: motcua calendar hours --start 07:30 --end 17:00 --lunch 11:30-13:00
    """

    async def work(db: Database) -> OfficeHours:
        opening, closing = _clock_time(start, "--start"), _clock_time(end, "--end")
        lunch_start = lunch_end = None
        if lunch is not None:
            first, _, last = lunch.partition("-")
            lunch_start, lunch_end = _clock_time(first, "--lunch"), _clock_time(last, "--lunch")
        try:
            hours = OfficeHours(
                start=opening,
                end=closing,
                lunch=(lunch_start, lunch_end) if lunch_start and lunch_end else None,
            )
        except ValueError as exc:
            raise UserError(str(exc)) from exc
        async with db.session() as session:
            row = await session.get(OfficeHoursSetting, 1) or OfficeHoursSetting(
                start=opening, end=closing
            )
            row.start, row.end = opening, closing
            row.lunch_start, row.lunch_end = lunch_start, lunch_end
            row.updated_at = utcnow()
            session.add(row)
        return hours

    hours = run(with_db(work))
    console.print(texts.HOURS_SAVED.format(hours=_describe_hours(hours)))


def _describe_hours(hours: OfficeHours) -> str:
    text = f"{hours.start:%H:%M}–{hours.end:%H:%M}"
    if hours.lunch is not None:
        text += texts.HOURS_LUNCH.format(
            start=f"{hours.lunch[0]:%H:%M}", end=f"{hours.lunch[1]:%H:%M}"
        )
    return text


@calendar_app.command("list")
def calendar_list(
    as_json: bool = typer.Option(False, "--json", help="In JSON cho script"),
) -> None:
    """Show the days admins declared. Example: motcua calendar list"""

    async def work(db: Database) -> tuple[list[CalendarException], OfficeHours]:
        async with db.session() as session:
            query = select(CalendarException).order_by(col(CalendarException.day))
            setting = await session.get(OfficeHoursSetting, 1)
            hours = office_hours_of(setting) if setting else OfficeHours()
            return list((await session.exec(query)).all()), hours

    rows, hours = run(with_db(work))
    if as_json:
        print_json(
            [{"date": r.day.isoformat(), "working": r.working, "note": r.note} for r in rows]
        )
        return
    console.print(texts.HOURS_SHOWN.format(hours=_describe_hours(hours)))
    if not rows:
        console.print(texts.CALENDAR_NONE)
        return
    table = Table("Ngày", "Loại", "Ghi chú")
    for row in rows:
        kind = texts.CALENDAR_WORKING if row.working else texts.CALENDAR_OFF
        table.add_row(row.day.isoformat(), kind, row.note)
    console.print(table)
