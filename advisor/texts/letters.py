"""Messages outside the dispute form: to the seller, and to the support chat."""

from __future__ import annotations

import datetime as dt

from advisor.models import Action, Advice, DeliveryStatus, Situation
from advisor.rules.base import Facts
from advisor.rules.stages import claim_outcome
from advisor.texts.common import (
    evidence_list,
    header_lines,
    join_blocks,
    join_with_details,
    numbered,
    reason_of,
    refund_sentence,
    solution_sentence,
    stale_tracking_line,
)
from advisor.texts.problems import PROTECTION_ENDED, is_not_received, problem_lines
from advisor.timers import DEFAULT_TIMERS, Timers
from locales import N_, Translator, fill

# The statuses whose dispute opens once the seller has been asked (rules 5 and 9).
_OPEN_AFTER_ASKING = frozenset({DeliveryStatus.no_tracking, DeliveryStatus.delivered_not_received})

# How long to ask the seller to extend protection by; no source names a number, and two weeks
# covers a parcel that has reached the destination country without crossing 90 days in total.
EXTENSION_REQUEST_DAYS = 15


def seller_message(
    situation: Situation,
    advice: Advice,
    tr: Translator,
    *,
    timers: Timers = DEFAULT_TIMERS,
) -> str:
    """A message to the seller: extend protection (ask_extension), or solve the problem."""
    if advice.action is Action.ask_extension:
        body = _extension_request(situation, tr)
    else:
        body = _problem_request(situation, advice, tr, timers)
    return join_blocks(
        [
            tr.gettext("Hello,"),
            "\n".join(header_lines(situation, tr)),
            body,
            tr.gettext("Thank you!"),
        ]
    )


RETURN_PROOFS = N_("the post office receipt and the tracking number of the return parcel")


def appeal_text(
    situation: Situation, advice: Advice, tr: Translator, timers: Timers = DEFAULT_TIMERS
) -> str:
    """A message for the support chat: an appeal after a lost dispute, or a late complaint."""
    advice = _with_late_claim(situation, advice, timers)
    reason = reason_of(situation, advice)
    if advice.action is Action.too_late:
        opening = tr.gettext(
            "The time to open a dispute for this order has passed, but the problem has not "
            "been solved. Please help me resolve it."
        )
    else:
        opening = tr.gettext(
            "My dispute for this order was closed in the seller's favour. I do not agree with "
            "this decision and ask you to review it."
        )
    # Walk G: after a dispute the protection's end is no problem to list (a late complaint keeps
    # it: it says why no dispute was opened), and what the seller did before the dispute (no
    # reply) may no longer be so once it has run.
    late = advice.action is Action.too_late
    # Walks BU, BW: neither the late complaint nor a lost dispute asks whose the wrong address
    # was; the appeal does not claim it was the seller's.
    lines = problem_lines(
        situation, reason, tr, seller_facts=late, in_dispute=not late, blame_seller=False
    )
    returned = situation.dispute.returned_on
    went_back = returned is not None and advice.action is not Action.too_late
    if returned is not None and went_back:
        # The item went back already (walk R: the appeal asked for a return again).
        sent = fill(
            tr.gettext(
                "I sent the item back on %(date)s, as agreed in the dispute, and have not"
                " received the refund."
            ),
            {"date": tr.format_date(returned)},
        )
        opening += " " + sent
    confirmed = situation.receipt_confirmed_on
    if advice.action is Action.too_late and situation.received and confirmed is not None:
        # Why the time has passed: context after the opening, not one of the problems.
        date = {"date": tr.format_date(confirmed)}
        opening += " " + fill(tr.gettext("I confirmed receipt on %(date)s."), date)
    proofs = [evidence_list(situation, reason, tr)]
    if went_back:
        # What proves "I sent it back and got nothing" (walk AN: the card says to keep them).
        proofs.append(tr.gettext(RETURN_PROOFS))
    evidence = ", ".join(filter(None, proofs))
    evidence_block = None
    if evidence:
        evidence_block = tr.gettext(
            "I have the evidence ready: %(evidence)s. I can send it right away."
        ) % {"evidence": evidence}
    blocks = [
        tr.gettext("Hello,"),
        "\n".join(header_lines(situation, tr)),
        opening,
        tr.gettext("What is wrong:") + "\n" + numbered(lines),
        evidence_block,
        (
            refund_sentence(situation, advice, tr)
            if went_back
            else solution_sentence(situation, advice, tr)
        ),
        tr.gettext("Thank you."),
    ]
    # The support chat reads Russian too (DOMAIN §4 `lost`): the copy in the buyer's language
    # may be sent as it is, so it keeps their own words (walk BO: a Russian note was lost).
    return join_with_details(blocks, 4, situation, tr, any_language=tr.lang != "en")


def _with_late_claim(situation: Situation, advice: Advice, timers: Timers) -> Advice:
    """A late complaint asks what a dispute would have asked (rules 4-14 as if protection
    ended today): "too late" names no amount, and "I request a refund." alone left support to
    guess how much (known issue until now)."""
    named = (advice.solution, advice.refund, advice.amount) != (None, None, None)
    if advice.action is not Action.too_late or named:
        return advice
    claim = claim_outcome(Facts(situation=situation, timers=timers, days_left=0))
    if claim.solution is None:
        return advice
    amount = None if claim.amount is None else round(claim.amount, 2)
    return advice.model_copy(
        update={
            "solution": claim.solution,
            "refund": claim.refund,
            "amount": amount,
            "currency": None if amount is None else situation.currency,
        }
    )


def _extension_request(situation: Situation, tr: Translator) -> str:
    lines = [tr.gettext("My parcel has not arrived yet: it is still in transit.")]
    stale = situation.days_since_tracking_update
    if stale:
        lines.append(stale_tracking_line(stale, tr))
    ends = situation.protection_ends_on
    if ends is not None and ends >= situation.today:
        lines.append(
            fill(tr.gettext("Buyer Protection ends on %(date)s."), {"date": tr.format_date(ends)})
        )
    days = EXTENSION_REQUEST_DAYS
    lines.append(
        tr.ngettext(
            "Please extend Buyer Protection by %(n)s day so that I can wait for the parcel "
            "without opening a dispute.",
            "Please extend Buyer Protection by %(n)s days so that I can wait for the parcel "
            "without opening a dispute.",
            days,
        )
        % {"n": days}
    )
    return "\n".join(lines)


def _problem_request(situation: Situation, advice: Advice, tr: Translator, timers: Timers) -> str:
    reason = reason_of(situation, advice)
    lines = problem_lines(situation, reason, tr, seller_facts=False)
    ended = situation.protection_ends_on
    if ended is not None and ended < situation.today:
        # Telling the seller the protection is over only weakens the buyer's hand, and the
        # dispute window after it is still open (walk of 2026-12-03, a parcel sent back).
        said = fill(tr.gettext(PROTECTION_ENDED), {"date": tr.format_date(ended)})
        lines = [line for line in lines if line != said]
    not_received = is_not_received(reason, situation)
    status = situation.delivery_status
    if not_received and status is DeliveryStatus.returned_to_seller and situation.not_collected:
        # Its cause is said above (problem_lines): what to agree on (rule 6, seed 000).
        lines.append(
            tr.gettext("Could you please send it to me again, or refund part of the price?")
        )
    elif not_received and status is DeliveryStatus.at_customs:
        lines.append(
            tr.gettext(
                "Could you please send me the documents customs needs (such as the invoice), or "
                "tell me how you will solve this?"
            )
        )
    elif not_received:
        lines.append(
            tr.gettext(
                "Could you please check what happened to the parcel and tell me how you will "
                "solve this?"
            )
        )
    else:
        lines.append(tr.gettext("Could you please tell me how you will solve this?"))
    ends = situation.protection_ends_on
    if not_received and status in _OPEN_AFTER_ASKING:
        # Rules 5 and 9 open the dispute as soon as the seller has been asked: no date to wait for.
        lines.append(tr.gettext("If you cannot solve this quickly, I will open a dispute."))
    elif not_received and ends is not None:
        open_by = ends - dt.timedelta(days=timers.open_now_days)
        if open_by >= situation.today:
            lines.append(
                fill(
                    tr.gettext("If the problem is not solved by %(date)s, I will open a dispute."),
                    {"date": tr.format_date(open_by)},
                )
            )
    return "\n".join(lines)
