"""A correction shows the detail as the order has it now (walk of 2026-12-03: its screens never
did, so a date another correction had moved could not be spotted)."""

from __future__ import annotations

import datetime as dt

import pytest

from advisor.models import Situation
from advisor.questionnaire import FlowState, Question
from advisor.questionnaire import questions as q
from handlers.conversation.saved_detail import saved_detail_line
from locales import get_translator
from tests.conversation.support import plain
from tests.orders.support import known_user, save, today
from tests.support.harness import BotHarness


async def _correct(bot: BotHarness, user_id: int, order_id: int, detail: str, lang: str) -> None:
    await bot.press(user_id, f"o:{order_id}:fix", lang)
    data = next(d for d in bot.last().button_data() if d.endswith(f":c:{detail}"))
    await bot.press(user_id, data, lang)


@pytest.mark.parametrize(
    ("lang", "detail", "changes", "shown"),
    [
        ("en", "price", {"price": 45.5, "currency": "USD"}, "Saved now: $45.50"),
        ("ru", "price", {"price": 1500, "currency": "RUB"}, "Сейчас сохранено: 1\xa0500,00\xa0₽"),
        ("en", "item", {"item": "Phone case"}, "Saved now: Phone case"),
        ("en", "problem", {"problem": "damaged"}, "Saved now: It arrived broken or damaged"),
    ],
)
async def test_the_detail_corrected_is_shown_as_saved(
    bot: BotHarness, lang: str, detail: str, changes: dict[str, object], shown: str
) -> None:
    user = await known_user(bot, 560, lang)
    view = await save(bot, user, **changes)
    await _correct(bot, 560, view.order.id, detail, lang)
    assert shown in plain(bot.last().text)


async def test_the_opening_date_is_shown_on_each_of_its_questions(bot: BotHarness) -> None:
    user = await known_user(bot, 561, "en")
    opened = today(bot) - dt.timedelta(days=6)
    dispute = {"stage": "open", "opened_on": opened.isoformat(), "since": opened.isoformat()}
    view = await save(bot, user, dispute=dispute)
    await _correct(bot, 561, view.order.id, "opened_on", "en")
    shown = "Saved now: " + get_translator("en").format_date(opened)
    assert shown in plain(bot.last().text)  # "When did you open it?": Today / Yesterday / Earlier
    earlier = next(d for d in bot.last().button_data() if d.endswith("opened_when:c:earlier"))
    await bot.press(561, earlier, "en")
    assert shown in plain(bot.last().text)  # the typed date's question too


BASE = Situation(
    today=dt.date(2026, 12, 3),
    received=True,
    problem="short_quantity",
    price=20,
    currency="EUR",
    quantity_ordered=5,
    quantity_received=3,
    usable=False,
    shipping_method="saver",
    dispute={
        "stage": "won",
        "opened_on": "2026-11-20",
        "since": "2026-11-30",
        "requested_solution": "refund_only",
        "requested_amount": 8,
    },
)


@pytest.mark.parametrize(
    ("code", "question", "shown"),
    [
        ("quantities", q.QUANTITY_ORDERED, "3 of 5 pieces came"),
        ("usable", q.USABLE, "No"),
        ("shipping_method", q.SHIPPING_METHOD, "AliExpress Saver Shipping"),
        ("requested", q.REQUESTED_AMOUNT, "Refund only, €8.00"),
        ("opened_on", q.OPENED[0], "November 20, 2026"),
        ("won_on", q.WON[1], "November 30, 2026"),
        ("details", q.DETAILS, None),  # no note saved: no line
    ],
)
def test_each_detail_reads_as_saved(code: str, question: Question, shown: str | None) -> None:
    state = FlowState(
        flow="correction",
        answers={"correction": code},
        history=["correction"],
        base=BASE.model_dump(mode="json"),
    )
    tr = get_translator("en")
    line = saved_detail_line(tr, question, state)
    assert line == (None if shown is None else f"Saved now: {shown}")
    # Not on the choice of the detail itself, nor in another flow.
    assert saved_detail_line(tr, q.CORRECTION, state) is None
    # Nor on a question the change leads to: the new price's "what did you ask for?".
    assert saved_detail_line(tr, q.PREFER_RETURN, state) is None
    assert saved_detail_line(tr, question, state.model_copy(update={"flow": "new"})) is None


async def test_a_question_the_change_leads_to_shows_no_saved_value(bot: BotHarness) -> None:
    """Second walk of 2026-12-03: a new price led to "What amount did you ask for in the
    dispute?" under "Saved now: $160.00", the old price, not the ask."""
    user = await known_user(bot, 562, "en")
    opened = today(bot) - dt.timedelta(days=3)
    dispute = {
        "stage": "open",
        "opened_on": opened.isoformat(),
        "since": opened.isoformat(),
        "requested_solution": "refund_only",
        "requested_amount": 48,
    }
    view = await save(bot, user, price=160, currency="USD", dispute=dispute)
    await _correct(bot, 562, view.order.id, "price", "en")
    assert "Saved now: $160.00" in plain(bot.last().text)
    await bot.send_text(562, "170", "en")
    assert "Saved now" not in plain(bot.last().text)
