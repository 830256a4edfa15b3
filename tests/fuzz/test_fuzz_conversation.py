"""Fuzzing the conversation: at every questionnaire state, whatever the user sends.

Each example walks a new user to a state with valid answers (through the bot), then sends
random texts, button data and message types. After every update: no error reached the error
handler (refused forged buttons aside) and nothing was logged at ERROR, the update got an
answer, the stored conversation is one the bot can carry on from, and SQLite's integrity and
foreign-key checks pass. Telegram's validation of every call is checked by the harness.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
from collections.abc import Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor.models import DeliveryStatus, Dispute, Problem, Situation, Stage
from advisor.questionnaire import FLOWS
from handlers.clock import user_today
from tests.fuzz import driver
from tests.fuzz.states import DONE, Point, complete_situation, every_question_id, points
from tests.fuzz.strategies import MESSAGE_KINDS, Event, events
from tests.support.harness import BotHarness

TODAY = user_today(None, "Europe/Moscow")  # the default time zone of the test settings
BASE = complete_situation(TODAY)
NEW_POINTS = points("new", None, TODAY)
SAVED_PATH = next(p for p in points("new", None, TODAY, 1) if p.question_id is None)
# The details follow-up asks only what the saved order lacks: a parcel saved without any (a
# parcel that never came also has its tracking number to correct).
BARE = Situation.model_validate(
    {
        **BASE.model_dump(),
        **{"received": False, "problem": None, "delivery_status": "in_transit"},
        **{"item": None, "order_number": None, "tracking_number": None},
    }
)
# "I said no" asks when the dispute was opened only when the order does not say.
UNDATED_OFFER = BASE.model_copy(update={"dispute": Dispute(stage=Stage.seller_offer)})
# A parcel that arrives after all: one with a price asks the return's postage too.
ON_ITS_WAY = BARE.model_copy(update={"price": 40.0})
FOLLOWUP_BASES = {
    "details": BARE,
    "declined": UNDATED_OFFER,
    "correction": BARE,
    "arrived": ON_ITS_WAY,
}
FOLLOWUP_POINTS = [
    p
    for flow in FLOWS
    if flow != "new"
    for p in points(flow, FOLLOWUP_BASES.get(flow, BASE), TODAY)
    if p.question_id is not None  # a finished follow-up is never stored: it updates the order
]
# A dispute opened on a partial claim asks what the buyer asked for (questions the base above,
# a parcel with a full claim, never reaches).
PARTIAL_CLAIM = Situation(today=TODAY, received=True, problem="damaged", usable=True, price=40)
FOLLOWUP_POINTS += [p for p in points("opened", PARTIAL_CLAIM, TODAY) if p.question_id]
# A price corrected under a dispute that asked part of it asks what the dispute asks.
PARTIAL_ASK = PARTIAL_CLAIM.model_copy(
    update={"dispute": Dispute(stage=Stage.open, opened_on=TODAY, requested_amount=12)}
)
FOLLOWUP_POINTS += [p for p in points("correction", PARTIAL_ASK, TODAY) if p.question_id]
# A dispute that says what it asks, won: all of it, or less (typed).
FOLLOWUP_POINTS += [p for p in points("won", PARTIAL_ASK, TODAY) if p.question_id]
# Receipt confirmed: its date is the one to correct.
CONFIRMED = PARTIAL_CLAIM.model_copy(update={"receipt_confirmed_on": TODAY})
FOLLOWUP_POINTS += [p for p in points("correction", CONFIRMED, TODAY) if p.question_id]
# A dispute at a dated step: that step's date is one to correct.
for _stage in (Stage.evidence_requested, Stage.return_agreed, Stage.return_shipped, Stage.won):
    _dated = Dispute(stage=_stage, opened_on=TODAY - dt.timedelta(days=9), since=TODAY)
    _at_step = PARTIAL_CLAIM.model_copy(update={"dispute": _dated})
    FOLLOWUP_POINTS += [p for p in points("correction", _at_step, TODAY, 1) if p.question_id]
# An accepted offer: the day it was accepted is the one to correct.
_taken = Dispute(
    stage=Stage.won,
    since=TODAY,
    requested_solution="refund_only",
    requested_amount=12,
    offer_solution="refund_only",
    offer_amount=12,
)
_accepted = PARTIAL_CLAIM.model_copy(update={"dispute": _taken})
FOLLOWUP_POINTS += [p for p in points("correction", _accepted, TODAY, 1) if p.question_id]
# A short shipment: its counts are a detail to correct.
SHORT = PARTIAL_CLAIM.model_copy(
    update={"problem": Problem.short_quantity, "quantity_ordered": 5, "quantity_received": 3}
)
FOLLOWUP_POINTS += [p for p in points("correction", SHORT, TODAY) if p.question_id]
# A parcel without a price that arrives: its price (and currency) are asked.
FOLLOWUP_POINTS += [p for p in points("arrived", BARE, TODAY) if p.question_id]
# A parcel marked delivered: the delivery chosen is a detail to correct.
DELIVERED = BARE.model_copy(update={"delivery_status": DeliveryStatus.delivered_not_received})
FOLLOWUP_POINTS += [p for p in points("correction", DELIVERED, TODAY) if p.question_id]
ALL_POINTS = NEW_POINTS + FOLLOWUP_POINTS
_users = itertools.count(500_000)

# One of each kind of input, sent at every state in turn (the random examples go further).
BATTERY = [
    Event("text", "x" * 5000),
    Event("text", "<b>' OR 1=1; --</b> 🙂\x00"),
    Event("press", "q:{qid}:c:zz"),
    Event("press", "q:{qid}:back"),
    Event("press", "o:{order}:ofr"),
    Event("press", "a:save", "999"),
    *(Event("kind", kind) for kind in sorted(MESSAGE_KINDS)),
    Event("edited", "hello"),
]

# FUZZ_EXAMPLES=5000 for a long hunt; the default keeps the file well under a minute.
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


async def _run(
    bot: BotHarness,
    spy: driver.ErrorSpy,
    caplog: pytest.LogCaptureFixture,
    point: Point,
    lang: str | None,
    sequence: Sequence[Event],
) -> None:
    """Walk a fresh user to `point`, send `sequence`, and check after every update."""
    user_id = next(_users)
    await driver.arrive(bot, user_id, lang or "ru", point, SAVED_PATH)
    for event in sequence:
        before, logged = len(bot.request.calls), len(caplog.records)
        update = await driver.send(bot, user_id, lang, event)
        calls = bot.request.calls[before:]
        assert not spy.unexpected(), f"{event} at {point.label}: {spy.unexpected()!r}"
        assert not driver.error_records(caplog.records[logged:]), event
        assert not bot.request.rejections, f"{event} at {point.label}: {bot.request.rejections}"
        driver.check_answered(update, event, calls)
        await driver.check_state(bot, user_id)
    await driver.check_database(bot, user_id)


@pytest.fixture
def spy(fuzz_bot: BotHarness) -> driver.ErrorSpy:
    """An error handler that records what reached the application's error handlers."""
    recorder = driver.ErrorSpy()
    fuzz_bot.app.add_error_handler(recorder)
    return recorder


def test_the_walks_reach_every_question_of_every_flow() -> None:
    reached = {(p.flow, p.question_id or DONE) for p in ALL_POINTS}
    for flow in FLOWS:
        missing = {qid for qid in every_question_id(flow) if (flow, qid) not in reached}
        assert not missing, f"{flow}: {missing}"
    assert ("new", DONE) in reached  # the advice card


async def test_every_state_survives_one_of_each_kind_of_input(
    fuzz_bot: BotHarness, spy: driver.ErrorSpy, caplog: pytest.LogCaptureFixture
) -> None:
    # One state per question (and the advice card) of every flow; the rest are fuzzed below.
    firsts = {(p.flow, p.question_id): p for p in reversed(ALL_POINTS)}
    for point in firsts.values():
        await _run(fuzz_bot, spy, caplog, point, "en", BATTERY)


@FUZZ
@given(
    point=st.sampled_from(ALL_POINTS),
    lang=st.sampled_from(["ru", "en", None, "uk", "zz"]),
    sequence=st.lists(events, min_size=1, max_size=4),
)
async def test_random_input_at_a_random_state(
    fuzz_bot: BotHarness,
    spy: driver.ErrorSpy,
    caplog: pytest.LogCaptureFixture,
    point: Point,
    lang: str | None,
    sequence: list[Event],
) -> None:
    await _run(fuzz_bot, spy, caplog, point, lang, sequence)


@FUZZ
@given(sequence=st.lists(events, min_size=1, max_size=8))
async def test_random_input_without_a_conversation(
    fuzz_bot: BotHarness,
    spy: driver.ErrorSpy,
    caplog: pytest.LogCaptureFixture,
    sequence: list[Event],
) -> None:
    user_id = next(_users)
    for event in [Event("text", "/start"), *sequence]:
        before = len(fuzz_bot.request.calls)
        update = await driver.send(fuzz_bot, user_id, "en", event)
        assert not spy.unexpected(), f"{event}: {spy.unexpected()!r}"
        assert not driver.error_records(caplog.records), event
        driver.check_answered(update, event, fuzz_bot.request.calls[before:])
        await driver.check_state(fuzz_bot, user_id)
    await driver.check_database(fuzz_bot, user_id)


async def test_the_checks_catch_a_handler_that_raises(
    fuzz_bot: BotHarness,
    spy: driver.ErrorSpy,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The fuzz's own oracle must be able to fail: a crashing handler is seen by the spy.
    from handlers.conversation import answers

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(answers, "answer_text", broken)
    point = next(p for p in NEW_POINTS if p.question_id == "shipped_on")
    with pytest.raises(AssertionError, match="boom"):
        await _run(fuzz_bot, spy, caplog, point, "en", [Event("text", "yesterday")])


async def test_an_unknown_command_gets_an_answer(fuzz_bot: BotHarness) -> None:
    await fuzz_bot.send_text(600_000, "/foo", "en")
    assert fuzz_bot.request.sent(), "the bot stayed silent"
