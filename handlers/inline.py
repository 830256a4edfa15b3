"""Inline mode: the user's latest texts, offered in any chat by typing the bot's name."""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

from telegram import (
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    Update,
)
from telegram.ext import Application, ContextTypes, InlineQueryHandler

from handlers.clock import user_zone
from handlers.middleware import require_user
from handlers.order_names import order_name
from handlers.runtime import Runtime, runtime
from handlers.texts_view import (
    CARD_DIGEST_LENGTH,
    CARD_MARK,
    KIND_NAMES,
    LANGUAGE_NAMES,
    ORDER_MARK,
)
from locales import Translator
from locales.runtime import translator
from storage import orders, texts
from storage.models import SavedText

MAX_RESULTS = 50
MESSAGE_LIMIT = 4096
DESCRIPTION_LENGTH = 100
TITLE_ORDER_LENGTH = 40
# Shorter query words ("en", "to") begin too many words of the titles to name a kind.
MIN_KIND_WORD = 3
# An order's number after the mark: plain digits (not "²", which isdigit() takes); a card's
# digest: its mark and hexadecimal digits.
_ORDER_NUMBER = re.compile(r"[0-9]{1,9}")
_CARD = re.compile(rf"{CARD_MARK}[0-9a-f]{{{CARD_DIGEST_LENGTH}}}")
# The deep links: `/start new` opens the questionnaire, `/start orders` My orders.
START_PARAMETER = "new"
ORDERS_PARAMETER = "orders"


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _title(tr: Translator, kind: str, lang: str, order: str | None = None) -> str:
    """`Dispute text (English)`, in the reader's language, and the order's name when it has
    one (several orders' texts look alike)."""
    title = tr.gettext("%(kind)s (%(language)s)") % {
        "kind": tr.gettext(KIND_NAMES.get(kind, kind)),
        "language": tr.gettext(LANGUAGE_NAMES.get(lang, lang)),
    }
    return f"{title} · {_shorten(order, TITLE_ORDER_LENGTH)}" if order else title


def _order_of(tr: Translator, text: SavedText, zone: ZoneInfo) -> str | None:
    """The name of the order the text was written for; None for the unsaved card's."""
    if text.order_situation is None or text.order_created_at is None:
        return None
    return order_name(tr, text.order_label, text.order_situation, text.order_created_at, zone)


def _names(tr: Translator, text: SavedText, words: list[str]) -> bool:
    """Whether every word begins a word of the text's kind or title ("dispute", "спор" of
    «спора», "appeal"); words too short to name anything ("en", "to") do not count."""
    label = f"{text.kind.replace('_', ' ')} {_title(tr, text.kind, text.lang)}".casefold()
    label_words = "".join(ch if ch.isalnum() else " " for ch in label).split()
    return all(
        len(word) >= MIN_KIND_WORD and any(part.startswith(word) for part in label_words)
        for word in words
    )


def _holds_every_word(text: SavedText, words: list[str]) -> bool:
    """Whether the text's body holds every word of the query (an item, an order number)."""
    body = text.body.casefold()
    return all(word in body for word in words)


def _matching(tr: Translator, saved: list[SavedText], words: list[str]) -> list[SavedText]:
    """The texts a query asks for: by their kind when it names one (the Share button types
    "dispute", which a message to the seller may also contain), else by their words."""
    named = [text for text in saved if _names(tr, text, words)]
    return named or [text for text in saved if _holds_every_word(text, words)]


def _named(words: list[str]) -> tuple[int | None, str | None]:
    """The order or the unsaved card a Share button named ("dispute #12", "dispute #c1f3…"):
    (order id, card digest). Anything else after the mark names nothing of the user's (order
    -1); neither without a mark."""
    for word in words:
        if not word.startswith(ORDER_MARK):
            continue
        name = word.removeprefix(ORDER_MARK)
        if _ORDER_NUMBER.fullmatch(name):
            return int(name), None
        if _CARD.fullmatch(name):
            return None, name.removeprefix(CARD_MARK)
        return -1, None
    return None, None


async def _has_orders(rt: Runtime, user_id: int) -> bool:
    return await orders.count_for_user(rt.db, user_id) > 0


async def on_inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Offer the asking user's own latest texts (a kind typed as the query narrows them)."""
    query = update.inline_query
    if query is None:
        return
    tr = translator()
    # "seller_message #2" (a Share button) names the kind "seller message".
    words = query.query.casefold().replace("_", " ").split()
    order_id, card = _named(words)
    words = [word for word in words if not word.startswith(ORDER_MARK)]
    rt, user = runtime(context), require_user()
    zone = user_zone(user, rt.default_timezone)
    saved = await texts.latest(rt.db, user.user_id, order_id, card)
    if (order_id is not None or card is not None) and words:
        # A Share button names its order and kind: that text only. Words of another text's
        # body ("dispute" in an appeal written after the order was lost) are not asked for.
        saved = [text for text in saved if _names(tr, text, words)]
    elif words:
        # No match shows nothing: another order's text in its place could be pasted by mistake.
        saved = _matching(tr, saved, words)
    saved = saved[:MAX_RESULTS]
    results = [
        InlineQueryResultArticle(
            id=f"{text.kind}.{text.lang}.{text.order_id or 0}",
            title=_title(tr, text.kind, text.lang, _order_of(tr, text, zone)),
            description=_shorten(" ".join(text.body.split()), DESCRIPTION_LENGTH),
            input_message_content=InputTextMessageContent(_shorten(text.body, MESSAGE_LIMIT)),
        )
        for text in saved
    ]
    button = None
    if not results and (order_id is not None or await _has_orders(rt, user.user_id)):
        # A Share of an order whose texts were written anew since (it changed), or texts not
        # shown again since a change: the orders have them, not a new questionnaire.
        button = InlineQueryResultsButton(
            text=tr.gettext("Open your orders in the bot for their texts"),
            start_parameter=ORDERS_PARAMETER,
        )
    elif not results:
        button = InlineQueryResultsButton(
            text=tr.gettext("Open the bot to create a text"), start_parameter=START_PARAMETER
        )
    await query.answer(results, cache_time=0, is_personal=True, button=button)


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add the inline query handler."""
    app.add_handler(InlineQueryHandler(on_inline_query))
