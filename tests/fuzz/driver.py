"""Drive a user to a questionnaire state through the bot, send fuzz events, check the aftermath."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.ext import ContextTypes

from advisor.models import Situation
from advisor.questionnaire import FlowState, current_question, held_answer, start
from handlers.callbacks import ForgedCallback
from handlers.clock import user_today
from handlers.conversation import FLOW_ADVICE, FLOW_QUESTION
from handlers.conversation.card_screen import read_advice_state
from handlers.settings import TZ_FLOW
from storage import conversations
from storage.models import Conversation
from tests.fuzz.states import DONE, Point, Step
from tests.fuzz.strategies import CURRENT_MESSAGE, CURRENT_QID, OWN_ORDER, Event
from tests.support.harness import BotHarness
from tests.support.recording import Call

ANSWERS = frozenset({"sendMessage", "editMessageText", "sendDocument", "answerCallbackQuery"})


@dataclass(eq=False)
class ErrorSpy:
    """An extra error handler: every error that reached the application's error handlers."""

    errors: list[BaseException] = field(default_factory=list)

    async def __call__(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Record the error."""
        if context.error is not None:
            self.errors.append(context.error)

    def unexpected(self) -> list[BaseException]:
        """Errors other than refused forged button data (which the bot answers by design)."""
        return [error for error in self.errors if not isinstance(error, ForgedCallback)]


def today(bot: BotHarness) -> dt.date:
    """Today for a user without a time zone of their own."""
    return user_today(None, bot.runtime.default_timezone)


async def conversation(bot: BotHarness, user_id: int) -> Conversation | None:
    """The user's stored conversation row."""
    return await conversations.get(bot.runtime.db, user_id)


async def _message_id(bot: BotHarness, user_id: int) -> int:
    stored = await conversation(bot, user_id)
    return (stored.message_id if stored else None) or 1


async def do_step(bot: BotHarness, user_id: int, lang: str, step: Step) -> None:
    """Give one valid answer the way a user would: a button of the shown question, or text."""
    if step.op == "x":
        await bot.send_text(user_id, step.value, lang)
        await _confirm_held(bot, user_id, lang)
        return
    stored = await conversation(bot, user_id)
    assert stored is not None and stored.flow == FLOW_QUESTION, "no question is shown"
    question = current_question(FlowState.model_validate(stored.state), today(bot))
    assert question is not None
    op = {"c": ["c", step.value], "t": ["t", step.value], "m": ["done"], "s": ["skip"]}[step.op]
    data = ":".join(["q", question.id, *op])
    await bot.press(user_id, data, lang, message_id=await _message_id(bot, user_id))


async def _confirm_held(bot: BotHarness, user_id: int, lang: str) -> None:
    """A typed answer held for confirmation (a protection end already passed) confirmed, as the
    user who meant it would: the engine's own walk takes it at once."""
    stored = await conversation(bot, user_id)
    if stored is None or stored.flow != FLOW_QUESTION:
        return
    state = FlowState.model_validate(stored.state)
    if held_answer(state, today(bot)) is None:
        return
    question = current_question(state, today(bot))
    assert question is not None
    data = ":".join(["q", question.id, "ok"])
    await bot.press(user_id, data, lang, message_id=await _message_id(bot, user_id))


async def arrive(
    bot: BotHarness, user_id: int, lang: str, point: Point, saved_path: Point | None
) -> None:
    """Walk the user to `point` with valid answers; a follow-up first saves `saved_path`'s order."""
    if point.flow != "new":
        assert saved_path is not None
        await arrive(bot, user_id, lang, saved_path, None)
        await bot.press(user_id, "a:save", lang, message_id=await _message_id(bot, user_id))
        order_id = await latest_order_id(bot, user_id)
        assert order_id is not None, "the order was not saved"
        # What the order card's follow-up button does: the follow-up starts on the saved order.
        base = await bot.runtime.db.conn.execute_fetchall(
            "SELECT situation FROM orders WHERE id = ?", (order_id,)
        )
        saved = Situation.model_validate_json(base[0][0])
        if point.state.base is not None and point.state.base != saved.model_dump(mode="json"):
            # The point's own saved order (the details follow-up asks what the order lacks: it
            # is saved without it; an opened dispute asks the ask of a partial claim).
            saved = Situation.model_validate(point.state.base)
            async with bot.runtime.db.transaction() as conn:
                await conn.execute(
                    "UPDATE orders SET situation = ?, stage = ? WHERE id = ?",
                    (saved.model_dump_json(), saved.dispute.stage.value, order_id),
                )
        state = start(point.flow, saved)
        await conversations.save(
            bot.runtime.db,
            user_id,
            FLOW_QUESTION,
            state.model_dump(mode="json"),
            order_id=order_id,
            message_id=await _message_id(bot, user_id),
        )
    else:
        await bot.send_text(user_id, "/new", lang)
    for step in point.steps:
        await do_step(bot, user_id, lang, step)
    stored = await conversation(bot, user_id)
    assert stored is not None
    if point.question_id is None:
        assert stored.flow == FLOW_ADVICE, point.label
    else:
        assert stored.flow == FLOW_QUESTION, point.label
        reached = FlowState.model_validate(stored.state)
        assert reached.history == point.state.history, point.label
        assert current_question(reached, today(bot)) == current_question(point.state, today(bot))


async def latest_order_id(bot: BotHarness, user_id: int) -> int | None:
    """The id of the user's newest order, if any."""
    rows = await bot.runtime.db.conn.execute_fetchall(
        "SELECT max(id) FROM orders WHERE user_id = ?", (user_id,)
    )
    return rows[0][0] if rows else None


async def _resolve(bot: BotHarness, user_id: int, text: str) -> str:
    """Fill the placeholders of generated button data with the user's real ids."""
    stored = await conversation(bot, user_id)
    qid = "none"
    if stored is not None and stored.flow == FLOW_QUESTION:
        question = current_question(FlowState.model_validate(stored.state), today(bot))
        qid = question.id if question else DONE
    if OWN_ORDER in text:
        text = text.replace(OWN_ORDER, str(await latest_order_id(bot, user_id) or 1))
    return text.replace(CURRENT_QID, qid)


async def send(bot: BotHarness, user_id: int, lang: str | None, event: Event) -> Update:
    """Send one fuzz event as a Telegram update."""
    if event.kind == "text":
        return await bot.send_text(user_id, event.value, lang)
    if event.kind == "press":
        if event.message == CURRENT_MESSAGE:
            message_id = await _message_id(bot, user_id)
        else:
            message_id = int(event.message)
        data = await _resolve(bot, user_id, event.value)
        return await bot.press(user_id, data, lang, message_id=message_id)
    if event.kind == "edited":
        payload = bot.message(user_id, lang, text=event.value or "x", edit_date=1)
        return await bot.process({"edited_message": payload["message"]})
    return await bot.process(bot.message(user_id, lang, **event.payload_fields()))


def must_answer(event: Event) -> bool:
    """Whether the bot owes this event a reply: everything but an edit of an old message."""
    return event.kind != "edited"


def check_answered(update: Update, event: Event, calls: list[Call]) -> None:
    """A button press is answered; every other update gets a visible reply when it is owed."""
    if update.callback_query is not None:
        answered = [
            c
            for c in calls
            if c.method == "answerCallbackQuery"
            and c.params.get("callback_query_id") == update.callback_query.id
        ]
        assert answered, f"callback query {event.value!r} was not answered: {calls}"
    elif must_answer(event):
        assert any(c.method in ANSWERS for c in calls), f"no reply to {event}"


async def check_state(bot: BotHarness, user_id: int) -> None:
    """The stored conversation, if any, is one the bot can carry on from."""
    stored = await conversation(bot, user_id)
    if stored is None:
        return
    assert stored.flow in (FLOW_QUESTION, FLOW_ADVICE, TZ_FLOW), stored.flow
    if stored.flow == FLOW_QUESTION:
        state = FlowState.model_validate(stored.state)
        assert current_question(state, today(bot)) is not None, "a finished questionnaire is kept"
    elif stored.flow == FLOW_ADVICE:
        assert read_advice_state(stored) is not None, stored.state
    if stored.order_id is not None:
        rows = await bot.runtime.db.conn.execute_fetchall(
            "SELECT user_id FROM orders WHERE id = ?", (stored.order_id,)
        )
        assert [tuple(r) for r in rows] == [(user_id,)], "a conversation on another's order"


async def check_database(bot: BotHarness, user_id: int | None = None) -> None:
    """SQLite's own checks pass, and the user's orders hold situations the advisor reads."""
    db = bot.runtime.db
    assert [tuple(r) for r in await db.conn.execute_fetchall("PRAGMA integrity_check")] == [("ok",)]
    assert list(await db.conn.execute_fetchall("PRAGMA foreign_key_check")) == []
    if user_id is not None:
        rows = await db.conn.execute_fetchall(
            "SELECT situation, stage FROM orders WHERE user_id = ?", (user_id,)
        )
        for situation, stage in rows:
            assert Situation.model_validate_json(situation).dispute.stage.value == stage


def error_records(records: list[logging.LogRecord]) -> list[Any]:
    """The ERROR (or worse) log records, as readable tuples."""
    return [(r.name, r.getMessage(), r.exc_info) for r in records if r.levelno >= logging.ERROR]
