"""Every code the advice can carry has a real text in Russian and English."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from enum import StrEnum

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor import labels
from advisor.decide import decide
from advisor.models import (
    Action,
    Deadline,
    DeadlineKind,
    DeliveryStatus,
    Evidence,
    Problem,
    Reason,
    Refund,
    Risk,
    Situation,
    Solution,
    Stage,
    WarningCode,
)
from advisor.rules.why import Why
from locales import get_translator

CYRILLIC = re.compile("[а-яА-ЯёЁ]")

TABLES: list[tuple[type[StrEnum], Callable[..., str]]] = [
    (Action, labels.action_title),
    (Action, labels.action_hint),
    (Reason, labels.reason_wording),
    (WarningCode, labels.warning_text),
    (Evidence, labels.evidence_text),
    (DeadlineKind, labels.deadline_text),
    (Risk, labels.risk_text),
    (Risk, labels.risk_level),
    (Solution, labels.solution_text),
    (Refund, labels.refund_text),
    (Why, labels.why_text),
]
CASES = [
    pytest.param(enum, member, text_of, id=f"{text_of.__name__}:{member.value}")
    for enum, text_of in TABLES
    for member in enum
]


@pytest.mark.parametrize(("enum", "member", "text_of"), CASES)
def test_every_code_has_text_in_both_languages(
    enum: type[StrEnum], member: StrEnum, text_of: Callable[..., str]
) -> None:
    english = text_of(get_translator("en"), member)
    russian = text_of(get_translator("ru"), member)
    for text in (english, russian):
        assert text.strip()
        assert text != member.value
        if "_" in member.value:
            assert member.value not in text  # no raw code leaks into the text
    assert CYRILLIC.search(russian), russian
    assert not CYRILLIC.search(english), english
    assert russian != english


def test_labels_accept_plain_strings() -> None:
    tr = get_translator("en")
    assert labels.action_title(tr, "open_dispute") == labels.action_title(tr, Action.open_dispute)
    assert labels.why_text(tr, "rule_4_in_transit_urgent").startswith("Buyer Protection")
    with pytest.raises(ValueError):
        labels.why_text(tr, "rule_99_made_up")


def test_reason_wording_is_aliexpress_wording() -> None:
    en, ru = get_translator("en"), get_translator("ru")
    assert labels.reason_wording(en, Reason.no_tracking_info) == "No tracking information"
    assert labels.solution_text(ru, Solution.return_and_refund) == "Возврат товара и денег"


def test_deadline_line_formats_the_date_per_language() -> None:
    deadline = Deadline(kind=DeadlineKind.protection_ends, date=dt.date(2026, 12, 1))
    assert labels.deadline_line(get_translator("en"), deadline) == (
        "Buyer Protection ends: December 1, 2026"
    )
    russian = labels.deadline_line(get_translator("ru"), deadline)
    assert russian.startswith("Окончание защиты покупателя: 1 декабря 2026")


TODAY = dt.date(2026, 3, 10)
DAY = st.integers(min_value=-60, max_value=60).map(lambda n: TODAY + dt.timedelta(days=n))


@st.composite
def situations(draw: st.DrawFn) -> Situation:
    """Varied situations, received or not, with or without a dispute."""
    received = draw(st.booleans())
    data = {
        "today": TODAY,
        "received": received,
        "price": draw(st.one_of(st.none(), st.floats(min_value=0.5, max_value=500))),
        "shipped_on": draw(st.one_of(st.none(), DAY)),
        "protection_ends_on": draw(st.one_of(st.none(), DAY)),
        "receipt_confirmed_on": draw(st.one_of(st.none(), DAY)),
        "shipping_method": draw(st.sampled_from(["saver", "standard", "unknown"])),
        "not_collected": draw(st.booleans()),
        "usable": draw(st.one_of(st.none(), st.booleans())),
        "prefer_return": draw(st.booleans()),
        "days_since_tracking_update": draw(st.integers(min_value=0, max_value=30)),
        "address_error_by": draw(st.sampled_from(["seller", "buyer"])),
        "seller": {
            "contacted": draw(st.booleans()),
            "extended": draw(st.booleans()),
            "refused_extension": draw(st.booleans()),
        },
        "evidence": draw(st.lists(st.sampled_from(["photos", "tracking_screenshot"]))),
        "dispute": {"stage": draw(st.sampled_from([s.value for s in Stage]))},
    }
    if received:
        data["problem"] = draw(st.sampled_from([p.value for p in Problem]))
    else:
        data["delivery_status"] = draw(st.sampled_from([s.value for s in DeliveryStatus]))
    return Situation.model_validate(data)


@settings(max_examples=150, deadline=None)
@given(situation=situations())
def test_every_why_code_produced_has_a_text(situation: Situation) -> None:
    advice = decide(situation)
    assert advice.why
    for code in advice.why:
        assert Why(code)  # a known code, hence covered by the table test above
        assert labels.why_text(get_translator("ru"), code)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_parcel_not_collected_is_told_to_agree_with_the_seller_first(lang: str) -> None:
    """DOMAIN rule 6 (000): try to agree with the seller first (walk A: the card did not say)."""
    from advisor.rules.why import Why

    words = labels.why_text(get_translator(lang), Why.rule_6_not_collected)
    assert ("agree with the seller" if lang == "en" else "договориться с продавцом") in words
