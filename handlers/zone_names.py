"""Time zones by city or offset: "Vladivostok", "Питер", "new york" or "UTC+3" typed instead of an
IANA name."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from zoneinfo import available_timezones

from babel.dates import get_timezone_location

from locales import LANGUAGES

# Region prefixes of zone names that are not places (or only old aliases of them).
_NOT_PLACES = ("Etc/", "SystemV/", "US/", "Canada/", "Brazil/", "Chile/", "Mexico/")
# Big cities of the bot's users that no zone is named after (CLDR names only zone cities).
_MORE_CITIES: dict[str, tuple[str, ...]] = {
    "Europe/Moscow": (
        "Санкт-Петербург",
        "Петербург",
        "Питер",
        "СПб",
        "Saint Petersburg",
        "St Petersburg",
        "St. Petersburg",
        "Нижний Новгород",
        "Nizhny Novgorod",
        "Казань",
        "Kazan",
        "Ростов-на-Дону",
        "Rostov-on-Don",
        "Краснодар",
        "Krasnodar",
        "Сочи",
        "Sochi",
        "Воронеж",
        "Voronezh",
        "Ярославль",
        "Тула",
        "Рязань",
        "Мурманск",
        "Архангельск",
    ),
    "Europe/Samara": ("Ижевск", "Izhevsk", "Тольятти", "Togliatti"),
    "Asia/Yekaterinburg": (
        "Уфа",
        "Ufa",
        "Пермь",
        "Perm",
        "Челябинск",
        "Chelyabinsk",
        "Тюмень",
        "Tyumen",
        "Оренбург",
        "Orenburg",
        "Сургут",
        "Surgut",
    ),
    "Asia/Vladivostok": ("Хабаровск", "Khabarovsk"),
    "Asia/Almaty": ("Астана", "Astana"),
    "Europe/Minsk": ("Гомель", "Gomel", "Брест", "Brest", "Гродно", "Grodno"),
    "Asia/Tashkent": ("Самарканд", "Samarkand"),
}
# "UTC+3", "GMT-5", "+7": a fixed offset (Etc/GMT names count the other way round).
_OFFSET = re.compile(r"^(?:utc|gmt)?\s*([+\-−])\s*(\d{1,2})(?::?00)?$")


def _fold(text: str) -> str:
    return " ".join(text.replace("_", " ").split()).casefold()


@cache
def zones_by_city(preferred: tuple[str, ...] = ()) -> dict[str, str]:
    """Folded city names → zone: the zone names' own cities first, then the cities' names in
    every language of the bot (from Babel's CLDR data). `preferred` zones win a shared name
    (Europe/Kyiv over its old alias Europe/Kiev)."""
    places = sorted(z for z in available_timezones() if "/" in z and not z.startswith(_NOT_PLACES))
    ordered = [*preferred, *(z for z in places if z not in preferred)]
    found: dict[str, str] = {}
    for zone, cities in _MORE_CITIES.items():
        for city in cities:
            found[_fold(city)] = zone
    for zone in ordered:
        area_city = zone.split("/")
        if len(area_city) == 2:  # not America/Indiana/Petersburg for "Petersburg"
            found.setdefault(_fold(area_city[1]), zone)
    for lang in LANGUAGES:
        for zone in ordered:
            for city in _cities(zone, lang):
                found.setdefault(_fold(city), zone)
    return found


def _cities(zone: str, lang: str) -> Iterable[str]:
    try:
        city = get_timezone_location(zone, locale=lang, return_city=True)
    except (LookupError, ValueError):  # a zone CLDR does not know
        return ()
    return (city,) if city else ()


def zone_of_city(text: str, preferred: tuple[str, ...] = ()) -> str | None:
    """The zone of a typed city name (any letter case) or UTC offset, or None."""
    offset = _OFFSET.match(_fold(text))
    if offset is not None:
        sign, hours = offset.group(1), int(offset.group(2))
        east = sign == "+"
        if hours == 0:
            return "UTC"
        if hours <= (14 if east else 12):
            return f"Etc/GMT{'-' if east else '+'}{hours}"
        return None
    return zones_by_city(preferred).get(_fold(text))
