"""The advice card renderer: relative days with plurals, escaping, the length limit."""

from __future__ import annotations

import datetime as dt
import html

import pytest

from advisor import labels
from advisor.decide import decide
from advisor.models import (
    Action,
    Advice,
    Deadline,
    DeadlineKind,
    DeliveryStatus,
    Dispute,
    Evidence,
    Refund,
    Situation,
    Stage,
    WarningCode,
)
from advisor.policy import advise_buyer
from advisor.timers import Timers
from handlers.advice_card import (
    ENDING_SOON,
    MAX_CARD,
    PASSED_MEANING,
    REFUND_OVERDUE,
    relative_day,
    render_advice,
)
from handlers.advice_wording import (
    ACCEPT_ON_CLAIM,
    ACCEPT_UNCHECKED,
    ANSWER_TIME_PASSED_WHY,
    CANCEL_CONFIRMED,
    CANCEL_TOO_LATE,
    CANCEL_UNTIL,
    FULL_WHY_BY_PROBLEM,
    HINTS_BY_WHY,
    HINTS_WITHOUT_DEADLINES,
    LATE_TRACKING,
    NOT_RECEIVED_EVIDENCE,
    NOT_RECEIVED_EVIDENCE_OPEN,
    NOT_WORTH_IT,
    PARTIAL_WHY_BY_PROBLEM,
    PAY_THE_DUTY,
    PROTECTION_ENDED,
    UNUSABLE_WHY,
    WAIT_FOR_DELIVERED,
)
from handlers.conversation.card_screen import advice_keyboard
from handlers.evidence_tips import SHOW_IT_FAILING, UNBOXING_MISSING
from handlers.zone_names import zone_city
from locales import get_translator

DAY = dt.date(2026, 3, 10)


def parcel(status: DeliveryStatus, *, shipped_ago: int, ends_in: int, **extra: object) -> Situation:
    """A parcel that never came: its status, shipped `shipped_ago` days before DAY, Buyer
    Protection ending `ends_in` days after it."""
    return Situation.model_validate(
        {
            "today": DAY,
            "received": False,
            "delivery_status": status,
            "shipped_on": DAY - dt.timedelta(days=shipped_ago),
            "protection_ends_on": DAY + dt.timedelta(days=ends_in),
            **extra,
        }
    )


@pytest.mark.parametrize(
    ("days", "ru", "en"),
    [
        (0, "сегодня", "today"),
        (1, "завтра", "tomorrow"),
        (2, "через 2 дня", "in 2 days"),
        (5, "через 5 дней", "in 5 days"),
        (21, "через 21 день", "in 21 days"),
        (-1, "вчера, срок прошёл", "yesterday, already passed"),
        (-3, "3 дня назад, срок прошёл", "3 days ago, already passed"),
        (-11, "11 дней назад, срок прошёл", "11 days ago, already passed"),
    ],
)
def test_relative_days_use_each_languages_plurals(days: int, ru: str, en: str) -> None:
    day = DAY + dt.timedelta(days=days)
    assert relative_day(get_translator("ru"), day, DAY) == ru
    assert relative_day(get_translator("en"), day, DAY) == en


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_card_shows_deadlines_in_date_order_with_the_zone(lang: str) -> None:
    tr = get_translator(lang)
    situation = Situation(
        today=DAY,
        received=False,
        delivery_status=DeliveryStatus.in_transit,
        protection_ends_on=DAY + dt.timedelta(days=20),
        price=19.99,
        currency="EUR",
    )
    advice = decide(situation)
    card = render_advice(situation, advice, today=DAY, zone="Asia/Almaty", tr=tr)
    assert zone_city("Asia/Almaty", lang) in card and "Asia/Almaty" not in card
    # The window after the protection is not shown while the protection runs (walk F).
    shown = [d for d in advice.deadlines if d.kind is not DeadlineKind.dispute_window_closes]
    positions = [card.index(tr.format_date(d.date)) for d in sorted(shown, key=lambda d: d.date)]
    assert positions == sorted(positions) and len(positions) >= 2
    assert "%(" not in card


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_window_after_protection_shows_only_once_protection_has_ended(lang: str) -> None:
    tr = get_translator(lang)
    window = tr.gettext("Last possible day to open a dispute")
    ends = DAY + dt.timedelta(days=2)
    running = Situation(
        today=DAY,
        received=False,
        delivery_status=DeliveryStatus.in_transit,
        price=10,
        protection_ends_on=ends,
    )
    advice = decide(running)
    assert DeadlineKind.dispute_window_closes in {d.kind for d in advice.deadlines}
    card = render_advice(running, advice, today=DAY, tr=tr)
    assert window not in card
    assert tr.format_date(ends) in card
    ended = running.model_copy(update={"today": ends + dt.timedelta(days=1)})
    card = render_advice(ended, decide(ended), today=ended.today, tr=tr)
    assert window in card


def test_card_stays_within_its_limit_and_keeps_html_whole() -> None:
    tr = get_translator("ru")
    situation = Situation(today=DAY, received=True, problem="damaged", price=10)
    advice = Advice(
        action="open_dispute",
        reason="damaged",
        solution="refund_only",
        refund="partial",
        amount=3,
        currency="USD",
        evidence=list(Evidence) * 5,
        warnings=list(WarningCode) * 3,
        deadlines=[
            Deadline(kind="protection_ends", date=DAY + dt.timedelta(days=n)) for n in range(40)
        ],
        why=["rule_14_partial"] * 10,
    )
    card = render_advice(situation, advice, today=DAY, tr=tr)
    assert len(card) <= MAX_CARD
    assert card.count("<b>") == card.count("</b>")
    assert card.count("<i>") == card.count("</i>")


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_risk_is_shown_only_for_a_dispute(lang: str) -> None:
    tr = get_translator(lang)
    risk = tr.gettext("Risk:")
    too_late = Situation(
        today=DAY, received=True, problem="damaged", receipt_confirmed_on=DAY - dt.timedelta(40)
    )
    late_advice = decide(too_late)
    assert late_advice.action == "too_late"
    assert risk not in render_advice(too_late, late_advice, today=DAY, tr=tr)
    hopeless = Situation(today=DAY, received=True, problem="changed_mind", price=10)
    hopeless_advice = decide(hopeless)  # rule 11: do not dispute, risk high
    assert hopeless_advice.action == "do_not_dispute" and hopeless_advice.risk == "high"
    assert risk in render_advice(hopeless, hopeless_advice, today=DAY, tr=tr)
    damaged = Situation(today=DAY, received=True, problem="damaged", usable=False, price=10)
    dispute_advice = decide(damaged)
    assert dispute_advice.action == "open_dispute"
    card = render_advice(damaged, dispute_advice, today=DAY, tr=tr)
    assert f"{risk}</b> {labels.risk_level(tr, dispute_advice.risk)}" in card
    assert labels.risk_text(tr, dispute_advice.risk) not in card  # not "Risk: Low risk"


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize(
    "situation",
    [
        parcel(DeliveryStatus.in_transit, shipped_ago=20, ends_in=40),
        Situation(today=DAY, received=True, problem="damaged", usable=False, price=10),
    ],
    ids=["wait", "dispute"],
)
def test_card_blocks_are_parted_by_one_blank_line(situation: Situation, lang: str) -> None:
    card = render_advice(situation, decide(situation), today=DAY, tr=get_translator(lang))
    assert "\n\n\n" not in card and "\n\n" in card


def test_partial_amount_shows_the_price_paid() -> None:
    tr = get_translator("en")
    situation = Situation(today=DAY, received=True, problem="quality", usable=True, price=50)
    card = render_advice(situation, decide(situation), today=DAY, tr=tr)
    assert "$15.00 (you paid $50.00)" in card


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_hint_promises_dates_below_only_when_there_are_deadlines(lang: str) -> None:
    tr = get_translator(lang)
    asks_to_close = Situation(
        today=DAY,
        received=False,
        delivery_status=DeliveryStatus.in_transit,
        dispute={"stage": "seller_asks_to_close"},
    )
    advice = decide(asks_to_close)
    assert advice.action == "keep_dispute_open" and not advice.deadlines
    card = render_advice(asks_to_close, advice, today=DAY, tr=tr)
    assert labels.action_hint(tr, advice.action) not in card
    assert tr.gettext(HINTS_WITHOUT_DEADLINES[advice.action]) in card
    dated = advice.model_copy(
        update={"deadlines": [Deadline(kind="escalation", date=DAY + dt.timedelta(days=5))]}
    )
    assert labels.action_hint(tr, advice.action) in render_advice(
        asks_to_close, dated, today=DAY, tr=tr
    )


def test_every_hint_without_deadlines_says_nothing_of_dates_below() -> None:
    for action, hint in HINTS_WITHOUT_DEADLINES.items():
        assert "below" in labels.ACTION_HINTS[action]
        assert "below" not in hint


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_headings_fit_a_dispute_already_under_way(lang: str) -> None:
    tr = get_translator(lang)
    offer = Situation(
        today=DAY,
        received=True,
        problem="not_working",
        price=40,
        currency="USD",
        dispute={
            "stage": "seller_offer",
            "since": DAY,
            "offer_solution": "refund_only",
            "offer_amount": 40,
            "requested_solution": "refund_only",
            "requested_amount": 40,
        },
    )
    advice = decide(offer)
    assert advice.action == "accept_offer" and advice.reason is not None
    assert advice.amount is not None
    card = render_advice(offer, advice, today=DAY, tr=tr)
    assert tr.gettext("Dispute reason:") in card and tr.gettext("Amount:") in card
    assert tr.gettext("Reason to choose:") not in card
    assert tr.gettext("Amount to ask for:") not in card
    before = offer.model_copy(update={"dispute": Dispute()})
    fresh = render_advice(before, decide(before), today=DAY, tr=tr)
    assert tr.gettext("Reason to choose:") in fresh and tr.gettext("Amount to ask for:") in fresh


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_accepting_on_the_advices_own_claim_does_not_say_it_is_what_was_asked(lang: str) -> None:
    tr = get_translator(lang)
    dispute = {"stage": "seller_offer", "since": DAY, "offer_amount": 15}
    offer = Situation(
        today=DAY, received=True, problem="damaged", usable=True, price=40, dispute=dispute
    )
    advice = decide(offer)
    assert (advice.action, advice.why[0]) == ("accept_offer", "stage_offer_meets_claim")
    card = render_advice(offer, advice, today=DAY, tr=tr)
    assert labels.action_hint(tr, advice.action) not in card
    assert tr.gettext(ACCEPT_ON_CLAIM) in card
    asked = Dispute(**dispute, requested_amount=12, requested_solution="refund_only")
    told = offer.model_copy(update={"dispute": asked})
    told_advice = decide(told)
    assert told_advice.why[0] == "stage_offer_accept"
    assert labels.action_hint(tr, told_advice.action) in render_advice(
        told, told_advice, today=DAY, tr=tr
    )


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_shipped_return_waits_for_the_seller_not_for_money_on_its_way(lang: str) -> None:
    tr = get_translator(lang)
    shipped = Situation(
        today=DAY,
        received=True,
        problem="damaged",
        price=40,
        dispute={"stage": "return_shipped", "since": DAY},
    )
    advice = decide(shipped)
    assert advice.action == "wait_refund" and advice.deadlines
    card = render_advice(shipped, advice, today=DAY, tr=tr)
    assert labels.action_hint(tr, advice.action) not in card  # "the refund is on its way"
    assert tr.gettext(HINTS_BY_WHY[(Action.wait_refund, "stage_return_shipped")][0]) in card
    won = shipped.model_copy(update={"dispute": Dispute(stage="won", since=DAY)})
    assert labels.action_hint(tr, Action.wait_refund) in render_advice(
        won, decide(won), today=DAY, tr=tr
    )


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_passed_last_safe_day_is_not_listed_under_open_now(lang: str) -> None:
    tr = get_translator(lang)
    ending = parcel(DeliveryStatus.in_transit, shipped_ago=50, ends_in=1)
    advice = decide(ending)
    assert advice.action == "open_dispute"
    kinds = {deadline.kind: deadline.date for deadline in advice.deadlines}
    assert kinds["open_dispute_by"] < DAY  # yesterday: the advisor still names it
    card = render_advice(ending, advice, today=DAY, tr=tr)
    assert labels.deadline_text(tr, "open_dispute_by") not in card
    assert tr.format_date(kinds["protection_ends"]) in card
    assert tr.gettext("yesterday, already passed") not in card
    # Ahead of today, it is listed.
    early = ending.model_copy(update={"protection_ends_on": DAY + dt.timedelta(days=20)})
    assert labels.deadline_text(tr, "open_dispute_by") in render_advice(
        early, decide(early), today=DAY, tr=tr
    )


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_save_button_promises_reminders_only_when_there_are_deadlines(lang: str) -> None:
    tr = get_translator(lang)
    wrong_size = Situation(today=DAY, received=True, problem="wrong_size_buyer")
    hopeless = decide(wrong_size)
    assert hopeless.action == "do_not_dispute" and not hopeless.deadlines

    def save_label(advice: Advice) -> str:
        rows = advice_keyboard(tr, advice).inline_keyboard
        return next(b.text for row in rows for b in row if b.callback_data == "a:save")

    assert save_label(hopeless) == tr.gettext("💾 Save")
    dated = hopeless.model_copy(
        update={"deadlines": [Deadline(kind="protection_ends", date=DAY + dt.timedelta(days=5))]}
    )
    assert save_label(dated) == tr.gettext("🔔 Save & remind me")
    # Only dates already past (too late for a dispute): nothing to remind of either.
    rows = advice_keyboard(tr, dated, DAY + dt.timedelta(days=6)).inline_keyboard
    past_only = next(b.text for row in rows for b in row if b.callback_data == "a:save")
    assert past_only == tr.gettext("💾 Save")


@pytest.mark.parametrize(
    ("situation", "en", "ru"),
    [
        (
            Situation(today=DAY, received=True, problem="damaged", usable=True),
            "40% of the price you paid",
            "40\xa0% от суммы, которую вы заплатили",
        ),
        (
            Situation(
                today=DAY,
                received=True,
                problem="short_quantity",
                quantity_ordered=4,
                quantity_received=1,
            ),
            "3/4 of the price you paid",
            "3/4 от суммы, которую вы заплатили",
        ),
        (
            Situation(today=DAY, received=True, problem="not_working"),
            "the full price you paid",
            "вся сумма, которую вы заплатили",
        ),
    ],
)
def test_without_a_price_the_card_says_what_share_of_it_to_ask(
    situation: Situation, en: str, ru: str
) -> None:
    timers = Timers(partial_share=0.4)  # the bot's setting, not the default 30 %
    advice = decide(situation, timers)
    assert advice.amount is None
    for lang, expected in (("en", en), ("ru", ru)):
        tr = get_translator(lang)
        card = render_advice(situation, advice, today=DAY, tr=tr, timers=timers)
        assert f"{tr.gettext('Amount to ask for:')}</b> {expected}" in card
    priced = situation.model_copy(update={"price": 50})
    card = render_advice(priced, decide(priced, timers), today=DAY, timers=timers)
    assert "of the price you paid" not in card


@pytest.mark.parametrize(
    ("dispute", "action"),
    [
        ({"stage": "return_shipped", "since": DAY}, "wait_refund"),
        ({"stage": "seller_offer", "since": DAY, "offer_amount": 40}, "accept_offer"),
    ],
)
def test_a_settled_dispute_does_not_explain_itself_by_the_evidence(
    dispute: dict[str, object], action: str
) -> None:
    tr = get_translator("en")
    settled = Situation(today=DAY, received=True, problem="damaged", price=40, dispute=dispute)
    advice = decide(settled)
    assert advice.action == action and any(w.startswith("rule_15") for w in advice.why)
    card = render_advice(settled, advice, today=DAY, tr=tr)
    for code in advice.why:
        if code.startswith("rule_15"):
            assert labels.why_text(tr, code) not in card
    # Nothing left to lose: no risk line, no "without evidence the dispute is lost".
    assert tr.gettext("Risk:") not in card
    assert labels.warning_text(tr, WarningCode.evidence_missing) not in card
    opened = settled.model_copy(update={"dispute": Dispute(stage="open", opened_on=DAY)})
    open_advice = decide(opened)
    evidence_why = next(w for w in open_advice.why if w.startswith("rule_15"))
    assert labels.why_text(tr, evidence_why) in render_advice(opened, open_advice, today=DAY, tr=tr)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_confirmed_receipt_is_not_warned_against_after_the_fact(lang: str) -> None:
    tr = get_translator(lang)
    confirmed = Situation(
        today=DAY,
        received=False,
        delivery_status=DeliveryStatus.not_updating,
        shipped_on=DAY - dt.timedelta(days=20),
        receipt_confirmed_on=DAY - dt.timedelta(days=1),
        days_since_tracking_update=25,
        seller={"contacted": True},
    )
    advice = advise_buyer(confirmed)
    # The confirmation ended the protection: open now, before the window after it closes.
    assert advice.action == "open_dispute"
    assert advice.why[0] == "receipt_confirmed_not_received"
    assert WarningCode.dont_confirm_receipt in advice.warnings  # the contract's standing one
    card = render_advice(confirmed, advice, today=DAY, tr=tr)
    assert labels.warning_text(tr, WarningCode.dont_confirm_receipt) not in card
    assert labels.why_text(tr, "receipt_confirmed_not_received") in card
    unconfirmed = confirmed.model_copy(update={"receipt_confirmed_on": None})
    card = render_advice(unconfirmed, decide(unconfirmed), today=DAY, tr=tr)
    assert labels.warning_text(tr, WarningCode.dont_confirm_receipt) in card


def test_an_offer_whose_amount_nothing_can_check_is_not_said_to_meet_anything() -> None:
    tr = get_translator("en")
    unpriced = Situation(
        today=DAY,
        received=True,
        problem="damaged",
        usable=True,
        dispute={"stage": "seller_offer", "since": DAY, "offer_amount": 5},
    )
    advice = decide(unpriced)
    assert (advice.action, advice.why[0]) == ("accept_offer", "stage_offer_amount_unchecked")
    card = render_advice(unpriced, advice, today=DAY, tr=tr)
    assert tr.gettext(ACCEPT_UNCHECKED) in card and tr.gettext(ACCEPT_ON_CLAIM) not in card
    # Not "Accept the seller's offer" as a verdict: nothing checked the amount (walk J).
    assert "Check the offer&#x27;s amount before you accept it" in card
    assert labels.action_title(tr, Action.accept_offer) not in card
    # $5 of an unknown price: neither full nor partial, in the JSON or on the card.
    assert advice.refund is None
    assert all(labels.refund_text(tr, kind).lower() not in card for kind in Refund)
    unknown_offer = unpriced.model_copy(
        update={"dispute": Dispute(stage="seller_offer", since=DAY, offer_solution="refund_only")}
    )
    offer_advice = decide(unknown_offer)
    assert offer_advice.action == "accept_offer" and offer_advice.amount is None
    card = render_advice(unknown_offer, offer_advice, today=DAY, tr=tr)
    assert "of the price you paid" not in card  # not the advice's share as if it were offered


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_evidence_the_buyer_has_is_listed_apart_from_the_rest(lang: str) -> None:
    tr = get_translator(lang)
    has_some = Situation(
        today=DAY,
        received=True,
        problem="not_working",
        price=40,
        evidence=[Evidence.photos, Evidence.defect_video],
    )
    advice = decide(has_some)
    assert Evidence.unboxing_video in advice.evidence
    card = render_advice(has_some, advice, today=DAY, tr=tr)
    have, rest = tr.gettext("Evidence you have:"), tr.gettext("Also useful, if you have it:")
    assert have in card and rest in card
    before_rest = card.split(rest)[0]
    assert labels.evidence_text(tr, Evidence.photos) in before_rest.split(have)[1]
    assert labels.evidence_text(tr, Evidence.unboxing_video) in card.split(rest)[1]
    assert tr.gettext("Evidence to prepare:") not in card
    none = has_some.model_copy(update={"evidence": []})
    card = render_advice(none, decide(none), today=DAY, tr=tr)
    assert tr.gettext("Evidence to prepare:") in card and have not in card
    # What the advice does not name is still the buyer's, and the texts say it is attached.
    with_chat = has_some.model_copy(
        update={"evidence": [Evidence.photos, Evidence.chat_screenshot]}
    )
    advice = decide(with_chat)
    assert Evidence.chat_screenshot not in advice.evidence
    card = render_advice(with_chat, advice, today=DAY, tr=tr)
    held = card.split(have)[1].split(rest)[0]
    assert labels.evidence_text(tr, Evidence.chat_screenshot) in held


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_missing_evidence_for_a_parcel_that_never_came_is_not_said_to_lose_it(lang: str) -> None:
    tr = get_translator(lang)
    lost = parcel(DeliveryStatus.no_tracking, shipped_ago=30, ends_in=1, evidence=[])
    advice = decide(lost)
    assert WarningCode.evidence_missing in advice.warnings
    card = render_advice(lost, advice, today=DAY, tr=tr)
    assert labels.warning_text(tr, WarningCode.evidence_missing) not in card
    assert tr.gettext(NOT_RECEIVED_EVIDENCE) in card
    # Once the dispute is open, "before you open the dispute" is past: add them to it.
    opened = lost.model_copy(update={"dispute": Dispute(stage="open", opened_on=DAY)})
    open_advice = decide(opened)
    assert WarningCode.evidence_missing in open_advice.warnings
    card = render_advice(opened, open_advice, today=DAY, tr=tr)
    assert tr.gettext(NOT_RECEIVED_EVIDENCE_OPEN) in card
    assert tr.gettext(NOT_RECEIVED_EVIDENCE) not in card


@pytest.mark.parametrize("problem", ["changed_mind", "wrong_size_buyer", "misread_description"])
def test_a_dispute_not_worth_it_still_says_what_can_be_done(problem: str) -> None:
    tr = get_translator("ru")
    mine = Situation(today=DAY, received=True, problem=problem, price=10)
    advice = decide(mine)
    assert (advice.action, advice.why[0]) == ("do_not_dispute", "rule_11_not_worth_dispute")
    card = render_advice(mine, advice, today=DAY, tr=tr)
    assert tr.gettext(NOT_WORTH_IT) in card


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("ends_in", [30, -5])
def test_a_legitimate_duty_says_to_pay_it_to_get_the_parcel(lang: str, ends_in: int) -> None:
    """Walk AW: "a dispute is not worth it" and nothing more, at customs; review AZ: after
    protection's end too, where rule 2's reason comes first."""
    tr = get_translator(lang)
    duty = parcel(
        DeliveryStatus.at_customs, shipped_ago=40, ends_in=ends_in, customs_issue="duty_required"
    )
    advice = decide(duty)
    assert (advice.action, advice.why[-1]) == ("do_not_dispute", "rule_7_duty_required")
    card = html.unescape(render_advice(duty, advice, today=DAY, tr=tr))
    assert tr.gettext(PAY_THE_DUTY) in card


@pytest.mark.parametrize(
    ("cost", "shown_en", "shown_ru"),
    [
        (35.0, "$35.00, at your cost ($154.00 of the refund left after it)", "154,00"),
        (0.0, "free of charge", "бесплатно"),
        (None, "at your cost", "за ваш счёт"),
    ],
)
def test_a_return_says_who_pays_its_shipping_and_what_is_left(
    cost: float | None, shown_en: str, shown_ru: str
) -> None:
    # DOMAIN 1: return_and_refund sends the item back at the buyer's cost.
    drone = Situation(
        today=DAY,
        received=True,
        problem="not_as_described",
        usable=True,
        prefer_return=True,
        return_cost=cost,
        price=189,
        evidence=[Evidence.photos],
    )
    advice = decide(drone)
    assert advice.solution == "return_and_refund" and advice.amount == 189
    english = render_advice(drone, advice, today=DAY, tr=get_translator("en"))
    assert f"<b>Return shipping:</b> {html.escape(shown_en)}" in english
    russian = render_advice(drone, advice, today=DAY, tr=get_translator("ru"))
    assert "<b>Обратная доставка:</b>" in russian and shown_ru in russian
    keep = drone.model_copy(update={"prefer_return": False})
    assert "Return shipping" not in render_advice(
        keep, decide(keep), today=DAY, tr=get_translator("en")
    )
    # Walk I: a dispute won is a refund to wait for, not a return still to make; nor is one
    # lost (walk of 2026-12-03) a return to make.
    for stage, lang, heading in (("won", "en", "Return shipping"), ("lost", "ru", "Обратная")):
        asked = Dispute(stage=stage, since=DAY, requested_solution="return_and_refund")
        settled = drone.model_copy(update={"dispute": asked})
        settled_advice = decide(settled)
        assert settled_advice.solution == "return_and_refund"
        card = render_advice(settled, settled_advice, today=DAY, tr=get_translator(lang))
        assert heading not in card, stage


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_passed_dispute_deadlines_say_what_they_mean(lang: str) -> None:
    tr = get_translator(lang)
    broken = Situation(today=DAY, received=True, problem="not_working", price=40)
    long_open = broken.model_copy(
        update={"dispute": Dispute(stage="open", opened_on=DAY - dt.timedelta(days=10))}
    )
    card = render_advice(long_open, decide(long_open), today=DAY, tr=tr)
    for kind in (DeadlineKind.seller_response_due, DeadlineKind.escalation):
        assert html.escape(tr.gettext(PASSED_MEANING[kind])) in card
    just_open = broken.model_copy(update={"dispute": Dispute(stage="open", opened_on=DAY)})
    card = render_advice(just_open, decide(just_open), today=DAY, tr=tr)
    assert not any(html.escape(tr.gettext(text)) in card for text in PASSED_MEANING.values())


@pytest.mark.parametrize(
    ("stage", "kind", "days"),
    [
        ("return_agreed", DeadlineKind.return_ship_by, 12),
        ("evidence_requested", DeadlineKind.evidence_due, 5),
        ("return_shipped", DeadlineKind.return_auto_refund, 31),
        ("won", DeadlineKind.refund_expected_by, 16),
    ],
)
def test_a_passed_stage_deadline_says_what_to_do_now(
    stage: str, kind: DeadlineKind, days: int
) -> None:
    """Walk L: a return agreed 12 days ago showed "already passed" and nothing else."""
    tr = get_translator("en")
    broken = Situation(today=DAY, received=True, problem="not_working", price=40)
    since = DAY - dt.timedelta(days=days)
    late = broken.model_copy(update={"dispute": Dispute(stage=stage, since=since, opened_on=since)})
    card = render_advice(late, decide(late), today=DAY, tr=tr)
    assert html.escape(tr.gettext(PASSED_MEANING[kind])) in card
    on_time = late.model_copy(update={"dispute": Dispute(stage=stage, since=DAY, opened_on=DAY)})
    card = render_advice(on_time, decide(on_time), today=DAY, tr=tr)
    assert html.escape(tr.gettext(PASSED_MEANING[kind])) not in card


def test_the_buyers_own_address_error_is_told_to_redirect_the_parcel() -> None:
    """Walk P: rule 8's card gave rule 9's hint (a written statement, tell the seller)."""
    tr = get_translator("en")
    own = Situation(
        today=DAY,
        received=False,
        delivery_status="wrong_address",
        address_error_by="buyer",
        protection_ends_on=DAY + dt.timedelta(days=30),
    )
    card = render_advice(own, decide(own), today=DAY, tr=tr)
    assert (
        html.escape(tr.gettext(HINTS_BY_WHY[(Action.contact_carrier, "rule_8_buyer_error")][0]))
        in card
    )
    assert "written statement" not in card


def test_nothing_of_the_order_arrived_is_not_explained_as_an_unusable_item() -> None:
    tr = get_translator("en")
    nothing = Situation(
        today=DAY,
        received=True,
        problem="short_quantity",
        quantity_ordered=10,
        quantity_received=0,
        price=30,
        currency="EUR",
        evidence=["photos"],
    )
    card = render_advice(nothing, decide(nothing), today=DAY, tr=tr)
    assert "None of the ordered pieces arrived" in card
    assert html.escape(labels.why_text(tr, "rule_12_full_refund")) not in card


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_return_to_ship_lists_the_proof_of_sending_it(lang: str) -> None:
    """Walk L: the return card listed unboxing videos and defect photos, not the parcel photo
    and receipt DOMAIN 4 names for return_agreed."""
    from handlers.advice_card import RETURN_PROOF

    tr = get_translator(lang)
    agreed = Situation(
        today=DAY,
        received=True,
        problem="not_working",
        price=40,
        evidence=["photos"],
        dispute=Dispute(stage="return_agreed", since=DAY),
    )
    card = render_advice(agreed, decide(agreed), today=DAY, tr=tr)
    for item in RETURN_PROOF:
        assert html.escape(tr.gettext(item)) in card
    assert html.escape(labels.evidence_text(tr, "unboxing_video")) not in card
    # Walk BJ: "you already have the evidence" right under the proof still to get.
    for code in ("rule_15_evidence_ready", "rule_15_evidence_missing"):
        assert html.escape(labels.why_text(tr, code)) not in card


@pytest.mark.parametrize("evidence", [None, []])
def test_a_low_risk_with_evidence_never_asked_says_it_needs_the_evidence(
    evidence: list[Evidence] | None,
) -> None:
    """Walks W, N: after "the seller did not extend" the card said "Risk: low" with the
    evidence question never asked; with evidence known missing, rule 15 makes it medium."""
    situation = parcel(
        DeliveryStatus.in_transit,
        shipped_ago=40,
        ends_in=5,
        seller={"contacted": True, "refused_extension": True},
        evidence=evidence,
    )
    advice = advise_buyer(situation)
    tr = get_translator("en")
    card = render_advice(situation, advice, today=DAY, tr=tr)
    if evidence is None:
        assert advice.risk.value == "low"
        assert "Risk:</b> Low, with the evidence listed below" in card, card
    else:
        assert advice.risk.value == "medium" and "Risk:</b> Medium" in card, card


def test_a_return_to_ship_is_no_evidence_the_risk_waits_for() -> None:
    """Walk BO: "Low, with the evidence listed below" stood above the return's own proof, of a
    parcel not sent yet."""
    situation = Situation.model_validate(
        {
            "today": DAY.isoformat(),
            "received": True,
            "problem": "not_working",
            "price": 20,
            "evidence": None,
            "dispute": {"stage": "return_agreed", "since": DAY.isoformat()},
        }
    )
    advice = advise_buyer(situation)
    assert advice.action == "ship_return" and advice.evidence
    card = render_advice(situation, advice, today=DAY, tr=get_translator("en"))
    risk_line = next(line for line in card.splitlines() if "Risk:" in line)
    assert "Low" in risk_line and "with the evidence listed below" not in risk_line


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_an_ended_protection_says_open_now_only_where_a_dispute_is_advised(lang: str) -> None:
    """Walk AF: the buyer's own address error after the end read "Contact the post office"
    and, under Important, "Buyer Protection has already ended: open the dispute at once"."""
    tr = get_translator(lang)
    open_now = html.escape(labels.warning_text(tr, WarningCode.protection_expired))
    ended = Situation(
        today=DAY,
        received=False,
        delivery_status=DeliveryStatus.wrong_address,
        address_error_by="buyer",
        price=10,
        protection_ends_on=DAY - dt.timedelta(days=3),
    )
    advice = decide(ended)
    assert advice.action is Action.contact_carrier
    assert WarningCode.protection_expired in advice.warnings
    card = render_advice(ended, advice, today=DAY, tr=tr)
    assert open_now not in card
    assert html.escape(tr.gettext(PROTECTION_ENDED)) in card
    sellers_error = ended.model_copy(update={"address_error_by": "seller"})
    card = render_advice(sellers_error, decide(sellers_error), today=DAY, tr=tr)
    assert open_now in card


def test_waiting_on_an_extension_of_unknown_end_warns_of_it() -> None:
    """Walk AF: "the seller extended it", its end not known: a wait with no date, and no word
    that nothing will remind the buyer before it runs out."""
    tr = get_translator("en")
    unknown = html.escape(labels.warning_text(tr, WarningCode.protection_date_unknown))
    extended = Situation(
        today=DAY,
        received=False,
        delivery_status=DeliveryStatus.in_transit,
        shipped_on=DAY - dt.timedelta(days=30),
        seller={"contacted": True, "responded": True, "extended": True},
    )
    advice = decide(extended)
    assert advice.action is Action.wait
    assert unknown in render_advice(extended, advice, today=DAY, tr=tr)
    known = extended.model_copy(update={"protection_ends_on": DAY + dt.timedelta(days=40)})
    assert unknown not in render_advice(known, decide(known), today=DAY, tr=tr)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_evidence_that_does_not_count_leaves_the_rest_to_prepare(lang: str) -> None:
    """Walk AS: chat screenshots for a short shipment, "evidence missing", and the photos it
    needs listed as merely "also useful"."""
    tr = get_translator(lang)
    short = Situation(
        today=DAY,
        received=True,
        problem="short_quantity",
        quantity_ordered=10,
        quantity_received=3,
        price=17.99,
        evidence=[Evidence.chat_screenshot],
    )
    advice = decide(short)
    assert "evidence_missing" in advice.warnings
    card = html.unescape(render_advice(short, advice, today=DAY, tr=tr))
    assert tr.gettext("Evidence to prepare:") in card
    assert tr.gettext("Also useful, if you have it:") not in card


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_card_says_how_to_get_pictures_and_videos_into_the_dispute(lang: str) -> None:
    """Walk AS: DOMAIN 5's limits and the file host for a video never reached the buyer."""
    tr = get_translator(lang)
    broken = Situation(today=DAY, received=True, problem="not_working", price=40)
    card = html.unescape(render_advice(broken, decide(broken), today=DAY, tr=tr))
    assert "500" in card and "MediaFire" in card and "YouTube" in card
    assert tr.gettext(SHOW_IT_FAILING) in card
    # Not where nothing is uploaded, nor for a parcel's screenshots alone.
    changed = Situation(today=DAY, received=True, problem="changed_mind", price=40)
    assert "MediaFire" not in render_advice(changed, decide(changed), today=DAY, tr=tr)
    lost = parcel(DeliveryStatus.no_tracking, shipped_ago=30, ends_in=1)
    assert "MediaFire" not in render_advice(lost, decide(lost), today=DAY, tr=tr)
    # Walk BY: a rejected offer keeps the dispute going; its evidence list keeps the tips.
    offer = {"stage": "seller_offer", "since": DAY.isoformat(), "offer_amount": 5}
    offered = broken.model_copy(update={"dispute": Dispute.model_validate(offer)})
    advice = decide(offered)
    assert advice.action == "reject_offer"
    assert "MediaFire" in html.unescape(render_advice(offered, advice, today=DAY, tr=tr))


@pytest.mark.parametrize("status", ["in_transit", "no_tracking", "at_customs"])
def test_protection_ended_is_said_once_in_why(status: str) -> None:
    """Walk AW: "protection has ended" came from rule 2 and again from the parcel's rule."""
    tr = get_translator("en")
    ended = parcel(DeliveryStatus(status), shipped_ago=70, ends_in=-3, customs_issue=None)
    advice = decide(ended)
    assert advice.why[0] == "rule_2_protection_expired"
    card = html.unescape(render_advice(ended, advice, today=DAY, tr=tr))
    why = card.split("Why:")[1]
    assert why.count("Buyer Protection has") == 1, why


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_waiting_for_day_10_with_a_delivered_parcel_says_to_get_the_statement(lang: str) -> None:
    """Walk AW: shipped 4 days ago, "delivered", the seller written to: only "keep an eye on
    the tracking", which says delivered."""
    tr = get_translator(lang)
    contacted = parcel(
        DeliveryStatus.delivered_not_received,
        shipped_ago=4,
        ends_in=56,
        seller={"contacted": True},
    )
    advice = advise_buyer(contacted)
    assert advice.action == "wait" and advice.why == ["rule_3_too_early"]
    card = html.unescape(render_advice(contacted, advice, today=DAY, tr=tr))
    assert tr.gettext(WAIT_FOR_DELIVERED) in card
    statement = contacted.model_copy(update={"evidence": [Evidence.post_office_statement]})
    card = html.unescape(render_advice(statement, advise_buyer(statement), today=DAY, tr=tr))
    assert tr.gettext(WAIT_FOR_DELIVERED) not in card


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_wait_whose_only_date_is_the_first_day_to_open_says_so(lang: str) -> None:
    """Walk of 2026-12-03: shipped 5 days ago, the protection end unknown: "come back no later
    than the dates below" over the first day a dispute can be opened."""
    from handlers.advice_wording import WAIT_UNTIL_OPENING

    tr = get_translator(lang)
    early = parcel(DeliveryStatus.in_transit, shipped_ago=5, ends_in=0).model_copy(
        update={"protection_ends_on": None}
    )
    advice = advise_buyer(early)
    assert advice.action == "wait" and [d.kind for d in advice.deadlines] == ["earliest_open"]
    card = html.unescape(render_advice(early, advice, today=DAY, tr=tr))
    assert tr.gettext(WAIT_UNTIL_OPENING) in card
    assert labels.action_hint(tr, Action.wait) not in card
    known = parcel(DeliveryStatus.in_transit, shipped_ago=5, ends_in=50)
    card = html.unescape(render_advice(known, advise_buyer(known), today=DAY, tr=tr))
    assert tr.gettext(WAIT_UNTIL_OPENING) not in card


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_return_chosen_where_the_full_refund_needs_none_says_so(lang: str) -> None:
    """Walk of 2026-12-03: a counterfeit to send back at the buyer's postage, with no word that
    rule 12's full refund comes without the return."""
    from handlers.return_caveat import RETURN_NOT_NEEDED

    tr = get_translator(lang)
    fake = Situation.model_validate(
        {
            "today": DAY,
            "received": True,
            "problem": "counterfeit",
            "prefer_return": True,
            "price": 45.0,
            "protection_ends_on": DAY + dt.timedelta(days=20),
            "evidence": ["photos"],
        }
    )
    advice = advise_buyer(fake)
    assert advice.solution == "return_and_refund"
    card = html.unescape(render_advice(fake, advice, today=DAY, tr=tr))
    assert tr.gettext(RETURN_NOT_NEEDED) in card
    kept = fake.model_copy(update={"prefer_return": False})
    card = html.unescape(render_advice(kept, advise_buyer(kept), today=DAY, tr=tr))
    assert tr.gettext(RETURN_NOT_NEEDED) not in card
    flawed = Situation.model_validate({**fake.model_dump(), "problem": "damaged", "usable": True})
    card = html.unescape(render_advice(flawed, advise_buyer(flawed), today=DAY, tr=tr))
    assert tr.gettext(RETURN_NOT_NEEDED) not in card


def test_why_of_an_open_dispute_knows_the_sellers_time_has_passed() -> None:
    """Walk AT: opened 12 days ago, both dates passed, and "the seller has to answer"."""
    tr = get_translator("en")
    late = Situation(
        today=DAY,
        received=True,
        problem="damaged",
        price=40,
        dispute=Dispute(stage=Stage.open, opened_on=DAY - dt.timedelta(days=12)),
    )
    card = html.unescape(render_advice(late, decide(late), today=DAY, tr=tr))
    assert tr.gettext(ANSWER_TIME_PASSED_WHY) in card
    assert "the seller has to answer" not in card
    fresh = late.model_copy(
        update={"dispute": Dispute(stage=Stage.open, opened_on=DAY - dt.timedelta(days=1))}
    )
    card = html.unescape(render_advice(fresh, decide(fresh), today=DAY, tr=tr))
    assert "The dispute is open and the seller has to answer." in card


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_received_items_dispute_says_when_protection_is_about_to_end(lang: str) -> None:
    """Walk AS: protection ending in two hours, "open a dispute", risk low, and no word of it."""
    tr = get_translator(lang)
    broken = Situation(
        today=DAY, received=True, problem="damaged", usable=True, price=40, protection_ends_on=DAY
    )
    card = html.unescape(render_advice(broken, decide(broken), today=DAY, tr=tr))
    assert tr.gettext(ENDING_SOON) % {"when": tr.gettext("today")} in card
    later = broken.model_copy(update={"protection_ends_on": DAY + dt.timedelta(days=20)})
    card = html.unescape(render_advice(later, decide(later), today=DAY, tr=tr))
    assert tr.gettext(ENDING_SOON).split("%")[0] not in card


@pytest.mark.parametrize(
    ("shipped_ago", "grace", "action", "ru_days", "late"),
    [
        (4, 10, "wait", "4 дня назад", False),
        (12, 10, "contact_seller", "12 дней назад", True),
        (10, 10, "contact_seller", "10 дней назад", False),
        (12, 20, "contact_seller", "12 дней назад", False),
    ],
)
def test_a_parcel_without_tracking_is_told_how_long_that_may_last(
    shipped_ago: int, grace: int, action: str, ru_days: str, late: bool
) -> None:
    """Review BF: NO_TRACKING_GRACE_DAYS was a setting nothing read. The card's "Why" names it
    and how long it has been, and says "longer than usual" only past it."""
    timers = Timers(no_tracking_grace_days=grace)
    empty = parcel(DeliveryStatus.no_tracking, shipped_ago=shipped_ago, ends_in=20)
    advice = advise_buyer(empty)
    assert advice.action == action
    for lang, days in (("ru", ru_days), ("en", f"{shipped_ago} days ago")):
        tr = get_translator(lang)
        card = html.unescape(render_advice(empty, advice, today=DAY, tr=tr, timers=timers))
        grace_text = tr.ngettext(
            "Tracking may show nothing for up to %(n)s day after shipping.",
            "Tracking may show nothing for up to %(n)s days after shipping.",
            grace,
        ) % {"n": grace}
        assert grace_text in card
        assert days in card
        assert (tr.gettext(LATE_TRACKING) in card) is late


@pytest.mark.parametrize(
    "situation",
    [
        parcel(DeliveryStatus.in_transit, shipped_ago=4, ends_in=20),
        parcel(DeliveryStatus.no_tracking, shipped_ago=30, ends_in=1),
        Situation(today=DAY, received=True, problem="damaged", price=10),
    ],
)
def test_the_tracking_grace_is_said_only_while_a_trackless_parcel_is_awaited(
    situation: Situation,
) -> None:
    tr = get_translator("en")
    card = render_advice(situation, advise_buyer(situation), today=DAY, tr=tr)
    assert "Tracking may show nothing" not in card


@pytest.mark.parametrize(
    ("problem", "usable", "said"),
    [
        ("counterfeit", None, "The item is a counterfeit, not what you paid for"),
        ("wrong_item", None, "You received a different item from the one you ordered"),
        ("damaged", False, "The item cannot be used: a full refund is fair."),
        ("not_as_described", True, "The item differs from its description but can still be used"),
        ("damaged", True, "The item is damaged but can still be used"),
    ],
)
def test_the_reason_for_full_or_partial_names_the_buyers_problem(
    problem: str, usable: bool | None, said: str
) -> None:
    """Walk BC: "the item is missing, cannot be used or is not what you ordered" under a
    counterfeit in hand; "a flaw, but it still does its job" under a dress of the wrong colour."""
    item = Situation(today=DAY, received=True, problem=problem, usable=usable, price=30)
    advice = decide(item)
    own = (*FULL_WHY_BY_PROBLEM.values(), *PARTIAL_WHY_BY_PROBLEM.values(), UNUSABLE_WHY)
    msgid = next(text for text in own if text.startswith(said))
    for lang in ("en", "ru"):
        tr = get_translator(lang)
        card = html.unescape(render_advice(item, advice, today=DAY, tr=tr))
        assert tr.gettext(msgid) in card
        for generic in ("rule_12_full_refund", "rule_14_partial"):
            assert labels.why_text(tr, generic) not in card


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_evidence_is_named_as_the_reason_needs_it(lang: str) -> None:
    """Walk BC: an empty parcel's card listed "photos of the item and the problem"."""
    tr = get_translator(lang)
    empty = Situation(
        today=DAY, received=True, problem="empty_package", price=30, evidence=["photos"]
    )
    card = html.unescape(render_advice(empty, decide(empty), today=DAY, tr=tr))
    named = tr.gettext("photos of the empty parcel and its packaging")
    assert f"✅ {named[:1].upper()}{named[1:]}" in card
    assert labels.evidence_text(tr, "photos") not in card


@pytest.mark.parametrize(("ends_in", "msgid"), [(5, CANCEL_UNTIL), (-2, CANCEL_TOO_LATE)])
def test_the_warning_about_cancelling_says_until_when_it_could_be_undone(
    ends_in: int, msgid: str
) -> None:
    """Walk BJ: "a cancelled dispute can be opened again only while Buyer Protection still
    runs", on a card that never said when it ends."""
    ends = DAY + dt.timedelta(days=ends_in)
    asks = Situation.model_validate(
        {
            "today": DAY,
            "received": True,
            "problem": "damaged",
            "price": 30,
            "protection_ends_on": ends,
            "dispute": {"stage": "seller_asks_to_close", "opened_on": DAY - dt.timedelta(days=3)},
        }
    )
    advice = decide(asks)
    for lang in ("en", "ru"):
        tr = get_translator(lang)
        card = html.unescape(render_advice(asks, advice, today=DAY, tr=tr))
        assert tr.gettext(msgid) % {"date": tr.format_date(ends)} in card


def test_a_confirmed_receipt_says_a_cancelled_dispute_cannot_be_reopened() -> None:
    """Review BL: with receipt confirmed the card promised reopening "until" the protection's
    end, though the confirmation ended it."""
    tr = get_translator("en")
    asks = Situation.model_validate(
        {
            "today": DAY,
            "received": True,
            "problem": "damaged",
            "price": 30,
            "protection_ends_on": DAY + dt.timedelta(days=10),
            "receipt_confirmed_on": DAY - dt.timedelta(days=1),
            "dispute": {"stage": "seller_asks_to_close", "opened_on": DAY - dt.timedelta(days=1)},
        }
    )
    card = html.unescape(render_advice(asks, decide(asks), today=DAY, tr=tr))
    assert labels.warning_text(tr, "closing_is_final") not in card
    # Walk CB: nor "only while Buyer Protection still runs": the confirmation ended it.
    confirmed = tr.gettext(CANCEL_CONFIRMED) % {"date": tr.format_date(DAY - dt.timedelta(days=1))}
    assert confirmed in card


def test_a_return_to_ship_does_not_ask_for_the_disputes_evidence() -> None:
    """Walk BK: "collect the evidence on the list and attach it" under the return's proof."""
    tr = get_translator("en")
    agreed = Situation(
        today=DAY,
        received=True,
        problem="not_working",
        price=40,
        evidence=[],
        dispute=Dispute(stage="return_agreed", since=DAY),
    )
    advice = decide(agreed)
    assert "evidence_missing" in advice.warnings
    card = html.unescape(render_advice(agreed, advice, today=DAY, tr=tr))
    assert labels.warning_text(tr, "evidence_missing") not in card


@pytest.mark.parametrize(
    ("dispute", "kind"),
    [
        ({"stage": "return_shipped", "since": DAY - dt.timedelta(days=32)}, "return_auto_refund"),
        ({"stage": "won", "since": DAY - dt.timedelta(days=20)}, "refund_expected_by"),
    ],
)
def test_a_refund_overdue_heads_the_card_with_what_to_do_now(
    dispute: dict[str, object], kind: str
) -> None:
    """Walk CG: "wait for the refund" at the top days after its date, what to do only under
    the dates."""
    situation = Situation.model_validate(
        {"today": DAY, "received": True, "problem": "wrong_item", "price": 30, "dispute": dispute}
    )
    advice = decide(situation)
    assert advice.action.value == "wait_refund"
    for lang in ("en", "ru"):
        tr = get_translator(lang)
        card = html.unescape(render_advice(situation, advice, today=DAY, tr=tr))
        assert f"👉 {tr.gettext(REFUND_OVERDUE)}" in card
        meaning = tr.gettext(PASSED_MEANING[DeadlineKind(kind)])
        assert card.count(meaning) == 1  # at the top, not again under the dates
        assert labels.action_title(tr, advice.action) not in card
        # Walk CH: nor "the refund comes when the timer runs out" once it has run out.
        assert labels.warning_text(tr, "dont_extend_return_timer") not in card


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("contacted", [False, True])
def test_chat_screenshots_are_asked_as_a_chat_to_have_only_once_written(
    lang: str, contacted: bool
) -> None:
    """Walk CL: "Screenshots of your chat with the seller" to a buyer who had not written."""
    from handlers.advice_card import CHAT_ONCE_WRITTEN

    tr = get_translator(lang)
    situation = parcel(
        DeliveryStatus.no_tracking,
        shipped_ago=40,
        ends_in=1,
        seller={"contacted": contacted},
    )
    advice = decide(situation)
    assert "chat_screenshot" in advice.evidence  # the contract's list is unchanged
    card = render_advice(situation, advice, today=DAY, zone="Europe/Moscow", tr=tr)
    once = tr.gettext(CHAT_ONCE_WRITTEN)
    plain = labels.evidence_text(tr, Evidence.chat_screenshot)
    assert (once in card) is not contacted
    assert plain in card  # a prefix of the longer label too


def _received_confirmed(days_ago: int) -> Situation:
    return Situation.model_validate(
        {
            "today": DAY,
            "received": True,
            "problem": "damaged",
            "receipt_confirmed_on": DAY - dt.timedelta(days=days_ago),
            "price": 20,
        }
    )


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_too_late_by_a_few_days_names_the_day_from_which_it_would_not_be(lang: str) -> None:
    """Walk CM: "в середине ноября" read as the 10th gave "too late" with no word that a later
    day (the 18th) would still leave time to open a dispute."""
    from handlers.date_caveats import TOO_LATE_IF_LATER

    tr = get_translator(lang)
    situation = _received_confirmed(22)
    advice = decide(situation)
    assert advice.action is Action.too_late
    card = render_advice(situation, advice, today=DAY, zone="Europe/Moscow", tr=tr)
    head = tr.gettext(TOO_LATE_IF_LATER).split("%(")[0]
    confirmed, latest = DAY - dt.timedelta(days=22), DAY - dt.timedelta(days=15)
    assert head in card
    assert tr.format_date(confirmed) in card and tr.format_date(latest) in card
    long_ago = _received_confirmed(90)
    far = render_advice(long_ago, decide(long_ago), today=DAY, zone="Europe/Moscow", tr=tr)
    assert tr.format_date(DAY - dt.timedelta(days=15)) not in far


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_an_unknown_protection_end_is_estimated_from_the_shipping_day(lang: str) -> None:
    """Walk CM: 58 days in transit, the end unknown: "wait, nothing to do" with no date."""
    from handlers.date_caveats import USUAL_PROTECTION_END

    tr = get_translator(lang)
    situation = parcel(DeliveryStatus.in_transit, shipped_ago=58, ends_in=0).model_copy(
        update={"protection_ends_on": None}
    )
    card = render_advice(situation, decide(situation), today=DAY, zone="Europe/Moscow", tr=tr)
    usual = DAY + dt.timedelta(days=2)
    assert tr.format_date(usual) in card and relative_day(tr, usual, DAY) in card
    head = tr.gettext(USUAL_PROTECTION_END).split("%(")[0]
    assert head in card
    known = parcel(DeliveryStatus.in_transit, shipped_ago=58, ends_in=20)
    other = render_advice(known, decide(known), today=DAY, zone="Europe/Moscow", tr=tr)
    assert head not in other
    # Walk of 2026-12-03: receipt confirmed, the window counts from the confirmation; a usual
    # end nine days after its last day was named to plan by.
    confirmed = situation.model_copy(
        update={
            "delivery_status": DeliveryStatus.delivered_not_received,
            "receipt_confirmed_on": DAY - dt.timedelta(days=8),
        }
    )
    card = render_advice(confirmed, decide(confirmed), today=DAY, zone="Europe/Moscow", tr=tr)
    assert head not in card and tr.format_date(usual) not in card


@pytest.mark.parametrize(("lang", "tomorrow"), [("ru", "завтра"), ("en", "tomorrow")])
@pytest.mark.parametrize("ends_in", [3, 6])
def test_asking_for_an_extension_says_the_day_to_open_the_dispute_by(
    lang: str, tomorrow: str, ends_in: int
) -> None:
    """Walk B: three days left on a stuck parcel, the card said "open a dispute if they refuse
    or protection is about to end" and the message to the seller asked for 15 more days: now
    it names the day the asking ends and the dispute is opened."""
    tr = get_translator(lang)
    stuck = parcel(
        DeliveryStatus.not_updating, shipped_ago=40, ends_in=ends_in, days_since_tracking_update=20
    )
    advice = decide(stuck)
    assert advice.action is Action.ask_extension
    open_by = next(d.date for d in advice.deadlines if d.kind is DeadlineKind.open_dispute_by)
    card = render_advice(stuck, advice, today=DAY, tr=tr)
    first_lines = card.split("\n")[:2]
    assert tr.format_date(open_by) in first_lines[1]
    assert relative_day(tr, open_by, DAY) in first_lines[1]
    assert (tomorrow in first_lines[1]) == (ends_in == 3)
    assert html.escape(labels.action_hint(tr, advice.action)) not in card
    # Without the day (an end not known) the general hint stays.
    undated = advice.model_copy(update={"deadlines": []})
    assert html.escape(labels.action_hint(tr, advice.action)) in render_advice(
        stuck, undated, today=DAY, tr=tr
    )


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_an_unboxing_video_to_prepare_says_what_to_do_once_the_parcel_is_open(lang: str) -> None:
    """Walk B: "prepare an unboxing video" for an item opened days before."""
    tr = get_translator(lang)
    tip = html.escape(tr.gettext(UNBOXING_MISSING))
    damaged = Situation(today=DAY, received=True, problem="damaged", usable=True, price=40)
    card = render_advice(damaged, decide(damaged), today=DAY, tr=tr)
    assert labels.evidence_text(tr, Evidence.unboxing_video) in card and tip in card
    filmed = damaged.model_copy(update={"evidence": [Evidence.unboxing_video]})
    assert tip not in render_advice(filmed, decide(filmed), today=DAY, tr=tr)
    # Once the dispute is under way, filming the unboxing is long past (walk D).
    opened = damaged.model_copy(update={"dispute": Dispute(stage=Stage.open, opened_on=DAY)})
    assert tip not in render_advice(opened, decide(opened), today=DAY, tr=tr)
