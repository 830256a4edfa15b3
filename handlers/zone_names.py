"""Time zones by city or offset: "Vladivostok", "Питер", "new york" or "UTC+3" typed instead of an
IANA name."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from babel import Locale
from babel.core import get_global
from babel.dates import get_timezone_location

from handlers.clock import now_utc, zone_info
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
        "Екб",
        "Ебург",
    ),
    "Asia/Vladivostok": ("Хабаровск", "Khabarovsk"),
    "Europe/Kyiv": (
        "Київ",
        "Kyiv",
        "Одесса",
        "Одеса",
        "Odesa",
        "Odessa",
        "Харьков",
        "Харків",
        "Kharkiv",
        "Kharkov",
        "Львов",
        "Львів",
        "Lviv",
        "Днепр",
        "Дніпро",
        "Dnipro",
        "Запорожье",
        "Запоріжжя",
        "Zaporizhzhia",
    ),
    "Asia/Almaty": (
        "Астана",
        "Astana",
        "Нур-Султан",
        "Нур Султан",
        "Нурсултан",
        "Nur-Sultan",
        "Nursultan",
        "Караганда",
        "Karaganda",
        "Шымкент",
        "Shymkent",
    ),
    "Asia/Kamchatka": ("Камчатка", "Kamchatka", "Petropavlovsk-Kamchatsky"),
    "Asia/Jerusalem": ("Тель-Авив", "Tel Aviv", "Хайфа", "Haifa"),
    "Europe/Berlin": ("Munich", "Мюнхен", "Гамбург", "Hamburg", "Франкфурт", "Frankfurt"),
    "Europe/Minsk": ("Гомель", "Gomel", "Брест", "Brest", "Гродно", "Grodno"),
    "Asia/Tashkent": ("Самарканд", "Samarkand"),
    # Walk A: "NYC" and "Brooklyn" were unknown to a New York buyer.
    "America/New_York": (
        "NYC",
        "NY",
        "Brooklyn",
        "Manhattan",
        "Queens",
        "Bronx",
        "Boston",
        "Washington",
        "Washington DC",
        "Philadelphia",
        "Atlanta",
        "Miami",
        "Orlando",
        "Pittsburgh",
        "Charlotte",
        "Baltimore",
        "Ottawa",
        "Montreal",
        *("Columbus", "Cleveland", "Cincinnati", "Tampa", "Jacksonville", "Raleigh"),
        *("Indianapolis", "Louisville", "New York State", "New Jersey", "Pennsylvania"),
        *("Massachusetts", "Connecticut", "Rhode Island", "Vermont", "New Hampshire", "Maine"),
        *("Maryland", "Delaware", "Virginia", "West Virginia", "North Carolina"),
        *("South Carolina", "Georgia State", "Florida", "Ohio", "Michigan", "Indiana"),
        *("Kentucky", "Ontario", "Quebec"),
    ),
    "Europe/London": ("Manchester", "Birmingham", "Liverpool", "Edinburgh", "Glasgow", "Leeds"),
    "Asia/Shanghai": ("Beijing", "Пекин", "Guangzhou", "Гуанчжоу", "Shenzhen", "Шэньчжэнь"),
    # Walk C: "Texas", "Fort Worth", "El Paso" were unknown to a Dallas buyer. A state spanning
    # two zones goes by the one most of its people keep (the card names the zone chosen).
    "America/Chicago": (
        *("Houston", "Dallas", "Fort Worth", "Austin", "San Antonio", "Minneapolis"),
        *("New Orleans", "Memphis", "Nashville", "St. Louis", "Saint Louis", "Kansas City"),
        *("Milwaukee", "Oklahoma City", "Omaha", "Winnipeg"),
        *("Texas", "Illinois", "Minnesota", "Wisconsin", "Iowa", "Missouri", "Arkansas"),
        *("Louisiana", "Mississippi", "Alabama", "Oklahoma", "Kansas", "Nebraska", "Tennessee"),
        *("North Dakota", "South Dakota", "Manitoba"),
    ),
    "America/Denver": (
        *("Salt Lake City", "Albuquerque", "Calgary", "Colorado Springs", "El Paso", "Boise"),
        *("Colorado", "Utah", "New Mexico", "Wyoming", "Montana", "Idaho", "Alberta"),
    ),
    "America/Phoenix": ("Arizona", "Tucson"),
    "America/Los_Angeles": (
        *("LA", "San Francisco", "SF", "San Diego", "San Jose", "Sacramento", "Oakland"),
        *("Seattle", "Portland", "Las Vegas", "California", "Washington State", "Oregon"),
        "Nevada",
    ),
    "America/Vancouver": ("British Columbia",),
    "America/Anchorage": ("Alaska",),
    "Pacific/Honolulu": ("Hawaii",),
}
# "UTC+3", "GMT-5", "+7", "UTC+5:30": a fixed offset (Etc/GMT names count the other way round).
_OFFSET = re.compile(r"^(?:utc|gmt)?\s*([+\-−])\s*(\d{1,2})(?:[:.]?(\d{2}))?$")
# "МСК+4": how Russia states its zones, each the one of its best-known city (walk CJ).
_MOSCOW_OFFSET = re.compile(r"^(?:мск|msk)\s*([+\-−])\s*(\d{1,2})$")
_MOSCOW_PLUS = {
    -1: "Europe/Kaliningrad",
    0: "Europe/Moscow",
    1: "Europe/Samara",
    2: "Asia/Yekaterinburg",
    3: "Asia/Omsk",
    4: "Asia/Krasnoyarsk",
    5: "Asia/Irkutsk",
    6: "Asia/Yakutsk",
    7: "Asia/Vladivostok",
    8: "Asia/Magadan",
    9: "Asia/Kamchatka",
}
# The offsets with minutes have no Etc/GMT zone: the place that keeps each all year (walk AU:
# "UTC+5:30" was not understood, "Kolkata" was). Not those that change with summer time
# (Adelaide, Newfoundland, Chatham: review AZ), where the city is asked instead.
_OFFSET_PLACES = {
    ("+", 3, 30): "Asia/Tehran",
    ("+", 4, 30): "Asia/Kabul",
    ("+", 5, 30): "Asia/Kolkata",
    ("+", 5, 45): "Asia/Kathmandu",
    ("+", 6, 30): "Asia/Yangon",
    ("+", 8, 45): "Australia/Eucla",
    ("+", 9, 30): "Australia/Darwin",
    ("-", 9, 30): "Pacific/Marquesas",
}


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
    """The zone of a typed city name (any letter case), UTC offset or Moscow offset, or None."""
    moscow = _MOSCOW_OFFSET.match(_fold(text))
    if moscow is not None:
        hours = int(moscow.group(2))
        return _MOSCOW_PLUS.get(-hours if moscow.group(1) != "+" else hours)
    offset = _OFFSET.match(_fold(text))
    if offset is not None:
        sign, hours = offset.group(1).replace("−", "-"), int(offset.group(2))
        minutes = int(offset.group(3) or 0)
        if minutes:
            return _OFFSET_PLACES.get((sign, hours, minutes))
        east = sign == "+"
        if hours == 0:
            return "UTC"
        if hours <= (14 if east else 12):
            return f"Etc/GMT{'-' if east else '+'}{hours}"
        return None
    found = zones_by_city(preferred).get(_fold(text))
    if found is None and "," in text:
        # "Dallas, TX", "Austin, Texas", "Berlin, Germany": the city, else what follows it.
        for part in text.split(","):
            found = zones_by_city(preferred).get(_fold(part)) or zone_of_country(part, preferred)
            if found is not None:
                break
    return found


# What people call a few countries besides their names in the bot's languages (CLDR's).
_COUNTRY_ALIASES = {
    **dict.fromkeys(("usa", "us", "u.s.", "america", "сша", "америка"), "US"),
    **dict.fromkeys(("uk", "england", "britain", "great britain", "англия"), "GB"),
    **dict.fromkeys(("британия", "великобритания"), "GB"),
    "рф": "RU",
}


@cache
def _countries() -> dict[str, str]:
    """Folded country names (in every language of the bot) → the country's code."""
    found = dict(_COUNTRY_ALIASES)
    for lang in LANGUAGES:
        for code, name in Locale.parse(lang).territories.items():
            if len(code) == 2 and code.isalpha():
                found.setdefault(_fold(name), code)
    return found


def country_zones(text: str, preferred: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The zones of a country typed by name ("Germany", "Россия", "USA"), the `preferred` ones
    first; () when the text names no country."""
    code = _countries().get(_fold(text))
    zones: list[str] = list(get_global("territory_zones").get(code, ())) if code else []
    return tuple(sorted(zones, key=lambda zone: zone not in preferred))


def _offsets(zones: Iterable[str]) -> set[dt.timedelta | None]:
    now = now_utc()
    return {now.astimezone(zone_info(zone)).utcoffset() for zone in zones}


def zone_of_country(text: str, preferred: tuple[str, ...] = ()) -> str | None:
    """The zone of a country typed by name whose clocks all show one time (Germany, Беларусь);
    None for a country with several times (see `has_several_zones`) or no country."""
    zones = country_zones(text, preferred)
    return zones[0] if zones and len(_offsets(zones)) == 1 else None


def has_several_zones(text: str) -> bool:
    """Whether the text names a country whose clocks show different times (Россия, USA)."""
    return len(_offsets(country_zones(text))) > 1


# How close a typo must be to a known name to be offered ("Москав" for Москва, "Berln").
_SIMILAR = 0.8


def similar_zone(text: str, preferred: tuple[str, ...] = ()) -> str | None:
    """The zone of the known city or IANA name closest to a typed one that matched none (a
    typo), or None when nothing is close enough."""
    typed = _fold(text)
    names = {_fold(zone): zone for zone in available_timezones() if "/" in zone}
    names.update(zones_by_city(preferred))
    match = difflib.get_close_matches(typed, names, n=1, cutoff=_SIMILAR)
    return names[match[0]] if match else None


def utc_offset(zone: str) -> str:
    """The zone's current UTC offset, like `UTC+3` or `UTC+5:30`."""
    delta = now_utc().astimezone(zone_info(zone)).utcoffset()
    minutes = int(delta.total_seconds() // 60) if delta else 0
    sign = "+" if minutes >= 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def is_offset_zone(zone: str) -> bool:
    """Whether the zone is a bare UTC offset (UTC, Etc/GMT-5), not a place's time."""
    return "/" not in zone or zone.startswith(("Etc/", "SystemV/"))


def zone_city(zone: str, locale: Locale | str) -> str:
    """How a user knows the zone: its city in their language (Москва, New York); a zone that is
    no place (UTC, Etc/GMT-5, whose sign is the reverse of UTC+5) by its UTC offset."""
    if is_offset_zone(zone):
        return utc_offset(zone)  # changes with the clock (DST): not cached
    return _city(zone, str(locale))


@cache
def _city(zone: str, locale: str) -> str:
    """The CLDR city of a zone in a language: fixed, so looked up in Babel once (~25 µs)."""
    try:
        return str(get_timezone_location(ZoneInfo(zone), locale=locale, return_city=True))
    except (LookupError, ValueError):
        return zone


def zone_label(zone: str, locale: Locale | str) -> str:
    """The zone's city and its offset, `Москва (UTC+3)`; just `UTC+5` for an offset zone."""
    city, offset = zone_city(zone, locale), utc_offset(zone)
    return city if city == offset else f"{city} ({offset})"
