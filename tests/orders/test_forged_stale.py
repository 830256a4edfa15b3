"""Another user's order ids, forged `o:` data, stale buttons: refused, logged, nothing changed."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from advisor.models import Stage
from handlers.order_store import update_order
from storage import users
from tests.orders.support import known_user, order_row, received_situation, save, today
from tests.support.harness import BotHarness, make_settings

ACTIONS = [
    "",
    ":opn",
    ":ext",
    ":ofr",
    ":won",
    ":lst",
    ":tdi",
    ":arc",
    ":arcy",
    ":rst",
    ":del",
    ":dly",
]


def _refused(bot: BotHarness) -> None:
    assert bot.answered_callbacks(), "the query is answered"
    last = bot.last()
    assert "out of date" in last.text.lower() or "устарело" in last.text.lower()
    assert "m:new" in last.button_data()


@pytest.mark.parametrize("suffix", ACTIONS)
@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_another_users_order_is_refused_and_logged(
    bot: BotHarness, caplog: pytest.LogCaptureFixture, suffix: str, lang: str
) -> None:
    owner = await known_user(bot, 400, lang)
    order_id = (await save(bot, owner, item="Secret gadget")).order.id
    before = await order_row(bot, order_id)
    await known_user(bot, 401, lang)
    bot.request.clear()

    with caplog.at_level(logging.WARNING):
        await bot.press(401, f"o:{order_id}{suffix}", lang=lang)

    _refused(bot)
    assert await order_row(bot, order_id) == before
    assert not any("Secret gadget" in call.text for call in bot.request.sent())
    assert not any("8123456789012345" in call.text for call in bot.request.sent())
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert any("401" in w and str(order_id) in w for w in warnings), warnings


@pytest.mark.parametrize(
    "data",
    [
        "o:",
        "o",
        "o:abc",
        "o:-1",
        "o:1.5",
        "o:p",
        "o:p:x",
        "o:p:1:2",
        "o:a:-3",
        "o:{id}:zzz",
        "o:{id}:dly:1",
        "o:{id}:",
        "o:{id}::",
        "o:424242",
        "o:424242:arc",
        "o:424242:arcy",
        "o:{id}:arcy:1",
        "o:" + "9" * 30,
        "o:{id}:" + "a" * 60,
        "o:{id}:<script>",
    ],
)
async def test_forged_order_data_is_refused(bot: BotHarness, data: str) -> None:
    owner = await known_user(bot, 402, "en")
    order_id = (await save(bot, owner)).order.id
    before = await order_row(bot, order_id)
    await bot.press(402, data.replace("{id}", str(order_id)), lang="en")
    _refused(bot)
    assert await order_row(bot, order_id) == before


async def test_stale_buttons_after_a_restart(db_path: Path) -> None:
    first = await BotHarness(make_settings(db_path)).start()
    try:
        owner = await known_user(first, 403, "en")
        gone = (await save(first, owner, item="Gone")).order.id
        moved = (await save(first, owner, item="Moved on")).order.id
        await first.press(403, f"o:{gone}:dly", lang="en")
        assert await order_row(first, gone) is None
        # The dispute was opened meanwhile (e.g. through another card).
        opened = received_situation(first, dispute={"stage": "open", "since": today(first)})
        view = await update_order(first.runtime, owner, moved, opened, today(first))
        assert view is not None and view.situation.dispute.stage == Stage.open
    finally:
        await first.stop()

    second = await BotHarness(make_settings(db_path)).start()
    try:
        for data in (f"o:{gone}", f"o:{gone}:arc", f"o:{gone}:dly"):
            second.request.clear()
            await second.press(403, data, lang="en")
            _refused(second)
        # An old "I opened the dispute" button: the dispute is open now, so the card is shown
        # as it is today instead of starting that follow-up again.
        second.request.clear()
        await second.press(403, f"o:{moved}:opn", lang="en")
        answered = second.answered_callbacks()
        assert answered and "out of date" in str(answered[-1].params.get("text"))
        card = second.last()
        assert f"o:{moved}:ofr" in card.button_data()
        assert f"o:{moved}:opn" not in card.button_data()
        user = await users.get(second.runtime.db, 403)
        assert user is not None
    finally:
        await second.stop()
