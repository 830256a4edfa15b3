"""A time zone chosen after the first save counts the dates typed from today again (walk of
2026-12-03: "6 days" typed at 10 PM in Los Angeles was counted from Moscow's today, already
tomorrow, and the card said "in 7 days" once the zone was chosen)."""

from __future__ import annotations

import datetime as dt

import pytest

from handlers import clock, zone_recount
from handlers.zone_choice import COMMON_ZONES
from handlers.zone_recount import RECOUNTED_NOTE
from locales import get_translator
from storage import orders, users
from tests.conversation.support import conversation_of, put_state, walk
from tests.conversation.test_unsaved_advice import WITH_DEADLINES
from tests.orders.support import stored_situation
from tests.reminders.helpers import moscow, plan_at
from tests.support.harness import BotHarness

DAY = dt.date(2026, 12, 10)
# 02:00 in Moscow on DAY: 15:00 the day before in Los Angeles, the same day in Almaty.
NIGHT_IN_MOSCOW = moscow(DAY, 2)
ENDS_IN_20_DAYS = (DAY + dt.timedelta(days=20)).isoformat()  # "20 days" in WITH_DEADLINES


@pytest.fixture
def moscow_night(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now_utc", lambda: NIGHT_IN_MOSCOW)
    monkeypatch.setattr(zone_recount, "now_utc", lambda: NIGHT_IN_MOSCOW)
    plan_at(monkeypatch, NIGHT_IN_MOSCOW)


async def _saved_with_zone_asked(bot: BotHarness, user_id: int, lang: str) -> int:
    """The WITH_DEADLINES order saved by a user without a zone; the id of the order."""
    await put_state(bot, user_id, lang, WITH_DEADLINES)
    await walk(bot, user_id, lang, ["q:details:skip", "a:save"])
    listed = await orders.list_for_user(bot.runtime.db, user_id)
    assert len(listed) == 1
    situation = await stored_situation(bot, listed[0].id)
    assert situation["protection_ends_on"] == ENDS_IN_20_DAYS  # counted in Moscow
    asked = await conversation_of(bot, user_id)
    assert asked is not None and asked.flow == "tz"  # the zone is being asked
    return listed[0].id


@pytest.mark.usefixtures("moscow_night")
@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_a_zone_a_day_behind_moves_the_protection_end_typed_in_days(
    bot: BotHarness, lang: str
) -> None:
    order_id = await _saved_with_zone_asked(bot, 950, lang)
    los_angeles = COMMON_ZONES.index("America/Los_Angeles")
    await walk(bot, 950, lang, [f"zc:{order_id}:{los_angeles}"])
    situation = await stored_situation(bot, order_id)
    assert situation["protection_ends_on"] == (DAY + dt.timedelta(days=19)).isoformat()
    note = get_translator(lang).gettext(RECOUNTED_NOTE)
    assert note in bot.answered_callbacks()[-1].params["text"]
    assert await conversation_of(bot, 950) is None
    assert f"o:{order_id}:arc" in bot.last("editMessageText").button_data(), "the card is back"


@pytest.mark.usefixtures("moscow_night")
@pytest.mark.parametrize("zone", ["k", "Asia/Almaty"])
async def test_a_zone_with_the_same_today_moves_nothing(bot: BotHarness, zone: str) -> None:
    order_id = await _saved_with_zone_asked(bot, 951, "en")
    code = zone if zone == "k" else str(COMMON_ZONES.index(zone))
    await walk(bot, 951, "en", [f"zc:{order_id}:{code}"])
    assert (await stored_situation(bot, order_id))["protection_ends_on"] == ENDS_IN_20_DAYS
    assert (
        get_translator("en").gettext(RECOUNTED_NOTE)
        not in (bot.answered_callbacks()[-1].params["text"])
    )


@pytest.mark.usefixtures("moscow_night")
async def test_a_typed_city_a_day_behind_moves_it_too(bot: BotHarness) -> None:
    order_id = await _saved_with_zone_asked(bot, 952, "en")
    await bot.send_text(952, "Los Angeles", "en")
    situation = await stored_situation(bot, order_id)
    assert situation["protection_ends_on"] == (DAY + dt.timedelta(days=19)).isoformat()
    saved = [c.text for c in bot.request.sent() if "Time zone saved" in c.text]
    assert saved and get_translator("en").gettext(RECOUNTED_NOTE) in saved[-1]


@pytest.mark.usefixtures("moscow_night")
async def test_the_zone_chosen_later_from_the_card_moves_nothing(bot: BotHarness) -> None:
    """Only the choice right after the save knows which dates were typed from today: Back to
    the order drops it, and the card's own zone button later keeps the dates."""
    order_id = await _saved_with_zone_asked(bot, 953, "en")
    los_angeles = COMMON_ZONES.index("America/Los_Angeles")
    await walk(
        bot, 953, "en", [f"zc:{order_id}:b", f"zc:{order_id}", f"zc:{order_id}:{los_angeles}"]
    )
    assert (await stored_situation(bot, order_id))["protection_ends_on"] == ENDS_IN_20_DAYS


@pytest.mark.parametrize(("lang", "city"), [("ru", "Москва"), ("en", "Moscow")])
async def test_the_deadlines_say_the_default_zone_is_not_the_users_choice(
    bot: BotHarness, lang: str, city: str
) -> None:
    """Walk of 2026-12-03: a US buyer who never chose a zone read "dates in your time zone,
    Moscow" on the advice card."""
    tr = get_translator(lang)
    await put_state(bot, 954, lang, WITH_DEADLINES)
    await walk(bot, 954, lang, ["q:details:skip"])
    default = tr.gettext("Deadlines (dates in %(zone)s time until you choose your zone):")
    assert default % {"zone": city} in bot.last().text
    await users.set_timezone(bot.runtime.db, 954, "Europe/Moscow")
    await walk(bot, 954, lang, ["a:show"])
    chosen = tr.gettext("Deadlines (dates in your time zone, %(zone)s):") % {"zone": city}
    assert chosen in bot.last().text


@pytest.mark.usefixtures("moscow_night")
async def test_another_orders_zone_button_moves_only_its_own_dates(bot: BotHarness) -> None:
    """The dates kept for the order just saved are not applied to another order whose card's
    zone button is pressed while the choice is still open."""
    from tests.orders.support import save

    order_id = await _saved_with_zone_asked(bot, 955, "en")
    user = await users.get(bot.runtime.db, 955)
    assert user is not None
    other = await save(bot, user, protection_ends_on=DAY + dt.timedelta(days=20))
    other_end = (await stored_situation(bot, other.order.id))["protection_ends_on"]
    los_angeles = COMMON_ZONES.index("America/Los_Angeles")
    await walk(bot, 955, "en", [f"zc:{other.order.id}:{los_angeles}"])
    assert (await stored_situation(bot, other.order.id))["protection_ends_on"] == other_end
    assert (await stored_situation(bot, order_id))["protection_ends_on"] == ENDS_IN_20_DAYS
    assert (
        get_translator("en").gettext(RECOUNTED_NOTE)
        not in (bot.answered_callbacks()[-1].params["text"])
    )
