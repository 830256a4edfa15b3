"""Archiving an order whose dates are still ahead: asked first, since it stops their reminders
(walk of 2026-12-03: a won dispute archived before the refund came silently dropped the
"refund expected by" reminder, said only in a toast)."""

from __future__ import annotations

import datetime as dt
import html

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from advisor.models import Deadline
from handlers.advice_card import deadline_item, shown_deadlines
from handlers.callbacks import make
from handlers.order_store import OrderView
from locales.runtime import _, translator

# Callback code of "archive it all the same", after the question.
ARCHIVE_CONFIRMED = "arcy"


def dates_ahead(view: OrderView, today: dt.date) -> list[Deadline]:
    """The order's dates from today on that its card shows (and reminds of), nearest first."""
    return [d for d in shown_deadlines(view.situation, view.advice, today) if d.date >= today]


def archive_question(name: str, view: OrderView, today: dt.date) -> str:
    """The question, as HTML: archive the order, whose reminders of its dates ahead would stop?"""
    tr = translator()
    ahead = dates_ahead(view, today)
    lines = [
        html.escape(
            _("Archive “%(name)s”? Its reminders stop, and these dates are still ahead:")
            % {"name": name}
        ),
        *(deadline_item(tr, deadline, today, view.situation) for deadline in ahead),
        "",
        html.escape(
            _(
                "Archive it once the matter is settled: the money is back (a refund can take a"
                " while: check your card or wallet first), or you have decided to drop it. You"
                " can restore it from the archive."
            )
        ),
    ]
    return "\n".join(lines)


def archive_question_keyboard(order_id: int) -> InlineKeyboardMarkup:
    """Archive all the same, or back to the order's card."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    _("✅ Yes, it is settled: archive"),
                    callback_data=make("o", order_id, ARCHIVE_CONFIRMED),
                )
            ],
            [InlineKeyboardButton(_("⬅️ No, back to the order"), callback_data=make("o", order_id))],
        ]
    )
