"""The codes `Advice.why` carries, naming the rule (and branch) that fired, and their texts."""

from __future__ import annotations

from enum import StrEnum

from locales import N_


class Why(StrEnum):
    """Short codes naming the rule (and branch) that fired; `Advice.why` carries them."""

    rule_1_too_late = "rule_1_too_late"
    rule_2_protection_expired = "rule_2_protection_expired"
    # The bot's own departures from the table (advisor/policy.py).
    receipt_confirmed_not_received = "receipt_confirmed_not_received"
    extension_only_promised = "extension_only_promised"
    extension_end_passed = "extension_end_passed"
    rule_3_too_early = "rule_3_too_early"
    rule_4_seller_extended = "rule_4_seller_extended"
    rule_4_extended_date_passed = "rule_4_extended_date_passed"
    rule_4_extended_ending = "rule_4_extended_ending"
    rule_4_in_transit_urgent = "rule_4_in_transit_urgent"
    rule_4_protection_ended = "rule_4_protection_ended"
    rule_4_extension_refused = "rule_4_extension_refused"
    rule_4_ask_extension = "rule_4_ask_extension"
    rule_4_tracking_stuck = "rule_4_tracking_stuck"
    rule_4_wait = "rule_4_wait"
    rule_4_stuck_seller_asked = "rule_4_stuck_seller_asked"
    rule_4_protection_date_unknown = "rule_4_protection_date_unknown"
    rule_5_no_tracking_dispute = "rule_5_no_tracking_dispute"
    rule_5_protection_ending = "rule_5_protection_ending"
    rule_5_protection_ended = "rule_5_protection_ended"
    rule_5_contact_seller = "rule_5_contact_seller"
    rule_6_not_collected = "rule_6_not_collected"
    rule_6_returned = "rule_6_returned"
    rule_6_cause_unknown = "rule_6_cause_unknown"
    rule_7_duty_required = "rule_7_duty_required"
    rule_7_vat_misdeclared = "rule_7_vat_misdeclared"
    rule_7_customs_urgent = "rule_7_customs_urgent"
    rule_7_protection_ended = "rule_7_protection_ended"
    rule_7_contact_seller = "rule_7_contact_seller"
    rule_7_issue_unknown = "rule_7_issue_unknown"
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
    rule_14_partial_usable_unknown = "rule_14_partial_usable_unknown"
    rule_14_return_full = "rule_14_return_full"
    rule_14_return_cost_unknown = "rule_14_return_cost_unknown"
    rule_14_return_too_costly = "rule_14_return_too_costly"
    rule_15_evidence_ready = "rule_15_evidence_ready"
    rule_15_evidence_missing = "rule_15_evidence_missing"
    rule_15_evidence_unknown = "rule_15_evidence_unknown"
    stage_open = "stage_open"
    stage_seller_asks_to_close = "stage_seller_asks_to_close"
    stage_offplatform_offer = "stage_offplatform_offer"
    stage_offer_accept = "stage_offer_accept"
    stage_offer_meets_claim = "stage_offer_meets_claim"
    stage_offer_amount_unchecked = "stage_offer_amount_unchecked"
    stage_offer_reject = "stage_offer_reject"
    stage_offer_below_claim = "stage_offer_below_claim"
    stage_offer_amount_unknown = "stage_offer_amount_unknown"
    stage_offer_asks_return = "stage_offer_asks_return"
    stage_offer_no_return = "stage_offer_no_return"
    stage_escalated = "stage_escalated"
    stage_evidence_requested = "stage_evidence_requested"
    stage_return_agreed = "stage_return_agreed"
    stage_return_shipped = "stage_return_shipped"
    stage_won = "stage_won"
    stage_lost = "stage_lost"


WHY_TEXTS: dict[Why, str] = {
    Why.rule_1_too_late: N_(
        "The time for opening a dispute after receipt was confirmed or Buyer Protection "
        "ended is over."
    ),
    Why.rule_2_protection_expired: N_(
        "Buyer Protection has ended, but receipt is not confirmed and a dispute can still"
        " be opened."
    ),
    Why.receipt_confirmed_not_received: N_(
        "You confirmed receipt although the parcel has not come: that ended Buyer Protection,"
        " and a dispute can be opened only until the last day below."
    ),
    Why.rule_3_too_early: N_(
        "The parcel was shipped recently: a dispute about a missing parcel cannot be opened yet."
    ),
    Why.rule_4_seller_extended: N_(
        "The seller has already extended Buyer Protection, so there is time to wait."
    ),
    Why.rule_4_extended_ending: N_(
        "The seller has extended Buyer Protection, but the new end is close: if the parcel does"
        " not come in time, open the dispute before the end, whatever the seller promises."
    ),
    Why.rule_4_extended_date_passed: N_(
        "The seller has extended Buyer Protection, but the end date you gave has passed: check"
        " the new end date on the order page."
    ),
    Why.extension_only_promised: N_(
        "The seller said Buyer Protection is extended, but it is still about to end: open the"
        " dispute now, whatever the seller promises."
    ),
    Why.extension_end_passed: N_(
        "The seller said Buyer Protection is extended, but the end date you gave has passed: if"
        " the order page shows no later date, open the dispute now."
    ),
    Why.rule_4_in_transit_urgent: N_(
        "Buyer Protection is about to end and the parcel has not arrived yet."
    ),
    # The three "protection ended" reasons come only after rule 2's, which says it ended (walk
    # AW: said twice).
    Why.rule_4_protection_ended: N_("The parcel is still on its way and has not arrived."),
    Why.rule_4_extension_refused: N_(
        "Buyer Protection ends soon and the seller did not extend it."
    ),
    Why.rule_4_ask_extension: N_(
        "Buyer Protection ends soon and the parcel has not arrived yet: the seller can extend it."
    ),
    Why.rule_4_tracking_stuck: N_(
        "The tracking has not changed for a long time and the seller has not been asked yet."
    ),
    Why.rule_4_wait: N_(
        "The parcel is on its way and there is still enough Buyer Protection time."
    ),
    Why.rule_4_stuck_seller_asked: N_(
        "The tracking has not changed for a long time and you have written to the seller: there "
        "is still enough Buyer Protection time to wait for the parcel."
    ),
    # Walk of 2026-12-03: "on its way" under tracking the buyer said had not moved for weeks.
    Why.rule_4_protection_date_unknown: N_(
        "The parcel has not come yet, and the Buyer Protection end date is unknown: the advice"
        " cannot count the days left."
    ),
    # Walk CD: "the seller has been asked or protection is about to end", where the bot knew
    # which (the seller may never have been asked).
    Why.rule_5_no_tracking_dispute: N_(
        "There is still no tracking information, and you have already written to the seller."
    ),
    Why.rule_5_protection_ending: N_(
        "There is still no tracking information, and Buyer Protection is about to end."
    ),
    Why.rule_5_protection_ended: N_("There is still no tracking information."),
    Why.rule_5_contact_seller: N_(
        "There is no tracking information yet: the seller should explain first."
    ),
    Why.rule_6_not_collected: N_(
        "The parcel went back because it was not collected: AliExpress usually sides with"
        " the seller then, so first try to agree with the seller in the order chat, and in the"
        " dispute ask for part of the price."
    ),
    Why.rule_6_returned: N_(
        "The carrier returned the parcel to the seller through no fault of yours."
    ),
    Why.rule_6_cause_unknown: N_(
        "You were not sure why the parcel went back, so the advice assumes it was not your"
        " fault: ask for the full price."
    ),
    Why.rule_7_duty_required: N_(
        "The customs duty is legitimate: AliExpress sides with the seller if you refuse to pay it."
    ),
    Why.rule_7_vat_misdeclared: N_(
        "Customs wants VAT because the seller declared the parcel wrongly: refuse the parcel"
        " and ask for the full refund, or pay the VAT and claim that amount from the seller."
    ),
    Why.rule_7_customs_urgent: N_(
        "The parcel is held at customs and Buyer Protection is about to end."
    ),
    Why.rule_7_protection_ended: N_("The parcel is still held at customs."),
    Why.rule_7_contact_seller: N_(
        "The parcel is held at customs: the seller should help with the documents first."
    ),
    Why.rule_7_issue_unknown: N_(
        "The parcel is held at customs and you were not sure what customs wants: the seller"
        " should find out and help first."
    ),
    Why.rule_8_seller_error: N_("The seller sent the parcel to a wrong address."),
    Why.rule_8_buyer_error: N_("The address was wrong through your own mistake."),
    Why.rule_9_ask_post_office: N_(
        "The tracking says delivered: first the post office should confirm in writing who"
        " received the parcel."
    ),
    Why.rule_9_dispute: N_("The tracking says delivered, but the parcel never reached you."),
    Why.rule_9_saver_shipping: N_(
        "Saver shipping is hard to trace, which makes this dispute riskier."
    ),
    Why.rule_10_other_address: N_("The tracking number shows a delivery to another address."),
    Why.rule_11_not_worth_dispute: N_(
        "The problem comes from your own choice or mistake, not from the seller."
    ),
    Why.rule_12_full_refund: N_(
        "The item is missing, cannot be used or is not what you ordered: a full refund is fair."
    ),
    Why.rule_12_return_full: N_(
        "The item cannot be used or is not what you ordered, and you prefer to send it back."
    ),
    Why.rule_13_partial_missing: N_(
        "Some of the ordered pieces are missing: ask for their share of the price."
    ),
    Why.rule_13_nothing_received: N_(
        "None of the ordered pieces arrived: this counts as an empty parcel."
    ),
    Why.rule_14_partial: N_(
        "The item has a flaw but still does its job: a partial refund is the realistic request."
    ),
    Why.rule_14_partial_usable_unknown: N_(
        "You were not sure whether the item still does its job, so the advice assumes it does:"
        " a partial refund is the realistic request."
    ),
    Why.rule_14_return_full: N_(
        "The item has a flaw, you prefer to return it and the return shipping is affordable."
    ),
    Why.rule_14_return_too_costly: N_(
        "Sending it back would cost too large a part of the price, so keeping the item with a"
        " partial refund is the better deal."
    ),
    Why.rule_14_return_cost_unknown: N_(
        "The item has a flaw and you prefer to return it; whether the return shipping is"
        " affordable is not known, so the advice assumes it is."
    ),
    Why.rule_15_evidence_ready: N_("You already have the evidence this dispute needs."),
    Why.rule_15_evidence_missing: N_("The evidence this dispute needs is still missing."),
    Why.rule_15_evidence_unknown: N_(
        "Have the evidence from the checklist ready: a dispute is easier to win with it."
    ),
    Why.stage_open: N_("The dispute is open and the seller has to answer."),
    Why.stage_seller_asks_to_close: N_(
        "The seller asks you to close the dispute, but closing is final."
    ),
    Why.stage_offplatform_offer: N_(
        "The seller offers money outside AliExpress, where it is not protected."
    ),
    Why.stage_offer_accept: N_("The seller's offer matches what you asked for, or gives more."),
    Why.stage_offer_meets_claim: N_(
        "The seller's offer matches the refund the advice asks for this problem, or gives more."
    ),
    Why.stage_offer_amount_unchecked: N_(
        "Neither the price nor the amount you asked for is known, so the offer's amount could not"
        " be checked."
    ),
    Why.stage_offer_reject: N_("The seller's offer is less than what you asked for."),
    Why.stage_offer_below_claim: N_(
        "The seller's offer is less than the refund the advice asks for this problem."
    ),
    Why.stage_offer_amount_unknown: N_(
        "The amount of the seller's offer is not known, so it cannot be checked against the"
        " amount asked."
    ),
    Why.stage_offer_asks_return: N_(
        "The seller offers a return and refund instead of a refund without a return: you would"
        " have to send the item back at your own cost and wait for the refund."
    ),
    Why.stage_offer_no_return: N_(
        "The seller offers a refund without a return instead of the return and refund the"
        " dispute asks for."
    ),
    Why.stage_escalated: N_("AliExpress is now deciding the dispute."),
    Why.stage_evidence_requested: N_("AliExpress has asked you for evidence."),
    Why.stage_return_agreed: N_("The seller has agreed to take the item back."),
    Why.stage_return_shipped: N_("You have shipped the item back."),
    Why.stage_won: N_("The dispute is closed in your favour and the refund is approved."),
    Why.stage_lost: N_("The dispute was closed in the seller's favour."),
}
