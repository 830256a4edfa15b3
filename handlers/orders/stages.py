"""What the order card offers at each dispute stage, and the stages' names."""

from __future__ import annotations

from advisor.deadlines import protection_end_wanted, seller_answered
from advisor.models import Action, Advice, DeliveryStatus, Situation, Stage
from advisor.questionnaire.followups import evidence_to_add
from handlers.advice_wording import offer_accepted
from locales import N_

STAGE_NAMES: dict[Stage, str] = {
    Stage.none: N_("No dispute yet"),
    Stage.open: N_("Dispute open"),
    Stage.seller_asks_to_close: N_("Dispute open — the seller asks to close it"),
    Stage.seller_offplatform_offer: N_("Dispute open — the seller offers money outside AliExpress"),
    Stage.seller_offer: N_("Dispute open — the seller made an offer"),
    Stage.escalated: N_("Dispute escalated to AliExpress"),
    Stage.evidence_requested: N_("Dispute — AliExpress asks for evidence"),
    Stage.return_agreed: N_("Return agreed"),
    Stage.return_shipped: N_("Return shipped"),
    Stage.won: N_("Dispute won"),
    Stage.lost: N_("Dispute lost"),
}
# "I accepted the offer" moves a refund offer to `won` with the offer as the ask: no decision
# in the buyer's favour, an agreement (which may be a partial refund).
OFFER_ACCEPTED = N_("Offer accepted — the refund is coming")
# Open again after the seller rejected it or the buyer said no (walk CM: "Dispute open" alone,
# as if the seller had not answered yet).
NO_AGREEMENT = N_("Dispute open — no agreement with the seller")
# The seller's move once AliExpress has stepped in (walk of 2026-12-03: "Dispute open — the
# seller made an offer" read as if the dispute had gone back to the seller).
ESCALATED_STAGE_NAMES: dict[Stage, str] = {
    Stage.seller_asks_to_close: N_("Escalated to AliExpress — the seller asks to close it"),
    Stage.seller_offplatform_offer: N_(
        "Escalated to AliExpress — the seller offers money outside AliExpress"
    ),
    Stage.seller_offer: N_("Escalated to AliExpress — the seller made an offer"),
}


def stage_name(situation: Situation) -> str:
    """The msgid naming the order's stage (an accepted offer apart from a dispute won)."""
    if offer_accepted(situation):
        return OFFER_ACCEPTED
    if seller_answered(situation):
        return NO_AGREEMENT
    stage = situation.dispute.stage
    if situation.dispute.escalated and stage in ESCALATED_STAGE_NAMES:
        return ESCALATED_STAGE_NAMES[stage]
    return STAGE_NAMES[stage]


# Short callback codes of the card's follow-up buttons → the follow-up flow and its label.
FOLLOWUP_BUTTONS: dict[str, tuple[str, str]] = {
    "ext": ("extended", N_("🛡 Seller extended protection")),
    "opn": ("opened", N_("⚖️ I opened the dispute")),
    "ofr": ("offer", N_("💬 Seller made an offer")),
    "cls": ("asks_close", N_("🙏 Seller asks me to close")),
    "opp": ("offplatform_offer", N_("💳 Offer outside AliExpress")),
    "evq": ("evidence_requested", N_("📎 AliExpress asks for evidence")),
    # Walk of 2026-12-03: the card says to press "Escalate"; the button for having done so read
    # as something only AliExpress does.
    "esc": ("escalated", N_("🧑‍⚖️ I escalated it / AliExpress stepped in")),
    "cnl": ("cancelled", N_("🚪 I cancelled the dispute")),
    "evs": ("evidence_sent", N_("✅ I sent the evidence")),
    "rag": ("return_agreed", N_("📮 Return agreed")),
    "rsh": ("return_shipped", N_("🚚 Return shipped")),
    "won": ("won", N_("🏆 Dispute won")),
    "lst": ("lost", N_("❌ Dispute lost")),
    # Walk of 2026-12-03: a lost dispute's card had no way on once the appeal worked, so the
    # refund's date, reminders and the support message never came. The same questions as a win.
    "apw": ("won", N_("✅ Appeal won: a refund is coming")),
    "det": ("details", N_("➕ Add the item and order number")),
    "acc": ("accepted", N_("🤝 I accepted the offer")),
    "dcl": ("declined", N_("✋ I said no")),
    "nxt": ("not_extended", N_("🙅 Seller did not extend")),
    "rjd": ("seller_rejected", N_("🙅 Seller rejected the dispute")),
    "wrs": ("contacted", N_("✉️ I wrote to the seller")),
    "sts": ("status", N_("📍 The tracking changed")),
    "arr": ("arrived", N_("📦 It arrived, with a problem")),
    "fix": ("correction", N_("✏️ Correct a detail")),
    "evd": ("evidence", N_("📎 Add evidence")),
    "pend": ("protection_end", N_("⏳ Add when protection ends")),
}

# "It arrived" too: a parcel may come while its not-received dispute is under way.
_DURING_DISPUTE = ("ofr", "cls", "opp", "evq", "esc", "rag", "won", "lst", "arr", "cnl")

# The follow-ups that make sense from each stage (a dispute opens once; won/lost need one).
FOLLOWUPS_BY_STAGE: dict[Stage, tuple[str, ...]] = {
    Stage.none: ("pend", "wrs", "sts", "arr", "ext", "nxt", "opn"),
    Stage.open: ("rjd", *_DURING_DISPUTE),
    # Saying no to the seller opens the dispute again, with its timers (seller, escalation).
    Stage.seller_asks_to_close: ("dcl", *_DURING_DISPUTE),
    Stage.seller_offplatform_offer: ("dcl", *_DURING_DISPUTE),
    Stage.seller_offer: ("acc", "dcl", *_DURING_DISPUTE),
    Stage.escalated: _DURING_DISPUTE,
    # Walk AL: nothing said the evidence was sent, and its reminders kept coming. Walk AO: "📎
    # AliExpress asks for evidence" again sat beside "📎 Add evidence".
    Stage.evidence_requested: ("evs", *(code for code in _DURING_DISPUTE if code != "evq")),
    # Walk BD: an offer recorded here replaced the agreed return, and saying no to it lost the
    # return's ship-by day and reminders; the return stands until the dispute is decided.
    Stage.return_agreed: ("rsh", "won", "lst"),
    # Not "AliExpress asks for evidence" or "stepped in" (tried, walks BG and BJ): those stages'
    # advice knows nothing of the return sent, its proof and its automatic refund.
    Stage.return_shipped: ("won", "lst"),
    Stage.won: (),
    Stage.lost: ("apw",),
}


# The follow-ups without questions, by the stage they set.
_STAGE_SET_BY = {
    "cls": Stage.seller_asks_to_close,
    "opp": Stage.seller_offplatform_offer,
    "esc": Stage.escalated,
    "evs": Stage.escalated,
}
# A return needs an item in hand: not offered for a parcel that never arrived.
_RETURNS = frozenset({"rag", "rsh"})


# The statuses whose rule reads "the seller contacted" (4, 5, 9).
_CONTACT_COUNTS = frozenset(
    {
        DeliveryStatus.not_updating,
        DeliveryStatus.no_tracking,
        DeliveryStatus.delivered_not_received,
    }
)


def _reopenable(situation: Situation) -> bool:
    """Whether a dispute cancelled now could be opened again: only while Buyer Protection runs
    (seed 001; walks BG, BJ, review BH: after its end, or after receipt was confirmed or the item
    sent back, "I cancelled the dispute" led to advice to open a new one)."""
    ends = situation.protection_ends_on
    # An end not known (an order entered mid-dispute: the questionnaire does not ask it then)
    # is not known to be over: the cancel asks it, and refuses a passed one (review BL, walk BM).
    return (
        (ends is None or ends >= situation.today)
        and situation.receipt_confirmed_on is None
        and situation.dispute.returned_on is None
    )


def _seller_asked_for(situation: Situation, advice: Advice | None) -> bool:
    """The advice is to write to the seller, the buyer has not said they did, and saying so
    changes the advice: rules 4 (stuck tracking) and 5 (no tracking), and rule 9's "ask the
    post office for a statement, and the seller". Not rule 7 (customs: the advice stays to
    write to the seller until protection nearly ends) nor rule 8's post office redirect."""
    if advice is None or situation.seller.contacted:
        return False
    if advice.action not in (Action.contact_seller, Action.contact_carrier):
        return False
    return situation.delivery_status in _CONTACT_COUNTS


def followups_for(
    situation: Situation, archived: bool, advice: Advice | None = None
) -> tuple[str, ...]:
    """The follow-up button codes the card shows (none for an archived order).

    With the order's `advice`: "seller did not extend" only where the advice is to ask for an
    extension, "seller extended" not once protection has ended (before the situation's
    `today`), and "add evidence" not where no dispute can or should be opened.
    """
    if archived:
        return ()
    stage = situation.dispute.stage
    # A follow-up without questions that only sets the stage the order is at would change
    # nothing ("AliExpress stepped in" once it has).
    codes = tuple(c for c in FOLLOWUPS_BY_STAGE[stage] if _STAGE_SET_BY.get(c) is not stage)
    if not situation.received:
        codes = tuple(code for code in codes if code not in _RETURNS)
    else:
        # It came: no tracking left, nothing more to arrive.
        codes = tuple(code for code in codes if code not in ("sts", "arr"))
    if situation.receipt_confirmed_on is not None:
        # The dispute window counts from the confirmation: an extension changes nothing.
        codes = tuple(code for code in codes if code != "ext")
    if not _reopenable(situation):
        codes = tuple(code for code in codes if code != "cnl")
    if advice is None or advice.action is not Action.ask_extension:
        # The seller's refusal changes the advice only where it was to ask them (rule 4).
        codes = tuple(code for code in codes if code != "nxt")
    if seller_answered(situation):
        # The seller's answer is in: rejecting the dispute again changes nothing.
        codes = tuple(code for code in codes if code != "rjd")
    if not _seller_asked_for(situation, advice):
        codes = tuple(code for code in codes if code != "wrs")
    if not protection_end_wanted(situation):
        # Known, or no longer what the window counts from.
        codes = tuple(code for code in codes if code != "pend")
    ended = situation.protection_ends_on
    if ended is not None and ended < situation.today:
        # Buyer Protection is over: the seller can no longer extend it (walk F: the reminder
        # of an ended protection still offered "seller extended").
        codes = tuple(code for code in codes if code not in ("ext", "nxt"))
    if advice is not None and advice.action is Action.too_late:
        # The protection and the window after it are over: nothing is left to extend, and
        # what the tracking says changes nothing.
        codes = tuple(code for code in codes if code not in ("ext", "sts"))
    hopeless = advice is not None and advice.action in (Action.too_late, Action.do_not_dispute)
    if stage is not Stage.won and not hopeless and evidence_to_add(situation):
        codes = (*codes, "evd")  # collected since: the risk, texts and appeal change with it
    if situation.item is None or situation.order_number is None:
        codes = (*codes, "det")  # the texts would not say which order they are about
    return (*codes, "fix")  # a typo in the price would change every amount
