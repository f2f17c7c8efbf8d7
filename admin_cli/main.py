"""The `motcua` command: one Typer app with a sub-app per area."""

from __future__ import annotations

import typer

from admin_cli import process_cmds, report_cmds
from admin_cli.config_cmds import config_app
from admin_cli.nlu_cmd import nlu_app
from admin_cli.procedures_cmds import procedures_app, procedures_report_app
from admin_cli.rules_cmds import rules_app
from admin_cli.scheduler_cmd import scheduler
from admin_cli.setup_cmds import chat_app, db_app, official_app, units_app
from admin_cli.sla_cmds import calendar_app, sla_app
from admin_cli.tickets_cmds import tickets_app
from admin_cli.zalo_cmds import zalo_app

app = typer.Typer(
    name="motcua",
    help="Một Cửa — tiếp nhận phản ánh, hỏi đáp thủ tục cho UBND xã, phường.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(db_app, name="db")
app.add_typer(units_app, name="units")
app.add_typer(chat_app, name="chat")
app.add_typer(official_app, name="official")
app.add_typer(tickets_app, name="tickets")
app.add_typer(sla_app, name="sla")
app.add_typer(calendar_app, name="calendar")
app.command("scheduler")(scheduler)
app.add_typer(nlu_app, name="nlu")
app.add_typer(procedures_app, name="procedures")
app.add_typer(zalo_app, name="zalo")
app.add_typer(rules_app, name="rules")
app.add_typer(config_app, name="config")
report_app = typer.Typer(help="Báo cáo. Ví dụ: motcua report --by department")
report_app.callback(invoke_without_command=True)(report_cmds.report_command)
report_app.registered_commands += procedures_report_app.registered_commands
app.add_typer(report_app, name="report")
app.command("run")(process_cmds.run)
app.command("sandbox")(process_cmds.sandbox)
app.command("serve")(process_cmds.serve)
app.command("worker")(process_cmds.worker)

if __name__ == "__main__":
    app()
