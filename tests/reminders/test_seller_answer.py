"""Protection reminders follow the seller's answer: no "ask to extend" after extended/refused."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from advisor.models import Action, Advice, Deadline, DeadlineKind, Situation
from advisor.reminder_plan import DEFAULT_SCHEDULE, ReminderSchedule, plan_reminders
from advisor.timers import DEFAULT_TIMERS
from handlers.reminder_message import _EXTEND, _OPEN_BY, what_to_do
from handlers.reminder_sweep import sweep_once
from locales import fill, get_translator
from storage.reminders import DueReminder, Reminder
from tests.reminders.helpers import known_user, moscow, plan_at, rows, save, today
from tests.support.harness import BotHarness

DAY = dt.timedelta(days=1)
DEADLINE = dt.date(2026, 6, 15)
BERLIN = ZoneInfo("Europe/Berlin")


def coming(**seller: bool) -> Situation:
    return Situation.model_validate(
        {
            "today": "2026-06-01",
            "received": False,
            "delivery_status": "in_transit",
            "seller": {"contacted": True, "responded": True, **seller},
        }
    )


def offsets(situation: Situation, schedule: ReminderSchedule = DEFAULT_SCHEDULE) -> list[int]:
    advice = Advice(
        action=Action.wait, deadlines=[Deadline(kind=DeadlineKind.protection_ends, date=DEADLINE)]
    )
    planned = plan_reminders(
        advice,
        situation,
        zone=BERLIN,
        quiet_hours=None,
        offsets=schedule,
        now=dt.datetime(2026, 6, 1, tzinfo=dt.UTC),
    )
    return [p.offset_days for p in planned]


def test_no_extension_reminder_once_the_seller_extended() -> None:
    assert offsets(coming()) == [7, 2, 1, 0]
    assert offsets(coming(extended=True)) == [2, 1, 0]


def test_a_refusal_keeps_the_reminder_of_the_day_rule_4_opens_the_dispute() -> None:
    """Refused: at `extension_ask_days` before the end the advice turns to "open the dispute"
    (rule 4), and that reminder says so (walk K: 5 silent days). Earlier ones would not."""
    assert offsets(coming(refused_extension=True)) == [7, 2, 1, 0]
    schedule = ReminderSchedule(protection_days=(10, 7, 2, 1, 0))
    assert offsets(coming(refused_extension=True), schedule) == [7, 2, 1, 0]
    assert offsets(coming(), schedule) == [10, 7, 2, 1, 0]


def words(situation: Situation | None, lang: str, left: int) -> str:
    tr = get_translator(lang)
    return what_to_do(
        tr, DeadlineKind.protection_ends, DEADLINE, DEADLINE - left * DAY, DEFAULT_TIMERS, situation
    )


@pytest.mark.parametrize("left", [2, 1])
def test_extended_protection_ending_soon_says_open_now(left: int) -> None:
    # Within open_now_days the card's safe last day (open_dispute_by) has come: promises or not.
    en = words(coming(extended=True), "en", left)
    assert "has extended" in en and "open the dispute now" in en
    assert get_translator("en").format_date(DEADLINE) not in en  # not "wait for the last day"
    ru = words(coming(extended=True), "ru", left)
    assert "продлил" in ru and "откройте спор сейчас" in ru


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_extended_protection_further_off_names_the_safe_last_day(lang: str) -> None:
    tr = get_translator(lang)
    text = words(coming(extended=True), lang, 5)
    safe_last_day = tr.format_date(DEADLINE - DEFAULT_TIMERS.open_now_days * DAY)
    assert safe_last_day in text and tr.format_date(DEADLINE) not in text
    assert ".." not in text  # "30 декабря 2026 г." ends the sentence with its own period


@pytest.mark.parametrize("left", [7, 2, 1])
def test_refused_extension_says_open_now(left: int) -> None:
    en = words(coming(refused_extension=True), "en", left)
    assert "did not extend" in en and "open the dispute now" in en and "Ask the seller" not in en
    ru = words(coming(refused_extension=True), "ru", left)
    # Walk B: "refused" when the seller may only not have answered.
    assert "откройте спор сейчас" in ru and "не продлил" in ru and "отказался" not in ru


def test_without_an_answer_the_words_stay_as_before() -> None:
    assert "Ask the seller" in words(coming(), "en", 7)
    assert words(coming(), "en", 2).startswith("Open the dispute now")
    assert words(None, "en", 2).startswith("Open the dispute now")


@pytest.mark.parametrize(
    "situation",
    [
        {"received": True, "problem": "damaged"},
        {"received": False, "delivery_status": "no_tracking"},
        {"received": False, "delivery_status": "delivered_not_received"},
    ],
)
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_only_a_parcel_on_its_way_is_told_to_ask_for_an_extension(
    situation: dict[str, object], lang: str
) -> None:
    tr = get_translator(lang)
    other = Situation.model_validate({"today": "2026-06-01", **situation})
    text = words(other, lang, 7)
    assert text == fill(
        tr.gettext(_OPEN_BY),
        {"open_by": tr.format_date(DEADLINE - DEFAULT_TIMERS.open_now_days * DAY)},
    )
    assert tr.gettext(_EXTEND).split(".")[0] not in text  # not "the parcel is still on its way"
    assert tr.gettext(_EXTEND).split(".")[0] in words(coming(), lang, 7)


async def test_reminder_of_an_extended_order(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = today(bot)
    plan_at(monkeypatch, moscow(d, 12))
    user = await known_user(bot, 801, "en")
    seller = {"contacted": True, "responded": True, "extended": True}
    view = await save(bot, user, d, seller=seller)
    pending = await rows(bot, view.order.id, "pending")
    assert [r.offset_days for r in pending if r.kind == "protection_ends"] == [2, 1, 0]
    bot.request.clear()
    await sweep_once(bot.app.bot, bot.runtime, now=moscow(d + 7 * DAY, 10, 1))
    text = bot.last("sendMessage").text
    assert "has extended" in text and "open the dispute now" in text


@pytest.mark.parametrize(
    ("stage", "pending"),
    [("seller_offer", True), ("seller_asks_to_close", True), ("open", False)],
)
def test_an_escalation_reminder_with_an_offer_waiting_says_to_answer_it(
    stage: str, pending: bool
) -> None:
    # The advice may be to accept the offer: "do not close the dispute" would contradict it.
    waiting = Situation.model_validate(
        {
            "today": "2026-06-01",
            "received": True,
            "problem": "damaged",
            "dispute": {"stage": stage, "opened_on": "2026-05-30", "offer_amount": 5},
        }
    )
    tr = get_translator("en")
    said = what_to_do(
        tr, DeadlineKind.escalation, DEADLINE, DEADLINE - DAY, DEFAULT_TIMERS, waiting
    )
    assert ("waiting for your answer" in said) is pending
    assert ("Do not close" in said) is not pending


def _due(kind: str, deadline: dt.date, situation: Situation) -> DueReminder:
    reminder = Reminder(1, 9, 9, kind, deadline.isoformat(), 0, 0, "pending")
    return DueReminder(
        reminder, 9, "en", "en", None, False, "active", None, situation.model_dump(mode="json"), 0
    )


def test_a_closed_windows_reminder_offers_no_dispute_and_no_tomorrow() -> None:
    """Walk AB: "the time to open a dispute has passed" offered "I opened the dispute" and
    "remind me tomorrow"; the first day to open offered "seller extended"."""
    from handlers.reminder_message import render_reminder

    tr = get_translator("en")
    waiting = coming()
    day = dt.date(2026, 6, 1)
    _text, markup = render_reminder(
        tr,
        _due("dispute_window_closes", day - DAY, waiting),
        today=day,
        zone=BERLIN,
        timers=DEFAULT_TIMERS,
    )
    codes = [b.callback_data.split(":")[2] for row in markup.inline_keyboard for b in row]
    assert codes == ["res", "card"]
    _text, markup = render_reminder(
        tr, _due("earliest_open", day, waiting), today=day, zone=BERLIN, timers=DEFAULT_TIMERS
    )
    codes = [b.callback_data.split(":")[2] for row in markup.inline_keyboard for b in row]
    assert codes == ["opn", "res", "tmr", "card"]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_open_now_before_the_first_day_of_a_dispute_names_that_day(lang: str) -> None:
    """Walk AO: two days before the end the reminder said "open the dispute now", while the
    card said a dispute could not be opened before the next day."""
    tr = get_translator(lang)
    first = DEADLINE - DAY
    shipped = coming().model_copy(update={"shipped_on": first - 10 * DAY})
    said = words(shipped, lang, 2)
    assert tr.format_date(first) in said
    assert said != words(coming(), lang, 2)  # shipped long ago: "open it now" as before
    assert tr.format_date(first) not in words(shipped, lang, 1)  # the first day has come


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_reminder_after_the_end_names_the_windows_last_day(lang: str) -> None:
    """Walk AO: "a dispute may still be possible for a short while", though the card names the
    day; with receipt confirmed the window counts from that instead: said vaguely, as before."""
    tr = get_translator(lang)
    ended = coming().model_copy(update={"protection_ends_on": DEADLINE})
    last = DEADLINE + DEFAULT_TIMERS.after_close_window_days * DAY
    assert tr.format_date(last) in words(ended, lang, -3)
    confirmed = ended.model_copy(update={"receipt_confirmed_on": DEADLINE - 20 * DAY})
    assert tr.format_date(last) not in words(confirmed, lang, -3)


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("after", [0, 2])
def test_a_first_dispute_day_on_or_after_the_end_is_not_said_to_come_before_it(
    lang: str, after: int
) -> None:
    """Review AQ: "can be opened from December 22, and Buyer Protection ends soon after" for a
    protection ending on December 20."""
    tr = get_translator(lang)
    first = DEADLINE + after * DAY
    shipped = coming().model_copy(update={"shipped_on": first - 10 * DAY})
    # On the first day itself (the end's, with `after` 0) "open it today" is right.
    for left in [n for n in (2, 1, 0) if DEADLINE - n * DAY < first]:
        said = words(shipped, lang, left)
        assert tr.format_date(first) in said
        assert said == fill(
            tr.gettext(
                "A dispute about a parcel that has not arrived can be opened only from"
                " %(first)s, when Buyer Protection has already ended: if the parcel has not"
                " come, open it on %(first)s, do not wait for the seller's promises."
            ),
            {"first": tr.format_date(first)},
        )
