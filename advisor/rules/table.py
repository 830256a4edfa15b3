"""Rules 4-14 of DOMAIN.md section 4 in table order: the case itself, whatever the date."""

from __future__ import annotations

from collections.abc import Callable

from advisor.rules.base import Facts, Outcome
from advisor.rules.not_received import (
    rule_04_in_transit,
    rule_05_no_tracking,
    rule_06_returned_to_seller,
    rule_07_at_customs,
    rule_08_wrong_address,
    rule_09_delivered_not_received,
    rule_10_tracking_other_address,
)
from advisor.rules.received import (
    rule_11_not_worth_dispute,
    rule_12_full_refund,
    rule_13_short_quantity,
    rule_14_partial,
)

Rule = Callable[[Facts], Outcome | None]

CASE_RULES: tuple[Rule, ...] = (
    rule_04_in_transit,
    rule_05_no_tracking,
    rule_06_returned_to_seller,
    rule_07_at_customs,
    rule_08_wrong_address,
    rule_09_delivered_not_received,
    rule_10_tracking_other_address,
    rule_11_not_worth_dispute,
    rule_12_full_refund,
    rule_13_short_quantity,
    rule_14_partial,
)


def case_outcome(facts: Facts) -> Outcome:
    """The first of rules 4-14 that applies (a valid Situation always matches one)."""
    for rule in CASE_RULES:
        outcome = rule(facts)
        if outcome is not None:
            return outcome
    raise ValueError("no rule matches the situation")  # unreachable for a valid Situation
