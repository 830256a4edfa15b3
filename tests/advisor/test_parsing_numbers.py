"""Quantities, order numbers and free-text notes."""

import pytest

from advisor.parsing import parse_note, parse_order_number, parse_quantity
from advisor.parsing.numbers import (
    NOTE_EMPTY,
    NOTE_NO_WORDS,
    NOTE_TOO_LONG,
    ORDER_UNREADABLE,
    QUANTITY_OTHER_TOTAL,
    QUANTITY_OUT_OF_RANGE,
    QUANTITY_UNREADABLE,
    read_count,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3", 3), (" 3 ", 3), ("3 шт", 3), ("3 шт.", 3), ("3шт", 3), ("3 штуки", 3),
        ("3 pcs", 3), ("3 pieces", 3), ("0", 0), ("три", 3), ("Three", 3), ("две", 2),
        ("десять", 10), ("ten", 10), ("один", 1), ("10000", 10_000),
    ],
)  # fmt: skip
def test_quantities(text: str, expected: int) -> None:
    assert parse_quantity(text).value == expected


@pytest.mark.parametrize("text", ["", "🙂", "2.5", "3 кг", "много", "3 4", "x" * 500])
def test_unreadable_quantities(text: str) -> None:
    assert parse_quantity(text).error == QUANTITY_UNREADABLE


@pytest.mark.parametrize("text", ["-1", "−2", "10001", "99999999", "9" * 20, "1" + "0" * 300])
def test_quantities_out_of_range(text: str) -> None:
    result = parse_quantity(text)
    assert result.error == QUANTITY_OUT_OF_RANGE
    assert result.params == {"minimum": "0", "maximum": "10000"}


@pytest.mark.parametrize(
    "text",
    ["2 of 3", "2 из 3", "got 2/3", "2 out of 3 pcs", "пришло 2 из 3 шт", "получила только 2 из 3",
     "two of three", "2 шт. из 3"],
)  # fmt: skip
def test_pieces_that_came_of_those_ordered(text: str) -> None:
    # Walk BY: "2 of 3" was unreadable. Asked how many came, the part; asked how many were
    # ordered, the whole.
    assert parse_quantity(text, ordered=3).value == 2
    assert parse_quantity(text).value == 3


def test_pieces_of_another_total_than_ordered_are_asked_again() -> None:
    result = parse_quantity("2 of 5", ordered=3)
    assert result.error == QUANTITY_OTHER_TOTAL and result.params == {"ordered": "3"}
    assert parse_quantity("-2 of 3", ordered=3).error == QUANTITY_UNREADABLE
    assert parse_quantity("0 of 3", ordered=3).value == 0


def test_quantity_bounds_are_parameters() -> None:
    assert parse_quantity("0", minimum=1).error == QUANTITY_OUT_OF_RANGE
    assert parse_quantity("5", minimum=1, maximum=4).params == {"minimum": "1", "maximum": "4"}
    assert parse_quantity("4", minimum=1, maximum=4).value == 4


@pytest.mark.parametrize(
    "text",
    [
        "8181234567890123",
        "8181 2345 6789 0123",
        "8181-2345-6789-0123",
        "Order ID: 8181234567890123",
        "Номер заказа: 8181234567890123",
        "№8181234567890123",
        "#8181234567890123",
        "номер 8181 2345 6789 0123",  # walk N
        "number 8181234567890123",
        "Заказ № 8181234567890123",  # walk R
    ],
)
def test_order_numbers(text: str) -> None:
    assert parse_order_number(text).value == "8181234567890123"


def test_order_number_length_limits() -> None:
    assert parse_order_number("1" * 12).value == "1" * 12
    assert parse_order_number("1" * 20).value == "1" * 20
    assert parse_order_number("1" * 11).error == ORDER_UNREADABLE
    assert parse_order_number("1" * 21).error == ORDER_UNREADABLE


@pytest.mark.parametrize(
    "text", ["", "🙂", "abc", "8181 2345 6789 012x", "RB123456785GB", "12  34"]
)
def test_unreadable_order_numbers(text: str) -> None:
    assert parse_order_number(text).error == ORDER_UNREADABLE


def test_notes_are_trimmed_and_lose_control_characters() -> None:
    assert parse_note("  Коробка мятая\x00, провод\u200b порван \n").value == (
        "Коробка мятая, провод порван"
    )
    assert parse_note("line one\r\nline two").value == "line one\nline two"
    assert parse_note("Broken 🙂").value == "Broken 🙂"


@pytest.mark.parametrize("text", ["🙂", "😡😡😡", "🎧 🎧", "???", "!!! ..."])
def test_notes_without_a_word_are_refused(text: str) -> None:
    """Walk AM: emoji alone went into the English dispute text as the item and the details."""
    assert parse_note(text).error == NOTE_NO_WORDS


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "\x00\x01"])
def test_empty_notes(text: str) -> None:
    assert parse_note(text).error == NOTE_EMPTY


def test_note_length() -> None:
    assert parse_note("a" * 500).value == "a" * 500
    result = parse_note("a" * 501)
    assert result.error == NOTE_TOO_LONG
    assert result.params == {"limit": "500"}
    assert parse_note("a" * 20, max_length=10).params == {"limit": "10"}
    # Walk AU: far too long names the note's own limit too, not the 1,000 of any message.
    huge = parse_note("a" * 10_000)
    assert huge.error == NOTE_TOO_LONG and huge.params == {"limit": "500"}
    assert parse_note("a" * 1500, max_length=2000).value == "a" * 1500


@pytest.mark.parametrize("typed", ["ни одной", "Ни одного.", "нисколько", "ничего", "none"])
def test_none_in_words_is_zero(typed: str) -> None:
    """Walk AE: the question's own hint says "or 0 if none came", and "ни одной" was refused."""
    assert parse_quantity(typed).value == 0


@pytest.mark.parametrize(
    "typed",
    [
        "https://www.aliexpress.com/p/order/detail.html?orderId=8123456789012345",
        "https://m.aliexpress.com/p/order/detail.html?spm=a1z&orderId=8123456789012345&x=1",
        "https://aliexpress.ru/order-list/8123456789012345?filterName=active",
    ],
)
def test_an_order_page_link_gives_its_number(typed: str) -> None:
    """Walk AJ: the order page's address, pasted as it is, was "I could not read the order
    number" though the number is right in it."""
    assert parse_order_number(typed).value == "8123456789012345"


def test_an_item_page_link_is_no_order_number() -> None:
    assert parse_order_number("https://aliexpress.com/item/1005001234567890.html").value is None


@pytest.mark.parametrize(
    ("token", "count"),
    [("двадцать", 20), ("двадцать пять", 25), ("двадцатьпять", 25), ("twenty-five", 25),
     ("thirty one", 31), ("пятнадцать", 15), ("12", 12), ("-3", -3), ("двадцать десять", None),
     ("twenty-a", None), ("five-twenty", None), ("пятьдесят", 50), ("много", None)],
)  # fmt: skip
def test_a_count_in_words_is_read_up_to_compounds_of_tens(token: str, count: int | None) -> None:
    """Walk CH: counts in words stopped at ten."""
    assert read_count(token) == count


@pytest.mark.parametrize(
    ("text", "count"),
    [("only 3", 3), ("got 3", 3), ("i got 3", 3), ("received 3", 3), ("3 came", 3), ("just 3", 3),
     ("only three", 3), ("пришло 7", 7), ("только 7", 7), ("всего 7", 7), ("7 шт пришло", 7),
     ("заказала 5 штук", 5)],
)  # fmt: skip
def test_a_count_said_in_a_few_words_is_read(text: str, count: int) -> None:
    """Walks CI, CJ: "only 3", "пришло 7" were refused at "How many pieces came?"."""
    assert parse_quantity(text).value == count


@pytest.mark.parametrize("text", ["только", "got", "пришло", "only a few"])
def test_the_words_alone_are_no_count(text: str) -> None:
    assert parse_quantity(text).error == QUANTITY_UNREADABLE


@pytest.mark.parametrize(
    ("typed", "ordered", "expected"),
    [
        ("пять штук заказывала", None, 5),
        ("5 штук заказывала", None, 5),
        ("ну 5", None, 5),
        ("вроде 3", None, 3),
        ("about 4 pcs", None, 4),
        ("5 ordered", None, 5),
        ("ну пришло вроде 2 штуки из 5", 5, 2),
        ("ну пришло вроде 2 штуки из 5", None, 5),
    ],
)
def test_counts_said_with_a_hedge_or_a_verb_after_are_read(
    typed: str, ordered: int | None, expected: int
) -> None:
    """Walk CK: "ну 5", "5 штук заказывала", "вроде 2 штуки из 5" were refused."""
    assert parse_quantity(typed, ordered=ordered).value == expected


@pytest.mark.parametrize("typed", ["ну", "около", "вроде бы"])
def test_a_hedge_without_a_count_is_still_no_count(typed: str) -> None:
    assert parse_quantity(typed).error == QUANTITY_UNREADABLE


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("3 cases", 3), ("three cases", 3), ("2 pairs", 2), ("3 чехла", 3), ("got 3 cases", 3)],
)
def test_a_count_may_name_what_it_counts(typed: str, expected: int) -> None:
    """Walk C: "3 cases" was refused as no whole number."""
    assert parse_quantity(typed).value == expected


@pytest.mark.parametrize(
    "typed", ["three or four", "3 or 4", "2 и 3", "3 days ago", "2 lbs", "3 kilos", "a few"]
)
def test_two_counts_or_more_words_are_no_count(typed: str) -> None:
    assert parse_quantity(typed).error == QUANTITY_UNREADABLE
