"""Where tickets go: taxonomy.md's defaults, admins' rules, ties and loops refused up front."""

from __future__ import annotations

import pytest

from handlers.errors import UserError
from handlers.routing import (
    ASK_CITIZEN,
    DEFAULT_RULES,
    Facts,
    Rule,
    check_rules,
    department_for,
    evaluate,
    load_rules,
    route,
    save_rules,
)
from handlers.units import official_units, sync_units
from storage.db import Database


def facts(text: str, category: str, *, intent: str = "report", commune: str = "00634") -> Facts:
    return Facts(intent=intent, category=category, text=text, commune=commune, province="01")


@pytest.mark.parametrize(
    ("category", "text", "department"),
    [
        ("urban_order", "Ô tô ĐỖ XE chắn hết cổng nhà tôi", "police"),
        ("urban_order", "o to do xe chan cong", "police"),  # without diacritics
        ("urban_order", "bán hàng rong lấn chiếm vỉa hè", "economic"),
        ("social_welfare", "xét hộ cận nghèo năm nay sai", "economic"),
        ("social_welfare", "trợ cấp người có công chậm", "culture_social"),
        ("officials_conduct", "cán bộ công an phường quát dân", "police"),
        ("officials_conduct", "cán bộ một cửa nhũng nhiễu", "office"),
        ("residence_id", "làm căn cước cho con", "police"),
        ("land", "tranh chấp ranh giới đất", "economic"),
    ],
)
def test_defaults_follow_the_taxonomy_table(category: str, text: str, department: str) -> None:
    assert department_for(category, text) == department


def test_a_procedure_question_goes_to_the_service_centre() -> None:
    assert department_for("civil_status", "khai sinh cần gì", intent="procedure") == (
        "service_center"
    )


def test_keyword_must_be_a_whole_word() -> None:
    # "đỗ xe" inside "đỗ xeng" is not a parking complaint
    assert department_for("urban_order", "lấn chiếm vỉa hè bán đỗ xeng") == "economic"


def test_the_shipped_defaults_have_no_ties() -> None:
    check_rules(DEFAULT_RULES)


def test_a_commune_rule_beats_the_default_and_says_why() -> None:
    rules = [*DEFAULT_RULES, Rule("service_center", category="land", commune="00634", note="x")]
    decision = evaluate(rules, facts("tranh chấp đất", "land"))
    assert decision.department == "service_center"
    assert "commune=00634" in decision.explanation
    elsewhere = evaluate(rules, facts("tranh chấp đất", "land", commune="00001"))
    assert elsewhere.department == "economic"
    assert len(decision.considered) == len(rules)
    assert any(not v.matched and "commune" in v.reason for v in elsewhere.considered)


def test_min_confidence_and_ask_the_citizen() -> None:
    rules = [
        *DEFAULT_RULES,
        Rule(ASK_CITIZEN, intent="report", category="land", commune="00634"),
    ]
    decision = evaluate(rules, facts("đất", "land"))
    assert decision.ask
    low = Rule("office", intent="report", category="land", min_confidence=0.9, commune="00634")
    decision = evaluate([*DEFAULT_RULES, low], Facts("report", "land", "đất", "00634", "01", 0.5))
    assert decision.department == "economic"
    assert any("0.50 < 0.9" in v.reason for v in decision.considered)


def test_a_shared_unit_in_another_commune() -> None:
    rule = Rule("police", category="security_order", commune="00634", target_commune="00637")
    decision = evaluate([*DEFAULT_RULES, rule], facts("đánh nhau", "security_order"))
    assert (decision.department, decision.commune) == ("police", "00637")


def test_a_tie_is_refused_with_both_rules_named() -> None:
    a = Rule("office", category="land", commune="00634")
    b = Rule("police", intent="report", commune="00634")
    with pytest.raises(UserError, match="ngang nhau") as caught:
        check_rules([*DEFAULT_RULES, a, b])
    assert "category=land" in str(caught.value) and "intent=report" in str(caught.value)


def test_rules_that_cannot_meet_do_not_tie() -> None:
    check_rules([Rule("office", category="land"), Rule("police", category="health")])
    check_rules([Rule("office", commune="00634"), Rule("police", commune="00637")])


def test_a_loop_between_communes_is_refused() -> None:
    there = Rule("police", commune="00634", target_commune="00637")
    back = Rule("police", commune="00637", target_commune="00634")
    with pytest.raises(UserError, match="vòng lặp"):
        check_rules([there, back])


async def test_stored_rules_route_new_tickets(db: Database) -> None:
    async with db.session() as session:
        await sync_units(session, official_units("01"))
        assert await load_rules(session) == list(DEFAULT_RULES)
        before = await route(
            session, intent="report", category="land", text="đất", commune_code="00634"
        )
        assert before.department == "economic"
        await save_rules(
            session, [*DEFAULT_RULES, Rule("office", category="land", commune="00634")]
        )
    async with db.session() as session:
        after = await route(
            session, intent="report", category="land", text="đất", commune_code="00634"
        )
        assert after.department == "office"
        with pytest.raises(UserError):
            await save_rules(session, [Rule("office"), Rule("police")])
    async with db.session() as session:
        assert len(await load_rules(session)) == len(DEFAULT_RULES) + 1


async def test_a_new_ticket_follows_a_stored_rule_and_records_why(db: Database) -> None:
    from sqlmodel import select

    from handlers.ticket_open import Content, open_ticket
    from storage.models import Citizen, Department, TicketEvent

    async with db.session() as session:
        await sync_units(session, official_units("01"))
        shared = Rule(
            "police",
            category="security_order",
            commune="00634",
            target_commune="00637",
            note="công an dùng chung",
        )
        await save_rules(session, [*DEFAULT_RULES, shared])
        citizen = Citizen(channel="telegram", external_id="9", chat_id="9", commune_code="00634")
        session.add(citizen)
        await session.flush()
        ticket = await open_ticket(
            session,
            citizen,
            Content(text="nhóm thanh niên đánh nhau trước ngõ"),
            category="security_order",
            confidence=0.9,
        )
        department = await session.get(Department, ticket.department_id)
        assert department is not None
        assert (department.commune_code, department.key) == ("00637", "police")
        assert ticket.commune_code == "00634"  # where the problem is does not change
        event = (
            await session.exec(select(TicketEvent).where(TicketEvent.ticket_id == ticket.id))
        ).one()
        assert event.note is not None and "công an dùng chung" in event.note


async def test_a_rule_for_a_missing_department_falls_back_to_the_defaults(db: Database) -> None:
    async with db.session() as session:
        await sync_units(session, official_units("01"))
        await save_rules(
            session, [*DEFAULT_RULES, Rule("land_office", category="land", commune="00634")]
        )
        decision = await route(
            session, intent="report", category="land", text="đất", commune_code="00634"
        )
    assert (decision.department, decision.commune) == ("economic", "00634")
    assert "land_office" in decision.explanation and "mặc định" in decision.explanation


def test_the_quick_default_answers_like_the_rules() -> None:
    from handlers.routing.defaults import DEFAULT_DEPARTMENT
    from nlu.types import CATEGORIES

    samples = ["ngõ 5 ngập", "hộ nghèo chưa được trợ cấp", "ô tô đỗ chắn cổng", "công an xã"]
    for category in (*CATEGORIES, "none"):
        for text in samples:
            for intent in ("report", "procedure"):
                facts = Facts(intent=intent, category=category, text=text, commune="")
                expected = evaluate(DEFAULT_RULES, facts).department
                assert department_for(category, text, intent=intent) == expected
    assert set(DEFAULT_DEPARTMENT) == set(CATEGORIES)
