"""Human texts for every code of the advice (actions, reasons, warnings...) in the user's language.

The bot and the terminal show these, never raw codes. Each table maps a code to an English msgid
marked with `N_`; the functions translate at call time with the given `Translator`.
"""

from __future__ import annotations

import datetime as dt

from advisor.models import (
    Action,
    Deadline,
    DeadlineKind,
    Evidence,
    Reason,
    Refund,
    Risk,
    Solution,
    WarningCode,
)
from advisor.rules.why import WHY_TEXTS, Why
from locales import N_, Translator

ACTION_TITLES: dict[Action, str] = {
    Action.wait: N_("Wait for now"),
    Action.contact_seller: N_("Write to the seller"),
    Action.ask_extension: N_("Ask the seller to extend Buyer Protection"),
    Action.contact_carrier: N_("Contact the post office or carrier"),
    Action.open_dispute: N_("Open a dispute"),
    Action.do_not_dispute: N_("A dispute is not worth it"),
    Action.too_late: N_("Too late for a dispute"),
    Action.keep_dispute_open: N_("Keep the dispute open"),
    Action.accept_offer: N_("Accept the seller's offer"),
    Action.reject_offer: N_("Reject the seller's offer"),
    Action.provide_evidence: N_("Send the evidence"),
    Action.ship_return: N_("Ship the item back"),
    Action.wait_refund: N_("Wait for the refund"),
    Action.appeal: N_("Appeal to AliExpress support"),
}

ACTION_HINTS: dict[Action, str] = {
    Action.wait: N_(
        "Nothing to do yet: keep an eye on the tracking and come back by the dates below."
    ),
    Action.contact_seller: N_(
        "Write to the seller in the order chat, ask what happened to the parcel "
        "and save screenshots of the conversation."
    ),
    Action.ask_extension: N_(
        "Ask the seller in the order chat to extend Buyer Protection, "
        "and open a dispute if they refuse or protection is about to end."
    ),
    Action.contact_carrier: N_(
        "Ask the post office or carrier where the parcel is, get a written statement "
        "from them and tell the seller too."
    ),
    Action.open_dispute: N_(
        "Open a dispute in the AliExpress app: “My orders” → the order → “Open dispute”, with"
        " the reason, solution and amount below, and attach the evidence."
    ),
    Action.do_not_dispute: N_(
        "AliExpress will almost certainly side with the seller here, so a dispute would be lost."
    ),
    Action.too_late: N_(
        "The time to open a dispute has passed; you can still write to AliExpress support "
        "in the chat and leave an honest review."
    ),
    Action.keep_dispute_open: N_(
        "Do not close or cancel the dispute: talk to the seller only inside the dispute "
        "and watch the dates below."
    ),
    Action.accept_offer: N_(
        "The offer gives you what you asked for, so you can accept it; "
        "accepting closes the dispute for good."
    ),
    Action.reject_offer: N_("Reject the offer and stand by your request inside the dispute."),
    Action.provide_evidence: N_(
        "Upload the evidence AliExpress asked for to the dispute before the deadline below."
    ),
    Action.ship_return: N_(
        "Send the item only to the address given in the dispute, with tracking, "
        "and enter the tracking number in the dispute."
    ),
    Action.wait_refund: N_(
        "The refund is on its way: check your card or wallet and write to support "
        "if it has not arrived by the date below."
    ),
    Action.appeal: N_(
        "Write to AliExpress support in the chat calmly, attach your evidence, "
        "say what compensation you expect and follow up every day."
    ),
}

# AliExpress's own wording of each dispute reason (DOMAIN.md section 3).
REASON_WORDINGS: dict[Reason, str] = {
    Reason.in_transit_protection_expiring: N_(
        "Purchase protection is running out, but the package is still in transit"
    ),
    Reason.no_tracking_info: N_("No tracking information"),
    Reason.returned_to_seller: N_("Package was returned to the seller by the shipping company"),
    Reason.customs_holding: N_("Customs is holding the package"),
    Reason.wrong_address: N_("Package was sent to a wrong address"),
    Reason.delivered_not_received: N_("Tracking says delivered, but I did not receive the package"),
    Reason.invalid_tracking: N_("The tracking number is fake or belongs to another parcel"),
    Reason.not_as_described: N_("Item not as described"),
    Reason.quality: N_("Quality not as described"),
    Reason.damaged: N_("Item arrived damaged"),
    Reason.not_working: N_("Item does not work"),
    Reason.wrong_item: N_("Received a different item"),
    Reason.missing_parts: N_("Parts or accessories are missing"),
    Reason.short_quantity: N_("Fewer items than ordered"),
    Reason.empty_package: N_("The package was empty"),
    Reason.counterfeit: N_("Counterfeit item"),
    Reason.expired: N_("The item has expired"),
}

WARNING_TEXTS: dict[WarningCode, str] = {
    WarningCode.dont_confirm_receipt: N_(
        "Do not confirm receipt until the item is in your hands: "
        "after that AliExpress treats the order as delivered."
    ),
    WarningCode.dont_close_dispute: N_(
        "Do not close or cancel the dispute because the seller promises something."
    ),
    # DOMAIN 1 (001): accepting is final; cancelling can be undone only while protection runs.
    WarningCode.closing_is_final: N_(
        "An accepted offer ends the dispute for good; a cancelled dispute can be opened again"
        " only while Buyer Protection still runs."
    ),
    WarningCode.no_offplatform_refund: N_(
        "Never take money outside AliExpress (PayPal, a card transfer): "
        "such payments are not protected."
    ),
    WarningCode.check_offer_amount: N_(
        "Check the amount and the solution of every offer: sellers quietly lower the amount "
        "or switch a refund to a return."
    ),
    WarningCode.protection_expired: N_(
        "Buyer Protection has already ended: open the dispute at once, while it is still possible."
    ),
    WarningCode.protection_date_unknown: N_(
        "The Buyer Protection end date is unknown: look it up on the order page, "
        "the advice depends on it."
    ),
    WarningCode.evidence_missing: N_(
        "Collect the evidence from the checklist and attach it to the dispute: without it the "
        "dispute is likely to be lost."
    ),
    WarningCode.saver_shipping_risk: N_(
        "Saver shipping is not tracked all the way, so non-delivery is harder to prove."
    ),
    WarningCode.buyer_address_error: N_(
        "The address was your mistake, so AliExpress will not refund the order: "
        "try to have the parcel redirected at the post office."
    ),
    WarningCode.ship_only_to_dispute_address: N_(
        "Ship the return only to the address given in the dispute, "
        "not to one the seller sends in the chat."
    ),
    WarningCode.keep_return_receipt: N_(
        "Keep the post office receipt and the return tracking number until the refund arrives."
    ),
    WarningCode.dont_extend_return_timer: N_(
        "Do not agree to extend the return timer: the refund comes automatically when it runs out."
    ),
}

EVIDENCE_TEXTS: dict[Evidence, str] = {
    Evidence.unboxing_video: N_("Unboxing video from the sealed parcel with the address label"),
    Evidence.photos: N_("Clear, sharp photos of the item and the problem"),
    Evidence.defect_video: N_("A video showing the defect or the item failing"),
    Evidence.tracking_screenshot: N_("Tracking page screenshots (English version of the site)"),
    Evidence.chat_screenshot: N_("Screenshots of your chat with the seller"),
    Evidence.post_office_statement: N_("A written statement from the post office"),
    Evidence.customs_document: N_("The customs notice or documents"),
    # "Not as described" covers more than size: these two say when they apply.
    Evidence.size_label_photo: N_(
        "If the size is wrong: a photo of the size label next to the seller's size chart"
    ),
    Evidence.ruler_photo: N_(
        "If the size or dimensions are wrong: a photo of the item measured with a ruler or tape"
    ),
    Evidence.order_page_screenshot: N_("A screenshot of your order page (item, quantity, address)"),
}

DEADLINE_TEXTS: dict[DeadlineKind, str] = {
    DeadlineKind.earliest_open: N_("First day to open a dispute"),
    DeadlineKind.protection_ends: N_("Buyer Protection ends"),
    DeadlineKind.open_dispute_by: N_("Safe last day to open the dispute"),
    DeadlineKind.dispute_window_closes: N_("Last possible day to open a dispute"),
    DeadlineKind.seller_response_due: N_("The seller's answer is due"),
    DeadlineKind.escalation: N_("AliExpress steps in without an agreement"),
    DeadlineKind.evidence_due: N_("Evidence is due"),
    DeadlineKind.return_ship_by: N_("Last day to ship the return"),
    DeadlineKind.return_auto_refund: N_("Refund without the seller's confirmation"),
    DeadlineKind.refund_expected_by: N_("The refund should arrive"),
}

RISK_TEXTS: dict[Risk, str] = {
    Risk.low: N_("Low risk"),
    Risk.medium: N_("Medium risk"),
    Risk.high: N_("High risk"),
}

# After a "Risk:" heading, where "Risk: Low risk" would say it twice.
RISK_LEVELS: dict[Risk, str] = {
    Risk.low: N_("Low"),
    Risk.medium: N_("Medium"),
    Risk.high: N_("High"),
}

SOLUTION_TEXTS: dict[Solution, str] = {
    Solution.refund_only: N_("Refund only"),
    Solution.return_and_refund: N_("Return and refund"),
}

REFUND_TEXTS: dict[Refund, str] = {
    Refund.full: N_("Full refund"),
    Refund.partial: N_("Partial refund"),
}


def action_title(tr: Translator, action: Action | str) -> str:
    """A short title of the action."""
    return tr.gettext(ACTION_TITLES[Action(action)])


def action_hint(tr: Translator, action: Action | str) -> str:
    """One sentence saying what to do for the action."""
    return tr.gettext(ACTION_HINTS[Action(action)])


def reason_wording(tr: Translator, reason: Reason | str) -> str:
    """The dispute reason as AliExpress words it in that language."""
    return tr.gettext(REASON_WORDINGS[Reason(reason)])


def warning_text(tr: Translator, warning: WarningCode | str) -> str:
    """The warning as a sentence."""
    return tr.gettext(WARNING_TEXTS[WarningCode(warning)])


def evidence_text(tr: Translator, evidence: Evidence | str) -> str:
    """What the piece of evidence is."""
    return tr.gettext(EVIDENCE_TEXTS[Evidence(evidence)])


def deadline_text(tr: Translator, kind: DeadlineKind | str) -> str:
    """What happens on the deadline, to be followed by its date."""
    return tr.gettext(DEADLINE_TEXTS[DeadlineKind(kind)])


def deadline_line(tr: Translator, deadline: Deadline, at: dt.time | None = None) -> str:
    """The deadline with its date written the way the language writes dates (and the time it
    runs out, `at`, when known)."""
    return tr.gettext("%(what)s: %(date)s") % {
        "what": deadline_text(tr, deadline.kind),
        "date": deadline_date(tr, deadline, at),
    }


def deadline_date(tr: Translator, deadline: Deadline, at: dt.time | None = None) -> str:
    """The deadline's date, with the time it runs out when known."""
    if at is None:
        return tr.format_date(deadline.date)
    return tr.format_date_time(dt.datetime.combine(deadline.date, at))


def risk_text(tr: Translator, risk: Risk | str) -> str:
    """The risk level in words."""
    return tr.gettext(RISK_TEXTS[Risk(risk)])


def risk_level(tr: Translator, risk: Risk | str) -> str:
    """The risk level alone, for a line headed "Risk:"."""
    return tr.gettext(RISK_LEVELS[Risk(risk)])


def solution_text(tr: Translator, solution: Solution | str) -> str:
    """The dispute solution as AliExpress names it."""
    return tr.gettext(SOLUTION_TEXTS[Solution(solution)])


def refund_text(tr: Translator, refund: Refund | str) -> str:
    """Full or partial refund, in words."""
    return tr.gettext(REFUND_TEXTS[Refund(refund)])


def why_text(tr: Translator, code: Why | str) -> str:
    """Why a rule fired, as a sentence (raises ValueError for a code no rule produces)."""
    return tr.gettext(WHY_TEXTS[Why(code)])
