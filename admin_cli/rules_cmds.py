"""Routing rules from the shell: list, add, remove, move, and "why would this go there?"."""

from __future__ import annotations

from dataclasses import asdict

import typer
from rich.table import Table
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from admin_cli.common import console, err_console, print_json, run, with_db
from handlers.directory import department_chat, get_commune, get_department
from handlers.errors import UserError
from handlers.routing import ASK_CITIZEN, Decision, Rule, load_rules, route, save_rules
from storage.db import Database
from storage.models import Department

rules_app = typer.Typer(
    help='Luật phân luồng. Ví dụ: motcua rules test "đỗ xe chắn cổng" --commune 00634',
    no_args_is_help=True,
)


async def department_key_exists(session: AsyncSession, key: str) -> bool:
    found = await session.exec(select(Department.id).where(Department.key == key).limit(1))
    return found.first() is not None


def _rule_json(position: int, rule: Rule) -> dict[str, object]:
    return {"position": position, **asdict(rule), "keywords": list(rule.keywords)}


def _show(rules: list[Rule]) -> None:
    table = Table(
        "#", "Ý định", "Lĩnh vực", "Tỉnh", "Xã", "Từ khóa", "Tin cậy ≥", "→ Phòng", "Ghi chú"
    )
    for i, r in enumerate(rules, start=1):
        target = r.department + (f"@{r.target_commune}" if r.target_commune else "")
        table.add_row(
            str(i),
            r.intent or "*",
            r.category or "*",
            r.province or "*",
            r.commune or "*",
            ", ".join(r.keywords),
            f"{r.min_confidence:g}" if r.min_confidence is not None else "",
            target,
            r.note,
        )
    console.print(table)


@rules_app.command("list")
def rules_list(as_json: bool = typer.Option(False, "--json", help="In JSON cho script")) -> None:
    """Show the rules in force, in order. Example: motcua rules list --json"""

    async def work(db: Database) -> list[Rule]:
        async with db.session() as session:
            return await load_rules(session)

    rules = run(with_db(work))
    if as_json:
        print_json([_rule_json(i, r) for i, r in enumerate(rules, start=1)])
    else:
        _show(rules)


@rules_app.command("add")
def rules_add(
    department: str = typer.Option(..., help=f"Khóa phòng nhận, hoặc {ASK_CITIZEN}"),
    intent: str | None = typer.Option(None, help="report | procedure"),
    category: str | None = typer.Option(None, help="Lĩnh vực, ví dụ land"),
    province: str | None = typer.Option(None, help="Mã tỉnh 2 chữ số"),
    commune: str | None = typer.Option(None, help="Mã xã/phường 5 chữ số"),
    keyword: list[str] = typer.Option([], "--keyword", "-k", help="Từ khóa (lặp lại được)"),
    min_confidence: float | None = typer.Option(None, min=0.0, max=1.0),
    target_commune: str | None = typer.Option(
        None, help="Phòng của một xã khác (đơn vị dùng chung)"
    ),
    note: str = typer.Option("", help="Lý do, hiện khi giải thích"),
    position: int | None = typer.Option(None, min=1, help="Vị trí (mặc định: cuối)"),
) -> None:
    """Add a rule; refused if it ties with another. Example: motcua rules add --commune 00634
    --category land --department service_center --note "một cửa nhận hồ sơ đất" """
    rule = Rule(
        department=department.strip(),
        intent=intent,
        category=category,
        province=province,
        commune=commune,
        keywords=tuple(keyword),
        min_confidence=min_confidence,
        target_commune=target_commune,
        note=note,
    )

    async def work(db: Database) -> int:
        async with db.session() as session:
            for code in {commune, target_commune} - {None}:
                assert code is not None
                await get_commune(session, code)
            if department != ASK_CITIZEN:
                if target_commune or commune:
                    await get_department(session, target_commune or commune or "", department)
                elif not await department_key_exists(session, department):
                    raise UserError(f"Không có phòng nào mang khóa {department!r}.")
            rules = await load_rules(session)
            at = len(rules) if position is None else min(position - 1, len(rules))
            rules.insert(at, rule)
            await save_rules(session, rules)
            return at + 1

    at = run(with_db(work))
    console.print(f"Đã thêm luật {at}: {rule.describe()}")


@rules_app.command("remove")
def rules_remove(
    position: int = typer.Argument(..., min=1, help="Số thứ tự trong rules list"),
) -> None:
    """Remove a rule by its number. Example: motcua rules remove 22"""

    async def work(db: Database) -> Rule:
        async with db.session() as session:
            rules = await load_rules(session)
            if position > len(rules):
                raise UserError(f"Không có luật số {position} (có {len(rules)} luật).")
            gone = rules.pop(position - 1)
            await save_rules(session, rules)
            return gone

    gone = run(with_db(work))
    console.print(f"Đã bỏ luật: {gone.describe()}")


@rules_app.command("move")
def rules_move(
    position: int = typer.Argument(..., min=1, help="Luật cần chuyển"),
    to: int = typer.Argument(..., min=1, help="Vị trí mới"),
) -> None:
    """Move a rule to another place in the list. Example: motcua rules move 22 3"""

    async def work(db: Database) -> None:
        async with db.session() as session:
            rules = await load_rules(session)
            if position > len(rules):
                raise UserError(f"Không có luật số {position} (có {len(rules)} luật).")
            rules.insert(min(to, len(rules)) - 1, rules.pop(position - 1))
            await save_rules(session, rules)

    run(with_db(work))
    console.print(f"Đã chuyển luật {position} tới vị trí {to}.")


@rules_app.command("test")
def rules_test(
    text: str = typer.Argument(..., help="Nội dung tin nhắn của người dân"),
    commune: str | None = typer.Option(
        None, help="Mã xã/phường của người dân (mặc định: nơi câu nói nhắc tới)"
    ),
    as_json: bool = typer.Option(False, "--json", help="In JSON cho script"),
) -> None:
    """Explain where a message would go: NLU result, every rule, the winner, the chat.

    Example: motcua rules test "ô tô đỗ chắn cổng nhà tôi" --commune 00634
    """
    from nlu.pipeline import parse

    if not text.strip():
        err_console.print("[bold red]Lỗi:[/] nội dung trống: hãy gõ một câu như người dân gửi.")
        raise typer.Exit(1)
    prediction = parse(text, ward_code=commune)
    where = commune or prediction.ward_code
    if where is None:
        err_console.print(
            "[bold red]Lỗi:[/] câu không nhắc tới xã/phường nào: thêm --commune MÃ, "
            "ví dụ --commune 00634."
        )
        raise typer.Exit(1)

    async def work(db: Database) -> tuple[Decision, str | None]:
        async with db.session() as session:
            await get_commune(session, where)
            decision = await route(
                session,
                intent=prediction.intent,
                category=prediction.category,
                text=text,
                commune_code=where,
                confidence=prediction.confidence,
            )
            if decision.ask:
                return decision, None
            department = await get_department(session, decision.commune, decision.department)
            assert department.id is not None
            chat = await department_chat(session, department.id)
            if chat is None:
                return decision, None
            topic = f" (chủ đề {chat.thread_id})" if chat.thread_id else ""
            return decision, f"{chat.channel} {chat.chat_id}{topic}"

    decision, chat = run(with_db(work))
    if as_json:
        print_json(
            {
                "nlu": {
                    "intent": prediction.intent,
                    "category": prediction.category,
                    "confidence": round(prediction.confidence, 3),
                },
                "rules": [
                    {
                        "position": v.position,
                        "rule": v.rule.describe(),
                        "matched": v.matched,
                        "reason": v.reason,
                    }
                    for v in decision.considered
                ],
                "department": decision.department,
                "commune": decision.commune,
                "why": decision.explanation,
                "chat": chat,
            }
        )
        return
    console.print(
        f"NLU: ý định [bold]{prediction.intent}[/], lĩnh vực [bold]{prediction.category}[/], "
        f"độ tin cậy {prediction.confidence:.2f}"
    )
    table = Table("#", "Luật", "Khớp", "Vì")
    for v in decision.considered:
        table.add_row(str(v.position), v.rule.describe(), "✔" if v.matched else "·", v.reason)
    console.print(table)
    if decision.ask:
        console.print("Kết quả: hỏi lại người dân trước khi chuyển.")
    else:
        console.print(f"Kết quả: phòng [bold]{decision.department}[/] của xã {decision.commune}")
    console.print(f"Vì sao: {decision.explanation}", markup=False)
    console.print(f"Nhóm chat: {chat or 'CHƯA gắn nhóm — phản ánh sẽ chờ trong hàng đợi'}")
