"""The "during a dispute" rules of DOMAIN.md section 4: judged by the stage alone."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from advisor.decide import decide
from advisor.models import Advice, Situation, Stage
from advisor.texts.dispute import dispute_text
from locales import get_translator

TODAY = dt.date(2026, 3, 10)
OPENED = dt.date(2026, 3, 1)
SINCE = dt.date(2026, 3, 8)
DAMAGED = {"received": True, "problem": "damaged", "price": 20, "evidence": ["photos"]}
LOST_PARCEL = {
    "received": False,
    "delivery_status": "in_transit",
    "price": 20,
    "protection_ends_on": "2026-05-01",
    "evidence": ["tracking_screenshot"],
}


def advise(base: dict[str, Any], **dispute: Any) -> Advice:
    """Decide a situation with a dispute under way."""
    data = {"today": TODAY.isoformat(), **base, "dispute": dispute}
    return decide(Situation.model_validate(data))


def plus(day: dt.date, n: int) -> dt.date:
    return day + dt.timedelta(days=n)


@pytest.mark.parametrize(
    ("stage", "action", "deadlines", "warnings"),
    [
        (
            "open",
            "keep_dispute_open",
            [("seller_response_due", plus(OPENED, 5)), ("escalation", plus(OPENED, 7))],
            ["dont_close_dispute", "closing_is_final"],
        ),
        (
            "seller_asks_to_close",
            "keep_dispute_open",
            [],
            ["dont_close_dispute", "closing_is_final"],
        ),
        (
            "seller_offplatform_offer",
            "reject_offer",
            [],
            ["no_offplatform_refund", "dont_close_dispute"],
        ),
        ("escalated", "keep_dispute_open", [], ["dont_close_dispute"]),
        (
            "evidence_requested",
            "provide_evidence",
            [("evidence_due", plus(SINCE, 3))],
            ["dont_close_dispute"],
        ),
        (
            "return_agreed",
            "ship_return",
            [("return_ship_by", plus(SINCE, 10))],
            ["ship_only_to_dispute_address", "keep_return_receipt"],
        ),
        (
            "return_shipped",
            "wait_refund",
            [("return_auto_refund", plus(SINCE, 30))],
            ["dont_extend_return_timer", "keep_return_receipt"],
        ),
        ("won", "wait_refund", [("refund_expected_by", plus(SINCE, 15))], []),
        ("lost", "appeal", [], []),
    ],
)
def test_every_stage(
    stage: str, action: str, deadlines: list[tuple[str, dt.date]], warnings: list[str]
) -> None:
    advice = advise(DAMAGED, stage=stage, since=SINCE.isoformat(), opened_on=OPENED.isoformat())
    assert advice.action == action
    assert [(d.kind, d.date) for d in advice.deadlines] == deadlines
    assert advice.warnings == warnings
    assert advice.why[0].startswith("stage_")
    assert advice.reason == "damaged"  # the claim the dispute stands by


@pytest.mark.parametrize("stage", [s.value for s in Stage if s is not Stage.none])
def test_stages_ignore_the_timing_rules(stage: str) -> None:
    # Protection long over and the window closed: a dispute under way is judged by its stage.
    base = {**LOST_PARCEL, "protection_ends_on": "2025-01-01"}
    advice = advise(base, stage=stage)
    assert advice.action != "too_late"
    assert not {"rule_1_too_late", "rule_2_protection_expired"} & set(advice.why)
    assert not any(d.kind == "protection_ends" for d in advice.deadlines)


def test_stage_claim_for_a_parcel_in_transit_is_a_full_refund() -> None:
    advice = advise(LOST_PARCEL, stage="open", opened_on="2026-03-09")
    assert (advice.reason, advice.solution, advice.refund, advice.amount) == (
        "in_transit_protection_expiring",
        "refund_only",
        "full",
        20.0,
    )
    assert "dont_confirm_receipt" in advice.warnings


@pytest.mark.parametrize(
    ("dispute", "why"),
    [
        # Compared with the claim: damaged, usable -> partial 30 % of 20 = 6.00.
        ({"offer_amount": 6}, "stage_offer_meets_claim"),
        ({"offer_amount": 5.995}, "stage_offer_meets_claim"),
        ({"offer_amount": 5.98}, "stage_offer_below_claim"),  # nothing requested: the claim
        ({"offer_amount": 8, "offer_solution": "return_and_refund"}, "stage_offer_asks_return"),
        ({"offer_amount": 8, "offer_solution": "refund_only"}, "stage_offer_meets_claim"),
        ({}, "stage_offer_amount_unknown"),  # the amount cannot be checked
        # Compared with what was requested.
        ({"requested_amount": 15, "offer_amount": 14.99}, "stage_offer_accept"),
        ({"requested_amount": 15, "offer_amount": 14.98}, "stage_offer_reject"),
        ({"requested_amount": 15, "offer_amount": 20}, "stage_offer_accept"),
        # Whole cents, not floats: 12.3 - 0.01 is 12.290000000000001 in binary.
        ({"requested_amount": 12.3, "offer_amount": 12.29}, "stage_offer_accept"),
        ({"requested_amount": 150.3, "offer_amount": 150.29}, "stage_offer_accept"),
        ({"requested_amount": 12.3, "offer_amount": 12.28}, "stage_offer_reject"),
        (
            {
                "requested_solution": "return_and_refund",
                "requested_amount": 20,
                "offer_solution": "return_and_refund",
                "offer_amount": 20,
            },
            "stage_offer_accept",
        ),
        (
            {
                "requested_solution": "return_and_refund",
                "requested_amount": 20,
                "offer_solution": "refund_only",
                "offer_amount": 20,
            },
            "stage_offer_no_return",
        ),
    ],
)
def test_seller_offer(dispute: dict[str, Any], why: str) -> None:
    advice = advise(DAMAGED, stage="seller_offer", **dispute)
    accepted = why in ("stage_offer_accept", "stage_offer_meets_claim")
    assert advice.action == ("accept_offer" if accepted else "reject_offer")
    assert advice.warnings[0] == "check_offer_amount"
    assert advice.why[0] == why


def test_accepted_offer_carries_the_offer() -> None:
    advice = advise(DAMAGED, stage="seller_offer", offer_amount=20, offer_solution="refund_only")
    assert (advice.action, advice.solution, advice.refund, advice.amount) == (
        "accept_offer",
        "refund_only",
        "full",
        20.0,
    )
    assert "closing_is_final" in advice.warnings


def test_rejected_offer_carries_the_ask() -> None:
    advice = advise(DAMAGED, stage="seller_offer", requested_amount=12.5, offer_amount=3)
    assert (advice.action, advice.solution, advice.refund, advice.amount, advice.currency) == (
        "reject_offer",
        "refund_only",
        "partial",
        12.5,
        "USD",
    )


def test_an_ask_without_a_price_is_neither_full_nor_partial() -> None:
    """The claim alone (damaged, usable unknown) is partial; the buyer's own 1,000 without a
    price may be the whole price: the text must not call it a partial refund."""
    unpriced = {k: v for k, v in DAMAGED.items() if k != "price"}
    data = {"today": TODAY.isoformat(), **unpriced, "currency": "RUB"}
    data["dispute"] = {"stage": "seller_offer", "requested_amount": 1000, "offer_amount": 300}
    situation = Situation.model_validate(data)
    advice = decide(situation)
    assert (advice.action, advice.refund, advice.amount) == ("reject_offer", None, 1000)
    text = dispute_text(situation, advice, get_translator("en"))
    assert "I request a refund of RUB\xa01,000.00 (refund only)." in text
    assert "partial" not in text


def test_an_offer_of_nothing_is_rejected_even_without_a_price() -> None:
    unpriced = {k: v for k, v in DAMAGED.items() if k != "price"}
    advice = advise(unpriced, stage="seller_offer", offer_amount=0)
    assert (advice.action, advice.why[0]) == ("reject_offer", "stage_offer_below_claim")
    # Any amount at all cannot be checked without the price: accepted, with the warning.
    advice = advise(unpriced, stage="seller_offer", offer_amount=0.01)
    assert (advice.action, advice.why[0]) == ("accept_offer", "stage_offer_amount_unchecked")
    assert "check_offer_amount" in advice.warnings


def test_offer_without_a_claim_is_welcome() -> None:
    advice = advise(
        {"received": True, "problem": "changed_mind", "price": 20}, stage="seller_offer"
    )
    assert advice.action == "accept_offer"


def test_offplatform_offer_is_rejected_even_when_generous() -> None:
    advice = advise(DAMAGED, stage="seller_offplatform_offer", offer_amount=100)
    assert advice.action == "reject_offer"
    assert "no_offplatform_refund" in advice.warnings
    # No risk of its own (DOMAIN names none): the claim's, as in the open dispute.
    assert advice.risk == advise(DAMAGED, stage="open").risk
    unproven = {**DAMAGED, "evidence": []}
    assert advise(unproven, stage="seller_offplatform_offer").risk == "medium"


@pytest.mark.parametrize(
    ("dispute", "start"),
    [
        ({"opened_on": "2026-03-01", "since": "2026-03-08"}, dt.date(2026, 3, 1)),
        ({"since": "2026-03-08"}, dt.date(2026, 3, 8)),
        ({}, None),
    ],
)
def test_open_counts_from_opened_on_then_since(
    dispute: dict[str, Any], start: dt.date | None
) -> None:
    advice = advise(DAMAGED, stage="open", **dispute)
    if start is None:
        assert advice.deadlines == [], "no guessed deadline without the day it opened"
    else:
        assert advice.deadlines[0].date == plus(start, 5)


def test_return_agreed_asks_return_and_refund() -> None:
    advice = advise(DAMAGED, stage="return_agreed")
    assert advice.solution == "return_and_refund"
    assert "photos" in advice.evidence


USABLE_FLAW = {**DAMAGED, "usable": True}  # rule 14: refund only, partial (30 %, $6)


@pytest.mark.parametrize("stage", ["return_agreed", "return_shipped"])
@pytest.mark.parametrize(
    ("dispute", "expected"),
    [
        ({}, ("full", 20.0)),  # the partial claim was for keeping the item
        ({"requested_solution": "refund_only", "requested_amount": 6}, ("full", 20.0)),
        ({"offer_solution": "return_and_refund", "offer_amount": 20}, ("full", 20.0)),
        ({"offer_solution": "return_and_refund", "offer_amount": 15}, ("partial", 15.0)),
        ({"requested_solution": "return_and_refund", "requested_amount": 18}, ("partial", 18.0)),
    ],
)
def test_a_return_earns_the_refund_of_a_return_not_the_partial_claim(
    stage: str, dispute: dict[str, Any], expected: tuple[str, float]
) -> None:
    assert advise(USABLE_FLAW).refund == "partial"  # the claim before the return
    advice = advise(USABLE_FLAW, stage=stage, **dispute)
    assert advice.solution == "return_and_refund"
    assert (advice.refund, advice.amount) == expected


def test_a_return_without_a_price_asks_the_full_refund_without_an_amount() -> None:
    advice = advise({**USABLE_FLAW, "price": None}, stage="return_agreed")
    assert (advice.solution, advice.refund, advice.amount) == ("return_and_refund", "full", None)


def test_lost_dispute_appeal_is_high_risk_with_evidence() -> None:
    advice = advise(DAMAGED, stage="lost")
    assert (advice.action, advice.risk) == ("appeal", "high")
    assert "photos" in advice.evidence


def test_an_offer_against_a_claim_without_an_amount_is_not_called_unchecked() -> None:
    # Rule 8, the buyer's own address error: the claim names no amount, but the price is known.
    situation = Situation.model_validate(
        {
            "today": "2026-03-10",
            "received": False,
            "delivery_status": "wrong_address",
            "address_error_by": "buyer",
            "price": 40,
            "dispute": {"stage": "seller_offer", "offer_amount": 10},
        }
    )
    advice = decide(situation)
    assert advice.action == "accept_offer"
    assert advice.why[0] == "stage_offer_meets_claim"


def test_an_offer_against_an_unknown_price_is_accepted_unchecked() -> None:
    situation = Situation.model_validate(
        {
            "today": "2026-03-10",
            "received": True,
            "problem": "not_working",
            "dispute": {"stage": "seller_offer", "offer_amount": 5},
        }
    )
    advice = decide(situation)
    assert (advice.action, advice.why[0]) == ("accept_offer", "stage_offer_amount_unchecked")
    assert advice.amount == 5  # the refund kind stays the claim's (DOMAIN: the claim stands in)


def _delivered_not_received(saver: bool) -> dict[str, Any]:
    """Rule 9's case, the seller contacted and the evidence in hand (medium; high with Saver)."""
    return {
        "received": False,
        "delivery_status": "delivered_not_received",
        "price": 20,
        "protection_ends_on": "2026-05-01",
        "seller": {"contacted": True},
        "shipping_method": "saver" if saver else "standard",
        "evidence": ["tracking_screenshot", "chat_screenshot", "post_office_statement"],
    }


@pytest.mark.parametrize(("saver", "risk"), [(False, "medium"), (True, "high")])
@pytest.mark.parametrize(
    "stage", ["open", "escalated", "evidence_requested", "seller_asks_to_close", "seller_offer"]
)
def test_a_dispute_under_way_keeps_the_risk_its_case_had(
    saver: bool, risk: str, stage: str
) -> None:
    # Rule 9: a parcel "delivered" but not received is medium risk, high with Saver shipping;
    # opening the dispute does not make the case any safer.
    delivered = _delivered_not_received(saver)
    before = decide(Situation.model_validate({"today": TODAY.isoformat(), **delivered}))
    assert (before.action.value, before.risk.value) == ("open_dispute", risk)
    # An offer of less than the full refund asked: rejected.
    offer = {"offer_solution": "refund_only", "offer_amount": 5} if stage == "seller_offer" else {}
    during = advise(
        delivered, stage=stage, since=SINCE.isoformat(), opened_on=OPENED.isoformat(), **offer
    )
    assert during.risk.value == risk
    # The warning that explains a high risk stays with it.
    assert ("saver_shipping_risk" in during.warnings) is saver


def test_a_won_dispute_carries_no_risk_warning() -> None:
    won = advise(_delivered_not_received(saver=True), stage="won", since=SINCE.isoformat())
    assert won.risk.value == "low" and "saver_shipping_risk" not in won.warnings


def test_a_return_asked_without_its_amount_is_judged_as_the_whole_price() -> None:
    # Walk H2: "Something else -> Return and refund -> I don't remember" took the claim's 30 %
    # for keeping the item ($6 of $20), and a return offer of $6 read as one to accept.
    advice = advise(
        DAMAGED | {"usable": True},
        stage="seller_offer",
        requested_solution="return_and_refund",
        offer_solution="return_and_refund",
        offer_amount=6,
    )
    assert advice.action == "reject_offer"
    assert (advice.solution, advice.refund, advice.amount) == ("return_and_refund", "full", 20.0)


def test_the_cent_tolerance_holds_for_every_amount_up_to_a_thousand() -> None:
    """One cent less is accepted and two cents less refused, whatever float rounding does."""
    from advisor.amounts import at_least

    for asked in range(2, 100_001):
        assert at_least((asked - 1) / 100, asked / 100), asked
        assert not at_least((asked - 2) / 100, asked / 100), asked
