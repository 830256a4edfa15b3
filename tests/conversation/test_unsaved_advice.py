"""The advice card of an unsaved order: saving it, and leaving it for the menu without losing it."""

from __future__ import annotations

import pytest

from locales import get_translator
from tests.conversation.support import conversation_of, put_state, walk
from tests.support.harness import BotHarness

# The seller asks to close an open dispute: keep it open, no deadline is known.
NO_DEADLINES = ["c:no", "c:in_transit", "c:seller_asks_to_close", "m", "s", "s", "s"]
# A parcel in transit with protection ending in 20 days: deadlines to remind of.
WITH_DEADLINES = ["c:no", "c:in_transit", "c:none", "s", "c:no", "20 days", "c:no_reply", "m"]
WITH_DEADLINES += ["s", "s", "s", "s"]


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize(
    ("path", "note"),
    [
        (NO_DEADLINES, "Saved. There is no deadline to remind you of for now."),
        (WITH_DEADLINES, "Saved. I will remind you before the deadlines."),
    ],
    ids=["no_deadlines", "deadlines"],
)
async def test_the_saved_note_promises_reminders_only_when_there_are_deadlines(
    bot: BotHarness, lang: str, path: list[str], note: str
) -> None:
    await put_state(bot, 600, lang, path)
    await walk(bot, 600, lang, ["q:details:skip"])
    stored = await conversation_of(bot, 600)
    assert stored is not None and stored.flow == "advice"
    await walk(bot, 600, lang, ["a:save"])
    assert bot.answered_callbacks()[-1].params.get("text") == get_translator(lang).gettext(note)
