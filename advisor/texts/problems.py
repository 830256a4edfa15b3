"""What is wrong with the order, as plain sentences, the main problem first."""

from __future__ import annotations

from advisor.models import AddressErrorBy, CustomsIssue, Evidence, Problem, Reason, Situation
from advisor.texts.common import pieces, stale_tracking_line
from locales import N_, Translator, fill

_NOT_RECEIVED = frozenset(
    {
        Reason.in_transit_protection_expiring,
        Reason.no_tracking_info,
        Reason.returned_to_seller,
        Reason.customs_holding,
        Reason.wrong_address,
        Reason.delivered_not_received,
        Reason.invalid_tracking,
    }
)
# Flaws after which "the item cannot be used" adds something; for the others it is obvious.
_FLAWS = frozenset(
    {
        Reason.not_as_described,
        Reason.quality,
        Reason.damaged,
        Reason.missing_parts,
        Reason.counterfeit,
    }
)
_STALE_TRACKING = frozenset({Reason.in_transit_protection_expiring, Reason.customs_holding})

_MAIN: dict[Reason, str] = {
    Reason.in_transit_protection_expiring: N_(
        "The parcel is still in transit and has not been delivered."
    ),
    Reason.no_tracking_info: N_("There is no tracking information for the parcel."),
    Reason.returned_to_seller: N_(
        "The tracking shows that the shipping company returned the parcel to the seller."
    ),
    Reason.customs_holding: N_("The parcel is being held by customs."),
    Reason.wrong_address: N_("The seller sent the parcel to a wrong address."),
    Reason.delivered_not_received: N_(
        "The tracking says the parcel was delivered, but I did not receive it."
    ),
    Reason.invalid_tracking: N_(
        "The tracking number belongs to another parcel: the tracking shows a different "
        "delivery address."
    ),
    Reason.not_as_described: N_("The item does not match the description in the listing."),
    Reason.quality: N_("The material and quality of the item are worse than described."),
    Reason.damaged: N_("The item arrived broken or damaged."),
    Reason.not_working: N_("The item does not work."),
    Reason.wrong_item: N_("I received a different item from the one I ordered."),
    Reason.missing_parts: N_("Parts or accessories of the item are missing."),
    Reason.short_quantity: N_("I received fewer units than I ordered."),
    Reason.empty_package: N_("The parcel arrived empty: the item was not inside."),
    Reason.counterfeit: N_("The item is a counterfeit of the brand it was sold as."),
    Reason.expired: N_("The item is past its expiry date."),
}
_NO_REASON = N_("There is a problem with this order.")
# Walk BU: the buyer's own facts, not the seller's fault, where the buyer said so (rules 6, 8).
_WRONG_ADDRESS_NEUTRAL = N_("The parcel was sent to a wrong address and did not reach me.")
_NOT_COLLECTED = N_(
    "I could not collect the parcel at the post office in time, so the shipping company"
    " returned it to the seller."
)

_CUSTOMS: dict[CustomsIssue, str] = {
    CustomsIssue.vat_misdeclared: N_(
        "The value on the customs declaration is wrong, so customs demands a payment."
    ),
    CustomsIssue.documents_required: N_(
        "Customs requires documents or information about the parcel."
    ),
}


def is_not_received(reason: Reason | None, situation: Situation) -> bool:
    """Whether the problem is a parcel that never reached the buyer."""
    if reason is None:
        return not situation.received
    return reason in _NOT_RECEIVED


def main_problem(
    situation: Situation, reason: Reason | None, tr: Translator, *, blame_seller: bool = True
) -> str:
    """The one sentence that names the main problem; without `blame_seller`, a wrong address
    is not said to be the seller's (the late complaint never asks whose it was)."""
    # Nothing of a short shipment is judged as an empty parcel (rule 13): the text still says
    # what was ordered and what came, which "the parcel arrived empty" would not.
    if reason is Reason.short_quantity or (
        reason is Reason.empty_package and situation.problem is Problem.short_quantity
    ):
        counted = _short_quantity(situation, tr)
        if counted:
            return counted
    if reason is None:
        return tr.gettext(_NO_REASON)
    own_error = situation.address_error_by is AddressErrorBy.buyer
    if reason is Reason.wrong_address and (own_error or not blame_seller):
        return tr.gettext(_WRONG_ADDRESS_NEUTRAL)
    if reason is Reason.returned_to_seller and situation.not_collected:
        return tr.gettext(_NOT_COLLECTED)
    return tr.gettext(_MAIN[reason])


def problem_lines(
    situation: Situation,
    reason: Reason | None,
    tr: Translator,
    *,
    seller_facts: bool = True,
    in_dispute: bool = False,
    blame_seller: bool = True,
) -> list[str]:
    """The main problem, then the facts that support it; seller facts only when asked for.

    `in_dispute` (the dispute form's own list): the end of protection only where it is the
    point (still in transit as it runs out), not as one more "problem" of the parcel.
    """
    lines = [main_problem(situation, reason, tr, blame_seller=blame_seller)]
    if is_not_received(reason, situation):
        lines.extend(_delivery_facts(situation, reason, tr, in_dispute=in_dispute))
    elif situation.usable is False and reason in _FLAWS:
        lines.append(tr.gettext("Because of this, the item cannot be used."))
    if seller_facts:
        lines.extend(_seller_facts(situation, tr))
    return lines


def _short_quantity(situation: Situation, tr: Translator) -> str | None:
    ordered, received = situation.quantity_ordered, situation.quantity_received
    if ordered is None or received is None or received >= ordered:
        return None
    if received == 0:
        return tr.gettext("I ordered %(ordered)s but received none.") % {
            "ordered": pieces(ordered, tr)
        }
    came = fill(
        tr.gettext("I ordered %(ordered)s but received only %(received)s."),
        {"ordered": pieces(ordered, tr), "received": pieces(received, tr)},
    )
    faulty = situation.quantity_faulty or 0
    if not faulty:
        return came
    if faulty == received:
        none_works = tr.gettext("None of them works.")
        return f"{came} {none_works}"
    broken = tr.ngettext(
        "%(n)s of the pieces I received does not work.",
        "%(n)s of the pieces I received do not work.",
        faulty,
    )
    return f"{came} {broken % {'n': faulty}}"


PROTECTION_ENDED = N_("Buyer Protection ended on %(date)s.")


def _delivery_facts(
    situation: Situation, reason: Reason | None, tr: Translator, *, in_dispute: bool
) -> list[str]:
    lines = []
    if reason is Reason.customs_holding and situation.customs_issue in _CUSTOMS:
        lines.append(tr.gettext(_CUSTOMS[situation.customs_issue]))
    stale = situation.days_since_tracking_update
    if reason in _STALE_TRACKING and stale:
        lines.append(stale_tracking_line(stale, tr))
    shipped = situation.shipped_on
    if shipped is not None and shipped <= situation.today:
        days = (situation.today - shipped).days
        date = tr.format_date(shipped)
        if days == 0:
            today = tr.gettext("The order was shipped today, %(date)s.")
            lines.append(fill(today, {"date": date}))
        else:
            message = tr.ngettext(
                "The order was shipped on %(date)s, %(n)s day ago.",
                "The order was shipped on %(date)s, %(n)s days ago.",
                days,
            )
            lines.append(fill(message, {"date": date, "n": days}))
    ends = situation.protection_ends_on
    relevant = not in_dispute or reason is Reason.in_transit_protection_expiring
    confirmed = situation.receipt_confirmed_on
    if confirmed is not None and not situation.received:
        # The confirmation ended the protection: its end date would say time is left.
        message = tr.gettext("I confirmed receipt on %(date)s, but the parcel has not arrived.")
        lines.append(fill(message, {"date": tr.format_date(confirmed)}))
    elif ends is not None and relevant:
        message = (
            N_("Buyer Protection ends on %(date)s.")
            if ends >= situation.today
            else PROTECTION_ENDED
        )
        lines.append(fill(tr.gettext(message), {"date": tr.format_date(ends)}))
    have = situation.evidence or ()
    if reason is Reason.delivered_not_received and Evidence.post_office_statement in have:
        lines.append(
            tr.gettext("The post office confirmed in writing that the parcel was not handed to me.")
        )
    return lines


def _seller_facts(situation: Situation, tr: Translator) -> list[str]:
    seller = situation.seller
    # The extension is of a wait for a parcel: an item in hand was refused nothing that matters
    # (review U: an order that arrived before the arrival dropped it still said so).
    if seller.refused_extension and not situation.received:
        if not seller.responded:
            # "Seller did not extend" covers a refusal and silence alike: "refused" or "did not
            # reply" would each be a claim the seller could rebut (walk AJ, review AK).
            return [tr.gettext("I asked the seller to extend Buyer Protection; they did not.")]
        return [tr.gettext("The seller refused to extend Buyer Protection.")]
    if seller.contacted and not seller.responded:
        return [tr.gettext("The seller has not replied to my messages.")]
    if seller.contacted:
        return [tr.gettext("I contacted the seller, but the problem was not solved.")]
    return []
