"""The advisor's data contract: `Situation` in, `Advice` out (DOMAIN.md section 8)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

# Dates the advisor can do arithmetic on (windows add weeks, reminders subtract days); anything
# outside is a typo, and near date.min/max the arithmetic would overflow.
EARLIEST_DATE = dt.date(2000, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)
# Amounts beyond this are typos too, and too large for Babel's money formatting.
MAX_AMOUNT = 1_000_000_000


def _within_range(value: dt.date) -> dt.date:
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValueError(f"date must be between {EARLIEST_DATE} and {LATEST_DATE}")
    return value


ContractDate = Annotated[dt.date, AfterValidator(_within_range)]


class _Strict(BaseModel):
    """Base for contract models: unknown fields are rejected."""

    model_config = ConfigDict(extra="forbid")


class ShippingMethod(StrEnum):
    standard = "standard"
    saver = "saver"
    premium = "premium"
    unknown = "unknown"


class DeliveryStatus(StrEnum):
    no_tracking = "no_tracking"
    in_transit = "in_transit"
    not_updating = "not_updating"
    at_customs = "at_customs"
    returned_to_seller = "returned_to_seller"
    delivered_not_received = "delivered_not_received"
    wrong_address = "wrong_address"
    tracking_other_address = "tracking_other_address"


class CustomsIssue(StrEnum):
    duty_required = "duty_required"
    vat_misdeclared = "vat_misdeclared"
    documents_required = "documents_required"


class AddressErrorBy(StrEnum):
    seller = "seller"
    buyer = "buyer"


class Problem(StrEnum):
    not_working = "not_working"
    damaged = "damaged"
    wrong_item = "wrong_item"
    not_as_described = "not_as_described"
    quality = "quality"
    missing_parts = "missing_parts"
    short_quantity = "short_quantity"
    empty_package = "empty_package"
    counterfeit = "counterfeit"
    expired = "expired"
    wrong_size_buyer = "wrong_size_buyer"
    misread_description = "misread_description"
    changed_mind = "changed_mind"


class Evidence(StrEnum):
    unboxing_video = "unboxing_video"
    photos = "photos"
    defect_video = "defect_video"
    tracking_screenshot = "tracking_screenshot"
    chat_screenshot = "chat_screenshot"
    post_office_statement = "post_office_statement"
    customs_document = "customs_document"
    # Only ever suggested by the advice, never part of a situation's input.
    size_label_photo = "size_label_photo"
    ruler_photo = "ruler_photo"
    order_page_screenshot = "order_page_screenshot"


INPUT_EVIDENCE: frozenset[Evidence] = frozenset(
    {
        Evidence.unboxing_video,
        Evidence.photos,
        Evidence.defect_video,
        Evidence.tracking_screenshot,
        Evidence.chat_screenshot,
        Evidence.post_office_statement,
        Evidence.customs_document,
    }
)


class Stage(StrEnum):
    none = "none"
    open = "open"
    seller_asks_to_close = "seller_asks_to_close"
    seller_offplatform_offer = "seller_offplatform_offer"
    seller_offer = "seller_offer"
    escalated = "escalated"
    evidence_requested = "evidence_requested"
    return_agreed = "return_agreed"
    return_shipped = "return_shipped"
    won = "won"
    lost = "lost"


class Solution(StrEnum):
    refund_only = "refund_only"
    return_and_refund = "return_and_refund"


class Refund(StrEnum):
    full = "full"
    partial = "partial"


class Action(StrEnum):
    wait = "wait"
    contact_seller = "contact_seller"
    ask_extension = "ask_extension"
    contact_carrier = "contact_carrier"
    open_dispute = "open_dispute"
    do_not_dispute = "do_not_dispute"
    too_late = "too_late"
    keep_dispute_open = "keep_dispute_open"
    accept_offer = "accept_offer"
    reject_offer = "reject_offer"
    provide_evidence = "provide_evidence"
    ship_return = "ship_return"
    wait_refund = "wait_refund"
    appeal = "appeal"


class Reason(StrEnum):
    # Not received
    in_transit_protection_expiring = "in_transit_protection_expiring"
    no_tracking_info = "no_tracking_info"
    returned_to_seller = "returned_to_seller"
    customs_holding = "customs_holding"
    wrong_address = "wrong_address"
    delivered_not_received = "delivered_not_received"
    invalid_tracking = "invalid_tracking"
    # Received
    not_as_described = "not_as_described"
    quality = "quality"
    damaged = "damaged"
    not_working = "not_working"
    wrong_item = "wrong_item"
    missing_parts = "missing_parts"
    short_quantity = "short_quantity"
    empty_package = "empty_package"
    counterfeit = "counterfeit"
    expired = "expired"


class Risk(StrEnum):
    low = "low"
    medium = "medium"
    high = "high"


class WarningCode(StrEnum):
    dont_confirm_receipt = "dont_confirm_receipt"
    dont_close_dispute = "dont_close_dispute"
    closing_is_final = "closing_is_final"
    no_offplatform_refund = "no_offplatform_refund"
    check_offer_amount = "check_offer_amount"
    protection_expired = "protection_expired"
    protection_date_unknown = "protection_date_unknown"
    evidence_missing = "evidence_missing"
    saver_shipping_risk = "saver_shipping_risk"
    buyer_address_error = "buyer_address_error"
    ship_only_to_dispute_address = "ship_only_to_dispute_address"
    keep_return_receipt = "keep_return_receipt"
    dont_extend_return_timer = "dont_extend_return_timer"


class DeadlineKind(StrEnum):
    earliest_open = "earliest_open"
    protection_ends = "protection_ends"
    open_dispute_by = "open_dispute_by"
    dispute_window_closes = "dispute_window_closes"
    seller_response_due = "seller_response_due"
    escalation = "escalation"
    evidence_due = "evidence_due"
    return_ship_by = "return_ship_by"
    return_auto_refund = "return_auto_refund"
    refund_expected_by = "refund_expected_by"


class Seller(_Strict):
    """What the buyer has done with the seller so far."""

    contacted: bool = False
    responded: bool = False
    extended: bool = False
    refused_extension: bool = False


class Dispute(_Strict):
    """The dispute's current stage and the amounts on the table."""

    stage: Stage = Stage.none
    since: ContractDate | None = None
    opened_on: ContractDate | None = None
    requested_solution: Solution | None = None
    requested_amount: float | None = Field(default=None, ge=0, le=MAX_AMOUNT)
    offer_solution: Solution | None = None
    offer_amount: float | None = Field(default=None, ge=0, le=MAX_AMOUNT)
    # The day the buyer sent the item back (the return_shipped stage's date), kept through the
    # stages after it: an appeal after a lost dispute must not ask for a return again.
    returned_on: ContractDate | None = None
    # AliExpress has stepped in (the escalated stage), kept through the stages after it: an
    # offer or a request made then runs no "AliExpress steps in" date again, and saying no to it
    # leaves the dispute with AliExpress (walk of 2026-12-03).
    escalated: bool = False


class Situation(_Strict):
    """Everything known about one problem order (the advisor's input)."""

    today: ContractDate
    received: bool
    item: str | None = Field(default=None, max_length=500)
    order_number: str | None = Field(default=None, max_length=100)
    tracking_number: str | None = Field(default=None, max_length=100)
    details: str | None = Field(default=None, max_length=2000)
    price: float | None = Field(default=None, gt=0, le=MAX_AMOUNT)
    currency: str = Field(default="USD", pattern=r"^[A-Z]{3}$")
    shipped_on: ContractDate | None = None
    protection_ends_on: ContractDate | None = None
    # The local time Buyer Protection runs out on `protection_ends_on`, when known (the timer
    # copied from the order page): reminders that would come after it are not planned.
    protection_ends_at: dt.time | None = None
    # The seller extended Buyer Protection but the new end is unknown, so `protection_ends_on`
    # is the end before the extension (the bot's questionnaire sets it; not in DOMAIN §8): the
    # advice does not call a dispute too late by that end alone (advisor.policy).
    protection_end_before_extension: bool = False
    # The date fields ("shipped_on", "dispute.opened_on") the buyer gave as an estimate, which
    # the card says to check (the bot's questionnaire sets it; not in DOMAIN §8).
    estimated_dates: list[str] = Field(default_factory=list, max_length=20)
    receipt_confirmed_on: ContractDate | None = None
    shipping_method: ShippingMethod = ShippingMethod.unknown
    delivery_status: DeliveryStatus | None = None
    days_since_tracking_update: int | None = Field(default=None, ge=0)
    customs_issue: CustomsIssue | None = None
    address_error_by: AddressErrorBy = AddressErrorBy.seller
    not_collected: bool | None = None
    problem: Problem | None = None
    usable: bool | None = None
    quantity_ordered: int | None = Field(default=None, ge=1)
    quantity_received: int | None = Field(default=None, ge=0)
    # Of the pieces that came, how many do not work: a short shipment with broken pieces too
    # asked only for the missing ones (walk of 2026-12-03: 3 of 5 bulbs came, one dead, and the
    # refund was 2/5). The bot's questionnaire sets it; not in DOMAIN §8.
    quantity_faulty: int | None = Field(default=None, ge=0)
    prefer_return: bool | None = None
    return_cost: float | None = Field(default=None, ge=0, le=MAX_AMOUNT)
    seller: Seller = Field(default_factory=Seller)
    # Left out of the input: none (DOMAIN §8, rule 15 calls it missing). null: the questionnaire
    # never asked, so unknown; rule 15 then only says to have the checklist ready.
    evidence: list[Evidence] | None = Field(default_factory=list)
    dispute: Dispute = Field(default_factory=Dispute)

    @field_validator("currency", mode="before")
    @classmethod
    def _currency_default(cls, value: object) -> object:
        """A null currency means the default one."""
        return "USD" if value is None else value

    @field_validator("protection_ends_at")
    @classmethod
    def _local_time(cls, value: dt.time | None) -> dt.time | None:
        """A clock time of the user's zone, without an offset of its own (review L: one with
        an offset was silently read in the user's zone)."""
        if value is not None and value.tzinfo is not None:
            raise ValueError("must be a local time without a UTC offset, such as 08:12")
        return value

    @field_validator("evidence")
    @classmethod
    def _input_evidence_only(cls, value: list[Evidence] | None) -> list[Evidence] | None:
        """Only evidence a buyer can have in hand is accepted as input."""
        if value is None:
            return None
        bad = [e.value for e in value if e not in INPUT_EVIDENCE]
        if bad:
            raise ValueError(f"not an input evidence code: {', '.join(bad)}")
        return list(dict.fromkeys(value))

    @model_validator(mode="after")
    def _required_by_branch(self) -> Situation:
        """`delivery_status` is required when not received, `problem` when received."""
        if not self.received and self.delivery_status is None:
            raise ValueError("delivery_status is required when received is false")
        if self.received and self.problem is None:
            raise ValueError("problem is required when received is true")
        if (
            self.quantity_ordered is not None
            and self.quantity_received is not None
            and self.quantity_received > self.quantity_ordered
        ):
            raise ValueError("quantity_received cannot exceed quantity_ordered")
        if self.quantity_faulty and self.quantity_faulty > (self.quantity_received or 0):
            raise ValueError("quantity_faulty cannot exceed quantity_received")
        return self

    def pieces_working(self) -> int | None:
        """The pieces that came and work (those received less the faulty ones), or None when
        the count received is unknown."""
        if self.quantity_received is None:
            return None
        return self.quantity_received - (self.quantity_faulty or 0)  # at most those received


class Deadline(_Strict):
    """One dated deadline of the advice."""

    kind: DeadlineKind
    date: dt.date


class Advice(_Strict):
    """What to do now (the advisor's output)."""

    action: Action
    reason: Reason | None = None
    solution: Solution | None = None
    refund: Refund | None = None
    amount: float | None = None
    currency: str | None = None
    risk: Risk = Risk.low
    evidence: list[Evidence] = Field(default_factory=list)
    warnings: list[WarningCode] = Field(default_factory=list)
    deadlines: list[Deadline] = Field(default_factory=list)
    why: list[str] = Field(default_factory=list)
    texts: dict[str, dict[str, str]] | None = None
