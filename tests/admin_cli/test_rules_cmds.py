"""An admin reads, changes and tests routing rules from the shell."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from admin_cli.main import app
from handlers.routing import DEFAULT_RULES

runner = CliRunner()


def rules(*args: str) -> list[dict[str, object]]:
    result = runner.invoke(app, ["rules", "list", "--json", *args])
    assert result.exit_code == 0, result.output
    data: list[dict[str, object]] = json.loads(result.output)
    return data


def test_list_shows_the_defaults_on_a_fresh_database(cli_env: str) -> None:
    listed = rules()
    assert len(listed) == len(DEFAULT_RULES)
    assert {"category": "urban_order", "department": "police"}.items() <= listed[-2].items()


def test_add_move_remove(cli_env: str) -> None:
    runner.invoke(app, ["units", "sync", "--province", "01"])
    added = runner.invoke(
        app,
        [
            "rules",
            "add",
            "--commune",
            "00634",
            "--category",
            "land",
            "--department",
            "service_center",
            "--position",
            "1",
            "--note",
            "một cửa",
        ],
    )
    assert added.exit_code == 0, added.output
    assert rules()[0]["commune"] == "00634"
    moved = runner.invoke(app, ["rules", "move", "1", "3"])
    assert moved.exit_code == 0, moved.output
    assert rules()[2]["commune"] == "00634"
    removed = runner.invoke(app, ["rules", "remove", "3"])
    assert removed.exit_code == 0 and "00634" in removed.output
    assert len(rules()) == len(DEFAULT_RULES)
    missing = runner.invoke(app, ["rules", "remove", "999"])
    assert missing.exit_code == 1 and "999" in missing.output


def test_a_tying_rule_is_refused_and_nothing_changes(cli_env: str) -> None:
    runner.invoke(app, ["units", "sync", "--province", "01"])
    first = runner.invoke(app, ["rules", "add", "--commune", "00634", "--department", "office"])
    assert first.exit_code == 0, first.output
    tie = runner.invoke(app, ["rules", "add", "--commune", "00634", "--department", "police"])
    assert tie.exit_code == 1
    assert "ngang nhau" in tie.output and "Traceback" not in tie.output
    assert len(rules()) == len(DEFAULT_RULES) + 1


def test_a_loop_between_communes_is_refused(cli_env: str) -> None:
    runner.invoke(app, ["units", "sync", "--province", "01"])
    base = ["rules", "add", "--department", "police"]
    there = runner.invoke(app, [*base, "--commune", "00634", "--target-commune", "00637"])
    assert there.exit_code == 0, there.output
    back = runner.invoke(app, [*base, "--commune", "00637", "--target-commune", "00634"])
    assert back.exit_code == 1 and "vòng lặp" in back.output


def test_unknown_commune_code_is_a_clear_error(cli_env: str) -> None:
    runner.invoke(app, ["units", "sync", "--province", "01"])
    result = runner.invoke(app, ["rules", "add", "--commune", "99999", "--department", "office"])
    assert result.exit_code == 1 and "99999" in result.output
    tested = runner.invoke(app, ["rules", "test", "đỗ xe", "--commune", "99999"])
    assert tested.exit_code == 1 and "99999" in tested.output


def test_rules_test_explains_the_winner_and_the_chat(cli_env: str) -> None:
    runner.invoke(app, ["units", "sync", "--province", "01"])
    text = "ô tô đỗ xe chắn hết cổng nhà tôi từ sáng, không ra vào được"
    result = runner.invoke(app, ["rules", "test", text, "--commune", "00634", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["nlu"]["category"] == "urban_order"
    assert data["department"] == "police" and data["commune"] == "00634"
    assert "đỗ xe" in data["why"] or "do xe" in data["why"]
    assert len(data["rules"]) == len(DEFAULT_RULES)
    assert data["chat"] is None  # no group bound yet
    table = runner.invoke(app, ["rules", "test", text, "--commune", "00634"])
    assert table.exit_code == 0 and "CHƯA gắn nhóm" in table.output


def test_rules_test_on_empty_text(cli_env: str) -> None:
    result = runner.invoke(app, ["rules", "test", "   "])
    assert result.exit_code == 1 and "trống" in result.output


def test_every_rules_command_has_help_with_an_example() -> None:
    for command in ("list", "add", "remove", "move", "test"):
        result = runner.invoke(app, ["rules", command, "--help"])
        assert result.exit_code == 0 and "motcua rules" in result.output


def test_unknown_category_intent_or_department_is_refused(cli_env: str) -> None:
    runner.invoke(app, ["units", "sync", "--province", "01"])
    typo = runner.invoke(app, ["rules", "add", "--category", "lands", "--department", "office"])
    assert typo.exit_code == 1 and "lands" in typo.output and "land" in typo.output
    intent = runner.invoke(app, ["rules", "add", "--intent", "complain", "--department", "office"])
    assert intent.exit_code == 1 and "complain" in intent.output
    nowhere = runner.invoke(app, ["rules", "add", "--category", "land", "--department", "finance"])
    assert nowhere.exit_code == 1 and "finance" in nowhere.output
    assert len(rules()) == len(DEFAULT_RULES)


def test_rules_test_without_a_commune(cli_env: str) -> None:
    runner.invoke(app, ["units", "sync", "--province", "01"])
    named = runner.invoke(
        app, ["rules", "test", "đèn đường hỏng ở phường Tây Mỗ mấy hôm nay", "--json"]
    )
    assert named.exit_code == 0, named.output
    assert json.loads(named.output)["commune"] == "00634"  # Phường Tây Mỗ
    nowhere = runner.invoke(app, ["rules", "test", "đèn đường hỏng mấy hôm nay"])
    assert nowhere.exit_code == 1 and "--commune" in nowhere.output
