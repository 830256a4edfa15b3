"""The dispute description, and the reply that turns down a seller's offer."""

from __future__ import annotations

from advisor.amounts import at_least
from advisor.models import Action, Advice, Situation, Solution, Stage
from advisor.texts.common import (
    asked,
    attached_line,
    currency_of,
    header_lines,
    join_with_details,
    numbered,
    reason_of,
    solution_sentence,
)
from advisor.texts.problems import main_problem, problem_lines
from locales import Translator


def dispute_text(situation: Situation, advice: Advice, tr: Translator) -> str:
    """The dispute text in `tr`'s language; for reject_offer, the reply to the seller's offer."""
    if advice.action is Action.reject_offer:
        return offer_reply(situation, advice, tr)
    reason = reason_of(situation, advice)
    attached = attached_line(situation, reason, tr)
    # What the seller did before the dispute is for opening it; once it runs, "did not reply"
    # may be contradicted by the seller's own messages in it (review J: the answer to "please
    # close" said so).
    opening_it = situation.dispute.stage is Stage.none
    opening = None
    if advice.action is Action.provide_evidence and attached:
        opening = tr.gettext("As requested, I am sending the evidence for this dispute.")
    elif situation.dispute.stage is Stage.seller_asks_to_close:
        # Walk G: the answer to "please close it" said nothing about closing.
        opening = tr.gettext("I will not close this dispute: the problem has not been solved.")
    problems = (
        tr.gettext("What is wrong:")
        + "\n"
        + numbered(problem_lines(situation, reason, tr, seller_facts=opening_it, in_dispute=True))
    )
    blocks = [
        opening,
        "\n".join(header_lines(situation, tr)),
        problems,
        attached,
        solution_sentence(situation, advice, tr),
    ]
    return join_with_details(blocks, 3, situation, tr)


def offer_reply(situation: Situation, advice: Advice, tr: Translator) -> str:
    """A short reply turning down the seller's offer and restating what the buyer asks."""
    lines = [tr.gettext("I do not accept this offer.")]
    dispute = situation.dispute
    if dispute.stage is Stage.seller_offplatform_offer:
        lines.append(
            tr.gettext(
                "I will only accept a refund through AliExpress, not a direct transfer "
                "(PayPal, bank card or other)."
            )
        )
    solution, _refund, amount = asked(situation, advice)
    # The offer's solution and amount are those of an offer in the dispute; an offer of money
    # outside AliExpress replaced it, so its lines would answer an offer no longer made.
    on_platform = dispute.stage is Stage.seller_offer
    returned = dispute.offer_solution is Solution.return_and_refund
    if on_platform and returned and solution is Solution.refund_only:
        lines.append(tr.gettext("I did not agree to send the item back."))
    if (
        on_platform
        and dispute.offer_amount is not None
        and amount is not None
        and not at_least(dispute.offer_amount, amount)
    ):
        currency = currency_of(situation, advice)
        # "I requested" only when the buyer told us the amount; else it is what this reply asks.
        if dispute.requested_amount is not None:
            shortfall = tr.gettext(
                "The amount offered, %(offer)s, is less than the %(asked)s I requested."
            )
        else:
            shortfall = tr.gettext(
                "The amount offered, %(offer)s, is less than the %(asked)s I am asking for."
            )
        lines.append(
            shortfall
            % {
                "offer": tr.format_money(dispute.offer_amount, currency),
                "asked": tr.format_money(amount, currency),
            }
        )
    reason = reason_of(situation, advice)
    blocks = [
        "\n".join(lines),
        main_problem(situation, reason, tr),
        solution_sentence(situation, advice, tr),
        tr.gettext("I am keeping the dispute open."),
    ]
    # The buyer's own words after the problem, as in the dispute text (walk A: "The hoodie is
    # green, not blue." was dropped from the reply).
    return join_with_details(blocks, 2, situation, tr)
