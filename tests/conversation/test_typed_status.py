"""The tracking status typed the way people say it (walk of 2026-12-03: "в пути", "таможня",
"не меняется", "нет информации" were all "please choose one of the options")."""

from __future__ import annotations

import pytest

from advisor.questionnaire.questions import DELIVERY_STATUS
from handlers.conversation.typed import typed_option
from locales import get_translator
from tests.conversation.support import conversation_of, plain, put_state
from tests.support.harness import BotHarness


@pytest.mark.parametrize(
    ("typed", "status"),
    [
        ("в пути", "in_transit"),
        ("стоит на месте уже недели три", "not_updating"),
        ("давно не меняется", "not_updating"),
        ("нет информации", "no_tracking"),
        ("на таможне", "at_customs"),
        ("едет обратно", "returned_to_seller"),
        ("пишут вручено", "delivered_not_received"),
        ("it's stuck", "not_updating"),
        ("says delivered", "delivered_not_received"),
        ("another city", "tracking_other_address"),
    ],
)
def test_a_status_said_in_a_few_words_is_its_option(typed: str, status: str) -> None:
    assert typed_option(DELIVERY_STATUS, typed, get_translator("ru")) == status


@pytest.mark.parametrize("typed", ["не доставлено", "в пути, но на таможне", "хз"])
def test_a_status_that_is_not_one_is_left_to_the_buttons(typed: str) -> None:
    """ "Not delivered" is not "says delivered"; two statuses are no pick."""
    assert typed_option(DELIVERY_STATUS, typed, get_translator("ru")) is None


@pytest.mark.parametrize(("lang", "typed"), [("ru", "таможня"), ("en", "held at customs")])
async def test_a_typed_status_is_taken_and_read_back(
    bot: BotHarness, lang: str, typed: str
) -> None:
    await put_state(bot, 770, lang, ["c:no"])
    await bot.send_text(770, typed, lang)
    stored = await conversation_of(bot, 770)
    assert stored is not None and stored.state["answers"]["delivery_status"] == "at_customs"
    label = get_translator(lang).gettext("It is held at customs")
    assert label in plain(bot.last().text)  # "Noted: It is held at customs. If that is not it…"


@pytest.mark.parametrize(
    ("typed", "status"),
    [
        ("being returned", "returned_to_seller"),
        ("no updates", "not_updating"),
        ("застряла на таможне", "at_customs"),
        ("возврат отправителю", "returned_to_seller"),
        ("висит", "not_updating"),
        ("отслеживание не работает", "no_tracking"),
    ],
)
def test_more_ways_of_saying_a_status(typed: str, status: str) -> None:
    """Third walk of 2026-12-03: these were left to the buttons."""
    assert typed_option(DELIVERY_STATUS, typed, get_translator("en")) == status
