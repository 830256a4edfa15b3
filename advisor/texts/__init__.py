"""The texts the advisor writes (DOMAIN.md section 6): English, plus a copy in the user's language.

Which texts fit which action:
- `dispute`: open_dispute (the dispute description); keep_dispute_open and provide_evidence
  (the same description, to paste or re-send in the dispute); reject_offer (a short reply to the
  seller's offer that restates what is asked).
- `seller_message`: ask_extension (extend Buyer Protection) and contact_seller (where is the
  parcel / solve it before a dispute).
- `appeal`: appeal (after a lost dispute) and too_late (a complaint for the support chat).
- `support`: wait_refund once the refund's date has passed (asks support for the refund's
  confirmation, which the bank needs to trace the payment).

The English text is the composer run with the English translator, the copy the same composer
with the user's; the buyer's own Cyrillic text goes into neither (the bot offers an English note).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from advisor.deadlines import overdue_refund
from advisor.models import Action, Advice, Situation
from advisor.rules.why import Why
from advisor.texts.common import has_cyrillic
from advisor.texts.dispute import dispute_text
from advisor.texts.letters import EXTENSION_REQUEST_DAYS, appeal_text, seller_message
from advisor.texts.refund_support import refund_support_text
from advisor.timers import DEFAULT_TIMERS, Timers
from locales import N_, Translator, get_translator

__all__ = [
    "CONTRACT_TEXTS",
    "ENGLISH_NOTE_HINT",
    "EXTENSION_REQUEST_DAYS",
    "TEXT_KINDS",
    "appeal_text",
    "applicable_texts",
    "compose_texts",
    "dispute_text",
    "english_note_hint",
    "english_note_needed",
    "seller_message",
]

TEXT_KINDS = ("dispute", "seller_message", "appeal", "support")
# The kinds the Advice JSON's `texts` carries (DOMAIN.md section 8); `support` is the bot's.
CONTRACT_TEXTS = ("dispute", "seller_message", "appeal")

_KINDS_BY_ACTION: dict[Action, tuple[str, ...]] = {
    Action.open_dispute: ("dispute",),
    Action.keep_dispute_open: ("dispute",),
    Action.provide_evidence: ("dispute",),
    Action.reject_offer: ("dispute",),
    Action.ask_extension: ("seller_message",),
    Action.contact_seller: ("seller_message",),
    Action.appeal: ("appeal",),
    Action.too_late: ("appeal",),
}


def applicable_texts(advice: Advice, today: dt.date | None = None) -> tuple[str, ...]:
    """The kinds of text that fit the advice's action (may be empty); seen from `today`, a
    refund whose date has passed gets the message asking support about it."""
    if today is not None and overdue_refund(advice, today) is not None:
        return ("support",)
    if advice.action is Action.contact_carrier and Why.rule_9_ask_post_office in advice.why:
        # Rule 9: "ask the post office for a statement, and the seller" (004); the seller's
        # answer (or silence) is what opens the dispute. Not rule 8's redirect at the post office.
        return ("seller_message",)
    if advice.action is Action.open_dispute and Why.rule_6_not_collected in advice.why:
        # Rule 6: "try to agree with the seller first" (000), the dispute asking part of the
        # price if not (walk of 2026-12-03: the card said so, with no message to send).
        return ("dispute", "seller_message")
    return _KINDS_BY_ACTION.get(advice.action, ())


# What the bot and the terminal say when `english_note_needed` is true.
ENGLISH_NOTE_HINT = N_(
    "Your item name and note are not in English, so the English text leaves them out. "
    "If they matter, add a short line in English to the text before you send it."
)


# The same, naming the one that was left out (walk CA: "item name or note" for a note alone).
ENGLISH_ITEM_HINT = N_(
    "Your item name is not in English, so the English text leaves it out. If it matters, add a"
    " short line in English to the text before you send it."
)
ENGLISH_DETAILS_HINT = N_(
    "Your note is not in English, so the English text leaves it out. If it matters, add a short"
    " line in English to the text before you send it."
)


def english_note_needed(situation: Situation) -> bool:
    """Whether the buyer's item or details are Cyrillic, so the English text leaves them out."""
    return has_cyrillic(situation.item) or has_cyrillic(situation.details)


def english_note_hint(situation: Situation) -> str | None:
    """The hint (a msgid) naming what the English text left out, or None when nothing."""
    item, details = has_cyrillic(situation.item), has_cyrillic(situation.details)
    if item and details:
        return ENGLISH_NOTE_HINT
    if item:
        return ENGLISH_ITEM_HINT
    return ENGLISH_DETAILS_HINT if details else None


def compose_texts(
    situation: Situation,
    advice: Advice,
    lang: str,
    timers: Timers = DEFAULT_TIMERS,
) -> dict[str, dict[str, str]]:
    """Every applicable text in English and in `lang`: `{kind: {"en": ..., lang: ...}}`."""
    writers: dict[str, Callable[[Translator], str]] = {
        "dispute": lambda tr: dispute_text(situation, advice, tr),
        "seller_message": lambda tr: seller_message(situation, advice, tr, timers=timers),
        "appeal": lambda tr: appeal_text(situation, advice, tr, timers),
        "support": lambda tr: refund_support_text(situation, advice, tr),
    }
    languages = ["en"] if lang == "en" else ["en", lang]
    return {
        kind: {code: plain_spaces(writers[kind](get_translator(code))) for code in languages}
        for kind in applicable_texts(advice, situation.today)
    }


# Babel's money and dates hold no-break spaces (RUB 747.00, 1 200,50 ₽, 2026 г.): right on a
# screen, but a text is pasted into web forms and chats, where they can confuse a parser.
_NO_BREAK_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " "})


def plain_spaces(text: str) -> str:
    """The text with no-break and narrow spaces made ordinary ones."""
    return text.translate(_NO_BREAK_SPACES)
