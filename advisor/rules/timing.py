"""Rules 1-3 of DOMAIN.md section 4: timing, judged only while no dispute is open."""

from __future__ import annotations

from advisor.deadlines import earliest_open
from advisor.models import Action, Risk, WarningCode
from advisor.rules.base import Facts, Outcome, Why
from advisor.rules.table import case_outcome


def rule_01_too_late(facts: Facts) -> Outcome | None:
    """Rule 1: "today > window_end -> too_late: no dispute can be opened any more; suggest a
    complaint in the support chat and an honest review" (002, 004).

    `window_end` = (receipt confirmed, else protection end) + after_close_window_days (000, 002,
    003); with neither date known the rule does not fire.
    """
    end = facts.window_end
    if end is None or facts.today <= end:
        return None
    return Outcome(action=Action.too_late, why=[Why.rule_1_too_late])


def rule_02_protection_expired(facts: Facts) -> Outcome | None:
    """Rule 2: "Protection already ended, receipt not confirmed, today <= window_end -> take the
    outcome of rules 4-14 with days_left = 0. If it names a reason, the action is open_dispute,
    risk high, warning protection_expired; otherwise that outcome stands, with the same
    warning." (000, 002, 003: a dispute can still be opened within the window after the end)
    """
    situation = facts.situation
    if facts.days_left is None or facts.days_left >= 0 or situation.receipt_confirmed_on:
        return None
    end = facts.window_end
    if end is None or facts.today > end:
        return None
    outcome = case_outcome(facts.assuming_days_left(0))
    outcome.why.insert(0, Why.rule_2_protection_expired)
    if outcome.reason is not None:
        outcome.action = Action.open_dispute
        outcome.risk = Risk.high
    outcome.warnings.insert(0, WarningCode.protection_expired)
    return outcome


def rule_03_too_early(facts: Facts) -> Outcome | None:
    """Rule 3: "Not received and today < shipped + earliest_open_days -> wait; deadline
    earliest_open" (002: 10 days, 000: 11, 003: 5 - the `earliest_open_days` setting).
    """
    first = earliest_open(facts.situation, facts.timers)
    if facts.situation.received or first is None or facts.today >= first:
        return None
    return Outcome(action=Action.wait, why=[Why.rule_3_too_early])


TIMING_RULES = (rule_01_too_late, rule_02_protection_expired, rule_03_too_early)
