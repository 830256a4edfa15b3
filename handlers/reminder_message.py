"""The reminder message: which order, what is due and when, what to do, and its buttons."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from advisor import labels
from advisor.deadlines import USUAL_PROTECTION_DAYS, earliest_open, time_of_day, window_end
from advisor.models import (
    Action,
    Advice,
    Deadline,
    DeadlineKind,
    DeliveryStatus,
    Situation,
    Stage,
)
from advisor.policy import PROPOSAL_STAGES, advise_buyer, judged_by_an_old_end
from advisor.reminder_plan import NOT_THE_BUYERS, REFUND_CHASE_DAYS
from advisor.rules.why import Why
from advisor.texts import applicable_texts
from advisor.timers import Timers
from handlers.advice_card import PASSED_MEANING, deadline_item
from handlers.callbacks import make
from handlers.order_buttons import ARCHIVE_LABEL
from handlers.order_names import order_name
from handlers.order_store import moved_to
from handlers.orders.card import TEXT_BUTTONS
from handlers.orders.stages import FOLLOWUP_BUTTONS, followups_for
from handlers.texts_view import TEXT_LABELS
from locales import N_, Translator, fill
from storage.reminders import DueReminder

NAMESPACE = "r"
EXTENDED = "ext"
NOT_EXTENDED = "nxt"
OPENED = "opn"
SHIPPED = "rsh"
OFFER = "ofr"
RETURN_AGREED = "rag"
ESCALATED = "esc"
EVIDENCE_SENT = "evs"
REJECTED = "rjd"
WON = "won"
CONTACTED = "wrs"
ACCEPTED = "acc"
DECLINED = "dcl"
RESOLVED = "res"
TOMORROW = "tmr"
CARD = "card"

_EXTEND = N_(
    "The parcel is still on its way. Ask the seller in the order chat to extend Buyer "
    "Protection now and save a screenshot of the answer. If the seller refuses or does not "
    "reply, open a dispute no later than %(open_by)s: do not wait for the last day."
)
# Asking for an extension is advice for a parcel still moving (rule 4); for an item that came
# with a problem, or a parcel without tracking, the dispute itself is what must not be late.
# Under a reminder of the usual protection end, the real one being unknown.
_USUAL_END_ONLY = N_(
    "This is the usual end, %(days)s days from shipping: the real one may differ. Check the"
    " Buyer Protection timer on the order page and add it to the order, so the reminders count"
    " from it."
)
_OPEN_BY = N_(
    "Buyer Protection ends soon. If the problem is not solved, open the dispute no later than "
    "%(open_by)s: do not wait for the last day."
)
_OPEN_NOW = N_(
    "Open the dispute now: do not wait for the seller's promises, or protection ends and the "
    "money goes to the seller. Open the order to see the reason, the solution and the text "
    "to paste."
)
_EXTENDED = N_(
    "The seller has extended Buyer Protection. If the parcel has still not arrived, open the "
    "dispute no later than %(open_by)s."
)
_EXTENDED_ENDING = N_(
    "The seller has extended Buyer Protection, but it ends soon. If the parcel has still not "
    "arrived, open the dispute now: do not wait for the last day."
)
# "Seller did not extend" covers a refusal and silence alike (walk B: "refused" when the
# seller had only not answered).
_REFUSED = N_(
    "The seller did not extend Buyer Protection, so do not wait: open the dispute now. Open "
    "the order to see the reason, the solution and the text to paste."
)
_LAST_DAY = N_(
    "Today is the last day of Buyer Protection. If the problem is not solved, open the "
    "dispute today."
)
# The last day of a protection whose end the timer gave to the minute (walk M: "today" read at
# night as the whole day).
_LAST_HOURS = N_(
    "Buyer Protection runs out today at %(time)s. If the problem is not solved, open the "
    "dispute before then."
)
_PROTECTION_PASSED = N_(
    "Buyer Protection has ended. A dispute may still be possible for a short while: open the "
    "order to see what I advise now."
)
# Walk AO: the bot knows that while: the window after the protection (rule 2).
_PROTECTION_PASSED_UNTIL = N_(
    "Buyer Protection has ended, but a dispute can still be opened until %(last)s, though it is"
    " harder to win. Open the order to see what I advise now."
)
# Review AQ: the first day on or after the end (a dispute after the end is harder to win).
_OPEN_AFTER_THE_END = N_(
    "A dispute about a parcel that has not arrived can be opened only from %(first)s, when Buyer"
    " Protection has already ended: if the parcel has not come, open it on %(first)s, do not"
    " wait for the seller's promises."
)
# Walk AO: "open the dispute now" the day before a not-received dispute may be opened at all.
_OPEN_ON_FIRST_DAY = N_(
    "A dispute about a parcel that has not arrived can be opened from %(first)s, and Buyer"
    " Protection ends soon after: if the parcel has not come, open it on %(first)s, do not wait"
    " for the seller's promises."
)
_WINDOW_PASSED = N_(
    "The time to open a dispute for this order has passed. You can still write to AliExpress "
    "support in the chat."
)

# The window's last days once protection has ended without a dispute (rule 2): each day waited
# weakens the dispute, so not "if something is still wrong" (walk F: read as "two weeks left").
_WINDOW_AFTER_PROTECTION = N_(
    "Buyer Protection has already ended: a dispute can be opened only until the day above, and "
    "the sooner the better. Open it now: open the order to see the reason, the solution and "
    "the text to paste."
)

_ESCALATION_PASSED_OFFER = N_(
    "The seller's offer is still waiting for your answer, and it gives what you asked for: open"
    " the order to see what I advise about it."
)
_ESCALATION_PENDING = N_(
    "If you and the seller have not agreed by the end of the day above, AliExpress steps in."
    " The seller's proposal is still waiting for your answer: open the order to see what I"
    " advise about it."
)

# The reminders of a refund on its way, which name how much.
_REFUND_KINDS = frozenset({DeadlineKind.refund_expected_by, DeadlineKind.return_auto_refund})
_REFUND_STILL_MISSING = N_(
    "If the refund has still not come, write to AliExpress support in the chat (the message"
    " below asks for the refund confirmation). Once support confirms the refund was sent, give"
    " that confirmation to your bank or payment service and ask them to trace the payment. If"
    " the money has come, archive the order."
)

ON_THE_DAY: dict[DeadlineKind, str] = {
    DeadlineKind.earliest_open: N_(
        "From the day above a dispute about a parcel that has not arrived can be opened. Check the "
        "tracking first, then open the order to see what I advise now."
    ),
    DeadlineKind.protection_ends: _OPEN_NOW,
    DeadlineKind.open_dispute_by: _OPEN_NOW,
    DeadlineKind.dispute_window_closes: N_(
        "After the day above AliExpress will not accept a dispute for this order. If something is "
        "still wrong, open the dispute before then."
    ),
    DeadlineKind.seller_response_due: N_(
        "The seller has until the end of the day above to respond to your dispute. If the seller"
        " stays silent, the dispute closes in your favour; if they make an offer, check the amount"
        " and the solution before you accept."
    ),
    DeadlineKind.escalation: N_(
        "If you and the seller have not agreed by the end of the day above, AliExpress steps in."
        " Do not close or cancel the dispute, and keep your evidence ready."
    ),
    DeadlineKind.evidence_due: N_(
        "Upload the evidence AliExpress asked for to the dispute by the end of the day above, "
        "or the dispute may be decided without it."
    ),
    DeadlineKind.return_ship_by: N_(
        "Ship the item back by this date, only to the address given in the dispute, and enter "
        "the return tracking number in the dispute. Keep the post office receipt."
    ),
    DeadlineKind.return_auto_refund: N_(
        "The return timer runs out: if the seller has not confirmed receiving the parcel, the "
        "refund should come automatically. If it does not, write to AliExpress support in the "
        "chat with your return tracking number."
    ),
    DeadlineKind.refund_expected_by: N_(
        "The refund should have reached your card or wallet by now. If it has not, write to "
        "AliExpress support in the chat and ask for the refund confirmation; with it, ask your "
        "bank to find the payment."
    ),
}


def what_to_do(
    tr: Translator,
    kind: DeadlineKind,
    deadline_on: dt.date,
    today: dt.date,
    timers: Timers,
    situation: Situation | None = None,
) -> str:
    """What the user should do about this deadline, seen from `today` (plain text).

    For Buyer Protection the seller's answer to the extension request (in `situation`)
    changes the advice, so it changes the words too.
    """
    left = (deadline_on - today).days
    if kind is DeadlineKind.protection_ends:
        if left < 0:
            return _protection_passed(tr, situation, timers, today)
        first = _first_dispute_day(situation, timers)
        if 0 <= left <= timers.open_now_days and first is not None and first > today:
            message = _OPEN_ON_FIRST_DAY if first < deadline_on else _OPEN_AFTER_THE_END
            return fill(tr.gettext(message), {"first": tr.format_date(first)})
        if left == 0:
            ends_at = time_of_day(kind, deadline_on, situation) if situation else None
            if ends_at is not None:
                return fill(tr.gettext(_LAST_HOURS), {"time": tr.format_time(ends_at)})
            return tr.gettext(_LAST_DAY)
        # The seller's answer counts while the parcel is still awaited and no dispute is open.
        seller = (
            situation.seller
            if situation and not situation.received and situation.dispute.stage is Stage.none
            else None
        )
        # The same safe last day as the card's open_dispute_by: not the last day itself.
        open_by = deadline_on - dt.timedelta(days=timers.open_now_days)
        if seller is not None and seller.extended:
            if left <= timers.open_now_days:
                return tr.gettext(_EXTENDED_ENDING)
            return fill(tr.gettext(_EXTENDED), {"open_by": tr.format_date(open_by)})
        if seller is not None and seller.refused_extension:
            return tr.gettext(_REFUSED)
        if left > timers.open_now_days:
            message = _EXTEND if _may_be_extended(situation) else _OPEN_BY
            return fill(tr.gettext(message), {"open_by": tr.format_date(open_by)})
    if kind is DeadlineKind.dispute_window_closes and left < 0:
        if _old_end_of_an_extension(situation):
            # The card's words (walk BW: "the time has passed" under a card saying to open it).
            return labels.why_text(tr, Why.extension_end_passed)
        return tr.gettext(_WINDOW_PASSED)
    if kind is DeadlineKind.dispute_window_closes and _protection_over(situation, today):
        return tr.gettext(_WINDOW_AFTER_PROTECTION)
    if left < 0 and kind is DeadlineKind.escalation and _offer_to_accept(situation, today, timers):
        # The card advises taking the offer and hides this date (walk CA: "ask AliExpress to
        # step in" under a card saying accept).
        return tr.gettext(_ESCALATION_PASSED_OFFER)
    if kind in _REFUND_KINDS and left <= -REFUND_CHASE_DAYS:
        # A week after the refund's date (advisor.reminder_plan): support, then the bank (003).
        return tr.gettext(_REFUND_STILL_MISSING)
    if left < 0 and kind in PASSED_MEANING:
        # Reminded again after the day ("remind me tomorrow" on it): not the day's words, which
        # speak of it as ahead (walk AT), but the card's for a deadline passed.
        return tr.gettext(PASSED_MEANING[kind])
    if kind is DeadlineKind.escalation and situation and situation.dispute.stage in PROPOSAL_STAGES:
        # An offer or a request is waiting for the buyer's answer: accepting one may well be
        # the advice, so not "do not close the dispute".
        return tr.gettext(_ESCALATION_PENDING)
    return tr.gettext(ON_THE_DAY[kind])


def _offer_to_accept(situation: Situation | None, today: dt.date, timers: Timers) -> bool:
    """Whether a seller's proposal waits and the advice is to accept it."""
    if situation is None or situation.dispute.stage not in PROPOSAL_STAGES:
        return False
    current = moved_to(situation, today)
    return advise_buyer(current, timers).action is Action.accept_offer


def _old_end_of_an_extension(situation: Situation | None) -> bool:
    """Whether the window counted from the end an extension replaced, the new end unknown: its
    passing closes nothing, as the card says (advisor.policy, walk BI)."""
    return situation is not None and judged_by_an_old_end(situation)


def _protection_passed(
    tr: Translator, situation: Situation | None, timers: Timers, today: dt.date
) -> str:
    """After the protection's end: until when a dispute can still be opened, when known."""
    last = window_end(situation, timers) if situation is not None else None
    if last is None or last < today or situation is None or situation.receipt_confirmed_on:
        return tr.gettext(_PROTECTION_PASSED)
    return fill(tr.gettext(_PROTECTION_PASSED_UNTIL), {"last": tr.format_date(last)})


def _first_dispute_day(situation: Situation | None, timers: Timers) -> dt.date | None:
    """The first day a dispute about a parcel not received may be opened, if one awaits it."""
    if situation is None or situation.received or situation.dispute.stage is not Stage.none:
        return None
    return earliest_open(situation, timers)


def _protection_over(situation: Situation | None, today: dt.date) -> bool:
    """Buyer Protection ended before `today`, no dispute open and receipt not confirmed: the
    window left is rule 2's, after the protection."""
    if situation is None or situation.dispute.stage is not Stage.none:
        return False
    ended = situation.protection_ends_on
    return situation.receipt_confirmed_on is None and ended is not None and ended < today


def _may_be_extended(situation: Situation | None) -> bool:
    """Whether asking the seller for more time is the advice: a parcel still on its way."""
    if situation is None:
        return True  # an order saved before its situation could be read: as before
    moving = (DeliveryStatus.in_transit, DeliveryStatus.not_updating)
    return not situation.received and situation.delivery_status in moving


def situation_of(data: dict[str, Any]) -> Situation | None:
    """The stored situation, or None if it no longer validates."""
    try:
        return Situation.model_validate(data)
    except ValidationError:
        return None


_REFUND_AMOUNT = N_("The refund to expect: %(amount)s.")


def render_reminder(
    tr: Translator, due: DueReminder, *, today: dt.date, zone: ZoneInfo, timers: Timers
) -> tuple[str, InlineKeyboardMarkup]:
    """The reminder as HTML and its buttons, in the translator's language."""
    reminder = due.reminder
    kind = DeadlineKind(reminder.kind)
    deadline_on = dt.date.fromisoformat(reminder.deadline_on)
    name = order_name(tr, due.label, due.situation, due.order_created_at, zone)
    title = tr.gettext("Reminder: %(order)s") % {"order": name}
    lines = [f"<b>⏰ {html.escape(title)}</b>"]
    number = due.situation.get("order_number")
    if isinstance(number, str) and number and number != name:
        lines.append(html.escape(tr.gettext("Order number: %(number)s") % {"number": number}))
    lines.append("")
    situation = situation_of(due.situation)
    lines.append(deadline_item(tr, Deadline(kind=kind, date=deadline_on), today, situation))
    lines.append("")
    lines.append(html.escape(what_to_do(tr, kind, deadline_on, today, timers, situation)))
    if kind is DeadlineKind.protection_ends and situation and situation.protection_ends_on is None:
        # The usual end, reminded as the card names it (advisor.reminder_plan.reminded_deadlines).
        usual = {"days": str(USUAL_PROTECTION_DAYS)}
        lines.append(html.escape(fill(tr.gettext(_USUAL_END_ONLY), usual)))
    asked = situation.dispute.requested_amount if situation is not None else None
    if kind in _REFUND_KINDS and situation is not None and asked is not None:
        # Walk AL: how much should arrive was on the card only. Only an amount the buyer gave
        # (asked, or an offer accepted), as the card's "Refund expected": review AV, the advice's
        # own 30 % guess was stated for a won dispute whose amount the buyer did not remember.
        amount = tr.format_money(asked, situation.currency)
        lines.append(html.escape(fill(tr.gettext(_REFUND_AMOUNT), {"amount": amount})))
    # Its buttons as of today, not as of the day the order was saved (an ended protection).
    followups: tuple[str, ...] = ()
    text_kind = None
    closed = (
        kind is DeadlineKind.dispute_window_closes
        and deadline_on < today
        and not _old_end_of_an_extension(situation)
    )
    if situation is not None and not closed:
        current = moved_to(situation, today)
        # The protection's reminders ask to write to the seller: with the card's advice they
        # offer its message and "the seller did not extend" too (walk AF: only the card had them).
        advice = advise_buyer(current, timers) if kind in _ADVISED_KINDS else None
        followups = reminder_followups(current, kind, advice)
        text_kind = _text_offered(current, kind, advice, today, timers)
    # The window closed: no dispute to open, nothing to be reminded of tomorrow (walk AB).
    keyboard = reminder_keyboard(
        tr,
        reminder.order_id,
        reminder.id,
        followups=followups,
        # A deadline passed: what to do now is said, nothing to wait for until tomorrow.
        snooze=not closed and deadline_on >= today,
        # The buyer's own last day: "tomorrow" would be too late, it comes back in a few hours
        # (walk AT: the button said tomorrow, the alert said 10:38).
        later_today=deadline_on == today and kind not in NOT_THE_BUYERS,
        text_kind=text_kind,
    )
    return "\n".join(lines), keyboard


# The texts a reminder offers under it, where its advice has one.
_REMINDER_TEXTS = ("seller_message", "support")


def _text_offered(
    situation: Situation,
    kind: DeadlineKind,
    advice: Advice | None,
    today: dt.date,
    timers: Timers,
) -> str | None:
    """The text a reminder offers: the card's message to the seller with the protection's
    reminders, the message to support once a refund's date has passed."""
    if advice is None and kind in _REFUND_KINDS:
        advice = advise_buyer(situation, timers)
    if advice is None:
        return None
    offered = applicable_texts(advice, today)
    return next((text for text in _REMINDER_TEXTS if text in offered), None)


# The card's labels, but where a reminder says more ("new date") or it reads better there.
_FOLLOWUP_LABELS = {
    EXTENDED: N_("🛡 Seller extended (new date)"),
    OPENED: FOLLOWUP_BUTTONS[OPENED][1],
    NOT_EXTENDED: FOLLOWUP_BUTTONS[NOT_EXTENDED][1],
    SHIPPED: N_("🚚 I shipped it back"),
    OFFER: FOLLOWUP_BUTTONS[OFFER][1],
    RETURN_AGREED: FOLLOWUP_BUTTONS[RETURN_AGREED][1],
    ESCALATED: FOLLOWUP_BUTTONS[ESCALATED][1],
    EVIDENCE_SENT: FOLLOWUP_BUTTONS[EVIDENCE_SENT][1],
    REJECTED: FOLLOWUP_BUTTONS[REJECTED][1],
    WON: FOLLOWUP_BUTTONS[WON][1],
    CONTACTED: FOLLOWUP_BUTTONS[CONTACTED][1],
    ACCEPTED: FOLLOWUP_BUTTONS[ACCEPTED][1],
    DECLINED: FOLLOWUP_BUTTONS[DECLINED][1],
}
# The follow-up buttons a reminder may carry, in the order they are offered.
REMINDER_FOLLOWUPS = tuple(_FOLLOWUP_LABELS)
# The next step each dispute deadline's reminder offers (walk B: the escalation reminder had no
# "AliExpress stepped in", which the card tells the buyer to press); the others offer those of
# the protection and the return.
_NEXT_STEPS: dict[DeadlineKind, tuple[str, ...]] = {
    # Silence closes the dispute in the buyer's favour, as the reminder says (walk AT).
    # The seller may answer by agreeing to a return (walk BJ: not offered), for an item in hand.
    DeadlineKind.seller_response_due: (OFFER, RETURN_AGREED, REJECTED, WON),
    # The refund after a return, come or not (walk BJ: only "archive" and "tomorrow").
    DeadlineKind.return_auto_refund: (WON,),
    # An offer waiting for the buyer's answer, which the reminder speaks of (walk CE).
    DeadlineKind.escalation: (ACCEPTED, DECLINED, ESCALATED),
    DeadlineKind.evidence_due: (EVIDENCE_SENT,),
    # The first day a dispute may be opened: nothing to extend yet (walk AB); where the advice
    # is to write to the seller first, saying so (walk CE: only "I opened the dispute").
    DeadlineKind.earliest_open: (CONTACTED, OPENED),
}
_BEFORE_DISPUTE_AND_RETURN = (EXTENDED, NOT_EXTENDED, CONTACTED, OPENED, SHIPPED)
# The reminders whose buttons follow the order's advice of the day (the seller's message,
# "did not extend", "I wrote to the seller").
_ADVISED_KINDS = frozenset({DeadlineKind.protection_ends, DeadlineKind.earliest_open})


def reminder_followups(
    situation: Situation, kind: DeadlineKind | None = None, advice: Advice | None = None
) -> tuple[str, ...]:
    """The card's follow-ups a reminder offers too, those of its deadline `kind` (any reminder's
    without): before a dispute, "seller extended" (not once receipt is confirmed: the window
    counts from it), "seller did not extend" (with the `advice` to ask them, as on the card) and
    "I opened the dispute"; once a return is agreed, "I shipped it back" (walk D); at the
    seller's answer "the seller made an offer", at the escalation "AliExpress stepped in"."""
    offered = followups_for(situation, archived=False, advice=advice)
    wanted = _NEXT_STEPS.get(kind, _BEFORE_DISPUTE_AND_RETURN) if kind else REMINDER_FOLLOWUPS
    return tuple(code for code in wanted if code in offered)


_TOMORROW_LABEL = N_("⏰ Remind me tomorrow")
_LATER_TODAY = N_("⏰ Remind me later today")


def reminder_keyboard(
    tr: Translator,
    order_id: int,
    reminder_id: int,
    *,
    followups: tuple[str, ...],
    snooze: bool = True,
    later_today: bool = False,
    text_kind: str | None = None,
) -> InlineKeyboardMarkup:
    """The text of `text_kind` (the card's button: the message to the seller or to support),
    seller extended /
    did not / I opened the dispute / I shipped it back (those of `followups`, two a row),
    resolved, tomorrow (with `snooze`; later today with `later_today`), order."""
    rows: list[list[InlineKeyboardButton]] = []
    if text_kind is not None:
        label = tr.gettext(TEXT_LABELS[text_kind])
        code = next(code for code, kind in TEXT_BUTTONS.items() if kind == text_kind)
        rows.append([InlineKeyboardButton(label, callback_data=make("o", order_id, code))])
    buttons = [
        InlineKeyboardButton(
            tr.gettext(_FOLLOWUP_LABELS[code]), callback_data=make(NAMESPACE, order_id, code)
        )
        for code in followups
    ]
    rows += [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    row = [
        InlineKeyboardButton(
            # It archives the order: the label says so (as the card's), not just "got it".
            tr.gettext(ARCHIVE_LABEL),
            callback_data=make(NAMESPACE, order_id, RESOLVED),
        )
    ]
    if snooze:
        row.append(
            InlineKeyboardButton(
                tr.gettext(_LATER_TODAY if later_today else _TOMORROW_LABEL),
                callback_data=make(NAMESPACE, order_id, TOMORROW, reminder_id),
            )
        )
    rows += [row, [open_order_button(tr, order_id)]]
    return InlineKeyboardMarkup(rows)


def open_order_button(tr: Translator, order_id: int) -> InlineKeyboardButton:
    """The button that shows the order's card."""
    return InlineKeyboardButton(
        tr.gettext("📦 Open the order"), callback_data=make(NAMESPACE, order_id, CARD)
    )
