"""A currency without a button, typed at "In which currency?" (walk AM: "INR" was refused with
"choose one of the buttons", and nothing said a code could be typed)."""

from __future__ import annotations

import pytest

from advisor.questionnaire import answer_typed_currency, build_situation, current_question, skip
from locales import get_translator
from tests.conversation.support import (
    conversation_of,
    engine_state,
    plain,
    put_state,
    question_id,
    today,
)
from tests.support.harness import BotHarness

TO_PRICE = ["c:no", "c:no_tracking", "c:none", "s", "c:no", "s", "c:no_reply", "m"]


def test_the_amounts_typed_without_a_currency_take_the_typed_one() -> None:
    at_currency = engine_state([*TO_PRICE, "40"])
    assert current_question(at_currency, today()).id == "currency"
    priced = answer_typed_currency(at_currency, "INR", today())
    assert priced.history[-1] == "currency"  # an answer like a button's: Back undoes it
    assert priced.answers["currency"] == "inr"
    assert current_question(priced, today()).id == "item"
    state = priced
    for _ in range(4):  # item, order number, tracking number, details
        state = skip(state, today())
    situation = build_situation(state, today())
    assert (situation.price, situation.currency) == (40, "INR")


def test_a_typed_currency_can_be_kept_after_back() -> None:
    """Review AQ: Back past a typed "INR" offered no "Keep this answer", and Keep all stopped."""
    from advisor.questionnaire import back, earlier_answer, keep_all_earlier

    priced = answer_typed_currency(engine_state([*TO_PRICE, "40"]), "INR", today())
    item = skip(priced, today())
    at_price = back(back(back(item)))
    assert current_question(at_price, today()).id == "price"
    everything, count = keep_all_earlier(at_price, today())
    assert count == 3 and everything.answers == item.answers
    at_currency = back(back(item))
    assert earlier_answer(at_currency, today()) == ("inr",)


@pytest.mark.parametrize("typed", ["INRR", "12", "$", "XXX", "xau"])
def test_only_a_currency_without_a_button_is_taken(typed: str) -> None:
    at_currency = engine_state([*TO_PRICE, "40"])
    with pytest.raises(ValueError):
        answer_typed_currency(at_currency, typed, today())


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("typed", ["INR", "cad", "AUD"])
async def test_a_typed_currency_answers_the_question(
    bot: BotHarness, lang: str, typed: str
) -> None:
    await put_state(bot, 801, lang, [*TO_PRICE, "40"])
    await bot.send_text(801, typed, lang)
    screen = bot.last()
    assert question_id(screen) == "item"
    stored = await conversation_of(bot, 801)
    assert stored is not None and stored.state["answers"]["currency"] == typed.lower()
    assert stored.state["history"][-1] == "currency"
    assert plain(screen.text).startswith("💰")


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_something_else_says_a_code_can_be_typed(bot: BotHarness, lang: str) -> None:
    await put_state(bot, 802, lang, [*TO_PRICE, "40"])
    await bot.send_text(802, "rupees from india please", lang)
    tr = get_translator(lang)
    expected = tr.gettext(
        "Please choose one of the buttons below, or type your currency's code, for example: INR."
    )
    assert expected in plain(bot.last().text)
    assert question_id(bot.last()) == "currency"


async def test_back_to_the_price_reads_it_back_with_the_currency_chosen_after(
    bot: BotHarness,
) -> None:
    """Review AV: "you answered: 40.00" without the currency Back took with it."""
    await put_state(bot, 803, "en", [*TO_PRICE, "40", "c:eur"])
    await bot.press(803, "q:item:back", "en")
    await bot.press(803, "q:currency:back", "en")
    screen = bot.last()
    assert question_id(screen) == "price"
    tr = get_translator("en")
    assert tr.format_money(40, "EUR") in plain(screen.text)


@pytest.mark.parametrize(
    ("lang", "price", "typed", "currency"),
    [
        ("ru", "1500", "1 500 руб", "rub"),
        ("en", "7.99", "USD 7.99", "usd"),
        ("en", "40", "40 INR", "inr"),
    ],
)
async def test_the_price_typed_again_with_its_currency_answers_the_question(
    bot: BotHarness, lang: str, price: str, typed: str, currency: str
) -> None:
    """Walk of 2026-12-03: "1 500 руб" at "In which currency?" got "choose one of the buttons",
    and "рубли" typed next became the item's name."""
    await put_state(bot, 804, lang, [*TO_PRICE, price])
    await bot.send_text(804, typed, lang)
    assert question_id(bot.last()) == "item"
    stored = await conversation_of(bot, 804)
    assert stored is not None and stored.state["answers"]["currency"] == currency


@pytest.mark.parametrize(("lang", "typed"), [("en", "$45"), ("ru", "45 рублей"), ("en", "45")])
async def test_another_amount_with_a_currency_is_not_taken_as_the_currency(
    bot: BotHarness, lang: str, typed: str
) -> None:
    await put_state(bot, 805, lang, [*TO_PRICE, "40"])
    await bot.send_text(805, typed, lang)
    assert question_id(bot.last()) == "currency"
    stored = await conversation_of(bot, 805)
    assert stored is not None and "currency" not in stored.state["answers"]
    # Said as another amount, with the way to change it (walk of 2026-12-03: told to type a
    # currency code instead).
    tr = get_translator(lang)
    said = tr.gettext(
        "That is another amount than the one you typed before (%(amounts)s). To change the"
        " amount, press “⬅️ Back”; to keep it, choose its currency below."
    ) % {"amounts": tr.format_amount(40)}
    assert said in plain(bot.last().text)


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "For the amount you typed: 1,500.50"),
        ("ru", "Для суммы, которую вы ввели: 1\xa0500,50"),
    ],
)
async def test_the_currency_question_names_the_amount_it_is_about(
    bot: BotHarness, lang: str, line: str
) -> None:
    """Walk of 2026-12-03: asked after other questions, "In which currency?" had lost what it
    was about."""
    await put_state(bot, 460, lang, TO_PRICE)
    await bot.send_text(460, "1500.50", lang)
    screen = bot.last()
    assert question_id(screen) == "currency"
    assert line in plain(screen.text)


@pytest.mark.parametrize(
    ("lang", "answer", "shown"),
    [
        ("en", ("press", "q:currency:c:usd"), "$15,000.00"),
        ("ru", ("press", "q:currency:c:usd"), "15\xa0000,00\xa0$"),
        ("en", ("send", "CAD"), "CA$15,000.00"),
    ],
)
async def test_a_price_large_only_in_the_currency_chosen_after_it_is_said_to_be(
    bot: BotHarness, lang: str, answer: tuple[str, str], shown: str
) -> None:
    """Notes of 2026-12-03: "15000" typed alone was checked against an unknown currency's
    ceiling, and the dollars chosen next made it a $15,000 order unchecked."""
    await put_state(bot, 806, lang, [*TO_PRICE, "15000"])
    how, what = answer
    if how == "press":
        await bot.press(806, what, lang)
    else:
        await bot.send_text(806, what, lang)
    screen = bot.last()
    assert question_id(screen) == "item"  # taken: the buyer may well have paid that
    tr = get_translator(lang)
    warning = tr.gettext(
        "That is a large amount for an AliExpress order: %(amount)s. Please check it for an"
        " extra digit or a misplaced comma."
    ) % {"amount": shown}
    assert warning in plain(screen.text)
    assert tr.gettext("To fix the price, press “⬅️ Back” until it is asked again.") in plain(
        screen.text
    )


@pytest.mark.parametrize(("price", "currency"), [("15000", "rub"), ("900", "usd")])
async def test_a_price_usual_in_the_currency_chosen_after_it_gets_no_word(
    bot: BotHarness, price: str, currency: str
) -> None:
    await put_state(bot, 807, "en", [*TO_PRICE, price])
    await bot.press(807, f"q:currency:c:{currency}", "en")
    assert question_id(bot.last()) == "item"
    assert "large amount" not in plain(bot.last().text)


def test_a_price_already_confirmed_as_large_is_not_said_large_again() -> None:
    from advisor.questionnaire.large_price import large_in_chosen_currency

    history = ["price", "currency"]
    said = large_in_chosen_currency({"price": ["15000", None], "currency": "usd"}, history)
    assert said is not None and said.params == {"amount": "15000.00 USD"}
    # Held at the price already (a million in a currency not known yet), and confirmed there.
    assert (
        large_in_chosen_currency({"price": ["2000000", None], "currency": "usd"}, history) is None
    )
    # Typed with its currency: checked when typed.
    assert large_in_chosen_currency({"price": ["15000", "USD"], "currency": "usd"}, history) is None
    assert large_in_chosen_currency({"price": ["15000", None]}, ["price"]) is None
