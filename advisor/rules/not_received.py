"""Rules 4-10 of DOMAIN.md section 4: the parcel has not been received (seeds 000, 002, 003, 004).

Each rule returns None when it does not apply, so the table reads top to bottom.
"""

from __future__ import annotations

from advisor.models import (
    Action,
    AddressErrorBy,
    CustomsIssue,
    DeliveryStatus,
    Evidence,
    Reason,
    Risk,
    ShippingMethod,
    WarningCode,
)
from advisor.rules.base import Facts, Outcome, Why, dispute


def _status(facts: Facts) -> DeliveryStatus | None:
    return None if facts.situation.received else facts.situation.delivery_status


def rule_04_in_transit(facts: Facts) -> Outcome | None:
    """Rule 4: `in_transit` / `not_updating`.

    "seller already extended -> wait; urgent -> open_dispute in_transit_protection_expiring,
    refund_only, full; days_left <= extension_ask_days -> seller refused -> the same
    open_dispute, else ask_extension; not_updating for at least stuck_days and the seller not
    yet contacted -> contact_seller; else (also when days_left is unknown: warning
    protection_date_unknown) -> wait." (003, 004; 000 on asking the seller first)
    A `not_updating` status without `days_since_tracking_update` is not counted as stuck.
    """
    if _status(facts) not in (DeliveryStatus.in_transit, DeliveryStatus.not_updating):
        return None
    situation, timers = facts.situation, facts.timers
    ended = facts.protection_ended
    if situation.seller.extended:
        # Rule 2 lets this wait stand; an end date already past is likely the old one. Close
        # to the new end the wait is no longer "time to wait" (open_now_days: promises or not;
        # the bot itself opens the dispute then, advisor/policy.py).
        if ended:
            why = Why.rule_4_extended_date_passed
        elif facts.urgent:
            why = Why.rule_4_extended_ending
        else:
            why = Why.rule_4_seller_extended
        return Outcome(action=Action.wait, why=[why])
    reason = Reason.in_transit_protection_expiring
    if facts.urgent:
        why = Why.rule_4_protection_ended if ended else Why.rule_4_in_transit_urgent
        return dispute(facts, reason, why)
    if facts.days_left is not None and facts.days_left <= timers.extension_ask_days:
        if situation.seller.refused_extension:
            return dispute(facts, reason, Why.rule_4_extension_refused)
        return Outcome(action=Action.ask_extension, why=[Why.rule_4_ask_extension])
    stale = situation.days_since_tracking_update
    stuck = (
        situation.delivery_status is DeliveryStatus.not_updating
        and stale is not None
        and stale >= timers.stuck_days
    )
    if stuck and not situation.seller.contacted:
        return Outcome(action=Action.contact_seller, why=[Why.rule_4_tracking_stuck])
    if facts.days_left is None:
        return Outcome(
            action=Action.wait,
            why=[Why.rule_4_protection_date_unknown],
            warnings=[WarningCode.protection_date_unknown],
        )
    # Stuck and the seller asked: still rule 4's wait, said for what it is (walk P: "on its way").
    return Outcome(
        action=Action.wait, why=[Why.rule_4_stuck_seller_asked if stuck else Why.rule_4_wait]
    )


def rule_05_no_tracking(facts: Facts) -> Outcome | None:
    """Rule 5: `no_tracking`.

    "urgent or the seller already contacted -> open_dispute no_tracking_info, refund_only, full,
    evidence chat and tracking screenshots; else contact_seller." (000, 003, 004)
    """
    if _status(facts) is not DeliveryStatus.no_tracking:
        return None
    if facts.urgent or facts.situation.seller.contacted:
        if facts.protection_ended:
            why = Why.rule_5_protection_ended
        elif facts.urgent:
            why = Why.rule_5_protection_ending
        else:
            why = Why.rule_5_no_tracking_dispute
        outcome = dispute(facts, Reason.no_tracking_info, why)
        outcome.evidence = [Evidence.chat_screenshot, Evidence.tracking_screenshot]
        return outcome
    return Outcome(action=Action.contact_seller, why=[Why.rule_5_contact_seller])


def rule_06_returned_to_seller(facts: Facts) -> Outcome | None:
    """Rule 6: `returned_to_seller`.

    "the buyer did not collect it -> open_dispute, refund_only, partial, risk high (try to agree
    with the seller first, 000); otherwise full, risk low." The partial amount is the
    `partial_share` of the price (000: "ask for a partial refund").
    """
    if _status(facts) is not DeliveryStatus.returned_to_seller:
        return None
    reason = Reason.returned_to_seller
    not_collected = facts.situation.not_collected
    if not_collected:
        return dispute(
            facts,
            reason,
            Why.rule_6_not_collected,
            share=facts.timers.partial_share,
            risk=Risk.high,
        )
    # "I don't know" takes the "otherwise" branch; the line says it is an assumption.
    why = Why.rule_6_cause_unknown if not_collected is None else Why.rule_6_returned
    return dispute(facts, reason, why, risk=Risk.low)


def rule_07_at_customs(facts: Facts) -> Outcome | None:
    """Rule 7: `at_customs`.

    "duty_required (legitimate duty the buyer won't pay) -> do_not_dispute, risk high;
    vat_misdeclared -> open_dispute customs_holding, refund_only, full, risk medium (refuse the
    parcel; or pay and claim that amount, 000); documents or unknown -> urgent -> the same
    open_dispute, else contact_seller." (000, 002)
    """
    if _status(facts) is not DeliveryStatus.at_customs:
        return None
    issue = facts.situation.customs_issue
    reason = Reason.customs_holding
    if issue is CustomsIssue.duty_required:
        return Outcome(action=Action.do_not_dispute, why=[Why.rule_7_duty_required], risk=Risk.high)
    if issue is CustomsIssue.vat_misdeclared:
        return dispute(facts, reason, Why.rule_7_vat_misdeclared, risk=Risk.medium)
    if facts.urgent:
        why = Why.rule_7_protection_ended if facts.protection_ended else Why.rule_7_customs_urgent
        return dispute(facts, reason, why)
    why = Why.rule_7_issue_unknown if issue is None else Why.rule_7_contact_seller
    return Outcome(action=Action.contact_seller, why=[why])


def rule_08_wrong_address(facts: Facts) -> Outcome | None:
    """Rule 8: `wrong_address`.

    "the seller's error -> open_dispute, full, risk low; the buyer's error -> contact_carrier
    (redirect it at the post office), no reason, risk high, warning buyer_address_error."
    (000, 004)
    """
    if _status(facts) is not DeliveryStatus.wrong_address:
        return None
    if facts.situation.address_error_by is AddressErrorBy.buyer:
        return Outcome(
            action=Action.contact_carrier,
            why=[Why.rule_8_buyer_error],
            risk=Risk.high,
            warnings=[WarningCode.buyer_address_error],
        )
    return dispute(facts, Reason.wrong_address, Why.rule_8_seller_error, risk=Risk.low)


def rule_09_delivered_not_received(facts: Facts) -> Outcome | None:
    """Rule 9: `delivered_not_received`.

    "no post office statement, seller not contacted and not urgent -> contact_carrier (ask the
    post office for a statement, and the seller, 004); else open_dispute, refund_only, full,
    risk medium - high with Saver shipping, warning saver_shipping_risk (003)."
    """
    if _status(facts) is not DeliveryStatus.delivered_not_received:
        return None
    situation = facts.situation
    has_statement = Evidence.post_office_statement in (situation.evidence or ())
    if not has_statement and not situation.seller.contacted and not facts.urgent:
        return Outcome(action=Action.contact_carrier, why=[Why.rule_9_ask_post_office])
    outcome = dispute(facts, Reason.delivered_not_received, Why.rule_9_dispute, risk=Risk.medium)
    if situation.shipping_method is ShippingMethod.saver:
        outcome.risk = Risk.high
        outcome.why.append(Why.rule_9_saver_shipping)
        outcome.warnings.append(WarningCode.saver_shipping_risk)
    return outcome


def rule_10_tracking_other_address(facts: Facts) -> Outcome | None:
    """Rule 10: `tracking_other_address`.

    "-> open_dispute invalid_tracking, full, risk low; evidence: tracking page showing the other
    address, your order page (003)."
    """
    if _status(facts) is not DeliveryStatus.tracking_other_address:
        return None
    outcome = dispute(facts, Reason.invalid_tracking, Why.rule_10_other_address, risk=Risk.low)
    outcome.evidence = [Evidence.tracking_screenshot, Evidence.order_page_screenshot]
    return outcome
