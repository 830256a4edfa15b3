"""Helpers for driving the questionnaire through the real Application."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from advisor.questionnaire import (
    FlowState,
    answer_choice,
    answer_text,
    finish_multi,
    skip,
    start,
    toggle_option,
)
from handlers.clock import user_today
from storage import conversations
from storage.models import Conversation
from tests.support.harness import BotHarness
from tests.support.recording import Call

PHOTO = {"photo": [{"file_id": "p1", "file_unique_id": "pu1", "width": 90, "height": 90}]}
STICKER = {
    "sticker": {
        "file_id": "s1",
        "file_unique_id": "su1",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
    }
}
VOICE = {"voice": {"file_id": "v1", "file_unique_id": "vu1", "duration": 3}}
DOCUMENT = {"document": {"file_id": "d1", "file_unique_id": "du1", "file_name": "a.pdf"}}
WRONG_TYPES = {"photo": PHOTO, "sticker": STICKER, "voice": VOICE, "document": DOCUMENT}


def today() -> dt.date:
    """Today in the default time zone, as the bot sees it for a user without one."""
    return user_today(None, "Europe/Moscow")


async def walk(bot: BotHarness, user_id: int, lang: str, steps: list[str]) -> None:
    """Press button data or type text: a step starting with `q:`, `a:`, `m:`, `o:`, `fu:` or
    `zc:` is a button."""
    for step in steps:
        if step.split(":")[0] in ("q", "a", "m", "o", "fu", "zc"):
            await bot.press(user_id, step, lang, message_id=await message_id(bot, user_id))
        else:
            await bot.send_text(user_id, step, lang)


async def message_id(bot: BotHarness, user_id: int) -> int:
    """The message the user's conversation shows (1 when none is recorded)."""
    conversation = await conversations.get(bot.runtime.db, user_id)
    return (conversation.message_id if conversation else None) or 1


def answers_part(state: dict[str, Any] | FlowState) -> dict[str, Any]:
    """A questionnaire state without its counter's memory: what the user answered, and where."""
    dumped = state.model_dump(mode="json") if isinstance(state, FlowState) else dict(state)
    dumped.pop("total_seen", None)
    return dumped


def saved_away(conversation: Conversation | None) -> bool:
    """Whether nothing unsaved is left after "Save": no conversation, or only the question of
    the time zone the reminders come in (asked after a first save)."""
    return conversation is None or conversation.flow == "tz"


async def conversation_of(bot: BotHarness, user_id: int) -> Conversation | None:
    """The user's stored conversation row."""
    return await conversations.get(bot.runtime.db, user_id)


def question_id(call: Call) -> str | None:
    """The question a screen shows, read from its `q:` buttons."""
    for data in call.button_data():
        parts = data.split(":")
        if parts[0] == "q" and len(parts) >= 3:
            return parts[1]
    return None


def engine_state(answers: list[str], when: dt.date | None = None) -> FlowState:
    """A new-order state built with the engine: `c:code`, `t:code` toggle, `m`, `s`, or text."""
    day = when or today()
    state = start("new")
    for answer in answers:
        if answer.startswith("c:"):
            state = answer_choice(state, answer[2:], day)
        elif answer.startswith("t:"):
            state = toggle_option(state, answer[2:], day)
        elif answer == "m":
            state = finish_multi(state, day)
        elif answer == "s":
            state = skip(state, day)
        else:
            state, parsed = answer_text(state, answer, day)
            assert parsed.ok, answer
    return state


async def put_state(bot: BotHarness, user_id: int, lang: str, answers: list[str]) -> FlowState:
    """Make the user known, then store a questionnaire state for them directly."""
    await bot.send_text(user_id, "/start", lang)
    state = engine_state(answers)
    dumped: dict[str, Any] = state.model_dump(mode="json")
    await conversations.save(bot.runtime.db, user_id, "q", dumped, message_id=1)
    return state


def plain(text: str) -> str:
    """HTML text as the user reads it (entities decoded, tags kept)."""
    return html.unescape(text)
