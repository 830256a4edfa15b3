"""The guided questionnaire in Telegram: questions, answers, the advice card and follow-ups.

For other features: `start_followup(update, context, order_id, flow)` runs a dispute follow-up
on a saved order (see its docstring); `handlers.advice_card.render_advice` renders advice and
`handlers.texts_view.send_texts` sends the texts.
"""

from __future__ import annotations

from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from handlers.conversation import advice, answers, entry, followup
from handlers.conversation.card_screen import FLOW_ADVICE
from handlers.conversation.flow import FLOW_QUESTION
from handlers.conversation.followup import start_followup
from handlers.text_router import register_flow

__all__ = ["FLOW_ADVICE", "FLOW_QUESTION", "register", "start_followup"]


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add /start (before the plain one), /new, New problem order, `q:`, `a:` and `fu:` buttons."""
    app.add_handler(CommandHandler("start", entry.start_command))
    app.add_handler(CommandHandler("new", entry.new_command))
    app.add_handler(CallbackQueryHandler(entry.new_button, pattern=r"^m:new$"))
    app.add_handler(CallbackQueryHandler(answers.on_button, pattern=r"^q:"))
    app.add_handler(CallbackQueryHandler(advice.on_button, pattern=r"^a:"))
    app.add_handler(CallbackQueryHandler(followup.discard_button, pattern=r"^fu:"))
    register_flow(FLOW_QUESTION, answers.on_message)
    register_flow(FLOW_ADVICE, advice.on_message)
