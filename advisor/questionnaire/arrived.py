"""The parcel of a saved not-received order arrived after all, with a problem: the order
becomes a received one, asked what the new-order questionnaire asks of an item in hand."""

from __future__ import annotations

from advisor.models import Evidence, Problem, Situation

from . import questions as q
from .followup_common import after_saved_shipping, followup_currency, patched, saved
from .model import Ctx, Step
from .new_answers import tri_state
from .new_flow import FLAW_PROBLEMS, FULL_REFUND_PROBLEMS, fewer_than_ordered, prefer_return_prompt
from .steps import RECEIVED_EVIDENCE, currency_check, money_amount, past_date

# An empty parcel has nothing to send back (as in the new-order questionnaire).
_RETURNABLE = (FULL_REFUND_PROBLEMS | FLAW_PROBLEMS) - {"empty_package"}


def _return_cost_needed(c: Ctx) -> bool:
    """Rule 14's return of a flawed item: its postage decides full or partial (asked only
    with a price to weigh it against, as in the questionnaire)."""
    return (
        c.get("prefer_return") == "yes"
        and c.get("problem") in FLAW_PROBLEMS
        and c.get("usable") != "no"
        and saved(c).price is not None
    )


ARRIVED_STEPS = (
    Step(q.PROBLEM),
    Step(q.USABLE, when=lambda c: c.get("problem") in FLAW_PROBLEMS),
    Step(
        q.QUANTITY_ORDERED,
        when=lambda c: c.get("problem") == "short_quantity",
        parser_options=lambda _c: {"minimum": 1},
    ),
    Step(
        q.QUANTITY_RECEIVED,
        when=lambda c: c.answered("quantity_ordered"),
        check=fewer_than_ordered,
    ),
    Step(q.RECEIPT_CONFIRMED),
    Step(
        q.RECEIPT_DATE,
        when=lambda c: c.get("receipt_confirmed") == "yes",
        parser_options=past_date,
        check=after_saved_shipping(),
    ),
    Step(
        q.PREFER_RETURN,
        when=lambda c: c.get("problem") in _RETURNABLE,
        prompt_when=prefer_return_prompt,
    ),
    Step(
        q.RETURN_COST,
        when=_return_cost_needed,
        check=currency_check(followup_currency),
        parser_options=lambda _c: {"allow_zero": True},
    ),
    Step(q.EVIDENCE, options_when=lambda _c, code: code in RECEIVED_EVIDENCE),
)


def _evidence(c: Ctx) -> list[Evidence] | None:
    """What the buyer has for the item in hand, with what they had before that still counts
    (the chat with the seller)."""
    before = saved(c).evidence
    kept = [e for e in before or [] if e.value in RECEIVED_EVIDENCE]
    chosen = [Evidence(code) for code in c.get("evidence") or []]
    return list(dict.fromkeys([*chosen, *kept]))


def build_arrived(c: Ctx) -> Situation:
    """The saved order as a received one: the problem and what depends on it replace the
    parcel's tracking facts; its numbers, price, dates and seller's answers stay."""
    problem = c.get("problem")
    return patched(
        saved(c),
        today=c.today,
        received=True,
        problem=Problem(problem),
        delivery_status=None,
        days_since_tracking_update=None,
        customs_issue=None,
        not_collected=None,
        usable=tri_state(c.get("usable")),
        quantity_ordered=c.get("quantity_ordered"),
        quantity_received=c.get("quantity_received"),
        receipt_confirmed_on=c.date("receipt_date"),
        prefer_return=tri_state(c.get("prefer_return")),
        return_cost=money_amount(c, "return_cost"),
        evidence=_evidence(c),
    )
