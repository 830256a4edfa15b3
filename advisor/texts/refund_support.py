"""The message for the support chat when a refund has not come by its date.

Seed 003 ("Что делать, если деньги не пришли"): ask AliExpress (and Alipay) support first,
since the payment goes through them; once they say it was sent, the bank traces it with the
refund's confirmation. The text asks support for exactly that confirmation.
"""

from __future__ import annotations

import datetime as dt

from advisor.deadlines import overdue_refund
from advisor.models import Advice, DeadlineKind, Situation
from advisor.texts.common import currency_of, header_lines, join_blocks
from locales import N_, Translator, fill

# (after a return, an amount known) -> what is late. The return's timer running out releases the
# refund, which then still has to travel (walk of 2026-12-03: "should have reached my card by"
# the day the timer ran out read as if support were late already).
_LATE = {
    (False, True): N_(
        "The refund of %(amount)s should have reached my card or account by %(date)s, but it"
        " has not arrived."
    ),
    (False, False): N_(
        "The refund should have reached my card or account by %(date)s, but it has not arrived."
    ),
    (True, True): N_(
        "The return period ran out on %(date)s, but I have not received the refund of %(amount)s."
    ),
    (True, False): N_("The return period ran out on %(date)s, but I have not received the refund."),
}


def refund_due_date(advice: Advice, today: dt.date) -> dt.date | None:
    """The refund's date that passed while the advice waits for it, if any."""
    kind = overdue_refund(advice, today)
    dates = [d.date for d in advice.deadlines if d.kind is kind]
    return dates[-1] if kind is not None and dates else None


def refund_support_text(situation: Situation, advice: Advice, tr: Translator) -> str:
    """Hello, the order, what was agreed and when, the refund (and how much) not come by its
    date, and the request: check it and send its confirmation for the bank."""
    dispute = situation.dispute
    if dispute.returned_on is not None:
        opening = fill(
            tr.gettext(
                "I sent the item back on %(date)s, as agreed in the dispute for this order."
            ),
            {"date": tr.format_date(dispute.returned_on)},
        )
    elif dispute.since is not None:
        opening = fill(
            tr.gettext("On %(date)s my dispute for this order was decided in my favour."),
            {"date": tr.format_date(dispute.since)},
        )
    else:
        opening = tr.gettext("My dispute for this order was decided in my favour.")
    due = refund_due_date(advice, situation.today)
    # What was asked (or the offer taken); after a return the price paid, as the appeal says.
    amount = dispute.requested_amount
    if amount is None and dispute.returned_on is not None:
        amount = situation.price
    values = {"date": tr.format_date(due) if due is not None else ""}
    if amount is not None:
        values["amount"] = tr.format_money(amount, currency_of(situation, advice))
    returned = overdue_refund(advice, situation.today) is DeadlineKind.return_auto_refund
    late = tr.gettext(_LATE[(returned, amount is not None)])
    if due is None:
        late = tr.gettext("The refund has not reached my card or account.")
    ask = tr.gettext(
        "Please check whether the refund was sent and send me its confirmation with the"
        " reference number (ARN), so that my bank can find the payment."
    )
    return join_blocks(
        [
            tr.gettext("Hello,"),
            "\n".join(header_lines(situation, tr)),
            opening + " " + fill(late, values),
            ask,
            tr.gettext("Thank you."),
        ]
    )
