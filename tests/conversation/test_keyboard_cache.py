"""Question keyboards are built once per combination of what they show, and sent unchanged."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from advisor.questionnaire import current_question, toggle_option
from handlers.conversation.render import question_keyboard
from handlers.frozen_keyboard import FrozenKeyboard
from locales import get_translator
from tests.conversation.support import engine_state, today

NO_TRACKING = ["c:no", "c:no_tracking", "c:none"]
TO_EVIDENCE = [*NO_TRACKING, "s", "c:no", "s", "c:no_reply"]  # the multi question "evidence"


def button_rows(markup: InlineKeyboardMarkup) -> list[list[tuple[str, str | None]]]:
    return [[(b.text, b.callback_data) for b in row] for row in markup.inline_keyboard]


def test_the_same_screen_for_two_users_is_one_keyboard_and_a_different_one_is_not() -> None:
    day = today()
    tr = get_translator("en")
    first, second = engine_state(["c:no"]), engine_state(["c:no"])
    question = current_question(first, day)
    assert question is not None
    one = question_keyboard(question, first, day, tr)
    assert question_keyboard(question, second, day, tr) is one
    assert question_keyboard(question, second, day, get_translator("ru")) is not one
    assert question_keyboard(question, second, day, tr, show_hint=True) is not one


def test_a_multi_questions_ticks_follow_the_state() -> None:
    day = today()
    tr = get_translator("en")
    state = engine_state(TO_EVIDENCE)
    question = current_question(state, day)
    assert question is not None and question.kind == "multi"
    plain = question_keyboard(question, state, day, tr)
    code = question.options[0].code
    ticked_state = toggle_option(state, code, day)
    ticked = question_keyboard(question, ticked_state, day, tr)
    assert not button_rows(plain)[0][0][0].startswith("✅")
    assert button_rows(ticked)[0][0][0].startswith("✅")
    assert question_keyboard(question, toggle_option(ticked_state, code, day), day, tr) is plain


def test_a_frozen_keyboard_sends_what_a_plain_one_would_and_hands_out_fresh_dicts() -> None:
    day = today()
    state = engine_state(TO_EVIDENCE)
    question = current_question(state, day)
    assert question is not None
    frozen = question_keyboard(question, state, day, get_translator("ru"))
    assert isinstance(frozen, FrozenKeyboard)
    plain = InlineKeyboardMarkup(frozen.inline_keyboard)
    first = frozen.to_dict()
    assert first == plain.to_dict()
    first["inline_keyboard"][0][0]["text"] = "changed by a caller"
    first["inline_keyboard"].pop()
    assert frozen.to_dict() == plain.to_dict()
    assert frozen.to_dict(recursive=False) == plain.to_dict(recursive=False)


def test_the_currency_a_russian_user_likely_means_comes_first() -> None:
    """Walk AE: after a bare "2990" a Russian user was offered US dollars before roubles."""
    from advisor.questionnaire import questions as q

    state = engine_state(["c:no"])

    def first_choice(lang: str) -> str | None:
        markup = question_keyboard(q.CURRENCY, state, today(), get_translator(lang))
        return button_rows(markup)[0][0][1]

    assert first_choice("ru") == "q:currency:c:rub"
    assert first_choice("en") == "q:currency:c:usd"
    ru = question_keyboard(q.CURRENCY, state, today(), get_translator("ru"))
    chosen = [data for row in button_rows(ru) for _, data in row if ":c:" in (data or "")]
    assert sorted(chosen) == sorted(f"q:currency:c:{code}" for code in q.CURRENCY.option_codes())
