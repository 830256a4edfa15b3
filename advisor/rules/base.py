"""What every rule reads (`Facts`), what it returns (`Outcome`) and the codes it explains with."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

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
from advisor.rules.why import Why
from advisor.timers import Timers


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
    def protection_ended(self) -> bool:
        """Buyer Protection really ended before today, even when judged as `days_left` 0 (rule 2).

        Read from the situation, not from `days_left`: rule 2 judges an ended protection as if it
        ended today, and the rules' explanations must still say that it is over.
        """
        left = days_left(self.situation)
        return left is not None and left < 0

    @property
    def window_end(self) -> dt.date | None:
        """Last day a dispute can still be opened, or None when no date is known."""
        return window_end(self.situation, self.timers)

    def full_amount(self) -> float | None:
        """The full refund: the price, or None when unknown."""
        price = self.situation.price
        return None if price is None else round(price, 2)

    def share_amount(self, share: float, of: int | None = None) -> float | None:
        """A share of the price rounded to cents, or None when the price is unknown.

        With `of`, the share is `share / of` computed as DOMAIN.md section 8 writes it,
        round(price * missing / ordered, 2): dividing first rounds differently by a cent.
        """
        price = self.situation.price
        if price is None:
            return None
        return round(price * share / of, 2) if of else round(price * share, 2)


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
    share_of: int | None = None,
    risk: Risk | None = None,
) -> Outcome:
    """An open_dispute outcome: full refund unless a `share` (out of `share_of`) is asked."""
    if share is None:
        refund, amount = Refund.full, facts.full_amount()
    else:
        refund, amount = Refund.partial, facts.share_amount(share, share_of)
    return Outcome(
        action=Action.open_dispute,
        why=[why],
        reason=reason,
        solution=solution,
        refund=refund,
        amount=amount,
        risk=risk,
    )
