"""My orders: the paged list, the order card and the buttons that move a dispute along.

Other features call `show_order_card(update, context, order_id, edit=...)` to show a saved
order (see its docstring).
"""

from __future__ import annotations

from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from .actions import order_button, orders_command, orders_menu_button
from .card import show_order_card

__all__ = ["orders_command", "register", "show_order_card"]


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add /orders, the menu's My orders button and the `o:` buttons."""
    app.add_handler(CommandHandler("orders", orders_command))
    app.add_handler(CallbackQueryHandler(orders_menu_button, pattern=r"^m:orders$"))
    app.add_handler(CallbackQueryHandler(order_button, pattern=r"^o:"))
