"""Comparing money amounts the way DOMAIN.md section 8 does: in whole cents, 0.01 tolerance."""

from __future__ import annotations

from decimal import Decimal


def cents(amount: float) -> int:
    """The amount in whole cents (12.3 -> 1230, not 1229.9999 as float arithmetic gives)."""
    return round(amount * 100)


def at_least(amount: float, target: float) -> bool:
    """True when `amount` is at least `target` less one cent: an offer of 12.29 meets 12.30."""
    return cents(amount) >= cents(target) - 1


def shortfall_share(price: float, ordered: int, received: int) -> float:
    """Rule 13: what the missing pieces cost, round(price x missing / ordered, 2) as DOMAIN.md
    section 8 writes it (dividing first rounds differently by a cent)."""
    return round(price * (ordered - received) / ordered, 2)


# Currencies of 20 or more to the US dollar: prices run to hundreds and thousands of them.
_SMALL_UNIT_CURRENCIES = frozenset(
    {
        "RUB", "UAH", "KZT", "JPY", "KRW", "INR", "HUF", "CLP", "COP", "IDR", "VND", "PKR",
        "AMD", "UZS", "KGS", "TRY", "THB", "PHP", "CZK", "RSD", "ISK", "TWD", "EGP", "NGN",
        "LKR", "MNT", "ARS", "DZD", "KES", "BDT", "IQD", "IRR", "LBP", "MMK", "KHR", "LAK",
    }
)  # fmt: skip


def example_amounts(currency: str) -> tuple[Decimal, Decimal]:
    """Two amounts to show as examples in `currency`, sized as its prices are (walk CI: "990"
    as an example for a $24.99 order read as roubles)."""
    if currency.upper() in _SMALL_UNIT_CURRENCIES:
        return Decimal(990), Decimal(1250)
    return Decimal("19.90"), Decimal(125)
