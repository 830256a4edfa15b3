"""The bot's three departures from the literal rule table (advisor/policy.py), and nothing else."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from advisor.deadlines import actionable
from advisor.decide import decide
from advisor.models import Situation
from advisor.policy import advise_buyer

TODAY = dt.date(2026, 3, 10)


def situation(**fields: Any) -> Situation:
    data: dict[str, Any] = {"today": TODAY.isoformat(), "received": False, "price": 20}
    data.update(fields)
    return Situation.model_validate(data)


def days(n: int) -> str:
    return (TODAY + dt.timedelta(days=n)).isoformat()


@pytest.mark.parametrize(
    ("left", "action", "why"),
    [
        (5, "wait", ["rule_4_seller_extended"]),
        (2, "open_dispute", ["extension_only_promised"]),
        (0, "open_dispute", ["extension_only_promised"]),
        (-2, "open_dispute", ["rule_2_protection_expired", "extension_end_passed"]),
    ],
)
def test_an_extension_only_promised_does_not_hold_off_the_dispute(
    left: int, action: str, why: list[str]
) -> None:
    # Section 2: "open the dispute now, promises or not"; the table's rule 4 says wait.
    extended = situation(
        delivery_status="in_transit",
        shipped_on=days(-50),
        protection_ends_on=days(left),
        seller={"contacted": True, "extended": True},
        evidence=["tracking_screenshot"],
    )
    assert decide(extended).action == "wait", "the contract stays literal"
    advice = advise_buyer(extended)
    assert (advice.action, advice.why[: len(why)]) == (action, why)
    if action == "open_dispute":
        assert advice.reason == "in_transit_protection_expiring" and advice.amount == 20


@pytest.mark.parametrize(
    ("status", "why"),
    [
        ("in_transit", "rule_4_protection_ended"),
        ("not_updating", "rule_4_protection_ended"),
        ("no_tracking", "rule_5_protection_ended"),
    ],
)
@pytest.mark.parametrize("seller", [{}, {"contacted": True, "extended": True}])
def test_receipt_confirmed_for_a_parcel_not_received_opens_the_dispute_now(
    status: str, why: str, seller: dict[str, Any]
) -> None:
    # The confirmation paid the seller and ended the protection (section 1): only the window
    # after it is left, so waiting (or trusting an extension) would lose the money.
    confirmed = situation(
        delivery_status=status,
        shipped_on=days(-20),
        receipt_confirmed_on=days(-1),
        seller=seller,
        evidence=["tracking_screenshot"],
    )
    if status == "in_transit" and not seller:
        literal = decide(confirmed)
        assert (literal.action, literal.why[0]) == ("wait", "rule_4_protection_date_unknown")
    advice = advise_buyer(confirmed)
    assert (advice.action, advice.risk) == ("open_dispute", "high")
    assert advice.why[:2] == ["receipt_confirmed_not_received", why]
    assert "protection_date_unknown" not in advice.warnings
    assert [(d.kind, d.date) for d in advice.deadlines] == [
        ("dispute_window_closes", TODAY + dt.timedelta(days=14))
    ]


@pytest.mark.parametrize(
    "fields",
    [
        {"delivery_status": "at_customs", "customs_issue": "duty_required"},  # rule 7
        {"delivery_status": "wrong_address", "address_error_by": "buyer"},  # rule 8
        {"delivery_status": "in_transit", "shipped_on": days(-3)},  # rule 3: too early
    ],
)
def test_a_confirmed_receipt_keeps_the_tables_advice_where_it_opens_no_dispute(
    fields: dict[str, Any],
) -> None:
    case = situation(receipt_confirmed_on=days(-1), **fields)
    assert advise_buyer(case) == decide(case)


def test_a_confirmed_receipt_past_its_window_is_too_late_as_the_table_says() -> None:
    late = situation(delivery_status="in_transit", receipt_confirmed_on=days(-20))
    assert advise_buyer(late) == decide(late)
    assert advise_buyer(late).action == "too_late"


@pytest.mark.parametrize(
    ("fields", "action", "why"),
    [
        (
            {"delivery_status": "wrong_address", "address_error_by": "buyer"},
            "contact_carrier",
            "rule_8_buyer_error",
        ),
        (
            {"delivery_status": "delivered_not_received"},
            "contact_carrier",
            "rule_9_ask_post_office",
        ),
        (
            {"delivery_status": "at_customs", "customs_issue": "duty_required"},
            "do_not_dispute",
            "rule_7_duty_required",
        ),
    ],
)
def test_too_early_for_a_dispute_does_not_hold_up_what_must_be_done_now(
    fields: dict[str, Any], action: str, why: str
) -> None:
    """Walk AN: "wait until day 10" for a parcel marked delivered, one the buyer misaddressed
    or one held for legitimate duty: the statement, the redirect or the duty cannot wait."""
    case = situation(shipped_on=days(-5), protection_ends_on=days(50), **fields)
    assert decide(case).why == ["rule_3_too_early"]  # the contract's table, read literally
    advice = advise_buyer(case)
    assert (advice.action, advice.why) == (action, [why])
    assert advice.deadlines == decide(case).deadlines
    # What the card shows and reminds of: "the first day to open a dispute" only where one may
    # follow (rule 9's statement), not beside "not worth it" or the buyer's own error (review AP).
    shown = {deadline.kind for deadline in actionable(advice, case).deadlines}
    assert ("earliest_open" in shown) is (why == "rule_9_ask_post_office")


@pytest.mark.parametrize(
    "fields",
    [
        # Rules that would open the dispute keep rule 3's wait: it cannot be opened yet.
        {"delivery_status": "wrong_address", "shipped_on": days(-5)},
        {
            "delivery_status": "delivered_not_received",
            "shipped_on": days(-5),
            "seller": {"contacted": True},
            "evidence": ["post_office_statement"],
        },
        {"delivery_status": "no_tracking", "shipped_on": days(-5)},
        {"delivery_status": "in_transit", "protection_ends_on": days(1)},
        {"received": True, "problem": "damaged", "receipt_confirmed_on": days(-2)},
        {
            "delivery_status": "in_transit",
            "seller": {"extended": True},
            "protection_ends_on": days(1),
            "dispute": {"stage": "open", "opened_on": days(-1)},
        },
    ],
)
def test_everything_else_is_the_tables_advice(fields: dict[str, Any]) -> None:
    case = situation(**fields)
    assert advise_buyer(case) == decide(case)


@pytest.mark.parametrize(
    "stage", ["seller_offer", "seller_asks_to_close", "seller_offplatform_offer"]
)
def test_an_open_offer_keeps_the_escalation_date_of_the_opening(stage: str) -> None:
    # Nothing agreed yet: AliExpress steps in 7 days after the opening (section 4); the table
    # gives these stages no deadline.
    dispute = {"stage": stage, "opened_on": days(-3), "since": days(-1), "offer_amount": 5}
    offered = situation(delivery_status="in_transit", dispute=dispute)
    assert decide(offered).deadlines == []
    advice = advise_buyer(offered)
    assert [(d.kind, d.date.isoformat()) for d in advice.deadlines] == [("escalation", days(4))]
    literal = decide(offered).model_dump(exclude={"deadlines"})
    assert advice.model_dump(exclude={"deadlines"}) == literal
    # Without the opening's date there is nothing to count from.
    unknown = situation(delivery_status="in_transit", dispute={**dispute, "opened_on": None})
    assert advise_buyer(unknown).deadlines == []


def test_an_offer_made_after_the_escalation_date_adds_no_passed_date() -> None:
    # "Seller made an offer" is offered after AliExpress stepped in too (review): the date
    # counted from the opening has passed, and saying so again would be wrong.
    late = {"stage": "seller_offer", "opened_on": days(-10), "since": days(0), "offer_amount": 5}
    offered = situation(delivery_status="in_transit", dispute=late)
    assert advise_buyer(offered).deadlines == []


def test_an_offer_still_waiting_when_the_escalation_date_passed_keeps_it() -> None:
    """Walk BV: the offer made before the date, the card went silent once it passed, while the
    open dispute's card said to ask AliExpress to step in."""
    waiting = {"stage": "seller_offer", "opened_on": days(-10), "since": days(-5)}
    offered = situation(delivery_status="in_transit", dispute={**waiting, "offer_amount": 5})
    deadlines = advise_buyer(offered).deadlines
    assert [(d.kind, d.date.isoformat()) for d in deadlines] == [("escalation", days(-3))]
    # Walk BW: a new order's offer has no day of its own; it does not hide the date either.
    unknown = situation(delivery_status="in_transit", dispute={**waiting, "since": None})
    assert [d.kind for d in advise_buyer(unknown).deadlines] == ["escalation"]
    # An offer to accept needs no "ask AliExpress to step in" beside it (review BZ).
    good = situation(delivery_status="in_transit", dispute={**waiting, "offer_amount": 20})
    advice = advise_buyer(good)
    assert (advice.action, advice.deadlines) == ("accept_offer", [])
