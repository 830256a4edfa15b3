"""My orders: a paged list of the user's saved orders (active or archived)."""

from __future__ import annotations

import datetime as dt
import html
import logging
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from pydantic import ValidationError
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from advisor import labels
from advisor.deadlines import upcoming, usual_protection_end
from advisor.models import Action, Advice, Deadline, Situation, Stage
from handlers.advice_card import (
    REFUND_OVERDUE,
    deadline_time,
    local_now,
    relative_day,
    relative_moment,
)
from handlers.advice_wording import action_headline, overdue_refund
from handlers.callbacks import make
from handlers.clock import user_today, user_zone
from handlers.menu import back_to_menu_button
from handlers.order_names import order_name
from handlers.order_store import ARCHIVED, advise
from handlers.runtime import Runtime
from locales import N_
from locales.runtime import _, ngettext, translator
from storage import orders
from storage.models import Order, User

from .stages import stage_name

log = logging.getLogger(__name__)

PAGE_SIZE = 5
# How long after its last deadline passed an order still counts as due today in the list.
OVERDUE_DAYS = 7
ACTIVE_PAGE = "p"
ARCHIVED_PAGE = "a"
BUTTON_LABEL_CHARS = 40
LABEL_CHARS = 120


def order_label(order: Order, zone: ZoneInfo) -> str:
    """The name the user knows the order by (not escaped), `zone` the user's time zone."""
    return order_name(translator(), order.label, order.situation, order.created_at, zone)


def shorten(text: str, limit: int = LABEL_CHARS) -> str:
    """The text cut to `limit` characters with an ellipsis (labels can be 500 characters)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def stored_situation(order: Order) -> Situation | None:
    """The order's saved situation, or None if it no longer validates."""
    try:
        return Situation.model_validate(order.situation)
    except ValidationError:
        log.warning("order %s has a situation that no longer validates", order.id)
        return None


@dataclass(frozen=True)
class Listed:
    """An order of the list with today's advice (None when its situation no longer reads)."""

    order: Order
    advised: tuple[Situation, Advice] | None

    def overdue(self, today: dt.date) -> Deadline | None:
        """Its latest deadline when all have passed and something is still to do about it
        (walk BV: an agreed return past its ship-by day said "No upcoming deadlines"); None
        with a date ahead, and for a dispute too late to open, whose window alone passed."""
        if self.advised is None or upcoming(self.advised[1], today):
            return None
        advice = self.advised[1]
        passed = [d for d in advice.deadlines if d.date < today]
        if not passed or advice.action is Action.too_late:
            return None
        latest = max(passed, key=lambda d: d.date)
        # Only lately: a dispute won months ago is no emergency to put above a last day
        # tomorrow (review BZ).
        return latest if (today - latest.date).days <= OVERDUE_DAYS else None

    def nearest(self, today: dt.date) -> dt.date | None:
        """The day of its nearest deadline from today on, today when one is overdue, or None."""
        if self.advised is None:
            return None
        ahead = upcoming(self.advised[1], today)
        if ahead:
            return ahead[0].date
        return today if self.overdue(today) is not None else None


def _listed(order: Order, rt: Runtime, today: dt.date) -> Listed:
    situation = stored_situation(order)
    return Listed(order, advise(situation, today, rt) if situation is not None else None)


async def listed_orders(rt: Runtime, user: User, *, archived: bool) -> list[Listed]:
    """Every order of the list, in its order: active ones by their nearest deadline, the most
    urgent first (walk BR: a buyer with several orders found the one about to lose its money
    below the newer ones), an overdue one as due today, those without a date after them;
    newest first among equals and in the archive, which has no reminders."""
    status = ARCHIVED if archived else "active"
    today = user_today(user, rt.default_timezone)
    found: list[Listed] = []
    while batch := await orders.list_for_user(
        rt.db, user.user_id, status=status, limit=100, offset=len(found)
    ):
        found += [_listed(order, rt, today) for order in batch]
    if archived:
        return found

    def urgency(item: Listed) -> tuple[dt.date, int]:
        return item.nearest(today) or dt.date.max, -item.order.id

    return sorted(found, key=urgency)


async def list_page_of(rt: Runtime, user: User, order: Order) -> int:
    """The page of the list the order is on (its card's "My orders" goes back to it)."""
    listed = await listed_orders(rt, user, archived=order.status == ARCHIVED)
    index = next((i for i, item in enumerate(listed) if item.order.id == order.id), 0)
    return index // PAGE_SIZE


USUAL_END_LINE = N_("Buyer Protection usually ends (its real end is unknown): %(date)s")


def _entry(number: int, item: Listed, today: dt.date, zone: ZoneInfo) -> str:
    """One order of the list: label, stage and what to do, the next deadline."""
    tr = translator()
    order = item.order
    lines = [f"<b>{number}. {html.escape(shorten(order_label(order, zone)))}</b>"]
    if item.advised is None:
        return "\n".join(lines)
    current, advice = item.advised
    if current.order_number and current.order_number != order.label:
        lines.append(_("Order number: %(number)s") % {"number": html.escape(current.order_number)})
    stage = tr.gettext(stage_name(current))
    # The card's own headline (walk E: the card said to escalate, the list to keep it open),
    # also once the refund's date passed (walk of 2026-12-03: "wait for the refund" here,
    # "check whether the refund has come" on the card).
    headline = action_headline(tr, advice, current)
    if overdue_refund(advice, today) is not None:
        headline = tr.gettext(REFUND_OVERDUE)
    lines.append(html.escape(f"{stage} · {headline}"))
    if order.status == ARCHIVED:
        return "\n".join(lines)  # no reminders come for it: a deadline line would suggest so
    ahead = upcoming(advice, today)
    nearest = ahead[0] if ahead else item.overdue(today)
    usual = usual_protection_end(current)
    if nearest is None and usual is not None and usual >= today:
        # Walk of 2026-12-03: "No upcoming deadlines" beside a card naming the usual end and
        # reminders planned for it.
        named = {"date": tr.format_date(usual)}
        line = tr.gettext(USUAL_END_LINE) % named
        lines.append(f"⏰ {html.escape(line)} ({relative_day(tr, usual, today)})")
    elif nearest is not None:
        at = deadline_time(nearest, current)
        deadline = html.escape(labels.deadline_line(tr, nearest, at))
        when = relative_moment(tr, nearest.date, at, today, local_now(zone))
        lines.append(f"⏰ {deadline} ({when})")
    elif current.dispute.stage not in (Stage.won, Stage.lost):
        lines.append(_("No upcoming deadlines."))
    return "\n".join(lines)


def _empty(archived: bool, archived_count: int) -> tuple[str, InlineKeyboardMarkup]:
    if archived:
        text = _("The archive is empty.")
    elif archived_count:
        text = _(
            "No active orders. The ones you have resolved are in the archive; tell me about a "
            "new problem order to get advice and reminders."
        )
    else:
        text = _(
            "You have no saved orders yet. Tell me about a problem order and save the advice: "
            "I will keep track of its deadlines and remind you in time."
        )
    rows = [[InlineKeyboardButton(_("📝 New problem order"), callback_data=make("m", "new"))]]
    if archived:
        rows.append(
            [InlineKeyboardButton(_("📦 Active orders"), callback_data=make("o", ACTIVE_PAGE, 0))]
        )
    elif archived_count:
        rows.append([_archive_toggle(archived_count)])
    rows.append([back_to_menu_button()])
    return text, InlineKeyboardMarkup(rows)


def _archive_toggle(archived_count: int) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        _("🗄 Archive (%(count)d)") % {"count": archived_count},
        callback_data=make("o", ARCHIVED_PAGE, 0),
    )


async def render_list(
    rt: Runtime, user: User, *, archived: bool, page: int
) -> tuple[str, InlineKeyboardMarkup]:
    """One page of the user's orders as HTML text and its keyboard (a page past the end shows
    the last one)."""
    listed = await listed_orders(rt, user, archived=archived)
    total = len(listed)
    archived_count = (
        total if archived else await orders.count_for_user(rt.db, user.user_id, status=ARCHIVED)
    )
    if total == 0:
        return _empty(archived, archived_count)
    pages = (total + PAGE_SIZE - 1) // PAGE_SIZE
    page = min(max(page, 0), pages - 1)
    on_page = listed[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    today = user_today(user, rt.default_timezone)
    zone = user_zone(user, rt.default_timezone)
    title = _("<b>Archived orders</b>") if archived else _("<b>My orders</b>")
    if pages > 1:
        title += " " + _("(page %(page)d of %(pages)d)") % {"page": page + 1, "pages": pages}
    first = page * PAGE_SIZE + 1
    entries = [_entry(first + i, item, today, zone) for i, item in enumerate(on_page)]
    if archived:
        # An archived order is only looked at or restored: no updates, no reminders.
        hint = ngettext(
            "%(count)d archived order. Choose one to look at it or restore it:",
            "%(count)d archived orders. Choose one to look at it or restore it:",
            total,
        ) % {"count": total}
    else:
        hint = ngettext(
            "%(count)d order in all. Choose one to see today's advice and update it:",
            "%(count)d orders in all. Choose one to see today's advice and update it:",
            total,
        ) % {"count": total}
    text = "\n\n".join([title, *entries, hint])
    kind = ARCHIVED_PAGE if archived else ACTIVE_PAGE
    keyboard = [
        [
            InlineKeyboardButton(
                f"{first + i}. {shorten(order_label(item.order, zone), BUTTON_LABEL_CHARS)}",
                callback_data=make("o", item.order.id),
            )
        ]
        for i, item in enumerate(on_page)
    ]
    nav = []
    if page > 0:
        nav.append(InlineKeyboardButton("◀️", callback_data=make("o", kind, page - 1)))
    if page < pages - 1:
        nav.append(InlineKeyboardButton("▶️", callback_data=make("o", kind, page + 1)))
    if nav:
        keyboard.append(nav)
    if archived:
        keyboard.append(
            [InlineKeyboardButton(_("📦 Active orders"), callback_data=make("o", ACTIVE_PAGE, 0))]
        )
    elif archived_count:
        keyboard.append([_archive_toggle(archived_count)])
    keyboard.append([back_to_menu_button()])
    return text, InlineKeyboardMarkup(keyboard)
