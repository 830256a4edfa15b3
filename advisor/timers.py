"""The domain timers of DOMAIN.md section 2: defaults here, overridable by settings."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class TimerFields(BaseModel):
    """The timer fields with defaults and bounds, shared by `Timers` and the bot's settings."""

    # Days after shipping before a not-received dispute can be opened (002: 10, 000: 11, 003: 5).
    earliest_open_days: int = Field(default=10, ge=0, le=365)
    # Tracking may stay empty this long after shipping (003).
    no_tracking_grace_days: int = Field(default=10, ge=0, le=365)
    # A dispute can still be opened this long after receipt/protection end (000, 002, 003).
    after_close_window_days: int = Field(default=15, ge=0, le=365)
    # Protection ends within this many days and the parcel still moves: ask to extend (003).
    extension_ask_days: int = Field(default=7, ge=0, le=365)
    # Protection ends within this many days: open the dispute now (001, 003, 004).
    open_now_days: int = Field(default=2, ge=0, le=365)
    # Tracking not updated this long counts as stuck (003).
    stuck_days: int = Field(default=14, ge=0, le=365)
    # Seller silent this long after opening: closes in the buyer's favour (001, 002, 003).
    seller_response_days: int = Field(default=5, ge=0, le=365)
    # No agreement this long after opening: AliExpress steps in (002).
    escalation_days: int = Field(default=7, ge=0, le=365)
    # Time to send evidence AliExpress asked for (002).
    evidence_days: int = Field(default=3, ge=0, le=365)
    # After the seller gives a return address: ship and enter tracking (003).
    return_ship_days: int = Field(default=10, ge=0, le=365)
    # After the return parcel ships: refund even without the seller's confirmation (003).
    return_auto_refund_days: int = Field(default=30, ge=0, le=365)
    # A won refund reaches the card/wallet within this (002, 003).
    refund_arrival_days: int = Field(default=15, ge=0, le=365)
    # Suggested partial refund for a usable item with a flaw, share of the price (000, 002).
    partial_share: float = Field(default=0.30, gt=0, le=1, allow_inf_nan=False)
    # Return shipping at least this share of the price makes return_and_refund a bad deal.
    return_cost_ratio: float = Field(default=0.50, gt=0, le=1, allow_inf_nan=False)


class Timers(TimerFields):
    """Day counts and ratios the decision rules use; sources disagree, so each is a setting."""

    model_config = ConfigDict(frozen=True, extra="forbid")


DEFAULT_TIMERS = Timers()
