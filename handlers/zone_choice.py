"""The buttons that choose a time zone: the common zones by city, from Settings (`s:tz:N`) or
from an order card (`zc:ORDER:N`, walk A), and a suggested zone's one-tap button."""

from __future__ import annotations

from collections.abc import Callable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from handlers.callbacks import make
from handlers.zone_names import zone_city, zone_label
from locales import N_
from locales.runtime import _, translator

COMMON_ZONES: tuple[str, ...] = (
    "Europe/Kaliningrad",
    "Europe/Moscow",
    "Europe/Samara",
    "Asia/Yekaterinburg",
    "Asia/Omsk",
    "Asia/Novosibirsk",
    "Asia/Krasnoyarsk",
    "Asia/Irkutsk",
    "Asia/Vladivostok",
    "Europe/Minsk",
    "Europe/Kyiv",
    "Asia/Almaty",
    "Asia/Tashkent",
    "Europe/Berlin",
    "Europe/London",
    "America/New_York",
    # Walk A: a US buyer found only New York. Appended: a button holds its zone's position.
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "Australia/Sydney",
)

# The order card's way to the zone reminders count in: its callback namespace, its label, and
# the codes after the order's id: keep the zone in use, back to the card, a named zone.
CARD_NAMESPACE = "zc"
MY_ZONE_LABEL = N_("🕒 My time zone")
KEEP, BACK, NAMED = "k", "b", "n"

# Zone names travel in callback data with "." for "/" (which the data's parts may not hold;
# no IANA name has a dot).
ZONE_SEPARATOR = "."


# The zones an English-speaking buyer most likely lives in, shown to them first (walk E: a
# Chicago buyer met fourteen Russian and neighbouring cities before their own).
ENGLISH_FIRST: tuple[str, ...] = (
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "Europe/London",
    "Australia/Sydney",
    "Europe/Berlin",
)


def zones_in_display_order(lang: str) -> list[int]:
    """The indexes of COMMON_ZONES in the order the buttons show them in this language."""
    indexes = list(range(len(COMMON_ZONES)))
    if lang != "en":
        return indexes
    first = [COMMON_ZONES.index(zone) for zone in ENGLISH_FIRST]
    return [*first, *(index for index in indexes if index not in first)]


def zone_rows(pick: Callable[[int], str]) -> list[list[InlineKeyboardButton]]:
    """The common time zones (by city and offset, in the user's language, the likeliest first)
    two per row; `pick` makes a button's callback data from the zone's index in COMMON_ZONES."""
    tr = translator()
    buttons = [
        InlineKeyboardButton(zone_label(COMMON_ZONES[index], tr.locale), callback_data=pick(index))
        for index in zones_in_display_order(tr.lang)
    ]
    return [buttons[i : i + 2] for i in range(0, len(buttons), 2)]


def named_zone_data(zone: str, order_id: int | None) -> str:
    """A suggested zone's callback data: for Settings, or for the card of `order_id`."""
    name = zone.replace("/", ZONE_SEPARATOR)
    if order_id is None:
        return make("s", "tzn", name)
    return make(CARD_NAMESPACE, order_id, NAMED, name)


def zone_of_data(name: str) -> str:
    """The zone name a suggested zone's button carries."""
    return name.replace(ZONE_SEPARATOR, "/")


def card_zones_keyboard(order_id: int, current: str) -> InlineKeyboardMarkup:
    """From an order card: keep the zone in use (`current`), one of the common zones, or back
    to the card."""
    city = zone_city(current, translator().locale)
    keep = InlineKeyboardButton(
        _("✅ Keep %(zone)s") % {"zone": city}, callback_data=make(CARD_NAMESPACE, order_id, KEEP)
    )
    back = InlineKeyboardButton(
        _("⬅️ Back to the order"), callback_data=make(CARD_NAMESPACE, order_id, BACK)
    )
    rows = zone_rows(lambda index: make(CARD_NAMESPACE, order_id, index))
    return InlineKeyboardMarkup([[keep], *rows, [back]])
