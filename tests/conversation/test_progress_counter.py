"""The "3/11" counter of the questionnaire: its total never drops back while the user answers."""

from __future__ import annotations

import re

from tests.conversation.support import walk
from tests.orders.support import known_user, save
from tests.support.harness import BotHarness

COUNTER = re.compile(r"<b>(\d+)/(\d+)</b>")


async def test_the_total_shown_never_drops_back_and_the_number_counts_up(bot: BotHarness) -> None:
    # "Not received" first suggests a short path (parcel in transit); "no tracking" is longer.
    steps = ["/new", "q:received:c:no", "q:delivery_status:c:no_tracking", "q:dispute_stage:c:none"]
    counters = []
    for step in steps:
        bot.request.clear()
        await walk(bot, 610, "ru", [step])
        found = COUNTER.search(bot.last().text)
        assert found, bot.last().text
        counters.append((int(found.group(1)), int(found.group(2))))
    numbers = [number for number, _ in counters]
    totals = [total for _, total in counters]
    assert numbers == [1, 2, 3, 4]
    assert totals == sorted(totals), counters
    assert all(number <= total for number, total in counters)


async def test_a_follow_up_shows_no_counter(bot: BotHarness) -> None:
    # One to three questions: "1/2", then "2/3" would only show the estimate moving.
    user = await known_user(bot, 240, "en")
    order_id = (await save(bot, user)).order.id
    await bot.press(240, f"o:{order_id}:opn", "en")
    first_lines = bot.last().text.split("\n")[:2]
    # The order it changes is named instead (walk BV: asked under two reminders, the question
    # named neither order).
    assert first_lines == ["📦 Wireless earbuds", "<b>When did you open the dispute?</b>"]


async def test_a_follow_up_names_a_long_order_as_shortly_as_the_card(bot: BotHarness) -> None:
    """Review BZ: the heading took the whole label, up to 500 characters."""
    user = await known_user(bot, 241, "en")
    order_id = (await save(bot, user, item="Earbuds " + "x" * 300)).order.id
    await bot.press(241, f"o:{order_id}:opn", "en")
    heading = bot.last().text.split("\n")[0]
    assert heading.startswith("📦 Earbuds x") and heading.endswith("…")
    assert len(heading) <= len("📦 ") + 120
