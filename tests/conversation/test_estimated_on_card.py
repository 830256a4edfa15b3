"""A date given as an estimate stays marked on the order's card (notes of 2026-12-03: "maybe in a
month" was said to be an estimate once, then shown like a date read off the order page)."""

from __future__ import annotations

import datetime as dt

import pytest

from advisor.models import Situation
from advisor.parsing import parse_protection_end
from advisor.questionnaire.estimated_dates import estimated_fields
from handlers.order_store import OrderView
from locales import fill, get_translator
from tests.conversation.support import engine_state, plain, today, walk
from tests.orders.support import known_user, save
from tests.support.harness import BotHarness

# Received damaged, no dispute, receipt not confirmed: the protection end is asked next.
DAMAGED_TO_END = ["/new", "q:received:c:yes", "q:problem:c:damaged", "q:dispute_stage:c:none"]
DAMAGED_TO_END += ["q:receipt_confirmed:c:no"]
AFTER_END = ["q:usable:c:yes", "q:prefer_return:c:no", "q:evidence:t:photos", "q:evidence:done"]
AFTER_END += ["40 $", "phone case", "q:order_number:skip", "q:details:skip"]


def _estimate_line(lang: str, ends: dt.date) -> str:
    tr = get_translator(lang)
    named = fill(tr.gettext("Buyer Protection ends %(date)s"), {"date": tr.format_date(ends)})
    one = tr.ngettext(
        "This date is your estimate, not from the order page: %(dates)s. The deadlines and"
        " reminders count from it: check it on the order page and correct it here if it differs.",
        "These dates are your estimate, not from the order page: %(dates)s. The deadlines and"
        " reminders count from them: check them on the order page and correct them here if they"
        " differ.",
        1,
    )
    return fill(one, {"dates": named})


async def _saved_with_estimated_end(bot: BotHarness, user_id: int) -> tuple[OrderView, dt.date]:
    """A saved order whose protection end, 30 days ahead, the buyer gave as an estimate."""
    user = await known_user(bot, user_id, "en")
    ends = today() + dt.timedelta(days=30)
    view = await save(bot, user, protection_ends_on=ends, estimated_dates=["protection_ends_on"])
    return view, ends


async def _correct_protection_end(bot: BotHarness, user_id: int, order_id: int, typed: str) -> None:
    """ "Correct a detail" → the protection end → `typed`, to the order's card again (the
    correction's own last questions, if any, skipped)."""
    await bot.press(user_id, f"o:{order_id}:fix", "en")
    data = next(d for d in bot.last().button_data() if d.endswith(":c:protection_end"))
    await bot.press(user_id, data, "en")
    await bot.send_text(user_id, typed, "en")
    while not any(d.endswith(":fix") for d in bot.last().button_data()):
        skip = next(d for d in bot.last().button_data() if d.endswith(":skip"))
        await bot.press(user_id, skip, "en")


@pytest.mark.parametrize(
    ("lang", "typed"), [("en", "idk, maybe in a month"), ("ru", "не знаю, может через месяц")]
)
async def test_an_estimated_protection_end_is_marked_on_the_card(
    bot: BotHarness, lang: str, typed: str
) -> None:
    await walk(bot, 740, lang, [*DAMAGED_TO_END, typed, *AFTER_END])
    ends = parse_protection_end("in a month", today()).value
    assert isinstance(ends, dt.date)
    assert _estimate_line(lang, ends) in plain(bot.last().text)


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_an_exact_protection_end_is_not_marked(bot: BotHarness, lang: str) -> None:
    typed = "in 20 days" if lang == "en" else "через 20 дней"
    await walk(bot, 741, lang, [*DAMAGED_TO_END, typed, *AFTER_END])
    line = _estimate_line(lang, today() + dt.timedelta(days=20))
    assert line.split(":")[0] not in plain(bot.last().text)


def test_the_estimated_fields_are_named_in_the_situation() -> None:
    day = dt.date(2026, 12, 3)
    answers = ["c:no", "c:in_transit", "c:none", "about 5 weeks ago", "c:no", "maybe in a month"]
    assert estimated_fields(engine_state(answers, day), day) == ["protection_ends_on", "shipped_on"]
    exact = ["c:no", "c:in_transit", "c:none", "35 days ago", "c:no", "in 31 days"]
    assert estimated_fields(engine_state(exact, day), day) == []


async def test_correcting_an_estimated_end_with_an_exact_one_drops_the_mark(
    bot: BotHarness,
) -> None:
    view, ends = await _saved_with_estimated_end(bot, 742)
    await bot.press(742, f"o:{view.order.id}", "en")
    card = plain(bot.last().text)
    assert _estimate_line("en", ends) in card
    await _correct_protection_end(bot, 742, view.order.id, "in 12 days")
    card = plain(bot.last().text)
    assert "your estimate" not in card
    stored = await bot.runtime.db.conn.execute_fetchall(
        "SELECT situation FROM orders WHERE id = ?", (view.order.id,)
    )
    assert Situation.model_validate_json(stored[0][0]).estimated_dates == []


async def test_a_later_follow_up_keeps_the_mark_of_a_date_it_did_not_change(
    bot: BotHarness,
) -> None:
    view, ends = await _saved_with_estimated_end(bot, 743)
    await bot.press(743, f"o:{view.order.id}:fix", "en")
    data = next(d for d in bot.last().button_data() if d.endswith(":c:item"))
    await bot.press(743, data, "en")
    await bot.send_text(743, "Kettle", "en")
    assert _estimate_line("en", ends) in plain(bot.last().text)


@pytest.mark.parametrize(
    "typed", ["about 20 days", "~20 days", "около 20 дней", "примерно через 20 дней"]
)
def test_a_hedged_timer_is_an_estimate(typed: str) -> None:
    """Third walk of 2026-12-03: read as the order page's timer, unmarked."""
    from advisor.parsing.dates import DATE_ESTIMATE

    read = parse_protection_end(typed, dt.date(2026, 12, 3))
    assert (read.value, read.warning) == (dt.date(2026, 12, 23), DATE_ESTIMATE)


async def test_the_same_date_typed_exactly_drops_the_mark(bot: BotHarness) -> None:
    """Third walk of 2026-12-03: "3 января" typed after "может через месяц" kept the mark."""
    view, ends = await _saved_with_estimated_end(bot, 744)
    await _correct_protection_end(bot, 744, view.order.id, ends.isoformat())
    assert "your estimate" not in plain(bot.last().text)
