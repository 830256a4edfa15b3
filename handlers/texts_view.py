"""Sending the advisor's texts as messages to copy or forward, and keeping them for inline mode.

`send_texts(update, context, situation, advice, kinds=None)` is the one way to show texts: the
questionnaire's advice card and the order card (handlers.orders) both call it.
"""

from __future__ import annotations

import hashlib
import html
import json
from collections.abc import Iterable

from telegram import CopyTextButton, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from advisor.models import Action, Advice, Situation, Stage
from advisor.texts import compose_texts, english_note_hint
from handlers.middleware import require_user
from handlers.runtime import runtime
from locales import N_, Translator
from locales.runtime import translator
from storage import texts as saved_texts

COPY_TEXT_LIMIT = 256  # Telegram's limit for CopyTextButton
CHUNK = 3500  # characters of text per message, well within 4,096 after the title and tags

TITLES: dict[str, str] = {
    "dispute": N_("Dispute text in English: paste it into the dispute description on AliExpress."),
    "seller_message": N_("Message to the seller in English: send it in the order chat."),
    "appeal": N_("Appeal in English for the AliExpress support chat."),
    "support": N_("Message in English for the AliExpress support chat about the missing refund."),
}
# The buttons showing each text, on the advice card and on the order's card.
TEXT_LABELS: dict[str, str] = {
    "dispute": N_("📄 Dispute text"),
    "seller_message": N_("✉️ Message to the seller"),
    "appeal": N_("📣 Appeal text"),
    "support": N_("💬 Message to support"),
}
# The texts for the support chat, which reads the user's language too.
FOR_SUPPORT = frozenset({"appeal", "support"})
# Walk F: "Dispute text" opened "Reply to the seller's offer".
REPLY_LABEL = N_("📄 Reply to the offer")


def text_label(kind: str, advice: Advice) -> str:
    """The msgid of the button showing the text `kind` for this advice."""
    if kind == "dispute" and advice.action is Action.reject_offer:
        return REPLY_LABEL
    return TEXT_LABELS[kind]


# The dispute text once the dispute is open: no description to paste it into any more.
DISPUTE_TITLES: dict[Action, str] = {
    Action.reject_offer: N_(
        "Reply to the seller's offer in English: post it in the dispute when you reject the offer."
    ),
    Action.keep_dispute_open: N_(
        "Dispute text in English: post it in the dispute to restate your claim."
    ),
    Action.provide_evidence: N_(
        "Dispute text in English: post it in the dispute together with the evidence."
    ),
}
# Walk of 2026-12-03: a PayPal offer made in the chat has no offer in the dispute to reject, and
# "when you reject the offer" sent the buyer looking for a button.
OFFPLATFORM_REPLY_TITLE = N_(
    "Reply to the seller in English: post it in the dispute, and in the order chat too if the"
    " offer came there. There is nothing to press: the dispute stays open."
)
# The dispute asked an amount the buyer does not remember: the text's is the rules' (walk Q: a
# 30 % guess read as the buyer's own demand, posted in the dispute it would lower the claim).
GUESSED_AMOUNT = N_(
    "The amount in it is the one I advise for this problem: if your dispute asked for more,"
    " write your amount in before sending."
)

# The support chat's first question is the order: an appeal without its number (walk: none was
# given) says where to find it.
APPEAL_WITHOUT_ORDER_NUMBER = N_(
    "Support will ask which order it is: add the order number (it is on the order page in the"
    " AliExpress app) to the text before sending."
)


def _amount_guessed(kind: str, situation: Situation, advice: Advice) -> bool:
    """Whether a text restating the dispute's claim names an amount the buyer did not give."""
    dispute = situation.dispute
    under_way = dispute.stage is not Stage.none
    restated = kind in ("dispute", "appeal") and advice.amount is not None
    return under_way and restated and dispute.requested_amount is None


KIND_NAMES: dict[str, str] = {
    "dispute": N_("Dispute text"),
    "seller_message": N_("Message to the seller"),
    "appeal": N_("Appeal to support"),
    "support": N_("Message to support about the refund"),
}
LANGUAGE_NAMES: dict[str, str] = {"en": N_("English"), "ru": N_("Russian")}
# Share names the order of its text as "#12", an unsaved card's as "#c" and its digest
# (handlers/inline.py reads them back).
ORDER_MARK = "#"
CARD_MARK = "c"
CARD_DIGEST_LENGTH = 10


def chunks(text: str, limit: int = CHUNK) -> list[str]:
    """The text cut into pieces of at most `limit` characters, at line breaks where possible."""
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            if current:
                pieces.append(current)
                current = ""
            pieces.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            pieces.append(current)
            candidate = line
        current = candidate
    if current or not pieces:
        pieces.append(current)
    return pieces


def share_query(kind: str, order_id: int | None, card: str | None = None) -> str:
    """What Share types after the bot's name: the text's kind, and its order's number, or for
    the advice card not saved yet its texts' digest (inline mode then offers that order's or
    card's text, not whichever order's text came last)."""
    if order_id is not None:
        return f"{kind} {ORDER_MARK}{order_id}"
    return f"{kind} {ORDER_MARK}{CARD_MARK}{card}" if card else kind


def card_digest(composed: dict[str, dict[str, str]]) -> str:
    """A short name for the texts of an unsaved card: the same texts sent again get the same
    one, so every Share under them finds them, also once the card is saved as an order."""
    canonical = json.dumps(composed, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(canonical).hexdigest()[:CARD_DIGEST_LENGTH]


def text_keyboard(tr: Translator, body: str, share: str | None) -> InlineKeyboardMarkup | None:
    """Copy (only within Telegram's copy limit) and Share (opens inline mode with `share`)."""
    row: list[InlineKeyboardButton] = []
    if len(body) <= COPY_TEXT_LIMIT:
        row.append(InlineKeyboardButton(tr.gettext("📋 Copy"), copy_text=CopyTextButton(body)))
    if share is not None:
        row.append(InlineKeyboardButton(tr.gettext("↗️ Share"), switch_inline_query=share))
    return InlineKeyboardMarkup([row]) if row else None


async def _send_block(
    update: Update, title: str, body: str, markup: InlineKeyboardMarkup | None
) -> None:
    """The title and the body in monospace blocks; the buttons go under the last piece."""
    chat = update.effective_chat
    if chat is None:
        return
    pieces = chunks(body)
    for index, piece in enumerate(pieces):
        text = f"<pre>{html.escape(piece)}</pre>"
        if index == 0:
            text = f"<b>{html.escape(title)}</b>\n{text}"
        last = index == len(pieces) - 1
        await chat.send_message(
            text, parse_mode=ParseMode.HTML, reply_markup=markup if last else None
        )


async def send_texts(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    situation: Situation,
    advice: Advice,
    kinds: Iterable[str] | None = None,
    *,
    order_id: int | None = None,
) -> list[str]:
    """Send the texts that fit the advice (or only `kinds`): English, then the user's language.

    Every applicable text is also saved as the user's latest, for inline mode, as the texts of
    the saved order `order_id` (None: of the advice card not saved yet). Returns the kinds sent
    (empty when the advice has no text; the user is told so).
    """
    rt = runtime(context)
    tr = translator()
    composed = compose_texts(situation, advice, tr.lang, rt.timers)
    # Also for an order: the same texts keep the digest of the card they were first shown on,
    # so a Share under that card still finds them once they are shown again for the order.
    card = card_digest(composed)
    if composed:
        await saved_texts.save(rt.db, require_user().user_id, composed, order_id, card)
    wanted = set(kinds) if kinds is not None else set(composed)
    chosen = {kind: by_lang for kind, by_lang in composed.items() if kind in wanted}
    chat = update.effective_chat
    if not chosen:
        if chat is not None:
            await chat.send_message(tr.gettext("There is no text to send for this advice."))
        return []
    for kind, by_lang in chosen.items():
        english = by_lang["en"]
        title = TITLES[kind]
        if kind == "dispute":
            title = DISPUTE_TITLES.get(advice.action, title)
            if situation.dispute.stage is Stage.seller_offplatform_offer:
                title = OFFPLATFORM_REPLY_TITLE
        heading = tr.gettext(title)
        if _amount_guessed(kind, situation, advice):
            heading += " " + tr.gettext(GUESSED_AMOUNT)
        if kind in FOR_SUPPORT and not situation.order_number:
            heading += " " + tr.gettext(APPEAL_WITHOUT_ORDER_NUMBER)
        if len(english) > COPY_TEXT_LIMIT:
            # Too long for a Copy button (Telegram's limit); a tap on the block copies it.
            heading += " " + tr.gettext("Tap the text to copy it.")
        markup = text_keyboard(tr, english, share_query(kind, order_id, card))
        await _send_block(update, heading, english, markup)
        if tr.lang != "en" and tr.lang in by_lang:
            copy = by_lang[tr.lang]
            if kind in FOR_SUPPORT:
                # The support chat reads the user's language too (002): the copy can be sent.
                title = tr.gettext("The same in your language (the support chat accepts it too):")
                if len(copy) > COPY_TEXT_LIMIT:  # as the English block says (review BU)
                    title = title.rstrip(":") + ". " + tr.gettext("Tap the text to copy it.")
                markup = text_keyboard(tr, copy, None)
            else:
                # Only to check the meaning: no Copy button that would invite pasting it.
                title = tr.gettext("The same in your language, to check what it says:")
                markup = None
            await _send_block(update, title, copy, markup)
    # The support message holds none of the buyer's words: nothing was left out of it.
    hint = english_note_hint(situation) if set(chosen) - {"support"} else None
    if hint is not None and chat is not None:
        await chat.send_message(tr.gettext(hint))
    return list(chosen)
