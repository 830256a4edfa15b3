"""Comparing money amounts the way DOMAIN.md section 8 does: in whole cents, 0.01 tolerance."""

from __future__ import annotations


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
