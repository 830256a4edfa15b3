"""Time zones by city: "Vladivostok", "Владивосток" or "new york" typed instead of an IANA name."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from zoneinfo import available_timezones

from babel.dates import get_timezone_location

from locales import LANGUAGES

# Region prefixes of zone names that are not places (or only old aliases of them).
_NOT_PLACES = ("Etc/", "SystemV/", "US/", "Canada/", "Brazil/", "Chile/", "Mexico/")


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
    for zone in ordered:
        found.setdefault(_fold(zone.rsplit("/", 1)[1]), zone)
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
    """The zone of a typed city name (any letter case), or None if no zone has that city."""
    return zones_by_city(preferred).get(_fold(text))
