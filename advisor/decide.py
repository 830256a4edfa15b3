"""`decide`: a Situation in, an Advice out, by the rule table of DOMAIN.md section 4."""

from __future__ import annotations

from advisor.deadlines import deadlines_for
from advisor.models import Action, Advice, Evidence, Reason, Situation, Stage, WarningCode
from advisor.rules.base import Facts, Outcome
from advisor.rules.evidence import STATUS_REASON, evidence_for
from advisor.rules.received import rule_15_risk
from advisor.rules.stages import STAGE_RULES, claim_outcome
from advisor.rules.table import case_outcome
from advisor.rules.timing import TIMING_RULES
from advisor.timers import DEFAULT_TIMERS, Timers

# Actions that prepare a not-received dispute: collect its evidence already (004: chat and
# tracking screenshots, the post office statement).
_PREPARING = frozenset({Action.contact_seller, Action.ask_extension, Action.contact_carrier})
# Actions that need no evidence list: nothing to prove, or the proof is the return parcel's.
_NO_EVIDENCE = frozenset(
    {Action.wait, Action.too_late, Action.do_not_dispute, Action.accept_offer, Action.wait_refund}
)
# Stages in which a not-received order is still undecided: confirming receipt would lose it.
_LIVE_STAGES = frozenset(
    {
        Stage.none,
        Stage.open,
        Stage.seller_asks_to_close,
        Stage.seller_offplatform_offer,
        Stage.seller_offer,
        Stage.escalated,
        Stage.evidence_requested,
    }
)


def pre_dispute_outcome(facts: Facts) -> Outcome:
    """Rules 1-15 for a situation without an open dispute: first match wins, then rule 15."""
    for rule in TIMING_RULES:
        outcome = rule(facts)
        if outcome is not None:
            break
    else:
        outcome = case_outcome(facts)
    rule_15_risk(facts, outcome)
    return outcome


def stage_outcome(facts: Facts) -> Outcome:
    """The stage's rule for a situation with a dispute under way, then rule 15."""
    outcome = STAGE_RULES[facts.situation.dispute.stage](facts, claim_outcome(facts))
    rule_15_risk(facts, outcome)
    return outcome


def _evidence(situation: Situation, outcome: Outcome) -> list[Evidence]:
    """What to collect or attach: the rule's own list, then what the reason needs (section 5)."""
    wanted = list(outcome.evidence)
    if outcome.action not in _NO_EVIDENCE:
        reason = outcome.reason
        if reason is None and outcome.action in _PREPARING and not situation.received:
            reason = STATUS_REASON.get(situation.delivery_status)  # type: ignore[arg-type]
        if reason is not None:
            wanted += evidence_for(reason)
        if reason is Reason.short_quantity and situation.quantity_faulty:
            # The pieces that came broken, shown failing (third walk of 2026-12-03: nothing
            # asked to show them).
            wanted.append(Evidence.defect_video)
    return list(dict.fromkeys(wanted))


def _warnings(situation: Situation, outcome: Outcome) -> list[WarningCode]:
    """The rule's warnings, then the standing one of section 6 for a parcel not yet received.

    "Never confirm receipt of an item you don't have" (000, 001) holds as long as the order can
    still be won: before a dispute (unless it is too late) and until the dispute is decided.
    """
    warnings: list[WarningCode] = list(outcome.warnings)
    stage = situation.dispute.stage
    if not situation.received and stage in _LIVE_STAGES and outcome.action is not Action.too_late:
        warnings.append(WarningCode.dont_confirm_receipt)
    return list(dict.fromkeys(warnings))


def decide(situation: Situation, timers: Timers = DEFAULT_TIMERS) -> Advice:
    """What the buyer should do now, why, with which evidence and by which dates."""
    facts = Facts.of(situation, timers)
    if situation.dispute.stage is Stage.none:
        outcome = pre_dispute_outcome(facts)
    else:
        outcome = stage_outcome(facts)
    return advice_of(situation, timers, outcome)


def advice_of(situation: Situation, timers: Timers, outcome: Outcome) -> Advice:
    """The Advice of a rule's outcome: its evidence, warnings and the situation's deadlines."""
    amount = None if outcome.amount is None else round(outcome.amount, 2)
    return Advice(
        action=outcome.action,
        reason=outcome.reason,
        solution=outcome.solution,
        refund=outcome.refund,
        amount=amount,
        currency=None if amount is None else situation.currency,
        risk=outcome.risk,
        evidence=_evidence(situation, outcome),
        warnings=_warnings(situation, outcome),
        deadlines=deadlines_for(situation, timers),
        why=[str(code) for code in outcome.why],
    )
