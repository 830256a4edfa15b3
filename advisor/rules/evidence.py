"""Which reason a delivery status disputes with, and the evidence each reason needs (section 5)."""

from __future__ import annotations

from advisor.models import DeliveryStatus, Evidence, Reason

# DOMAIN.md section 8: "the reason code for a not-received dispute is the status's own".
STATUS_REASON: dict[DeliveryStatus, Reason] = {
    DeliveryStatus.in_transit: Reason.in_transit_protection_expiring,
    DeliveryStatus.not_updating: Reason.in_transit_protection_expiring,
    DeliveryStatus.no_tracking: Reason.no_tracking_info,
    DeliveryStatus.at_customs: Reason.customs_holding,
    DeliveryStatus.returned_to_seller: Reason.returned_to_seller,
    DeliveryStatus.wrong_address: Reason.wrong_address,
    DeliveryStatus.delivered_not_received: Reason.delivered_not_received,
    DeliveryStatus.tracking_other_address: Reason.invalid_tracking,
}

NOT_RECEIVED_REASONS: frozenset[Reason] = frozenset(STATUS_REASON.values())

_NOT_RECEIVED = [Evidence.tracking_screenshot, Evidence.chat_screenshot]
_RECEIVED = [Evidence.unboxing_video, Evidence.photos]

# Section 5 (000, 002, 003, 004): tracking and chat screenshots for a parcel that never came,
# the unboxing video and photos for one that came wrong, plus what each reason needs on top.
REASON_EVIDENCE: dict[Reason, list[Evidence]] = {
    Reason.in_transit_protection_expiring: _NOT_RECEIVED,
    Reason.no_tracking_info: _NOT_RECEIVED,
    Reason.returned_to_seller: _NOT_RECEIVED,
    Reason.customs_holding: [*_NOT_RECEIVED, Evidence.customs_document],
    Reason.wrong_address: [*_NOT_RECEIVED, Evidence.order_page_screenshot],
    Reason.delivered_not_received: [*_NOT_RECEIVED, Evidence.post_office_statement],
    Reason.invalid_tracking: [*_NOT_RECEIVED, Evidence.order_page_screenshot],
    Reason.not_as_described: [*_RECEIVED, Evidence.size_label_photo, Evidence.ruler_photo],
    Reason.quality: [*_RECEIVED, Evidence.defect_video],
    Reason.damaged: _RECEIVED,
    Reason.not_working: [*_RECEIVED, Evidence.defect_video],
    Reason.wrong_item: [*_RECEIVED, Evidence.order_page_screenshot],
    # The listing shows what should be in the box, or the brand it claimed (walk AN).
    Reason.missing_parts: [*_RECEIVED, Evidence.order_page_screenshot],
    Reason.short_quantity: [*_RECEIVED, Evidence.order_page_screenshot],
    Reason.empty_package: _RECEIVED,
    Reason.counterfeit: [*_RECEIVED, Evidence.order_page_screenshot],
    Reason.expired: _RECEIVED,
}

# Rule 15: photos or a video for received items; tracking or chat screenshots otherwise.
_PROOF_RECEIVED = frozenset({Evidence.unboxing_video, Evidence.photos, Evidence.defect_video})
_PROOF_NOT_RECEIVED = frozenset({Evidence.tracking_screenshot, Evidence.chat_screenshot})


def evidence_for(reason: Reason) -> list[Evidence]:
    """The evidence to collect and attach for a dispute with this reason."""
    return list(REASON_EVIDENCE[reason])


def has_needed_evidence(reason: Reason, have: list[Evidence]) -> bool:
    """Whether the buyer holds the kind of evidence rule 15 asks for this reason."""
    proof = _PROOF_NOT_RECEIVED if reason in NOT_RECEIVED_REASONS else _PROOF_RECEIVED
    return not proof.isdisjoint(have)
