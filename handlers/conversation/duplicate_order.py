"""The unsaved advice card's Save when the user already saved an order with the same AliExpress
order number: open the saved one, save this one as another order anyway, or go back to the
advice (walk C: the same order saved twice in silence gave two cards and two sets of reminders).
"""

from __future__ import annotations

import datetime as dt
import html
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from handlers.callbacks import make
from handlers.order_names import order_name
from handlers.order_store import ARCHIVED
from locales import Translator
from storage.models import Order

# The card's callback codes: Save again past this screen (`a:save:again`), the saved order
# opened from it (`a:open:ID`) or given these answers (`a:upd:ID`).
SAVE_AGAIN = "again"
OPEN_SAVED = "open"
UPDATE_SAVED = "upd"


def duplicate_screen(
    tr: Translator, saved: Order, number: str, zone: ZoneInfo, namespace: str, save: str, back: str
) -> tuple[str, InlineKeyboardMarkup]:
    """What Save shows instead of saving: which order has the number already, and the choices."""
    name = order_name(tr, saved.label, saved.situation, saved.created_at, zone)
    saved_on = dt.datetime.fromtimestamp(saved.created_at, zone).date()
    facts = {"number": number, "name": name, "date": tr.format_date(saved_on)}
    if saved.status == ARCHIVED:
        head = tr.gettext(
            "You already saved order %(number)s on %(date)s as “%(name)s”, and it is in the "
            "archive now."
        )
    else:
        head = tr.gettext("You already saved order %(number)s on %(date)s as “%(name)s”.")
    lines = [
        "<b>" + html.escape(head % facts) + "</b>",
        "",
        html.escape(
            tr.gettext(
                "Saving it again gives one order two cards and two sets of reminders. Give the "
                "saved order these answers (its card can undo that), open it as it is, or save "
                "this as another order if it is a different one."
            )
        ),
    ]
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    tr.gettext("🔄 Update the saved order with these answers"),
                    callback_data=make(namespace, UPDATE_SAVED, saved.id),
                )
            ],
            [
                InlineKeyboardButton(
                    tr.gettext("📦 Open the saved order as it is"),
                    callback_data=make(namespace, OPEN_SAVED, saved.id),
                )
            ],
            [
                InlineKeyboardButton(
                    tr.gettext("💾 Save as another order"),
                    callback_data=make(namespace, save, SAVE_AGAIN),
                )
            ],
            [
                InlineKeyboardButton(
                    tr.gettext("⬅️ Back to the advice"), callback_data=make(namespace, back)
                )
            ],
        ]
    )
    return "\n".join(lines), markup
