"""The texts the advisor writes: dispute, seller message, appeal (DOMAIN.md section 6)."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Any

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor import models
from advisor.decide import decide
from advisor.models import (
    Action,
    Advice,
    DeliveryStatus,
    Dispute,
    Evidence,
    Problem,
    Reason,
    Refund,
    Situation,
    Solution,
    Stage,
)
from advisor.policy import advise_buyer
from advisor.texts import (
    EXTENSION_REQUEST_DAYS,
    TEXT_KINDS,
    appeal_text,
    applicable_texts,
    compose_texts,
    dispute_text,
    english_note_hint,
    english_note_needed,
    seller_message,
)
from advisor.timers import Timers
from locales import LOCALES_DIR, get_translator, po_path

TODAY = dt.date(2026, 3, 20)
LANGS = ("en", "ru")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Every snake_case code of the contract: none may leak into a text the buyer pastes.
RAW_CODES = sorted(
    {
        member.value
        for enum in vars(models).values()
        if isinstance(enum, type) and issubclass(enum, StrEnum) and enum is not StrEnum
        for member in enum
        if "_" in member.value
    }
)
RAW_CODE = re.compile(r"\b(" + "|".join(RAW_CODES) + r")\b")

STATUS_FOR: dict[Reason, DeliveryStatus] = {
    Reason.in_transit_protection_expiring: DeliveryStatus.not_updating,
    Reason.no_tracking_info: DeliveryStatus.no_tracking,
    Reason.returned_to_seller: DeliveryStatus.returned_to_seller,
    Reason.customs_holding: DeliveryStatus.at_customs,
    Reason.wrong_address: DeliveryStatus.wrong_address,
    Reason.delivered_not_received: DeliveryStatus.delivered_not_received,
    Reason.invalid_tracking: DeliveryStatus.tracking_other_address,
}


def situation_for(reason: Reason, **extra: Any) -> Situation:
    """A complete situation whose problem is `reason`."""
    fields: dict[str, Any] = {
        "today": TODAY,
        "order_number": "8123456789012345",
        "tracking_number": "LP00123456789012",
        "item": "Wireless earbuds X12",
        "price": 25.0,
        "shipped_on": dt.date(2026, 1, 25),
        "protection_ends_on": dt.date(2026, 3, 25),
    }
    if reason in STATUS_FOR:
        fields |= {
            "received": False,
            "delivery_status": STATUS_FOR[reason],
            "days_since_tracking_update": 16,
            "evidence": [Evidence.tracking_screenshot, Evidence.chat_screenshot],
        }
    else:
        fields |= {
            "received": True,
            "problem": Problem(reason.value),
            "usable": False,
            "quantity_ordered": 5,
            "quantity_received": 3,
            "evidence": [Evidence.unboxing_video, Evidence.photos],
        }
    return Situation(**(fields | extra))


def advice_for(reason: Reason | None, **extra: Any) -> Advice:
    """An open_dispute advice asking a full refund of $25.00, unless told otherwise."""
    fields: dict[str, Any] = {
        "action": Action.open_dispute,
        "reason": reason,
        "solution": Solution.refund_only,
        "refund": Refund.full,
        "amount": 25.0,
        "currency": "USD",
    }
    return Advice(**(fields | extra))


def plain(text: str) -> str:
    """The text with Babel's (narrow) no-break spaces as plain ones."""
    return re.sub("[\xa0\u202f]", " ", text)


def assert_clean(text: str, lang: str) -> None:
    """The invariants of every text: filled in, no codes, English without Cyrillic, short."""
    assert text.strip()
    for leftover in ("%(", "{", "}", "None", ".."):
        assert leftover not in text, (leftover, text)
    assert RAW_CODE.search(text) is None, text
    assert len(text) <= 1500, len(text)
    if lang == "en":
        assert CYRILLIC.search(text) is None, text
    else:
        assert CYRILLIC.search(text) is not None, text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("reason", list(Reason))
def test_dispute_text_for_every_reason_and_language(reason: Reason, lang: str) -> None:
    situation = situation_for(reason)
    advice = advice_for(reason)
    tr = get_translator(lang)
    texts = compose_texts(situation, advice, lang)
    assert set(texts) == {"dispute"}
    text = texts["dispute"][lang]
    assert text == plain(dispute_text(situation, advice, tr))  # pasted: ordinary spaces
    assert_clean(text, lang)
    assert plain(tr.format_money(25.0, "USD")) in text
    assert "8123456789012345" in text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("solution", "refund", "amount", "english"),
    [
        (
            Solution.refund_only,
            Refund.full,
            25.0,
            "I request a full refund of $25.00 (refund only).",
        ),
        (Solution.refund_only, Refund.partial, 7.5, "I request a partial refund of $7.50"),
        (Solution.return_and_refund, Refund.full, 25.0, "a return and a full refund of $25.00"),
        (Solution.refund_only, Refund.full, None, "I request a full refund (refund only)."),
        (Solution.return_and_refund, Refund.full, None, "I request a return and a full refund."),
    ],
)
def test_solution_and_amount_match_the_advice(
    solution: Solution, refund: Refund, amount: float | None, english: str, lang: str
) -> None:
    situation = situation_for(Reason.damaged)
    advice = advice_for(Reason.damaged, solution=solution, refund=refund, amount=amount)
    tr = get_translator(lang)
    text = dispute_text(situation, advice, tr)
    assert english in dispute_text(situation, advice, get_translator("en"))
    if amount is None:
        assert "$" not in text
        assert "25" not in text.replace("8123456789012345", "")
    else:
        assert tr.format_money(amount, "USD") in text


def test_main_problem_comes_first_and_the_list_is_numbered() -> None:
    situation = situation_for(Reason.short_quantity, seller={"contacted": True})
    text = dispute_text(situation, advice_for(Reason.short_quantity), get_translator("en"))
    assert "1. I ordered 5 pcs but received only 3 pcs.\n2. " in text
    assert "The seller has not replied to my messages." in text
    assert "Attached: an unboxing video and photos of everything that came in the package." in text


def test_defect_photos_are_named_as_such() -> None:
    text = dispute_text(
        situation_for(Reason.damaged), advice_for(Reason.damaged), get_translator("en")
    )
    assert "Attached: an unboxing video and photos of the defect." in text
    assert "2. Because of this, the item cannot be used." in text


def test_missing_parts_photos_show_what_came_not_a_defect() -> None:
    # Walk G: a missing charger is no defect.
    text = dispute_text(
        situation_for(Reason.missing_parts),
        advice_for(Reason.missing_parts),
        get_translator("en"),
    )
    assert "photos of everything that came in the package" in text
    assert "defect" not in text


@pytest.mark.parametrize(
    ("reason", "photos"),
    [
        (Reason.expired, "photos of the expiry date"),
        (Reason.counterfeit, "photos of the item and its brand marks"),
        (Reason.wrong_item, "photos of the item"),
        (Reason.not_as_described, "photos of the item"),
    ],
)
def test_photos_without_a_defect_are_named_for_what_they_show(reason: Reason, photos: str) -> None:
    text = dispute_text(situation_for(reason), advice_for(reason), get_translator("en"))
    assert f"Attached: an unboxing video and {photos}." in text
    assert "defect" not in text.split("Attached:")[1]


def test_no_evidence_means_no_attached_line() -> None:
    situation = situation_for(Reason.not_working, evidence=[])
    assert "Attached" not in dispute_text(
        situation, advice_for(Reason.not_working), get_translator("en")
    )


@pytest.mark.parametrize(
    ("ordered", "received", "english", "russian"),
    [
        (5, 3, "I ordered 5 pcs but received only 3 pcs.", "Заказано 5 шт., а пришло только 3 шт."),
        (2, 1, "I ordered 2 pcs but received only 1 pc.", "Заказано 2 шт., а пришло только 1 шт."),
        (4, 0, "I ordered 4 pcs but received none.", "Заказано 4 шт., но не пришло ни одной."),
    ],
)
def test_short_quantity_counts_units(
    ordered: int, received: int, english: str, russian: str
) -> None:
    situation = situation_for(
        Reason.short_quantity, quantity_ordered=ordered, quantity_received=received
    )
    advice = advice_for(Reason.short_quantity)
    texts = compose_texts(situation, advice, "ru")["dispute"]
    assert english in texts["en"]
    assert russian in texts["ru"]


def test_short_quantity_without_a_price_names_the_share() -> None:
    """Walk AS: no price, and "I request a partial refund" said neither how much nor of what,
    while the card said 7/10 of the price."""
    situation = situation_for(
        Reason.short_quantity, quantity_ordered=10, quantity_received=3, price=None, usable=None
    )
    advice = decide(situation)
    assert advice.refund == "partial" and advice.amount is None
    texts = compose_texts(situation, advice, "ru")["dispute"]
    assert "The refund is for the missing 7 pcs: 7/10 of the price I paid." in texts["en"]
    assert "7/10 от уплаченной цены" in texts["ru"]


def test_short_quantity_shows_how_the_partial_refund_is_counted() -> None:
    """Walk F: "a partial refund of RUB 3,150.00" came with neither the price nor the count
    behind it. Review U: not beside another amount asked, which it would argue against."""
    situation = situation_for(
        Reason.short_quantity, quantity_ordered=10, quantity_received=3, price=4500.0, usable=None
    ).model_copy(update={"currency": "RUB"})
    texts = compose_texts(situation, decide(situation), "ru")["dispute"]
    assert (
        "I paid RUB 4,500.00 for 10 pcs; the shortfall of 7 pcs is worth RUB 3,150.00."
        " I request a partial refund of RUB 3,150.00"
    ) in texts["en"]
    assert "за 10 шт., значит, недостача (7 шт.) стоит 3" in plain(texts["ru"])
    one = situation.model_copy(update={"quantity_ordered": 2, "quantity_received": 1})
    english = compose_texts(one, decide(one), "en")["dispute"]["en"]
    assert "the shortfall of 1 pc is worth RUB 2,250.00." in english
    # The dispute asked the whole price: nothing argues for less.
    whole = situation.model_copy(
        update={"dispute": Dispute(stage=Stage.open, opened_on=TODAY, requested_amount=4500)}
    )
    assert "shortfall" not in compose_texts(whole, decide(whole), "en")["dispute"]["en"]
    unpriced = situation.model_copy(update={"price": None})
    english = compose_texts(unpriced, decide(unpriced), "en")["dispute"]["en"]
    assert "I paid RUB" not in english and "shortfall" not in english


def test_a_refused_extension_is_not_a_fact_of_an_item_in_hand() -> None:
    """Review U: an order that arrived (saved before the arrival dropped the seller's answers)
    still said "The seller refused to extend Buyer Protection" in a wrong item's dispute."""
    situation = situation_for(
        Reason.wrong_item, seller={"contacted": True, "responded": True, "refused_extension": True}
    )
    english = compose_texts(situation, decide(situation), "en")["dispute"]["en"]
    assert "refused to extend" not in english
    assert "I contacted the seller, but the problem was not solved." in english


def test_the_reply_to_an_offer_keeps_the_buyers_own_words() -> None:
    """Walk A: "The hoodie is green, not blue." was in the dispute text but not in the reply
    turning the seller's offer down."""
    offer = Dispute(
        stage=Stage.seller_offer,
        offer_solution=Solution.refund_only,
        offer_amount=5,
        requested_solution=Solution.refund_only,
        requested_amount=25,
    )
    situation = situation_for(
        Reason.not_as_described, details="The hoodie is green, not blue.", dispute=offer
    )
    advice = decide(situation)
    assert advice.action == Action.reject_offer
    english = compose_texts(situation, advice, "en")["dispute"]["en"]
    assert "Details: The hoodie is green, not blue." in english
    assert english.index("Details:") < english.index("I request a full refund")


def test_not_received_states_dates_and_tracking_facts() -> None:
    reason = Reason.in_transit_protection_expiring
    texts = compose_texts(situation_for(reason), advice_for(reason), "ru")["dispute"]
    assert "1. The parcel is still in transit and has not been delivered." in texts["en"]
    assert "The tracking has not been updated for at least 16 days." in texts["en"]
    assert "The order was shipped on January 25, 2026, 54 days ago." in texts["en"]
    assert "Buyer Protection ends on March 25, 2026." in texts["en"]
    assert "Tracking number: LP00123456789012" in texts["en"]
    assert "Статус отслеживания не обновлялся как минимум 16 дней." in texts["ru"]
    russian = plain(texts["ru"])
    assert "Срок защиты покупателя заканчивается 25 марта 2026 г.\n" in russian


def test_post_office_statement_is_stated_for_delivered_not_received() -> None:
    reason = Reason.delivered_not_received
    situation = situation_for(reason, evidence=[Evidence.post_office_statement])
    text = dispute_text(situation, advice_for(reason), get_translator("en"))
    assert "The post office confirmed in writing" in text
    assert "statement from the post office" in text


def test_cyrillic_free_text_stays_out_of_both_versions() -> None:
    situation = situation_for(
        Reason.not_working,
        item="Беспроводные наушники",
        details="Левый наушник не заряжается",
        order_number="заказ 8123",
    )
    assert english_note_needed(situation)
    texts = compose_texts(situation, advice_for(Reason.not_working), "ru")["dispute"]
    assert_clean(texts["en"], "en")
    for text in texts.values():
        assert "наушник" not in text
        assert "заказ 8123" not in text


def test_latin_item_and_details_appear_in_both_versions() -> None:
    situation = situation_for(Reason.not_working, details="The left earbud does not charge at all.")
    assert not english_note_needed(situation)
    texts = compose_texts(situation, advice_for(Reason.not_working), "ru")["dispute"]
    assert "Item: Wireless earbuds X12" in texts["en"]
    assert "Details: The left earbud does not charge at all." in texts["en"]
    assert "Товар: Wireless earbuds X12" in texts["ru"]
    assert "The left earbud does not charge at all." in texts["ru"]


def test_the_appeal_copy_in_russian_keeps_a_russian_note() -> None:
    """Walk BO: the support chat reads Russian (DOMAIN §4 `lost`) and the bot offers the Russian
    appeal to send, but the buyer's Russian note was in neither version."""
    note = "Продавец не отвечал, колонка треснула"
    situation = situation_for(Reason.damaged, details=note)
    appeal = compose_texts(situation, advice_for(Reason.damaged, action=Action.appeal), "ru")
    assert note in appeal["appeal"]["ru"]
    assert "колонка" not in appeal["appeal"]["en"]
    # The dispute text's copy still says exactly what the English one does.
    dispute = compose_texts(situation, advice_for(Reason.damaged), "ru")["dispute"]
    assert "колонка" not in dispute["ru"]


def test_a_wrong_address_is_the_sellers_only_where_the_buyer_said_so() -> None:
    """Walk BU: the appeal blamed the seller for an address the buyer said was their own, and
    the late complaint, which never asks whose it was, blamed the seller too."""
    seller = "The seller sent the parcel to a wrong address."
    neutral = "The parcel was sent to a wrong address and did not reach me."
    theirs = situation_for(Reason.wrong_address)
    own = situation_for(Reason.wrong_address, address_error_by="buyer")
    dispute = advice_for(Reason.wrong_address)
    assert seller in compose_texts(theirs, dispute, "en")["dispute"]["en"]
    assert neutral in compose_texts(own, dispute, "en")["dispute"]["en"]
    # A lost dispute's path does not ask whose it was either (walk BW): no claim in the appeal.
    lost = advice_for(Reason.wrong_address, action=Action.appeal)
    assert neutral in compose_texts(own, lost, "en")["appeal"]["en"]
    assert neutral in compose_texts(theirs, lost, "en")["appeal"]["en"]
    late = advice_for(None, action=Action.too_late, solution=None, refund=None, amount=None)
    texts = compose_texts(theirs.model_copy(update={"today": dt.date(2026, 6, 1)}), late, "ru")
    assert neutral in texts["appeal"]["en"] and seller not in texts["appeal"]["en"]


def test_a_parcel_nobody_collected_says_so_beside_its_partial_ask() -> None:
    """Walk BU: "the shipping company returned the parcel" beside a partial refund read as a
    parcel lost by the carrier asked at a third of its price."""
    situation = situation_for(Reason.returned_to_seller, not_collected=True)
    advice = advice_for(Reason.returned_to_seller, refund=Refund.partial, amount=7.5)
    text = compose_texts(situation, advice, "ru")["dispute"]
    assert "I could not collect the parcel at the post office in time" in text["en"]
    assert "Я не успел(а) забрать посылку" in text["ru"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_seller_is_not_told_the_protection_has_ended(lang: str) -> None:
    """Walk of 2026-12-03: the message about a parcel sent back said "Buyer Protection ended
    on ...", which only weakens the buyer's hand; one still running is said."""
    from advisor.texts import seller_message

    tr = get_translator(lang)
    ended = TODAY - dt.timedelta(days=6)
    gone = situation_for(Reason.returned_to_seller, not_collected=True, protection_ends_on=ended)
    advice = advice_for(Reason.returned_to_seller, refund=Refund.partial, amount=7.5)
    message = seller_message(gone, advice, tr)
    assert tr.format_date(ended) not in message
    ahead = TODAY + dt.timedelta(days=9)
    coming = situation_for(Reason.returned_to_seller, not_collected=True, protection_ends_on=ahead)
    assert tr.format_date(ahead) in seller_message(coming, advice, tr)


def test_the_english_note_hint_names_what_was_left_out() -> None:
    """Walk CA: "item name or note" when only the note was not in English."""
    from advisor.texts import ENGLISH_DETAILS_HINT, ENGLISH_ITEM_HINT, ENGLISH_NOTE_HINT

    assert english_note_hint(situation_for(Reason.damaged, details=None)) is None
    assert english_note_hint(situation_for(Reason.damaged, item="Чехол")) == ENGLISH_ITEM_HINT
    note = situation_for(Reason.damaged, details="Треснул экран")
    assert english_note_hint(note) == ENGLISH_DETAILS_HINT
    both = situation_for(Reason.damaged, item="Чехол", details="Треснул экран")
    assert english_note_hint(both) == ENGLISH_NOTE_HINT
    # Walk CB: both left out read "item name or note".
    assert " and " in ENGLISH_NOTE_HINT and " or " not in ENGLISH_NOTE_HINT


def test_english_note_needed_only_for_cyrillic() -> None:
    assert not english_note_needed(situation_for(Reason.damaged, details=None))
    assert english_note_needed(situation_for(Reason.damaged, item="Чехол"))
    assert english_note_needed(situation_for(Reason.damaged, details="Треснул экран"))


def test_longest_inputs_stay_under_the_limit() -> None:
    words = " ".join(["word"] * 500)
    situation = situation_for(
        Reason.customs_holding,
        item=words[:500],
        order_number="1" * 100,
        tracking_number="L" * 100,
        details=words[:2000],
        customs_issue="documents_required",
        evidence=sorted(models.INPUT_EVIDENCE),
        seller={"contacted": True},
    )
    for action in (Action.open_dispute, Action.appeal, Action.contact_seller):
        advice = advice_for(Reason.customs_holding, action=action)
        for kind, versions in compose_texts(situation, advice, "ru").items():
            for lang, text in versions.items():
                assert_clean(text, lang)
                if kind != "seller_message":
                    assert "Details: Word word" in text or "Подробности: Word" in text


ACTION_KINDS = {
    Action.open_dispute: ("dispute",),
    Action.keep_dispute_open: ("dispute",),
    Action.provide_evidence: ("dispute",),
    Action.reject_offer: ("dispute",),
    Action.ask_extension: ("seller_message",),
    Action.contact_seller: ("seller_message",),
    Action.appeal: ("appeal",),
    Action.too_late: ("appeal",),
}


@pytest.mark.parametrize("action", list(Action))
def test_applicable_texts_follow_the_action(action: Action) -> None:
    advice = advice_for(None, action=action)
    kinds = applicable_texts(advice)
    assert kinds == ACTION_KINDS.get(action, ())
    assert set(kinds) <= set(TEXT_KINDS)
    situation = situation_for(Reason.in_transit_protection_expiring)
    assert list(compose_texts(situation, advice, "ru")) == list(kinds)
    for versions in compose_texts(situation, advice, "en").values():
        assert list(versions) == ["en"]


@pytest.mark.parametrize("not_collected", [True, False])
def test_a_parcel_back_for_not_being_collected_gets_a_message_to_the_seller_too(
    not_collected: bool,
) -> None:
    """Rule 6 (000): try to agree with the seller first; walk of 2026-12-03: the card said so
    with no message to send."""
    situation = Situation.model_validate(
        {
            "today": "2026-12-03",
            "received": False,
            "delivery_status": "returned_to_seller",
            "not_collected": not_collected,
            "price": 2490,
            "currency": "RUB",
            "shipped_on": "2026-11-01",
            "protection_ends_on": "2026-12-30",
        }
    )
    advice = advise_buyer(situation)
    assert advice.action is Action.open_dispute
    texts = compose_texts(situation, advice, "ru")
    if not not_collected:
        assert list(texts) == ["dispute"]
        return
    assert list(texts) == ["dispute", "seller_message"]
    english, russian = texts["seller_message"]["en"], texts["seller_message"]["ru"]
    assert "send it to me again, or refund part of the price" in english
    assert "December 28, 2026" in english  # the safe last day to open the dispute
    assert "ещё раз или вернуть часть стоимости" in russian
    assert_clean(english, "en")
    assert_clean(russian, "ru")


@pytest.mark.parametrize(("days", "russian"), [(1, "1 день"), (3, "3 дня"), (21, "21 день")])
def test_extension_request(days: int, russian: str) -> None:
    situation = situation_for(
        Reason.in_transit_protection_expiring, days_since_tracking_update=days
    )
    advice = Advice(action=Action.ask_extension)
    texts = compose_texts(situation, advice, "ru")["seller_message"]
    english = texts["en"]
    assert english.startswith("Hello,")
    assert "Order number: 8123456789012345" in english
    assert "Tracking number: LP00123456789012" in english
    assert "Buyer Protection ends on March 25, 2026." in english
    assert f"Please extend Buyer Protection by {EXTENSION_REQUEST_DAYS} days" in english
    assert f"как минимум {russian}." in texts["ru"]
    for lang, text in texts.items():
        assert_clean(text, lang)


def test_contact_seller_names_the_day_the_dispute_will_be_opened() -> None:
    # A stuck parcel (rule 4): once the seller is asked, the buyer waits; the letter says how
    # long.
    situation = situation_for(Reason.in_transit_protection_expiring, delivery_status="not_updating")
    advice = Advice(action=Action.contact_seller)
    tr = get_translator("en")
    default = seller_message(situation, advice, tr)
    assert "If the problem is not solved by March 23, 2026, I will open a dispute." in default
    assert "The seller" not in default
    early = compose_texts(situation, advice, "en", Timers(open_now_days=4))
    assert "by March 21, 2026," in early["seller_message"]["en"]


@pytest.mark.parametrize("reason", [Reason.no_tracking_info, Reason.delivered_not_received])
def test_contact_seller_names_no_day_where_the_dispute_opens_once_asked(reason: Reason) -> None:
    """Rules 5 and 9 open the dispute as soon as the seller has been asked (walk K: the letter
    promised to wait until two days before protection ends)."""
    situation = situation_for(reason)
    text = seller_message(situation, Advice(action=Action.contact_seller), get_translator("en"))
    assert "If you cannot solve this quickly, I will open a dispute." in text
    assert "March 23" not in text


def test_contact_seller_about_customs_asks_for_the_documents() -> None:
    situation = situation_for(Reason.customs_holding, customs_issue="documents_required")
    text = seller_message(situation, Advice(action=Action.contact_seller), get_translator("en"))
    assert "send me the documents customs needs" in text


def test_contact_seller_leaves_out_a_day_already_past() -> None:
    situation = situation_for(
        Reason.in_transit_protection_expiring,
        delivery_status="not_updating",
        protection_ends_on=TODAY,
    )
    text = seller_message(situation, Advice(action=Action.contact_seller), get_translator("en"))
    assert "I will open a dispute" not in text


@pytest.mark.parametrize("lang", LANGS)
def test_offer_reply_restates_what_is_asked(lang: str) -> None:
    situation = situation_for(
        Reason.not_as_described,
        price=40.0,
        currency="EUR",
        dispute={
            "stage": Stage.seller_offer,
            "offer_solution": Solution.return_and_refund,
            "offer_amount": 5.0,
        },
    )
    advice = advice_for(
        Reason.not_as_described,
        action=Action.reject_offer,
        refund=Refund.partial,
        amount=12.0,
        currency="EUR",
    )
    tr = get_translator(lang)
    text = dispute_text(situation, advice, tr)
    assert_clean(text, lang)
    assert tr.format_money(5.0, "EUR") in text
    assert tr.format_money(12.0, "EUR") in text
    english = dispute_text(situation, advice, get_translator("en"))
    assert english.startswith("I do not accept this offer.")
    assert "I did not agree to send the item back." in english
    assert "PayPal" not in english
    # The buyer never said what they asked: the amount is the one this reply asks for.
    assert "is less than the €12.00 I am asking for." in english
    assert "I requested" not in english


def test_offer_reply_names_the_amount_the_buyer_requested() -> None:
    dispute = {
        "stage": Stage.seller_offer,
        "requested_amount": 30.0,
        "offer_solution": Solution.refund_only,
        "offer_amount": 5.0,
    }
    situation = situation_for(Reason.not_as_described, price=40.0, dispute=dispute)
    advice = advice_for(Reason.not_as_described, action=Action.reject_offer, amount=30.0)
    english = dispute_text(situation, advice, get_translator("en"))
    assert "The amount offered, $5.00, is less than the $30.00 I requested." in english


def test_offplatform_offer_reply_insists_on_aliexpress() -> None:
    situation = situation_for(Reason.not_working, dispute={"stage": Stage.seller_offplatform_offer})
    advice = advice_for(Reason.not_working, action=Action.reject_offer)
    text = dispute_text(situation, advice, get_translator("en"))
    assert "I will only accept a refund through AliExpress" in text
    assert "I request a full refund of $25.00 (refund only)." in text


def test_offplatform_offer_reply_forgets_the_earlier_offer_in_the_dispute() -> None:
    earlier = {"offer_solution": Solution.return_and_refund, "offer_amount": 5.0}
    situation = situation_for(
        Reason.not_working, dispute={"stage": Stage.seller_offplatform_offer, **earlier}
    )
    advice = advice_for(Reason.not_working, action=Action.reject_offer)
    text = dispute_text(situation, advice, get_translator("en"))
    assert "I will only accept a refund through AliExpress" in text
    assert "send the item back" not in text and "amount offered" not in text


def test_advice_without_solution_falls_back_to_the_dispute_request() -> None:
    situation = situation_for(
        Reason.quality,
        dispute={
            "stage": Stage.open,
            "requested_solution": Solution.refund_only,
            "requested_amount": 7.5,
        },
    )
    advice = Advice(action=Action.keep_dispute_open)
    text = dispute_text(situation, advice, get_translator("en"))
    assert "1. The material and quality of the item are worse than described." in text
    assert "I request a partial refund of $7.50 (refund only)." in text


def test_provide_evidence_opens_with_the_evidence_only_when_there_is_some() -> None:
    advice = advice_for(Reason.damaged, action=Action.provide_evidence)
    tr = get_translator("en")
    with_evidence = dispute_text(situation_for(Reason.damaged), advice, tr)
    assert with_evidence.startswith("As requested, I am sending the evidence")
    without = dispute_text(situation_for(Reason.damaged, evidence=[]), advice, tr)
    assert not without.startswith("As requested")


@pytest.mark.parametrize("lang", LANGS)
def test_appeal_after_a_lost_dispute(lang: str) -> None:
    situation = situation_for(Reason.not_working, dispute={"stage": Stage.lost})
    advice = advice_for(Reason.not_working, action=Action.appeal)
    tr = get_translator(lang)
    text = appeal_text(situation, advice, tr)
    assert_clean(text, lang)
    assert tr.format_money(25.0, "USD") in text
    english = appeal_text(situation, advice, get_translator("en"))
    assert "closed in the seller's favour" in english
    assert "I have the evidence ready: an unboxing video and photos of the defect." in english


@pytest.mark.parametrize("lang", LANGS)
def test_an_appeal_after_the_item_went_back_asks_for_the_refund_not_a_return(lang: str) -> None:
    """Walk R: lost after the return was shipped, the appeal asked "a return and a full refund"
    of a buyer who had neither the item nor the money."""
    returned = dt.date(2026, 3, 2)
    dispute = {
        "stage": Stage.lost,
        "requested_solution": "return_and_refund",
        "returned_on": returned,
    }
    situation = situation_for(Reason.damaged, dispute=dispute)
    advice = advice_for(Reason.damaged, action=Action.appeal, solution="return_and_refund")
    tr = get_translator(lang)
    text = appeal_text(situation, advice, tr)
    assert_clean(text, lang)
    english = appeal_text(situation, advice, get_translator("en"))
    assert "I sent the item back on March 2, 2026, as agreed in the dispute" in english
    assert "I request a refund of $25.00." in english and "a return" not in english
    # What proves the return (walk AN: the appeal named only the photos).
    assert "the post office receipt and the tracking number of the return parcel" in english
    assert ("почтовая квитанция" in text) is (lang == "ru")


def test_too_late_complaint() -> None:
    situation = situation_for(
        Reason.damaged, receipt_confirmed_on=dt.date(2026, 2, 1), protection_ends_on=None
    )
    advice = Advice(action=Action.too_late)
    texts = compose_texts(situation, advice, "ru")["appeal"]
    assert "The time to open a dispute for this order has passed" in texts["en"]
    # Why the time has passed, right after the opening: not one of the numbered problems.
    assert "Please help me resolve it. I confirmed receipt on February 1, 2026.\n" in texts["en"]
    assert "2. I confirmed receipt" not in texts["en"]
    assert "I request a full refund of $25.00 (refund only)." in texts["en"]  # unusable: rule 12
    assert "Получение заказа подтверждено 1 февраля 2026 г.\n" in plain(texts["ru"])


def test_appeal_after_a_lost_dispute_does_not_list_the_confirmed_receipt() -> None:
    situation = situation_for(
        Reason.not_working,
        receipt_confirmed_on=dt.date(2026, 2, 1),
        dispute={"stage": Stage.lost},
    )
    advice = advice_for(Reason.not_working, action=Action.appeal)
    english = appeal_text(situation, advice, get_translator("en"))
    assert "confirmed receipt" not in english
    assert "post office receipt" not in english  # nothing was sent back


def test_every_texts_message_is_in_russian_and_english_is_the_source() -> None:
    found = extract_from_dir(
        LOCALES_DIR.parent / "advisor" / "texts",
        method_map=[("**.py", "python")],
        keywords={"N_": None, "gettext": None, "ngettext": (1, 2)},
    )
    ids = {message if isinstance(message, str) else message[0] for _f, _l, message, *_ in found}
    assert len(ids) > 50
    with po_path("ru").open("rb") as po_file:
        catalog = read_po(po_file, locale="ru")
    english = get_translator("en")
    for message_id in ids:
        assert english.gettext(message_id) == message_id
        entry = catalog.get(message_id)
        assert entry is not None, message_id
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        assert all(strings) and not entry.fuzzy, message_id


ITEMS = st.sampled_from([None, "Phone case", "Чехол для телефона", "USB-C cable 2 m"])
DETAILS = st.sampled_from([None, "It stopped working after a day.", "Не работает", "x " * 900])


@st.composite
def cases(draw: st.DrawFn) -> tuple[Situation, Advice]:
    """A random situation with an advice whose action has a text."""
    reason = draw(st.sampled_from(list(Reason)))
    amount = draw(st.one_of(st.none(), st.floats(0.01, 99999, allow_nan=False)))
    currency = draw(st.sampled_from(["USD", "RUB", "EUR"]))
    situation = situation_for(
        reason,
        item=draw(ITEMS),
        details=draw(DETAILS),
        currency=currency,
        order_number=draw(st.sampled_from([None, "8123456789012345"])),
        tracking_number=draw(st.sampled_from([None, "RB123456785GB"])),
        shipped_on=draw(st.sampled_from([None, TODAY, dt.date(2026, 3, 19)])),
        protection_ends_on=draw(st.sampled_from([None, TODAY, dt.date(2026, 3, 1)])),
        days_since_tracking_update=draw(st.one_of(st.none(), st.integers(0, 400))),
        evidence=draw(st.lists(st.sampled_from(sorted(models.INPUT_EVIDENCE)), max_size=7)),
        seller=draw(
            st.fixed_dictionaries({"contacted": st.booleans(), "responded": st.booleans()})
        ),
        dispute=draw(
            st.fixed_dictionaries(
                {
                    "stage": st.sampled_from(list(Stage)),
                    "offer_amount": st.one_of(st.none(), st.floats(0, 100)),
                    "requested_amount": st.one_of(st.none(), st.floats(0, 100)),
                }
            )
        ),
    )
    advice = advice_for(
        draw(st.one_of(st.none(), st.just(reason))),
        action=draw(st.sampled_from(list(ACTION_KINDS))),
        solution=draw(st.sampled_from([None, *Solution])),
        refund=draw(st.sampled_from([None, *Refund])),
        amount=None if amount is None else round(amount, 2),
        currency=None if amount is None else currency,
    )
    return situation, advice


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases(), st.sampled_from(LANGS))
def test_any_case_gives_clean_texts(case: tuple[Situation, Advice], lang: str) -> None:
    situation, advice = case
    texts = compose_texts(situation, advice, lang)
    assert list(texts) == list(applicable_texts(advice))
    for kind, versions in texts.items():
        assert set(versions) == {"en", lang}
        for code, text in versions.items():
            assert_clean(text, code)
            if advice.amount is not None and kind != "seller_message":
                money = get_translator(code).format_money(advice.amount, advice.currency)
                assert plain(money) in text


def decided_situations() -> list[Situation]:
    """A spread of situations across the rule table: every status, problem and stage."""
    base: dict[str, Any] = {
        "today": TODAY,
        "order_number": "8123456789012345",
        "price": 30.0,
        "shipped_on": dt.date(2026, 1, 10),
    }
    found: list[Situation] = []
    for status in DeliveryStatus:
        for ends in (dt.date(2026, 3, 21), dt.date(2026, 3, 25), dt.date(2026, 5, 1), None):
            for seller in ({}, {"contacted": True}, {"refused_extension": True}):
                found.append(
                    Situation(
                        **base,
                        received=False,
                        delivery_status=status,
                        protection_ends_on=ends,
                        days_since_tracking_update=20,
                        seller=seller,
                        tracking_number="RB123456785GB",
                    )
                )
    for problem in Problem:
        for usable in (True, False, None):
            for prefer_return in (True, None):
                found.append(
                    Situation(
                        **base,
                        received=True,
                        problem=problem,
                        usable=usable,
                        prefer_return=prefer_return,
                        quantity_ordered=4,
                        quantity_received=1,
                        protection_ends_on=dt.date(2026, 4, 10),
                        evidence=[Evidence.unboxing_video],
                    )
                )
    for stage in Stage:
        for problem in (Problem.not_working, Problem.quality):
            found.append(
                Situation(
                    **base,
                    received=True,
                    problem=problem,
                    dispute={
                        "stage": stage,
                        "since": dt.date(2026, 3, 15),
                        "opened_on": dt.date(2026, 3, 10),
                        "offer_solution": Solution.return_and_refund,
                        "offer_amount": 5.0,
                    },
                )
            )
    found.append(
        Situation(
            **base, received=True, problem=Problem.damaged, receipt_confirmed_on=dt.date(2026, 1, 2)
        )
    )
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_texts_for_decided_advice(lang: str) -> None:
    decide = pytest.importorskip("advisor.decide").decide
    seen: set[str] = set()
    for situation in decided_situations():
        advice = decide(situation)
        texts = compose_texts(situation, advice, lang)
        assert list(texts) == list(applicable_texts(advice, situation.today))
        seen.update(texts)
        for kind, versions in texts.items():
            for code, text in versions.items():
                assert_clean(text, code)
                if advice.amount is not None and kind != "seller_message":
                    money = get_translator(code).format_money(advice.amount, advice.currency)
                    assert plain(money) in text, (advice, text)
    # The refund's support message needs a refund late (tests/reminders/test_refund_overdue.py).
    assert seen == set(TEXT_KINDS) - {"support"}


@pytest.mark.parametrize("lang", LANGS)
def test_texts_to_paste_have_only_ordinary_spaces(lang: str) -> None:
    situation = situation_for(Reason.not_working, price=747.0, currency="RUB")
    advice = advice_for(Reason.not_working, amount=747.0, currency="RUB")
    composed = compose_texts(situation, advice, lang)
    for by_lang in composed.values():
        for body in by_lang.values():
            assert "\u00a0" not in body and "\u202f" not in body
    assert "RUB 747.00" in composed["dispute"]["en"]


def test_the_end_of_protection_is_listed_in_a_dispute_only_where_it_is_the_point() -> None:
    tr = get_translator("en")
    ends = "Buyer Protection ends on"
    for reason, listed in (
        (Reason.no_tracking_info, False),
        (Reason.delivered_not_received, False),
        (Reason.in_transit_protection_expiring, True),
    ):
        situation = situation_for(reason, protection_ends_on=TODAY + dt.timedelta(days=1))
        text = dispute_text(situation, advice_for(reason), tr)
        assert (ends in text) is listed, (reason, text)
    # A complaint after the window keeps it: it tells support why no dispute was possible.
    late = situation_for(Reason.no_tracking_info, protection_ends_on=TODAY - dt.timedelta(days=30))
    appeal = appeal_text(late, advice_for(Reason.no_tracking_info, action=Action.too_late), tr)
    assert "Buyer Protection ended on" in appeal


def test_a_dispute_for_a_parcel_confirmed_but_not_received_says_so_not_the_protection_end() -> None:
    situation = situation_for(
        Reason.in_transit_protection_expiring,
        receipt_confirmed_on=dt.date(2026, 3, 5),
        protection_ends_on=dt.date(2026, 4, 20),
    )
    advice = advise_buyer(situation)
    assert advice.action == Action.open_dispute
    texts = compose_texts(situation, advice, "ru")["dispute"]
    assert "I confirmed receipt on March 5, 2026, but the parcel has not arrived." in texts["en"]
    assert "Buyer Protection ends" not in texts["en"]
    assert "Получение заказа подтверждено 5 марта 2026 г., но посылка так и не пришла." in plain(
        texts["ru"]
    )


def test_nothing_of_a_short_shipment_says_what_was_ordered() -> None:
    """Rule 13 judges it as an empty parcel; the text still says 10 ordered, none came."""
    from advisor.decide import decide

    situation = situation_for(
        Reason.short_quantity, quantity_ordered=10, quantity_received=0, usable=None
    )
    advice = decide(situation)
    assert advice.reason == "empty_package"
    text = compose_texts(situation, advice, "en")["dispute"]["en"]
    assert "1. I ordered 10 pcs but received none." in text
    assert "arrived empty" not in text


def test_an_appeal_lists_neither_the_protection_end_nor_the_sellers_old_silence() -> None:
    """Walk G: a lost non-receipt appeal listed "Buyer Protection ends on …" as a problem and
    "The seller has not replied to my messages", said before a dispute that has run since."""
    seller = {"contacted": True, "responded": False}
    situation = situation_for(Reason.no_tracking_info, seller=seller, dispute={"stage": Stage.lost})
    advice = advice_for(Reason.no_tracking_info, action=Action.appeal)
    text = appeal_text(situation, advice, get_translator("en"))
    assert "Buyer Protection ends" not in text
    assert "has not replied" not in text
    late = advice_for(Reason.no_tracking_info, action=Action.too_late)
    undisputed = situation.model_copy(update={"dispute": models.Dispute()})
    complaint = appeal_text(undisputed, late, get_translator("en"))
    assert "The seller has not replied to my messages." in complaint


def test_the_answer_to_please_close_says_the_dispute_stays_open() -> None:
    """Review J: it also said "The seller has not replied to my messages" to a seller who had
    just written; what the seller did before the dispute goes only into opening it."""
    silent = {"contacted": True, "responded": False}
    situation = situation_for(
        Reason.not_working, seller=silent, dispute={"stage": Stage.seller_asks_to_close}
    )
    advice = advice_for(Reason.not_working, action=Action.keep_dispute_open)
    text = dispute_text(situation, advice, get_translator("en"))
    assert text.startswith("I will not close this dispute: the problem has not been solved.")
    assert "has not replied" not in text
    opening = dispute_text(
        situation_for(Reason.not_working, seller=silent),
        advice_for(Reason.not_working),
        get_translator("en"),
    )
    assert "The seller has not replied to my messages." in opening


def test_a_late_complaint_asks_what_a_dispute_would_have_asked() -> None:
    """ "Too late" names no amount; the complaint said only "I request a refund.", leaving
    support to guess how much: it asks what rules 4-14 ask, as if protection ended today."""
    from advisor.decide import decide

    window_gone = {"receipt_confirmed_on": TODAY - dt.timedelta(days=60)}
    flawed = situation_for(Reason.damaged, usable=True, price=25.0, currency="EUR", **window_gone)
    advice = decide(flawed)
    assert advice.action == Action.too_late and advice.amount is None
    texts = compose_texts(flawed, advice, "ru")["appeal"]
    assert "I request a partial refund of €7.50 (refund only)." in texts["en"]
    assert "7,50 €" in plain(texts["ru"])
    missing = situation_for(
        Reason.no_tracking_info, price=25.0, protection_ends_on=TODAY - dt.timedelta(days=60)
    )
    late = decide(missing)
    assert late.action == Action.too_late
    assert "I request a full refund of $25.00 (refund only)." in appeal_text(
        missing, late, get_translator("en")
    )
    # No claim to make (the buyer's own size mistake): the complaint asks no amount.
    own_mistake = flawed.model_copy(update={"problem": models.Problem.wrong_size_buyer})
    complaint = appeal_text(own_mistake, decide(own_mistake), get_translator("en"))
    assert "I request a refund." in complaint and "€" not in complaint


def test_an_empty_parcels_photos_are_not_of_the_item() -> None:
    """Walk AE, review AH: "The parcel arrived empty: the item was not inside. Attached: …
    photos of the item." The photos show the empty parcel; a short shipment's, what came."""
    from advisor.decide import decide

    tr = get_translator("en")
    evidence = {"evidence": [models.Evidence.unboxing_video, models.Evidence.photos]}
    empty = situation_for(Reason.empty_package, **evidence)
    text = dispute_text(empty, decide(empty), tr)
    assert "photos of the empty parcel and its packaging" in text
    assert "photos of the item" not in text
    nothing_came = situation_for(
        Reason.short_quantity, quantity_ordered=5, quantity_received=0, usable=None, **evidence
    )
    assert "photos of the empty parcel" in dispute_text(nothing_came, decide(nothing_came), tr)
    short = situation_for(
        Reason.short_quantity, quantity_ordered=5, quantity_received=3, usable=None, **evidence
    )
    assert "photos of everything that came in the package" in dispute_text(short, decide(short), tr)


def test_a_seller_who_never_answered_the_extension_request_did_not_refuse_it() -> None:
    """Walk AJ: "🙅 Seller did not extend" after "they do not answer" made the dispute text say
    "The seller refused to extend Buyer Protection", a claim the seller could rebut."""
    from advisor.decide import decide

    silent = {"contacted": True, "responded": False, "refused_extension": True}
    situation = situation_for(
        Reason.in_transit_protection_expiring,
        seller=silent,
        protection_ends_on=TODAY + dt.timedelta(days=1),
    )
    text = dispute_text(situation, decide(situation), get_translator("en"))
    assert "I asked the seller to extend Buyer Protection; they did not." in text
    assert "refused" not in text
    answered = situation.model_copy(
        update={"seller": models.Seller(**{**silent, "responded": True})}
    )
    assert "The seller refused to extend Buyer Protection." in dispute_text(
        answered, decide(answered), get_translator("en")
    )


@pytest.mark.parametrize(
    ("reason", "video"),
    [
        (Reason.short_quantity, "a video of what came in the parcel"),
        (Reason.wrong_item, "a video of what came in the parcel"),
        (Reason.not_working, "a video of the defect"),
    ],
)
def test_the_video_attached_is_named_for_the_problem(reason: Reason, video: str) -> None:
    """Walk AS: "a video of the defect" for a short shipment, where nothing is defective."""
    situation = situation_for(reason, evidence=[Evidence.defect_video])
    english = dispute_text(situation, advice_for(reason), get_translator("en"))
    assert video in english


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("the seller said he would send another one", "The seller said he would send another one."),
        ("It broke after a day!", "It broke after a day!"),
        ("iPhone 15 case, cracked", "iPhone 15 case, cracked."),
        ("video: https://www.mediafire.com/file/abc", "Video: https://www.mediafire.com/file/abc"),
    ],
)
def test_the_buyers_note_goes_in_as_a_sentence(typed: str, shown: str) -> None:
    """Walk of 2026-12-03: "Details: the seller said he would send another one" read as a
    fragment among the dispute text's sentences."""
    situation = situation_for(Reason.damaged, details=typed)
    english = compose_texts(situation, advice_for(Reason.damaged), "en")["dispute"]["en"]
    assert f"Details: {shown}\n" in english + "\n"
