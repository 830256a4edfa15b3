"""A seller's offer of money outside AliExpress before any dispute (walk of 2026-12-03: sellers
offer PayPal in the order chat, and "When did you open the dispute?" had no answer for it)."""

from __future__ import annotations

import datetime as dt

from advisor.models import Action, Stage
from advisor.policy import advise_buyer
from advisor.questionnaire import build_situation, current_question
from advisor.questionnaire.questions import NOT_OPENED
from tests.conversation.support import engine_state

DAY = dt.date(2026, 12, 3)
OFFPLATFORM = ["c:yes", "c:damaged", "c:seller_offplatform_offer"]


def test_not_opened_is_offered_for_an_offer_outside_aliexpress_only() -> None:
    question = current_question(engine_state(OFFPLATFORM, DAY), DAY)
    assert question is not None and question.id == "opened_when"
    assert NOT_OPENED in question.option_codes()
    for stage in ("open", "seller_offer", "seller_asks_to_close"):
        other = current_question(engine_state(["c:yes", "c:damaged", f"c:{stage}"], DAY), DAY)
        assert other is not None and other.id == "opened_when"
        assert NOT_OPENED not in other.option_codes()


def test_not_opened_goes_on_as_an_order_with_no_dispute() -> None:
    state = engine_state([*OFFPLATFORM, f"c:{NOT_OPENED}"], DAY)
    question = current_question(state, DAY)
    assert question is not None and question.id == "receipt_confirmed"
    rest = ["c:no", "20 days", "c:yes", "c:no", "m", "s", "s", "s", "s"]
    complete = engine_state([*OFFPLATFORM, f"c:{NOT_OPENED}", *rest], DAY)
    situation = build_situation(complete, DAY)
    assert situation.dispute.stage is Stage.none and situation.dispute.opened_on is None
    assert advise_buyer(situation).action is Action.open_dispute
