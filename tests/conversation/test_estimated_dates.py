"""A date typed as an estimate in chat words is taken and said to be one; "незнаю" skips."""

from __future__ import annotations

import datetime as dt

import pytest

from advisor.parsing.dates import DATE_ESTIMATE
from locales import fill, get_translator
from tests.conversation.support import conversation_of, plain, put_state, today, walk
from tests.conversation.test_answers import NO_TRANSIT
from tests.support.harness import BotHarness


@pytest.mark.parametrize(
    ("lang", "typed"), [("en", "idk like 5 weeks ago"), ("ru", "ну где то 35 днеи назат")]
)
async def test_an_estimated_shipping_date_is_noted_with_a_word_to_check_it(
    bot: BotHarness, lang: str, typed: str
) -> None:
    """Walk CL: "about 5 weeks ago" became "shipped on October 27" in the dispute text unsaid;
    "like 5 weeks ago" was refused."""
    await put_state(bot, 720, lang, NO_TRANSIT)
    await walk(bot, 720, lang, [typed])
    shipped = today() - dt.timedelta(days=35)
    stored = await conversation_of(bot, 720)
    assert stored is not None and stored.state["answers"]["shipped_on"] == shipped.isoformat()
    tr = get_translator(lang)
    said = fill(tr.gettext(DATE_ESTIMATE), {"date": tr.format_date(shipped)})
    assert said in plain(bot.last().text)


@pytest.mark.parametrize("typed", ["незнаю", "хз"])
async def test_a_run_together_dont_know_skips_the_protection_end(
    bot: BotHarness, typed: str
) -> None:
    """Walk CK: "незнаю" at "When does Buyer Protection end?" was refused as no date."""
    await put_state(bot, 721, "ru", [*NO_TRANSIT, "s", "c:no"])
    await walk(bot, 721, "ru", [typed])
    stored = await conversation_of(bot, 721)
    assert stored is not None and "protection_end" in stored.state["history"]
    assert stored.state["answers"]["protection_end"] is None
