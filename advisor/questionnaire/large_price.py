"""A price far above what AliExpress orders cost, held for the buyer to confirm: an extra digit
("1,000,000,000", "12,500" for 12.50) would go into the dispute's amount unnoticed (walk of
2026-12-03: "$1,000,000,000" was taken, and the advice asked for $333,333,333.33)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from advisor.parsing import Money, Parsed
from locales import N_

PRICE_LARGE = N_(
    "That is a large amount for an AliExpress order: %(amount)s. Please check it for an extra"
    " digit or a misplaced comma."
)

# From these amounts on a price is asked again, by currency (a few thousand dollars' worth);
# in a currency not listed or not known yet, from a million.
LARGE_PRICES: dict[str, Decimal] = {
    **dict.fromkeys(("USD", "EUR", "GBP", "CHF", "CAD", "AUD"), Decimal(10_000)),
    "CNY": Decimal(70_000),
    "RUB": Decimal(1_000_000),
    "UAH": Decimal(400_000),
    "BYN": Decimal(30_000),
    "KZT": Decimal(5_000_000),
}
LARGE_UNKNOWN = Decimal(1_000_000)


def large_price(value: object, known_currency: str | None) -> Parsed[object] | None:
    """The price taken with the word that holds it for confirmation when it is that large (in
    its own currency, else `known_currency`, the order's so far); None otherwise."""
    amount = getattr(value, "amount", None)
    if not isinstance(amount, Decimal):
        return None
    currency = getattr(value, "currency", None) or known_currency
    if amount < LARGE_PRICES.get(currency or "", LARGE_UNKNOWN):
        return None
    # "1000.00 USD" is shown as the language writes money (advisor.parsing.result).
    shown = f"{amount:.2f} {currency}" if currency else f"{amount:.2f}"
    return Parsed(value=value, warning=PRICE_LARGE, params={"amount": shown})


# Said with the warning above when the currency came after the price: the price is not the
# question on screen any more.
PRICE_LARGE_GO_BACK = N_("To fix the price, press “⬅️ Back” until it is asked again.")


def large_in_chosen_currency(answers: dict[str, Any], history: list[str]) -> Parsed[object] | None:
    """The price typed without a currency ("15000") that is large only in the currency chosen
    after it (USD), with the word that says so; None otherwise. Typed alone it was measured
    against an unknown currency's ceiling, so nothing checked it (left alone in the notes of
    2026-12-03)."""
    price = answers.get("price")
    currency = answers.get("currency")
    if "price" not in history or "currency" not in history or not isinstance(currency, str):
        return None
    if not (isinstance(price, list) and len(price) == 2 and price[1] is None):
        return None
    typed = Money(amount=Decimal(str(price[0])))
    if large_price(typed, None) is not None:
        return None  # already held as large when typed, and confirmed
    return large_price(typed, currency.upper())
