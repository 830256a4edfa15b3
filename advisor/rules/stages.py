"""The "During a dispute" rules of DOMAIN.md section 4: judged by the stage alone (001, 002, 003).

Each stage rule gets the `claim`, what the dispute asks (`claim_outcome`), so that the advice
still names the reason, solution and amount the buyer stands by.
"""

from __future__ import annotations

from collections.abc import Callable

from advisor.amounts import at_least, cents
from advisor.models import Action, Evidence, Refund, Risk, Situation, Solution, Stage, WarningCode
from advisor.rules.base import Facts, Outcome, Why
from advisor.rules.table import case_outcome

# Warnings of the case that say why its risk is what it is.
_RISK_WARNINGS = frozenset({WarningCode.saver_shipping_risk})


def claim_outcome(facts: Facts) -> Outcome:
    """What the dispute asks: rules 4-14 judged as if protection ended today.

    A dispute is already open, so the date no longer decides whether to open one; a seller's
    extension (rule 4's "wait") does not lower the claim either.
    """
    situation = facts.situation
    if situation.seller.extended:
        seller = situation.seller.model_copy(update={"extended": False})
        situation = situation.model_copy(update={"seller": seller})
    return case_outcome(Facts(situation=situation, timers=facts.timers, days_left=0))


def _refund_for(facts: Facts, amount: float | None, fallback: Refund | None) -> Refund | None:
    """Full or partial for the amount the buyer asked; the claim's own without one. Without
    the price it cannot be told: the claim's "partial" would call a full request partial."""
    if amount is None:
        return fallback
    price = facts.situation.price
    if price is None:
        return None
    return Refund.full if at_least(amount, price) else Refund.partial


def _asked(facts: Facts, claim: Outcome, action: Action, why: Why, **extra: object) -> Outcome:
    """An outcome carrying what the buyer asks: `requested_*` when given, else the claim.

    The claim's risk too, where its rule set one (a delivered parcel not received stays medium,
    with Saver shipping high): opening the dispute does not make the case any safer.
    """
    dispute = facts.situation.dispute
    solution = dispute.requested_solution or claim.solution
    amount = claim.amount if dispute.requested_amount is None else dispute.requested_amount
    refund = _refund_for(facts, dispute.requested_amount, claim.refund)
    returning = solution is Solution.return_and_refund
    if returning and dispute.requested_amount is None and claim.solution is not solution:
        # A return asked without its amount: the whole price (rule 14's return is full, 003),
        # not the claim's share for keeping the item.
        amount, refund = facts.situation.price, Refund.full
    outcome = Outcome(
        action=action,
        why=[why],
        reason=claim.reason,
        solution=solution,
        refund=refund,
        amount=None if amount is None else round(amount, 2),
        risk=claim.risk,
    )
    for name, value in extra.items():
        setattr(outcome, name, value)
    if outcome.risk == claim.risk:
        # The warning that explains the claim's risk goes with it (Saver shipping: rule 9's
        # high); not where the stage sets a risk of its own (won: nothing left to lose).
        outcome.warnings += [w for w in claim.warnings if w in _RISK_WARNINGS]
    return outcome


def stage_open(facts: Facts, claim: Outcome) -> Outcome:
    """`open` -> keep_dispute_open; the seller silent `seller_response_days` -> it closes in your
    favour; no agreement in `escalation_days` -> AliExpress steps in (001, 002, 003)."""
    warnings = [WarningCode.dont_close_dispute, WarningCode.closing_is_final]
    return _asked(facts, claim, Action.keep_dispute_open, Why.stage_open, warnings=warnings)


def stage_seller_asks_to_close(facts: Facts, claim: Outcome) -> Outcome:
    """`seller_asks_to_close` -> keep_dispute_open (closing is final; cancel only if protection
    was extended and time is left) (001)."""
    warnings = [WarningCode.dont_close_dispute, WarningCode.closing_is_final]
    return _asked(
        facts, claim, Action.keep_dispute_open, Why.stage_seller_asks_to_close, warnings=warnings
    )


def stage_offplatform_offer(facts: Facts, claim: Outcome) -> Outcome:
    """`seller_offplatform_offer` (PayPal, card transfer) -> reject_offer (002, 003): money outside
    AliExpress is not protected, and such offers come with a request to close the dispute.

    DOMAIN sets no risk for it: the claim's, as rule 15 would (walk of 2026-12-03: "Risk: High"
    beside "reject the offer" read as a reason to take the PayPal money instead)."""
    warnings = [WarningCode.no_offplatform_refund, WarningCode.dont_close_dispute]
    return _asked(facts, claim, Action.reject_offer, Why.stage_offplatform_offer, warnings=warnings)


def _offer_shortfalls(facts: Facts, asked: Outcome) -> list[Why]:
    """How the seller's offer falls short of the ask: a switched solution first (the costlier
    surprise, 002), then an amount that is lower or cannot be checked. Empty: acceptable."""
    dispute = facts.situation.dispute
    offered_solution = dispute.offer_solution or asked.solution
    offered = dispute.offer_amount
    found: list[Why] = []
    if asked.solution is not None and offered_solution != asked.solution:
        to_return = offered_solution is Solution.return_and_refund
        found.append(Why.stage_offer_asks_return if to_return else Why.stage_offer_no_return)
    if asked.amount is None:
        if offered is not None and cents(offered) <= 0 and asked.solution is not None:
            # Without a price nothing can be checked, but nothing back is less than any refund
            # (review BQ: an offer of 0.00 was accepted, which closes the dispute for good).
            found.append(Why.stage_offer_below_claim)
        return found
    if offered is None:
        found.append(Why.stage_offer_amount_unknown)
    elif not at_least(offered, asked.amount):
        # "Less than what you asked" only when the buyer told us what they asked.
        requested = dispute.requested_amount is not None
        found.append(Why.stage_offer_reject if requested else Why.stage_offer_below_claim)
    return found


def stage_offer(facts: Facts, claim: Outcome) -> Outcome:
    """`seller_offer` -> accept_offer only if it is at least what you asked, else reject_offer:
    sellers quietly lower the amount or switch refund_only to return_and_refund (002, 003).

    Asked = `requested_*` when given, else the claim; accepted when the solution matches and the
    amount is at least the asked one (0.01 tolerance). An offer without a stated solution is
    taken as the asked one; an unknown offer amount cannot be checked, so it is rejected when
    an amount was asked. Nothing asked (a claim without a solution) accepts any offer.
    A rejection names every way the offer falls short.
    """
    dispute = facts.situation.dispute
    asked = _asked(facts, claim, Action.reject_offer, Why.stage_offer_reject)
    shortfalls = _offer_shortfalls(facts, asked)
    if shortfalls:
        asked.why = list(shortfalls)
        kept = [w for w in asked.warnings if w in _RISK_WARNINGS]
        asked.warnings = [WarningCode.check_offer_amount, WarningCode.dont_close_dispute, *kept]
        return asked
    offered = dispute.offer_amount
    # "What you asked for" only when the buyer told us the amount; else the claim's stood in,
    # and without a price (and so without a claimed amount) nothing could check it.
    price = facts.situation.price
    if dispute.requested_amount is not None:
        why = Why.stage_offer_accept
    elif asked.amount is None and price is None:
        why = Why.stage_offer_amount_unchecked
    else:
        why = Why.stage_offer_meets_claim
    return Outcome(
        action=Action.accept_offer,
        why=[why],
        reason=claim.reason,
        solution=dispute.offer_solution or asked.solution,
        refund=_refund_for(facts, offered, asked.refund),
        amount=None if offered is None else round(offered, 2),
        warnings=[WarningCode.check_offer_amount, WarningCode.closing_is_final],
    )


def stage_escalated(facts: Facts, claim: Outcome) -> Outcome:
    """`escalated` -> keep_dispute_open: AliExpress decides now (002)."""
    warnings = [WarningCode.dont_close_dispute]
    return _asked(facts, claim, Action.keep_dispute_open, Why.stage_escalated, warnings=warnings)


def stage_evidence_requested(facts: Facts, claim: Outcome) -> Outcome:
    """`evidence_requested` -> provide_evidence within `evidence_days` (002)."""
    warnings = [WarningCode.dont_close_dispute]
    return _asked(
        facts, claim, Action.provide_evidence, Why.stage_evidence_requested, warnings=warnings
    )


def return_amount(situation: Situation) -> float | None:
    """The refund a return earns: the buyer's own ask for a return, else what the seller's
    return offer said, else the whole price (rule 14's return_and_refund is full, 003)."""
    dispute = situation.dispute
    asked_return = dispute.requested_solution is Solution.return_and_refund
    if asked_return and dispute.requested_amount is not None:
        return dispute.requested_amount
    offered_return = dispute.offer_solution is Solution.return_and_refund
    if offered_return and dispute.offer_amount is not None:
        return dispute.offer_amount
    return situation.price


def _returning(facts: Facts, outcome: Outcome) -> Outcome:
    """The outcome asking the refund of a return, not a partial claim for keeping the item."""
    amount = return_amount(facts.situation)
    outcome.solution = Solution.return_and_refund
    outcome.amount = None if amount is None else round(amount, 2)
    outcome.refund = _refund_for(facts, amount, Refund.full)
    return outcome


def stage_return_agreed(facts: Facts, claim: Outcome) -> Outcome:
    """`return_agreed` -> ship_return within `return_ship_days`, only to the address in the
    dispute, with tracking, photo of the parcel and receipt (003)."""
    outcome = _asked(
        facts,
        claim,
        Action.ship_return,
        Why.stage_return_agreed,
        evidence=[Evidence.photos, Evidence.tracking_screenshot],
        warnings=[WarningCode.ship_only_to_dispute_address, WarningCode.keep_return_receipt],
    )
    return _returning(facts, outcome)


def stage_return_shipped(facts: Facts, claim: Outcome) -> Outcome:
    """`return_shipped` -> wait_refund; do not extend the timer (003): after
    `return_auto_refund_days` the refund comes even if the seller never confirms."""
    outcome = _asked(
        facts,
        claim,
        Action.wait_refund,
        Why.stage_return_shipped,
        evidence=[Evidence.tracking_screenshot],
        warnings=[WarningCode.dont_extend_return_timer, WarningCode.keep_return_receipt],
    )
    return _returning(facts, outcome)


def _after_return(facts: Facts, outcome: Outcome) -> Outcome:
    """With the item sent back already (`dispute.returned_on`), the refund owed is a return's:
    not a partial claim for keeping it (walk T2: won or lost, the card said 30 %)."""
    if facts.situation.dispute.returned_on is None:
        return outcome
    return _returning(facts, outcome)


def stage_won(facts: Facts, claim: Outcome) -> Outcome:
    """`won` -> wait_refund (`refund_arrival_days`); then support, then the bank (003)."""
    outcome = _asked(facts, claim, Action.wait_refund, Why.stage_won, risk=Risk.low)
    return _after_return(facts, outcome)


def stage_lost(facts: Facts, claim: Outcome) -> Outcome:
    """`lost` -> appeal in the support chat (Russian is fine there), calm, evidence ready, say what
    compensation you expect; follow up day by day (002). Appeals rarely win (004): risk high."""
    outcome = _asked(facts, claim, Action.appeal, Why.stage_lost, risk=Risk.high)
    return _after_return(facts, outcome)


STAGE_RULES: dict[Stage, Callable[[Facts, Outcome], Outcome]] = {
    Stage.open: stage_open,
    Stage.seller_asks_to_close: stage_seller_asks_to_close,
    Stage.seller_offplatform_offer: stage_offplatform_offer,
    Stage.seller_offer: stage_offer,
    Stage.escalated: stage_escalated,
    Stage.evidence_requested: stage_evidence_requested,
    Stage.return_agreed: stage_return_agreed,
    Stage.return_shipped: stage_return_shipped,
    Stage.won: stage_won,
    Stage.lost: stage_lost,
}
