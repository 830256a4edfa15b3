"""Undo the last change a follow-up made to an order (a wrong tap on "Dispute won", say).

The order row keeps its situation from before the change with a random token; the card shown
right after the change carries the token in its Undo button. Any later change of the order
drops it, so an old Undo button can never take back a change it did not show.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from advisor.models import Situation
from storage.models import Order


@dataclass(frozen=True)
class Before:
    """The order as it was before the change: its situation and its name."""

    situation: Situation
    label: str | None


def undo_record(order: Order) -> str:
    """What the order row keeps to take a change back: the order before it, and a token."""
    return json.dumps(
        {"token": secrets.token_hex(4), "situation": order.situation, "label": order.label}
    )


def undo_token(order: Order) -> str | None:
    """The token of the change the order can take back, or None."""
    record = _record(order)
    return record.get("token") if record else None


def order_before(order: Order, token: str) -> Before | None:
    """The order to restore if `token` is its current undo token; else None."""
    record = _record(order)
    if not record or record.get("token") != token:
        return None
    label = record.get("label")
    try:
        situation = Situation.model_validate(record["situation"])
    except (KeyError, ValidationError):
        return None
    return Before(situation, label if isinstance(label, str) else None)


def _record(order: Order) -> dict[str, Any] | None:
    if order.undo is None:
        return None
    try:
        record = json.loads(order.undo)
    except ValueError:
        return None
    return record if isinstance(record, dict) else None
