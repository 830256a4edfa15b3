"""A card line for a return the buyer chose where keeping the item gets the same refund."""

from __future__ import annotations

from advisor.models import Action, Advice, Solution
from advisor.rules.why import Why
from locales import N_, Translator

# Walk of 2026-12-03: a counterfeit hoodie to be sent back to China for $28 of its $45, with no
# word that the full refund was due without the return (rule 12: refund only, full).
RETURN_NOT_NEEDED = N_(
    "For this problem the full refund is due without sending the item back too (“Refund only”):"
    " a return costs you the postage and the wait until the seller gets it. Choose the return"
    " only if you would rather not keep the item."
)


def return_not_needed(tr: Translator, advice: Advice) -> str | None:
    """Under advice to send back an item whose full refund comes without a return (rule 12 with
    the buyer's wish to return it): that it does; None otherwise."""
    if advice.action is not Action.open_dispute:
        return None
    if advice.solution is not Solution.return_and_refund:
        return None
    if str(Why.rule_12_return_full) not in advice.why:
        return None
    return tr.gettext(RETURN_NOT_NEEDED)
