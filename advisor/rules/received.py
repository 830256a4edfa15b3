"""Rules 11-15 of DOMAIN.md section 4: the item came, but wrong (seeds 000, 002, 003)."""

from __future__ import annotations

from advisor.models import Action, Problem, Reason, Risk, Solution, WarningCode
from advisor.rules.base import Facts, Outcome, Why, dispute
from advisor.rules.evidence import has_needed_evidence

_NOT_WORTH = frozenset(
    {Problem.wrong_size_buyer, Problem.misread_description, Problem.changed_mind}
)
_ALWAYS_FULL = frozenset(
    {
        Problem.wrong_item,
        Problem.empty_package,
        Problem.expired,
        Problem.counterfeit,
        Problem.not_working,
    }
)
_FLAWS = frozenset(
    {Problem.not_as_described, Problem.quality, Problem.damaged, Problem.missing_parts}
)


def _problem(facts: Facts) -> Problem | None:
    return facts.situation.problem if facts.situation.received else None


def rule_11_not_worth_dispute(facts: Facts) -> Outcome | None:
    """Rule 11: "wrong_size_buyer, misread_description, changed_mind -> do_not_dispute, risk high".

    The buyer's own mistakes are not worth a dispute (000, 002; section 3 "Not worth a dispute").
    """
    if _problem(facts) not in _NOT_WORTH:
        return None
    return Outcome(
        action=Action.do_not_dispute, why=[Why.rule_11_not_worth_dispute], risk=Risk.high
    )


def _full(facts: Facts, reason: Reason) -> Outcome:
    """Rule 12's outcome for a reason: refund_only full, or return_and_refund with prefer_return."""
    if facts.situation.prefer_return:
        return dispute(facts, reason, Why.rule_12_return_full, solution=Solution.return_and_refund)
    return dispute(facts, reason, Why.rule_12_full_refund)


def rule_12_full_refund(facts: Facts) -> Outcome | None:
    """Rule 12: full refund.

    "wrong_item, empty_package, expired, counterfeit, not_working, or usable: false ->
    open_dispute, reason = the problem, refund_only, full; with prefer_return ->
    return_and_refund, full." (002: the full amount only when not received, broken or
    defective and unusable, or not what was ordered)
    """
    problem = _problem(facts)
    if problem is None or problem in _NOT_WORTH:
        return None
    if problem in _ALWAYS_FULL or facts.situation.usable is False:
        return _full(facts, Reason(problem.value))
    return None


def rule_13_short_quantity(facts: Facts) -> Outcome | None:
    """Rule 13: "short_quantity -> refund_only, partial = price x missing / ordered; nothing
    arrived (received 0) -> as empty_package, full." (000)

    Pieces that came but do not work (`quantity_faulty`, the bot's) count as missing: none of
    those that came working is a full refund. When either quantity is unknown (or nothing is
    missing) the share falls back to `partial_share`, the "adequate amount" rule 14 asks (002).
    """
    if _problem(facts) is not Problem.short_quantity:
        return None
    situation = facts.situation
    ordered, got = situation.quantity_ordered, situation.pieces_working()
    if situation.quantity_received == 0:
        outcome = _full(facts, Reason.empty_package)
        outcome.why.insert(0, Why.rule_13_nothing_received)
        return outcome
    if got == 0:
        return _full(facts, Reason.short_quantity)
    if ordered is not None and got is not None and got < ordered:
        return dispute(
            facts,
            Reason.short_quantity,
            Why.rule_13_partial_missing,
            share=ordered - got,
            share_of=ordered,
        )
    share = facts.timers.partial_share
    return dispute(facts, Reason.short_quantity, Why.rule_13_partial_missing, share=share)


def rule_14_partial(facts: Facts) -> Outcome | None:
    """Rule 14: a usable item with a flaw.

    "not_as_described, quality, damaged, missing_parts with the item still usable (or usable
    unknown) -> refund_only, partial = partial_share x price; but with prefer_return and a
    return cost unknown or below return_cost_ratio x price -> return_and_refund, full."
    (000, 002, 003) With the price unknown the return cost cannot be judged and counts as fine.
    """
    problem = _problem(facts)
    if problem not in _FLAWS:
        return None
    situation, timers = facts.situation, facts.timers
    reason = Reason(problem.value)
    if situation.prefer_return:
        cost, price = situation.return_cost, situation.price
        if cost is None or price is None:
            # Unknown counts as affordable; the line says it was assumed, not known.
            why = Why.rule_14_return_cost_unknown
            return dispute(facts, reason, why, solution=Solution.return_and_refund)
        if cost < timers.return_cost_ratio * price:
            why = Why.rule_14_return_full
            return dispute(facts, reason, why, solution=Solution.return_and_refund)
    usable_unknown = situation.usable is None
    why = Why.rule_14_partial_usable_unknown if usable_unknown else Why.rule_14_partial
    outcome = dispute(facts, reason, why, share=timers.partial_share)
    if situation.prefer_return:
        # The buyer wanted to send it back: say why the advice keeps the item instead.
        outcome.why.append(Why.rule_14_return_too_costly)
    return outcome


def rule_15_risk(facts: Facts, outcome: Outcome) -> None:
    """Rule 15: "risk where a rule did not set it: low; medium when the evidence the reason needs
    is missing (photos or a video for received items; tracking or chat screenshots for
    not-received ones), with warning evidence_missing" (002). Changes `outcome` in place.

    Evidence never asked about (`evidence` null) is not missing: the risk stays low and the
    advice only says to have the checklist ready.
    """
    if outcome.risk is not None:
        return
    outcome.risk = Risk.low
    if outcome.reason is None:
        return
    have = facts.situation.evidence
    if have is None:
        outcome.why.append(Why.rule_15_evidence_unknown)
        return
    if has_needed_evidence(outcome.reason, have):
        outcome.why.append(Why.rule_15_evidence_ready)
        return
    outcome.risk = Risk.medium
    outcome.why.append(Why.rule_15_evidence_missing)
    outcome.warnings.append(WarningCode.evidence_missing)
