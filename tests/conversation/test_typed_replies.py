"""Replies typed where buttons are offered, as people write them (walk CM: refused)."""

from __future__ import annotations

import pytest

from advisor.questionnaire import questions as q
from handlers.conversation.typed import typed_option
from locales import get_translator
from tests.conversation.support import conversation_of, walk
from tests.support.harness import BotHarness


@pytest.mark.parametrize(
    ("lang", "typed", "code"),
    [
        ("ru", "пришла", "yes"),
        ("ru", "да пришла", "yes"),
        ("ru", "посылка у меня", "yes"),
        ("ru", "не пришла", "no"),
        ("ru", "нет конечно", "no"),
        ("ru", "да нет", "no"),
        ("ru", "не", "no"),
        ("ru", "ага", "yes"),
        ("en", "yes i did", "yes"),
        ("en", "nope", "no"),
        ("en", "it arrived", "yes"),
        ("en", "it didn't arrive", "no"),
    ],
)
def test_the_received_question_takes_what_people_type(
    lang: str, typed: str, code: str | None
) -> None:
    assert typed_option(q.RECEIVED, typed, get_translator(lang)) == code


@pytest.mark.parametrize("typed", ["да но не отвечает", "yes but no reply", "да"])
def test_a_yes_that_says_more_is_left_to_the_buttons(typed: str) -> None:
    """ "Да, но он не отвечает" is one of several yes options: not taken as any of them."""
    lang = "en" if typed.startswith("yes") else "ru"
    assert typed_option(q.SELLER_CONTACT, typed, get_translator(lang)) is None


async def test_a_typed_no_with_more_words_answers_the_first_question(bot: BotHarness) -> None:
    await walk(bot, 740, "ru", ["/new", "нет, конечно не пришла"])
    stored = await conversation_of(bot, 740)
    assert stored is not None and stored.state["answers"].get("received") == "no"
