"""A typed answer with a warning (a tracking number that fails its check digit) waits on its
question for "It is correct" or a corrected answer, kept in SQLite across restarts."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.parsing.tracking import TRACKING_CHECK_DIGIT
from locales import fill, get_translator
from tests.conversation.support import conversation_of, plain, put_state, question_id, walk
from tests.support.harness import BotHarness, make_settings

# No tracking and the seller silent: a dispute to open, whose text asks the tracking number.
TO_TRACKING = ["c:no", "c:no_tracking", "c:none", "s", "c:no", "s", "c:no_reply", "m"]
TO_TRACKING += ["s", "s", "s"]
TYPO = "RB123456784GB"  # the check digit of RB12345678?GB is 5
CORRECT = "RB123456785GB"


async def _typo_held(bot: BotHarness, user_id: int, lang: str) -> None:
    await put_state(bot, user_id, lang, TO_TRACKING)
    await walk(bot, user_id, lang, [TYPO])


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_a_check_digit_warning_keeps_the_question_with_two_buttons(
    bot: BotHarness, lang: str
) -> None:
    await _typo_held(bot, 700, lang)
    call = bot.last()
    assert question_id(call) == "tracking_number"
    tr = get_translator(lang)
    assert tr.gettext(TRACKING_CHECK_DIGIT) in plain(call.text) and TYPO in call.text
    labels = {b["callback_data"]: b["text"] for b in call.buttons}
    assert labels["q:tracking_number:ok"] == tr.gettext("✅ It is correct")
    assert labels["q:tracking_number:fix"] == tr.gettext("✏️ I will fix it")
    stored = await conversation_of(bot, 700)
    assert stored is not None and "tracking_number" not in stored.state["history"]
    assert stored.state["answers"]["tracking_number"] == TYPO


async def test_typing_the_corrected_number_answers_the_same_question(bot: BotHarness) -> None:
    await _typo_held(bot, 701, "en")
    await walk(bot, 701, "en", [CORRECT])
    assert question_id(bot.last()) == "details"
    stored = await conversation_of(bot, 701)
    assert stored is not None and stored.state["answers"]["tracking_number"] == CORRECT


async def test_i_will_fix_it_asks_again_then_takes_the_new_number(bot: BotHarness) -> None:
    await _typo_held(bot, 702, "en")
    await walk(bot, 702, "en", ["q:tracking_number:fix"])
    call = bot.last()
    assert call.method == "editMessageText" and question_id(call) == "tracking_number"
    assert "q:tracking_number:ok" not in call.button_data() and TYPO not in call.text
    stored = await conversation_of(bot, 702)
    assert stored is not None and "tracking_number" not in stored.state["answers"]
    await walk(bot, 702, "en", [CORRECT])
    assert question_id(bot.last()) == "details"


async def test_it_is_correct_accepts_the_number_after_a_restart(db_path: Path) -> None:
    first = await BotHarness(make_settings(db_path)).start()
    try:
        await _typo_held(first, 703, "ru")
    finally:
        await first.stop()
    second = await BotHarness(make_settings(db_path)).start()
    try:
        await walk(second, 703, "ru", ["q:tracking_number:ok"])
        assert question_id(second.last()) == "details"
        stored = await conversation_of(second, 703)
        assert stored is not None and stored.state["answers"]["tracking_number"] == TYPO
        assert len(second.answered_callbacks()) == 1
    finally:
        await second.stop()


async def test_it_is_correct_without_a_held_number_is_out_of_date(bot: BotHarness) -> None:
    await put_state(bot, 704, "en", TO_TRACKING)
    before = await conversation_of(bot, 704)
    bot.request.clear()
    await walk(bot, 704, "en", ["q:tracking_number:ok"])
    assert len(bot.answered_callbacks()) == 1 and "out of date" in bot.last().text
    assert await conversation_of(bot, 704) == before


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_a_slash_date_that_reads_both_ways_is_confirmed_first(
    bot: BotHarness, lang: str
) -> None:
    import datetime as dt

    from advisor.parsing.dates import DATE_READ_DAY_FIRST
    from tests.conversation.support import today

    # Shipped on: 05/04 of this year reads as 5 April (day first) or May 4 (month first).
    year = today().year - 1
    typed = f"05/04/{year}"
    await put_state(bot, 705, lang, ["c:no", "c:in_transit", "c:none"])
    await walk(bot, 705, lang, [typed])
    call = bot.last()
    assert question_id(call) == "shipped_on"
    tr = get_translator(lang)
    april, may = dt.date(year, 4, 5), dt.date(year, 5, 4)
    expected = fill(
        tr.gettext(DATE_READ_DAY_FIRST),
        {"read": tr.format_date(april), "other": tr.format_date(may)},
    )
    assert expected in plain(call.text)
    assert "q:shipped_on:ok" in call.button_data()
    await walk(bot, 705, lang, ["q:shipped_on:ok"])
    stored = await conversation_of(bot, 705)
    assert stored is not None and stored.state["answers"]["shipped_on"] == april.isoformat()
    # The month's name leaves no doubt: taken at once.
    await put_state(bot, 706, lang, ["c:no", "c:in_transit", "c:none"])
    await walk(bot, 706, lang, ["4 May" if lang == "en" else "4 мая"])
    stored = await conversation_of(bot, 706)
    assert stored is not None and stored.state["answers"].get("shipped_on") is not None


@pytest.mark.parametrize(("lang", "typed"), [("ru", "да"), ("en", "Yes")])
async def test_a_typed_yes_takes_the_held_answer(bot: BotHarness, lang: str, typed: str) -> None:
    """Walk N: "yes" typed to confirm got "I could not read this tracking number"."""
    await _typo_held(bot, 704, lang)
    await walk(bot, 704, lang, [typed])
    stored = await conversation_of(bot, 704)
    assert stored is not None and "tracking_number" in stored.state["history"]
    assert stored.state["answers"]["tracking_number"] == TYPO


async def test_a_typed_no_drops_the_held_answer_and_asks_again(bot: BotHarness) -> None:
    """Walk S: "no" to "is it correct?" got "I could not read this tracking number"."""
    await _typo_held(bot, 705, "en")
    await walk(bot, 705, "en", ["no"])
    stored = await conversation_of(bot, 705)
    assert stored is not None and "tracking_number" not in stored.state["answers"]
    assert question_id(bot.last()) == "tracking_number"
    assert "could not read" not in plain(bot.last().text)


@pytest.mark.parametrize(
    ("lang", "typed"), [("ru", "Всё верно"), ("en", "It is correct"), ("ru", "ок")]
)
async def test_the_confirm_buttons_words_typed_take_the_held_answer(
    bot: BotHarness, lang: str, typed: str
) -> None:
    """Walk T2: "Всё верно" (with ё) and "It is correct" were read as a new answer."""
    await _typo_held(bot, 706, lang)
    await walk(bot, 706, lang, [typed])
    stored = await conversation_of(bot, 706)
    assert stored is not None and "tracking_number" in stored.state["history"]


@pytest.mark.parametrize(("lang", "part"), [("ru", "в начале"), ("en", "early")])
async def test_a_part_of_a_month_is_taken_with_a_word_that_it_is_rough(
    bot: BotHarness, lang: str, part: str
) -> None:
    """Walk CJ: "в начале ноября" was refused as no date."""
    import datetime as dt

    from babel.dates import format_date

    from advisor.parsing.dates import DATE_ROUGH
    from tests.conversation.support import today

    first = (today().replace(day=1) - dt.timedelta(days=1)).replace(day=1)  # last month's 1st
    month = format_date(first, "MMMM", locale=lang)
    await put_state(bot, 707, lang, ["c:no", "c:in_transit", "c:none"])
    await walk(bot, 707, lang, [f"{part} {month}"])
    tr = get_translator(lang)
    assert tr.gettext(DATE_ROUGH) in plain(bot.last().text)
    # The day it was read as, above how it was read (walk of 2026-12-03: not said).
    assert tr.format_date(first) in plain(bot.last().text)
    stored = await conversation_of(bot, 707)
    assert stored is not None and stored.state["answers"]["shipped_on"] == first.isoformat()


@pytest.mark.parametrize(("lang", "typed"), [("ru", "в прошлом месяце"), ("en", "last month")])
async def test_last_month_is_taken_as_its_first_day(bot: BotHarness, lang: str, typed: str) -> None:
    """A month named by when it is ("в прошлом месяце") was refused as no date."""
    import datetime as dt

    from advisor.parsing.dates import DATE_ROUGH
    from tests.conversation.support import today

    first = (today().replace(day=1) - dt.timedelta(days=1)).replace(day=1)  # last month's 1st
    await put_state(bot, 709, lang, ["c:no", "c:in_transit", "c:none"])
    await walk(bot, 709, lang, [typed])
    assert get_translator(lang).gettext(DATE_ROUGH) in plain(bot.last().text)
    stored = await conversation_of(bot, 709)
    assert stored is not None and stored.state["answers"]["shipped_on"] == first.isoformat()


def _month_first_soon() -> tuple[str, object]:
    """A protection end a few days ahead typed month first ("12/5" for December 5), whose day
    first reading is another date months away."""
    import datetime as dt

    from tests.conversation.support import today

    day = today() + dt.timedelta(days=2)
    while day.day > 12 or day.day == day.month:
        day += dt.timedelta(days=1)
    return f"{day.month}/{day.day}", day


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_a_date_that_reads_both_ways_offers_each_reading_as_a_button(
    bot: BotHarness, lang: str
) -> None:
    """Walk CL: an American's "12/5" as the protection end was read as May 12 with "It is
    correct" first, and the advice was to wait 162 days."""
    from tests.conversation.test_answers import NO_TRANSIT

    typed, meant = _month_first_soon()
    await put_state(bot, 708, lang, [*NO_TRANSIT, "s", "c:no"])
    await walk(bot, 708, lang, [typed])
    call = bot.last()
    assert question_id(call) == "protection_end"
    tr = get_translator(lang)
    labels = [b["text"] for b in call.buttons]
    data = call.button_data()
    # Both readings named, the one a few days ahead first (not months away); no blind "correct".
    assert labels[0] == "📅 " + tr.format_date(meant)
    assert data[0] == "q:protection_end:alt" and data[1] == "q:protection_end:ok"
    assert tr.gettext("✅ It is correct") not in labels
    assert tr.gettext("Press the date you meant, or type it again with the month's name.") in (
        plain(call.text)
    )
    await walk(bot, 708, lang, ["q:protection_end:alt"])
    stored = await conversation_of(bot, 708)
    assert stored is not None and stored.state["answers"]["protection_end"] == meant.isoformat()
    assert "protection_end" in stored.state["history"]
    noted = fill(tr.gettext("Noted: %(date)s."), {"date": tr.format_date(meant)})
    assert noted in plain(bot.last().text)


async def test_the_day_first_reading_far_ahead_is_taken_with_a_word(bot: BotHarness) -> None:
    from advisor.parsing.protection import PROTECTION_FAR_AHEAD
    from tests.conversation.test_answers import NO_TRANSIT

    typed, _meant = _month_first_soon()
    await put_state(bot, 709, "en", [*NO_TRANSIT, "s", "c:no"])
    await walk(bot, 709, "en", [typed, "q:protection_end:ok"])
    stored = await conversation_of(bot, 709)
    assert stored is not None and "protection_end" in stored.state["history"]
    far = stored.state["answers"]["protection_end"]
    tr = get_translator("en")
    import datetime as dt

    shown = fill(
        tr.gettext(PROTECTION_FAR_AHEAD), {"date": tr.format_date(dt.date.fromisoformat(far))}
    )
    assert shown in plain(bot.last().text)


async def test_a_reading_pressed_with_nothing_held_is_out_of_date(bot: BotHarness) -> None:
    from tests.conversation.test_answers import NO_TRANSIT

    await put_state(bot, 710, "en", [*NO_TRANSIT, "s", "c:no"])
    before = await conversation_of(bot, 710)
    bot.request.clear()
    await walk(bot, 710, "en", ["q:protection_end:alt"])
    assert len(bot.answered_callbacks()) == 1 and "out of date" in bot.last().text
    assert await conversation_of(bot, 710) == before


async def test_a_typed_yes_to_two_readings_asks_them_again(bot: BotHarness) -> None:
    """ "Yes" answers "It is correct?", not "Which of the two dates?": nothing is taken."""
    from tests.conversation.test_answers import NO_TRANSIT

    typed, _meant = _month_first_soon()
    await put_state(bot, 711, "en", [*NO_TRANSIT, "s", "c:no"])
    await walk(bot, 711, "en", [typed, "yes"])
    stored = await conversation_of(bot, 711)
    assert stored is not None and "protection_end" not in stored.state["history"]
    call = bot.last()
    assert question_id(call) == "protection_end"
    assert "q:protection_end:alt" in call.button_data()


# In transit, shipped (skipped), receipt not confirmed: the protection end is asked next.
TO_PROTECTION_END = ["c:no", "c:in_transit", "c:none", "s", "c:no"]


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_a_protection_end_already_passed_is_held_to_confirm(
    bot: BotHarness, lang: str
) -> None:
    """Walk E: "about 2 weeks ago", typed for when protection ends, made the advice "it has
    ended: open the dispute at once" without a word. Now it waits for "It is correct", or for
    the day it really ends."""
    from advisor.parsing.protection import PROTECTION_PASSED

    await put_state(bot, 710, lang, TO_PROTECTION_END)
    typed = "ну где-то 2 недели назад" if lang == "ru" else "about 2 weeks ago"
    await walk(bot, 710, lang, [typed])
    call = bot.last()
    assert question_id(call) == "protection_end"
    tr = get_translator(lang)
    head = tr.gettext(PROTECTION_PASSED).split("%(date)s")[0]
    assert head in plain(call.text)
    assert "q:protection_end:ok" in call.button_data()
    stored = await conversation_of(bot, 710)
    assert stored is not None and "protection_end" not in stored.state["history"]
    # The day it really ends, typed instead, is taken at once.
    await walk(bot, 710, lang, ["in 5 days" if lang == "en" else "через 5 дней"])
    assert question_id(bot.last()) != "protection_end"
    stored = await conversation_of(bot, 710)
    assert stored is not None and "protection_end" in stored.state["history"]


async def test_a_protection_end_confirmed_as_passed_is_taken(bot: BotHarness) -> None:
    await put_state(bot, 711, "en", TO_PROTECTION_END)
    await walk(bot, 711, "en", ["2 weeks ago", "q:protection_end:ok"])
    stored = await conversation_of(bot, 711)
    assert stored is not None and "protection_end" in stored.state["history"]


async def test_protection_said_to_have_ended_is_taken_without_asking(bot: BotHarness) -> None:
    await put_state(bot, 712, "en", TO_PROTECTION_END)
    await walk(bot, 712, "en", ["expired 5 days ago"])
    assert question_id(bot.last()) != "protection_end"


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_a_us_date_whose_day_first_reading_has_passed_is_asked_both_ways(
    bot: BotHarness, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walk of 2026-12-03: "12/11" typed as the protection end on December 3 (December 11, as
    in the US) was held as "Buyer Protection has already ended, on November 12", and "It is
    correct" led to "too late for a dispute". Both readings are offered instead; the one that
    has passed, picked, is taken with the word that protection has ended."""
    import datetime as dt

    from advisor.parsing.protection import PROTECTION_PASSED
    from handlers import clock

    monkeypatch.setattr(clock, "now_utc", lambda: dt.datetime(2026, 12, 3, 8, 15, tzinfo=dt.UTC))
    await put_state(bot, 713, lang, TO_PROTECTION_END)
    await walk(bot, 713, lang, ["12/11"])
    call = bot.last()
    tr = get_translator(lang)
    assert question_id(call) == "protection_end"
    assert tr.gettext(PROTECTION_PASSED).split("%(date)s")[0] not in plain(call.text)
    assert {"q:protection_end:ok", "q:protection_end:alt"} <= set(call.button_data())
    await walk(bot, 713, lang, ["q:protection_end:alt"])
    stored = await conversation_of(bot, 713)
    assert stored is not None and stored.state["answers"]["protection_end"] == "2026-12-11"

    await put_state(bot, 714, lang, TO_PROTECTION_END)
    await walk(bot, 714, lang, ["12/11", "q:protection_end:ok"])
    stored = await conversation_of(bot, 714)
    assert stored is not None and stored.state["answers"]["protection_end"] == "2026-11-12"
    assert tr.gettext(PROTECTION_PASSED).split("%(date)s")[0] in plain(bot.last().text)


# No tracking, the seller silent: the price is asked next.
TO_PRICE = ["c:no", "c:no_tracking", "c:none", "s", "c:no", "s", "c:no_reply", "m"]


@pytest.mark.parametrize(
    ("lang", "typed", "shown"),
    [("en", "$1,000,000,000", "$1,000,000,000.00"), ("ru", "2 000 000 руб", "2 000 000,00 ₽")],
)
async def test_a_price_far_above_any_order_is_held_to_confirm(
    bot: BotHarness, lang: str, typed: str, shown: str
) -> None:
    """Walk of 2026-12-03: "$1,000,000,000" was taken, and the advice asked for $333,333,333.33."""
    from advisor.questionnaire.large_price import PRICE_LARGE

    await put_state(bot, 715, lang, TO_PRICE)
    await walk(bot, 715, lang, [typed])
    call = bot.last()
    assert question_id(call) == "price"
    assert get_translator(lang).gettext(PRICE_LARGE).split("%(")[0] in plain(call.text)
    assert shown in plain(call.text).replace("\u202f", " ").replace("\xa0", " ")
    stored = await conversation_of(bot, 715)
    assert stored is not None and "price" not in stored.state["history"]
    await walk(bot, 715, lang, ["q:price:ok"])
    stored = await conversation_of(bot, 715)
    assert stored is not None and "price" in stored.state["history"]


async def test_an_ordinary_price_is_taken_at_once(bot: BotHarness) -> None:
    await put_state(bot, 716, "en", TO_PRICE)
    await walk(bot, 716, "en", ["$9,999"])
    stored = await conversation_of(bot, 716)
    assert stored is not None and "price" in stored.state["history"]


@pytest.mark.parametrize(("lang", "typed"), [("en", "next friday"), ("ru", "в следующую пятницу")])
async def test_next_weekday_on_a_thursday_offers_both_fridays(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch, lang: str, typed: str
) -> None:
    """Notes of 2026-12-03: "next Friday" said on a Thursday was read as tomorrow, unsaid; the
    buyer who meant the Friday after would get every reminder a week early, one who meant
    tomorrow is asked which."""
    import datetime as dt

    from handlers.conversation import flow
    from tests.conversation.test_answers import NO_TRANSIT

    thursday = dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.UTC)
    monkeypatch.setattr(flow, "now_utc", lambda: thursday)
    await put_state(bot, 712, lang, [*NO_TRANSIT, "s", "c:no"])
    await walk(bot, 712, lang, [typed])
    call = bot.last()
    assert question_id(call) == "protection_end"
    tr = get_translator(lang)
    tomorrow, week_on = dt.date(2026, 12, 4), dt.date(2026, 12, 11)
    said = fill(
        tr.gettext("This reads two ways: %(read)s or %(other)s, a week apart."),
        {"read": tr.format_date(tomorrow), "other": tr.format_date(week_on)},
    )
    assert said in plain(call.text)
    labels = [b["text"] for b in call.buttons]
    assert labels[:2] == ["📅 " + tr.format_date(tomorrow), "📅 " + tr.format_date(week_on)]
    await walk(bot, 712, lang, ["q:protection_end:alt"])
    stored = await conversation_of(bot, 712)
    assert stored is not None and stored.state["answers"]["protection_end"] == "2026-12-11"
    assert "protection_end" in stored.state["history"]


def test_both_fridays_stay_offered_when_the_nearer_one_draws_a_warning() -> None:
    """Second walk of 2026-12-03: shipped last Friday, "next friday" as the protection end was
    taken as tomorrow with "that is before the first day a dispute can be opened", and no
    buttons: the date check's word replaced the question of which Friday."""
    import datetime as dt

    from advisor.parsing.dates import DATE_WEEK_IN_DOUBT
    from advisor.questionnaire import accept_reading, answer_text, current_question, held_readings
    from advisor.questionnaire.new_flow import PROTECTION_BEFORE_FIRST_OPEN
    from tests.conversation.support import engine_state

    thursday = dt.date(2026, 12, 3)
    state = engine_state(["c:no", "c:in_transit", "c:none", "2026-11-27", "c:no"], thursday)
    assert current_question(state, thursday).id == "protection_end"
    _state, parsed = answer_text(state, "next friday", thursday)
    assert parsed.warning == DATE_WEEK_IN_DOUBT
    from advisor.questionnaire import hold_answer

    held = hold_answer(state, "next friday", thursday)
    assert held_readings(held, thursday) == (dt.date(2026, 12, 4), dt.date(2026, 12, 11))
    # The nearer reading pressed is checked then, and noted with its word.
    _answered, nearer = accept_reading(held, thursday, month_first=False)
    assert nearer.warning == PROTECTION_BEFORE_FIRST_OPEN
    answered, later = accept_reading(held, thursday, month_first=True)
    assert later.warning is None and answered.answers["protection_end"] == "2026-12-11"
