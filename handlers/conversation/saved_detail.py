"""The detail being corrected, as the order has it now: shown under each question of a
correction (walk of 2026-12-03: the correction screens never showed the value stored, so a
date moved by another correction could not be spotted)."""

from __future__ import annotations

import datetime as dt
import html

from advisor.models import Situation
from advisor.questionnaire import FlowState, Question
from advisor.questionnaire import questions as q
from advisor.questionnaire.correction import DATE_PREFIXES
from handlers.dispute_lines import terms_text
from locales import Translator

# Typed texts are cut here: the line reminds, the card shows the whole.
_SHOWN_CHARS = 120
# The questions that ask each detail again, where its saved value is shown; not the questions a
# change leads to (second walk of 2026-12-03: "What amount did you ask for in the dispute?"
# after a new price showed the old price as "saved now").
_ASKED_BY: dict[str, frozenset[str]] = {
    "price": frozenset({"price", "currency"}),
    "quantities": frozenset({"quantity_ordered", "quantity_received", "quantity_faulty"}),
    "requested": frozenset({"requested_solution", "requested_amount"}),
    **{
        code: frozenset({f"{prefix}_when", f"{prefix}_date"})
        for code, prefix in DATE_PREFIXES.items()
    },
}


def _label(tr: Translator, question: Question, code: str | None) -> str | None:
    labels = {option.code: option.label for option in question.options}
    return tr.gettext(labels[code]) if code in labels else None


def _yes_no(value: bool | None) -> str | None:
    return None if value is None else ("yes" if value else "no")


def _date(tr: Translator, day: dt.date | None) -> str | None:
    return tr.format_date(day) if day is not None else None


def _text(value: str | None) -> str | None:
    if not value:
        return None
    return value if len(value) <= _SHOWN_CHARS else value[:_SHOWN_CHARS] + "…"


def _detail(tr: Translator, saved: Situation, code: str) -> str | None:
    """The saved value of the detail `code` (a CORRECTION option) in words; None if unknown."""
    dispute = saved.dispute
    if code in ("item", "details", "order_number", "tracking_number"):
        return _text(getattr(saved, code))
    dates = {
        "protection_end": saved.protection_ends_on,
        "shipped_on": saved.shipped_on,
        "receipt_date": saved.receipt_confirmed_on,
        # The date of the step the dispute is at.
        **dict.fromkeys(DATE_PREFIXES, dispute.since),
        "opened_on": dispute.opened_on,
    }
    if code in dates:
        return _date(tr, dates[code])
    if code in ("price", "return_cost"):
        amount = saved.price if code == "price" else saved.return_cost
        return tr.format_money(amount, saved.currency) if amount is not None else None
    if code == "problem":
        return _label(tr, q.PROBLEM, saved.problem.value if saved.problem else None)
    if code == "shipping_method":
        return _label(tr, q.SHIPPING_METHOD, saved.shipping_method.value)
    if code == "usable":
        return _label(tr, q.USABLE, _yes_no(saved.usable))
    if code == "prefer_return":
        return _label(tr, q.PREFER_RETURN, _yes_no(saved.prefer_return))
    if code == "quantities":
        if saved.quantity_ordered is None or saved.quantity_received is None:
            return None
        counts = {"ordered": saved.quantity_ordered, "received": saved.quantity_received}
        came = tr.gettext("%(received)s of %(ordered)s pieces came") % counts
        faulty = saved.quantity_faulty or 0
        if not faulty:
            return came
        broken = tr.ngettext("%(n)s of them does not work", "%(n)s of them do not work", faulty)
        return f"{came}, {broken % {'n': faulty}}"
    if code == "requested":
        terms = terms_text(tr, dispute.requested_solution, dispute.requested_amount, saved.currency)
        return html.unescape(terms) if terms is not None else None
    return None


def saved_detail_line(tr: Translator, question: Question, state: FlowState) -> str | None:
    """ "Saved now: November 28, 2026" under a correction's questions (HTML), for the detail
    chosen; None elsewhere, on the choice itself, or when the order has no value for it."""
    code = state.answers.get(q.CORRECTION.id)
    if state.flow != "correction" or state.base is None or question.id == q.CORRECTION.id:
        return None
    if not isinstance(code, str) or q.CORRECTION.id not in state.history:
        return None
    if question.id not in _ASKED_BY.get(code, frozenset({code})):
        return None
    shown = _detail(tr, Situation.model_validate(state.base), code)
    if shown is None:
        return None
    return html.escape(tr.gettext("Saved now: %(value)s") % {"value": shown})
