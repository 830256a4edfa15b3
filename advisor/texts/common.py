"""Pieces every text shares: safe facts, the reason, the evidence and the solution asked."""

from __future__ import annotations

import re

from babel.lists import format_list

from advisor.amounts import at_least, cents, shortfall_share
from advisor.models import (
    Advice,
    DeliveryStatus,
    Evidence,
    Problem,
    Reason,
    Refund,
    Situation,
    Solution,
)
from locales import N_, Translator, fill

_CYRILLIC = re.compile(r"[\u0400-\u052f]")
# Limits keep every text well under the ~1,500 characters a dispute form and a chat accept.
ITEM_MAX = 120
NUMBER_MAX = 40
DETAILS_MAX = 500
TEXT_MAX = 1500
# Below this many characters a cut note says too little to be worth including.
DETAILS_MIN = 40

_STATUS_REASON: dict[DeliveryStatus, Reason] = {
    DeliveryStatus.in_transit: Reason.in_transit_protection_expiring,
    DeliveryStatus.not_updating: Reason.in_transit_protection_expiring,
    DeliveryStatus.no_tracking: Reason.no_tracking_info,
    DeliveryStatus.at_customs: Reason.customs_holding,
    DeliveryStatus.returned_to_seller: Reason.returned_to_seller,
    DeliveryStatus.delivered_not_received: Reason.delivered_not_received,
    DeliveryStatus.wrong_address: Reason.wrong_address,
    DeliveryStatus.tracking_other_address: Reason.invalid_tracking,
}

# An item that differs from the listing (colour, size, model) has no defect to photograph.
_DEFECT_REASONS = frozenset(
    {
        Reason.quality,
        Reason.damaged,
        Reason.not_working,
    }
)

_EVIDENCE: dict[Evidence, str] = {
    Evidence.unboxing_video: N_("an unboxing video"),
    Evidence.photos: N_("photos of the item"),
    Evidence.defect_video: N_("a video of the defect"),
    Evidence.tracking_screenshot: N_("tracking screenshots"),
    Evidence.chat_screenshot: N_("screenshots of my chat with the seller"),
    Evidence.post_office_statement: N_("a statement from the post office"),
    Evidence.customs_document: N_("customs documents"),
    Evidence.size_label_photo: N_("photo of the size label"),
    Evidence.ruler_photo: N_("photo of the measurements"),
    Evidence.order_page_screenshot: N_("screenshot of the order page"),
}
_DEFECT_PHOTOS = N_("photos of the defect")
# A fake, an expired product or missing parts have no defect to show: the photos show what
# proves the claim.
_PHOTOS_BY_REASON: dict[Reason, str] = {
    Reason.expired: N_("photos of the expiry date"),
    Reason.missing_parts: N_("photos of everything that came in the package"),
    Reason.counterfeit: N_("photos of the item and its brand marks"),
    # Walk AE, review AH: "The parcel arrived empty … Attached: photos of the item."
    Reason.empty_package: N_("photos of the empty parcel and its packaging"),
    Reason.short_quantity: N_("photos of everything that came in the package"),
}

# The video of a parcel whose problem is what came (or not), not a defect (walk AS: "a video of
# the defect" for 1 of 4 pieces).
_VIDEO_OF_CONTENTS = N_("a video of what came in the parcel")
_CONTENTS_REASONS = frozenset({*_PHOTOS_BY_REASON, Reason.wrong_item})

# (solution, refund, amount known) -> the sentence; AliExpress's own option names in brackets.
_SOLUTION: dict[tuple[Solution | None, Refund | None, bool], str] = {
    (Solution.refund_only, Refund.full, True): N_(
        "I request a full refund of %(amount)s (refund only)."
    ),
    (Solution.refund_only, Refund.full, False): N_("I request a full refund (refund only)."),
    (Solution.refund_only, Refund.partial, True): N_(
        "I request a partial refund of %(amount)s (refund only)."
    ),
    (Solution.refund_only, Refund.partial, False): N_("I request a partial refund (refund only)."),
    (Solution.refund_only, None, True): N_("I request a refund of %(amount)s (refund only)."),
    (Solution.refund_only, None, False): N_("I request a refund (refund only)."),
    (Solution.return_and_refund, Refund.full, True): N_(
        "I request a return and a full refund of %(amount)s."
    ),
    (Solution.return_and_refund, Refund.full, False): N_("I request a return and a full refund."),
    (Solution.return_and_refund, Refund.partial, True): N_(
        "I request a return and a partial refund of %(amount)s."
    ),
    (Solution.return_and_refund, Refund.partial, False): N_(
        "I request a return and a partial refund."
    ),
    (Solution.return_and_refund, None, True): N_("I request a return and a refund of %(amount)s."),
    (Solution.return_and_refund, None, False): N_("I request a return and a refund."),
    (None, None, True): N_("I request a refund of %(amount)s."),
    (None, None, False): N_("I request a refund."),
}


def has_cyrillic(text: str | None) -> bool:
    """Whether a text contains Cyrillic letters."""
    return bool(text) and _CYRILLIC.search(text or "") is not None


def shorten(text: str, limit: int) -> str:
    """The text cut at a word boundary to at most `limit` characters."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:") + "…"


def safe_fact(text: str | None, limit: int) -> str | None:
    """The buyer's text when it may go into the English version, else None.

    Cyrillic never goes into the English text; the copy in the user's language leaves it out
    too, so that the copy says exactly what the English text says.
    """
    if not text:
        return None
    text = " ".join(text.split())
    if not text or has_cyrillic(text):
        return None
    return shorten(text, limit)


def reason_of(situation: Situation, advice: Advice) -> Reason | None:
    """The dispute reason: the advice's, else the one the situation points to."""
    if advice.reason is not None:
        return advice.reason
    if situation.received:
        if situation.problem is not None and situation.problem.value in Reason.__members__:
            return Reason(situation.problem.value)
        return None
    if situation.delivery_status is None:
        return None
    return _STATUS_REASON[situation.delivery_status]


def header_lines(situation: Situation, tr: Translator) -> list[str]:
    """Order number, item and tracking number, as far as they are known and safe."""
    lines = []
    order = safe_fact(situation.order_number, NUMBER_MAX)
    if order:
        lines.append(tr.gettext("Order number: %(order)s") % {"order": order})
    item = safe_fact(situation.item, ITEM_MAX)
    if item:
        lines.append(tr.gettext("Item: %(item)s") % {"item": item})
    tracking = safe_fact(situation.tracking_number, NUMBER_MAX)
    if tracking:
        lines.append(tr.gettext("Tracking number: %(tracking)s") % {"tracking": tracking})
    return lines


def join_with_details(
    blocks: list[str | None],
    at: int,
    situation: Situation,
    tr: Translator,
    *,
    any_language: bool = False,
) -> str:
    """The blocks with the buyer's own words inserted at `at`, cut to keep the text in TEXT_MAX.

    Only words without Cyrillic go in (for those the bot offers an English note instead), or
    with `any_language` whatever they are written in (a copy that may be sent as it is).
    """
    details = safe_fact(situation.details, DETAILS_MAX)
    if any_language and details is None and situation.details and situation.details.strip():
        details = shorten(" ".join(situation.details.split()), DETAILS_MAX)
    if details is None:
        return join_blocks(blocks)
    details = as_sentence(details)
    label = tr.gettext("Details: %(details)s")
    room = TEXT_MAX - len(join_blocks(blocks)) - len("\n\n") - len(label % {"details": ""})
    if len(details) > room:
        if room < DETAILS_MIN:
            return join_blocks(blocks)
        details = shorten(details, room)
    blocks = [*blocks[:at], label % {"details": details}, *blocks[at:]]
    return join_blocks(blocks)


_SENTENCE_ENDS = (".", "!", "?", "…", ")", '"', "»", "”")


def as_sentence(text: str) -> str:
    """The buyer's words as a sentence of the text: a capital first letter, a final full stop
    (walk of 2026-12-03: "Details: the seller said he would send another one" read as a
    fragment among the text's sentences). Nothing else is changed."""
    words = text.split()
    first, last = words[0].rstrip(",:;.!?"), words[-1]
    if first.isalpha() and first.islower():  # not "iPhone", not a link
        text = text[0].upper() + text[1:]
    if text.endswith(_SENTENCE_ENDS) or "://" in last or last.startswith("www."):
        return text  # a full stop after a link would go into it when the link is opened
    return text + "."


def proof_for_reason(code: Evidence, reason: Reason | None) -> str | None:
    """The msgid naming photos or a video by what they must show where the reason has no defect
    to show ("photos of the empty parcel"), or None."""
    if code is Evidence.photos and reason in _PHOTOS_BY_REASON:
        return _PHOTOS_BY_REASON[reason]
    if code is Evidence.defect_video and reason in _CONTENTS_REASONS:
        return _VIDEO_OF_CONTENTS  # no defect to film (walk AS)
    return None


def evidence_for_reason(code: Evidence, reason: Reason | None) -> str | None:
    """The msgid naming a piece of evidence as the dispute's reason needs it, or None where its
    plain name fits."""
    if code is Evidence.photos and reason in _DEFECT_REASONS:
        return _DEFECT_PHOTOS
    return proof_for_reason(code, reason)


def evidence_list(situation: Situation, reason: Reason | None, tr: Translator) -> str | None:
    """What the buyer has in hand, as one list ("unboxing video, photos of the defect")."""
    names = []
    for code in situation.evidence or ():
        name = evidence_for_reason(code, reason) or _EVIDENCE[code]
        names.append(tr.gettext(name))
    if not names:
        return None
    return format_list(names, locale=tr.locale)


def attached_line(situation: Situation, reason: Reason | None, tr: Translator) -> str | None:
    """ "Attached: ..." naming the evidence the buyer has."""
    evidence = evidence_list(situation, reason, tr)
    if evidence is None:
        return None
    return tr.gettext("Attached: %(evidence)s.") % {"evidence": evidence}


def currency_of(situation: Situation, advice: Advice) -> str:
    """The currency of the amounts: the advice's, else the situation's."""
    return advice.currency or situation.currency


Asked = tuple[Solution | None, Refund | None, float | None]


def asked(situation: Situation, advice: Advice) -> Asked:
    """What the buyer asks: the advice's solution, else what the open dispute requested."""
    if advice.solution is not None or advice.refund is not None or advice.amount is not None:
        return advice.solution or Solution.refund_only, advice.refund, advice.amount
    dispute = situation.dispute
    amount = dispute.requested_amount
    refund = None
    if amount is not None and situation.price is not None:
        full = at_least(amount, situation.price)
        refund = Refund.full if full else Refund.partial
    solution = dispute.requested_solution
    if solution is None and (refund is not None or amount is not None):
        solution = Solution.refund_only
    return solution, refund, amount


def solution_sentence(situation: Situation, advice: Advice, tr: Translator) -> str:
    """ "I request a full refund of $25.00 (refund only)." and its variants; a short shipment's
    share first says how it is counted."""
    solution, refund, amount = asked(situation, advice)
    if solution is None:
        refund = None
    request = _request(situation, advice, tr, (solution, refund), amount)
    counted = _shortfall(situation, amount, currency_of(situation, advice), tr)
    if counted is None and amount is None and refund is Refund.partial:
        counted = _shortfall_share(situation, tr)
    return f"{counted} {request}" if counted else request


def pieces(n: int, tr: Translator) -> str:
    """A count of units ("5 pcs")."""
    return tr.ngettext("%(n)s pc", "%(n)s pcs", n) % {"n": n}


_SHORTFALL = N_(
    "I paid %(price)s for %(ordered)s; the shortfall of %(missing)s is worth %(worth)s."
)
# Pieces that came broken counted with the missing ones (walk of 2026-12-03).
_SHORTFALL_WITH_FAULTY = N_(
    "I paid %(price)s for %(ordered)s; the %(missing)s missing and the %(faulty)s not working"
    " are worth %(worth)s."
)


def _short_counts(situation: Situation) -> tuple[int, int] | None:
    """(ordered, working) of a short shipment where some but not all came, and some of those
    work (the faulty ones count as missing), else None."""
    ordered, working = situation.quantity_ordered, situation.pieces_working()
    if situation.problem is not Problem.short_quantity or ordered is None or working is None:
        return None
    return (ordered, working) if 0 < working < ordered else None


def _missing_and_faulty(situation: Situation, tr: Translator) -> dict[str, str]:
    """The counts a shortfall's sentence names: the pieces missing, and those not working."""
    ordered, received = situation.quantity_ordered or 0, situation.quantity_received or 0
    return {
        "missing": pieces(ordered - received, tr),
        "faulty": pieces(situation.quantity_faulty or 0, tr),
    }


def _shortfall(
    situation: Situation, amount: float | None, currency: str, tr: Translator
) -> str | None:
    """What the missing units cost, when that is the amount asked (rule 13's round(price x
    missing / ordered, 2)): the seller and the mediator can check it (walk F: "RUB 3,150.00"
    came with neither the price nor the count behind it). Not beside another amount, which it
    would argue against (review U)."""
    counts, price = _short_counts(situation), situation.price
    if amount is None or price is None or counts is None:
        return None
    ordered, working = counts
    worth = shortfall_share(price, ordered, working)
    if cents(worth) != cents(amount):
        return None
    faulty = situation.quantity_received != working
    return fill(
        tr.gettext(_SHORTFALL_WITH_FAULTY if faulty else _SHORTFALL),
        {
            "price": tr.format_money(price, currency),
            "ordered": pieces(ordered, tr),
            "missing": pieces(ordered - working, tr),
            "worth": tr.format_money(worth, currency),
        }
        | (_missing_and_faulty(situation, tr) if faulty else {}),
    )


_SHORTFALL_SHARE = N_(
    "The refund is for the missing %(missing)s: %(missing_n)s/%(ordered_n)s of the price I paid."
)
_SHORTFALL_SHARE_WITH_FAULTY = N_(
    "The refund is for the %(missing)s missing and the %(faulty)s not working:"
    " %(missing_n)s/%(ordered_n)s of the price I paid."
)


def _shortfall_share(situation: Situation, tr: Translator) -> str | None:
    """A short shipment's share of the price, when the price is unknown (walk AS: "I request a
    partial refund" named no amount, nor what it is counted from, while the card said 7/10)."""
    counts = _short_counts(situation)
    if counts is None:
        return None
    ordered, working = counts
    owed = ordered - working
    faulty = situation.quantity_received != working
    return fill(
        tr.gettext(_SHORTFALL_SHARE_WITH_FAULTY if faulty else _SHORTFALL_SHARE),
        {"missing": pieces(owed, tr), "missing_n": str(owed), "ordered_n": str(ordered)}
        | (_missing_and_faulty(situation, tr) if faulty else {}),
    )


def refund_sentence(situation: Situation, advice: Advice, tr: Translator) -> str:
    """ "I request a refund of $25.00." with no word of a return: the item went back already,
    so what the dispute asked, else the price paid, is what is owed."""
    amount = situation.dispute.requested_amount or situation.price or asked(situation, advice)[2]
    return _request(situation, advice, tr, (None, None), amount)


def _request(
    situation: Situation,
    advice: Advice,
    tr: Translator,
    terms: tuple[Solution | None, Refund | None],
    amount: float | None,
) -> str:
    message = tr.gettext(_SOLUTION[(*terms, amount is not None)])
    if amount is None:
        return message
    return message % {"amount": tr.format_money(amount, currency_of(situation, advice))}


def stale_tracking_line(days: int, tr: Translator) -> str:
    """The sentence saying for how many days the tracking has not changed: "at least", as the
    buyer may have answered "2 weeks or more" (stored as its lower bound)."""
    return tr.ngettext(
        "The tracking has not been updated for at least %(n)s day.",
        "The tracking has not been updated for at least %(n)s days.",
        days,
    ) % {"n": days}


def numbered(lines: list[str]) -> str:
    """Lines as a numbered list, one per line."""
    return "\n".join(f"{number}. {line}" for number, line in enumerate(lines, start=1))


def join_blocks(blocks: list[str | None]) -> str:
    """Non-empty blocks separated by a blank line."""
    return "\n\n".join(block for block in blocks if block)
