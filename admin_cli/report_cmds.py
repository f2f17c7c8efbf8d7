"""`motcua report`: the pilot's measures as a table, CSV, JSON or a printable chart."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from admin_cli.common import console, err_console, run, with_db
from handlers.reports import GROUPINGS, VIETNAM, Measures, ReportFilter, period_end, report
from storage.db import Database

FORMATS = ("table", "csv", "json")
COLUMNS: tuple[tuple[str, str], ...] = (
    ("group", "Nhóm"),
    ("received", "Nhận"),
    ("resolved", "Đã xử lý"),
    ("resolved_on_time_pct", "Đúng hạn %"),
    ("first_response_median_h", "Phản hồi đầu, trung vị (giờ LV)"),
    ("first_response_p90_h", "Phản hồi đầu, P90 (giờ LV)"),
    ("resolution_median_h", "Xử lý, trung vị (giờ LV)"),
    ("resolution_p90_h", "Xử lý, P90 (giờ LV)"),
    ("satisfaction_mean", "Hài lòng TB (1-5)"),
    ("reopened_pct", "Mở lại %"),
    ("open_now", "Đang mở"),
    ("overdue_now", "Quá hạn"),
)


def _day(value: str | None, option: str) -> datetime | None:
    if value is None:
        return None
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        err_console.print(f"[bold red]Lỗi:[/] {option} {value!r} không phải ngày YYYY-MM-DD.")
        raise typer.Exit(1) from None
    return datetime.combine(day, time(), tzinfo=VIETNAM)


def _cell(value: Any) -> str:
    return "—" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


def _as_csv(rows: list[Measures]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    stars = [f"rating_{k}" for k in range(1, 6)]
    writer.writerow([key for key, _ in COLUMNS] + ["resolved_on_time", "reopened", *stars])
    for row in rows:
        data = row.as_dict()
        writer.writerow(
            ["" if data[key] is None else data[key] for key, _ in COLUMNS]
            + [row.resolved_on_time, row.reopened]
            + [row.satisfaction[k] for k in range(1, 6)]
        )
    return out.getvalue()


def _as_table(rows: list[Measures], title: str) -> Table:
    table = Table(*(label for _, label in COLUMNS), title=title)
    for index, row in enumerate(rows):
        data = row.as_dict()
        table.add_row(*(_cell(data[key]) for key, _ in COLUMNS), end_section=index == 0)
    return table


def draw_chart(weeks: list[Measures], departments: list[Measures], path: Path) -> None:
    """Trend by week and departments side by side, in greys with markers and hatching so
    that it still reads when printed in black and white."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (trend, compare) = plt.subplots(2, 1, figsize=(9, 9), constrained_layout=True)
    labels = [w.group for w in weeks]
    x = list(range(len(labels)))
    trend.plot(x, [w.received for w in weeks], "k-o", label="Nhận")
    trend.plot(x, [w.resolved for w in weeks], "k--s", label="Đã xử lý")
    trend.plot(x, [w.overdue_now for w in weeks], "k:^", label="Quá hạn (hiện tại)")
    trend.set_xticks(x, labels, rotation=45, ha="right")
    trend.set_title("Theo tuần")
    trend.set_ylabel("Số phản ánh")
    trend.grid(True, color="0.85")
    trend.legend()
    names = [d.group for d in departments]
    y = list(range(len(names)))
    on_time = [d.resolved_on_time_pct or 0.0 for d in departments]
    rated = [20.0 * (d.satisfaction_mean or 0.0) for d in departments]
    compare.barh([v - 0.2 for v in y], on_time, 0.4, color="0.35", label="Đúng hạn (%)")
    compare.barh(
        [v + 0.2 for v in y],
        rated,
        0.4,
        color="white",
        edgecolor="black",
        hatch="//",
        label="Hài lòng (% của 5 sao)",
    )
    compare.set_yticks(y, names)
    compare.set_xlim(0, 100)
    compare.set_title("So sánh phòng ban")
    compare.legend(loc="upper center", bbox_to_anchor=(0.5, -0.06), ncol=2, frameon=False)
    fig.savefig(path, dpi=120)
    plt.close(fig)


def report_command(
    ctx: typer.Context,
    province: str | None = typer.Option(None, help="Mã tỉnh 2 chữ số"),
    commune: str | None = typer.Option(None, help="Mã xã/phường 5 chữ số"),
    department: str | None = typer.Option(None, help="Khóa phòng, ví dụ economic"),
    start: str | None = typer.Option(None, "--from", help="Từ ngày (YYYY-MM-DD), tính cả ngày"),
    end: str | None = typer.Option(None, "--to", help="Đến ngày (YYYY-MM-DD), tính cả ngày"),
    by: str | None = typer.Option(None, help=f"Nhóm theo: {' | '.join(GROUPINGS)}"),
    output: str = typer.Option("table", "--format", help="table | csv | json"),
    chart: Path | None = typer.Option(None, help="Vẽ biểu đồ ra tệp PNG"),
) -> None:
    """Received, resolved, on time, response and resolution times (working hours),
    satisfaction, reopened, open and overdue.

    Example: motcua report --commune 00634 --from 2026-01-01 --to 2026-03-31 --by week
    (`motcua report procedures` reports the procedure answers instead.)
    """
    if ctx.invoked_subcommand is not None:
        return
    if output not in FORMATS:
        err_console.print(f"[bold red]Lỗi:[/] --format phải là một trong: {', '.join(FORMATS)}.")
        raise typer.Exit(2)
    if chart is not None and chart.suffix.lower() != ".png":
        err_console.print("[bold red]Lỗi:[/] --chart phải là tệp .png")
        raise typer.Exit(1)
    first, last = _day(start, "--from"), _day(end, "--to")
    place = {"province": province, "commune": commune, "department": department}

    async def work(db: Database) -> tuple[list[Measures], list[Measures], list[Measures]]:
        filters = ReportFilter(**place, start=first, end=period_end(last) if last else None, by=by)
        with err_console.status("Đang tính báo cáo…"):
            return await _compute(db, filters)

    async def _compute(
        db: Database, filters: ReportFilter
    ) -> tuple[list[Measures], list[Measures], list[Measures]]:
        async with db.session() as session:
            rows = await report(session, filters)
            if chart is None:
                return rows, [], []
            weeks = await report(
                session, ReportFilter(**place, start=filters.start, end=filters.end, by="week")
            )
            departments = await report(
                session,
                ReportFilter(**place, start=filters.start, end=filters.end, by="department"),
            )
            return rows, weeks[1:], departments[1:]

    rows, weeks, departments = run(with_db(work))
    if output == "json":
        typer.echo(json.dumps([r.as_dict() for r in rows], ensure_ascii=False, indent=2))
    elif output == "csv":
        typer.echo(_as_csv(rows), nl=False)
    else:
        span = f"{start or 'đầu'} → {end or 'nay'}"
        console.print(_as_table(rows, f"Báo cáo phản ánh ({span})"))
        if rows[0].received == 0:
            console.print("Không có phản ánh nào trong khoảng này.")
    if chart is not None:
        draw_chart(weeks, departments, chart)
        err_console.print(f"Đã vẽ biểu đồ: {chart}")
