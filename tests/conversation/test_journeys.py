"""Complete questionnaire journeys through the real Application, in Russian and English."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from advisor import labels
from advisor.models import Action, DeadlineKind, Reason
from locales import get_translator
from storage import texts
from tests.conversation.support import conversation_of, plain, question_id, today, walk
from tests.support.harness import BotHarness, make_settings

CYRILLIC = re.compile("[а-яА-ЯёЁ]")

NOT_RECEIVED = {
    "en": ["12 days ago", "in 2 days"],
    "ru": ["12 дней назад", "через 2 дня"],
}


def _not_received_steps(lang: str) -> list[str]:
    shipped, protection = NOT_RECEIVED[lang]
    return [
        "/new",
        "q:received:c:no",
        "q:delivery_status:c:in_transit",
        "q:dispute_stage:c:none",
        shipped,
        "q:receipt_confirmed:c:no",
        protection,
        "q:seller_contact:c:no_reply",
        "q:evidence:t:tracking_screenshot",
        "q:evidence:done",
        "25.40 $",
        "wireless earbuds",
        "8123456789012345",
        "RB123456785GB",
        "q:details:skip",
    ]


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_not_received_journey_ends_in_a_dispute_card_and_texts(
    bot: BotHarness, lang: str
) -> None:
    tr = get_translator(lang)
    await walk(bot, 101, lang, _not_received_steps(lang))
    card = plain(bot.last().text)
    assert labels.action_title(tr, Action.open_dispute) in card
    assert labels.reason_wording(tr, Reason.in_transit_protection_expiring) in card
    assert tr.format_money(25.4, "USD") in card
    protection_end = today() + dt.timedelta(days=2)
    assert f"{labels.deadline_text(tr, DeadlineKind.protection_ends)}: " in card
    assert tr.format_date(protection_end) in card
    assert tr.ngettext("in %(n)s day", "in %(n)s days", 2) % {"n": 2} in card
    assert bool(CYRILLIC.search(card)) is (lang == "ru")
    assert {"a:t:dispute", "a:save", "a:new", "a:menu"} <= set(bot.last().button_data())
    assert (await conversation_of(bot, 101)).flow == "advice"  # type: ignore[union-attr]

    bot.request.clear()
    await walk(bot, 101, lang, ["a:t:dispute"])
    sent = bot.request.sent("sendMessage")
    english = sent[0]
    assert english.params["parse_mode"] == "HTML" and "<pre>" in english.text
    assert "8123456789012345" in english.text and "RB123456785GB" in english.text
    assert not CYRILLIC.search(english.text.split("<pre>")[1])
    share = [b for b in english.buttons if "switch_inline_query" in b]
    assert share and share[0]["switch_inline_query"].startswith("dispute #c")  # the card
    if lang == "ru":
        assert CYRILLIC.search(sent[1].text.split("<pre>")[1])
    assert all(len(call.text) <= 4096 for call in sent)
    saved = await texts.latest(bot.runtime.db, 101)
    assert {(t.kind, t.lang) for t in saved} == {("dispute", lang), ("dispute", "en")}


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_received_damaged_item_gets_a_partial_refund(bot: BotHarness, lang: str) -> None:
    tr = get_translator(lang)
    protection = "in 20 days" if lang == "en" else "через 20 дней"
    await walk(
        bot,
        102,
        lang,
        [
            "/new",
            "q:received:c:yes",
            "q:problem:c:damaged",
            "q:dispute_stage:c:none",
            "q:receipt_confirmed:c:no",
            protection,
            "q:usable:c:yes",
            "q:prefer_return:c:no",
            "q:evidence:t:photos",
            "q:evidence:t:unboxing_video",
            "q:evidence:done",
            "40 $",
            "phone case",
            "q:order_number:skip",
            "q:details:skip",
        ],
    )
    card = plain(bot.last().text)
    assert labels.action_title(tr, Action.open_dispute) in card
    assert labels.reason_wording(tr, Reason.damaged) in card
    assert labels.refund_text(tr, "partial").lower() in card
    assert tr.format_money(12.0, "USD") in card  # 30 % of the price
    assert tr.format_money(40.0, "USD") in card
    assert tr.format_date(today() + dt.timedelta(days=20)) in card
    assert tr.ngettext("in %(n)s day", "in %(n)s days", 20) % {"n": 20} in card

    bot.request.clear()
    await walk(bot, 102, lang, ["a:t:dispute"])
    english = bot.request.sent("sendMessage")[0]
    assert "phone case" in english.text and "$12.00" in english.text

    await walk(bot, 102, lang, ["a:save"])
    rows = await _order_rows(bot, 102)
    assert len(rows) == 1 and rows[0]["label"] == "phone case"
    tr = get_translator(lang)
    saved_note = tr.gettext("Saved. I will remind you before the deadlines.")
    assert bot.answered_callbacks()[-1].params.get("text") == saved_note
    # Never chosen: the time zone the reminders come in is asked next, then the order's card.
    stored = await conversation_of(bot, 102)
    assert stored is not None and stored.flow == "tz"
    city = "Москва" if lang == "ru" else "Moscow"
    assert bot.last().buttons[0]["text"] == tr.gettext("✅ Keep %(zone)s") % {"zone": city}
    await walk(bot, 102, lang, [f"zc:{rows[0]['id']}:k"])
    assert await conversation_of(bot, 102) is None
    assert f"o:{rows[0]['id']}:arc" in bot.last().button_data()


async def _order_rows(bot: BotHarness, user_id: int) -> list[dict[str, object]]:
    async with bot.runtime.db.conn.execute(
        "SELECT * FROM orders WHERE user_id = ?", (user_id,)
    ) as cursor:
        return [dict(row) for row in await cursor.fetchall()]


async def test_a_question_is_edited_in_place_after_a_button_and_sent_after_text(
    bot: BotHarness,
) -> None:
    await walk(bot, 103, "en", ["/new"])
    first = bot.last()
    assert first.method == "sendMessage" and question_id(first) == "received"
    assert re.search(r"1/\d+", first.text)
    await walk(bot, 103, "en", ["q:received:c:no"])
    assert bot.last().method == "editMessageText"
    assert question_id(bot.last()) == "delivery_status"
    await walk(bot, 103, "en", ["q:delivery_status:c:in_transit", "q:dispute_stage:c:none"])
    await walk(bot, 103, "en", ["5 days ago"])
    assert bot.last().method == "sendMessage"
    assert question_id(bot.last()) == "receipt_confirmed"


async def test_user_text_is_escaped_in_the_texts(bot: BotHarness) -> None:
    from tests.conversation.support import put_state

    path = ["c:no", "c:in_transit", "c:none", "s", "c:no", "1 day", "c:no_reply", "m", "9 $"]
    await put_state(bot, 104, "en", path)
    await walk(bot, 104, "en", ["<b>lamp</b> & <script>", "q:order_number:skip"])
    await walk(bot, 104, "en", ["q:tracking_number:skip", "q:details:skip", "a:t:dispute"])
    bodies = [c.text for c in bot.request.sent("sendMessage") if "<pre>" in c.text]
    assert bodies
    assert any("&lt;b&gt;lamp&lt;/b&gt; &amp; &lt;script&gt;" in body for body in bodies)
    assert not any("<script>" in body or "<b>lamp" in body for body in bodies)


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_every_request_of_a_journey_is_valid_for_telegram(bot: BotHarness, lang: str) -> None:
    validation = pytest.importorskip("tests.e2e.validation")
    steps = [*_not_received_steps(lang), "a:t:dispute", "a:back", "q:details:hint"]
    await walk(bot, 105, lang, [*steps, "q:details:skip", "a:save"])
    for call in bot.request.calls:
        validation.validate_params(call.method, call.params)


async def test_the_questionnaire_follows_the_configured_open_now_days(db_path: Path) -> None:
    # OPEN_NOW_DAYS=5: protection ending in 4 days is urgent, so the seller is not asked about.
    bot = await BotHarness(make_settings(db_path, open_now_days=5)).start()
    try:
        await walk(
            bot,
            880,
            "en",
            ["/new", "q:received:c:no", "q:delivery_status:c:no_tracking"],
        )
        await walk(bot, 880, "en", ["q:dispute_stage:c:none", "q:shipped_on:skip"])
        await walk(bot, 880, "en", ["q:receipt_confirmed:c:no", "in 4 days"])
        assert question_id(bot.last()) == "evidence"
    finally:
        await bot.stop()
