"""A second tap on a button just handled is answered quietly and does nothing.

Telegram delivers both taps of a quick double tap. Where the first changed the screen (the next
question, the card, the deleted order's farewell) the second found its button out of date and
put a warning and a menu under the right result (review AG); where the screen stayed, it acted
again: a text sent twice, an evidence option ticked and unticked (walk AI). What is kept
is only the last few seconds' presses, in the application's memory, bounded: a restart forgets
them, and then the second tap is merely answered as out of date, as before.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from typing import Any

from telegram import Message, Update
from telegram.ext import ContextTypes

# Longer than a double tap (the second is handled right after the first: one user's updates
# go in order), shorter than a deliberate second press such as unticking an option again.
WINDOW_SECONDS = 1.5
_MAX_KEPT = 4096

_Message = tuple[int, int]  # chat id, message id
_KEY = "handled_presses"  # bot_data key


def _handled(context: ContextTypes.DEFAULT_TYPE) -> OrderedDict[_Message, tuple[str, float]]:
    """Each message's last handled press: its callback data and when it was handled."""
    data: dict[str, Any] = context.bot_data
    return data.setdefault(_KEY, OrderedDict())


def _press_of(update: Update) -> tuple[_Message, str] | None:
    query = update.callback_query
    if query is None or query.data is None or not isinstance(query.message, Message):
        return None
    return (query.message.chat.id, query.message.message_id), query.data


def remember_press(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Note that this update's button press has been handled (nothing for other updates)."""
    press = _press_of(update)
    if press is None:
        return
    message, data = press
    handled = _handled(context)
    now = time.monotonic()
    handled.pop(message, None)
    handled[message] = (data, now)
    # Oldest first: drop what has aged out of the window, and the oldest beyond the bound.
    while handled and (
        len(handled) > _MAX_KEPT or next(iter(handled.values()))[1] < now - WINDOW_SECONDS
    ):
        handled.popitem(last=False)


def is_repeat(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Whether the message's last handled press, within the last moments, was this button:
    tick A, tick B, untick A stays three presses (review AK)."""
    press = _press_of(update)
    if press is None:
        return False
    message, data = press
    last = _handled(context).get(message)
    return last is not None and last[0] == data and time.monotonic() - last[1] <= WINDOW_SECONDS


def forget_presses(bot_data: dict[str, Any]) -> None:
    """Forget the presses handled so far, as the window's passing would."""
    bot_data.pop(_KEY, None)
