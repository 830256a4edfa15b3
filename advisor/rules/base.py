"""What every rule reads (`Facts`), what it returns (`Outcome`) and the codes it explains with."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from advisor.deadlines import days_left, is_urgent, window_end
from advisor.models import (
    Action,
    Evidence,
    Reason,
    Refund,
    Risk,
    Situation,
    Solution,
    WarningCode,
)
from advisor.timers import Timers


class Why(StrEnum):
    """Short codes naming the rule (and branch) that fired; `Advice.why` carries them."""

    rule_1_too_late = "rule_1_too_late"
    rule_2_protection_expired = "rule_2_protection_expired"
    rule_3_too_early = "rule_3_too_early"
    rule_4_seller_extended = "rule_4_seller_extended"
    rule_4_in_transit_urgent = "rule_4_in_transit_urgent"
    rule_4_extension_refused = "rule_4_extension_refused"
    rule_4_ask_extension = "rule_4_ask_extension"
    rule_4_tracking_stuck = "rule_4_tracking_stuck"
    rule_4_wait = "rule_4_wait"
    rule_4_protection_date_unknown = "rule_4_protection_date_unknown"
    rule_5_no_tracking_dispute = "rule_5_no_tracking_dispute"
    rule_5_contact_seller = "rule_5_contact_seller"
    rule_6_not_collected = "rule_6_not_collected"
    rule_6_returned = "rule_6_returned"
    rule_7_duty_required = "rule_7_duty_required"
    rule_7_vat_misdeclared = "rule_7_vat_misdeclared"
    rule_7_customs_urgent = "rule_7_customs_urgent"
    rule_7_contact_seller = "rule_7_contact_seller"
    rule_8_seller_error = "rule_8_seller_error"
    rule_8_buyer_error = "rule_8_buyer_error"
    rule_9_ask_post_office = "rule_9_ask_post_office"
    rule_9_dispute = "rule_9_dispute"
    rule_9_saver_shipping = "rule_9_saver_shipping"
    rule_10_other_address = "rule_10_other_address"
    rule_11_not_worth_dispute = "rule_11_not_worth_dispute"
    rule_12_full_refund = "rule_12_full_refund"
    rule_12_return_full = "rule_12_return_full"
    rule_13_partial_missing = "rule_13_partial_missing"
    rule_13_nothing_received = "rule_13_nothing_received"
    rule_14_partial = "rule_14_partial"
    rule_14_return_full = "rule_14_return_full"
    rule_15_evidence_ready = "rule_15_evidence_ready"
    rule_15_evidence_missing = "rule_15_evidence_missing"
    stage_open = "stage_open"
    stage_seller_asks_to_close = "stage_seller_asks_to_close"
    stage_offplatform_offer = "stage_offplatform_offer"
    stage_offer_accept = "stage_offer_accept"
    stage_offer_reject = "stage_offer_reject"
    stage_escalated = "stage_escalated"
    stage_evidence_requested = "stage_evidence_requested"
    stage_return_agreed = "stage_return_agreed"
    stage_return_shipped = "stage_return_shipped"
    stage_won = "stage_won"
    stage_lost = "stage_lost"


@dataclass(frozen=True)
class Facts:
    """The situation, the timers and the derived timing every rule judges by."""

    situation: Situation
    timers: Timers
    days_left: int | None

    @classmethod
    def of(cls, situation: Situation, timers: Timers) -> Facts:
        """Facts of a situation with the real number of protection days left."""
        return cls(situation=situation, timers=timers, days_left=days_left(situation))

    def assuming_days_left(self, left: int) -> Facts:
        """The same facts judged as if protection had `left` days to run (rule 2)."""
        return dataclasses.replace(self, days_left=left)

    @property
    def today(self) -> dt.date:
        """The day the advice is for."""
        return self.situation.today

    @property
    def urgent(self) -> bool:
        """Protection ends within `open_now_days`: open the dispute now."""
        return is_urgent(self.days_left, self.timers)

    @property
    def window_end(self) -> dt.date | None:
        """Last day a dispute can still be opened, or None when no date is known."""
        return window_end(self.situation, self.timers)

    def full_amount(self) -> float | None:
        """The full refund: the price, or None when unknown."""
        price = self.situation.price
        return None if price is None else round(price, 2)

    def share_amount(self, share: float) -> float | None:
        """A share of the price rounded to cents, or None when the price is unknown."""
        price = self.situation.price
        return None if price is None else round(price * share, 2)


@dataclass
class Outcome:
    """A rule's verdict; `risk` stays None when the rule leaves it to rule 15."""

    action: Action
    why: list[str]
    reason: Reason | None = None
    solution: Solution | None = None
    refund: Refund | None = None
    amount: float | None = None
    risk: Risk | None = None
    evidence: list[Evidence] = field(default_factory=list)
    warnings: list[WarningCode] = field(default_factory=list)


def dispute(
    facts: Facts,
    reason: Reason,
    why: Why,
    *,
    solution: Solution = Solution.refund_only,
    share: float | None = None,
    risk: Risk | None = None,
) -> Outcome:
    """An open_dispute outcome: full refund unless a `share` of the price is asked."""
    if share is None:
        refund, amount = Refund.full, facts.full_amount()
    else:
        refund, amount = Refund.partial, facts.share_amount(share)
    return Outcome(
        action=Action.open_dispute,
        why=[why],
        reason=reason,
        solution=solution,
        refund=refund,
        amount=amount,
        risk=risk,
    )
