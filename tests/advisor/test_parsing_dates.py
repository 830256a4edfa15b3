"""Dates, relative dates and the Buyer Protection timer."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from advisor.parsing import parse_date, parse_protection_end
from advisor.parsing.dates import (
    DATE_ESTIMATE,
    DATE_IMPOSSIBLE,
    DATE_IN_THE_FUTURE,
    DATE_OUT_OF_RANGE,
    DATE_ROUGH,
    DATE_UNREADABLE,
    DATE_UNREADABLE_PAST,
    infer_year,
)
from advisor.parsing.protection import (
    PROTECTION_ENDED_WHEN,
    PROTECTION_EXTENDED_BY,
    PROTECTION_TIME_NOT_KEPT,
    PROTECTION_UNREADABLE,
)
from advisor.parsing.result import TOO_LONG
from locales import get_translator

TODAY = dt.date(2026, 6, 15)
DEC_1 = dt.date(2026, 12, 1)


@pytest.mark.parametrize(
    "text",
    [
        "01.12.2026",
        "1.12.2026",
        "1.12",
        "01.12.26",
        "2026-12-01",
        "2026/12/01",
        "01/12/2026",  # day first
        "1-12-2026",
        "1 декабря",
        "1 декабря 2026",
        "1 декабря 2026 г.",
        "1 декабря 2026г",
        "1 дек. 2026",
        "1 декабрь",
        "1-го декабря",
        "до 1 декабря",
        "Dec 1",
        "dec. 1, 2026",
        "December 1",
        "December 1st, 2026",
        "1 December",
        "1st of December 2026",
        "1 Dec 2026",
        "01.12.2026 10:00",
        "  01.12.2026.  ",
    ],
)
def test_absolute_dates(text: str) -> None:
    assert parse_date(text, TODAY).value == DEC_1


@pytest.mark.parametrize("text", ["12/20/2026", "12/20/26", "12/20"])
def test_month_first_is_read_when_only_it_makes_a_date(text: str) -> None:
    # As in the US (with slashes); a date both ways (01/12/2026) stays day first, as above.
    assert parse_date(text, TODAY, prefer="future").value == dt.date(2026, 12, 20)


def test_a_date_impossible_both_ways_is_still_refused() -> None:
    assert not parse_date("13/20/2026", TODAY).ok
    assert not parse_date("31.02.2026", TODAY).ok


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("через 12 дней", dt.date(2026, 6, 27)),
        ("in 12 days", dt.date(2026, 6, 27)),
        ("12 дней назад", dt.date(2026, 6, 3)),
        ("12 days ago", dt.date(2026, 6, 3)),
        ("через день", dt.date(2026, 6, 16)),
        ("через два дня", dt.date(2026, 6, 17)),
        ("через неделю", dt.date(2026, 6, 22)),
        ("2 недели назад", dt.date(2026, 6, 1)),
        ("in a week", dt.date(2026, 6, 22)),
        ("через месяц", dt.date(2026, 7, 15)),
        ("сегодня", TODAY),
        ("Today", TODAY),
        ("вчера", dt.date(2026, 6, 14)),
        ("yesterday", dt.date(2026, 6, 14)),
        ("завтра", dt.date(2026, 6, 16)),
        ("tomorrow", dt.date(2026, 6, 16)),
        ("позавчера", dt.date(2026, 6, 13)),
        ("ПОСЛЕЗАВТРА", dt.date(2026, 6, 17)),
    ],
)
def test_relative_dates(text: str, expected: dt.date) -> None:
    assert parse_date(text, TODAY).value == expected


@pytest.mark.parametrize(
    ("word", "month"),
    [
        ("января", 1), ("февраль", 2), ("марта", 3), ("апр", 4), ("мая", 5), ("май", 5),
        ("июня", 6), ("июле", 7), ("августа", 8), ("сент", 9), ("октября", 10),
        ("ноября", 11), ("декабре", 12), ("jan", 1), ("february", 2), ("sept", 9), ("may", 5),
    ],
)  # fmt: skip
def test_month_names(word: str, month: int) -> None:
    assert parse_date(f"3 {word} 2026", TODAY).value == dt.date(2026, month, 3)


def test_bare_duration_needs_a_direction() -> None:
    assert parse_date("12 дней", TODAY).error == DATE_UNREADABLE
    assert parse_date("12 дней", TODAY, prefer="past").value == dt.date(2026, 6, 3)
    assert parse_date("12 days", TODAY, prefer="future").value == dt.date(2026, 6, 27)


@pytest.mark.parametrize("text", ["31.02.2026", "30 февраля", "32.01", "1.13.2026", "29.02.2027"])
def test_impossible_dates(text: str) -> None:
    assert parse_date(text, TODAY).error == DATE_IMPOSSIBLE


@pytest.mark.parametrize(
    "text", ["", "   ", "🙂", "завтра или послезавтра", "12", "hello", "1 брюквы", "через 5 лет ♥"]
)
def test_unreadable_dates(text: str) -> None:
    result = parse_date(text, TODAY)
    assert not result.ok
    assert result.error == DATE_UNREADABLE


@pytest.mark.parametrize("text", ["01.01.1900", "01.01.3000", "через 5000 дней", "1 January 2029"])
def test_far_dates_are_out_of_the_default_range(text: str) -> None:
    result = parse_date(text, TODAY)
    assert result.error == DATE_OUT_OF_RANGE
    assert result.params == {"earliest": "2024-06-15", "latest": "2028-06-15"}


def test_explicit_range() -> None:
    shipped = parse_date("20.06.2026", TODAY, earliest=dt.date(2026, 1, 1), latest=TODAY)
    assert shipped.error == DATE_OUT_OF_RANGE
    assert shipped.params["latest"] == "2026-06-15"
    assert parse_date("15.06.2026", TODAY, latest=TODAY).value == TODAY


def test_relative_date_past_the_calendar_end_is_out_of_range() -> None:
    assert parse_date("через 99999 дней", dt.date(9999, 12, 1)).error == DATE_OUT_OF_RANGE
    assert parse_date("99999 дней назад", dt.date(1, 1, 2)).error == DATE_OUT_OF_RANGE


def test_too_long_input_is_refused() -> None:
    result = parse_date("1" * 10_000, TODAY)
    assert result.error == TOO_LONG
    assert result.params == {"limit": "1000"}


@pytest.mark.parametrize(
    ("today", "text", "prefer", "expected"),
    [
        (dt.date(2026, 1, 3), "28.12", "past", dt.date(2025, 12, 28)),
        (dt.date(2026, 1, 3), "28.12", "nearest", dt.date(2025, 12, 28)),
        (dt.date(2026, 1, 3), "28.12", "future", dt.date(2026, 12, 28)),
        (dt.date(2025, 12, 28), "5 января", "future", dt.date(2026, 1, 5)),
        (dt.date(2025, 12, 28), "5 января", "nearest", dt.date(2026, 1, 5)),
        # A day a week ahead was meant this year even when a past date is asked (a past
        # question then refuses it as still ahead), not moved a year back in silence.
        (dt.date(2025, 12, 28), "5 января", "past", dt.date(2026, 1, 5)),
        (dt.date(2025, 12, 28), "5 марта", "past", dt.date(2025, 3, 5)),
        (dt.date(2025, 12, 31), "Jan 1", "future", dt.date(2026, 1, 1)),
        (dt.date(2026, 1, 1), "31 Dec", "past", dt.date(2025, 12, 31)),
        (dt.date(2026, 1, 1), "1.1", "past", dt.date(2026, 1, 1)),
        (dt.date(2026, 1, 1), "1.1", "future", dt.date(2026, 1, 1)),
    ],
)
def test_year_inference_around_new_year(
    today: dt.date, text: str, prefer: str, expected: dt.date
) -> None:
    assert parse_date(text, today, prefer=prefer).value == expected  # type: ignore[arg-type]


def test_leap_day_without_a_year_picks_a_leap_year() -> None:
    assert infer_year(29, 2, dt.date(2026, 6, 15), "past") == dt.date(2024, 2, 29)
    assert infer_year(29, 2, dt.date(2026, 6, 15), "future") == dt.date(2028, 2, 29)
    assert infer_year(30, 2, dt.date(2026, 6, 15), "nearest") is None


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("Защита покупателя истекает через: 12 дн 14 ч 10 мин", 12),
        ("Заказ отправлен. Защита Покупателя истекает через: 59 дн 14 часов 10 мин", 59),
        ("Buyer Protection ends in 12 days 3 hours", 12),
        ("Buyer Protection ends in: 5 days", 5),
        ("12 д. 3 ч.", 12),
        ("12d 3h", 12),
        ("12d3h10m", 12),
        ("12 days, 3 hours and 10 minutes", 12),
        ("12 дней и 3 часа", 12),
        ("12 дн", 12),
        ("Осталось 5 дней", 5),
        ("5 days left", 5),
        ("59 дн 14:10:05", 59),
        ("14 ч 10 мин", 0),
        ("через 12 дней", 12),
        ("in 3 days", 3),
        ("12 дней", 12),
    ],
)
def test_protection_timer(text: str, days: int) -> None:
    assert parse_protection_end(text, TODAY).value == TODAY + dt.timedelta(days=days)


def _at(day: dt.date, clock: str) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.fromisoformat(clock))


@pytest.mark.parametrize(
    ("now", "text", "ends_at"),
    [
        # Typed at 03:00, the timer runs out at 08:12 tomorrow (the known gap of session 9: the
        # day's 10:00 reminder came after it); the time is kept for the reminders.
        ("03:00", "1 д 5 ч 12 мин", _at(TODAY + dt.timedelta(days=1), "08:12")),
        ("03:00", "1 d 05:12:40", _at(TODAY + dt.timedelta(days=1), "08:12")),
        ("14:00", "3 days 2 hours", _at(TODAY + dt.timedelta(days=3), "16:00")),
        # The hours carry it past midnight: one day later than the days alone say.
        ("23:00", "3 дн 20 ч", _at(TODAY + dt.timedelta(days=4), "19:00")),
        ("08:00", "3 h", _at(TODAY, "11:00")),
    ],
)
def test_a_timer_read_with_the_clock_gives_the_time_it_runs_out(
    now: str, text: str, ends_at: dt.datetime
) -> None:
    assert parse_protection_end(text, TODAY, now=_at(TODAY, now)).value == ends_at


def test_a_timer_counts_across_a_daylight_saving_change() -> None:
    """Review J: 12:30 on the Saturday before Berlin's clocks go back, "1 d 1 min" left, runs
    out at 11:31 on Sunday (24 hours and a minute later), not 12:31."""
    berlin = ZoneInfo("Europe/Berlin")
    now = dt.datetime(2026, 10, 24, 12, 30, tzinfo=berlin)
    parsed = parse_protection_end("1 d 1 min", now.date(), now=now)
    assert parsed.value == dt.datetime(2026, 10, 25, 11, 31)


def test_whole_days_are_a_date_without_a_time() -> None:
    """ "12 дней" or "in 5 days" name a day, not a countdown to the minute."""
    now = _at(TODAY, "03:00")
    for text, days in (("12 дней", 12), ("in 5 days", 5), ("через 3 дня", 3)):
        assert parse_protection_end(text, TODAY, now=now).value == TODAY + dt.timedelta(days=days)


@pytest.mark.parametrize(
    "text",
    [
        "December 1, 2026 08:00",
        "1 декабря в 09:30",
        "Dec 1 at 23:10",
        "Buyer Protection ends on: 01.12.2026 08:00",
        "December 1, 8:00 PM",
        "Dec 1 at 8 pm",
        "December 1, 12:30 AM",
        "1 декабря, 25:00",
    ],
)
def test_a_date_typed_with_a_time_is_read_as_its_date(text: str) -> None:
    """Walk K: "December 5, 8:00 PM", as the bot itself writes times, was refused. Its clock is
    the buyer's own zone, which the bot may not know yet (review L): the date is kept, not the
    time; only a timer gives the instant."""
    assert parse_protection_end(text, TODAY).value == DEC_1


def test_a_dropped_typed_time_is_said() -> None:
    """Walk M: the time was dropped without a word, and a morning end's reminder came after it."""
    parsed = parse_protection_end("December 1, 8:00 AM", TODAY)
    assert parsed.warning == PROTECTION_TIME_NOT_KEPT
    assert parsed.warning_text(get_translator("en")).startswith("Noted: December 1, 2026, the day")
    assert parse_protection_end("December 1, 2026", TODAY).warning != PROTECTION_TIME_NOT_KEPT


def test_a_timer_to_the_second_keeps_its_time_even_at_zero_hours() -> None:
    """Review L: "12 d 00:00:00" at 03:00 runs out at 03:00 in 12 days, not on the whole day."""
    now = _at(TODAY, "03:00")
    twelve = TODAY + dt.timedelta(days=12)
    assert parse_protection_end("12 d 00:00:00", TODAY, now=now).value == _at(twelve, "03:00")
    assert parse_protection_end("12 дней 0 часов", TODAY, now=now).value == _at(twelve, "03:00")
    assert parse_protection_end("12 дней", TODAY, now=now).value == twelve


def test_protection_end_accepts_dates_and_prefers_the_future() -> None:
    assert parse_protection_end("01.12.2026", TODAY).value == DEC_1
    assert parse_protection_end("1.12", TODAY).value == DEC_1
    assert parse_protection_end("10 days ago", TODAY).value == dt.date(2026, 6, 5)
    assert parse_protection_end("Protection ends on: 1 Dec", TODAY).value == DEC_1


def test_protection_end_picks_the_year_inside_its_range() -> None:
    # In January, "1.12" for a protection end can only be last December (at most 200 days ahead).
    assert parse_protection_end("1.12", dt.date(2026, 1, 10)).value == dt.date(2025, 12, 1)


@pytest.mark.parametrize("text", ["300 days", "01.12.2027", "через 201 день", "1.1.2025"])
def test_protection_end_out_of_range(text: str) -> None:
    result = parse_protection_end(text, TODAY)
    assert result.error == DATE_OUT_OF_RANGE
    assert result.params == {"earliest": "2025-12-17", "latest": "2027-01-01"}


@pytest.mark.parametrize(
    "text",
    ["", "🙂", "12", "14:10:05", "12 дн 12 дн", "3 ч 12 дн", "5 days lol"],
)
def test_protection_end_unreadable(text: str) -> None:
    assert parse_protection_end(text, TODAY).error == PROTECTION_UNREADABLE


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_protection_end_unreadable_gives_no_date_that_will_pass(lang: str) -> None:
    """Walk BP: its example was December 1, 2026, refused by the question from the day after."""
    text = parse_protection_end("whenever", TODAY).error_text(get_translator(lang))
    assert text and not any(str(year) in text for year in range(2020, 2100))


def test_protection_end_impossible_date() -> None:
    assert parse_protection_end("31.02.2026", TODAY).error == DATE_IMPOSSIBLE


def test_a_russian_date_at_the_end_of_an_error_has_one_period() -> None:
    from advisor.parsing import Parsed
    from advisor.questionnaire.parcel_followups import EXTENSION_IN_THE_PAST

    params = {"earliest": "2026-06-15", "latest": "2027-06-18"}
    text = Parsed(error=EXTENSION_IN_THE_PAST, params=params).error_text(get_translator("ru"))
    assert text.endswith("2027\u202fг.") and "г.." not in text


@pytest.mark.parametrize(("text", "days"), [("last week", -7), ("на прошлой неделе", -7)])
def test_a_vague_week_reads_as_seven_days(text: str, days: int) -> None:
    assert parse_date(text, TODAY).value == TODAY + dt.timedelta(days=days)
    assert not parse_date("next week", TODAY).ok  # too vague for a protection end


def test_a_past_question_answered_with_a_future_date_says_so() -> None:
    for text in ("tomorrow", "через неделю", "in 3 days"):
        refused = parse_date(text, TODAY, prefer="past", latest=TODAY)
        assert refused.error == DATE_IN_THE_FUTURE, text
    # Too far back is still the range message.
    assert parse_date("01.01.2000", TODAY, prefer="past", latest=TODAY).error == DATE_OUT_OF_RANGE


def test_a_past_questions_examples_are_past_dates() -> None:
    assert parse_date("someday", TODAY, prefer="past", latest=TODAY).error == DATE_UNREADABLE_PAST
    assert parse_date("someday", TODAY).error == DATE_UNREADABLE
    assert "ago" in DATE_UNREADABLE_PAST and "in 12 days" not in DATE_UNREADABLE_PAST


def test_the_other_reading_of_a_yearless_slash_date_gets_its_own_year() -> None:
    june = dt.date(2026, 6, 20)
    parsed = parse_date("01/12", june, prefer="past", latest=june)
    assert parsed.value == dt.date(2025, 12, 1)  # day first, in the past
    assert parsed.params["other"] == "2026-01-12"  # January 12 of this year, not of 2025


def test_a_slash_date_whose_other_reading_is_out_of_range_is_not_questioned() -> None:
    # Only 5 April is allowed here: "if you meant May 4" would offer a date the question refuses.
    day = dt.date(2026, 4, 20)
    parsed = parse_date("05/04/2026", day, earliest=dt.date(2026, 4, 1), latest=day)
    assert parsed.value == dt.date(2026, 4, 5) and parsed.warning is None


def test_a_yearless_date_just_ahead_is_refused_as_ahead_at_a_past_question() -> None:
    today = dt.date(2026, 11, 30)
    for text in ("1 декабря", "01.12", "15 December"):
        parsed = parse_date(text, today, prefer="past", latest=today)
        assert parsed.error == DATE_IN_THE_FUTURE, text
    assert parse_date("5 October", today, prefer="past", latest=today).value == dt.date(2026, 10, 5)


@pytest.mark.parametrize(
    ("text", "days_ago"),
    [
        ("about 2 weeks ago", 14),
        ("around 10 days ago", 10),
        ("roughly a week ago", 7),
        ("примерно 2 недели назад", 14),
        ("около недели назад", 7),
        ("где-то 3 дня назад", 3),
        ("недели две назад", 14),
        ("дней 10 назад", 10),
        ("a couple of weeks ago", 14),
        ("2 weeks ago or so", 14),
        ("two weeks back", 14),
        ("a few days ago", 3),
        ("10 дней тому назад", 10),  # walk CD
        ("неделю тому назад", 7),
        ("пятнадцать дней назад", 15),  # walk CH: words above ten
        ("двадцать пять дней назад", 25),
        ("twenty-one days ago", 21),
        ("дней двадцать назад", 20),
    ],
)
def test_an_estimate_is_read_as_the_date_it_names(text: str, days_ago: int) -> None:
    # "When did you confirm receipt?" asks for an estimate when the date cannot be found.
    parsed = parse_date(text, TODAY, prefer="past")
    assert parsed.value == TODAY - dt.timedelta(days=days_ago), parsed.error


def test_an_estimate_word_alone_is_no_date() -> None:
    assert not parse_date("about", TODAY, prefer="past").ok
    assert not parse_date("примерно", TODAY, prefer="past").ok


def test_a_first_possible_date_beyond_the_readers_range_names_no_impossible_range() -> None:
    far = TODAY + dt.timedelta(days=300)
    parsed = parse_protection_end("in 500 days", TODAY, shown_earliest=far)
    assert not parsed.ok
    assert parsed.params["earliest"] <= parsed.params["latest"]


@pytest.mark.parametrize("typed", ["минус 3 дня", "-5 days", "−5 дней", "- 2 d", "minus 4 days"])
def test_a_timer_with_a_minus_is_not_read_as_time_left(typed: str) -> None:
    """Walk Z: "-5 days" was read as five days ahead, turning "protection ended: open now"
    into "wait"."""
    assert not parse_protection_end(typed, dt.date(2026, 11, 30)).ok


@pytest.mark.parametrize(
    "typed",
    [
        "extended by 15 days",
        "продлили на 15 дней",
        "+15 days",
        "на 15 дн",
        "продавец продлил защиту на 15 дней",  # walk S
        "Продлено на 15 дней!",
        "extended the protection by 15 days",
    ],
)
def test_an_extension_by_days_counts_from_the_end_it_extends(typed: str) -> None:
    """Walk N: "extended by 15 days" (the phrase the bot's own letter uses) was read as 15
    days from today, every deadline then early."""
    before = dt.date(2026, 12, 5)
    parsed = parse_protection_end(typed, dt.date(2026, 11, 30), extended_from=before)
    assert parsed.value == dt.date(2026, 12, 20)
    # Time left on the timer still counts from today.
    left = parse_protection_end("15 days", dt.date(2026, 11, 30), extended_from=before)
    assert left.value == dt.date(2026, 12, 15)


@pytest.mark.parametrize(
    ("typed", "days"),
    [("продлили на 2 недели", 14), ("на неделю", 7), ("extended by a week", 7),
     ("by 2 weeks", 14), ("продлил на день", 1), ("+3 weeks", 21),
     # Walk CF: a count in words was read as one ("на две недели" as a week).
     ("продлили на две недели", 14), ("продлили на пять дней", 5), ("extended by two weeks", 14),
     ("the seller extended it by ten days", 10), ("продлили на пару недель", 14),
     # Walk CH: words above ten were refused; "на двадцать пять дней" was read as 5 days.
     ("продлили на двадцать дней", 20), ("продлили на двадцать пять дней", 25),
     ("extended by twenty-five days", 25), ("by fifteen days", 15), ("на тридцать дней", 30),
     ("продавец продлил защиту на сорок дней", 40), ("by twenty one days", 21)],
)  # fmt: skip
def test_an_extension_by_weeks_counts_seven_days_a_week(typed: str, days: int) -> None:
    """Walk CD: "на 2 недели" and "на неделю" were refused where "на 15 дней" was read."""
    before = dt.date(2026, 12, 5)
    parsed = parse_protection_end(typed, dt.date(2026, 11, 30), extended_from=before)
    assert parsed.value == before + dt.timedelta(days=days)


@pytest.mark.parametrize(
    "typed",
    ["продлили до 20 декабря", "Продавец продлил защиту до 20.12", "extended to December 20",
     "the seller extended it until Dec 20"],
)  # fmt: skip
def test_an_extension_to_a_date_is_that_date(typed: str) -> None:
    parsed = parse_protection_end(typed, dt.date(2026, 11, 30), extended_from=dt.date(2026, 12, 5))
    assert parsed.value == dt.date(2026, 12, 20)


@pytest.mark.parametrize("blank", ["   ", "\u200b", "\u200b \u200c"])
def test_a_blank_past_date_gets_past_examples(blank: str) -> None:
    """Walk Z: blank text at "When did the seller ship?" got "Examples: …; in 12 days"."""
    from advisor.parsing.dates import DATE_UNREADABLE_PAST

    assert parse_date(blank, TODAY, prefer="past").error == DATE_UNREADABLE_PAST


@pytest.mark.parametrize(
    "typed",
    [
        "ещё 15 дней",
        "another 15 days",
        "осталось ещё 15 дней",
        "15 more days",  # walk of 2026-12-03: unreadable, as "he said 15 more days" was
        "he said 15 more days",
        "15 days more",
    ],
)
def test_more_days_without_by_are_the_time_left(typed: str) -> None:
    """Walk S: "ещё 45 дней" answering "when does it end now?" is as often the time left."""
    parsed = parse_protection_end(typed, dt.date(2026, 11, 30), extended_from=dt.date(2026, 12, 5))
    assert parsed.value == dt.date(2026, 12, 15)


def test_an_extension_without_the_end_it_extends_asks_for_the_date() -> None:
    """Walk S: "продлили на 15 дней" in the new-order questionnaire was taken as today + 15."""

    parsed = parse_protection_end("продлили на 15 дней", dt.date(2026, 11, 30))
    assert parsed.error == PROTECTION_EXTENDED_BY


@pytest.mark.parametrize(
    "typed",
    [
        "the seller extended it 15 days",
        "extended for 15 days",
        "продлили ещё 15 дней",
        "добавил 15 дней",
    ],
)
def test_an_extension_word_before_the_days_counts_from_the_saved_end(typed: str) -> None:
    """Walk T2: these were read as 15 days from today."""
    parsed = parse_protection_end(typed, dt.date(2026, 11, 30), extended_from=dt.date(2026, 12, 5))
    assert parsed.value == dt.date(2026, 12, 20)


def test_an_extension_beyond_the_range_is_refused() -> None:
    """Walk T2: "extended by 500 days" was taken, the reminders months late."""
    parsed = parse_protection_end(
        "extended by 500 days", dt.date(2026, 11, 30), extended_from=dt.date(2026, 12, 5)
    )
    assert not parsed.ok


# Monday, 30 November 2026: the last Friday was the 27th, the next one is December 4.
MONDAY = dt.date(2026, 11, 30)


@pytest.mark.parametrize(
    ("typed", "prefer", "expected"),
    [
        ("вчера вечером", "past", dt.date(2026, 11, 29)),
        ("yesterday evening", "past", dt.date(2026, 11, 29)),
        ("сегодня утром", "past", MONDAY),
        ("в пятницу", "past", dt.date(2026, 11, 27)),
        ("в пятницу", "future", dt.date(2026, 12, 4)),
        ("last friday", "nearest", dt.date(2026, 11, 27)),
        ("next friday", "nearest", dt.date(2026, 12, 4)),
        ("в прошлую среду", "future", dt.date(2026, 11, 25)),
        ("28-го", "past", dt.date(2026, 11, 28)),
        ("28 числа", "future", dt.date(2026, 12, 28)),
        ("тридцатого", "past", MONDAY),
        ("the 28th", "past", dt.date(2026, 11, 28)),
        ("31st", "past", dt.date(2026, 10, 31)),  # November has no 31st
    ],
)
def test_dates_as_people_say_them(typed: str, prefer: str, expected: dt.date) -> None:
    """Walk AE: "вчера вечером", "в пятницу", "28-го", "28 числа", "тридцатого" were refused."""
    parsed = parse_date(typed, MONDAY, prefer=prefer)  # type: ignore[arg-type]
    assert parsed.value == expected, parsed.error


def test_a_weekday_ahead_is_refused_for_a_past_date() -> None:
    parsed = parse_date("next friday", MONDAY, prefer="past", latest=MONDAY)
    assert parsed.value is None and parsed.error


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("31-го", dt.date(2026, 1, 31)),  # February has none: the month before it
        ("тридцатого", dt.date(2026, 1, 30)),
        ("28-го числа", dt.date(2026, 2, 28)),
        ("до 28-го", dt.date(2026, 2, 28)),
        ("by friday", dt.date(2026, 3, 6)),
        ("к пятнице", dt.date(2026, 3, 6)),
    ],
)
def test_a_day_the_last_month_lacks_and_a_preposition_before_it(
    typed: str, expected: dt.date
) -> None:
    """Review AK: on March 10 "31-го" asked about the past was unreadable (February has no
    31st); "28-го числа", "до 28-го", "by friday" were refused."""
    assert parse_date(typed, dt.date(2026, 3, 10), prefer="past").value == expected


@pytest.mark.parametrize(
    ("text", "days_ago"),
    [
        ("закончилась 5 июня", 10),
        ("Истекла 5 дней назад", 5),
        ("уже истекла вчера", 1),
        ("ended on June 5", 10),
        ("Buyer Protection expired 3 days ago", 3),
    ],
)
def test_an_end_said_to_be_over_reads_the_day_it_ended(text: str, days_ago: int) -> None:
    parsed = parse_protection_end(text, TODAY)
    assert parsed.ok and parsed.value == TODAY - dt.timedelta(days=days_ago)


@pytest.mark.parametrize(
    "text", ["уже истекла", "Защита закончилась!", "It has expired", "over", "срок защиты истёк"]
)
def test_an_end_said_to_be_over_without_the_day_asks_for_it(text: str) -> None:
    # Walk AW: refused as unreadable, the buyer pressed "I don't know" and was told to wait.
    assert parse_protection_end(text, TODAY).error == PROTECTION_ENDED_WHEN


def test_an_end_said_to_be_over_on_a_day_ahead_is_refused() -> None:
    assert parse_protection_end("expired tomorrow", TODAY).error == DATE_IN_THE_FUTURE


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("over 12 days", 12),
        ("over 12 days 14 hours", 12),
        ("protection is over in 3 days", 3),
        ("run out in 5 days", 5),
        ("protection finished in 2 days", 2),
        ("over 30 days left", 30),
    ],
)
def test_time_left_with_a_word_of_ending_is_still_time_left(text: str, days: int) -> None:
    """Review AZ: "over 12 days" (more than 12 days left) read as ended 12 days ago."""
    assert parse_protection_end(text, TODAY).value == TODAY + dt.timedelta(days=days)


@pytest.mark.parametrize("text", ["expired", "уже истекла"])
def test_after_an_extension_an_end_said_to_be_over_asks_for_the_new_end(text: str) -> None:
    """Walk AX: asked for the day it ended, then refused it as before the old end. Walk BA: a
    day it ended is an answer there too, as a plain past date is."""
    parsed = parse_protection_end(text, TODAY, after_extension=True)
    assert parsed.error == PROTECTION_EXTENDED_BY
    dated = parse_protection_end("ended 2 days ago", TODAY, after_extension=True)
    assert dated.value == TODAY - dt.timedelta(days=2)


@pytest.mark.parametrize(
    "text",
    ["ends December 25", "expires on December 25", "истекает 25 декабря", "защита до 25.12"],
)
def test_an_end_named_with_its_verb_is_read(text: str) -> None:
    """Walk BA: "ends December 25" was unreadable where "until December 25" was read."""
    assert parse_protection_end(text, TODAY).value == dt.date(2026, 12, 25)


@pytest.mark.parametrize(
    ("typed", "far"),
    [("in 200 days", True), ("in 95 days", True), ("in 90 days", False), ("in 60 days", False)],
)
def test_an_end_further_than_protection_lasts_is_taken_with_a_word_to_check_it(
    typed: str, far: bool
) -> None:
    """Walks CB, CC: "in 200 days" (a typo) was noted without a question."""
    from advisor.parsing.protection import PROTECTION_FAR_AHEAD

    parsed = parse_protection_end(typed, TODAY)
    assert parsed.ok
    assert (parsed.warning == PROTECTION_FAR_AHEAD) is far


@pytest.mark.parametrize("typed", ["на дней", "by days", "продлили на несколько недель"])
def test_an_extension_whose_count_cannot_be_told_is_refused(typed: str) -> None:
    """Walk CF: with the count optional, "на дней" was read as one day."""
    parsed = parse_protection_end(typed, dt.date(2026, 11, 30), extended_from=dt.date(2026, 12, 5))
    assert not parsed.ok


@pytest.mark.parametrize(
    ("typed", "days_ago"),
    [("10 дней назад.", 10), ("10 days ago.", 10), ("вчера.", 1), ("yesterday!", 1),
     ("3 дня тому назад!", 3), ("сегодня.", 0)],
)  # fmt: skip
def test_a_sentences_end_after_a_relative_date_is_ignored(typed: str, days_ago: int) -> None:
    """Walk CF: "10 дней назад." (a chat's full stop) was unreadable."""
    assert parse_date(typed, TODAY, prefer="past").value == TODAY - dt.timedelta(days=days_ago)


@pytest.mark.parametrize(
    ("typed", "days_ago"),
    [
        ("полтора месяца назад", 45),
        ("1,5 месяца назад", 45),
        ("полмесяца назад", 15),
        ("пол месяца назад", 15),
        ("полторы недели назад", 10),
        ("a month and a half ago", 45),
        ("half a month ago", 15),
        ("1.5 months ago", 45),
    ],
)
def test_half_units_are_counted_in_days(typed: str, days_ago: int) -> None:
    """Walk CJ: "полтора месяца назад" and "полмесяца назад" were refused."""
    parsed = parse_date(typed, DEC_1, prefer="past", latest=DEC_1)
    assert parsed.value == DEC_1 - dt.timedelta(days=days_ago), parsed.error


def test_half_a_year_is_six_months() -> None:
    assert parse_date("полгода назад", DEC_1, prefer="past").value == dt.date(2026, 6, 1)
    assert parse_date("in half a year", DEC_1, prefer="future").value == dt.date(2027, 6, 1)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("в начале ноября", dt.date(2026, 11, 1)),
        ("начало ноября", dt.date(2026, 11, 1)),
        ("в середине октября", dt.date(2026, 10, 10)),
        ("в конце ноября", dt.date(2026, 11, 20)),
        ("early november", dt.date(2026, 11, 1)),
        ("mid-october", dt.date(2026, 10, 10)),
        ("at the end of november", dt.date(2026, 11, 20)),
        ("late Nov 2025", dt.date(2025, 11, 20)),
        ("в конце октабря", dt.date(2026, 10, 20)),  # and a typo in the month
    ],
)
def test_a_part_of_a_month_is_its_earliest_day_with_a_word_about_it(
    typed: str, expected: dt.date
) -> None:
    """Walk CJ: "в начале ноября" was refused. Read early rather than late: a deadline counted
    from a date read too late could pass before the user is told."""
    parsed = parse_date(typed, DEC_1, prefer="past", latest=DEC_1)
    assert parsed.value == expected, parsed.error
    assert parsed.warning == DATE_ROUGH
    shown = parsed.warning_text(get_translator("ru"))
    assert shown is not None and "20-е" in shown


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("в начале месяца", DEC_1),
        ("В начале этого месяца", DEC_1),
        ("в середине прошлого месяца", dt.date(2026, 11, 10)),
        ("в конце прошлого месяца", dt.date(2026, 11, 20)),
        ("в прошлом месяце", dt.date(2026, 11, 1)),
        ("early this month", DEC_1),
        ("at the end of last month", dt.date(2026, 11, 20)),
        ("mid last month", dt.date(2026, 11, 10)),
        ("last month", dt.date(2026, 11, 1)),
    ],
)
def test_a_month_named_by_when_it_is_is_its_earliest_day_with_a_word_about_it(
    typed: str, expected: dt.date
) -> None:
    """ "в начале месяца" was refused as no date (left alone by an earlier session): read as
    this month's start, like "в начале ноября" in November; a whole month as its 1st."""
    parsed = parse_date(typed, DEC_1, prefer="past", latest=DEC_1)
    assert parsed.value == expected, parsed.error
    assert parsed.warning == DATE_ROUGH


def test_a_month_named_by_when_it_is_counts_from_today() -> None:
    """Ahead for a deadline ("в конце следующего месяца"), refused for a past date that is."""
    ahead = parse_date("в конце следующего месяца", DEC_1, prefer="future")
    assert ahead.value == dt.date(2027, 1, 20)
    assert parse_date("next month", DEC_1, prefer="future").value == dt.date(2027, 1, 1)
    refused = parse_date("в конце месяца", DEC_1, prefer="past", latest=DEC_1)
    assert refused.value is None and refused.error == DATE_IN_THE_FUTURE


def test_a_part_of_a_month_still_ahead_is_refused_as_a_past_date() -> None:
    parsed = parse_date("в конце декабря", DEC_1, prefer="past", latest=DEC_1)
    assert parsed.value is None and parsed.error == DATE_IN_THE_FUTURE


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("15 11", dt.date(2026, 11, 15)),
        ("15,11", dt.date(2026, 11, 15)),
        ("15, 11", dt.date(2026, 11, 15)),
        ("15 11 2026", dt.date(2026, 11, 15)),
        ("15 11 25", dt.date(2025, 11, 15)),
    ],
)
def test_a_space_or_a_comma_between_day_and_month(typed: str, expected: dt.date) -> None:
    """Walk CJ: "15 11" and "15,11", as typed on a phone's number pad, were refused."""
    assert parse_date(typed, DEC_1, prefer="past", latest=DEC_1).value == expected


def test_mixed_marks_between_day_month_and_year_are_no_date() -> None:
    assert parse_date("15 11.2026", DEC_1, prefer="past", latest=DEC_1).value is None


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("позавчира", dt.date(2026, 11, 29)),
        ("сегоня", DEC_1),
        ("5 октабря", dt.date(2026, 10, 5)),
        ("5 novmber", dt.date(2026, 11, 5)),
        ("15 ноябя", dt.date(2026, 11, 15)),  # a letter left out of a six-letter month name
        ("15 апрля", dt.date(2026, 4, 15)),
    ],
)
def test_a_typo_in_a_long_day_or_month_name_is_read(typed: str, expected: dt.date) -> None:
    """Walk CJ: "позавчира" and "октабря" were refused."""
    assert parse_date(typed, DEC_1, prefer="past", latest=DEC_1).value == expected


@pytest.mark.parametrize(
    "typed", ["5 мяса", "5 noon", "вечер", "вчира", "5 abcde", "15 марка", "15 вечер", "15 ноя6ря"]
)
def test_a_word_far_from_any_month_or_day_name_is_still_no_date(typed: str) -> None:
    assert parse_date(typed, DEC_1, prefer="past", latest=DEC_1).error == DATE_UNREADABLE_PAST


@pytest.mark.parametrize(
    ("typed", "days"),
    [
        ("like 5 weeks ago", 35),
        ("idk like 5 weeks ago", 35),
        ("idk, like 5 weeks ago", 35),
        ("~3 weeks ago", 21),
        ("about 2 weeks ago", 14),
        ("2 weeks ago or so", 14),
        ("ну где то месяц назат", 30),
        ("незнаю где-то месяц назад", 30),
        ("вроде бы 10 дней назад", 10),
    ],
)
def test_an_estimate_in_chat_words_is_read_and_said_to_be_one(typed: str, days: int) -> None:
    """Walks CK, CL: "like 5 weeks ago", "~3 weeks ago", "месяц назат" were refused; an estimate
    is taken as the date and said so, as the dispute text names it."""
    parsed = parse_date(typed, DEC_1, prefer="past")
    expected = DEC_1 - dt.timedelta(days=days) if days != 30 else dt.date(2026, 11, 1)
    assert parsed.value == expected
    assert parsed.warning == DATE_ESTIMATE and parsed.params == {"date": expected.isoformat()}


@pytest.mark.parametrize(
    ("typed", "days"),
    [("3 wks ago", 21), ("2 mos ago", 61), ("20 днеи назад", 20), ("1 yr ago", 365)],
)
def test_short_units_and_a_missing_й_are_read_without_a_word(typed: str, days: int) -> None:
    parsed = parse_date(typed, DEC_1, prefer="past")
    assert parsed.value == DEC_1 - dt.timedelta(days=days) and parsed.warning is None


@pytest.mark.parametrize("typed", ["не знаю", "like", "idk ~"])
def test_estimate_words_without_a_date_are_still_no_date(typed: str) -> None:
    assert parse_date(typed, DEC_1, prefer="past").error == DATE_UNREADABLE_PAST


@pytest.mark.parametrize(
    "typed",
    [
        "через три дня заканчивается",
        "через 3 дня истекает",
        "in 3 days it ends",
        "5 декабря заканчивается",
    ],
)
def test_a_protection_end_with_its_verb_after_is_read(typed: str) -> None:
    """Walk CM: "через три дня заканчивается" was unreadable, "через три дня" was not."""
    parsed = parse_protection_end(typed, dt.date(2026, 12, 2))
    assert parsed.value == dt.date(2026, 12, 5)


def test_the_verb_alone_is_still_no_protection_end() -> None:
    assert parse_protection_end("заканчивается", DEC_1).error == PROTECTION_UNREADABLE


@pytest.mark.parametrize(
    ("typed", "days_ago"),
    [
        ("заказывал 45 дней назад", 45),
        ("заказывал дней 45 назад", 45),
        ("отправили 10 дней назад", 10),
        ("пришла вчера", 1),
        ("shipped 10 days ago", 10),
        ("i ordered it 45 days ago", 45),
        ("got it yesterday", 1),
    ],
)
def test_what_happened_told_before_the_date_is_read_past(typed: str, days_ago: int) -> None:
    """Walk of 2026-12-03: "заказывал дней 45 назад" was refused as no date."""
    parsed = parse_date(typed, DEC_1, prefer="past", latest=DEC_1)
    assert parsed.value == DEC_1 - dt.timedelta(days=days_ago), parsed.error


def test_a_verb_alone_is_still_no_date() -> None:
    assert parse_date("shipped", DEC_1, prefer="past", latest=DEC_1).value is None
