"""A dispute under way in words: when it was opened, what was asked and what the seller offers
(on the order card, and on the advice card a questionnaire ends with)."""

from __future__ import annotations

import html

from advisor import labels
from advisor.models import Situation, Solution, Stage
from locales import Translator


def terms_text(
    tr: Translator, solution: Solution | None, amount: float | None, currency: str
) -> str | None:
    """A solution and an amount in words (`Refund only, $25.00`), or None if neither is known."""
    parts = []
    if solution is not None:
        parts.append(labels.solution_text(tr, solution))
    if amount is not None:
        parts.append(tr.format_money(amount, currency))
    return html.escape(", ".join(parts)) if parts else None


_SETTLED = frozenset({Stage.won, Stage.return_agreed, Stage.return_shipped})


def dispute_lines(tr: Translator, situation: Situation) -> list[str]:
    """When the dispute was opened, what the buyer asked for and what the seller offers."""
    _ = tr.gettext
    dispute, currency = situation.dispute, situation.currency
    lines = []
    if dispute.stage is not Stage.none and dispute.opened_on is not None:
        lines.append(_("Dispute opened: %(date)s") % {"date": tr.format_date(dispute.opened_on)})
    asked = terms_text(tr, dispute.requested_solution, dispute.requested_amount, currency)
    if dispute.stage in _SETTLED:
        # Won, or an offer accepted: the amount is what comes now, whoever proposed it.
        if dispute.requested_amount is not None:
            amount = html.escape(tr.format_money(dispute.requested_amount, currency))
            expected = (
                _("Refund expected once the seller gets the item back: %(amount)s")
                if dispute.requested_solution is Solution.return_and_refund
                and dispute.stage is not Stage.won
                else _("Refund expected: %(amount)s")
            )
            lines.append(expected % {"amount": amount})
    elif asked is not None and dispute.stage is not Stage.none:
        lines.append(_("You asked for: %(terms)s") % {"terms": asked})
    offered = terms_text(tr, dispute.offer_solution, dispute.offer_amount, currency)
    if offered is not None and dispute.stage is Stage.seller_offer:
        lines.append(_("The seller offers: %(terms)s") % {"terms": f"<b>{offered}</b>"})
    return lines
